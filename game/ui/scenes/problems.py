"""A scenario that has errors: every diagnostic, as `salesplay validate` prints it."""

from __future__ import annotations

import pygame

from game.content.loader import load_scenario
from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.widgets import Button, Buttons, panel


class Problems(Scene):
    name = "problems"

    def __init__(self, app, result):
        super().__init__(app)
        self.result = result
        self.first = 0
        self.buttons = Buttons([Button("Back to the library", app.pop, hint="Esc", kind="primary")])
        self.list_box = pygame.Rect(0, 0, 0, 0)

    def handle(self, intent):
        k = intent.kind
        count = len(self.result.diagnostics)
        if k == I.BACK:
            self.app.pop()
            return True
        if k in (I.DOWN, I.UP, I.SCROLL):
            step = 1 if k == I.DOWN else -1 if k == I.UP else -intent.number
            self.first = max(0, min(count - 1, self.first + step))
            return True
        if k == I.RELOAD:
            fresh = load_scenario(self.result.path)
            for i, r in enumerate(self.app.library):
                if r.path == self.result.path:
                    self.app.library[i] = fresh
            self.result = fresh
            self.first = 0
            self.app.toast("Reloaded: no errors now." if fresh.ok else "Reloaded from disk.")
            return True
        return self.buttons.handle(intent)

    def layout(self, stage) -> None:
        self.list_box = stage.rect(40, 150, 1200, 470)
        self.buttons.items[0].rect = stage.rect(40, 640, 320, 52)

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        r = self.result
        errors = len(r.errors)
        head = f"⚠ {errors} error{'s' if errors != 1 else ''} in {r.title or r.path}"
        kit.box(
            surface,
            head,
            "bold",
            app.px("heading"),
            pal.warning,
            st.rect(40, 24, 1200, 56),
            valign="middle",
        )
        kit.box(
            surface,
            f"{r.path} cannot be played until these are fixed. Edit the file, then "
            "press F5 here to check it again.",
            "regular",
            app.px("body"),
            pal.muted,
            st.rect(40, 84, 1200, 60),
        )
        panel(surface, app, self.list_box)
        inner = self.list_box.inflate(-st.px(36), -st.px(28))
        y = inner.top
        for d in r.diagnostics[self.first :]:
            loc = f"line {d.line}, column {d.col} · {d.severity} {d.code}"
            colour = pal.warning if d.is_error else pal.muted
            if y + st.px(64) > inner.bottom:
                kit.line(
                    surface,
                    "More below: ↓ to scroll",
                    "italic",
                    app.px("caption"),
                    pal.muted,
                    (inner.left, inner.bottom - st.px(22)),
                )
                break
            lr = kit.line(
                surface,
                loc,
                "semibold",
                app.px("caption"),
                colour,
                (inner.left, y),
                max_width=inner.width,
            )
            y = lr.bottom + st.px(2)
            box = pygame.Rect(inner.left, y, inner.width, st.px(58))
            ink = kit.box(surface, d.message, "regular", app.px("body"), pal.text, box)
            y = max(ink.bottom, y + st.px(30)) + st.px(16)
        self.buttons.draw(surface, app)
