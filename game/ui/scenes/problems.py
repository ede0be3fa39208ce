"""A scenario that has errors: every diagnostic, as `salesplay validate` prints it."""

from __future__ import annotations

import pygame

from game.content.loader import load_scenario
from game.ui import intents as I
from game.ui.scene import UNHANDLED, Scene
from game.ui.scroll import ScrollView
from game.ui.text import wrap
from game.ui.widgets import Button, Buttons, keycap_width, panel


class Problems(Scene):
    """The list is as tall as its words: each message wraps whole at its size, and the list
    scrolls (wheel, arrows, Page Up/Down, Home/End) with "▼ more" when it does not fit."""

    name = "problems"

    def __init__(self, app, result):
        super().__init__(app)
        self.result = result
        self.buttons = Buttons([Button("Back to the library", app.pop, hint="Esc", kind="primary")])
        self.list_box = pygame.Rect(0, 0, 0, 0)
        self.page = ScrollView()
        self.rows: list[tuple[object, str, int, int]] = []  # (diagnostic, place, top, height)

    @property
    def first(self) -> int:
        """The first diagnostic (0-based) whose row shows at the top of the list."""
        return next(
            (i for i, (_, _, top, h) in enumerate(self.rows) if top + h > self.page.offset), 0
        )

    def handle(self, intent):
        k = intent.kind
        if k == I.BACK:
            self.app.pop()
            return True
        line = self.app.kit.line_height(self.app.px("body"))
        if k in (I.DOWN, I.UP):
            return self.page.to(self.page.offset + (2 * line if k == I.DOWN else -2 * line))
        moved = self.page.handle(intent, line)
        if moved is not UNHANDLED:
            return moved
        if k == I.RELOAD:
            fresh = load_scenario(self.result.path)
            for i, r in enumerate(self.app.library):
                if r.path == self.result.path:
                    self.app.library[i] = fresh
            self.result = fresh
            self.page.offset = 0
            self.layout(self.app.stage)
            self.app.toast("Reloaded: no errors now." if fresh.ok else "Reloaded from disk.")
            return True
        return self.buttons.handle(intent)

    def toast_above(self) -> int | None:
        """Toasts ("Reloaded…") sit above the button, never over it."""
        return self.buttons.items[0].rect.top or None

    def intro(self) -> str:
        if self.result.ok:  # fixed and reloaded here with F5
            return f"{self.result.path} can be played now: Esc, then open it from the library."
        return (
            f"{self.result.path} cannot be played until these are fixed. Edit the file, then "
            "press F5 here to check it again."
        )

    def heading(self) -> str:
        r = self.result
        errors = len(r.errors)
        if r.ok:
            return f"✓ No errors in {r.title or r.path}"
        return f"⚠ {errors} error{'s' if errors != 1 else ''} in {r.title or r.path}"

    def layout(self, stage) -> None:
        app, kit = self.app, self.app.kit
        body, cap, heading = app.px("body"), app.px("caption"), app.px("heading")
        width = stage.px(1200)

        def tall(text, style, px, w=width) -> int:
            return len(wrap(text, kit.font(style, px), max(1, w))) * kit.line_height(px)

        self.head = stage.rect(40, 20, 1200, 0)
        self.head.height = tall(self.heading(), "bold", heading)
        self.intro_box = pygame.Rect(self.head.left, self.head.bottom + stage.px(4), width, 0)
        self.intro_box.height = tall(self.intro(), "regular", body)
        back = self.buttons.items[0]
        back_h = max(stage.px(52), kit.line_height(body) + stage.px(16))
        back_w = keycap_width(app, "Esc") + kit.size(back.label, "semibold", body)[0]
        back.rect = pygame.Rect(0, 0, back_w + stage.px(56), back_h)
        back.rect.bottomleft = stage.rect(40, 704, 0, 0).topleft
        top = self.intro_box.bottom + stage.px(12)
        self.list_box = pygame.Rect(self.head.left, top, width, back.rect.top - stage.px(12) - top)
        inner = self.list_box.inflate(-stage.px(36), -stage.px(28))
        cue_h = kit.line_height(cap)
        view = pygame.Rect(inner.left, inner.top, inner.width, inner.height - cue_h)
        self.cue_box = pygame.Rect(inner.left, view.bottom, inner.width, cue_h)
        self.rows, y = [], 0
        for d in self.result.diagnostics:
            place = f"line {d.line}, column {d.col} · {d.severity} {d.code}"
            h = tall(place, "semibold", cap, inner.width) + stage.px(2)
            h += tall(d.message, "regular", body, inner.width)
            self.rows.append((d, place, y, h))
            y += h + stage.px(16)
        self.page.set(view, max(0, y - stage.px(16)))

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        body, cap, heading = app.px("body"), app.px("caption"), app.px("heading")
        colour = pal.gain if self.result.ok else pal.warning
        kit.box(surface, self.heading(), "bold", heading, colour, self.head, min_px=heading)
        kit.box(surface, self.intro(), "regular", body, pal.muted, self.intro_box, min_px=body)
        panel(surface, app, self.list_box)
        view = self.page.view
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip) if clip else view)
        for d, place, top, h in self.rows:
            y = self.page.top(top)
            if y + h <= view.top or y >= view.bottom:
                continue
            colour = pal.warning if d.is_error else pal.muted
            lh = len(wrap(place, kit.font("semibold", cap), view.width)) * kit.line_height(cap)
            r = pygame.Rect(view.left, y, view.width, lh)
            kit.box(surface, place, "semibold", cap, colour, r, min_px=cap)
            r = pygame.Rect(view.left, r.bottom + st.px(2), view.width, h - lh - st.px(2))
            kit.box(surface, d.message, "regular", body, pal.text, r, min_px=body)
        surface.set_clip(clip)
        cue = self.page.cue_text()  # only when there is more to see
        if cue:
            kit.box(surface, cue, "semibold", cap, pal.accent, self.cue_box, "right", "middle", cap)
        self.buttons.draw(surface, app)
