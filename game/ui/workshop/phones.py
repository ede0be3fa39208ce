"""The projector's side of phone voting: the room server, its QR code, and the votes it brings.

`PhoneLink` owns the `RoomServer` while a round is open. Screens call `pump()` from their
`update` (once a frame at most): it drains the server's queue without waiting and returns what
changed. Nothing here blocks on the network. The web library loads only when a round opens
with phones, so the window starts as fast without them.
"""

from __future__ import annotations

import io

import pygame

from game.errors import GameError

PUMP_MS = 100  # how often a screen looks at the queue while phones are in the room


class PhoneLink:
    """The room's phones: start, publish what the projector shows, and read their votes."""

    def __init__(self, teams, host: str = "127.0.0.1", port: int = 0):
        from game.server.server import RoomServer

        self.server = RoomServer(teams, host=host, port=port)
        self.counts = [0] * len(teams)  # phones per team
        self.voted = [0] * len(teams)  # phones per team that have voted on this ballot
        self.ballot = 0
        self._qr: pygame.Surface | None = None

    def start(self) -> PhoneLink:
        self.server.start()  # GameError when it cannot listen: the setup says why
        return self

    def stop(self) -> None:
        self.server.stop()

    @property
    def url(self) -> str:
        return self.server.url

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

    # ----- what the room shows -----------------------------------------------------------
    def open_vote(self, workshop, timer_seconds: int = 0) -> None:
        from game.server.view import voting_view

        self.ballot += 1
        self.voted = [0] * len(self.counts)
        timing = {"seconds": timer_seconds, "left": timer_seconds} if timer_seconds else None
        self.server.publish(voting_view(workshop, self.ballot, timing))

    def close(self) -> list[str | None]:
        """Close the ballot on the server; each team's vote as the server counted it.

        Waits for the server's own loop to run one short step (no network), so no vote a phone
        was told was taken is missed and none comes in after.
        """
        return self.server.close()

    def reopen(self, workshop, timer_seconds: int = 0) -> None:
        """The same ballot open again (a reveal with no votes was refused); votes stand."""
        from game.server.view import voting_view

        timing = {"seconds": timer_seconds, "left": timer_seconds} if timer_seconds else None
        self.server.publish(voting_view(workshop, self.ballot, timing))

    def revealed(self, workshop) -> None:
        from game.server.view import finished_view, revealed_view

        view = finished_view if workshop.finished else revealed_view
        self.server.publish(view(workshop, self.ballot))

    # ----- what the phones sent ----------------------------------------------------------
    def pump(self) -> list[tuple[int, str | None]]:
        """(team, team vote) for every team whose vote changed on the open ballot."""
        changed = []
        for event in self.server.poll():
            if event[0] == "phones":
                self.counts = list(event[1])
            elif event[0] == "vote" and event[1] == self.ballot:
                _, _, team, choice, _number, voted = event
                self.voted[team] = voted
                changed.append((team, choice))
        return changed


def start_link(teams, host: str, port: int) -> tuple[PhoneLink | None, str]:
    """A started link, or None and the reason it could not listen."""
    link = PhoneLink(teams, host, port)
    try:
        return link.start(), ""
    except GameError as exc:
        return None, str(exc)
