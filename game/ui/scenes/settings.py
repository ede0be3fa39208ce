"""Settings: text size, text speed, high contrast, reduced motion, timers, choice
shuffling, sound, fullscreen and window size. Left and Right (or Enter, or a click) change a
row; every change is kept. Rows are as tall as their text; when they do not all fit, the list
scrolls (wheel, Page Up/Down; Home/End go to the first and last row) and says so."""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import UNHANDLED, Scene
from game.ui.scroll import ScrollView
from game.ui.settings import TEXT_SPEEDS, WINDOW_SIZES, cycle, step_to
from game.ui.text import wrap
from game.ui.theme import TEXT_SIZES
from game.ui.widgets import Button, Buttons, button_width

TITLE = "Settings"
HINT = "← → change the focused row · kept for next time"

ROWS = (
    "text_size",
    "text_speed",
    "high_contrast",
    "reduced_motion",
    "timers",
    "shuffle_choices",
    "sound",
    "fullscreen",
    "window_size",
)


class SettingsScreen(Scene):
    name = "settings"

    def __init__(self, app):
        super().__init__(app)
        rows = [Button("", lambda k=k: self.change(k, 1), data=k) for k in ROWS]
        rows.append(Button("Done", self.close, hint="Esc", kind="primary"))
        self.buttons = Buttons(rows)
        self.page = ScrollView()  # the rows scroll when large text makes them taller
        self.row_h, self.gap = 48, 8
        self.heights: list[int] = []
        self.tops: list[int] = []
        self.refresh()

    def describe(self, key: str) -> str:
        s = self.app.settings
        on = {True: "on", False: "off"}
        return {
            "text_size": f"Text size: {round(s.text_size * 100)}%",
            "text_speed": f"Text speed: {s.text_speed}"
            + (" (reduced motion shows lines at once)" if s.reduced_motion else ""),
            "high_contrast": f"High contrast: {on[s.high_contrast]}",
            "reduced_motion": f"Reduced motion: {on[s.reduced_motion]}",
            "timers": f"Answer timers: {on[s.timers]}" + ("" if s.timers else " (no time limits)"),
            "shuffle_choices": f"Shuffle choices: {on[s.shuffle_choices]}"
            + ("" if s.shuffle_choices else " (the file's order)"),
            "sound": f"Sound: {on[s.sound]}",
            "fullscreen": f"Fullscreen: {on[s.fullscreen]}  (F11)",
            "window_size": "Window size: {}×{}".format(*s.window_size),
        }[key]

    def refresh(self) -> None:
        for b in self.buttons:
            if b.data:
                b.label = self.describe(b.data)

    def change(self, key: str, step: int) -> None:
        s = self.app.settings
        resize = False
        if key == "text_size":
            s.text_size = step_to(TEXT_SIZES, s.text_size, step)  # stops at the ends
        elif key == "text_speed":
            s.text_speed = cycle(list(TEXT_SPEEDS), s.text_speed, step)
        elif key == "window_size":
            sizes = list(WINDOW_SIZES)
            if s.window_size not in sizes:
                sizes.append(s.window_size)
            s.window_size = cycle(sizes, s.window_size, step)
            s.fullscreen = False
            resize = True
        elif key == "fullscreen":
            s.fullscreen = not s.fullscreen
            resize = True
        else:
            setattr(s, key, not getattr(s, key))
        self.app.apply_settings(resize=resize)
        self.refresh()

    def close(self) -> None:
        self.app.save_settings()
        self.app.pop()

    def handle(self, intent):
        k = intent.kind
        if k in (I.BACK, I.SETTINGS):
            self.close()
            return True
        f = self.buttons.focused
        if k in (I.LEFT, I.RIGHT) and f is not None and f.data:
            self.change(f.data, 1 if k == I.RIGHT else -1)
            return True
        if k in (I.HOME, I.END):
            self.buttons.focus = 0 if k == I.HOME else len(self.rows) - 1
            self.reveal()
            return True
        moved = self.page.handle(intent, self.row_h)
        if moved is not UNHANDLED:
            self.place()
            return moved
        if k in (I.POINT, I.CLICK):
            return self.pointer(intent)
        used = self.buttons.handle(intent)
        self.reveal()
        return used

    def pointer(self, intent) -> bool:
        """Only rows that show take the mouse."""
        for b in self.widgets():
            if b.rect.collidepoint(intent.pos):
                i = self.buttons.items.index(b)
                changed = i != self.buttons.focus
                self.buttons.focus = i
                if intent.kind == I.CLICK:
                    b.activate()
                    return True
                return changed
        return False

    @property
    def rows(self) -> list[Button]:
        return self.buttons.items[:-1]

    def widgets(self) -> list:
        done = self.buttons.items[-1]
        return [b for b in self.rows if self.page.shows(b.rect)] + [done]

    def reveal(self) -> None:
        """Keep the focused row in view (the list scrolls at large text)."""
        i = self.buttons.focus
        if i < len(self.rows):
            top = self.tops[i]
            if self.page.reveal(top, top + self.heights[i]):
                self.place()

    def layout(self, stage) -> None:
        app, kit = self.app, self.app.kit
        body, cap, heading = app.px("body"), app.px("caption"), app.px("heading")
        self.row_h = max(stage.px(48), kit.line_height(body) + stage.px(14))
        self.gap = stage.px(8)
        widest = max(kit.size(self.describe(k), "semibold", body)[0] for k in ROWS)
        width = max(stage.px(700), min(stage.px(1200), widest + stage.px(60)))
        # A label wider than the longest row wraps, and its row grows to hold it.
        inner = width - 2 * stage.px(14)
        lines = [len(wrap(self.describe(k), kit.font("semibold", body), inner)) for k in ROWS]
        self.heights = [max(self.row_h, n * kit.line_height(body) + stage.px(14)) for n in lines]
        self.tops = [sum(h + self.gap for h in self.heights[:i]) for i in range(len(ROWS))]
        left = stage.area.centerx - width // 2
        y = stage.area.top + stage.px(24)
        self.head = pygame.Rect(left, y, width, self.text_h(TITLE, "bold", heading, width))
        y = self.head.bottom + stage.px(4)
        self.hint = pygame.Rect(left, y, width, self.text_h(HINT, "regular", cap, width))
        y = self.hint.bottom + stage.px(12)
        done = self.buttons.items[-1]
        done_w = button_width(app, done, "body", stage.px(300))
        done.rect = pygame.Rect(left, stage.area.bottom - stage.px(24) - self.row_h, done_w, 0)
        done.rect.height = self.row_h
        content = self.tops[-1] + self.heights[-1]
        view = pygame.Rect(left - stage.px(8), y, width + stage.px(16), 0)
        view.height = done.rect.top - stage.px(12) - y
        cue_h = kit.line_height(cap) + stage.px(4)
        if content > view.height:  # a strip above Done says there is more
            view.height -= cue_h
        self.cue_box = pygame.Rect(left, view.bottom, width, cue_h)
        self.row_left, self.row_w = left, width
        self.page.set(view, content + stage.px(4))
        self.place()
        self.reveal()

    def place(self) -> None:
        for b, y, h in zip(self.rows, self.tops, self.heights, strict=True):
            b.rect = pygame.Rect(self.row_left, self.page.top(y), self.row_w, h)

    def text_h(self, text: str, style: str, px: int, width: int) -> int:
        kit = self.app.kit
        return len(wrap(text, kit.font(style, px), max(1, width))) * kit.line_height(px)

    def draw(self, surface) -> None:
        app, pal, kit = self.app, self.app.pal, self.app.kit
        heading, cap = app.px("heading"), app.px("caption")
        kit.box(surface, TITLE, "bold", heading, pal.text, self.head, min_px=heading)
        kit.box(surface, HINT, "regular", cap, pal.muted, self.hint, min_px=cap)
        clip = surface.get_clip()
        surface.set_clip(self.page.view.clip(clip))
        focus = self.buttons.focused
        for b in self.rows:
            if b.rect.colliderect(self.page.view):
                b.draw(surface, app, b is focus)
        surface.set_clip(clip)
        cue = self.page.cue_text()  # only when there is more to see
        if cue:
            kit.box(surface, cue, "semibold", cap, pal.accent, self.cue_box, "right", "middle", cap)
        done = self.buttons.items[-1]
        done.draw(surface, app, done is focus)
