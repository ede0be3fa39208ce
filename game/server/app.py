"""The room's web app (aiohttp): the phone page and its JSON API.

    GET  /                  the phone page (static HTML, CSS and JavaScript, nothing fetched)
    POST /api/teams         {"code"} -> {"teams": [names]}            (403 wrong code)
    POST /api/join          {"code", "team"} -> {"token", "team"}      (403 wrong code, 404 team)
    GET  /api/state         Bearer token -> what this phone may see; `?after=VERSION` waits
                            up to 25 s for something newer (a long poll: idle phones cost nothing)
    POST /api/vote          {"choice": ID} + Bearer token -> the phone's new state
                            (400 hidden or unknown choice, 409 votes closed)

Refusals are JSON `{"error": sentence}`. Every handler runs on the server's own event loop;
what happens in the room goes to the controller as events on a queue (`RoomServer.events`):
`("phones", [count per team])` when a phone joins, and `("vote", ballot, team, team's vote,
phone number, phones of the team that voted)` for every vote taken.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from importlib import resources

from aiohttp import web

from game.server.room import PhoneRoom, Refusal

MAX_BODY = 2048  # bytes: the largest request the API needs is well under 300
LONG_POLL_S = 25.0
SETTLE_S = 0.15  # a woken long poll waits this long, so a burst of teammates' votes is one answer
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # The page runs only its own script and style, and talks only to this server.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
}
STATIC = {
    "/": ("index.html", "text/html"),
    "/phone.js": ("phone.js", "text/javascript"),
    "/phone.css": ("phone.css", "text/css"),
}


class Notifier:
    """Wakes the long polls of one team, or of every team."""

    def __init__(self, teams: int):
        self.events = [asyncio.Event() for _ in range(teams)]

    def wake(self, team: int | None = None) -> None:
        for i in range(len(self.events)) if team is None else (team,):
            event, self.events[i] = self.events[i], asyncio.Event()
            event.set()

    async def wait(self, team: int, timeout: float) -> bool:
        """True when woken, False when the time ran out."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.events[team].wait(), timeout)
            return True
        return False


def refuse(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=HEADERS)


@web.middleware
async def refusals(request: web.Request, handler):
    try:
        return await handler(request)
    except Refusal as r:
        return refuse(r.status, r.message)
    except web.HTTPRequestEntityTooLarge:
        return refuse(413, f"The request is too large (at most {MAX_BODY} bytes).")
    except web.HTTPNotFound:
        return refuse(404, "There is nothing here; open the room's address.")
    except web.HTTPMethodNotAllowed:
        return refuse(405, "That method is not allowed here.")


async def body(request: web.Request) -> dict:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise Refusal(413, f"The request is too large (at most {MAX_BODY} bytes).")
    raw = await request.read()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not isinstance(data, dict):
        raise Refusal(400, 'Send a JSON object, such as {"choice": "ask_cost"}.')
    return data


def make_app(room: PhoneRoom, notifier: Notifier, send) -> web.Application:
    """The app for `room`; `send(event)` hands an event to the controller (never blocks)."""
    pages = {
        path: (resources.files("game.server").joinpath("static", name).read_bytes(), kind)
        for path, (name, kind) in STATIC.items()
    }

    async def page(request: web.Request) -> web.Response:
        content, kind = pages[request.path]
        return web.Response(body=content, content_type=kind, charset="utf-8", headers=HEADERS)

    async def teams(request: web.Request) -> web.Response:
        data = await body(request)
        room.check_code(data.get("code"), request.remote or "?")
        return web.json_response({"teams": list(room.teams)}, headers=HEADERS)

    async def join(request: web.Request) -> web.Response:
        data = await body(request)
        old = request.headers.get("Authorization", "")
        old_token = old[len("Bearer ") :].strip() if old.startswith("Bearer ") else None
        token, team = room.join(
            data.get("code"), data.get("team"), request.remote or "?", old_token
        )
        notifier.wake(team)
        send(("phones", room.phone_counts()))
        return web.json_response({"token": token, "team": room.teams[team]}, headers=HEADERS)

    async def state(request: web.Request) -> web.Response:
        key, phone = room.phone(request.headers.get("Authorization"))
        after = request.query.get("after")
        if after is not None and after == room.etag(phone.team):
            if await notifier.wait(phone.team, LONG_POLL_S):
                await asyncio.sleep(SETTLE_S)
            if key not in room.phones:  # the phone moved to another team meanwhile
                raise Refusal(403, "This phone token is not one the room gave out; join again.")
        return web.json_response(room.state(key, phone), headers=HEADERS)

    async def vote(request: web.Request) -> web.Response:
        key, phone = room.phone(request.headers.get("Authorization"))
        data = await body(request)
        team, team_vote, voted = room.vote(key, phone, data.get("choice"))
        notifier.wake(team)
        send(("vote", room.view.get("ballot"), team, team_vote, phone.number, voted))
        return web.json_response(room.state(key, phone), headers=HEADERS)

    app = web.Application(middlewares=[refusals], client_max_size=MAX_BODY)
    for path in STATIC:
        app.router.add_get(path, page)
    app.router.add_post("/api/teams", teams)
    app.router.add_post("/api/join", join)
    app.router.add_get("/api/state", state)
    app.router.add_post("/api/vote", vote)
    return app
