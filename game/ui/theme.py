"""The shared look: colours, type scale, fonts, tag icons and the words screens share.

Solo and workshop screens both read these; no screen borrows another screen's constants.

Two palettes: the normal one keeps body text at 4.5:1 contrast or more, high contrast at 7:1.
Gains are teal with ▲ and +, losses orange with ▼ and −, so colour never carries meaning alone.
Sizes are in units at `u = 1`; the text-size setting multiplies them.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

import pygame

from game.bundle import fonts_folder
from game.content.tags import TAG_GROUPS
from game.ui.glyphs import Coverage, Faces, FallbackFont, SystemFonts, open_font

FONT_DIR = fonts_folder()  # inside the package: an installed game has its fonts
FONT_FILES = {
    "regular": "Inter-Regular.otf",
    "bold": "Inter-Bold.otf",
    "semibold": "Inter-SemiBold.otf",
    "italic": "Inter-Italic.otf",
}
# For what Inter lacks (game.ui.glyphs), in this order: emoji in colour; Arabic, Hebrew and
# most symbols; the emoji and symbols left, in one colour; Thai; Devanagari; Chinese,
# Japanese and Korean.
FALLBACK_FILES = (
    "NotoColorEmoji-Subset.ttf",
    "DejaVuSans.ttf",
    "Symbola-Emoji.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "DroidSansFallback.ttf",
)
# Faces of colour bitmaps, drawn at one size (their strike's, in pixels per em) and scaled.
BITMAP_PPEM = {"NotoColorEmoji-Subset.ttf": 38}
TYPE_SCALE = {"caption": 16, "body": 22, "choice": 22, "line": 28, "heading": 36, "title": 56}
LINE_HEIGHT = 1.3
TEXT_SIZES = (0.85, 1.0, 1.25, 1.5, 1.75, 2.0)
# The smallest text the window draws, at u = 1 and 100% text: 14 px at 1280×720. It grows
# with the window's unit and the text size, so larger text never comes back small.
FLOOR_PX = 14

GAIN_SIGN, LOSS_SIGN = "▲", "▼"
MINUS = "−"  # a real minus sign reads better than a hyphen


def signed(n: float, decimals: int = 0) -> str:
    """A number with a real minus sign when negative (no sign otherwise, none for -0.0)."""
    text = f"{abs(n):.{decimals}f}"
    return f"{MINUS}{text}" if n < 0 and float(text) != 0 else text


class Palette(NamedTuple):
    background: tuple
    stage: tuple
    panel: tuple
    raised: tuple
    border: tuple
    text: tuple
    muted: tuple
    accent: tuple  # focus and the primary action
    on_accent: tuple
    gain: tuple
    loss: tuple
    neutral: tuple
    warning: tuple
    track: tuple
    info: tuple  # the discovery group's colour in charts (not the accent: that is focus)


NORMAL = Palette(
    background=(16, 19, 27),
    stage=(24, 29, 40),
    panel=(33, 39, 53),
    raised=(44, 52, 70),
    border=(70, 82, 106),
    text=(238, 241, 246),
    muted=(176, 186, 204),
    accent=(245, 186, 80),
    on_accent=(24, 22, 16),
    gain=(72, 206, 205),
    loss=(247, 148, 72),
    neutral=(150, 160, 180),
    warning=(247, 196, 72),
    track=(58, 66, 86),
    info=(128, 170, 255),
)
HIGH_CONTRAST = Palette(
    background=(0, 0, 0),
    stage=(0, 0, 0),
    panel=(12, 12, 12),
    raised=(30, 30, 30),
    border=(235, 235, 235),
    text=(255, 255, 255),
    muted=(225, 225, 225),
    accent=(255, 221, 0),
    on_accent=(0, 0, 0),
    gain=(90, 235, 240),
    loss=(255, 170, 80),
    neutral=(220, 220, 220),
    warning=(255, 150, 60),  # not the focus yellow: a broken card must not look focused
    track=(90, 90, 90),
    info=(150, 195, 255),
)

# Tag chips: an icon and a word, never colour alone. Commodity tags read as losses.
# One symbol per tag group (game.content.model.TAG_GROUPS), never colour alone; the chips
# and charts write the tag's word beside it. A scenario's own tags share one plain mark.
GROUP_ICONS = {
    "Leadership": "★",
    "Discovery": "?",
    "Features & following": "↩",
    "Price & commodity": "$",
}
OTHER_ICON = "○"
TAG_ICONS = {tag: GROUP_ICONS[group] for group, tags in TAG_GROUPS for tag in tags}
OTHER_GROUP = "Other"  # a scenario's own tags, in charts (game.store.progress.OTHER)
# Each group's colour in the debrief's and the progress screen's charts, by palette field.
GROUP_COLOURS = {
    "Leadership": "gain",
    "Discovery": "info",
    "Features & following": "neutral",
    "Price & commodity": "loss",
    OTHER_GROUP: "muted",
}
TAG_GROUP = {tag: group for group, tags in TAG_GROUPS for tag in tags}


def group_icon(group: str) -> str:
    return GROUP_ICONS.get(group, OTHER_ICON)


def group_colour(pal: Palette, group: str):
    """The chart colour of a tag group (a scenario's own tags share one)."""
    return getattr(pal, GROUP_COLOURS.get(group, GROUP_COLOURS[OTHER_GROUP]))


def tag_colour(pal: Palette, tag: str):
    return group_colour(pal, TAG_GROUP.get(tag, OTHER_GROUP))


def quoted(text: str) -> str:
    """Text in curly quotes, unless the author already quoted it (no doubled marks). A stage
    direction, wholly in brackets ("(She reads it twice.)", "[Stay silent]"), is an action,
    not words said: it is left as written."""
    t = text.strip()
    if len(t) >= 2 and t[0] in "([*":
        close = {"(": ")", "[": "]", "*": "*"}[t[0]]
        if t.find(close, 1) == len(t) - 1:  # one bracket round the whole line
            return t
    if len(t) >= 2 and t[0] in "\"“'‘«„" and t[-1] in "\"”'’»“":
        t = t[1:-1]
    return f"“{t}”"


def curled(text: str) -> str:
    """A line the author put in straight double quotes (a message the rep writes), with
    curly ones, as its bubble shows it once said; any other text as it is."""
    t = text.strip()
    if len(t) >= 2 and t[0] == t[-1] == '"' and '"' not in t[1:-1]:
        return f"“{t[1:-1]}”"
    return text


CHART_TAGS = tuple(tag for _, tags in TAG_GROUPS for tag in tags)  # grouped, as listed


MOOD_WORDS = {
    "neutral": "Listening",
    "interested": "Looks interested",
    "skeptical": "Looks skeptical",
    "annoyed": "Looks annoyed",
    "impressed": "Looks impressed",
    "pleased": "Looks pleased",
}
TAG_MEANINGS = {
    "insight": "You brought the buyer something they did not know.",
    "outcome": "You spoke to the result the buyer wants, not to your product.",
    "leadership": "You took the lead and set the agenda.",
    "discovery": "You asked a question that uncovers what the buyer is really after.",
    "feature": "You listed features; the buyer was left to work out why they matter.",
    "follower": "You followed someone else's lead, so they kept setting the terms.",
    "commodity": "You made the offer sound like everyone else's.",
    "price": "You led with price, so price became the conversation.",
}
TIMEOUT_NOTE = (
    "The clock ran out before you answered. When a rep hesitates, the buyer fills "
    "the silence and decides what happens next."
)


def consequence(decision) -> str:
    """The scenario's feedback, else what the choice's tags mean."""
    if decision.choice is None:
        return TIMEOUT_NOTE
    if decision.feedback:
        return decision.feedback
    meanings = [TAG_MEANINGS[t] for t in decision.tags if t in TAG_MEANINGS]
    return " ".join(meanings) or "A neutral move: it neither built nor cost you anything."


def tag_label(tag: str, rubric: dict) -> str:
    value = rubric.get(tag, 0)
    worth = f" +{value}" if value > 0 else f" {MINUS}{-value}" if value < 0 else ""
    icon = TAG_ICONS.get(tag, OTHER_ICON)
    return f"{icon} {tag}{worth}"


def luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


def points_text(points: int) -> str:
    """'+5 ▲', '−3 ▼' or '0': the sign and the arrow say what the colour says."""
    if points > 0:
        return f"+{points} {GAIN_SIGN}"
    if points < 0:
        return f"{MINUS}{-points} {LOSS_SIGN}"
    return "0"


def delta_colour(pal: Palette, points: int):
    return pal.gain if points > 0 else pal.loss if points < 0 else pal.neutral


class Fonts:
    """Fonts by (style, pixel size), loaded once; pygame's default font if a file is missing.

    Each is a `FallbackFont`: characters the style's face lacks are drawn with the fallback
    faces, read only when such a character first appears."""

    def __init__(self, folder: Path = FONT_DIR, limit: int = 96):
        self.folder = folder
        # Dragging the window edge asks for many sizes; the oldest are let go.
        self._cache: OrderedDict[tuple[str, int], FallbackFont] = OrderedDict()
        self.limit = limit
        # What no bundled face has is looked up in the system's fonts, when first met.
        self.faces = Faces(
            [folder / name for name in FALLBACK_FILES],
            system=SystemFonts(),
            ppem={i: BITMAP_PPEM[n] for i, n in enumerate(FALLBACK_FILES) if n in BITMAP_PPEM},
        )
        self._coverage: dict = {}  # the main faces' coverage, by file

    def get(self, style: str, px: int) -> FallbackFont:
        key = (style, px)
        font = self._cache.get(key)
        if font is not None:
            self._cache.move_to_end(key)
        else:
            path = self.folder / FONT_FILES.get(style, FONT_FILES["regular"])
            try:
                main = open_font(path, px)
            except (OSError, FileNotFoundError, pygame.error):
                path = None
                main = pygame.font.Font(None, round(px * 1.25))  # the default face runs small
                main.bold = style in ("bold", "semibold")
                main.italic = style == "italic"
            coverage = self._coverage.get(path)
            if coverage is None:
                coverage = self._coverage[path] = Coverage(path)
            font = FallbackFont(main, coverage, self.faces, px, style in ("bold", "semibold"))
            self._cache[key] = font
            if len(self._cache) > self.limit:
                self._cache.popitem(last=False)
        return font
