"""The reveal: how the teams split, what each earned, the buyer's reaction, and the coach's note.

The facilitator continues (Enter, always), or sends the room down another path (the votes
and points stand; the override is recorded), or takes the decision back to vote again. A tie
and a team that did not vote are said in words; ↑ ↓ page a long coach's note.
"""

from __future__ import annotations

import pygame

from game.content.model import TIMEOUT
from game.errors import MoveError
from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.text import wrap
from game.ui.theme import (
    MOOD_WORDS,
    TAG_MEANINGS,
    TIMEOUT_NOTE,
    delta_colour,
    points_text,
    tag_label,
)
from game.ui.widgets import Button, Buttons, chip, chip_width, keycap, keycap_width, panel
from game.ui.workshop.look import (
    Look,
    UndoQuestion,
    ending_words,
    leave_on_second_escape,
    pages,
    reading_px,
    shared_px,
    smallest,
    split_bar,
    tab,
    team_chip,
    top_bar,
)

HELP_KEYS = (
    ("Enter", "Next decision, or the scoreboard (always)"),
    ("O, then 1–6", "Take another path (Esc keeps this one)"),
    ("↑ ↓", "Page a long coach's note (or click it)"),
    ("Backspace", "Undo this decision and vote again"),
    ("Esc twice", "Leave the round"),
    ("F1 or ?", "This help"),
)


class SplitRow(Button):
    """A choice with its votes: the words, then one bar segment per vote in team colours."""

    text_px = 0  # set by the screen: one size for every choice
    side_by_side = False  # many choices: the bar sits beside the words, not under them

    def parts(self, look):
        """(text, bar, label) rects: the words, the vote bar, and the votes and points."""
        st, kit = look.stage, look.kit
        inner = self.rect.inflate(-st.px(24), -st.px(12))
        left = inner.left + keycap_width(look, self.hint) + st.px(12)
        # Below the tab that marks the room's path; beside the bar the tab is far to the right,
        # so the words may start higher (three lines of a long choice then fit whole).
        top = self.rect.top + st.px(8 if self.side_by_side else 15)
        lw = kit.size("8 votes · −10 ▼", "semibold", look.px("caption"))[0]  # same for every row
        bar_h = min(st.px(30), max(st.px(10), (inner.height - st.px(6)) // 3))
        if self.side_by_side:
            text = pygame.Rect(left, top, int((inner.right - left) * 0.52), inner.bottom - top)
            bar = pygame.Rect(
                text.right + st.px(16),
                0,
                inner.right - lw - st.px(12) - text.right - st.px(16),
                bar_h,
            )
            bar.centery = text.centery
        else:
            text = pygame.Rect(left, top, inner.right - left, inner.bottom - bar_h - st.px(6) - top)
            bar = pygame.Rect(inner.left, inner.bottom - bar_h, inner.width - lw - st.px(12), bar_h)
        label = pygame.Rect(bar.right + st.px(12), bar.top - st.px(4), lw, bar_h + st.px(8))
        return text, bar, label

    def text_rect(self, look) -> pygame.Rect:
        return self.parts(look)[0]

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        screen, choice = self.data
        pal, st, kit = look.pal, look.stage, look.kit
        d = screen.decision
        taken = choice.id == d.taken
        r = self.rect
        picking = screen.overriding
        edge = pal.accent if taken or (picking and focused) else pal.border
        panel(
            surface,
            look,
            r,
            fill=pal.raised if taken else pal.panel,
            border=edge,
            width=3 if taken or (picking and focused) else 1,
            radius=10,
        )
        text, bar, label_box = self.parts(look)
        keycap(surface, look, self.hint, (r.left + st.px(12), text.top + st.px(15)))
        kit.box(
            surface,
            choice.text,
            "regular",
            self.text_px or look.px("caption"),
            pal.text,
            text,
            valign="middle",
            min_px=smallest(look),
        )
        count = d.count(choice.id)
        label = f"{count} vote" + ("" if count == 1 else "s") + f" · {points_text(choice.value)}"
        kit.box(
            surface,
            label,
            "semibold",
            look.px("caption"),
            pal.accent if taken else pal.muted,
            label_box,
            align="right",
            valign="middle",
        )
        if taken:
            self.draw_tab(surface, look, "The room's path" if not d.overridden else "Explored")
        teams = [screen.room.teams[i] for i in d.voters(choice.id)]
        split_bar(surface, look, bar, teams, len(screen.room.teams))

    def draw_tab(self, surface, look, text: str) -> None:
        """A tab on the row's top edge that names the path taken, in words as well as colour."""
        pal, st, kit = look.pal, look.stage, look.kit
        px = look.px("caption") * 4 // 5
        w = kit.size(text, "bold", px)[0] + st.px(20)
        tab = pygame.Rect(0, 0, w, kit.line_height(px) + st.px(4))
        tab.midright = (self.rect.right - st.px(16), self.rect.top)
        pygame.draw.rect(surface, pal.accent, tab, border_radius=tab.height // 2)
        kit.line(surface, text, "bold", px, pal.on_accent, tab.center, anchor="center")


class RevealScreen(Scene):
    name = "workshop-reveal"

    def __init__(self, app, room, decision):
        super().__init__(app)
        self.look = Look(app, tall=True)  # a 4:3 projector gets the full height
        self.room = room
        self.workshop = room.workshop
        self.decision = decision
        self.overriding = False
        self.leaving = False  # Esc once warns; Esc twice leaves the round
        self.page = 0  # which page of a long coach's note shows
        self.question = UndoQuestion(self.undo_now, lambda: None)
        self.note_pages: list[str] = [""]
        node = room.scenario.nodes[decision.node]
        self.choices = [node.choice(cid) for cid in decision.choices]
        self.rows = [
            SplitRow(c.text, lambda c=c: self.take_instead(c), hint=str(i), data=(self, c))
            for i, c in enumerate(self.choices, 1)
        ]
        for row in self.rows:
            row.side_by_side = len(self.rows) > 3
        finished = decision.after.finished
        self.continue_button = Button(
            "See the scoreboard" if finished else "Next decision",
            self.proceed,
            hint="⏎",
            kind="primary",
        )
        self.override_button = Button(
            "Take another path",
            self.start_override,
            hint="O",
            enabled=len(self.choices) > 1 or decision.taken == TIMEOUT,
        )
        self.undo_button = Button("Undo this decision", self.undo, hint="⌫")
        self.controls = [self.continue_button, self.override_button, self.undo_button]
        self.buttons = Buttons(self.controls + self.rows, focus=0)
        self.rects: dict[str, pygame.Rect] = {}

    def shot_name(self) -> str:
        name = f"reveal-{self.decision.number}" + ("-override" if self.overriding else "")
        return name + ("-undo" if self.question.open else "")

    def widgets(self) -> list:
        return list(self.question.answers) if self.question.open else list(self.buttons)

    @property
    def stage_area(self) -> pygame.Rect:
        return self.look.stage.area

    # ----- the facilitator --------------------------------------------------------------
    def proceed(self) -> None:
        if self.room.phones:  # a phones round: the standings between decisions, the podium last
            after = "workshop-podium" if self.workshop.finished else "workshop-standings"
        else:
            after = "workshop-scoreboard" if self.workshop.finished else "workshop-vote"
        self.app.swap(after, self.room)

    def start_override(self) -> None:
        self.overriding = True
        self.buttons.focus = len(self.controls)

    def take_instead(self, choice) -> None:
        if not self.overriding:
            return
        self.overriding = False
        self.buttons.focus = 0
        if choice.id == self.decision.taken:
            return
        try:
            decision = self.workshop.override(choice.id)
        except MoveError as exc:
            self.app.toast(str(exc))
            return
        self.room.save()
        if self.room.phones:
            self.room.phones.revealed(self.workshop)
        self.app.replace(RevealScreen(self.app, self.room, decision))

    def undo(self) -> None:
        """Vote on this decision again; the votes it had are cleared only once asked."""
        cast = sum(v is not None for v in self.decision.votes)
        if cast:
            self.question.ask(cast, self.decision.number)
            self.app.dirty = True
        else:
            self.undo_now()

    def undo_now(self) -> None:
        self.workshop.undo()
        self.room.save()
        self.app.swap("workshop-vote", self.room)

    help_keys = HELP_KEYS

    def turn_page(self, step: int) -> None:
        self.page = max(0, min(len(self.note_pages) - 1, self.page + step))

    def handle(self, intent):
        k = intent.kind
        if self.question.open:
            return self.question.handle(intent)
        if k == I.CONFIRM and not self.overriding:  # Enter goes on, whatever the mouse is on
            self.proceed()
            return True
        if k in (I.UP, I.DOWN) and not self.overriding:
            self.turn_page(1 if k == I.DOWN else -1)
            return True
        if k == I.CLICK and self.rects.get("coach", pygame.Rect(0, 0, 0, 0)).collidepoint(
            intent.pos
        ):
            self.page = (self.page + 1) % len(self.note_pages)
            return True
        if k == I.BACK:
            if self.overriding:
                self.overriding = False
                self.buttons.focus = 0
            else:
                leave_on_second_escape(self)
            return True
        self.leaving = False
        if k == I.CHAR and intent.text.lower() == "o":
            self.start_override()
            return True
        if k == I.ERASE:
            self.undo()
            return True
        if k == I.CHOOSE and self.overriding:
            if 1 <= intent.number <= len(self.rows):
                self.take_instead(self.choices[intent.number - 1])
            return True
        if not self.overriding and k in (I.LEFT, I.RIGHT, I.NEXT, I.PREV):
            return True  # the focus stays put: Enter has one meaning here
        used = self.buttons.handle(intent)
        if k == I.CLICK and not self.overriding:
            self.buttons.focus = 0  # the light goes back to what Enter does
        return used

    # ----- layout and drawing -----------------------------------------------------------
    def layout(self, stage) -> None:
        st = self.look.stage  # the window's full height (`stage` is the 16:9 band)
        extra = st.extra
        n = max(1, len(self.rows))
        gap = 8
        h = min(118.0 + extra / n, (480 + extra - gap * (n - 1)) / n)
        wide = 860 if n > 3 else 720  # many choices take room from the buyer and the coach
        if n <= 4:  # a tall stage: rows wrap into their height, the coach widens
            wide -= min(160.0, extra / 2)
        for i, row in enumerate(self.rows):
            row.rect = st.rect(24, 76 + i * (h + gap), wide, h)
        right = 24 + wide + 16
        # The reaction takes the height its words need (up to 220 units, more on a tall
        # stage); the coach's note, read at reading size, gets the rest.
        react = max(150.0, min(220.0 + extra * 0.3, self.reaction_units(st, 1256 - right)))
        self.rects = {
            "reaction": st.rect(right, 76, 1256 - right, react),
            "coach": st.rect(right, 88 + react, 1256 - right, 468 + extra - react),
            "status": st.rect(24, 562 + extra, 380, 62),
        }
        for b, x, w in zip(self.controls, (416, 688, 980), (260, 280, 276), strict=True):
            b.rect = st.rect(x, 568 + extra, w, 50)
        m = len(self.room.teams)
        w = (1232 - 10 * (m - 1)) / m
        self.chip_rects = [st.rect(24 + i * (w + 10), 630 + extra, w, 78) for i in range(m)]
        self.question.layout(st)

    def reaction_units(self, st, width: float) -> float:
        """The height in units the buyer's reaction needs at its size: the same parts
        `draw_reaction` lays out (heading, the line, the meter changes, an ending)."""
        kit, look = self.app.kit, self.look
        after = self.room.scenario.nodes[self.decision.after.node]
        px = look.px("body")
        lines = wrap(f"“{after.say}”", kit.font("regular", px), st.px(width - 32))
        need = st.px(24 + 38) + len(lines) * kit.line_height(px)
        need += st.px(40) * (bool(self.meter_changes()) + (after.ending is not None))
        return need / st.u + 8

    def draw(self, surface) -> None:
        look, pal, kit = self.look, self.app.pal, self.app.kit
        look.backdrop(surface)
        d = self.decision
        top_bar(
            surface,
            look,
            f"{self.room.scenario.title} · Decision {d.number} · The reveal",
            self.path_words(),
        )
        focus = self.buttons.focused
        # A tall stage has the height for the choices at their own size; 16:9 keeps captions.
        role = "choice" if look.stage.extra else "caption"
        px = shared_px(look, [(r.label, r.text_rect(look)) for r in self.rows], "regular", role)
        for row in self.rows:
            row.text_px = px
            row.draw(surface, look, row is focus)
        self.draw_reaction(surface, self.rects["reaction"])
        self.draw_coach(surface, self.rects["coach"])
        for b in self.controls:
            b.draw(surface, look, b is focus and not self.overriding, "caption")
        status = (
            "Which path should the room explore? Press its number (Esc: keep this one)."
            if self.overriding
            else self.status()
        )
        kit.box(
            surface,
            status,
            "semibold",
            look.px("caption"),
            pal.accent if self.overriding else pal.muted,
            self.rects["status"],
            valign="middle",
        )
        for i, team in enumerate(self.room.teams):
            team_chip(
                surface,
                look,
                self.chip_rects[i],
                team,
                points=d.points[i],
                total=self.workshop.team_score(i),
                voted=d.votes[i] is not None,
            )
        if self.question.open:
            self.question.draw(surface, look)

    def status(self) -> str:
        """What the votes did, in words: a tie and its rule, and who did not vote."""
        d = self.decision
        words = []
        if d.tied and not d.overridden:
            words.append("Tie: the room takes the choice listed first.")
        missing = [self.room.teams[i].name for i in d.abstained]
        if missing and len(missing) < len(self.room.teams):
            who = missing[0] if len(missing) == 1 else f"{len(missing)} teams"
            words.append(f"No vote from {who}: 0 points.")
        return " ".join(words) or "Teams score their own votes."

    def path_words(self) -> str:
        d = self.decision
        if d.taken == TIMEOUT:
            return "No team voted: the clock ran out"
        if d.tied and not d.overridden:
            return f"Tie: the room takes choice {self.position(d.taken)}"
        if d.overridden:
            picked = (
                "no choice"
                if d.majority in (None, TIMEOUT)
                else f"choice {self.position(d.majority)}"
            )
            return f"Votes picked {picked}; the room explores {self.position(d.taken)}"
        return f"The room takes choice {self.position(d.taken)}"

    def position(self, choice_id) -> str:
        return (
            str(list(self.decision.choices).index(choice_id) + 1)
            if choice_id in self.decision.choices
            else str(choice_id)
        )

    def draw_reaction(self, surface, box) -> None:
        look, st, pal, kit = self.look, self.look.stage, self.app.pal, self.app.kit
        sc = self.room.scenario
        after = sc.nodes[self.decision.after.node]
        panel(surface, look, box, fill=pal.raised, radius=18)
        inner = box.inflate(-st.px(32), -st.px(24))
        # The mood keeps its words (the room reads the reaction); a long name ends in "…".
        cap = look.px("caption")
        mood = f"· {MOOD_WORDS.get(after.mood, after.mood)}"
        gap = st.px(6)
        mood_w = min(kit.size(mood, "bold", cap)[0], inner.width * 2 // 3)
        row = pygame.Rect(inner.left, inner.top, inner.width, st.px(32))
        name = pygame.Rect(row.left, row.top, row.width - mood_w - gap, row.height)
        ink = kit.box(surface, sc.buyer.name, "bold", cap, pal.muted, name, "left", "middle", cap)
        at = pygame.Rect((ink.right if ink.width else row.left) + gap, row.top, mood_w, row.height)
        kit.box(surface, mood, "bold", cap, pal.muted, at, "left", "middle", cap)
        body = pygame.Rect(inner.left, inner.top + st.px(38), inner.width, inner.height - st.px(38))
        if after.ending is not None:
            title = ending_words(sc, self.decision.after)
            kit.box(
                surface,
                title,
                "bold",
                look.px("caption"),
                pal.accent,
                pygame.Rect(body.left, body.bottom - st.px(34), body.width, st.px(34)),
                valign="middle",
            )
            body.height -= st.px(40)
        changes = self.meter_changes()
        if changes:
            line = pygame.Rect(body.left, body.bottom - st.px(34), body.width, st.px(34))
            self.draw_changes(surface, changes, line)
            body.height -= st.px(40)
        kit.box(
            surface, f"“{after.say}”", "regular", look.px("body"), pal.text, body, valign="middle"
        )

    def meter_changes(self) -> list[tuple[str, int]]:
        """(label, change) for each meter the room's path moved, in declaration order."""
        meters = self.room.scenario.meters
        move = self.decision.after.moves[-1]  # the room's move carries what it changed
        return [(meters[c.meter].label or c.meter, c.change) for c in move.changes()]

    def draw_changes(self, surface, changes, line) -> None:
        look, st, kit = self.look, self.look.stage, self.app.kit
        px = look.px("caption")
        x = line.left
        for label, change in changes:
            text = f"{label} {points_text(change)}"
            w = kit.size(text, "semibold", px)[0]
            if x + w > line.right:
                break
            kit.line(
                surface,
                text,
                "semibold",
                px,
                delta_colour(self.app.pal, change),
                (x, line.centery),
                anchor="midleft",
            )
            x += w + st.px(20)

    def draw_coach(self, surface, box) -> None:
        look, st, pal, kit = self.look, self.look.stage, self.app.pal, self.app.kit
        d = self.decision
        panel(surface, look, box)
        inner = box.inflate(-st.px(32), -st.px(24))
        kit.box(
            surface,
            "Coach",
            "bold",
            look.px("caption"),
            pal.text,
            pygame.Rect(inner.left, inner.top, inner.width, st.px(32)),
            valign="middle",
        )
        choice = None if d.taken == TIMEOUT else self.room.scenario.nodes[d.node].choice(d.taken)
        if choice is None:
            note = TIMEOUT_NOTE
        else:
            note = (
                choice.feedback
                or " ".join(TAG_MEANINGS[t] for t in choice.tags if t in TAG_MEANINGS)
                or "A neutral move: it neither built nor cost the room anything."
            )
            points = points_text(choice.value)
            kit.line(
                surface,
                points,
                "bold",
                look.px("caption"),
                delta_colour(pal, choice.value),
                (inner.right, inner.top + st.px(2)),
                anchor="topright",
            )
            # Tag chips fill rows from the left, at most two rows, at the foot of the panel.
            rows: list[list[tuple[str, int]]] = [[]]
            x = inner.left
            for t in choice.tags:
                label = tag_label(t, self.room.scenario.rubric)
                w = chip_width(look, label, "caption")
                if rows[-1] and x + w > inner.right:
                    if len(rows) == 2:
                        break
                    rows.append([])
                    x = inner.left
                rows[-1].append((label, w))
                x += w + st.px(8)
            if choice.tags:
                for r, row in enumerate(rows):
                    x, y = inner.left, inner.bottom - st.px(34 + 40 * (len(rows) - 1 - r))
                    for label, w in row:
                        chip(surface, look, label, (x, y), role="caption")
                        x += w + st.px(8)
                inner.height -= st.px(40) * len(rows)
        # The note is read from the back of the room: reading size, paged rather than shrunk.
        px = reading_px(look)
        area = pygame.Rect(inner.left, inner.top + st.px(40), inner.width, inner.height - st.px(40))
        self.note_pages = pages(look, note, "regular", px, area.width, area.height)
        self.page = min(self.page, len(self.note_pages) - 1)
        kit.box(surface, self.note_pages[self.page], "regular", px, pal.text, area, min_px=px)
        if len(self.note_pages) > 1:
            last = self.page == len(self.note_pages) - 1
            tab(
                surface,
                look,
                box,
                f"Coach {self.page + 1}/{len(self.note_pages)} · "
                + ("↑ back" if last else "↓ more"),
            )
