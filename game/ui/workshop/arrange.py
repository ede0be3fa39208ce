"""The facilitator arranges the room's phones: one column per team, one card per phone.

Opened from the join screen with T. ↑ ↓ pick a phone, ◀ ▶ move it to the team before or after,
a click moves it to the next team; Enter or Esc goes back to the join screen. Each phone shows
its number ("phone 3") at the top of its page, so the room can say which one is whose. A
moved phone keeps its token and sees its new team at its next request.
"""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.widgets import Button, Buttons, panel
from game.ui.workshop.look import Look, top_bar
from game.ui.workshop.phones import PUMP_MS

CARD_H, CARD_GAP = 40, 6  # units


class PhoneCard(Button):
    """A phone in its team's column."""

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st, kit = look.pal, look.stage, look.kit
        team = self.data[1]
        panel(
            surface,
            look,
            self.rect,
            fill=pal.raised if focused else pal.panel,
            border=pal.accent if focused else team.rgb,
            width=3 if focused else 1,
            radius=8,
        )
        kit.box(
            surface,
            self.label,
            "bold" if focused else "semibold",
            look.px("caption"),
            pal.text,
            self.rect.inflate(-st.px(12), -st.px(4)),
            align="center",
            valign="middle",
        )


class ArrangeScreen(Scene):
    name = "workshop-arrange"

    def __init__(self, app, room):
        super().__init__(app)
        self.look = Look(app)
        self.room = room
        self.link = room.phones
        self.moved: dict[int, int] = {}  # phone -> team, until the server's record shows it
        self.done_button = Button("Back to joining", self.app.pop, hint="⏎", kind="primary")
        self.buttons = Buttons()  # the first phone has the focus
        self.seen = None
        self.rebuild()

    def shot_name(self) -> str:
        return "arrange-phones"

    def phones(self) -> list[tuple[int, int]]:
        """(number, team) per phone, with moves the server has not confirmed yet."""
        return [(n, self.moved.get(n, t)) for n, t in self.link.phones()]

    def rebuild(self) -> None:
        focused = self.buttons.focused
        keep = focused.data[0] if focused is not None and focused.data else None
        cards = [
            PhoneCard(
                f"Phone {n}",
                lambda n=n: self.move(n, 1),
                data=(n, self.room.teams[t], t),
            )
            for n, t in self.phones()
        ]
        items = [*cards, self.done_button]
        focus = next((i for i, c in enumerate(cards) if c.data[0] == keep), None)
        if focus is None:
            focus = 0 if cards and focused is not self.done_button else len(items) - 1
        self.buttons.set(items, focus)
        self.seen = self.link.server.room.record
        self.layout(self.app.stage)
        self.app.dirty = True

    def move(self, number: int, step: int) -> None:
        """Phone `number` to the team `step` columns away (wrapping round)."""
        here = dict(self.phones()).get(number)
        if here is None:
            return
        team = (here + step) % len(self.room.teams)
        self.moved[number] = team
        self.link.assign(number, team)
        self.rebuild()

    def handle(self, intent):
        k = intent.kind
        if k in (I.BACK, I.CONFIRM):  # Enter or Esc: back to the join screen
            self.app.pop()
            return True
        focused = self.buttons.focused
        if k in (I.LEFT, I.RIGHT) and isinstance(focused, PhoneCard):
            self.move(focused.data[0], -1 if k == I.LEFT else 1)
            return True
        if k in (I.UP, I.DOWN) and len(self.buttons) > 1:
            step = -1 if k == I.UP else 1
            self.buttons.focus = (self.buttons.focus + step) % len(self.buttons)
            return True
        return self.buttons.handle(intent)

    def wake_in(self) -> int | None:
        return PUMP_MS

    def update(self, dt_ms: int) -> bool:
        self.link.pump()
        record = self.link.server.room.record
        if record is self.seen:
            return False
        actual = dict(self.link.phones())
        self.moved = {n: t for n, t in self.moved.items() if actual.get(n) not in (None, t)}
        self.rebuild()
        return True

    def layout(self, stage) -> None:
        st = stage
        self.done_button.rect = st.rect(880, 648, 360, 52)
        m = len(self.room.teams)
        gap = 10
        w = (1232 - gap * (m - 1)) / m
        self.columns = [st.rect(24 + i * (w + gap), 124, w, 508) for i in range(m)]
        counts = [0] * m
        for card in self.buttons:
            if isinstance(card, PhoneCard):
                counts[card.data[2]] += 1
        grids = [card_grid(n, w - 12, 508 - 56) for n in counts]
        placed = [0] * m
        for card in self.buttons:
            if not isinstance(card, PhoneCard):
                continue
            team = card.data[2]
            i = placed[team]
            placed[team] += 1
            sub, per, h = grids[team]
            col = self.columns[team]
            cw = (col.width - st.px(12) - st.px(6) * (sub - 1)) // sub
            x = col.left + st.px(6) + (i // per) * (cw + st.px(6))
            y = col.top + st.px(50) + (i % per) * st.px(h + CARD_GAP)
            card.rect = pygame.Rect(x, y, cw, st.px(h))

    def draw(self, surface) -> None:
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        top_bar(surface, look, f"{self.room.scenario.title} · Arrange the phones", "Phones")
        kit.box(
            surface,
            "↑ ↓ pick a phone · ◀ ▶ move it to another team · click: the next team. "
            "Each phone shows its number at the top.",
            "regular",
            look.px("caption"),
            pal.muted,
            st.rect(24, 74, 1232, 42),
            valign="middle",
        )
        counts = [0] * len(self.room.teams)
        for _n, t in self.phones():
            counts[t] += 1
        for i, team in enumerate(self.room.teams):
            col = self.columns[i]
            panel(surface, look, col, fill=pal.panel, border=team.rgb, width=2, radius=12)
            band = pygame.Rect(col.left, col.top, col.width, st.px(8))
            pygame.draw.rect(
                surface,
                team.rgb,
                band,
                border_top_left_radius=st.px(12),
                border_top_right_radius=st.px(12),
            )
            kit.box(
                surface,
                f"{team.name} · {counts[i]}",
                "bold",
                look.px("caption"),
                pal.text,
                pygame.Rect(
                    col.left + st.px(8), col.top + st.px(10), col.width - st.px(16), st.px(36)
                ),
                align="center",
                valign="middle",
            )
        if not any(counts):
            kit.box(
                surface,
                "No phone has joined yet.",
                "regular",
                look.px("body"),
                pal.muted,
                st.rect(24, 300, 1232, 60),
                align="center",
                valign="middle",
            )
        focus = self.buttons.focused
        for b in self.buttons:
            if b.rect.width:
                b.draw(surface, look, b is focus, "caption")


def card_grid(n: int, width: float, height: float) -> tuple[int, int, float]:
    """(columns, cards per column, card height) for `n` phone cards in one team's column.

    One column of 40-unit cards while they fit; then up to four side by side; then shorter
    cards, so every phone of a room of 60 stays on screen and clickable.
    """
    n = max(1, n)
    max_sub = max(1, min(4, int(width // 120)))
    for sub in range(1, max_sub + 1):
        per = -(-n // sub)
        if per * (CARD_H + CARD_GAP) <= height:
            return sub, per, CARD_H
    per = -(-n // max_sub)
    return max_sub, per, max(8.0, height / per - CARD_GAP)
