"""Recall mode in the conversation: the rep types what they would say instead of picking.

The panel takes the place of the list of choices. Typing goes into a text box (caret, Left,
Right, Home, End, Backspace, Delete, Ctrl+V to paste, and SDL text input, so accents and input
methods work). Enter matches the words to the closest visible choice (`game.engine.matcher`)
and shows "I heard:" with that line and the confidence; Enter again says it, Esc goes back to
editing, Tab shows the other readings (their number picks one). Nothing is said without that
second Enter. When nothing is close enough the buyer's "I didn't follow" asks for more; after
a second miss at the same decision the list is offered, and the debrief notes it.

A choice written as an action, such as "(Say nothing.)", is taken by typing the action in
brackets: "[say nothing]". A node with a clock keeps it running while the rep types (unless
timers are off in the settings).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pygame

from game.engine import semantic
from game.engine.matcher import Match, is_action, matcher_for
from game.errors import GameError
from game.ui import intents as I
from game.ui.text import wrap
from game.ui.theme import quoted
from game.ui.widgets import Button, keycap, keycap_side, panel

RECALL_H = 210  # the panel's height, in units
MAX_TYPED = 500  # characters
LIST_OFFERED = "Here are the lines you could say. Pick one."
EDIT, HEARD, LISTING = "edit", "heard", "listing"


@dataclass(frozen=True, slots=True)
class RecallNote:
    """How one decision was taken in recall mode, for the debrief."""

    typed: str  # the rep's last words at this decision ("" when they picked from the list)
    confidence: float | None  # of the line that was said (0 from the list, None: not kept)
    listed: bool = False  # the list was offered after two misses, and the rep picked from it
    misses: int = 0


def said_line(attempt, decision) -> str:
    """What the debrief shows for a decision: the typed words beside the line they matched."""
    plain = f"You: {quoted(decision.said)}" if decision.choice else decision.said
    note = attempt.typed.get(decision.number)
    if note is None or decision.choice is None:
        return plain
    if note.listed:
        return f"{plain} (picked from the list after {note.misses} misses)"
    sure = f" ({note.confidence:.0%})" if note.confidence is not None else ""
    return f"You typed: “{note.typed}”. Heard as: {quoted(decision.said)}{sure}"


def restore(attempt, store) -> None:
    """A resumed run: the words saved with its decisions, and recall mode if it was typed."""
    if store is None or attempt.run_id is None:
        return
    try:
        saved = store.decisions(attempt.run_id)
    except (GameError, sqlite3.Error, OSError):  # the debrief can do without them
        return
    for d in saved:
        if d.typed:
            attempt.typed.setdefault(d.seq, RecallNote(d.typed, None))
    if attempt.typed:
        attempt.recall = True


def clipboard_text() -> str:
    """Text on the clipboard, or "" when there is none (or no clipboard, as headless)."""
    try:
        if hasattr(pygame.scrap, "get_text"):
            return pygame.scrap.get_text() or ""
    except pygame.error:
        pass
    return ""


class RecallPanel:
    """The text box, the "I heard" confirmation and the fallback list, for one node."""

    def __init__(self, screen):
        self.screen = screen
        self.app = screen.app
        self.attempt = screen.attempt
        self.node = screen.node
        self.choices = self.attempt.shown_choices(self.app.settings.shuffle_choices)
        self.matcher = matcher_for(self.attempt.scenario, semantic.shared())
        self.matcher.prepare(self.node.id, self.choices)
        self.text = ""
        self.caret = 0
        self.state = EDIT
        self.match: Match | None = None
        self.heard: str | None = None  # the choice id "I heard" shows
        self.confidence = 0.0
        self.misses = 0
        self.missed = False  # the last Enter matched nothing
        self.show_alternatives = False
        self.actions = [c for c in self.choices if is_action(c.text)]
        self.rect = pygame.Rect(0, 0, 0, 0)
        # The clock's (width, height) when the screen puts it in the panel's header (the panel
        # rose over the row under the history that holds it), else None.
        self.clock_size: tuple[int, int] | None = None
        # The top (pixels) the screen asks the panel to reach up to, when it rose so far over
        # the history that what was left above it could not show a line: it then covers the
        # buyer's card and the history whole rather than cutting through them. None: as tall
        # as it needs.
        self.reach: int | None = None
        _start_text_input()

    # ----- what the screen asks ---------------------------------------------------------
    @property
    def hides_list(self) -> bool:
        return self.state != LISTING

    @property
    def typing(self) -> bool:
        return self.state == EDIT

    def shot_suffix(self) -> str:
        """How the headless demo names a screenshot of this panel."""
        if self.state == HEARD:
            return "-heard-alternatives" if self.show_alternatives else "-heard"
        if self.state == LISTING:
            return "-list"
        if self.missed:
            return "-missed"
        return "-typing" if self.text else "-recall"

    def close(self) -> None:
        """The decision is taken: SDL text input stays on (other screens type too)."""

    # ----- input ------------------------------------------------------------------------
    def handle(self, intent) -> bool | None:
        """True when handled; None to let the screen handle it (Esc while editing leaves)."""
        if self.state == LISTING:
            return None
        if self.state == HEARD:
            return self._handle_heard(intent)
        return self._handle_edit(intent)

    def _handle_edit(self, intent) -> bool | None:
        k = intent.kind
        if k == I.CONFIRM:
            self.submit()
            return True
        if k in (I.CHAR, I.CHOOSE, I.HELP) and intent.text:
            self.insert(intent.text)
            return True
        if k == I.ERASE:
            if self.caret > 0:
                self.text = self.text[: self.caret - 1] + self.text[self.caret :]
                self.caret -= 1
            return True
        if k == I.DELETE:
            self.text = self.text[: self.caret] + self.text[self.caret + 1 :]
            return True
        if k in (I.LEFT, I.RIGHT):
            self.caret = max(0, min(len(self.text), self.caret + (1 if k == I.RIGHT else -1)))
            return True
        if k in (I.HOME, I.UP):
            self.caret = 0
            return True
        if k in (I.END, I.DOWN):
            self.caret = len(self.text)
            return True
        if k == I.PASTE:
            pasted = " ".join(clipboard_text().split())
            if pasted:
                self.insert(pasted)
            else:
                self.app.toast("Nothing to paste.")
            return True
        if k == I.BACK:
            return None
        return True  # every other key is the box's while it has the focus

    def _handle_heard(self, intent) -> bool | None:
        k = intent.kind
        if k == I.CONFIRM:
            self.say()
            return True
        if k == I.BACK or k == I.ERASE:
            self.state = EDIT
            self.show_alternatives = False
            self._start()
            return True
        if k in (I.NEXT, I.PREV):
            self.show_alternatives = not self.show_alternatives
            return True
        if k == I.CHOOSE and self.show_alternatives:
            others = self.alternatives()
            if 1 <= intent.number <= len(others):
                pick = others[intent.number - 1]
                self.heard, self.confidence = pick.choice, pick.confidence
                self.show_alternatives = False
            return True
        return True

    def insert(self, text: str) -> None:
        room = MAX_TYPED - len(self.text)
        text = text[:room]
        self.text = self.text[: self.caret] + text + self.text[self.caret :]
        self.caret += len(text)

    def submit(self) -> None:
        if not self.text.strip():
            self.app.toast("Type what you would say, then press Enter.")
            return
        self.match = self.matcher.match(self.text, self.node.id, self.choices)
        if self.match.choice is not None:
            self.state = HEARD
            self.heard, self.confidence = self.match.choice, self.match.confidence
            self.missed = False
            return
        self.misses += 1
        self.missed = True
        if self.misses >= 2:
            self.offer_list()

    def alternatives(self):
        if self.match is None:
            return []
        return [s for s in self.match.ranked if s.choice != self.heard][:5]

    def say(self) -> None:
        choice = self.node.choice(self.heard)
        self.note(RecallNote(self.text.strip(), self.confidence, misses=self.misses))
        self.close()
        self.screen.take(choice, typed=self.text.strip())

    def offer_list(self) -> None:
        """After a second miss: the choices as a list, as in pick mode."""
        self.state = LISTING
        self.screen.buttons.set(
            [
                Button(c.text, lambda c=c: self.take_listed(c), hint=str(i), kind="choice", data=c)
                for i, c in enumerate(self.choices, 1)
            ],
            0,
        )
        self.screen.layout(self.app.stage)
        self.app.toast(LIST_OFFERED, 5000)

    def take_listed(self, choice) -> None:
        self.note(RecallNote(self.text.strip(), 0.0, listed=True, misses=self.misses))
        self.app.untoast(LIST_OFFERED)  # answered: the prompt would sit over the coach's note
        self.close()
        self.screen.take(choice, typed=self.text.strip() or None)

    def note(self, note: RecallNote) -> None:
        self.attempt.typed[len(self.attempt.state.moves) + 1] = note

    def _start(self) -> None:
        _start_text_input(self.rect)

    # ----- drawing ----------------------------------------------------------------------
    def layout(self, stage) -> None:
        self.place(stage)
        if self.typing:
            _start_text_input(self.rect)

    def place(self, stage) -> None:
        """The panel's rect: as tall as what it shows now (at least RECALL_H units), from the
        bottom up; when it is taller than the room the screen keeps, it rises over the history,
        as the coach's note does."""
        self.rect = stage.rect(24, 704 - RECALL_H, 1232, RECALL_H)
        needed = self.needed_px(self.rect.width - stage.px(32))
        height = min(max(self.rect.height, needed), stage.px(600))
        if self.reach is not None:
            height = max(height, self.rect.bottom - self.reach)
        self.rect = pygame.Rect(self.rect.left, self.rect.bottom - height, self.rect.width, height)

    def edit_height(self, stage) -> float:
        """The typing panel's height in units (what the screen keeps for it)."""
        state, self.state = self.state, EDIT
        try:
            return max(RECALL_H, self.needed_px(stage.px(1232 - 32)) / stage.u)
        finally:
            self.state = state

    def needed_px(self, inner_w: int) -> int:
        """How tall the panel must be for the state it is in, every line whole, in pixels."""
        app, st, kit = self.app, self.app.stage, self.app.kit
        cap = app.px("caption")
        keys = keycap_side(app)
        h = st.px(24) + self.head_h()  # padding, the heading
        if self.state == HEARD and self.show_alternatives:
            for line in self.alternative_lines():
                h += self.lines(line, "regular", cap, inner_w - st.px(70)) + st.px(4)
            return h + st.px(8) + keys + st.px(24)
        if self.state == HEARD:
            line = f"“{self.node.choice(self.heard).text}”"
            h += st.px(10) + self.lines(line, "semibold", app.px("choice"), inner_w - st.px(16))
            h += st.px(20) + kit.line_height(cap) + st.px(8)
            return h + keys + st.px(24)
        h += st.px(8) + self.field_h() + st.px(12) + keys
        if self.actions:
            h += st.px(6) + self.lines(self.bracket_hint(), "italic", cap, inner_w)
        return h + st.px(24)

    def head_h(self) -> int:
        """The heading's row: one line, or as tall as the clock when it sits in the header
        (the clock's box starts in the padding above the row)."""
        lh = self.app.kit.line_height(self.app.px("body"))
        if self.clock_size is None:
            return lh
        return max(lh, self.clock_size[1] - self.app.stage.px(8))

    def clock_rect(self) -> pygame.Rect | None:
        """Where the clock sits in the header (top right), or None when it is not in it."""
        if self.clock_size is None:
            return None
        st = self.app.stage
        w, h = self.clock_size
        return pygame.Rect(self.rect.right - st.px(4) - w, self.rect.top + st.px(4), w, h)

    def head_row(self, inner) -> pygame.Rect:
        """The heading's row in `inner`, left of the clock when it is in the header."""
        row = pygame.Rect(inner.left, inner.top, inner.width, self.head_h())
        clock = self.clock_rect()
        if clock is not None:
            row.width = max(1, clock.left - self.app.stage.px(8) - row.left)
        return row

    def draw_head(self, surface, inner, text: str, colour) -> int:
        """The heading, at the top left (beside the clock when it is in the header); returns
        the y under it."""
        app = self.app
        if self.clock_size is None:
            r = app.kit.line(
                surface, text, "bold", app.px("body"), colour, inner.topleft, max_width=inner.width
            )
            return r.bottom
        row = self.head_row(inner)
        app.kit.line(
            surface,
            text,
            "bold",
            app.px("body"),
            colour,
            (row.left, row.centery),
            anchor="midleft",
            max_width=row.width,
        )
        return row.bottom

    def lines(self, text: str, style: str, px: int, width: int) -> int:
        """The height of `text` wrapped at `width`."""
        kit = self.app.kit
        return len(wrap(text, kit.font(style, px), max(1, width))) * kit.line_height(px)

    def field_h(self) -> int:
        st, kit = self.app.stage, self.app.kit
        return max(st.px(64), kit.line_height(self.app.px("body")) + st.px(16))

    def bracket_hint(self) -> str:
        example = self.actions[0].text.strip().strip("()[]*").rstrip(".")
        return f"To act rather than speak, type it in brackets, such as [{example.lower()}]."

    def alternative_lines(self) -> list[str]:
        return [
            f"{i}. {self.node.choice(s.choice).text}" for i, s in enumerate(self.alternatives(), 1)
        ]

    def look(self) -> tuple:
        """Everything the panel's drawing shows beyond the screen's layout: while it is the
        same, a drawing kept from an earlier frame is this one (game.ui.layers)."""
        readings = tuple((s.choice, s.confidence) for s in self.alternatives())
        shown = (self.state, self.text, self.caret, self.missed, self.misses, self.heard)
        return (*shown, self.confidence, self.show_alternatives, readings, tuple(self.rect))

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        self.place(st)  # the state may have changed what the panel holds
        box = self.rect
        panel(surface, app, box)
        inner = box.inflate(-st.px(32), -st.px(24))
        if self.state == HEARD:
            self.draw_heard(surface, inner)
            return
        head = "Say it in your own words"
        if self.missed:
            head = (
                "I didn't follow. Say a bit more, or put it another way."
                if self.misses < 2
                else head
            )
        colour = pal.loss if self.missed else pal.text
        below = self.draw_head(surface, inner, head, colour)
        field = pygame.Rect(inner.left, below + st.px(8), inner.width, self.field_h())
        self.draw_field(surface, field)
        keys = keycap_side(app)
        y = field.bottom + st.px(12)
        self.draw_keys(
            surface,
            [("⏎", "check what I heard"), ("Esc", "leave (saved)")],
            inner.left,
            y + keys // 2,
        )
        if self.actions:
            top = y + keys + st.px(6)
            kit.box(
                surface,
                self.bracket_hint(),
                "italic",
                app.px("caption"),
                pal.muted,
                pygame.Rect(inner.left, top, inner.width, inner.bottom - top),
            )

    def draw_field(self, surface, field) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, field, fill=pal.raised, border=pal.accent, radius=10, width=2)
        px = app.px("body")
        text_box = field.inflate(-st.px(28), 0)
        lh = kit.line_height(px)
        y = field.centery - lh // 2
        if not self.text:
            kit.line(
                surface,
                "Type what you would say to the buyer…",
                "italic",
                px,
                pal.muted,
                (text_box.left + st.px(4), field.centery),
                anchor="midleft",
            )
            pygame.draw.rect(surface, pal.text, (text_box.left, y, st.px(2), lh))
            return
        # One line that scrolls so the caret stays in view.
        start = 0
        while start < self.caret and kit.size(self.text[start : self.caret], "regular", px)[
            0
        ] > text_box.width - st.px(8):
            start += max(1, (self.caret - start) // 8)
        shown = self.text[start:]
        clip = surface.get_clip()
        surface.set_clip(text_box.clip(clip) if clip else text_box)
        surf = kit.render(shown, "regular", px, pal.text, cache=False)
        surface.blit(surf, (text_box.left, y + (lh - surf.get_height()) // 2))
        caret_x = text_box.left + kit.size(self.text[start : self.caret], "regular", px)[0]
        pygame.draw.rect(surface, pal.text, (caret_x, y, st.px(2), lh))
        surface.set_clip(clip)

    def draw_heard(self, surface, inner) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        choice = self.node.choice(self.heard)
        head = self.head_row(inner)
        below = self.draw_head(surface, inner, "I heard:", pal.accent)
        kit.line(
            surface,
            f"confidence {self.confidence:.0%}",
            "semibold",
            app.px("caption"),
            pal.muted,
            (head.right, head.centery if self.clock_size else (inner.top + below) // 2),
            anchor="midright",
        )
        if self.show_alternatives:
            y = below + st.px(8)
            others = self.alternatives()
            cap = app.px("caption")
            for line, s in zip(self.alternative_lines(), others, strict=True):
                h = self.lines(line, "regular", cap, inner.width - st.px(70))
                r = pygame.Rect(inner.left, y, inner.width - st.px(70), h)
                kit.box(surface, line, "regular", cap, pal.text, r, valign="middle")
                kit.line(
                    surface,
                    f"{s.confidence:.0%}",
                    "regular",
                    cap,
                    pal.muted,
                    (inner.right, r.top + kit.line_height(cap) // 2),
                    anchor="midright",
                )
                y += h + st.px(4)
            if not others:
                kit.line(
                    surface,
                    "It is the only line you could say here.",
                    "italic",
                    cap,
                    pal.muted,
                    (inner.left, y),
                    max_width=inner.width,
                )
            numbers = "1" if len(others) == 1 else f"1–{len(others)}"
            keys = [(numbers, "hear it as that line")] if others else []
            keys.append(("Tab", "back"))
        else:
            # From the bottom up: the keys, what the rep typed, then the line it was heard as.
            cap_px = app.px("caption")
            keys_h = keycap_side(app)
            typed_top = inner.bottom - keys_h - st.px(8) - kit.line_height(cap_px)
            top = below + st.px(10)
            line = pygame.Rect(inner.left, top, inner.width, max(st.px(20), typed_top - top - 8))
            panel(surface, app, line.inflate(st.px(8), st.px(4)), fill=pal.raised, radius=10)
            kit.box(
                surface,
                f"“{choice.text}”",
                "semibold",
                app.px("choice"),
                pal.text,
                line.inflate(-st.px(16), -st.px(8)),
                valign="middle",
            )
            kit.line(
                surface,
                f"You typed: {self.text.strip()}",
                "italic",
                cap_px,
                pal.muted,
                (inner.left, typed_top),
                max_width=inner.width,
            )
            keys = [("⏎", "say it"), ("Esc", "edit"), ("Tab", "other readings")]
        self.draw_keys(
            surface,
            keys,
            inner.left,
            inner.bottom - keycap_side(app) // 2,
        )

    def draw_keys(self, surface, keys, x: int, y: int) -> None:
        """A row of keycaps, each with what it does, from (x, y) as their middle left."""
        app, st = self.app, self.app.stage
        for cap, words in keys:
            r = keycap(surface, app, cap, (x, y))
            t = app.kit.line(
                surface,
                words,
                "regular",
                app.px("caption"),
                app.pal.muted,
                (r.right + st.px(8), r.centery),
                anchor="midleft",
            )
            x = t.right + st.px(24)


def _start_text_input(rect: pygame.Rect | None = None) -> None:
    """SDL text input on (composed letters and input methods), near the box for its window."""
    try:
        pygame.key.start_text_input()
        if rect is not None and rect.width:
            pygame.key.set_text_input_rect(rect)
    except pygame.error:
        pass
