"""Rooms served on 127.0.0.1 for the API tests: a bare server, and a whole headless round."""

from __future__ import annotations

import io
import json
import threading
import time

import pytest

from game.content import load_paths
from game.engine.workshop import Workshop
from game.server.headless import serve_round
from game.server.server import RoomServer
from game.server.view import voting_view
from tests.helpers import SPEC_EXAMPLE


def spec_scenario():
    results, _ = load_paths([SPEC_EXAMPLE])
    return results[0].scenario


class Round:
    """`serve_round` in a thread, as `workshop --serve` runs it; `url` and `code` once listening."""

    def __init__(self, teams, timer: int = 0, scenario=None, **kw):
        self.workshop = Workshop(scenario or spec_scenario(), teams)
        self.out, self.err = io.StringIO(), io.StringIO()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(timer, kw), daemon=True)
        self.thread.start()
        for _ in range(500):  # at most 5 s for the listening line
            if self.out.getvalue() or self.error:
                break
            time.sleep(0.01)
        if self.error:
            raise self.error
        line = json.loads(self.out.getvalue().splitlines()[0])
        self.url, self.code = line["url"], line["code"]

    def _run(self, timer, kw):
        try:
            serve_round(self.workshop, timer=timer, out=self.out, err=self.err, **kw)
        except BaseException as exc:  # noqa: BLE001 - the test reads it
            self.error = exc

    def wait(self, seconds: float = 10) -> None:
        self.thread.join(seconds)
        assert not self.thread.is_alive(), "the round did not end"
        if self.error:
            raise self.error


@pytest.fixture
def served():
    """A bare RoomServer with the spec example's first decision open for votes."""
    scenario = spec_scenario()
    workshop = Workshop(scenario, ["Falcons", "Owls"])
    server = RoomServer(workshop.teams).start()
    server.publish(voting_view(workshop, 1))
    deadline = time.monotonic() + 5
    while server.room.view.get("phase") != "voting" and time.monotonic() < deadline:
        time.sleep(0.005)
    server.workshop = workshop
    yield server
    server.stop()
