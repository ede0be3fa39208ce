"""The help overlay: every key, on top of whatever screen is open."""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.widgets import Button, Buttons, keycap, panel

KEYS = (
    ("1 – 6", "Say the numbered line"),
    ("↑ ↓ ← →", "Move the focus"),
    ("Tab", "Next button (Shift+Tab: previous)"),
    ("Enter", "Choose, continue, open"),
    ("any key", "Show the buyer's whole line at once"),
    ("Esc", "Back (your run is saved)"),
    ("F1 or ?", "This help"),
    ("F2", "Settings"),
    ("F5", "Reload the scenario file, keeping your place"),
    ("F11", "Fullscreen"),
    ("L · T · S · P", "Library: level, tag menu, easiest first, progress"),
)


class Help(Scene):
    name = "help"
    opaque = False

    def __init__(self, app):
        super().__init__(app)
        self.buttons = Buttons([Button("Close", app.pop, hint="Esc", kind="primary")])
        # A screen with keys of its own (the workshop's) lists them instead.
        below = app.scenes.top
        self.keys = getattr(below, "help_keys", None) or KEYS

    def handle(self, intent):
        if intent.is_key or intent.kind == I.CLICK:
            self.app.pop()
            return True
        return self.buttons.handle(intent)

    def layout(self, stage) -> None:
        self.buttons.items[0].rect = stage.rect(290, 598, 200, 50)

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        box = st.rect(250, 50, 780, 620)
        panel(surface, app, box, fill=pal.panel, border=pal.accent, width=2)
        kit.box(
            surface,
            "Keys",
            "bold",
            app.px("heading"),
            pal.text,
            st.rect(290, 70, 700, 50),
            valign="middle",
        )
        y = 128
        for key, what in self.keys:
            keycap(surface, app, key, st.rect(290, y + 20, 0, 0).topleft)
            kit.box(
                surface,
                what,
                "regular",
                app.px("body"),
                pal.text,
                st.rect(480, y, 520, 40),
                valign="middle",
            )
            y += 42
        kit.box(
            surface,
            "The mouse works too: point and click. Any key closes this.",
            "italic",
            app.px("caption"),
            pal.muted,
            st.rect(510, 598, 480, 50),
            valign="middle",
        )
        self.buttons.draw(surface, app)
