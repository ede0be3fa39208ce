"""The title screen: the game's promise and the player's name."""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.text import wrap
from game.ui.widgets import Button, Buttons, keycap_width, panel

MAX_NAME = 32
TAGLINE = (
    "Sales is leadership. Bring the insight the buyer lacks, aim at the outcome they did "
    "not think possible, and never let price lead."
)
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
        """A column measured from its words: the tagline wraps, the buttons grow with their
        labels (Settings and Help side by side only when both fit), and at large text the
        buyers' faces give way before anything is cut or shrunk."""
        app, kit = self.app, self.app.kit
        big = app.settings.text_size >= 1.5
        body, cap = app.px("body"), app.px("caption")
        self.title_px = round(min(app.px("title"), stage.px(56)) * 1.3)  # the name is a logo
        self.tag_px = app.px("body") if big else app.px("line")
        col_w, tag_w = stage.px(900 if big else 480), stage.px(1100 if big else 880)
        left = stage.rect(640, 0, 0, 0).left - col_w // 2
        tag_left = stage.rect(640, 0, 0, 0).left - tag_w // 2
        row_h = max(stage.px(52), kit.line_height(body) + stage.px(16))
        gap, before = stage.px(10 if big else 16), stage.px(24 if big else 40)
        half = (col_w - stage.px(12)) // 2
        pair = all(self.button_w(b) <= half for b in self.buttons.items[1:3])
        tag_h = len(wrap(TAGLINE, kit.font("regular", self.tag_px), tag_w)) * kit.line_height(
            self.tag_px
        )
        label_h = kit.line_height(cap) + stage.px(4)
        rows = 3 if pair else 4
        column = (
            kit.line_height(self.title_px)
            + tag_h
            + stage.px(12)
            + label_h
            + row_h
            + before
            + rows * row_h
            + (rows - 1) * gap
        )
        faces = stage.px(26 + 84 + 6)
        room = stage.px(720 - 24)
        self.faces = column + faces <= room
        y = stage.area.top + (faces if self.faces else max(stage.px(24), (room - column) // 2))
        self.title_box = pygame.Rect(stage.area.left, y, stage.area.width, 0)
        self.title_box.height = kit.line_height(self.title_px)
        y = self.title_box.bottom
        self.tag_box = pygame.Rect(tag_left, y, tag_w, tag_h)
        y = self.tag_box.bottom + stage.px(12)
        self.label_box = pygame.Rect(left, y, col_w, label_h)
        self.field = pygame.Rect(left, self.label_box.bottom, col_w, row_h)
        y = self.field.bottom + before
        primary, settings, help_, quit_ = self.buttons.items
        primary.rect = pygame.Rect(left, y, col_w, row_h)
        y = primary.rect.bottom + gap
        if pair:
            settings.rect = pygame.Rect(left, y, half, row_h)
            help_.rect = pygame.Rect(left + col_w - half, y, half, row_h)
        else:
            settings.rect = pygame.Rect(left, y, col_w, row_h)
            y = settings.rect.bottom + gap
            help_.rect = pygame.Rect(left, y, col_w, row_h)
        quit_.rect = pygame.Rect(left, help_.rect.bottom + gap, col_w, row_h)

    def button_w(self, b) -> int:
        """The width a button needs for its keycap and its whole label."""
        app, st = self.app, self.app.stage
        label = app.kit.size(b.label, "semibold", app.px("body"))[0]
        return keycap_width(app, b.hint) + label + st.px(14 * 3 + 8)

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        if self.faces:
            buyers = self.lineup()
            side, gap = st.px(84), st.px(20)
            x = st.rect(640, 0, 0, 0).left - (len(buyers) * side + (len(buyers) - 1) * gap) // 2
            for buyer, mood in zip(buyers, LINEUP_MOODS, strict=False):
                face = app.portraits.get(
                    buyer.name, mood, side, buyer.portrait, round_=True, look=buyer.look
                )
                surface.blit(face, (x, st.rect(0, 26, 0, 0).top))
                x += side + gap
        title = self.title_px
        kit.box(
            surface, "Salesplay", "bold", title, pal.text, self.title_box, "center", "middle", title
        )
        tag = self.tag_px
        kit.box(surface, TAGLINE, "regular", tag, pal.muted, self.tag_box, "center", min_px=tag)
        cap = app.px("caption")
        kit.box(surface, "Your name", "semibold", cap, pal.muted, self.label_box, valign="bottom")
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
