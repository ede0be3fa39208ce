"""Per-glyph fallback: text in scripts and symbols the main face lacks still shows.

Inter covers Latin, Greek and Cyrillic but not Arabic, Hebrew, Thai, Devanagari, Chinese,
Japanese, Korean or emoji; drawn with it alone, "Let's talk 👍" or a buyer called "אורי"
come out as boxes (the face's .notdef glyph). A `FallbackFont` stands in for a
`pygame.font.Font`: text the main face covers (all ASCII, and almost every line a scenario
has) goes straight to it; other text is split into runs by which face has each character
(the main face first, then the fallback faces in `assets/fonts/`: Noto Color Emoji's
colour bitmaps, DejaVu Sans, Symbola's emoji and symbols, Noto Sans Thai, Noto Sans
Devanagari, Droid Sans Fallback for Chinese, Japanese and Korean; then, for a character
none of them has, a font of the system's found when it is first met: `SystemFonts`), and
each run is measured and drawn with its own face, side by side on one baseline (a colour
bitmap face, drawn by SDL_ttf at its one size, is scaled to the text's). The runs of a
text are worked out once and kept. A bold or semibold text draws its fallback runs
emboldened (Chinese, Japanese, Korean, symbols), so a title stays heavier than the body;
shaped runs and emoji stay regular (emboldening moves marks and smears bitmaps).

Shaping: a run in Arabic, Hebrew, Thai or Devanagari (or an Indic or South-East Asian
script a system font draws) is shaped by SDL_ttf's HarfBuzz with its script set (joined
Arabic letters; Devanagari conjuncts and the short i drawn before its consonant; Thai marks
stacked on their letter), spaces between its words kept in the run. Arabic and Hebrew
runs are laid out right to left inside the run.

Direction (`directions`, `visual_order`): a simplified Unicode bidirectional algorithm. A
line whose first letter is Arabic or Hebrew reads right to left: its runs are drawn in
reverse, its numbers and Latin words kept left to right; in a line that starts in English
each right-to-left stretch is reversed in place. Spaces, punctuation and emoji take the
direction of the letters on both sides when they agree, else the line's; inside an Arabic
or Hebrew run they are shaped with it. There are no embeddings or direction marks.
"""

from __future__ import annotations

import importlib
import io
import os
import shutil
import time
import unicodedata
from collections import OrderedDict
from pathlib import Path

import pygame

SHAPED_SCRIPTS = (  # (first, last, SDL_ttf script tag): runs HarfBuzz shapes
    (0x0590, 0x05FF, "Hebr"),
    (0xFB1D, 0xFB4F, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0750, 0x077F, "Arab"),
    (0x08A0, 0x08FF, "Arab"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE70, 0xFEFF, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0xA8E0, 0xA8FF, "Deva"),
    (0x0E00, 0x0E7F, "Thai"),
    # Scripts no bundled face draws, shaped when a system font has them.
    (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"),
    (0x0B00, 0x0B7F, "Orya"),
    (0x0B80, 0x0BFF, "Taml"),
    (0x0C00, 0x0C7F, "Telu"),
    (0x0C80, 0x0CFF, "Knda"),
    (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x0F00, 0x0FFF, "Tibt"),
    (0x1000, 0x109F, "Mymr"),
    (0x1780, 0x17FF, "Khmr"),
)
RTL = {"Arab", "Hebr"}
# Zero width: they stay with the glyph before them (ZWJ, ZWNJ, variation selectors).
JOINERS = {"\u200c", "\u200d", "\ufe0e", "\ufe0f"}
SIZES_KEPT = 4096  # measured widths a font keeps (per style and size)
PROBE_PX = 20  # the size at which a face's coverage is looked up (it does not vary by size)
_FONT_DATA: dict = {}  # each font file's bytes, read once: every size and style opens them


def open_font(path, px: int, keep: bool = True) -> pygame.font.Font:
    """The font file at `path` (None: pygame's own face) at `px`, opened from its bytes.

    SDL_ttf reads a font opened from a path through stdio, seeking and reading the file for
    every glyph it loads; from memory it copies the bytes instead, and loading the glyphs of
    the library's first frame took about a third less time. Each file is read once and kept;
    with `keep` False (a system font only looked into) it is opened from its path."""
    if path is None or not keep:
        return pygame.font.Font(path, px)
    data = _FONT_DATA.get(path)
    if data is None:
        with open(path, "rb") as file:
            data = _FONT_DATA[path] = file.read()
    return pygame.font.Font(io.BytesIO(data), px)


def shaped_script(ch: str) -> str:
    """The script tag of a character HarfBuzz must shape ('Arab', 'Hebr', 'Deva', 'Thai'),
    else ''."""
    code = ord(ch)
    if code < 0x0590:
        return ""
    for first, last, tag in SHAPED_SCRIPTS:
        if first <= code <= last:
            return tag
    return ""


def rtl_script(ch: str) -> str:
    """The script tag of a right-to-left character ('Arab', 'Hebr'), else ''."""
    tag = shaped_script(ch)
    return tag if tag in RTL else ""


def attaches(ch: str) -> bool:
    """Characters drawn with the glyph before them: joiners, selectors, combining marks."""
    return ch in JOINERS or unicodedata.category(ch) in ("Mn", "Me")


def strong(ch: str) -> str:
    """'R' for a right-to-left letter, 'L' for any other letter or a digit, '' otherwise
    (spaces, punctuation, symbols, emoji: they take their neighbours' direction)."""
    cat = unicodedata.category(ch)
    if rtl_script(ch):
        return "R" if cat[0] == "L" or ch in "\u061b\u061f" else ""  # Arabic ; and ? too
    return "L" if cat[0] == "L" or cat == "Nd" else ""


def base_rtl(text: str) -> bool:
    """A line reads right to left when its first letter does (Unicode's paragraph rule)."""
    for ch in text:
        kind = strong(ch)
        if kind:
            return kind == "R"
    return False


def directions(text: str) -> list[bool] | None:
    """Per character, whether it reads right to left; None when nothing in the text does.

    Letters keep their own direction, digits read left to right; a stretch of spaces,
    punctuation and symbols takes the direction of the letters on both sides of it when
    they agree, else the line's (a simplified Unicode bidirectional algorithm: no
    embeddings, no mirrored brackets beyond what HarfBuzz mirrors in a phrase)."""
    kinds = [strong(ch) for ch in text]
    if "R" not in kinds:
        return None
    base = "R" if base_rtl(text) else "L"
    out: list[bool] = []
    before = base
    i = 0
    while i < len(text):
        if kinds[i]:
            before = kinds[i]
            out.append(before == "R")
            i += 1
            continue
        j = i
        while j < len(text) and not kinds[j]:
            j += 1
        after = kinds[j] if j < len(text) else base
        side = before if before == after else base
        out.extend([side == "R"] * (j - i))
        i = j
    return out


def clusters(text: str) -> list[str]:
    """The text's characters with their marks and joined emoji kept together."""
    out: list[str] = []
    for ch in text:
        if out and (attaches(ch) or out[-1].endswith("\u200d")):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def visual_order(runs: list, rtl_line: bool) -> list:
    """Runs (face, script, text, right to left) from logical to drawing order, left to
    right: each stretch of right-to-left runs is reversed (a line that reads right to left
    reverses as a whole, its left-to-right stretches kept in their order). A right-to-left
    run HarfBuzz does not shape (a stop, an emoji) has its own characters reversed."""
    runs = [
        (face, script, "".join(reversed(clusters(part))) if back and not script else part, back)
        for face, script, part, back in runs
    ]

    def reverse_stretches(items, which: bool):
        out, stretch = [], []
        for run in items:
            if run[3] == which:
                stretch.append(run)
                continue
            out.extend(reversed(stretch))
            stretch = []
            out.append(run)
        out.extend(reversed(stretch))
        return out

    if rtl_line:
        return list(reversed(reverse_stretches(runs, False)))
    return reverse_stretches(runs, True)


class Coverage:
    """Which characters a face has: a glyph whose metrics differ from the face's .notdef.

    SDL_ttf gives a missing character the .notdef box's metrics, so U+FFFF (never a
    character) shows what "missing" looks like for each face.
    """

    def __init__(self, path, keep: bool = True):
        self.path = path
        self.keep = keep  # its file's bytes are kept (`open_font`): a face the game ships
        self.font: pygame.font.Font | None = None
        self.notdef = None
        self._opened = False  # the face is read the first time a character is looked up
        self._known: dict[str, bool] = {}

    def _open(self) -> None:
        self._opened = True
        try:
            self.font = open_font(self.path, PROBE_PX, self.keep)
        except (OSError, FileNotFoundError, pygame.error):
            return
        self.notdef = self.font.metrics("\uffff")[0]

    def has(self, ch: str) -> bool:
        known = self._known.get(ch)
        if known is None:
            if not self._opened:
                self._open()
            if self.font is None:
                known = False
            elif ch.isspace():
                known = True
            else:
                metrics = self.font.metrics(ch)
                known = bool(metrics) and metrics[0] is not None and metrics[0] != self.notdef
            self._known[ch] = known
        return known


FONT_FILES = (".ttf", ".otf", ".ttc")


class SystemFonts:
    """The system's own fonts, asked only when a character no bundled face has is met
    (never at start-up): fontconfig's `fc-list` names the files that have it (Linux, BSD,
    some Macs); without it, the font folders are read once and their files probed one by
    one, for at most `budget_s` a character."""

    def __init__(self, fc_list: str | None = "", folders=None, budget_s: float = 1.5):
        self.fc_list = fc_list  # "": found on PATH when first needed; None: not used
        self.folders = folders
        self.budget_s = budget_s
        self._files: list[str] | None = None

    def candidates(self, ch: str) -> list[str]:
        """Font files that may have `ch`."""
        if self.fc_list == "":
            self.fc_list = shutil.which("fc-list")
        if self.fc_list:
            # Imported here: subprocess (with signal, selectors and locale) is some 4 ms of
            # the window's start-up, and most games never meet such a character.
            subprocess = importlib.import_module("subprocess")
            try:
                out = subprocess.run(
                    [self.fc_list, "-f", "%{file}\n", f":charset={ord(ch):x}"],
                    capture_output=True,
                    text=True,
                    timeout=5,
                ).stdout
            except (OSError, subprocess.SubprocessError):
                return []
            return sorted({f for f in out.splitlines() if f.lower().endswith(FONT_FILES)})
        return self.files()

    def files(self) -> list[str]:
        if self._files is None:
            self._files = sorted(
                str(p)
                for folder in (self.folders if self.folders is not None else font_folders())
                for p in Path(folder).rglob("*")
                if p.suffix.lower() in FONT_FILES
            )
        return self._files


def font_folders() -> list[Path]:
    """Where Windows, macOS and other systems keep their fonts."""
    home = Path.home()
    folders = [
        Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
        Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft" / "Windows" / "Fonts",
        Path("/System/Library/Fonts"),
        Path("/Library/Fonts"),
        home / "Library" / "Fonts",
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
    ]
    return [f for f in folders if f.is_dir()]


class Faces:
    """The fallback faces and their coverage, shared by every size and style.

    A character none of them has is looked up in the system's fonts (`system`), once; the
    face found joins the fallback faces for every later character."""

    def __init__(
        self,
        paths,
        limit: int = 64,
        runs_limit: int = 4096,
        system: SystemFonts | None = None,
        ppem: dict[int, int] | None = None,
    ):
        self.coverage = [Coverage(p) for p in paths]
        # Colour bitmap faces (emoji), by index: their one strike's pixels per em. SDL_ttf
        # draws them at that size only; `scale` says how much to grow or shrink them.
        self.ppem = dict(ppem or {})
        self.system = system
        self._unfound: set[str] = set()  # characters no face, bundled or the system's, has
        self._probed: dict[str, Coverage] = {}  # system fonts looked into, by file
        self._fonts: OrderedDict = OrderedDict()
        self._runs: OrderedDict = OrderedDict()
        self.limit, self.runs_limit = limit, runs_limit

    def font(
        self, index: int, px: int, script: str = "", bold: bool = False
    ) -> pygame.font.Font | None:
        """Fallback face `index` at `px`, set up to shape `script` (right to left for Arabic
        and Hebrew) if given, emboldened if `bold`."""
        if index in self.ppem:
            px, bold = self.ppem[index], False  # one size; emboldening would smear it
        key = (index, px, script, bold)
        font = self._fonts.get(key)
        if font is None:
            cov = self.coverage[index]
            try:
                font = open_font(cov.path, px, cov.keep)
            except (OSError, FileNotFoundError, pygame.error):
                return None
            font.bold = bold
            if script:
                try:
                    font.set_script(script)
                    if script in RTL:
                        font.set_direction(pygame.DIRECTION_RTL)
                except (AttributeError, pygame.error):
                    pass  # SDL_ttf without HarfBuzz: the glyphs still show, unshaped
            self._fonts[key] = font
            if len(self._fonts) > self.limit:
                self._fonts.popitem(last=False)
        else:
            self._fonts.move_to_end(key)
        return font

    def scale(self, index: int, px: int) -> float:
        """How much a face's glyphs are scaled to stand at `px` (1 but for bitmap faces)."""
        ppem = self.ppem.get(index)
        return px / ppem if ppem else 1.0

    def runs(self, text: str, main: Coverage) -> tuple | None:
        """((face, script, text), ...) for `text`, face -1 being the main face; None when
        the main face has every character (the common case: draw it in one go)."""
        key = (main.path, text)
        hit = self._runs.get(key, False)
        if hit is not False:
            self._runs.move_to_end(key)
            return hit
        result = self._split(text, main)
        self._runs[key] = result
        if len(self._runs) > self.runs_limit:
            self._runs.popitem(last=False)
        return result

    def _face_for(self, ch: str, main: Coverage) -> int:
        if ch.isascii() or main.has(ch):  # ASCII: the main face's, as ASCII text goes to it
            return -1
        for i, cov in enumerate(self.coverage):
            if cov.has(ch):
                return i
        return self._system_face(ch)  # else -1: the main face's box says so

    def _system_face(self, ch: str) -> int:
        """A system font that has `ch`, added to the fallback faces; -1 if none."""
        if self.system is None or ch in self._unfound or unicodedata.category(ch)[0] in "CZ":
            return -1
        self._unfound.add(ch)
        known = {str(cov.path) for cov in self.coverage}
        until = time.monotonic() + self.system.budget_s
        for path in self.system.candidates(ch):
            if path in known:
                continue
            cov = self._probed.get(path)
            if cov is None:
                cov = self._probed[path] = Coverage(path, keep=False)
            if cov.has(ch):
                self._unfound.discard(ch)
                self.coverage.append(cov)
                return len(self.coverage) - 1
            if time.monotonic() > until:
                break
        return -1

    def _split(self, text: str, main: Coverage) -> tuple | None:
        # The common case, asked once per distinct character rather than per character:
        # the main face has them all and none is shaped (so none reads right to left). Its
        # ASCII is not looked up (`FallbackFont` draws ASCII text with it whole): each look-up
        # loads the glyph into the probing font, some 10 us, for glyphs it never draws.
        if all(ch.isascii() or (not shaped_script(ch) and main.has(ch)) for ch in set(text)):
            return None
        rtl = directions(text)
        runs: list[list] = []  # [face, script, chars, right to left]
        for i, ch in enumerate(text):
            if runs and (attaches(ch) or runs[-1][2][-1] == "\u200d"):
                runs[-1][2].append(ch)
                continue
            back = bool(rtl and rtl[i])
            script = shaped_script(ch)
            last = runs[-1] if runs else None
            if last and not script and back and last[1] in RTL and self.coverage[last[0]].has(ch):
                last[2].append(ch)  # a space or a stop inside a right-to-left phrase
                continue
            if last and ch == " " and last[1] and last[1] not in RTL:
                last[2].append(ch)  # a space inside a Thai or Devanagari phrase
                continue
            face = self._face_for(ch, main) if not script else self._shaping_face(ch)
            if last and last[0] == face and last[1] == script and last[3] == back:
                last[2].append(ch)
            else:
                runs.append([face, script, [ch], back])
        # A Thai or Devanagari run gives back the spaces it took at its end.
        out: list[tuple[int, str, str, bool]] = []
        for face, script, chars, back in runs:
            part = "".join(chars)
            tail = part[len(part.rstrip(" ")) :] if script and script not in RTL else ""
            if tail:
                part = part[: -len(tail)]
            out.append((face, script, part, back))
            if tail:
                out.append((-1, "", tail, back))
        merged: list[tuple[int, str, str, bool]] = []
        for run in out:
            if merged and merged[-1][:2] == run[:2] and merged[-1][3] == run[3]:
                merged[-1] = (run[0], run[1], merged[-1][2] + run[2], run[3])
            else:
                merged.append(run)
        if all(face == -1 and not script and not back for face, script, _, back in merged):
            return None
        if rtl:
            merged = visual_order(merged, base_rtl(text))
        return tuple((face, script, part) for face, script, part, _ in merged)

    def _shaping_face(self, ch: str) -> int:
        """Text to shape goes to a fallback face that shapes it, even if the main face had
        the letters (it would not join them)."""
        for i, cov in enumerate(self.coverage):
            if cov.has(ch):
                return i
        return self._system_face(ch)


class FallbackFont:
    """A `pygame.font.Font` that draws what it lacks with fallback faces (same size)."""

    def __init__(
        self, main: pygame.font.Font, coverage: Coverage, faces: Faces, px: int, bold=False
    ):
        self.main, self.coverage, self.faces, self.px = main, coverage, faces, px
        self.bold = bold  # the fallback runs of a bold or semibold style are emboldened
        # Widths asked again (a card measured, then wrapped in its box; a keycap every
        # frame) are looked up: SDL_ttf shapes and measures the text anew on every call.
        self._sizes: dict[str, tuple[int, int]] = {}

    def __getattr__(self, name):
        return getattr(self.main, name)  # ascent, line size, bold and the rest: the main face

    def _runs(self, text: str):
        if text.isascii():
            return None
        return self.faces.runs(text, self.coverage)

    def _font(self, face: int, script: str):
        if face < 0:
            return self.main
        # Emboldening widens every glyph's advance, marks too: shaped runs stay regular.
        bold = self.bold and not script
        return self.faces.font(face, self.px, script, bold) or self.main

    def size(self, text: str) -> tuple[int, int]:
        known = self._sizes.get(text)
        if known is None:
            if len(self._sizes) >= SIZES_KEPT:
                self._sizes.clear()  # a long session's wrapping: start again, never grow
            known = self._sizes[text] = self._size(text)
        return known

    def _size(self, text: str) -> tuple[int, int]:
        runs = self._runs(text)
        if runs is None:
            return self.main.size(text)
        width, height = 0, self.main.get_height()
        for face, script, part in runs:
            w, h = self._font(face, script).size(part)
            scale = self.faces.scale(face, self.px)
            width += round(w * scale)
            height = max(height, round(h * scale))
        return width, height

    def render(self, text: str, antialias: bool, colour, background=None) -> pygame.Surface:
        runs = self._runs(text)
        if runs is None:
            return self.main.render(text, antialias, colour, background)
        pieces = []
        for face, script, part in runs:
            font = self._font(face, script)
            surf, ascent = font.render(part, antialias, colour, background), font.get_ascent()
            scale = self.faces.scale(face, self.px)
            if scale != 1.0:  # a colour emoji: its one size, scaled to the text's
                w, h = round(surf.get_width() * scale), round(surf.get_height() * scale)
                resize = pygame.transform.smoothscale if surf.get_bitsize() >= 24 else None
                surf = (resize or pygame.transform.scale)(surf, (max(1, w), max(1, h)))
                ascent = round(ascent * scale)
            pieces.append((surf, ascent))
        ascent = max(a for _, a in pieces)
        height = max(ascent - a + s.get_height() for s, a in pieces)
        width = sum(s.get_width() for s, _ in pieces)
        out = pygame.Surface((max(1, width), height), pygame.SRCALPHA)
        if background is not None:
            out.fill(background)
        x = 0
        for surf, a in pieces:
            out.blit(surf, (x, ascent - a))
            x += surf.get_width()
        if background is not None:
            return out
        # A fallback face with taller line metrics (Noto Sans Thai, DejaVu Sans) would make
        # the line taller than the main face's: keep the main face's height, and more only
        # where ink reaches beyond it.
        top = ascent - self.main.get_ascent()
        bottom = top + self.main.get_height()
        ink = out.get_bounding_rect()
        if ink.height:
            top, bottom = max(0, min(top, ink.top)), min(height, max(bottom, ink.bottom))
        if top <= 0 and bottom >= height:
            return out
        return out.subsurface((0, top, out.get_width(), bottom - top)).copy()

    def metrics(self, text: str):
        """Per character, from the face that draws it (so a fallback glyph is not a box)."""
        runs = self._runs(text)
        if runs is None:
            return self.main.metrics(text)
        out = []
        for face, script, part in runs:
            scale = self.faces.scale(face, self.px)
            for m in self._font(face, script).metrics(part):
                out.append(tuple(round(v * scale) for v in m) if m and scale != 1.0 else m)
        return out
