"""One decision, before the reveal: the buyer's line, the clock, and the teams locking in.

The screen shows who has locked in, never what: no points, tags or notes before the reveal.
With team keys each team presses its own block of keys; with clicks the facilitator picks a
team's chip (or ← →), then that team's choice. Enter always reveals now, whatever the focus
or the mouse; Space pauses the clock, + adds 30 s, ↑ ↓ page a long narration, Backspace takes
back the last decision (asking first when votes would be cleared).
"""

from __future__ import annotations

import pygame

from game.errors import MoveError
from game.ui import intents as I
from game.ui.scene import UNHANDLED, Scene
from game.ui.text import wrap
from game.ui.widgets import Button, Buttons, keycap, keycap_width, panel, ring
from game.ui.workshop.look import (
    Look,
    UndoQuestion,
    arc,
    buyer_card,
    clock_text,
    leave_on_second_escape,
    pages,
    reading_px,
    shared_px,
    smallest,
    team_chip,
    top_bar,
)
from game.ui.workshop.phones import PUMP_MS
from game.ui.workshop.room import KEYS, PHONES

TICK_MS = 250  # the clock redraws four times a second
HELP_KEYS = (
    ("Enter", "Reveal now, wherever the focus or mouse is"),
    ("1–6 · team keys", "A team's vote (clicks: the picked team's)"),
    ("← →", "Clicks: pick the team the next number sets"),
    ("Space", "Pause or resume the clock"),
    ("+", "Add 30 seconds (the ring shows the added time)"),
    ("↑ ↓", "Page a long narration"),
    ("Backspace", "Undo the last decision (asks first)"),
    ("Esc twice", "Leave the round"),
    ("F1 or ?", "This help"),
)


class TeamButton(Button):
    """A team's chip; in click mode it is also how the facilitator picks the team."""

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        screen, i = self.data
        team_chip(
            surface,
            look,
            self.rect,
            screen.room.teams[i],
            keys=screen.keys_for(i),
            locked=screen.votes[i] is not None,
            focused=screen.clicking and screen.picking == i,
            phones=screen.room.phones.counts[i] if screen.room.phones else None,
        )


class ChoiceRow(Button):
    """A choice as the room reads it: its number and its words, nothing more."""

    text_px = 0  # set by the screen: one size for every choice

    def text_rect(self, look) -> pygame.Rect:
        st, r = look.stage, self.rect
        left = r.left + st.px(12) + keycap_width(look, self.hint) + st.px(14)
        return pygame.Rect(left, r.top + st.px(4), r.right - left - st.px(14), r.height - st.px(8))

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st, kit = look.pal, look.stage, look.kit
        r = self.rect
        # Never a focus ring here: a ring left on the last choice clicked would show the room
        # what that team picked before the reveal.
        panel(surface, look, r, fill=pal.panel, border=pal.border, width=1, radius=10)
        keycap(surface, look, self.hint, (r.left + st.px(12), r.centery))
        kit.box(
            surface,
            self.label,
            "regular",
            self.text_px or look.px("choice"),
            pal.text,
            self.text_rect(look),
            valign="middle",
            min_px=smallest(look),
        )


class VoteScreen(Scene):
    name = "workshop-vote"

    def __init__(self, app, room):
        super().__init__(app)
        self.look = Look(app, tall=True)  # a 4:3 projector gets the full height
        self.room = room
        self.workshop = room.workshop
        self.visible = self.workshop.choices()
        self.votes: list[str | None] = [None] * len(room.teams)
        self.picking = 0  # click mode: the team whose choice the next click sets
        self.stalled = False  # the clock ran out with no votes where the buyer has no clock
        self.paused_scene = False
        self.leaving = False  # Esc once warns; Esc twice leaves the round
        self.page = 0  # which page of a long narration shows
        self.narration_pages = 1
        self.pause_button = Button("Pause", self.toggle_clock, hint="Space")
        self.add_button = Button("Add 30 s", self.add_time, hint="+")
        self.reveal_button = Button("Reveal now", self.reveal, hint="⏎", kind="primary")
        self.undo_button = Button(
            "Undo last decision", self.undo, hint="⌫", enabled=bool(self.workshop.decisions)
        )
        self.rows = [
            ChoiceRow(
                c.text,
                lambda c=c: self.click_choice(c),
                hint=str(i),
                kind="choice",
                data=c,
                enabled=self.clicking,
            )
            for i, c in enumerate(self.visible, 1)
        ]
        self.chips = [
            TeamButton(t.name, lambda i=i: self.pick_team(i), data=(self, i))
            for i, t in enumerate(room.teams)
        ]
        controls = [self.pause_button, self.add_button, self.reveal_button, self.undo_button]
        self.buttons = Buttons(controls + self.rows + self.chips, focus=2)
        self.question = UndoQuestion(self.undo_now, self.keep_votes)
        self.rects: dict[str, pygame.Rect] = {}

    @property
    def clicking(self) -> bool:
        return self.room.method != KEYS

    @property
    def timer(self):
        return self.room.timer

    def keys_for(self, team: int) -> str:
        return "" if self.clicking else self.room.keys(team, len(self.visible))

    def shot_name(self) -> str:
        locked = sum(v is not None for v in self.votes)
        name = f"vote-{len(self.workshop.decisions) + 1}" + (f"-{locked}-locked" if locked else "")
        return name + ("-undo" if self.asking else "")

    @property
    def asking(self) -> bool:
        """The undo question is open."""
        return self.question.open

    def widgets(self) -> list:
        return list(self.question.answers) if self.asking else list(self.buttons)

    @property
    def stage_area(self) -> pygame.Rect:
        return self.look.stage.area

    # ----- life cycle -------------------------------------------------------------------
    def enter(self) -> None:
        self.timer.restart()
        if self.room.phones:
            self.room.phones.open_vote(self.workshop, self.timer.seconds)
        self.refresh()

    def pause(self) -> None:
        self.paused_scene = True

    def resume(self) -> None:
        self.paused_scene = False

    def refresh(self) -> None:
        t = self.timer
        self.pause_button.label = "Resume" if not t.running and not t.ended else "Pause"
        self.pause_button.enabled = not t.unlimited and not t.ended
        # With no timer, "add time" after an empty reveal simply reopens the vote.
        self.add_button.label = "Reopen votes" if t.unlimited else "Add 30 s"
        self.add_button.enabled = not t.unlimited or self.stalled
        for row in self.rows:
            row.enabled = self.clicking or self.stalled
        if self.room.phones:
            self.room.phones.sync_timer(t)  # paused, resumed or +30 s: the phones' clocks follow
        self.app.dirty = True

    # ----- votes ------------------------------------------------------------------------
    @property
    def all_in(self) -> bool:
        return all(v is not None for v in self.votes)

    def lock(self, team: int, choice_id: str) -> None:
        """A team's vote; it may change its mind until the reveal."""
        self.votes[team] = choice_id
        if self.all_in and self.timer.running:
            self.timer.toggle()  # everyone is in: hold the clock for the reveal
        self.refresh()

    def pick_team(self, team: int) -> None:
        self.picking = team

    def click_choice(self, choice) -> None:
        if self.stalled and all(v is None for v in self.votes):
            self.decide(override=choice.id)  # nobody voted: the facilitator sets the path
            return
        if not self.clicking:
            return
        self.lock(self.picking, choice.id)
        unlocked = [i for i, v in enumerate(self.votes) if v is None]
        if unlocked:
            later = [i for i in unlocked if i > self.picking]
            self.picking = (later or unlocked)[0]

    def step_team(self, step: int) -> None:
        """← → in click mode: the chip whose choice the next number (or click) sets."""
        self.picking = (self.picking + step) % len(self.chips)

    # ----- the facilitator --------------------------------------------------------------
    def toggle_clock(self) -> None:
        self.timer.toggle()
        self.refresh()

    def add_time(self) -> None:
        self.timer.add(30)
        self.stalled = False
        self.refresh()

    def reveal(self) -> None:
        self.timer.end_now()
        self.decide()

    def decide(self, override: str | None = None) -> None:
        try:
            votes = self.votes
            if self.room.phones:  # what the server counted, so no phone's last vote is lost
                votes = self.merge(self.room.phones.close())
            decision = self.workshop.decide(votes, override=override)
        except MoveError:
            if self.room.phones:
                self.room.phones.reopen(self.workshop, self.timer.seconds)
            self.stalled = True  # no votes and no buyer's clock: time, or the facilitator's pick
            self.refresh()
            return
        self.room.save()
        if self.room.phones:
            self.room.phones.revealed(self.workshop)
        self.app.swap("workshop-reveal", self.room, decision)

    def merge(self, counted: list) -> list:
        """Phone votes where a team's phones voted; the keyboard's or clicks' elsewhere."""
        return [c if c is not None else v for c, v in zip(counted, self.votes, strict=True)]

    @property
    def cast(self) -> int:
        return sum(v is not None for v in self.votes)

    def undo(self) -> None:
        """Take back the last decision; votes already cast here are cleared only once asked."""
        if not self.workshop.decisions:
            return
        if self.cast:
            self.question.ask(self.cast, len(self.workshop.decisions))
            self.app.dirty = True
            return
        self.undo_now()

    @property
    def help_keys(self):
        return HELP_KEYS

    def keep_votes(self) -> None:
        self.app.dirty = True

    def undo_now(self) -> None:
        if not self.workshop.decisions:
            return
        self.workshop.undo()
        self.room.save()
        self.app.replace(VoteScreen(self.app, self.room))

    def turn_page(self, step: int) -> None:
        self.page = max(0, min(self.narration_pages - 1, self.page + step))

    # ----- input and time ---------------------------------------------------------------
    def handle(self, intent):
        k = intent.kind
        text = intent.text if k in (I.CHAR, I.CHOOSE) else ""
        if self.asking:
            return self.question.handle(intent)
        if k == I.BACK:
            leave_on_second_escape(self)
            return True
        self.leaving = False
        if k == I.CONFIRM:  # "Reveal now", whatever has the focus or the mouse
            self.reveal()
            return True
        if k in (I.UP, I.DOWN):
            self.turn_page(1 if k == I.DOWN else -1)
            return True
        if k in (I.LEFT, I.RIGHT, I.NEXT, I.PREV):
            if self.clicking:
                self.step_team(1 if k in (I.RIGHT, I.NEXT) else -1)
            return True  # the focus never wanders: Enter has one meaning here
        if k in (I.POINT, I.CLICK):
            return self.handle_pointer(intent)
        if text == " ":
            self.toggle_clock()
            return True
        if text == "+":
            self.add_time()
            return True
        if k == I.ERASE:
            self.undo()
            return True
        if text and not self.clicking and not self.stalled:
            owner = self.room.key_owner(text, len(self.visible))
            if owner is not None:
                team, pos = owner
                self.lock(team, self.visible[pos - 1].id)
            return True
        if k == I.CHOOSE and (self.clicking or self.stalled):
            if 1 <= intent.number <= len(self.rows):
                self.rows[intent.number - 1].activate()
            return True
        return UNHANDLED

    def handle_pointer(self, intent):
        """The mouse lights what it rests on and clicks it; the light then goes back to the
        reveal button, so nothing the mouse touched ever looks like what Enter does."""
        reveal = self.buttons.items.index(self.reveal_button)
        if intent.kind == I.POINT:
            at = [i for i, b in enumerate(self.buttons.items) if b.rect.collidepoint(intent.pos)]
            focus = at[0] if at else reveal
            changed, self.buttons.focus = focus != self.buttons.focus, focus
            return changed
        if self.rects.get("speech", pygame.Rect(0, 0, 0, 0)).collidepoint(intent.pos):
            self.page = (self.page + 1) % max(1, self.narration_pages)  # a click turns the page
            return True
        used = self.buttons.handle(intent)
        self.buttons.focus = reveal
        return used

    def wake_in(self) -> int | None:
        t = self.timer
        if t.running and not self.paused_scene:
            return min(TICK_MS, PUMP_MS if self.room.phones else TICK_MS, max(1, t.left_ms))
        if self.room.phones and not self.paused_scene:
            return PUMP_MS  # look at the phones' queue; redraw only when it brought something
        return None

    def update(self, dt_ms: int) -> bool:
        changed = False
        if self.room.phones:
            before = list(self.room.phones.counts)
            for team, choice in self.room.phones.pump():
                self.votes[team] = choice
                if self.all_in and self.timer.running:
                    self.timer.toggle()  # everyone is in: hold the clock for the reveal
                changed = True
            changed = changed or self.room.phones.counts != before
        ticking = self.timer.running
        if self.timer.tick(dt_ms):
            self.decide()  # time is up: the votes close
            return True
        if ticking or changed:
            self.refresh()
        return ticking or changed

    # ----- layout and drawing -----------------------------------------------------------
    def row_heights(self, stage) -> list[float]:
        """Each choice's height in units, from its measured text at projector size."""
        kit, px = self.app.kit, self.look.px("choice")
        font, lh = kit.font("regular", px), kit.line_height(px)
        width = max(1, stage.px(1232 - 110))
        return [max(52.0, len(wrap(r.label, font, width)) * lh / stage.u + 14) for r in self.rows]

    def layout(self, stage) -> None:
        st = self.look.stage  # the window's full height (`stage` is the 16:9 band)
        extra = st.extra
        gap = 8
        heights = self.row_heights(st)
        space = 556 + extra - 76 - 12 - gap * max(0, len(heights) - 1)  # line above, choices
        top_h = max(150.0, min(232.0 + extra / 2, space - sum(heights)))
        if self.workshop.node.narration:  # read at projector size, never shrunk: a little
            # more room (taking at most 15% from the choices, which the teams vote on), then pages
            room = space - 0.85 * sum(heights)
            top_h = max(top_h, min(248.0 + extra / 2, self.speech_units(st), room))
        if sum(heights) > space - top_h:  # still too tall: share the room; the text shrinks
            scale = (space - top_h) / sum(heights)
            heights = [h * scale for h in heights]
        self.rects = {
            "buyer": st.rect(24, 76, 240, top_h),
            "speech": st.rect(280, 76, 800, top_h),
            "clock": st.rect(1096, 76, 160, top_h),
            "status": st.rect(24, 568 + extra, 360, 50),
        }
        self.question.layout(st)
        self.split_speech(self.rects["speech"])
        y = 76 + top_h + 12
        for row, h in zip(self.rows, heights, strict=True):
            row.rect = st.rect(24, y, 1232, h)
            y += h + gap
        for b, x, w in zip(
            [self.pause_button, self.add_button, self.reveal_button, self.undo_button],
            (400, 600, 800, 1010),
            (190, 190, 200, 246),
            strict=True,
        ):
            b.rect = st.rect(x, 568 + extra, w, 50)
        m = len(self.chips)
        gap_x = 10
        w = (1232 - gap_x * (m - 1)) / m
        for i, chip in enumerate(self.chips):
            chip.rect = st.rect(24 + i * (w + gap_x), 630 + extra, w, 78)

    def speech_units(self, st) -> float:
        """The speech box's height in units for the whole narration and line at full size."""
        node, kit, look = self.workshop.node, self.app.kit, self.look
        width = st.px(800 - 40)
        need = st.px(28)
        if node.narration:
            px = reading_px(look)
            lines = wrap(node.narration, kit.font("italic", px), width)
            need += len(lines) * kit.line_height(px) + st.px(8)
        px = look.px("line")
        need += len(wrap(f"“{node.say}”", kit.font("regular", px), width)) * kit.line_height(px)
        return need / st.u

    def split_speech(self, speech) -> None:
        """The narration's box (paged when it holds too little) and the buyer's line's box."""
        st, kit, look, node = self.look.stage, self.app.kit, self.look, self.workshop.node
        inner = speech.inflate(-st.px(40), -st.px(28))
        self.narration = []
        if not node.narration:
            self.nar_rect, self.say_rect = pygame.Rect(inner.topleft, (0, 0)), inner
            self.narration_pages, self.page = 1, 0
            return
        px, lh = reading_px(look), kit.line_height(reading_px(look))
        line_px = look.px("line")
        say_lines = len(wrap(f"“{node.say}”", kit.font("regular", line_px), inner.width))
        say_h = min(say_lines * kit.line_height(line_px), 2 * lh)
        # The narration takes what two lines of the buyer's words leave (two lines at least),
        # and pages the rest; the buyer's line may shrink into what is left, not below 2 lines
        # at reading size.
        lines = max(2, (inner.height - say_h - st.px(8)) // lh)
        self.narration = pages(look, node.narration, "italic", px, inner.width, lines * lh)
        held = max(p.count("\n") + 1 for p in self.narration) * lh
        self.nar_rect = pygame.Rect(inner.left, inner.top, inner.width, held)
        top = self.nar_rect.bottom + st.px(8)
        self.say_rect = pygame.Rect(inner.left, top, inner.width, inner.bottom - top)
        self.narration_pages = len(self.narration)
        self.page = min(self.page, self.narration_pages - 1)

    def draw_narration(self, surface) -> None:
        look, st, pal, kit = self.look, self.look.stage, self.app.pal, self.app.kit
        px = reading_px(look)
        kit.box(
            surface, self.narration[self.page], "italic", px, pal.muted, self.nar_rect, min_px=px
        )
        if self.narration_pages > 1:  # a tab on the panel's top edge, like the reveal's
            more = "↓ more" if self.page < self.narration_pages - 1 else "↑ back"
            tab_px = look.px("caption") * 4 // 5
            text = f"Narration {self.page + 1}/{self.narration_pages} · {more}"
            tab = pygame.Rect(0, 0, kit.size(text, "bold", tab_px)[0] + st.px(20), 0)
            tab.height = kit.line_height(tab_px) + st.px(4)
            tab.midright = (self.rects["speech"].right - st.px(20), self.rects["speech"].top)
            pygame.draw.rect(surface, pal.accent, tab, border_radius=tab.height // 2)
            kit.line(surface, text, "bold", tab_px, pal.on_accent, tab.center, anchor="center")

    def draw(self, surface) -> None:
        look, pal, kit = self.look, self.app.pal, self.app.kit
        look.backdrop(surface)
        node = self.workshop.node
        sc = self.room.scenario
        n = len(self.workshop.decisions) + 1
        top_bar(
            surface,
            look,
            f"{sc.title} · Decision {n}",
            "Phones"
            if self.room.method == PHONES
            else "Team keys"
            if not self.clicking
            else "Facilitator clicks",
        )
        buyer_card(surface, look, self.rects["buyer"], sc.buyer, node.mood)
        speech = self.rects["speech"]
        panel(surface, look, speech, fill=pal.raised, radius=18)
        if self.narration:
            self.draw_narration(surface)
        kit.box(
            surface,
            f"“{node.say}”",
            "regular",
            look.px("line"),
            pal.text,
            self.say_rect,
            valign="middle",
            min_px=smallest(look),
        )
        self.draw_clock(surface, self.rects["clock"])
        focus = self.buttons.focused
        px = shared_px(look, [(r.label, r.text_rect(look)) for r in self.rows], "regular", "choice")
        for row in self.rows:
            row.text_px = px
            row.draw(surface, look, row is focus)
        for b in (self.pause_button, self.add_button, self.reveal_button, self.undo_button):
            b.draw(surface, look, b is focus, "caption")
        for chip in self.chips:
            chip.draw(surface, look, chip is focus)
        kit.box(
            surface,
            self.status(),
            "semibold",
            look.px("caption"),
            pal.warning if self.stalled else pal.text,
            self.rects["status"],
            valign="middle",
        )
        if self.asking:
            self.question.draw(surface, look)

    def status(self) -> str:
        locked = sum(v is not None for v in self.votes)
        if self.stalled:
            more = "Reopen votes" if self.timer.unlimited else "Add 30 s"
            return f"No votes yet. {more}, or press the number of the room's path."
        if self.all_in:
            return "Every team is in. ⏎ Reveal"
        if self.room.phones:
            phones = sum(self.room.phones.counts)
            return f"{locked} of {len(self.votes)} teams in · {phones} phones"
        if self.clicking:
            return f"Choice for {self.room.teams[self.picking].name}: 1–{len(self.rows)}"
        return f"{locked} of {len(self.votes)} teams locked in"

    def draw_clock(self, surface, box) -> None:
        look, st, pal, kit = self.look, self.look.stage, self.app.pal, self.app.kit
        t = self.timer
        panel(surface, look, box)
        radius = min(st.px(64), (box.height - st.px(72)) // 2, box.width // 2 - st.px(12))
        centre = (box.centerx, box.top + st.px(14) + radius)
        if t.unlimited:
            kit.line(
                surface,
                "No timer",
                "semibold",
                look.px("caption"),
                pal.muted,
                centre,
                anchor="center",
            )
        else:
            colour = pal.loss if t.left_ms <= 10_000 else pal.gain
            ring(surface, look, centre, radius, t.fraction, colour, st.px(12))
            # Added time: the ring spans the new whole, and what is left of the added
            # seconds (spent first) shows in the accent colour, with "+30 s" under the time.
            start = t.fraction - t.extra_fraction
            arc(surface, pal.accent, centre, radius, st.px(12), start, t.fraction)
            size = min(look.px("line"), round(radius * 0.62))
            digits = kit.line(
                surface, clock_text(t.left_seconds), "bold", size, pal.text, centre, anchor="center"
            )
            if t.added:
                kit.line(
                    surface,
                    f"+{t.added} s",
                    "bold",
                    max(smallest(look), round(size * 0.5)),
                    pal.accent,
                    (centre[0], digits.bottom),
                    anchor="midtop",
                )
        word = (
            "Time is up"
            if t.ended
            else "Paused"
            if not t.running and not t.unlimited
            else "Discuss"
            if not t.unlimited
            else "Take your time"
        )
        kit.box(
            surface,
            word,
            "semibold",
            look.px("caption"),
            pal.muted,
            pygame.Rect(
                box.left + st.px(6), box.bottom - st.px(50), box.width - st.px(12), st.px(40)
            ),
            align="center",
            valign="middle",
        )
