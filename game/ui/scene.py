"""Scenes and the scene stack.

A scene is one screen or overlay. The stack calls `enter` when a scene arrives, `pause` when
another is pushed over it, `resume` when it is on top again, and `exit` when it leaves.
Scenes get `Intent`s (never pygame events), `update(dt_ms)` while they animate, and
`layout(stage)` whenever the window changes size. An overlay sets `opaque = False` so the
scenes below are drawn first.

A scene never imports another: it asks the app for the next one by name
(`app.go("debrief", attempt)`; the names are in `game.ui.navigator`). `handle` returns
`UNHANDLED` for input it has no use for; that input goes on to the scene below, through
overlays down to the first opaque scene, and then to the app (F1 help, F2 settings).
"""

from __future__ import annotations


class _Unhandled:
    """What `Scene.handle` returns for input it did not use. False, like "nothing changed"."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "UNHANDLED"


UNHANDLED = _Unhandled()


class Scene:
    name = "scene"  # the name others ask for it by (`game.ui.navigator`); screenshot names
    opaque = True
    animating = False  # True while an animation (not a countdown) is playing
    wants_text = False  # True while a text box takes typed keys ('?' is then text, not help)

    def __init__(self, app):
        self.app = app

    def shot_name(self) -> str:
        """The screenshot's file name (without .png): screens with steps add their step."""
        return self.name

    # Life cycle.
    def enter(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def exit(self) -> None: ...

    # Work.
    def handle(self, intent):
        """True when the screen changed, False when it used the input for nothing visible,
        `UNHANDLED` to pass the input down the stack."""
        return UNHANDLED

    def update(self, dt_ms: int) -> None:
        """Advance animations and timers by `dt_ms`; called only while `wake_in()` is not None."""

    def wake_in(self) -> int | None:
        """Milliseconds until this scene needs an update, or None when it is still."""
        return None

    def finish_background(self) -> bool:
        """Wait for work this scene shows that runs off the frame loop (the debrief's
        scorecard). For demos, tests and screenshots: the screen a patient player sees.
        True when the screen changed."""
        return False

    def layout(self, stage) -> None: ...

    def paint(self, surface, rect) -> bool:
        """Redraw `rect` alone, cheaply, over pixels kept from the last whole frame (a clock's
        ring, a blink); False when this screen cannot (the app then redraws it clipped)."""
        return False

    def forget_drawn(self) -> None:
        """Drop what the screen keeps drawn from earlier frames, so the next frame draws every
        part afresh (for checks that watch the drawing itself)."""

    def backdrop(self):
        """A picture that covers the whole stage, drawn in place of the app's plain lit stage
        (the conversation's setting); None: the plain stage."""
        return None

    def toast_above(self) -> int | None:
        """A y (window pixels) that a toast must stay above, so it never hides what the
        player acts on; None: the toast's usual place near the bottom is fine."""
        return None

    def draw(self, surface) -> None: ...

    def widgets(self) -> list:
        """The scene's clickable buttons (with their rects), for layout checks."""
        group = getattr(self, "buttons", None)
        return list(group) if group is not None else []


class SceneStack:
    """push / pop / replace, with the life-cycle calls in a predictable order."""

    def __init__(self):
        self._scenes: list[Scene] = []

    def __len__(self) -> int:
        return len(self._scenes)

    def __iter__(self):
        return iter(self._scenes)

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def push(self, scene: Scene) -> Scene:
        if self._scenes:
            self._scenes[-1].pause()
        self._scenes.append(scene)
        scene.enter()
        return scene

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.exit()
        if self._scenes:
            self._scenes[-1].resume()
        return scene

    def replace(self, scene: Scene) -> Scene:
        """Swap the top scene for `scene`; the one below is not resumed in between."""
        if self._scenes:
            self._scenes.pop().exit()
        self._scenes.append(scene)
        scene.enter()
        return scene

    def receivers(self) -> list[Scene]:
        """Who gets input, in order: the top scene, then those under it down to the first
        opaque one."""
        out = []
        for scene in reversed(self._scenes):
            out.append(scene)
            if scene.opaque:
                break
        return out

    def visible(self) -> list[Scene]:
        """The scenes to draw, bottom first: from the topmost opaque scene up."""
        start = 0
        for i in range(len(self._scenes) - 1, -1, -1):
            if self._scenes[i].opaque:
                start = i
                break
        return self._scenes[start:]
