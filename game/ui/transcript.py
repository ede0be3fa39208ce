"""The conversation as a history: every line said so far, in bubbles, scrolled like a chat.

The buyer's lines sit on the left in the panel's colour, with a tail toward the portrait;
the rep's lines sit on the right in their own colour. Narration runs between them in muted
italics, and in practice mode a one-line note from the coach follows each of the rep's lines
(the points and the tags; the full note rose over the choices when the move was made).

The history is read from the attempt's moves (`game.engine.state.Move`), never by replaying,
so resuming, replaying from a decision and reloading the file all rebuild it as it was.

Text is wrapped once per layout and each line is drawn from the text cache; a frame blits only
the lines in view. The newest exchange scrolls into view by itself; the mouse wheel, PgUp,
PgDn and Home scroll back, and End (or "Back to now") returns.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.glyphs import base_rtl
from game.ui.text import wrap
from game.ui.theme import contrast, points_text, quoted
from game.ui.widgets import panel, triangle

NARRATION, BUYER, REP, COACH, NOTE = "narration", "buyer", "rep", "coach", "note"
EARLIER, MORE, NOW = "earlier", "more", "now"  # the scroll cues
WRAPS_KEPT = 8192  # wrapped texts kept (a long run's history at a few sizes)
REP_TINT = 0.24  # how much of the gain colour the rep's bubbles take
LAYER_KEY = (255, 0, 254)  # the bubble layer's see-through colour (no palette uses it)


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    text: str
    points: int = 0  # the coach's line: its colour follows the points
    current: bool = False  # the buyer's line now on screen (revealed word by word)


def history(attempt) -> list[Entry]:
    """Every line of the attempt so far, from its moves, then the line on screen now.

    A decision's lines are made once (the attempt keeps each decision while its move stays),
    so a move at the end of a long run costs no more than one near its start."""
    scenario, state = attempt.scenario, attempt.state
    out: list[Entry] = []
    kept = attempt.history_lines
    for d in attempt.decisions():
        lines = kept.get(id(d))
        if lines is None or lines[0] is not d:
            lines = kept[id(d)] = (d, _decision_lines(scenario, d, attempt.practice))
        out.extend(lines[1])
    if len(kept) > 2 * len(state.moves) + 16:  # a rewind left lines no decision has now
        alive = {id(d) for d in attempt.decisions()}
        for key in [k for k in kept if k not in alive]:
            del kept[key]
    node = attempt.conversation.node
    if node.narration:
        out.append(Entry(NARRATION, node.narration.strip()))
    out.append(Entry(BUYER, quoted(node.say), current=True))
    if state.finished:
        out.append(Entry(NOTE, "The conversation is over."))
    return out


def _decision_lines(scenario, d, practice: bool) -> tuple[Entry, ...]:
    """One decision's lines: the narration, the buyer's line, the rep's, and the coach's."""
    node = scenario.nodes[d.node]
    out = []
    if node.narration:
        out.append(Entry(NARRATION, node.narration.strip()))
    out.append(Entry(BUYER, quoted(node.say)))
    out.append(Entry(REP, quoted(d.said) if d.choice else d.said))
    if practice:
        out.append(Entry(COACH, coach_line(d), points=d.points))
    return tuple(out)


def coach_line(decision) -> str:
    """The coach's note in one line, for the history: the points and the tags earned."""
    text = f"Coach: {points_text(decision.points)} points" if decision.points else "Coach: 0 points"
    if decision.choice is None:
        return text + " · the clock ran out"
    if decision.tags:
        text += " · " + ", ".join(decision.tags)
    return text


def rep_fill(pal) -> tuple[int, int, int]:
    """The rep's bubble: the raised panel tinted toward the gain colour."""
    return tuple(round(a + (b - a) * REP_TINT) for a, b in zip(pal.raised, pal.gain, strict=True))


@dataclass(slots=True)
class Placed:
    """An entry laid out: its bubble (or text box) in content pixels, and its lines."""

    entry: Entry
    box: pygame.Rect  # y from the top of the history, x in window pixels
    text: pygame.Rect  # where the lines go, inside `box`
    lines: list[str]
    style: str
    px: int
    colour: tuple

    @property
    def rtl(self) -> bool:
        """The entry reads right to left (its first letter is Arabic or Hebrew)."""
        text = self.entry.text
        return not text.isascii() and base_rtl(text)


class Transcript:
    """The history panel: lays the entries out in a viewport and scrolls them."""

    def __init__(self, app):
        self.app = app
        self.entries: list[Entry] = []
        self.view = pygame.Rect(0, 0, 0, 0)  # the viewport, in window pixels
        self.placed: list[Placed] = []
        self.content_h = 0
        self.scroll = 0  # pixels of history above the viewport
        self.follow = True  # keep the newest exchange in view
        self.cues: dict[str, pygame.Rect] = {}
        self._key = None
        self._wraps: dict[tuple, tuple[list[str], int]] = {}  # see _wrapped
        self._placed_look = None  # the view and sizes `placed` was laid out for
        self._layer: pygame.Surface | None = None  # what is in view, painted once
        self._layer_key = None
        self._layer_drawn: list = []  # its text boxes, for the layout checks
        self._layer_sizes: set[int] = set()
        self._layer_free: list = []  # (text, window position) of the lines outside bubbles
        self._cue_sizes: dict = {}

    # ----- content and layout -----------------------------------------------------------
    def set(self, entries: list[Entry]) -> None:
        """New history (a move was made, or the node was reloaded): the newest comes into
        view at the next `layout`."""
        self.entries = list(entries)
        self.follow = True
        self._key = None

    def layout(self, view: pygame.Rect) -> None:
        app = self.app
        key = (
            id(self.entries),
            len(self.entries),
            tuple(view),
            app.px("line"),
            app.px("body"),
            app.px("caption"),
            app.pal,
        )
        self.view = pygame.Rect(view)
        if key != self._key:
            self._key = key
            self._place()
        self.scroll = self.now_scroll() if self.follow else self._clamp(self.scroll)

    def _wrapped(self, text: str, style: str, px: int, width: int) -> tuple[list[str], int]:
        """The text's lines at that width, and the widest line's ink; worked out once per
        font and width, so a move late in a long run lays out only its new lines (the
        history of 1,000 decisions was re-wrapped on every move: about a second a frame)."""
        font = self.app.kit.font(style, px)
        key = (text, font, width)
        found = self._wraps.get(key)
        if found is None:
            lines = wrap(text, font, width)
            ink = max(self.app.kit.size(line, style, px)[0] for line in lines)
            if len(self._wraps) > WRAPS_KEPT:
                self._wraps.clear()
            found = self._wraps[key] = (lines, ink)
        return found

    def _place(self) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        view = self.view
        # The entries placed last time, up to the first that changed, keep their places: a
        # move adds lines at the end of the history, so only those are laid out.
        # Places hang from the view's left and right edges only (its top and height, which the
        # choices below change, only scroll it): a new height keeps them.
        look = (view.left, view.width, app.px("line"), app.px("body"), app.px("caption"), pal)
        look += (st.px(100),)
        keep = 0
        if look == self._placed_look:
            n = min(len(self.placed), len(self.entries))
            placed, entries = self.placed, self.entries
            while keep < n and (
                placed[keep].entry is entries[keep] or placed[keep].entry == entries[keep]
            ):
                keep += 1
        self._placed_look = look
        placed = self.placed[:keep]
        y = placed[-1].box.bottom if placed else 0
        previous = placed[-1].entry.kind if placed else None
        for e in self.entries[keep:]:
            if previous is not None:
                y += st.px(18 if e.kind in (BUYER, NARRATION) and previous != NARRATION else 10)
            if e.kind == BUYER:
                px = app.px("line") if e.current else app.px("body")
                pad_x, pad_y = (st.px(24), st.px(18)) if e.current else (st.px(18), st.px(12))
                width = view.width - st.px(4) if e.current else round(view.width * 0.86)
                lines, ink = self._wrapped(e.text, "regular", px, max(1, width - 2 * pad_x))
                if not e.current:  # an earlier line hugs its text
                    width = min(width, ink + 2 * pad_x)
                h = len(lines) * kit.line_height(px) + 2 * pad_y
                if e.current:
                    h = max(h, st.px(96))
                box = pygame.Rect(view.left + st.px(2), y, width, h)
                text = box.inflate(-2 * pad_x, -2 * pad_y)
                colour = pal.text if e.current else pal.muted
                placed.append(Placed(e, box, text, lines, "regular", px, colour))
            elif e.kind == REP:
                px = app.px("body")
                pad_x, pad_y = st.px(18), st.px(12)
                width = round(view.width * 0.8)
                lines, ink = self._wrapped(e.text, "regular", px, max(1, width - 2 * pad_x))
                width = min(width, ink + 2 * pad_x)
                h = len(lines) * kit.line_height(px) + 2 * pad_y
                box = pygame.Rect(view.right - st.px(14) - width, y, width, h)
                text = box.inflate(-2 * pad_x, -2 * pad_y)
                placed.append(Placed(e, box, text, lines, "regular", px, pal.text))
            else:
                style = "italic" if e.kind in (NARRATION, NOTE) else "semibold"
                px = app.px("body") if e.kind == NARRATION else app.px("caption")
                inset = st.px(8) if e.kind == NARRATION else st.px(14)
                width = view.width - 2 * inset
                lines, _ = self._wrapped(e.text, style, px, max(1, width))
                h = len(lines) * kit.line_height(px)
                box = pygame.Rect(view.left + inset, y, width, h)
                colour = pal.muted
                if e.kind == COACH:
                    colour = pal.gain if e.points > 0 else pal.loss if e.points < 0 else pal.muted
                placed.append(Placed(e, box, pygame.Rect(box), lines, style, px, colour))
            y += placed[-1].box.height
            previous = e.kind
        self.placed = placed
        self.content_h = y

    # ----- scrolling --------------------------------------------------------------------
    @property
    def max_scroll(self) -> int:
        return max(0, self.content_h - self.view.height)

    def now_scroll(self) -> int:
        """Where "now" is: the end of the history, unless the line on screen (with the
        narration before it, when both fit) is taller than the view; then the line's start,
        so the buyer's newest words are read from the top."""
        start = self.max_scroll
        for i, p in enumerate(self.placed):
            if p.entry.current:
                top = p.box.top
                lead = self.placed[i - 1] if i else None
                fits = lead is not None and self.content_h - lead.box.top <= self.view.height
                if fits and lead.entry.kind == NARRATION:
                    top = lead.box.top  # the scene-setting too, when it all fits
                start = min(start, top)
                break
        return max(0, start)

    def _clamp(self, scroll: int) -> int:
        return max(0, min(self.max_scroll, int(scroll)))

    def scroll_by(self, pixels: int) -> bool:
        """Scroll by `pixels` (positive: later); True when the view moved."""
        return self.scroll_to(self.scroll + pixels)

    def scroll_to(self, scroll: int) -> bool:
        before = self.scroll
        self.scroll = self._clamp(scroll)
        self.follow = self.scroll == self.now_scroll()
        return self.scroll != before

    def page(self, direction: int) -> bool:
        """PgDn (1) or PgUp (-1): the view's height less a line, so nothing is skipped."""
        step = self.view.height - self.app.kit.line_height(self.app.px("body"))
        return self.scroll_by(direction * max(1, step))

    def home(self) -> bool:
        return self.scroll_to(0)

    def back_to_now(self) -> bool:
        moved = self.scroll_to(self.now_scroll())
        self.follow = True
        return moved

    @property
    def more_above(self) -> bool:
        return self.scroll > 0

    @property
    def more_below(self) -> bool:
        return self.scroll < self.max_scroll

    @property
    def away(self) -> bool:
        """Scrolled back from now into earlier lines."""
        return self.scroll < self.now_scroll()

    def cue_words(self) -> list[tuple[str, str]]:
        """The cues that apply now, as (kind, words): none when nothing is out of view."""
        out = []
        if self.more_above:
            out.append((EARLIER, "Earlier · PgUp"))
        if self.away:
            out.append((NOW, "Back to now · End"))
        elif self.more_below:
            out.append((MORE, "More · PgDn"))
        return out

    def cue_width(self) -> int:
        """The widest the cues can be (both at once), for the row that holds them."""
        return sum(self._cue_size(w)[0] for w in ("Earlier · PgUp", "Back to now · End")) + (
            self.app.stage.px(10)
        )

    def _cue_size(self, words: str) -> tuple[int, int]:
        app, st = self.app, self.app.stage
        key = (words, app.px("caption"), st)
        if key not in self._cue_sizes:
            w, _ = app.kit.size(words, "semibold", app.px("caption"))
            self._cue_sizes[key] = (
                w + st.px(46),
                app.kit.line_height(app.px("caption")) + st.px(8),
            )
        return self._cue_sizes[key]

    def click(self, pos) -> bool:
        """A click on a cue: Earlier pages up, More pages down, Back to now returns."""
        for kind, rect in self.cues.items():
            if rect.collidepoint(pos):
                if kind == EARLIER:
                    self.page(-1)
                elif kind == MORE:
                    self.page(1)
                else:
                    self.back_to_now()
                return True
        return False

    # ----- drawing ----------------------------------------------------------------------
    def forget_drawn(self) -> None:
        """The bubbles are painted afresh at the next frame."""
        self._layer = None

    @property
    def reach(self) -> pygame.Rect:
        """Where the history draws: its view, and left of it the buyer's bubbles' tails."""
        view, tail = self.view, self.app.stage.px(16)
        return pygame.Rect(view.left - tail, view.top, view.width + tail, view.height)

    def draw(self, surface, words: int | None = None) -> None:
        """The lines in view; `words` limits the current line while it is being revealed.

        The bubbles in view are painted once into a layer (opaque, with a colour key for
        what lies between them, so it blits fast) and reused while nothing changes (the scroll,
        the reveal, the layout): a frame costs one blit, not a rounded panel per bubble. The
        lines outside bubbles (narration, the coach) are blitted from the text cache.
        """
        kit, view = self.app.kit, self.view
        reach = self.reach
        key = (self._key, self.scroll, words, tuple(reach))
        if key != self._layer_key or self._layer is None:
            self._layer = pygame.Surface(reach.size)
            self._layer.fill(LAYER_KEY)
            self._layer.set_colorkey(LAYER_KEY, pygame.RLEACCEL)
            self._layer_drawn, self._layer_sizes, self._layer_free = [], set(), []
            drawn, sizes = kit.drawn, kit.sizes_drawn
            kit.drawn, kit.sizes_drawn = self._layer_drawn, self._layer_sizes
            try:
                self._paint(self._layer, (-reach.left, -reach.top), words)
            finally:
                kit.drawn, kit.sizes_drawn = drawn, sizes
            self._layer_key = key
        surface.blit(self._layer, reach)
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip) if clip else view)
        for surf, pos in self._layer_free:
            surface.blit(surf, pos)
        surface.set_clip(clip)
        kit.drawn.extend(self._layer_drawn)
        kit.sizes_drawn |= self._layer_sizes

    def _paint(self, layer, offset, words: int | None) -> None:
        app, st, pal = self.app, self.app.stage, self.app.pal
        view = self.view
        ox, oy = offset
        shift = view.top - self.scroll
        rep = rep_fill(pal)
        for p in self.placed:
            box = p.box.move(0, shift)
            if box.bottom < view.top or box.top > view.bottom:
                continue
            kind = p.entry.kind
            at = box.move(ox, oy)
            if kind == BUYER:
                fill = pal.raised if p.entry.current else pal.panel
                panel(layer, app, at, fill=fill, radius=18 if p.entry.current else 14)
                y = at.top + st.px(28 if p.entry.current else 14)
                pygame.draw.polygon(
                    layer,
                    fill,
                    [
                        (at.left + 1, y),
                        (at.left - st.px(14), y + st.px(10)),
                        (at.left + 1, y + st.px(20)),
                    ],
                )
            elif kind == REP:
                panel(layer, app, at, fill=rep, border=pal.gain, radius=14)
                y = at.top + st.px(14)
                pygame.draw.polygon(
                    layer,
                    rep,
                    [
                        (at.right - 1, y),
                        (at.right + st.px(12), y + st.px(10)),
                        (at.right - 1, y + st.px(20)),
                    ],
                )
            budget = words if p.entry.current else None
            self._draw_lines(layer, offset, p, p.text.move(0, shift), budget)

    def _draw_lines(self, layer, offset, p: Placed, text: pygame.Rect, budget) -> None:
        """The entry's whole lines in view, into `layer` (window position + `offset`)."""
        kit, view = self.app.kit, self.view
        lh = kit.line_height(p.px)
        y = text.top
        ink = pygame.Rect(text.left, text.top, 0, 0)
        for line in p.lines:
            shown = line
            if budget is not None:
                split = line.split(" ")
                shown = " ".join(split[:budget])
                budget = max(0, budget - len(split))
            if shown and y >= view.top and y + lh <= view.bottom:  # whole lines only
                surf = kit.render(shown, p.style, p.px, p.colour, cache=shown == line)
                x = text.left
                if p.entry.kind == COACH or p.entry.kind == NOTE:
                    x = text.right - surf.get_width()  # under the rep's bubble, on their side
                elif p.rtl:
                    x = text.right - surf.get_width()  # Arabic and Hebrew start at the right
                top = y + (lh - surf.get_height()) // 2
                if top < text.top or top + surf.get_height() > text.bottom:
                    # Glyphs taller than the line (a tall fallback face): cropped to the
                    # entry's text, as a box crops them.
                    cut = max(0, text.top - top)
                    h = min(surf.get_height(), text.bottom - top) - cut
                    surf = surf.subsurface((0, cut, surf.get_width(), max(0, h)))
                    top += cut
                if p.entry.kind in (BUYER, REP):
                    layer.blit(surf, (x + offset[0], top + offset[1]))
                else:  # on the backdrop: blitted each frame, so its edges blend with it
                    self._layer_free.append((surf, (x, top)))
                line_ink = pygame.Rect(x, top, surf.get_width(), surf.get_height())
                ink = line_ink if ink.width == 0 else ink.union(line_ink)
            y += lh
        if ink.width:
            # In view only: what the viewport hides is not drawn.
            kit.drawn.append((text.clip(view), ink.clip(view)))

    def draw_cues(self, surface, row: pygame.Rect) -> None:
        """The scroll cues along the left of `row`; nothing when nothing is out of view."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        self.cues = {}
        x = row.left
        for kind, words in self.cue_words():
            w, h = self._cue_size(words)
            r = pygame.Rect(x, row.centery - h // 2, w, h)
            edge = pal.accent if kind == NOW else pal.border
            panel(
                surface,
                app,
                r,
                fill=pal.panel,
                border=edge,
                radius=h / 2 / max(st.u, 0.01),
                width=2 if kind == NOW else 1,
            )
            triangle(
                surface,
                pal.accent if kind == NOW else pal.muted,
                (r.left + st.px(18), r.centery),
                st.px(6),
                kind == EARLIER,
            )
            kit.box(
                surface,
                words,
                "semibold",
                app.px("caption"),
                pal.text,
                pygame.Rect(r.left + st.px(32), r.top, r.width - st.px(40), r.height),
                valign="middle",
            )
            self.cues[kind] = r
            x = r.right + st.px(10)


def rep_contrast(pal) -> float:
    """The rep's text on the rep's bubble (kept at the palette's minimum, tested)."""
    return contrast(pal.text, rep_fill(pal))
