"""The room server: phones on the room's network vote for their team (no pygame here).

`room` holds the phones, tokens and votes; `view` turns the engine's workshop into what the
room shows; `app` is the web app (aiohttp) with the phone page in `static/`; `server` runs it
in its own thread beside the window; `headless` is `salesplay workshop --serve`.
"""
