"""The title screen: the game's promise and the player's name."""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.widgets import Button, Buttons, panel

MAX_NAME = 32
LINEUP_MOODS = ("skeptical", "interested", "pleased", "impressed", "annoyed")


class Title(Scene):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.typed = app.player
        self.buttons = Buttons(
            [
                Button("Open the library", self.go, hint="⏎", kind="primary"),
                Button("Settings", self.settings, hint="F2"),
                Button("Keys and help", self.help, hint="F1"),
                Button("Quit", self.quit, hint="Esc"),
            ]
        )
        self.field = pygame.Rect(0, 0, 0, 0)

    def go(self) -> None:
        self.app.player = self.typed.strip() or "Guest"
        self.app.save_settings()
        self.app.go("library")

    def settings(self) -> None:
        self.app.go("settings")

    def help(self) -> None:
        self.app.go("help")

    def quit(self) -> None:
        self.app.running = False

    def handle(self, intent):
        if intent.kind == I.CHAR or (intent.kind == I.CHOOSE and intent.text):
            if len(self.typed) < MAX_NAME:
                self.typed += intent.text
            return True
        if intent.kind == I.ERASE:
            self.typed = self.typed[:-1]
            return True
        if intent.kind == I.BACK:
            self.quit()
            return True
        if intent.kind == I.CLICK and self.field.collidepoint(intent.pos):
            return True
        return self.buttons.handle(intent)

    def lineup(self) -> list:
        """Up to five buyers from the library, to greet the player."""
        seen, out = set(), []
        for r in self.app.library:
            sc = r.scenario
            if sc is not None and sc.buyer.name not in seen:
                seen.add(sc.buyer.name)
                out.append(sc.buyer)
        return out[:5]

    def layout(self, stage) -> None:
        self.field = stage.rect(400, 352, 480, 56)
        for b, y in zip(self.buttons, (452, 520, 520, 588), strict=True):
            b.rect = stage.rect(400, y, 480, 52)
        self.buttons.items[1].rect = stage.rect(400, 520, 234, 52)
        self.buttons.items[2].rect = stage.rect(646, 520, 234, 52)

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        buyers = self.lineup()
        side, gap = st.px(84), st.px(20)
        x = st.rect(640, 0, 0, 0).left - (len(buyers) * side + (len(buyers) - 1) * gap) // 2
        for buyer, mood in zip(buyers, LINEUP_MOODS, strict=False):
            face = app.portraits.get(
                buyer.name, mood, side, buyer.portrait, round_=True, look=buyer.look
            )
            surface.blit(face, (x, st.rect(0, 26, 0, 0).top))
            x += side + gap
        kit.box(
            surface,
            "Salesplay",
            "bold",
            app.px("title") * 1.3,
            pal.text,
            st.rect(140, 116, 1000, 90),
            align="center",
            valign="middle",
        )
        kit.box(
            surface,
            "Sales is leadership. Bring the insight the buyer lacks, aim at the "
            "outcome they did not think possible, and never let price lead.",
            "regular",
            app.px("line"),
            pal.muted,
            st.rect(200, 210, 880, 96),
            align="center",
        )
        kit.box(
            surface,
            "Your name",
            "semibold",
            app.px("caption"),
            pal.muted,
            st.rect(400, 318, 480, 30),
            valign="bottom",
        )
        panel(surface, app, self.field, fill=pal.panel, border=pal.accent, width=2, radius=10)
        inner = self.field.inflate(-st.px(32), -st.px(8))
        shown = self.typed or "Type your name"
        colour = pal.text if self.typed else pal.muted
        ink = kit.box(surface, shown, "regular", app.px("body"), colour, inner, valign="middle")
        if self.typed:
            x = min(ink.right + st.px(3), inner.right)
            pygame.draw.line(
                surface,
                pal.accent,
                (x, inner.top + st.px(8)),
                (x, inner.bottom - st.px(8)),
                st.px(2),
            )
        self.buttons.draw(surface, app)
