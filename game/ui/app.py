"""The window and its event-driven loop, and what every scene shares.

The loop sleeps in SDL (`game.ui.wait`) while nothing moves, so an idle screen costs no CPU;
it redraws only when an intent or an animation changed something, and a small change (a
ticking clock, a blink) only its own pixels. Scenes read the look
(`pal`, `kit`, `stage`, `px(role)`), the library, the store and the settings from here.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import time
import warnings

import pygame

from game.errors import GameError
from game.ui import intents as I
from game.ui import navigator
from game.ui.layout import MIN_SIZE, Stage
from game.ui.scene import UNHANDLED, SceneStack
from game.ui.settings import Settings
from game.ui.text import TextKit, wrap
from game.ui.theme import FLOOR_PX, TYPE_SCALE, palette

# What the window has imported by now (pygame, the standard library, its own modules) lasts as
# long as the process: the cycle collector is told to leave it out of its passes. Walking it
# again took some 1.3 ms of the library's first frame (a pass while the screens' modules were
# imported), and every full pass in play walked it too.
gc.freeze()


def now_ms() -> int:
    """Milliseconds on a monotonic clock.

    Not `pygame.time.get_ticks()`: it reads 0 unless the whole of pygame was initialised, and
    the window initialises only the display and fonts (start-up time, no audio device needed).
    """
    return time.monotonic_ns() // 1_000_000


def margins(bounds: pygame.Rect, area: pygame.Rect) -> list[pygame.Rect]:
    """The parts of `bounds` outside `area` (the letterbox round a 16:9 stage)."""
    out = [
        pygame.Rect(bounds.left, bounds.top, bounds.width, area.top - bounds.top),
        pygame.Rect(bounds.left, area.bottom, bounds.width, bounds.bottom - area.bottom),
        pygame.Rect(bounds.left, area.top, area.left - bounds.left, area.height),
        pygame.Rect(area.right, area.top, bounds.right - area.right, area.height),
    ]
    return [r for r in out if r.width > 0 and r.height > 0]


class Analyses:
    """The scenario's scorecard (game.engine.scorecard), made once per version, off the loop.

    The analysis is imported when a screen first asks for it: the library does not."""

    @property
    def scorecard(self):
        return importlib.import_module("game.engine.scorecard")

    def prefetch(self, scenario) -> None:
        """Start making it on a worker thread, so the debrief rarely waits."""
        self.scorecard.prefetch(scenario)

    def get(self, scenario):
        """The scorecard (best, worst and best commodity runs); waits if it is being made."""
        return self.scorecard.scorecard_for(scenario)

    def ready(self, scenario):
        """The scorecard if it is made, else None (and it is started); never waits."""
        return self.scorecard.ready(scenario)


STORE_CHECK_MS = 500  # how often the loop looks at the store while a save is pending
STORE_RETRY_MS = 2000  # how often it asks the store to try an unsaved write again


class App:
    """Owns the window, the scene stack and the shared look; `run()` is the loop."""

    def __init__(
        self,
        paths,
        *,
        player: str = "",
        mode: str = "practice",
        data_dir=None,
        size: tuple[int, int] | None = None,
        store=None,
        use_store: bool = True,
    ):
        self.paths = [os.fspath(p) for p in paths]
        self.mode = mode
        self.player_folder = None  # the player's own scenario folder, when the library has one
        self.recall = False  # answers in the rep's own words: the last choice, this session
        self.data_dir = data_dir
        self.store = store
        self._open_store = use_store and store is None  # opened by start(), after the scenarios
        self._size = tuple(size) if size else None
        self._player = player
        self.settings = Settings()
        self.player = player
        self.choice_seed: int | None = None  # fixes new attempts' choice order (play --seed)
        self.scenes = SceneStack()
        self._analyses = None
        self._portraits = None
        self._backdrops = None
        self._sounds = None
        self._key_text = ""  # what the last KEYDOWN typed, so its TEXTINPUT is not typed twice
        self.loading_ms = 0.0
        self.kit: TextKit | None = None
        self.library: list = []
        self.unreadable: list[str] = []
        self.surface = None
        self.stage = Stage(*self.settings.window_size)
        self.pal = palette(self.settings.high_contrast)
        self.dirty = True
        self.patches: list = []  # rects to redraw when only a small part changed
        self.running = False
        self.toast_text = ""
        self.toast_ms = 0
        self.banner = ""  # the store's lasting "progress not saved, retrying" line
        self._owns_store = False  # opened here, so closed here (writing what is still queued)
        self._retry_ms = 0
        self.frames = 0
        self.waiter = None  # game.ui.wait.Waiter, made when the loop first runs
        self._lit_stage: tuple | None = None  # (area and palette, the plain stage's bands)

    # ----- start-up -------------------------------------------------------------------
    @property
    def analyses(self) -> Analyses:
        if self._analyses is None:
            self._analyses = Analyses()
        return self._analyses

    # The buyers' faces and the settings' backdrops read the scenario model: their modules
    # are imported when a screen first draws one, after the scenarios are loaded.
    @property
    def portraits(self):
        """game.ui.portraits.Portraits: every buyer's face, drawn once per mood and size."""
        if self._portraits is None:
            self._portraits = importlib.import_module("game.ui.portraits").Portraits()
        return self._portraits

    @property
    def backdrops(self):
        """game.ui.backdrops.Backdrops: the settings behind the conversation."""
        if self._backdrops is None:
            self._backdrops = importlib.import_module("game.ui.backdrops").Backdrops()
        return self._backdrops

    def cue(self, name: str) -> None:
        """Play a sound cue if sound is on (the mixer starts on the first one)."""
        if self._sounds is None:  # its module too: the first frame makes no sound
            self._sounds = importlib.import_module("game.ui.sound").Sounds()
        self._sounds.enabled = self.settings.sound
        self._sounds.play(name)

    def read_settings(self) -> None:
        """The player's kept settings, then what the command line asked for."""
        if self._open_store:
            # Imported after the scenarios are loaded (their model is the loader's): the
            # store's own modules, not the scenarios', are what opening it costs.
            self.store = importlib.import_module("game.store").open_store(self.data_dir)
            self._open_store = False
            self._owns_store = self.store is not None
            if self.store is not None:
                self.store.start_background()  # saves never hold up a frame
        self.settings = Settings.from_dict(self._stored_settings())
        if self._size:
            self.settings.window_size = self._size
            self.settings.fullscreen = False
        self.player = self._player or self.settings.player
        self.stage = Stage(*self.settings.window_size)
        self.pal = palette(self.settings.high_contrast)

    def _stored_settings(self) -> dict:
        if self.store is None:
            return {}
        try:
            return self.store.load_settings() or {}
        except GameError:
            return {}

    def open_window(self) -> None:
        # SDL's default window surface on X11 is a texture drawn through OpenGL: every update,
        # however small, uploads and presents the whole window (6-9 ms of CPU a frame with
        # Mesa's software GL, as on Xvfb or a machine without a GPU). The window system's own
        # framebuffer sends only the changed rects (0.05 ms for the clock's ring). A player can
        # still choose with the same variable.
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Salesplay")
        self.kit = TextKit()
        self._set_mode()
        if self.store is not None and self.store.notice:
            self.toast(self.store.notice, 6000)

    def _set_mode(self) -> None:
        try:
            if self.settings.fullscreen:
                self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                self.surface = pygame.display.set_mode(self.settings.window_size, pygame.RESIZABLE)
        except pygame.error:
            self.settings.fullscreen = False
            self.surface = pygame.display.set_mode(self.settings.window_size, pygame.RESIZABLE)
        # pygame-ce 2.5 offers no other handle on the display module's window, and calls this
        # one deprecated; older versions lack it. The layout copes with small windows anyway.
        with warnings.catch_warnings(), contextlib.suppress(AttributeError, pygame.error):
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().minimum_size = MIN_SIZE
        self.relayout()

    def load_library(self) -> None:
        started = time.perf_counter()
        # Imported here, so its cost (the checker, YAML) is counted as loading the scenarios.
        loader = importlib.import_module("game.content.loader")
        self.library, self.unreadable = loader.load_paths(self.paths)
        self.loading_ms = (time.perf_counter() - started) * 1000

    def start(self, first_scene=None) -> None:
        """Load the scenarios, read the settings, open the window and show the first screen."""
        self.load_library()
        self.read_settings()
        self.open_window()
        if first_scene is None:
            first_scene = navigator.make(self, "title")
        self.scenes.push(first_scene)
        self.relayout()

    # ----- the look -------------------------------------------------------------------
    def px(self, role: str) -> int:
        return max(
            self.floor_px(), round(TYPE_SCALE[role] * self.stage.u * self.settings.text_size)
        )

    def floor_px(self) -> int:
        """The documented floor: 14 px at 1280×720 and 100% text, scaled like all text."""
        return max(8, round(FLOOR_PX * self.stage.u * self.settings.text_size))

    def relayout(self) -> None:
        if self.surface is not None:
            self.stage = Stage(*self.surface.get_size())
        self.pal = palette(self.settings.high_contrast)
        if self.kit is not None:
            self.kit.floor_px = self.floor_px()
        for scene in self.scenes:
            scene.layout(self.stage)
        self.dirty = True

    def apply_settings(self, resize: bool = False) -> None:
        """Use and keep the settings; `resize` re-opens the window at the chosen size."""
        if resize and self.surface is not None:
            self._set_mode()
        self.relayout()
        self.save_settings()

    def save_settings(self) -> None:
        if self.store is None:
            return
        self.settings.player = self.player
        try:
            stored = dict(self.store.load_settings() or {})
            stored.update(self.settings.to_dict())
            self.store.save_settings(stored)
        except GameError:
            self.toast("Settings could not be saved; they last until you close the game.")

    def toast(self, text: str, ms: int = 4000) -> None:
        self.toast_text, self.toast_ms = text, ms
        self.dirty = True

    def untoast(self, text: str) -> None:
        """Take `text` off the screen early, if it is the toast showing (it no longer holds)."""
        if self.toast_text == text:
            self.toast_text, self.toast_ms = "", 0
            self.dirty = True

    # ----- the scene stack ------------------------------------------------------------
    def push(self, scene):
        self.scenes.push(scene)
        scene.layout(self.stage)
        self.dirty = True
        return scene

    def replace(self, scene):
        self.scenes.replace(scene)
        scene.layout(self.stage)
        self.dirty = True
        return scene

    def pop(self):
        scene = self.scenes.pop()
        self.dirty = True
        if not len(self.scenes):
            self.running = False
        return scene

    def go(self, name: str, *args, **kwargs):
        """Open the screen called `name` over this one (names: `game.ui.navigator.SCREENS`)."""
        return self.push(navigator.make(self, name, *args, **kwargs))

    def swap(self, name: str, *args, **kwargs):
        """Put the screen called `name` in place of the top one."""
        return self.replace(navigator.make(self, name, *args, **kwargs))

    def back_to(self, name: str) -> None:
        """Pop scenes until the one called `name` is on top (or only one scene is left)."""
        while len(self.scenes) > 1 and self.scenes.top.name != name:
            self.scenes.pop()
        self.dirty = True

    # ----- input ----------------------------------------------------------------------
    def feed(self, event) -> None:
        """One pygame event through the same path a player's input takes."""
        if event.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE, pygame.WINDOWSHOWN):
            self.dirty = True
            return
        if event.type == pygame.TEXTINPUT:
            intent = I.text_intent(event, self._key_text)
            self._key_text = ""
        else:
            intent = I.translate(event)
            if event.type == pygame.KEYDOWN:
                self._key_text = getattr(event, "unicode", "") or ""
        if intent is not None:
            self.dispatch(intent)
        self._check_store()

    def _check_store(self) -> None:
        """Show the store's problem as a lasting banner until everything is saved again."""
        problem = self.store.problem if self.store is not None else ""
        if problem != self.banner:
            self.banner = problem
            self.dirty = True

    def dispatch(self, intent) -> None:
        k = intent.kind
        if k == I.QUIT:
            ask = getattr(self.scenes.top, "before_quit", None) if len(self.scenes) else None
            if ask is None or ask():  # a scene holding unexported results asks once first
                self.running = False
            self.dirty = True
            return
        if k == I.RESIZE:
            if self.surface is not None:
                self.surface = pygame.display.get_surface() or self.surface
                if not self.settings.fullscreen:
                    self.settings.window_size = tuple(self.surface.get_size())
                self.relayout()
            return
        if k == I.FULLSCREEN:
            self.settings.fullscreen = not self.settings.fullscreen
            self.apply_settings(resize=True)
            return
        top = self.scenes.top
        if k == I.HELP and intent.text and top is not None and top.wants_text:
            intent = I.Intent(I.CHAR, text=intent.text)  # '?' typed into an answer is text
            k = I.CHAR
        for scene in self.scenes.receivers():
            changed = scene.handle(intent)
            if changed is not UNHANDLED:
                if k != I.POINT or changed:
                    self.dirty = True
                return
            if k in (I.POINT, I.CLICK, I.SCROLL):
                return  # the pointer belongs to the top screen alone
        # No screen used it: the keys that work everywhere.
        if k == I.HELP:
            self.go("help")
        elif k == I.SETTINGS:
            self.go("settings")

    def stage_size(self) -> tuple[int, int]:
        return (self.stage.width, self.stage.height)

    # ----- time and drawing -----------------------------------------------------------
    def wake_in(self) -> int | None:
        waits = [w for s in self.scenes.visible() if (w := s.wake_in()) is not None]
        if self.toast_ms > 0:
            waits.append(self.toast_ms)
        if self.banner or (self.store is not None and self.store.saving and self.store.unsaved):
            waits.append(STORE_CHECK_MS)  # look again soon: a save is on its way or retrying
        return min(waits) if waits else None

    def busy(self) -> bool:
        """True while an animation (not a countdown) is still playing."""
        return any(s.animating for s in self.scenes.visible())

    def step(self, dt_ms: int) -> None:
        for scene in list(self.scenes.visible()):
            if scene.wake_in() is not None:
                changed = scene.update(dt_ms)
                if changed is None or changed is True:
                    self.dirty = True
                elif changed:  # only these rects changed: the loop redraws just them
                    self.patches.extend(changed)
        if self.toast_ms > 0:
            self.toast_ms -= dt_ms
            if self.toast_ms <= 0:
                self.toast_text = ""
                self.dirty = True
        self._check_store()
        if self.banner:
            self._retry_ms += dt_ms
            if self._retry_ms >= STORE_RETRY_MS and self.store is not None:
                self._retry_ms = 0
                self.store.retry()  # on the store's own thread in the window

    def draw_backdrop(self, surface) -> None:
        """The margins, and the stage: the bottom screen's own picture (a conversation's
        setting) or the plain stage with a soft light from above."""
        area = self.stage.area
        bounds = surface.get_rect()
        if area != bounds:
            for margin in margins(bounds, area):
                surface.fill(self.pal.background, margin)
        visible = self.scenes.visible()
        picture = visible[0].backdrop() if visible else None
        if picture is not None:
            surface.blit(picture, area)
            return
        for colour, band in self.lit_stage(area):
            surface.fill(colour, band)

    def lit_stage(self, area: pygame.Rect) -> list:
        """The plain stage's bands, (colour, rect), worked out once per area and palette.

        64 bands look as smooth as one per row here (each step is under one colour level).
        Filling them costs less than blitting a stored picture (0.15 ms against 0.25 at
        1280×720), without its memory or the milliseconds of allocating it at start-up;
        what cost was working out their colours every frame (0.44 ms in all)."""
        key = (tuple(area), self.pal)
        if self._lit_stage is not None and self._lit_stage[0] == key:
            return self._lit_stage[1]
        top, bottom = self.pal.stage, self.pal.background
        if self.settings.high_contrast or not area.height:
            bands = [(top, pygame.Rect(area))]
        else:
            bands = []
            for band in range(64):
                t = (band / 63) ** 1.5 * 0.55
                y0 = area.top + area.height * band // 64
                y1 = area.top + area.height * (band + 1) // 64
                colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
                bands.append((colour, pygame.Rect(area.left, y0, area.width, y1 - y0)))
        self._lit_stage = (key, bands)
        return bands

    def render_patches(self) -> list:
        """Redraw only the rects scenes said changed (a ticking clock, a blink); returns them.

        The top screen paints a rect itself when it can (over the pixels it kept from the last
        full frame); anything else is drawn as usual but clipped to the changed area, so the
        cost and the pixels sent to the screen are those of the small area, not the window.
        """
        rects, self.patches = self.patches, []
        rest = rects
        top = self.scenes.top
        alone = list(self.scenes.visible()) == [top]
        if alone and not self.toast_text and not self.banner:
            rest = [r for r in rects if not top.paint(self.surface, r)]
        if not rest:
            self.frames += 1
            return rects
        self.surface.set_clip(rest[0].unionall(rest[1:]))
        try:
            self.render()
        finally:
            self.surface.set_clip(None)
        return rects

    def render(self) -> None:
        self.patches = []
        surface = self.surface
        if surface.get_size() != self.stage_size():
            self.relayout()
        self.draw_backdrop(surface)
        self.kit.drawn.clear()
        self.kit.sizes_drawn.clear()
        self.kit.cut.clear()
        self.kit.shrunk.clear()
        for scene in self.scenes.visible():
            scene.draw(surface)
        if self.toast_text:
            self._draw_toast(surface)
        if self.banner:
            self._draw_banner(surface)
        self.frames += 1
        self.dirty = False

    def banner_rect(self) -> pygame.Rect:
        """Where the lasting banner goes: just under the screens' top bar, so the title, the
        meters and the score stay in view while it lasts; as tall as its words (two lines of a
        long folder name at most sizes)."""
        st, kit = self.stage, self.kit
        width = st.px(1180)
        px = self.px("caption")
        lines = min(3, len(wrap(self.banner, kit.font("semibold", px), width - st.px(32))))
        height = lines * kit.line_height(px) + st.px(14)
        top = st.rect(0, 60, 0, 0).top
        return pygame.Rect(st.area.centerx - width // 2, top, width, height)

    def _draw_banner(self, surface) -> None:
        st = self.stage
        area = self.banner_rect()
        pygame.draw.rect(surface, self.pal.warning, area, border_radius=st.px(8))
        self.kit.box(
            surface,
            self.banner,
            "semibold",
            self.px("caption"),
            (20, 20, 24),
            area.inflate(-st.px(32), 0),
            align="center",
            valign="middle",
        )

    def toast_rect(self) -> pygame.Rect:
        """Where the toast goes: wide enough for its words at any text size (it wraps, up to
        five lines), and above anything a screen keeps clear (the conversation's choices)."""
        st, kit = self.stage, self.kit
        bottom = st.rect(0, 696, 0, 0).top
        for scene in self.scenes.visible():
            clear = scene.toast_above()
            if clear is not None:
                bottom = min(bottom, clear - st.px(10))
        width = st.px(800 if self.settings.text_size < 1.5 else 1100)
        inner = width - st.px(28)
        px = self.px("body")
        lines = min(5, len(wrap(self.toast_text, kit.font("semibold", px), inner)))
        height = lines * kit.line_height(px) + st.px(20)
        top = max(st.area.top + st.px(8), bottom - height)
        return pygame.Rect(st.area.centerx - width // 2, top, width, height)

    def _draw_toast(self, surface) -> None:
        st = self.stage
        area = self.toast_rect()
        pygame.draw.rect(surface, self.pal.raised, area, border_radius=st.px(12))
        pygame.draw.rect(surface, self.pal.accent, area, width=st.px(2), border_radius=st.px(12))
        self.kit.box(
            surface,
            self.toast_text,
            "semibold",
            self.px("body"),
            self.pal.text,
            area.inflate(-st.px(28), -st.px(8)),
            align="center",
            valign="middle",
        )

    def screenshot(self, path) -> None:
        if self.dirty:
            self.render()
        pygame.image.save(self.surface, os.fspath(path))

    def run(self) -> None:
        """The loop: wait for input or the next animation step; draw only what changed."""
        self.running = True
        last = now_ms()
        while self.running and len(self.scenes):
            if self.dirty:
                self.render()
                pygame.display.flip()
            elif self.patches:
                pygame.display.update(self.render_patches())
            if self.waiter is None:
                # Made once the first frame is on screen (ctypes and finding SDL take 2-3 ms),
                # and before the first wait: the first input is read no later than before.
                self.waiter = importlib.import_module("game.ui.wait").Waiter()
                last = now_ms()
            wake = self.wake_in()
            if wake is None:
                events = self.waiter.wait(None)  # still: sleep until the player does something
                last = now_ms()  # time spent still is not animation time
            else:
                events = self.waiter.wait(last + wake - now_ms())
            for event in events:
                if event.type != pygame.NOEVENT:
                    self.feed(event)
            now = now_ms()
            if wake is not None and now - last >= wake:
                self.step(now - last)
                last = now
        self.save_settings()

    def close(self) -> None:
        if self._sounds is not None:
            self._sounds.close()
        if self._owns_store:
            self._owns_store = False
            with contextlib.suppress(Exception):
                self.store.close()
        pygame.display.quit()
