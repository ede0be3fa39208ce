"""The conversation: the buyer's portrait, the exchange so far, the meters, the clock, and
the choices.

The exchange is a history (`game.ui.transcript`): the rep's chosen lines stay on screen as
bubbles, the buyer's replies below them, and earlier exchanges scroll back (wheel, PgUp,
PgDn, Home, and End or "Back to now"). The buyer's newest line is revealed word by word (any
key completes it); meters ease to their new values; a node with a time limit shows a
countdown ring that starts once the line is read. In practice mode the coach's note rises
over the choices after each move. Text never shrinks to fit: at large text sizes the top bar
stacks into two rows, and the history and the choices scroll.

Each part (the bar, the buyer's card, the portrait, the history with its cues, the clock, the
choices or the recall panel) is kept drawn as a layer (`game.ui.layers`) and drawn again only
when what it shows changes, so a still frame is a few blits.
"""

from __future__ import annotations

import math
from functools import partial

import pygame

from game.content.loader import load_scenario
from game.ui import intents as I
from game.ui.layers import Layers
from game.ui.recall import RECALL_H, RecallPanel
from game.ui.scene import UNHANDLED, Scene
from game.ui.text import wrap
from game.ui.theme import MOOD_WORDS, curled, delta_colour, points_text, signed
from game.ui.transcript import NARRATION, Entry, Transcript, history
from game.ui.widgets import Button, Buttons, bar, cues, panel, pips, ring, triangle

MEASURE_MS = 300  # meters ease to a new value over this long
# The clock redraws only when what it shows changes: the seconds, a step of the arc (about
# 3 px of its edge, at most RING_HZ a second) or a step of the pulse (PULSE_STEPS from rest to
# full beat), and then only the ring's pixels, over the background kept from the last frame.
RING_HZ = 12
PULSE_MS, PULSE_STEPS = 5000, 4  # the last five seconds pulse once a second, in four steps
CLOCK_SCAN_MS = 10  # the resolution at which the loop looks ahead for the clock's next change
TIMES_UP_MS = 1400  # "Time's up" stays this long before the buyer moves on
BLINK_EVERY_MS, BLINK_MS = 4300, 150
PORTRAIT = 210  # the portrait's side in units: the same on every turn
CHOICES_MAX_H = 330
COACH_H = 262  # the coach's note panel, in units
PASSED_ON = (I.HELP, I.SETTINGS)  # even mid-line, these open their screens


class ConversationScreen(Scene):
    name = "conversation"
    # F1 over the conversation lists its own keys (game.ui.scenes.help).
    help_keys = (
        ("1 – 6", "Say the numbered line"),
        ("↑ ↓ Tab", "Move the focus; the choices scroll with it"),
        ("Enter", "Choose, continue"),
        ("any key", "Show the buyer's whole line at once"),
        ("PgUp PgDn", "Scroll the conversation so far (or the wheel)"),
        ("Home End", "Its first line; back to now"),
        ("Esc", "Back (your run is saved)"),
        ("F1 or ?", "This help"),
        ("F2", "Settings"),
        ("F5", "Reload the scenario file, keeping your place"),
        ("F11", "Fullscreen"),
    )

    def __init__(self, app, attempt):
        super().__init__(app)
        self.attempt = attempt
        self.buttons = Buttons()
        self.paused = False
        self.shown = {n: v for n, v in attempt.state.meters.items()}  # eased display values
        self.easing: dict[str, tuple[float, float, int]] = {}  # name -> (from, to, elapsed)
        self.deltas: dict[str, int] = {}
        self.words = 0.0
        self.total_words = 0
        self.remaining_ms: int | None = None
        self.rects: dict[str, pygame.Rect] = {}
        self.choice_px: int | None = None
        self.noting = False  # a coach's note is over the choices
        self.recall = None  # recall mode: the panel the rep types into (game.ui.recall)
        self.covered = False  # the recall panel covers the buyer's card and the history whole
        self.idle_ms = 0  # time the buyer has been on screen: blinks and breathing
        self.transcript = Transcript(app)  # the exchange so far, read from the moves
        self.pointer = (0, 0)  # where the mouse is: the wheel scrolls the panel under it
        self.bar_rects: dict = {}
        self.bar_px = 0  # the title's and score's size: body in one row, caption in two
        self._who_lines = (None, 1)
        self._name_lines = (None, 1)
        self.role_in_history = False  # the role did not fit the buyer's card (see layout)
        self.clock_words = True  # "0:24 left to answer"; only "0:24" when the row is short
        self.card_heights: list[float] = []
        self.choices_max = float(CHOICES_MAX_H)
        self.choices_top = self.cards_h = self.cue_u = 0.0
        self.choice_scroll = 0.0  # when the cards scroll: units of them above the view
        self.choices_content = 0.0
        self.shown_cards: set[int] = set()
        self.choice_overflow = False
        self.times_up_ms = 0  # the "Time's up" moment before a time-out plays
        self.kept: dict[str, tuple[pygame.Rect, pygame.Surface]] = {}  # pixels under the clock
        # The bar, the buyer's card, the history, the clock and the choices, each kept drawn
        # (game.ui.layers); `look` counts layouts, which change what every part shows.
        self.layers = Layers(app)
        self.look = 0
        self.clock_box: pygame.Rect | None = None
        self.portrait_at: tuple[int, tuple[int, int]] = (0, (0, 0))  # side, midtop
        self.name_h = 0  # the buyer's name's lines in the card, in pixels
        self._card_look = None  # the layout the portrait was placed for

    # ----- the node on screen -----------------------------------------------------------
    @property
    def node(self):
        return self.attempt.conversation.node

    def enter(self) -> None:
        self.show_node()

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False
        if self.noting:
            self.noting = False
            self.layout(self.app.stage)
        self.app.dirty = True

    def shot_name(self) -> str:
        if self.attempt.state.finished:
            return "ending"
        name = f"decision-{len(self.attempt.state.moves) + 1}"
        return name + (self.recall.shot_suffix() if self.recall is not None else "")

    def show_node(self) -> None:
        node = self.node
        self.total_words = len(node.say.split())
        self.words = self.total_words if self.app.settings.ms_per_word == 0 else 0.0
        has_clock = node.time_limit and not self.attempt.state.finished and self.app.settings.timers
        self.remaining_ms = node.time_limit * 1000 if has_clock else None
        if self.attempt.state.finished:
            items = [Button("See how you did", self.open_debrief, hint="⏎", kind="primary")]
        else:
            items = [
                Button(curled(c.text), lambda c=c: self.take(c), hint=str(i), kind="choice", data=c)
                for i, c in enumerate(
                    self.attempt.shown_choices(self.app.settings.shuffle_choices), 1
                )
            ]
        self.buttons.set(items, 0)
        self.choice_scroll = 0.0
        self.transcript.set(self.history())
        self.recall = None
        if self.attempt.recall and not self.attempt.state.finished:
            self.recall = RecallPanel(self)
        self.layout(self.app.stage)
        self.app.dirty = True

    @property
    def wants_text(self) -> bool:
        """The rep is typing an answer: '?' and digits are letters, not keys."""
        return self.recall is not None and self.recall.typing and self.revealed

    @property
    def revealed(self) -> bool:
        return self.words >= self.total_words

    @property
    def animating(self) -> bool:
        return not self.revealed or bool(self.easing)

    # ----- moves ------------------------------------------------------------------------
    def take(self, choice, typed: str | None = None) -> None:
        self.after_move(self.attempt.choose(choice, typed=typed))

    def time_out(self) -> None:
        """The clock ran out: a moment that says so, then the time-out move."""
        self.times_up_ms = TIMES_UP_MS
        self.app.cue("loss")

    def play_time_out(self) -> None:
        self.after_move(self.attempt.time_out())

    def after_move(self, decision) -> None:
        if self.attempt.state.finished:
            self.app.cue("end")
        elif self.attempt.practice and decision.points:
            self.app.cue("gain" if decision.points > 0 else "loss")
        else:
            self.app.cue("choose")  # assessment keeps the verdict for the debrief
        after = self.attempt.state.meters
        changed = self.attempt.state.moves[-1].changes()  # the move carries what it changed
        self.deltas = {c.meter: c.change for c in changed}
        if self.app.settings.reduced_motion:
            self.shown = dict(after)
        else:
            for c in changed:
                self.easing[c.meter] = (self.shown.get(c.meter, c.before), c.after, 0)
        if self.attempt.save_problem:
            self.app.toast(self.attempt.save_problem, 6000)
            self.attempt.save_problem = ""
        self.show_node()
        if self.attempt.practice:
            self.noting = True
            self.layout(self.app.stage)
            self.app.go("coach", self, decision)

    def open_debrief(self) -> None:
        self.app.swap("debrief", self.attempt)

    def reload(self) -> None:
        fresh = load_scenario(self.attempt.scenario.path)
        if not fresh.ok:
            first = fresh.errors[0] if fresh.errors else None
            where = f" Line {first.line}: {first.message}" if first else ""
            count = len(fresh.errors)
            errors = "an error" if count == 1 else f"{count} errors"
            self.app.toast(
                f"The file now has {errors}, so you are still playing the earlier version.{where}",
                8000,
            )
            return
        problem = self.attempt.reload(fresh.scenario)
        if problem:
            self.app.toast(problem, 8000)
            return
        for i, r in enumerate(self.app.library):
            if r.path == fresh.path:
                self.app.library[i] = fresh
        self.shown = dict(self.attempt.state.meters)
        self.easing.clear()
        self.show_node()
        self.words = self.total_words
        self.app.toast("Reloaded from disk; you are where you were.")

    # ----- input and time ---------------------------------------------------------------
    def handle(self, intent):
        k = intent.kind
        if k == I.RELOAD:
            self.reload()
            return True
        scrolled = self.handle_scroll(intent)
        if scrolled is not None:
            return scrolled
        if self.recall is not None and self.revealed:
            panel, height = self.recall, self.recall.rect.height
            handled = panel.handle(intent)  # None: Esc while editing leaves, as below
            if handled is not None:
                if panel is self.recall and panel.hides_list:
                    panel.place(self.app.stage)
                    if panel.rect.height != height:  # "I heard" or the readings: a new height
                        self.layout(self.app.stage)
                return handled
        if k == I.BACK:
            self.app.pop()
            state = self.attempt.state
            # A run is kept for resuming from its first decision on (nothing to resume before).
            if self.attempt.run_id is not None and state.moves and not state.finished:
                self.app.toast("Saved. Resume it from its card in the library.")
            return True
        if k in PASSED_ON:
            return UNHANDLED
        if self.times_up_ms:
            return False  # the clock has spoken: the buyer moves on
        if not self.revealed and (intent.is_key or k == I.CLICK):
            self.words = self.total_words  # any key completes the line, and chooses nothing
            return True
        if k in (I.HOME, I.END):
            return self.transcript.home() if k == I.HOME else self.transcript.back_to_now()
        return self.handle_choices(intent)

    def handle_choices(self, intent):
        """Number keys, focus and clicks on the cards (the focused one scrolls into view)."""
        k = intent.kind
        if k == I.CHOOSE:
            if 1 <= intent.number <= len(self.buttons) and not self.attempt.state.finished:
                self.buttons.focus = intent.number - 1
                self.buttons.focused.activate()
            return True
        pointed = k in (I.POINT, I.CLICK)
        if pointed and self.choice_overflow and not self.rects["cards"].collidepoint(intent.pos):
            return False  # a card scrolled out of view cannot be pointed at
        handled = self.buttons.handle(intent)
        if k in (I.UP, I.DOWN, I.LEFT, I.RIGHT, I.NEXT, I.PREV):
            self.show_focused_choice()
        return handled

    def handle_scroll(self, intent):
        """The wheel scrolls the panel under the pointer; PgUp and PgDn the history; a click
        on a cue does what it says. None: the intent is not for scrolling."""
        k = intent.kind
        if k == I.POINT:
            self.pointer = intent.pos
            return None
        if k == I.SCROLL:
            if self.choice_overflow and self.rects["cards"].collidepoint(self.pointer):
                return self.scroll_choices(-intent.number * 60)
            step = self.app.kit.line_height(self.app.px("body")) * 3
            return self.transcript.scroll_by(-intent.number * step)
        if k in (I.PAGE_UP, I.PAGE_DOWN):
            return self.transcript.page(1 if k == I.PAGE_DOWN else -1)
        if k == I.CLICK and self.transcript.click(intent.pos):
            return True
        return None

    @property
    def moving(self) -> bool:
        """The buyer blinks and breathes while the rep reads (not with reduced motion)."""
        return not self.paused and not self.app.settings.reduced_motion

    def portrait_in_view(self) -> bool:
        """The face is drawn and nothing lies over it (a blink must not paint over the
        recall panel where it rose over the buyer's card)."""
        frame = self.rects.get("portrait")
        if frame is None or self.covered:
            return False
        panel = self.recall
        return not (panel is not None and panel.hides_list and panel.rect.colliderect(frame))

    def wake_in(self) -> int | None:
        if self.animating or self.times_up_ms:
            return 16
        waits = []
        if self.remaining_ms is not None and not self.paused:
            waits.append(self.clock_wake() if self.revealed else 250)
        if self.moving:  # sleep until the next blink starts or ends, not a frame sooner
            phase = self.idle_ms % BLINK_EVERY_MS
            edge = BLINK_EVERY_MS - BLINK_MS
            waits.append(max(1, (edge - phase) if phase < edge else (BLINK_EVERY_MS - phase)))
        return min(waits) if waits else None

    @property
    def pulsing(self) -> bool:
        left = self.remaining_ms
        return left is not None and left <= PULSE_MS and not self.app.settings.reduced_motion

    def idle_pose(self, ms: int | None = None) -> tuple[bool, int]:
        """(eyes closed, breathing offset in pixels) at `ms` on screen."""
        ms = self.idle_ms if ms is None else ms
        if not self.moving:
            return False, 0
        blink = ms % BLINK_EVERY_MS >= BLINK_EVERY_MS - BLINK_MS
        return blink, 0  # breathing was dropped: it cost more idle CPU than the budget allows

    def update(self, dt_ms: int):
        """Returns True to redraw everything, or the rects that changed (empty: none)."""
        if self.times_up_ms:
            self.times_up_ms = max(0, self.times_up_ms - dt_ms)
            if not self.times_up_ms:
                self.play_time_out()
            return True
        if self.animating:
            self.advance(dt_ms)
            return True
        patches = []
        if self.moving:
            before = self.idle_pose()
            self.idle_ms += dt_ms
            if self.idle_pose() != before and self.portrait_in_view():
                patches.append(self.rects["portrait"])
        if self.revealed and self.remaining_ms is not None and not self.paused:
            before = self.clock_look()
            self.remaining_ms -= dt_ms
            if self.remaining_ms <= 0:
                self.remaining_ms = None
                self.time_out()
                return True
            after = self.clock_look()
            if after[0] != before[0] and "clock" in self.rects:
                patches.append(self.rects["clock"])  # a new second: the figures and the ring
            elif after != before and "ring" in self.rects:
                patches.append(self.rects["ring"])  # only the ring's square
        return patches

    def clock_look(self, left: int | None = None) -> tuple:
        """What the clock shows with `left` ms to go: its seconds, the arc's step, the pulse's."""
        left = max(0, self.remaining_ms or 0) if left is None else max(0, left)
        total = max(1, self.node.time_limit * 1000)
        circumference = self.app.stage.px(26) * 2 * math.pi
        ring_steps = max(1, min(round(circumference / 3), total * RING_HZ // 1000))
        warmth = warm_colour(self.app.pal, left / total)
        return ((left + 999) // 1000, int(ring_steps * left / total), self.pulse_step(left), warmth)

    def pulse_step(self, left: int) -> int:
        """0 at rest to PULSE_STEPS at the full beat, once a second in the last five."""
        if left > PULSE_MS or self.app.settings.reduced_motion:
            return 0
        beat = 0.5 + 0.5 * math.cos(2 * math.pi * (left % 1000) / 1000)
        return round(PULSE_STEPS * beat)

    def clock_wake(self) -> int:
        """Milliseconds until the clock's look next changes (looked ahead in small steps)."""
        left = self.remaining_ms or 0
        now = self.clock_look(left)
        for ahead in range(CLOCK_SCAN_MS, 1001, CLOCK_SCAN_MS):
            if ahead >= left or self.clock_look(left - ahead) != now:
                return min(ahead, max(1, left))
        return 1000

    def advance(self, dt_ms: int) -> None:
        if not self.revealed:
            per_word = self.app.settings.ms_per_word
            self.words = self.total_words if per_word == 0 else self.words + dt_ms / per_word
        for name, (a, b, t) in list(self.easing.items()):
            t += dt_ms
            if t >= MEASURE_MS:
                self.shown[name] = b
                del self.easing[name]
            else:
                x = t / MEASURE_MS
                self.shown[name] = a + (b - a) * (1 - (1 - x) ** 3)  # ease out
                self.easing[name] = (a, b, t)
        if self.revealed and self.remaining_ms is not None and not self.paused:
            self.remaining_ms -= dt_ms
            if self.remaining_ms <= 0:
                self.remaining_ms = None
                self.time_out()

    # ----- layout -----------------------------------------------------------------------
    def layout(self, stage) -> None:
        """The bar, then the choices from the bottom up, then the buyer and the history in
        what is left. Text keeps its size: what does not fit scrolls."""
        self.look += 1
        bar_u = self.layout_bar(stage)
        upper_top = bar_u + 16
        # The choices take up to 58% of the height below the bar, and always leave the history
        # room for two whole lines of the buyer's, with the cue and clock row under them.
        kit, u = self.app.kit, stage.u
        row = max(76 * u, kit.line_height(self.app.px("body")) + 24 * u)
        room = (2 * kit.line_height(self.app.px("line")) + row) / u + 36 + 6
        avail = 704 - upper_top - 16
        self.choices_max = max(54.0, min(CHOICES_MAX_H, avail * 0.58, avail - 16 - room))
        self.measure_choices(stage)
        block = self.cards_h + (self.cue_u if self.choice_overflow else 0)
        if self.recall is not None and self.recall.hides_list:
            self.recall.clock_size = None
            self.recall.reach = None
            self.recall.layout(stage)
            block = self.recall.edit_height(stage)  # taller states rise over the history
        if self.noting:
            block = max(block, COACH_H)  # the coach's note rises into this space
        top = 704 - block
        self.choices_top = 704 - self.cards_h - (self.cue_u if self.choice_overflow else 0)
        self.place_cards(stage)
        upper_bottom = top - 16
        # Large text gives the lines more width: the buyer's column narrows from 436 units.
        column = 436 if self.app.settings.text_size < 1.5 else 340
        self.rects.update(
            {
                "portrait_card": stage.rect(24, upper_top, column, upper_bottom - upper_top),
                "speech": stage.rect(
                    48 + column, upper_top, 1208 - column, upper_bottom - upper_top
                ),
                "choices": stage.rect(24, top, 1232, block),
                "cards": stage.rect(24, self.choices_top, 1232, self.cards_h),
            }
        )
        self.rects.pop("choice_cue", None)
        if self.choice_overflow:
            self.rects["choice_cue"] = stage.rect(24, 704 - self.cue_u, 1232, self.cue_u)
        moved = not self.role_fits(stage)
        if moved != self.role_in_history:
            self.role_in_history = moved
            self.transcript.set(self.history())
        self.layout_speech(stage)

    def who(self) -> str:
        buyer = self.attempt.scenario.buyer
        return buyer.role + (f" · {buyer.company}" if buyer.company else "")

    def history(self):
        """The history's entries; headed by who the buyer is when the card had no room."""
        entries = history(self.attempt)
        if self.role_in_history:
            buyer = self.attempt.scenario.buyer
            entries.insert(0, Entry(NARRATION, f"{buyer.name}: {self.who()}"))
        return entries

    def who_lines(self, stage) -> int:
        """How many lines the role and company take in the buyer's card (measured once per
        size and width)."""
        app, kit = self.app, self.app.kit
        cap = app.px("caption")
        inner_w = self.rects["portrait_card"].width - stage.px(32)
        key = (self.who(), cap, inner_w)
        if self._who_lines[0] != key:
            self._who_lines = (key, len(wrap(self.who(), kit.font("regular", cap), inner_w)))
        return self._who_lines[1]

    def name_lines(self, stage) -> int:
        """The buyer's name's lines in the card: up to two at the body's size (a longer name
        ends in "…" there, never smaller), measured once per size and width."""
        app, kit = self.app, self.app.kit
        body = app.px("body")
        inner_w = self.rects["portrait_card"].width - stage.px(32)
        name = self.attempt.scenario.buyer.name
        key = (name, body, inner_w)
        if self._name_lines[0] != key:
            self._name_lines = (key, min(2, len(wrap(name, kit.font("bold", body), inner_w))))
        return self._name_lines[1]

    def role_fits(self, stage) -> bool:
        """Whether the buyer's card holds the role whole under the smallest portrait, on the
        shortest card any turn can have. A long role at large text in a small window does
        not: it heads the history instead, wrapped whole (the card keeps the name)."""
        app, kit = self.app, self.app.kit
        below = kit.line_height(app.px("caption")) * (1 + self.who_lines(stage))
        below += kit.line_height(app.px("body")) * self.name_lines(stage) + stage.px(36)
        return self.shortest_card(stage) - below - stage.px(14) >= stage.px(60)

    def shortest_card(self, stage) -> int:
        """The buyer's card's height on the turn it is shortest (the coach's note, the recall
        panel or the most choices below it), so the card never changes between turns."""
        lowest = max(self.choices_max, COACH_H, RECALL_H)
        return stage.px(704 - lowest - 16) - (self.rects["portrait_card"].top - stage.area.top)

    def layout_bar(self, stage) -> float:
        """The top bar in one row when everything fits at full size, else in two: the title
        (and score) above, the meters below, their labels wrapping rather than cut. Returns
        the bar's height in units."""
        app, st, kit = self.app, stage, self.app.kit
        sc = self.attempt.scenario
        meters = list(sc.meters.values())
        body, cap = app.px("body"), app.px("caption")
        u = st.u
        score_w = kit.size("Score −000", "bold", body)[0] / u + 8 if self.attempt.practice else 0
        title = self.bar_title()
        samples = [meter_sample(m) for m in meters]
        slot = min(250.0, 760.0 / max(1, len(meters)))
        right = 1256 - (score_w + 16 if score_w else 0)
        title_w = right - len(meters) * slot - 24 - 16
        one_row = (
            kit.line_height(cap) <= st.px(22)
            and kit.line_height(body) <= st.px(40)
            and kit.size(title, "semibold", body)[0] <= st.px(title_w)
            and all(
                kit.size(t, "semibold", cap)[0] + st.px(22) <= st.px(slot - 16) for t in samples
            )
        )
        bar = {"score": stage.rect(1256 - score_w, 8, score_w, 40)} if score_w else {}
        self.bar_px = body
        if one_row:
            bar["title"] = stage.rect(24, 8, title_w, 40)
            for i, m in enumerate(meters):
                x = right - (len(meters) - i) * slot
                bar[m.name] = (
                    stage.rect(x + 8, 6, slot - 16, 22),
                    stage.rect(x + 8, 34, slot - 16, 10),
                )
            height = 56.0
        else:
            # Two rows: the title at caption size (the briefing gave it large), the meters below.
            self.bar_px = cap
            lh_cap = kit.line_height(cap) / u
            score_w = kit.size("Score −000", "bold", cap)[0] / u + 8 if score_w else 0
            right = 1256 - (score_w + 16 if score_w else 0)
            title_lines = min(2, len(wrap(title, kit.font("semibold", cap), st.px(right - 24))))
            title_h = title_lines * lh_cap
            bar["title"] = stage.rect(24, 6, right - 24, title_h)
            if score_w:
                bar["score"] = stage.rect(1256 - score_w, 6, score_w, lh_cap)
            width = 1232 / max(1, len(meters))
            label_w = st.px(width - 16 - 22)
            label_lines = max(
                [min(2, len(wrap(t, kit.font("semibold", cap), label_w))) for t in samples] or [1]
            )
            y = 6 + title_h + 2
            label_h = label_lines * lh_cap
            for i, m in enumerate(meters):
                x = 24 + i * width
                bar[m.name] = (
                    stage.rect(x, y, width - 38, label_h),
                    stage.rect(x, y + label_h + 4, width - 24, 10),
                )
            height = y + label_h + 4 + 10 + 8
        self.bar_rects = bar
        self.rects = {"bar": stage.rect(0, 0, 1280, height)}
        return height

    def bar_title(self) -> str:
        mode = "Practice" if self.attempt.practice else "Assessment"
        return f"{self.attempt.scenario.title} · {mode}"

    def measure_choices(self, stage) -> None:
        """Each card's height in units at the choice size (never smaller): when they are more
        than the space allows, the cards scroll and a cue row says so."""
        u = stage.u
        px = self.app.px("choice")
        self.choice_px = px
        font = self.app.kit.font("regular", px)
        lh = self.app.kit.line_height(px)
        width = max(1, int((1232 - 100) * u))
        self.card_heights = [
            max(54.0, len(wrap(b.label, font, width)) * lh / u + 18) for b in self.buttons
        ]
        total = sum(self.card_heights) + 10 * max(0, len(self.buttons) - 1)
        self.cue_u = (self.app.kit.line_height(self.app.px("caption")) + stage.px(12)) / u
        self.choice_overflow = total > self.choices_max
        self.cards_h = self.choices_max - self.cue_u if self.choice_overflow else total
        self.choices_content = total
        self.choice_scroll = max(0.0, min(self.choice_scroll, total - self.cards_h))

    def place_cards(self, stage) -> None:
        """The cards from the top of their view, less what is scrolled; `shown_cards` are
        those in view (the rest keep their places above and below, for the arrow keys)."""
        top, bottom = self.choices_top, self.choices_top + self.cards_h
        y = top - self.choice_scroll
        self.shown_cards = set()
        for i, (b, h) in enumerate(zip(self.buttons, self.card_heights, strict=True)):
            b.rect = stage.rect(24, y, 1232, h)
            if y + h > top and y < bottom:
                self.shown_cards.add(i)
            y += h + 10

    def scroll_choices(self, units: float) -> bool:
        """Scroll the cards by `units` (positive: later ones); True when they moved."""
        before = self.choice_scroll
        most = max(0.0, self.choices_content - self.cards_h)
        self.choice_scroll = max(0.0, min(most, self.choice_scroll + units))
        self.place_cards(self.app.stage)
        return self.choice_scroll != before

    def show_focused_choice(self) -> None:
        """Keys moved the focus: scroll the cards so the focused one is in full view."""
        if not self.choice_overflow or self.buttons.focused is None:
            return
        i = self.buttons.focus
        top = sum(self.card_heights[:i]) + 10 * i
        bottom = top + self.card_heights[i]
        if top < self.choice_scroll or self.card_heights[i] > self.cards_h:
            self.scroll_choices(top - self.choice_scroll)  # a card taller than the view: its top
        elif bottom > self.choice_scroll + self.cards_h:
            self.scroll_choices(bottom - self.choice_scroll - self.cards_h)

    def toast_above(self) -> int | None:
        """Toasts (F5's errors, "saved") sit above the choices, never over them."""
        return self.rects["choices"].top if "choices" in self.rects else None

    def widgets(self) -> list:
        """The cards in full view (those scrolled away cannot be clicked)."""
        if not self.choice_overflow:
            return list(self.buttons)
        return [b for b in self.buttons if self.rects["cards"].contains(b.rect)]

    def layout_speech(self, stage) -> None:
        """The history's viewport, and under it one row for the scroll cues and the clock
        (two rows when both do not fit side by side)."""
        app, st, kit = self.app, stage, self.app.kit
        area = self.rects["speech"]
        cue_h = kit.line_height(app.px("caption")) + st.px(8)
        row_h, clock = cue_h, None
        self.covered = False
        panel = self.recall if self.recall is not None and self.recall.hides_list else None
        if panel is not None and panel.rect.top < area.bottom:
            # The recall panel rose over the row under the history ("I heard" a long line at
            # large text): the clock moves into the panel's header, and the history ends above
            # the panel with its cues under it, so neither is ever covered; when not even a
            # line of it fits there, the panel covers the buyer's card and the history whole
            # (up to the top bar) instead of cutting through the face and the bubble.
            if self.remaining_ms is not None:
                panel.clock_size = self.panel_clock_size(stage)
                panel.layout(stage)
            clock = panel.clock_rect()
            above = panel.rect.top - st.px(16) - area.top
            # The buyer's card keeps its height (its portrait has one size): the panel may
            # stop under the history only where it also clears the card's words.
            clear = panel.rect.top - st.px(8) >= self.card_words_bottom(stage)
            if clear and above >= cue_h + kit.line_height(app.px("line")) + st.px(6):
                area = pygame.Rect(area.left, area.top, area.width, above)
                self.rects["speech"] = area
                cues = pygame.Rect(area.left, area.bottom - cue_h, area.width, cue_h)
            else:
                panel.reach = self.rects["portrait_card"].top
                panel.layout(stage)
                clock = panel.clock_rect()
                self.covered = True
                cues = pygame.Rect(area.left, area.bottom, 0, 0)
        elif self.remaining_ms is not None:
            clock_h = max(st.px(76), kit.line_height(app.px("body")) + st.px(24))
            ring_w = st.px(110)
            clock_w = kit.size("0:00 left to answer", "bold", app.px("body"))[0] + ring_w
            self.clock_words = self.transcript.cue_width() + clock_w <= area.width
            if not self.clock_words:  # large text: the ring and "0:24", beside the cues
                clock_w = kit.size("0:00", "bold", app.px("body"))[0] + ring_w
            if self.transcript.cue_width() + clock_w <= area.width:
                row_h = max(cue_h, clock_h)
                clock = pygame.Rect(area.left, area.bottom - row_h, area.width, row_h)
                cues = pygame.Rect(area.left, clock.top, area.width - clock_w, row_h)
            else:
                row_h = cue_h + clock_h
                clock = pygame.Rect(area.left, area.bottom - clock_h, area.width, clock_h)
                cues = pygame.Rect(area.left, clock.top - cue_h, area.width, cue_h)
        else:
            cues = pygame.Rect(area.left, area.bottom - cue_h, area.width, cue_h)
        self.rects["cues"] = cues
        if clock is not None:
            self.rects["clock"] = clock
        else:
            self.rects.pop("clock", None)
        view = pygame.Rect(area.left, area.top, area.width, area.height - row_h - st.px(6))
        self.transcript.layout(view)

    def panel_clock_size(self, stage) -> tuple[int, int]:
        """The clock's (width, height) in the recall panel's header: "0:24 left to answer"
        when the heading and the confidence leave room for the words, else "0:24"."""
        app, kit = self.app, self.app.kit
        body = app.px("body")
        clock_h = max(stage.px(76), kit.line_height(body) + stage.px(24))
        ring_w = stage.px(110)
        heard = kit.size("I heard:", "bold", body)[0] + stage.px(24)
        heard += kit.size("confidence 100%", "semibold", app.px("caption"))[0]
        beside = max(heard, kit.size("Say it in your own words", "bold", body)[0])
        beside += stage.px(32 + 24)
        width = kit.size("0:00 left to answer", "bold", body)[0] + ring_w
        self.clock_words = beside + width <= stage.px(1232)
        if not self.clock_words:
            width = kit.size("0:00", "bold", body)[0] + ring_w
        return width, clock_h

    # ----- drawing ----------------------------------------------------------------------
    def forget_drawn(self) -> None:
        self.layers.clear()
        self.transcript.forget_drawn()

    def backdrop(self):
        """The scenario's setting, which the app draws in place of the plain stage."""
        setting = self.attempt.scenario.setting
        if not setting or self.app.settings.high_contrast:
            return None
        return self.app.backdrops.get(setting, self.app.stage.area.size, self.app.pal.stage)

    def draw(self, surface) -> None:
        """Each part is a layer (game.ui.layers), drawn again only when what it shows changed:
        a still frame blits them."""
        app = self.app
        base = (surface.get_size(), tuple(app.stage.area), app.pal, self.attempt.scenario.setting)
        self.layers.begin(surface, base)
        if self.layers.whole:  # a whole frame: keep nothing stale
            self.kept = {}
        self.draw_bar(surface)
        if not self.covered:  # else all under the recall panel: nothing of it would show
            self.draw_buyer(surface)
            self.draw_speech(surface)
        if self.noting:
            return
        if self.times_up_ms:
            area = self.rects["choices"]
            self.layers.draw(surface, "choices", area, ("time's up", self.look), self.draw_times_up)
        elif self.recall is not None and self.recall.hides_list:
            panel = self.recall
            panel.place(app.stage)  # the state may have changed what the panel holds
            key = ("recall", self.look, panel.look())
            layer = self.layers.draw(surface, "choices", panel.rect, key, panel.draw)
            clock = panel.clock_rect()
            if clock is not None and self.remaining_ms is not None:
                self.draw_clock(surface, clock, layer)  # in the panel's header, over its fill
        else:
            key = ("cards", self.look, self.buttons.focus, self.choice_scroll)
            self.layers.draw(surface, "choices", self.choices_area(), key, self.draw_choices)

    def draw_cues(self, surface):
        """The history's scroll cues; returns what puts their click targets back when the
        layer is blitted instead."""
        transcript = self.transcript
        transcript.draw_cues(surface, self.rects["cues"])
        cues = dict(transcript.cues)
        return lambda: setattr(transcript, "cues", dict(cues))

    def choices_area(self) -> pygame.Rect:
        """Where the cards draw: the choices' area, every card in it, and the ring a focused
        primary button has around it."""
        area = pygame.Rect(self.rects["choices"])
        if self.choice_overflow:
            area.union_ip(self.rects["cards"])
            area.union_ip(self.rects["choice_cue"])
        else:
            area.unionall_ip([b.rect for b in self.buttons])
        ring = 2 * self.app.stage.px(4) + 2
        return area.inflate(ring, ring)

    def draw_choices(self, surface) -> None:
        """The cards; when they scroll, only those in view, clipped, and the cue row."""
        app = self.app
        if not self.choice_overflow:
            self.buttons.draw(surface, app, role="choice", px=self.choice_px)
            return
        view = self.rects["cards"]
        kit = app.kit
        first = len(kit.drawn)
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip) if clip else view)
        for i, b in enumerate(self.buttons):
            if i in self.shown_cards:
                b.draw(surface, app, i == self.buttons.focus, "choice", self.choice_px)
        surface.set_clip(clip)
        kit.drawn[first:] = [(box.clip(view), ink.clip(view)) for box, ink in kit.drawn[first:]]
        self.draw_choice_cue(surface, self.rects["choice_cue"])

    def draw_choice_cue(self, surface, row) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        view = self.rects["cards"]
        # A card taller than the view, showing, is as much in view as it can be: not "more".
        rest = [
            b
            for b in self.buttons
            if not (
                b.rect.height > view.height and b.rect.top <= view.top and view.colliderect(b.rect)
            )
        ]
        above = sum(1 for b in rest if b.rect.top < view.top)
        below = sum(1 for b in rest if b.rect.bottom > view.bottom)
        parts = []
        if above:
            parts.append((True, f"{above} more above"))
        if below:
            parts.append((False, f"{below} more below"))
        x = cues(surface, app, parts, row.left + st.px(8), row.centery, gap=22)
        if parts:
            kit.line(
                surface,
                "wheel, arrows or the number keys",
                "regular",
                app.px("caption"),
                pal.muted,
                (row.right - st.px(8), row.centery),
                anchor="midright",
                max_width=max(1, row.right - st.px(16) - x),
            )

    def draw_bar(self, surface) -> None:
        r, state = self.rects["bar"], self.attempt.state
        edge = self.app.stage.px(1) + 2  # the line under the bar lies on its bottom edge
        area = pygame.Rect(r.left, r.top, r.width + 1, r.height + edge)
        shown = (state.score, tuple(state.meters.items()), tuple(self.shown.items()))
        key = (self.look, shown, tuple(self.deltas.items()))
        self.layers.draw(surface, "bar", area, key, self.paint_bar, keep=not self.easing)

    def paint_bar(self, surface) -> None:
        st, pal, kit = self.app.stage, self.app.pal, self.app.kit
        r = self.rects["bar"]
        pygame.draw.rect(surface, pal.panel, r)
        pygame.draw.line(surface, pal.border, r.bottomleft, r.bottomright, st.px(1))
        sc, state = self.attempt.scenario, self.attempt.state
        bar = self.bar_rects
        if "score" in bar:
            kit.box(
                surface,
                f"Score {signed(state.score)}",
                "bold",
                self.bar_px,
                pal.text,
                bar["score"],
                align="right",
                valign="middle",
            )
        kit.box(
            surface,
            self.bar_title(),
            "semibold",
            self.bar_px,
            pal.text,
            bar["title"],
            valign="middle",
        )
        for m in sc.meters.values():
            label, track = bar[m.name]
            self.draw_meter(
                surface,
                m,
                self.shown.get(m.name, state.meters[m.name]),
                state.meters[m.name],
                label,
                track,
            )

    def draw_meter(self, surface, meter, shown, value, label, track) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        change = self.deltas.get(meter.name, 0)
        sign = f"  {points_text(change).split()[0]}" if change else ""
        ink = kit.box(
            surface,
            f"{meter.label or meter.name}  {value}{sign}",
            "semibold",
            app.px("caption"),
            pal.text,
            label,
            valign="middle",
        )
        if change:
            lh = kit.line_height(app.px("caption"))
            tx = ink.right + st.px(12)
            triangle(
                surface, delta_colour(pal, change), (tx, ink.bottom - lh // 2), st.px(5), change > 0
            )
        span = max(1, meter.max - meter.min)
        if span <= 10:  # a short scale reads better as dots: patience ●●●○
            pips(
                surface,
                app,
                (track.left, track.centery),
                round(shown - meter.min),
                span,
                colour=pal.gain,
                max_width=track.width,
            )
            return
        bar(surface, app, track, (shown - meter.min) / span, colour=pal.gain)

    def draw_buyer(self, surface) -> None:
        """The buyer's card: a portrait of one fixed size, the mood in words under it (never
        over the face), then the name, role and company."""
        if self._card_look != self.look:
            self._card_look = self.look
            self.place_portrait()
        frame, card = self.rects["portrait"], self.rects["portrait_card"]
        key = (self.look, self.node.mood)
        card_layer = self.layers.draw(surface, "buyer", card, key, self.paint_card)
        self.keep(surface, "portrait", frame, card_layer)
        key = (self.look, self.node.mood, self.idle_pose())  # a blink, the face's own area
        self.layers.draw(surface, "portrait", frame, key, self.draw_portrait)

    def card_words_bottom(self, stage) -> int:
        """Where the buyer's card's words end (the mood, the name and, when it is there,
        the role under the portrait), in pixels."""
        self.place_portrait()
        app, kit = self.app, self.app.kit
        cap = kit.line_height(app.px("caption"))
        bottom = self.rects["portrait"].bottom + stage.px(8) + cap + stage.px(4) + self.name_h
        if not self.role_in_history:
            bottom += stage.px(2) + cap * self.who_lines(stage)
        return bottom

    def place_portrait(self) -> None:
        """The portrait's side and frame in the card (once per layout)."""
        app, st, kit = self.app, self.app.stage, self.app.kit
        card = self.rects["portrait_card"]
        cap = app.px("caption")
        who_lines = 0 if self.role_in_history else self.who_lines(st)
        self.name_h = kit.line_height(app.px("body")) * self.name_lines(st)
        below = kit.line_height(cap) * (1 + who_lines) + self.name_h + st.px(36)
        # Sized for the shortest card any turn can have, so it never changes between turns.
        shortest = self.shortest_card(st)
        side = max(st.px(60), min(st.px(PORTRAIT), card.width - st.px(48)))
        side = min(side, max(st.px(60), shortest - below - st.px(14)))
        self.portrait_at = (side, (card.centerx, card.top + st.px(14)))
        self.rects["portrait"] = self.portrait_image().get_rect(midtop=self.portrait_at[1])

    def paint_card(self, surface) -> None:
        """The card without its portrait: the panel, the mood, the name and the role."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        card, frame, name_h = self.rects["portrait_card"], self.rects["portrait"], self.name_h
        panel(surface, app, card)
        buyer = self.attempt.scenario.buyer
        cap = app.px("caption")
        inner_w = card.width - st.px(32)
        mood = MOOD_WORDS.get(self.node.mood, self.node.mood)
        y = frame.bottom + st.px(8)
        r = kit.line(
            surface,
            mood,
            "semibold",
            cap,
            pal.accent,
            (card.centerx, y),
            anchor="midtop",
            max_width=card.width - st.px(32),
        )
        y = r.bottom + st.px(4)
        kit.box(
            surface,
            buyer.name,
            "bold",
            app.px("body"),
            pal.text,
            pygame.Rect(card.left + st.px(16), y, inner_w, name_h),
            align="center",
            min_px=app.px("body"),
        )
        top = y + name_h + st.px(2)
        if self.role_in_history:
            return
        kit.box(
            surface,
            self.who(),
            "regular",
            cap,
            pal.muted,
            pygame.Rect(card.left + st.px(16), top, inner_w, max(0, card.bottom - top - st.px(8))),
            align="center",
        )

    def portrait_image(self):
        buyer = self.attempt.scenario.buyer
        blink, _ = self.idle_pose()
        side = self.portrait_at[0]
        return self.app.portraits.get(
            buyer.name, self.node.mood, side, buyer.portrait, look=buyer.look, blink=blink
        )

    def draw_portrait(self, surface) -> None:
        """The portrait, clipped to its frame (a blink repaints just this)."""
        frame = self.rects["portrait"]
        clip = surface.get_clip()
        surface.set_clip(frame.clip(clip) if clip else frame)
        surface.blit(self.portrait_image(), frame)
        surface.set_clip(clip)

    def draw_speech(self, surface) -> None:
        """The history (the newest line revealed word by word), its cues and the clock."""
        words = None if self.revealed else int(self.words)
        area = self.transcript.reach.union(self.rects["speech"])
        key = (self.look, self.transcript.scroll, words)
        paint = partial(self.paint_speech, words=words)
        layer = self.layers.draw(surface, "speech", area, key, paint, keep=words is None)
        in_panel = self.recall is not None and self.recall.clock_size is not None
        if self.remaining_ms is not None and "clock" in self.rects and not in_panel:
            self.draw_clock(surface, self.rects["clock"], layer)

    def paint_speech(self, surface, words: int | None):
        self.transcript.draw(surface, words)
        return self.draw_cues(surface)

    def keep(self, surface, name: str, rect: pygame.Rect, layer=None) -> None:
        """On a whole frame, keep the pixels under `rect` so a patch can paint over them: those
        of the layer under it when it lies in one (no copy), else a copy of the frame's."""
        if self.layers.whole:
            area = rect.clip(surface.get_rect())
            pixels = layer.under(area) if layer is not None else None
            if pixels is None:
                pixels = surface.subsurface(area).copy()
            self.kept[name] = (area, pixels)

    def paint(self, surface, rect) -> bool:
        """Redraw the ring, the clock or the portrait alone, over the pixels kept under it;
        False when `rect` is none of them (the app then redraws it the ordinary way)."""
        name = next((n for n in ("ring", "clock", "portrait") if self.rects.get(n) == rect), "")
        kept = self.kept.get("portrait" if name == "portrait" else "clock")
        if not name or kept is None or (name != "portrait" and self.remaining_ms is None):
            return False
        area, pixels = kept
        surface.set_clip(rect.clip(area))
        try:
            surface.blit(pixels, area)
            if name == "portrait":
                self.draw_portrait(surface)
            else:
                self.draw_clock_face(surface, self.clock_box)
        finally:
            surface.set_clip(None)
        return True

    def draw_clock(self, surface, box, base=None) -> None:
        """The ring warms from teal through amber to orange, and pulses in the last 5 s.
        `base`: the layer the clock lies on, whose pixels a patch paints it over."""
        st = self.app.stage
        self.clock_box = pygame.Rect(box)
        self.rects["clock"] = pygame.Rect(box.left, box.top, box.width, box.height)
        reach = st.px(26) + st.px(4) + 2  # the radius at the full beat, and a pixel's margin
        centre = (box.right - st.px(26) - st.px(12), box.centery + st.px(4))
        self.rects["ring"] = pygame.Rect(0, 0, 2 * reach, 2 * reach)
        self.rects["ring"].center = centre
        self.keep(surface, "clock", self.rects["clock"], base)
        key = (self.look, self.remaining_ms, tuple(box))
        paint = partial(self.draw_clock_face, box=box)
        self.layers.draw(surface, "clock", self.rects["clock"], key, paint)

    def draw_clock_face(self, surface, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        total = self.node.time_limit * 1000
        left = max(0, self.remaining_ms)
        radius = st.px(26)
        centre = (box.right - radius - st.px(12), box.centery + st.px(4))
        fraction = left / total
        colour = warm_colour(pal, fraction)
        width = st.px(7)
        if self.pulsing:
            beat = self.pulse_step(left) / PULSE_STEPS
            radius += round(st.px(4) * beat)
            width += round(st.px(2) * beat)
        ring(surface, app, centre, radius, fraction, colour, width)
        secs = (left + 999) // 1000
        text = f"{secs // 60}:{secs % 60:02d}" + (" left to answer" if self.clock_words else "")
        kit.line(
            surface,
            text,
            "bold" if secs <= PULSE_MS // 1000 else "semibold",
            app.px("body"),
            colour if secs <= PULSE_MS // 1000 else pal.text,
            (centre[0] - st.px(26) - st.px(18), centre[1]),
            anchor="midright",
        )

    def draw_times_up(self, surface) -> None:
        """The moment the clock runs out: it says so, over the choices, before moving on."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        area = pygame.Rect(self.rects["choices"])
        panel(surface, app, area, fill=pal.raised, border=pal.loss, width=3, radius=18)
        head = kit.line(
            surface,
            "Time's up",
            "bold",
            app.px("heading"),
            pal.loss,
            (area.centerx, area.centery - st.px(4)),
            anchor="midbottom",
        )
        kit.line(
            surface,
            "You hesitated; the buyer fills the silence.",
            "regular",
            app.px("body"),
            pal.text,
            (area.centerx, head.bottom + st.px(6)),
            anchor="midtop",
            max_width=area.width - st.px(32),
        )


def meter_sample(meter) -> str:
    """A meter's label at its widest (the longest value and change it can show), so the bar's
    layout is measured once and never jumps between turns."""
    digits = max(len(str(meter.min)), len(str(meter.max)))
    return f"{meter.label or meter.name}  {'8' * digits}  +{'8' * len(str(meter.max - meter.min))}"


def warm_colour(pal, fraction: float):
    """Teal while there is time, amber from half way, orange in the last fifth."""
    if fraction > 0.5:
        return pal.gain
    if fraction > 0.2:
        return pal.accent
    return pal.loss
