"""The player's window settings, kept between runs through the store when there is one."""

from __future__ import annotations

from game.ui.theme import TEXT_SIZES

TEXT_SPEEDS = {"slow": 55, "normal": 30, "fast": 12, "instant": 0}  # milliseconds per word
WINDOW_SIZES = ((1024, 600), (1280, 720), (1600, 900), (1920, 1080), (2560, 1440), (3840, 2160))
PREFIX = "window."  # the keys this module owns inside the store's settings
FIELDS = (
    "text_size",
    "text_speed",
    "high_contrast",
    "reduced_motion",
    "timers",
    "shuffle_choices",
    "fullscreen",
    "sound",
    "window_size",
    "player",
)


class Settings:
    """A plain class, not a dataclass: the window reads its settings before the first frame,
    and making a dataclass costs a millisecond of the start-up."""

    __slots__ = FIELDS

    def __init__(
        self,
        text_size: float = 1.0,
        text_speed: str = "normal",
        high_contrast: bool = False,
        reduced_motion: bool = False,
        timers: bool = True,
        shuffle_choices: bool = True,  # off: the file's order, for trainers testing a file
        fullscreen: bool = False,
        sound: bool = True,
        window_size: tuple[int, int] = (1280, 720),
        player: str = "",
    ):
        self.text_size = text_size
        self.text_speed = text_speed
        self.high_contrast = high_contrast
        self.reduced_motion = reduced_motion
        self.timers = timers
        self.shuffle_choices = shuffle_choices
        self.fullscreen = fullscreen
        self.sound = sound
        self.window_size = window_size
        self.player = player

    def values(self) -> tuple:
        return tuple(getattr(self, name) for name in FIELDS)

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.values() == other.values()

    __hash__ = None  # changed in place, so never a key

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in FIELDS)
        return f"Settings({inner})"

    @property
    def ms_per_word(self) -> int:
        if self.reduced_motion:
            return 0
        return TEXT_SPEEDS.get(self.text_speed, 30)

    def to_dict(self) -> dict:
        d = {PREFIX + name: getattr(self, name) for name in FIELDS}
        d[PREFIX + "window_size"] = list(self.window_size)
        return d

    @classmethod
    def from_dict(cls, data: dict | None) -> Settings:
        """Settings from stored values; anything missing or malformed keeps its default."""
        s = cls()
        data = data or {}
        for name in FIELDS:
            if PREFIX + name not in data:
                continue
            value = data[PREFIX + name]
            default = getattr(s, name)
            try:
                if name == "text_size":
                    value = float(value)
                    if value not in TEXT_SIZES:
                        continue
                elif name == "text_speed":
                    if value not in TEXT_SPEEDS:
                        continue
                elif name == "window_size":
                    w, h = (int(v) for v in value)
                    if not (320 <= w <= 7680 and 240 <= h <= 4320):
                        continue
                    value = (w, h)
                elif isinstance(default, bool):
                    if not isinstance(value, bool):
                        continue
                elif name == "player":
                    value = str(value)[:40]
            except (TypeError, ValueError):
                continue
            setattr(s, name, value)
        return s


def step_to(options, current, step: int = 1):
    """The option after (or before) `current`, stopping at the first and the last."""
    options = list(options)
    if current not in options:
        return options[0]
    return options[max(0, min(len(options) - 1, options.index(current) + step))]


def cycle(options, current, step: int = 1):
    """The option after (or before) `current`, wrapping round."""
    options = list(options)
    try:
        i = options.index(current)
    except ValueError:
        return options[0]
    return options[(i + step) % len(options)]
