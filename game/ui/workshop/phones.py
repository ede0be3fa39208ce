"""The projector's side of phone voting: the room server, its QR code, and the votes it brings.

`PhoneLink` owns the `RoomServer` while a round is open. Screens call `pump()` from their
`update` (once a frame at most): it drains the server's queue without waiting and returns what
changed. Nothing here blocks on the network. The web library loads only when a round opens
with phones, so the window starts as fast without them.
"""

from __future__ import annotations

import io
import time

import pygame

from game.errors import GameError

PUMP_MS = 100  # how often a screen looks at the queue while phones are in the room
DRIFT_MS = 1000  # the phones' clock is set again when the laptop's differs from it by this much


class PhoneLink:
    """The room's phones: start, publish what the projector shows, and read their votes."""

    def __init__(
        self, teams, host: str = "127.0.0.1", port: int = 0, clock=time.monotonic, saved=None
    ):
        from game.server.server import RoomServer

        saved = saved or {}
        self.server = RoomServer(
            teams, host=host, port=port, code=saved.get("code", ""), saved=saved
        )
        self.keep = None  # called with `record()` whenever the room's phones change
        self.counts = self.server.room.phone_counts()  # phones per team (a resumed round's too)
        self.voted = [0] * len(teams)  # phones per team that have voted on this ballot
        self.ballot = 0
        self.clock = clock
        self.view: dict | None = None  # the open ballot's view, as last published
        self.sent: tuple[bool, int, float] | None = None  # (running, left ms, when) last sent
        self._qr: pygame.Surface | None = None

    def start(self) -> PhoneLink:
        self.server.start()  # GameError when it cannot listen: the setup says why
        return self

    def stop(self) -> None:
        self.server.stop()

    @property
    def url(self) -> str:
        return self.server.url

    def record(self) -> dict:
        """What the round keeps so a resume listens where the phones last saw it."""
        return {**self.server.room.record, "host": self.server.host, "port": self.server.port}

    @property
    def code(self) -> str:
        return self.server.code

    def qr(self) -> pygame.Surface:
        """The join address as a QR code, drawn once (segno writes the PNG, pygame reads it)."""
        if self._qr is None:
            import segno

            buffer = io.BytesIO()
            segno.make(self.server.join_url, error="m").save(
                buffer, kind="png", scale=10, border=2, dark="#000000", light="#ffffff"
            )
            buffer.seek(0)
            self._qr = pygame.image.load(buffer, "qr.png").convert()
        return self._qr

    def phones(self) -> list[tuple[int, int]]:
        """(phone number, team) for every phone in the room, in the order they joined."""
        return sorted((number, team) for _key, team, number in self.server.room.record["phones"])

    def assign(self, number: int, team: int) -> None:
        """The facilitator moves a phone to another team; the phone is told on its next poll."""
        self.server.assign(number, team)

    # ----- what the room shows -----------------------------------------------------------
    def open_vote(self, workshop, timer_seconds: int = 0) -> None:
        self.ballot += 1
        self.voted = [0] * len(self.counts)
        self._publish_vote(workshop, timer_seconds)

    def _publish_vote(self, workshop, timer_seconds: int) -> None:
        from game.server.view import timing, voting_view

        self.view = voting_view(workshop, self.ballot, timing(timer_seconds))
        self.sent = (True, timer_seconds * 1000, self.clock()) if timer_seconds > 0 else None
        self.server.publish(self.view)

    def sync_timer(self, timer) -> bool:
        """Tell the phones when the laptop's clock was paused, resumed or given more time.

        A running clock is not re-sent each second: phones count down by themselves from what
        they were told. Only a change of state, or a difference of a second or more from where
        the phones' clock should be, publishes again. True when it published.
        """
        from game.server.view import timing

        if self.view is None or self.sent is None or timer.unlimited or timer.ended:
            return False
        running, left, at = self.sent
        now = self.clock()
        expected = left - (now - at) * 1000 if running else left
        if timer.running == running and abs(timer.left_ms - expected) < DRIFT_MS:
            return False
        self.sent = (timer.running, timer.left_ms, now)
        self.view = {**self.view, "timer": timing(timer.seconds, timer.left_ms, timer.running)}
        self.server.publish(self.view)
        return True

    def close(self) -> list[str | None]:
        """Close the ballot on the server; each team's vote as the server counted it.

        Waits for the server's own loop to run one short step (no network), so no vote a phone
        was told was taken is missed and none comes in after.
        """
        return self.server.close()

    def reopen(self, workshop, timer_seconds: int = 0) -> None:
        """The same ballot open again (a reveal with no votes was refused); votes stand."""
        self._publish_vote(workshop, timer_seconds)

    def revealed(self, workshop) -> None:
        from game.server.view import finished_view, revealed_view

        self.view = self.sent = None
        view = finished_view if workshop.finished else revealed_view
        self.server.publish(view(workshop, self.ballot))

    # ----- what the phones sent ----------------------------------------------------------
    def pump(self) -> list[tuple[int, str | None]]:
        """(team, team vote) for every team whose vote changed on the open ballot."""
        changed = []
        for event in self.server.poll():
            if event[0] == "phones":
                self.counts = list(event[1])
                if self.keep is not None:
                    self.keep(self.record())
            elif event[0] == "vote" and event[1] == self.ballot:
                _, _, team, choice, _number, voted = event
                self.voted[team] = voted
                changed.append((team, choice))
        return changed


def start_link(teams, host: str, port: int, saved=None) -> tuple[PhoneLink | None, str]:
    """A started link, or None and the reason it could not listen.

    With `saved` (a resumed round's room) it keeps the room code and the phones' tokens.
    """
    link = PhoneLink(teams, host, port, saved=saved)
    try:
        return link.start(), ""
    except GameError as exc:
        return None, str(exc)
