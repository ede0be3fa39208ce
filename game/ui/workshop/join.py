"""Joining by phone: the QR code, the address and the room code, and each team's phones.

The phones' page opens from the QR code with the code filled in; a phone picks its team.
Enter (or the button) opens the first decision once the room is ready; phones may still join
later. Esc twice leaves the round, which stops the server.
"""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.widgets import Button, Buttons, panel
from game.ui.workshop.look import Look, leave_on_second_escape, team_chip, top_bar
from game.ui.workshop.phones import PUMP_MS


class JoinScreen(Scene):
    name = "workshop-join"

    def __init__(self, app, room):
        super().__init__(app)
        self.look = Look(app)
        self.room = room
        self.link = room.phones
        self.leaving = False
        self.start_button = Button("Open the first decision", self.begin, hint="⏎", kind="primary")
        self.arrange_button = Button("Arrange the phones", self.arrange, hint="T")
        self.buttons = Buttons([self.arrange_button, self.start_button], focus=1)
        self.rects: dict[str, pygame.Rect] = {}
        self.qr_scaled: pygame.Surface | None = None

    def shot_name(self) -> str:
        return "join"

    def enter(self) -> None:
        self.link.server.publish({"phase": "lobby", "ballot": 0, "title": self.room.scenario.title})

    def begin(self) -> None:
        self.app.swap("workshop-vote", self.room)

    def arrange(self) -> None:
        """The facilitator moves phones between teams (see game.ui.workshop.arrange)."""
        self.app.go("workshop-arrange", self.room)

    def handle(self, intent):
        if intent.kind == I.CHAR and intent.text.lower() == "t":
            self.leaving = False
            self.arrange()
            return True
        if intent.kind == I.BACK:
            leave_on_second_escape(self)
            return True
        self.leaving = False
        if intent.kind == I.CONFIRM:
            self.begin()
            return True
        return self.buttons.handle(intent)

    def wake_in(self) -> int | None:
        return PUMP_MS

    def update(self, dt_ms: int) -> bool:
        before = list(self.link.counts)
        self.link.pump()
        return self.link.counts != before  # redraw only when a phone joined

    def layout(self, stage) -> None:
        st = stage
        self.rects = {
            "qr": st.rect(40, 96, 440, 440),
            "info": st.rect(512, 96, 728, 440),
        }
        self.start_button.rect = st.rect(880, 568, 360, 50)
        self.arrange_button.rect = st.rect(520, 568, 340, 50)
        m = len(self.room.teams)
        w = (1232 - 10 * (m - 1)) / m
        self.chip_rects = [st.rect(24 + i * (w + 10), 630, w, 78) for i in range(m)]
        self.qr_scaled = None

    def draw(self, surface) -> None:
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        top_bar(surface, look, f"{self.room.scenario.title} · Join with your phone", "Phones")
        box = self.rects["qr"]
        panel(surface, look, box, fill=(255, 255, 255), radius=18)
        if self.qr_scaled is None:
            side = box.height - st.px(32)
            self.qr_scaled = pygame.transform.scale(self.link.qr(), (side, side))
        surface.blit(self.qr_scaled, self.qr_scaled.get_rect(center=box.center))
        info = self.rects["info"]
        panel(surface, look, info, fill=pal.raised, radius=18)
        inner = info.inflate(-st.px(48), -st.px(40))
        y = inner.top
        lines = [
            ("Scan the code, or open", "regular", look.px("caption"), pal.muted, 44),
            (self.link.url, "bold", look.px("line"), pal.text, 80),
            ("Room code", "regular", look.px("caption"), pal.muted, 44),
            (self.link.code, "bold", round(look.px("line") * 1.6), pal.accent, 110),
            (
                "Pick your team on the phone. Every phone of a team votes; the team's vote is "
                "its phones' majority.",
                "regular",
                look.px("caption"),
                pal.text,
                120,
            ),
        ]
        for text, style, px, colour, h in lines:
            kit.box(
                surface,
                text,
                style,
                px,
                colour,
                pygame.Rect(inner.left, y, inner.width, st.px(h)),
                valign="middle",
            )
            y += st.px(h)
        total = sum(self.link.counts)
        kit.box(
            surface,
            f"{total} phone{'s' if total != 1 else ''} in the room",
            "semibold",
            look.px("caption"),
            pal.text,
            st.rect(24, 568, 480, 50),
            valign="middle",
        )
        focus = self.buttons.focused
        self.start_button.draw(surface, look, self.start_button is focus, "caption")
        self.arrange_button.draw(surface, look, self.arrange_button is focus, "caption")
        for i, team in enumerate(self.room.teams):
            team_chip(surface, look, self.chip_rects[i], team, phones=self.link.counts[i])
