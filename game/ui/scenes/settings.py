"""Settings: text size, text speed, high contrast, reduced motion, timers, choice
shuffling, sound, fullscreen and window size. Left and Right (or Enter, or a click) change a row; every change is kept."""

from __future__ import annotations

from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.settings import TEXT_SPEEDS, WINDOW_SIZES, cycle, step_to
from game.ui.theme import TEXT_SIZES
from game.ui.widgets import Button, Buttons

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
        return self.buttons.handle(intent)

    def layout(self, stage) -> None:
        for i, b in enumerate(self.buttons):
            b.rect = stage.rect(290, 116 + i * 56, 700, 48)
        self.buttons.items[-1].rect = stage.rect(290, 116 + len(ROWS) * 56 + 8, 300, 48)

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        kit.box(
            surface,
            "Settings",
            "bold",
            app.px("heading"),
            pal.text,
            st.rect(290, 30, 700, 50),
            valign="middle",
        )
        kit.box(
            surface,
            "← → change the focused row · kept for next time",
            "regular",
            app.px("caption"),
            pal.muted,
            st.rect(290, 80, 700, 30),
        )
        self.buttons.draw(surface, app)
