"""Workshop screens for the projector: setup, each decision's vote and reveal, the scoreboard.

They reuse the window's scene stack, theme, widgets and text kit; `look.Look` draws
everything 1.4× the solo size so the back of the room can read it. The rules stay in
`game.engine.workshop`: these screens only collect votes and show what the engine decided.
"""
