"""Text: rendered once per (text, style, size, colour), wrapped by measured width.

`TextKit.box` draws text into a rect and guarantees it stays inside: it wraps, then steps
the size down, then ends the last line with an ellipsis. Text whose first letter is Arabic
or Hebrew starts at the right when asked to start at the left. Every drawn box is recorded in
`TextKit.drawn` (box, ink) so layout tests can prove nothing spills, and every text that had
to end with an ellipsis in `TextKit.cut`, so they can prove what must be whole is; text
drawn smaller than asked goes in `TextKit.shrunk`. Records stop at the surface's clip (a
scrolling panel hides what lies outside it).
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict

import pygame

from game.ui.glyphs import attaches, base_rtl
from game.ui.theme import LINE_HEIGHT, Fonts

ELLIPSIS = "…"


# Scripts written without spaces between words: a line may break between any two of their
# characters (Thai, Lao, Myanmar, Khmer, Chinese, Japanese; Korean puts spaces between
# words and breaks there). Code point ranges, not a regular expression: compiling this
# character class took some 3.5 ms of the window's start-up.
DENSE = (
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x2E80, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)


def dense(ch: str) -> bool:
    """True for a character of a script written without spaces (`DENSE`)."""
    code = ord(ch)
    return code >= 0x0E00 and any(first <= code <= last for first, last in DENSE)


def has_dense(text: str) -> bool:
    return not text.isascii() and any(dense(ch) for ch in text)


# Never at the start of a line: closing marks, small kana, the long-vowel mark, stops.
NO_START = set(
    "、。，．！？：；・ー々ゝゞヽヾ）」』】〕〉》〗〙〛｝］”’!?,.:;)]}…"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
NO_END = set("（「『【〔〈《〖〘〚｛［“‘([{")  # never at the end of a line: opening marks
# Thai and Lao vowels written before their consonant.
THAI_LEADING = set("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
VIRAMA = {"\u094d", "\u0e3a"}  # joins the next consonant into one cluster


def glued(before: str, ch: str) -> bool:
    """No line break between `before` and `ch`: they are one cluster (a mark, a joiner, a
    vowel sign, a conjunct) or a closing/opening mark stays with its neighbour."""
    if attaches(ch) or unicodedata.category(ch) == "Mc":
        return True
    return before in THAI_LEADING or before in VIRAMA or before == "\u200d"


def pieces(paragraph: str) -> list[tuple[bool, str]]:
    """(space before, text) for each unit a line may break between: words, and each
    character (with its marks) of a script written without spaces."""
    if not has_dense(paragraph):
        return [(True, word) for word in paragraph.split()]
    out: list[list] = []
    space = False
    for ch in paragraph:
        if ch.isspace():
            space = True
            continue
        if out and not space:
            prev = out[-1][1]
            if (
                not (dense(ch) or dense(prev[-1]))
                or glued(prev[-1], ch)
                or ch in NO_START
                or prev[-1] in NO_END
            ):
                out[-1][1] += ch
                continue
        out.append([space, ch])
        space = False
    return [(sp, text) for sp, text in out]


def longest_prefix(word: str, font, width: int) -> int:
    """How many characters of `word` fit `width` (at least one cluster), not splitting a
    cluster (binary search)."""
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if font.size(word[:mid])[0] <= width:
            low = mid
        else:
            high = mid - 1
    cut = low
    while 1 < cut < len(word) and glued(word[cut - 1], word[cut]):
        cut -= 1
    if cut == 1:  # one cluster wider than the box: it still goes whole
        while cut < len(word) and glued(word[cut - 1], word[cut]):
            cut += 1
    return cut


def _wrap_pieces(paragraph: str, font, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for space, piece in pieces(paragraph):
        candidate = f"{line}{' ' if space else ''}{piece}" if line else piece
        if font.size(candidate)[0] <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        # A word wider than the box (a URL, a long compound) breaks between clusters.
        while len(piece) > 1 and font.size(piece)[0] > width:
            cut = longest_prefix(piece, font, width)
            if cut >= len(piece):
                break
            lines.append(piece[:cut])
            piece = piece[cut:]
        line = piece
    lines.append(line)
    return lines


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Lines no wider than `width` (measured), keeping the text's own line breaks. Lines
    break at spaces, and between the characters of Chinese, Japanese and Thai (never before
    a closing mark or inside a cluster: a letter with its marks, a conjunct)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        whole = " ".join(words)
        if font.size(whole)[0] <= width:  # most labels fit at once: one measurement
            lines.append(whole)
            continue
        lines.extend(_wrap_pieces(whole, font, width))
    return lines


def clip_line(line: str, font: pygame.font.Font, width: int) -> str:
    """`line` shortened to end with an ellipsis so it fits `width` (a binary search)."""
    low, high = 0, len(line)  # the longest fitting prefix lies in [low, high]
    while low < high:
        mid = (low + high + 1) // 2
        if font.size(line[:mid] + ELLIPSIS)[0] <= width:
            low = mid
        else:
            high = mid - 1
    return line[:low].rstrip() + ELLIPSIS


def _bytes(surf: pygame.Surface) -> int:
    return surf.get_width() * surf.get_height() * surf.get_bytesize()


def _seen(surface, box: pygame.Rect, ink: pygame.Rect):
    """(box, ink) as far as they show: a scrolling panel's clip hides what lies outside it."""
    clip = surface.get_clip()
    if clip == surface.get_rect():
        return box, ink
    return box.clip(clip), ink.clip(clip)


class TextKit:
    """Fonts, a cache of rendered text, and boxes that text cannot spill from."""

    def __init__(self, fonts: Fonts | None = None, limit: int = 3000, budget_bytes: int = 96 << 20):
        self.fonts = fonts or Fonts()
        self._surfaces: OrderedDict = OrderedDict()
        self._layouts: OrderedDict = OrderedDict()
        self.limit = limit
        # Rendered lines at 4K are large; the cache is bounded by memory as well as by count.
        self.budget_bytes = budget_bytes
        self.cached_bytes = 0
        self.drawn: list[tuple[pygame.Rect, pygame.Rect]] = []
        self.floor_px = 6  # no text is drawn smaller (the app sets it from the text size)
        self.sizes_drawn: set[int] = set()  # the pixel sizes rendered since the last clear
        self.cut: list[tuple[str, pygame.Rect]] = []  # text ended with "…" to fit: (text, box)
        self.shrunk: list[tuple[str, int, int]] = []  # smaller than asked: (text, asked, drawn)

    def font(self, style: str, px: int) -> pygame.font.Font:
        return self.fonts.get(style, max(self.floor_px, int(px)))

    def line_height(self, px: int) -> int:
        return round(px * LINE_HEIGHT)

    def render(self, text: str, style: str, px: int, colour, cache: bool = True) -> pygame.Surface:
        """`text` drawn once and kept; `cache=False` for one-off text (a line being revealed)."""
        px = max(self.floor_px, int(px))
        self.sizes_drawn.add(px)
        if not cache:
            return self.font(style, px).render(text, True, colour)
        key = (text, style, px, tuple(colour))
        surf = self._surfaces.get(key)
        if surf is None:
            surf = self.font(style, px).render(text, True, colour)
            self._surfaces[key] = surf
            self.cached_bytes += _bytes(surf)
            while len(self._surfaces) > 1 and (
                len(self._surfaces) > self.limit or self.cached_bytes > self.budget_bytes
            ):
                _, old = self._surfaces.popitem(last=False)
                self.cached_bytes -= _bytes(old)
        else:
            self._surfaces.move_to_end(key)
        return surf

    def size(self, text: str, style: str, px: int) -> tuple[int, int]:
        return self.font(style, px).size(text)

    def fit(
        self, text: str, style: str, px: int, width: int, height: int, min_px: int | None = None
    ):
        """(px, lines) for `text` in a width×height box: wrap, shrink (by default to 60% of
        `px`, never below 11), and end with an ellipsis as a last resort."""
        px = int(px)
        if min_px is None:
            min_px = max(11, round(px * 0.6))
        key = (text, style, px, width, height, min_px)
        hit = self._layouts.get(key)
        if hit is not None:
            return hit
        size = px
        floor = max(self.floor_px, min(px, max(6, min_px)))
        while True:
            font = self.font(style, size)
            lines = wrap(text, font, max(1, width))
            if len(lines) * self.line_height(size) <= height or size <= floor:
                break
            size = max(floor, int(size * 0.92))
        keep = max(1, height // self.line_height(size))
        if len(lines) > keep:
            lines = lines[: keep - 1] + [clip_line(lines[keep - 1], font, width)]
        result = (size, lines)
        self._layouts[key] = result
        if len(self._layouts) > self.limit:
            self._layouts.popitem(last=False)
        return result

    def box(self, surface, text, style, px, colour, rect, align="left", valign="top", min_px=None):
        """Draw `text` inside `rect`; returns the rect the ink covers (always inside `rect`)."""
        size, lines = self.fit(text, style, px, rect.width, rect.height, min_px)
        if align == "left" and not text.isascii() and base_rtl(text):
            align = "right"  # Arabic and Hebrew start at the right
        if lines and lines[-1].endswith(ELLIPSIS) and not text.rstrip().endswith(ELLIPSIS):
            self.cut.append((text, pygame.Rect(rect)))
        if size < max(self.floor_px, int(px)):
            self.shrunk.append((text, max(self.floor_px, int(px)), size))
        lh = self.line_height(size)
        total = lh * len(lines)
        y = rect.top
        if valign == "middle":
            y = rect.top + max(0, (rect.height - total) // 2)
        elif valign == "bottom":
            y = rect.bottom - min(total, rect.height)
        ink = pygame.Rect(rect.left, y, 0, 0)
        for line in lines:
            surf = self.render(line, style, size, colour)
            w = min(surf.get_width(), rect.width)
            x = rect.left
            if align == "center":
                x = rect.left + (rect.width - w) // 2
            elif align == "right":
                x = rect.right - w
            # Centre the glyphs in the line box; crop so nothing leaves `rect`.
            top = y + (lh - surf.get_height()) // 2
            area = pygame.Rect(0, max(0, rect.top - top), w, surf.get_height())
            area.height = min(area.height, rect.bottom - max(top, rect.top))
            if area.height > 0:
                surface.blit(surf, (x, max(top, rect.top)), area)
                line_ink = pygame.Rect(x, max(top, rect.top), w, area.height)
                ink = line_ink if ink.width == 0 else ink.union(line_ink)
            y += lh
        self.drawn.append(_seen(surface, pygame.Rect(rect), ink))
        return ink

    def line(self, surface, text, style, px, colour, pos, anchor="topleft", max_width=None):
        """One line at `pos`; clipped with an ellipsis when wider than `max_width`."""
        cut = max_width is not None and self.size(text, style, px)[0] > max_width
        if cut:
            whole, text = text, clip_line(text, self.font(style, px), max_width)
        surf = self.render(text, style, px, colour)
        r = surf.get_rect(**{anchor: pos})
        if cut:
            self.cut.append((whole, pygame.Rect(r)))
        surface.blit(surf, r)
        # A free line must at least stay on screen.
        self.drawn.append(_seen(surface, surface.get_rect(), r))
        return r
