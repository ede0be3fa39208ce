"""The help overlay: every key, on top of whatever screen is open."""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import UNHANDLED, Scene
from game.ui.scroll import ScrollView
from game.ui.text import wrap
from game.ui.widgets import Button, Buttons, keycap, keycap_width, panel

NOTE = "The mouse works too: point and click. Any other key closes this."
NOTE_MORE = "The mouse works too. PgDn or the wheel shows more; any other key closes this."

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
    """Every key in a panel: the keys' column as wide as the widest key, descriptions that
    wrap at their size, and at large text a list that scrolls (wheel, Page Up/Down,
    Home/End) with "▼ more"; any other key closes it."""

    name = "help"
    opaque = False

    def __init__(self, app):
        super().__init__(app)
        self.buttons = Buttons([Button("Close", app.pop, hint="Esc", kind="primary")])
        # A screen with keys of its own (the workshop's) lists them instead.
        below = app.scenes.top
        self.keys = getattr(below, "help_keys", None) or KEYS
        self.page = ScrollView()
        self.rows: list[tuple[str, str, int, int]] = []  # (key, what, lines, height in px)

    def handle(self, intent):
        moved = self.page.handle(intent, self.app.kit.line_height(self.app.px("body")))
        if moved is not UNHANDLED:
            return True
        if intent.is_key or intent.kind == I.CLICK:
            self.app.pop()
            return True
        return self.buttons.handle(intent)

    def layout(self, stage) -> None:
        app, kit = self.app, self.app.kit
        big = app.settings.text_size >= 1.5
        self.box = stage.rect(90, 24, 1100, 672) if big else stage.rect(250, 50, 780, 620)
        inner = self.box.inflate(-stage.px(80), -stage.px(40))
        body, cap = app.px("body"), app.px("caption")
        head_h = kit.line_height(app.px("heading")) + stage.px(8)
        self.head = pygame.Rect(inner.left, inner.top, inner.width, head_h)
        self.key_w = max(keycap_width(app, key) for key, _ in self.keys) + stage.px(24)
        what_w = inner.width - self.key_w
        line = kit.line_height(body)
        self.rows = []
        for key, what in self.keys:
            lines = len(wrap(what, kit.font("regular", body), what_w))
            self.rows.append((key, what, lines, max(stage.px(40), lines * line + stage.px(8))))
        close = self.buttons.items[0]
        close_w = keycap_width(app, "Esc") + kit.size("Close", "semibold", body)[0] + stage.px(60)
        note_w = inner.width - close_w - stage.px(20)
        note_h = max(
            len(wrap(t, kit.font("italic", cap), max(1, note_w))) for t in (NOTE, NOTE_MORE)
        )
        note_h *= kit.line_height(cap)
        close_h = max(stage.px(50), kit.line_height(body) + stage.px(16), note_h)
        close.rect = pygame.Rect(inner.left, inner.bottom - close_h, close_w, close_h)
        self.note = pygame.Rect(inner.right - note_w, close.rect.top, note_w, close_h)
        view_top = self.head.bottom
        cue_h = kit.line_height(cap)
        view = pygame.Rect(inner.left, view_top, inner.width, 0)
        view.height = close.rect.top - stage.px(8) - cue_h - view_top
        self.page.set(view, sum(row[3] for row in self.rows))
        self.cue_box = pygame.Rect(inner.left, view.bottom, inner.width, cue_h)

    def draw(self, surface) -> None:
        app, pal, kit = self.app, self.app.pal, self.app.kit
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        panel(surface, app, self.box, fill=pal.panel, border=pal.accent, width=2)
        heading = app.px("heading")
        kit.box(surface, "Keys", "bold", heading, pal.text, self.head, valign="middle")
        body = app.px("body")
        view = self.page.view
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip) if clip else view)
        y = self.page.top(0)
        line = kit.line_height(body)
        for key, what, lines, h in self.rows:
            if y + h > view.top and y < view.bottom:
                top = y + (h - line * lines) // 2
                keycap(surface, app, key, (view.left, top + line // 2))  # by the first line
                r = pygame.Rect(view.left + self.key_w, top, view.width - self.key_w, h - (top - y))
                kit.box(surface, what, "regular", body, pal.text, r, min_px=body)
            y += h
        surface.set_clip(clip)
        cue = self.page.cue_text()  # only when there is more to see
        if cue:
            cap = app.px("caption")
            kit.box(surface, cue, "semibold", cap, pal.accent, self.cue_box, "right", "middle", cap)
        cap = app.px("caption")
        note = NOTE_MORE if self.page.max_offset else NOTE
        kit.box(surface, note, "italic", cap, pal.muted, self.note, valign="middle")
        self.buttons.draw(surface, app)
