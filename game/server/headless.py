"""`salesplay workshop PATH --serve`: a whole round played by phones, without a window.

The reveal comes when every team has voted, or when the timer runs out (the teams that have
not voted count as '-'; nobody at all is a group of only '-'). The round then goes straight
on: the next decision's view carries the last reveal, so a phone that slept sees it too.
"""

from __future__ import annotations

import json
import queue
import sys
import time

from game.engine.workshop import Workshop
from game.server.server import RoomServer
from game.server.view import finished_view, timing, voting_view

WAIT_STEP_S = 0.5  # the longest the command sleeps on its queue before looking at the clock


def serve_round(
    workshop: Workshop,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    timer: int = 0,
    code: str = "",
    out=None,
    err=None,
) -> None:
    """Listen, print `{"url", "code"}`, play every decision from the phones' votes, then stop."""
    out = out or sys.stdout
    err = err or sys.stderr
    server = RoomServer(workshop.teams, host=host, port=port, code=code).start()
    try:
        out.write(json.dumps({"url": server.url, "code": server.code}) + "\n")
        out.flush()
        ballot = 0
        while not workshop.finished:
            ballot += 1
            votes = wait_for_votes(server, workshop, ballot, timer, err)
            workshop.decide(votes)
        server.publish(finished_view(workshop, ballot + 1))
    finally:
        server.stop()


def wait_for_votes(server: RoomServer, workshop: Workshop, ballot: int, timer: int, err):
    """Open ballot `ballot`, then return the team votes once all are in or the time is up."""
    teams = len(workshop.teams)
    server.publish(voting_view(workshop, ballot, timing(timer)))
    deadline = time.monotonic() + timer if timer > 0 else None
    votes: list[str | None] = [None] * teams
    while True:
        wait = (
            WAIT_STEP_S
            if deadline is None
            else max(0.0, min(WAIT_STEP_S, deadline - time.monotonic()))
        )
        try:
            event = server.events.get(timeout=wait)
        except queue.Empty:
            event = None
        if event is not None and event[0] == "vote" and event[1] == ballot:
            votes[event[2]] = event[3]
        if all(v is not None for v in votes):
            return server.close()
        if deadline is not None and time.monotonic() >= deadline:
            if any(v is not None for v in votes) or workshop.node.timeout is not None:
                return server.close()
            err.write(
                f"salesplay workshop: decision {len(workshop.decisions) + 1}: no team voted and "
                f"node '{workshop.node.id}' has no time limit; the timer starts again.\n"
            )
            err.flush()
            deadline = time.monotonic() + timer
            server.publish(voting_view(workshop, ballot, timing(timer)))
