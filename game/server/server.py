"""The room server in its own thread, beside the window's frame loop or the headless command.

The controller (the window, or `workshop --serve`) never waits on the network: it calls
`publish(view)`, which only schedules the change on the server's loop, and drains `events`
(a `queue.Queue`) with `poll()`, which never blocks. The server listens from `start()` to
`stop()` only, on the address the facilitator chose.
"""

from __future__ import annotations

import asyncio
import queue
import threading

from aiohttp import web

from game.errors import GameError
from game.server.app import Notifier, make_app
from game.server.room import REVEALED, PhoneRoom

START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 5.0


class RoomServer:
    """One round's server: `start()`, then `url`, `code`, `publish()`, `poll()`, `stop()`."""

    def __init__(
        self, teams, *, host: str = "127.0.0.1", port: int = 0, code: str = "", saved=None
    ):
        self.room = PhoneRoom(tuple(teams), code=code)
        if saved:  # a resumed round: the same room code, and its phones' tokens still work
            self.room.restore(saved)
        self.host, self.port = host, port
        self.events: queue.Queue = queue.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._stopping: asyncio.Event | None = None

    @property
    def code(self) -> str:
        return self.room.code

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def join_url(self) -> str:
        """The address a phone opens (what the QR code holds): the page with the code filled in."""
        return f"{self.url}?code={self.code}"

    # ----- the controller's side -------------------------------------------------------
    def start(self) -> RoomServer:
        """Listen; returns once the socket is open. A port in use is a GameError."""
        self._thread = threading.Thread(target=self._run, name="salesplay-room", daemon=True)
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT_S):
            raise GameError("The room server did not start in time.")
        if self._failure is not None:
            raise GameError(
                f"The room server cannot listen on {self.host}:{self.port}: "
                f"{getattr(self._failure, 'strerror', None) or self._failure}. "
                "Pick another address or port."
            ) from self._failure
        return self

    def publish(self, view: dict) -> None:
        """What the room shows now; phones see their part of it on their next request."""
        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._publish, view)

    def close(self) -> list[str | None]:
        """Close the open ballot on the server's loop; returns each team's vote as it stands.

        Every vote a phone was told was taken is in the answer, and any later one is refused,
        so nothing is lost between the last vote and the reveal. Waits only for the server's
        loop (no network), at most a few seconds.
        """
        if self._loop is None or not self._loop.is_running():
            return [None] * len(self.room.teams)
        future = asyncio.run_coroutine_threadsafe(self._close(), self._loop)
        return future.result(STOP_TIMEOUT_S)

    def assign(self, number: int, team: int) -> None:
        """Move phone `number` to `team` (the facilitator's choice); never waits."""
        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._assign, number, team)

    def poll(self) -> list:
        """Every event since the last poll, oldest first; never waits."""
        out = []
        while True:
            try:
                out.append(self.events.get_nowait())
            except queue.Empty:
                return out

    def stop(self) -> None:
        """Stop listening; phones waiting on a long poll get the last view first."""
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            loop.call_soon_threadsafe(self._begin_stop)
            thread.join(STOP_TIMEOUT_S)
        self._thread = None

    def __enter__(self) -> RoomServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ----- the server's thread ---------------------------------------------------------
    def _publish(self, view: dict) -> None:
        self.room.publish(view)
        self._notifier.wake()

    def _assign(self, number: int, team: int) -> None:
        room = self.room
        old = room.assign(number, team)
        if old is None:
            return
        self._notifier.wake(old)
        self._notifier.wake(team)
        self.events.put_nowait(("phones", room.phone_counts()))
        ballot = room.view.get("ballot")
        voted = sum(1 for k in room.votes if room.phones[k].team == old)
        self.events.put_nowait(("vote", ballot, old, room.team_vote(old), number, voted))

    async def _close(self) -> list[str | None]:
        room = self.room
        votes = [room.team_vote(t) for t in range(len(room.teams))]
        room.publish({**room.view, "phase": REVEALED, "choices": []})
        self._notifier.wake()
        return votes

    def _begin_stop(self) -> None:
        self._notifier.wake()
        if self._stopping is not None:
            self._stopping.set()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._serve(loop))
        except Exception as exc:  # noqa: BLE001 - handed to start(), which raises it as ours
            self._failure = exc
        finally:
            self._ready.set()
            self._loop = None
            loop.close()

    async def _serve(self, loop) -> None:
        self._notifier = Notifier(len(self.room.teams))
        self._stopping = asyncio.Event()
        app = make_app(self.room, self._notifier, self.events.put_nowait)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            self.port = runner.addresses[0][1]
        except OSError as exc:
            self._failure = exc
            self._ready.set()
            await runner.cleanup()
            return
        self._loop = loop
        self._ready.set()
        await self._stopping.wait()
        await asyncio.sleep(0.05)  # let woken long polls answer before the sockets close
        await runner.cleanup()
