"""The debrief: the result, the score, the Leadership Index, the tag profile, a timeline of
decisions, where the rep left the leader's path and what the leader would have said, and
replay from any decision.

The Index places the score between the scenario's worst and best runs, from the engine's
analysis (computed once per scenario version).

The parts are measured at their own text size and laid out as one page: two columns up to
125% text, one from 150%. When the page is taller than the window it scrolls (wheel, Page
Up/Down, Home/End) above a fixed row of buttons, and says so only when there is more.
"""

from __future__ import annotations

import pygame

from game.content.model import TIMEOUT
from game.ui import intents as I
from game.ui.attempt import Attempt, price_cost, result_words
from game.ui.recall import said_line
from game.ui.scene import UNHANDLED, Scene
from game.ui.scroll import ScrollView
from game.ui.text import wrap
from game.ui.theme import (
    CHART_TAGS,
    MINUS,
    OTHER_ICON,
    TAG_ICONS,
    consequence,
    delta_colour,
    points_text,
    quoted,
    signed,
    tag_colour,
)
from game.ui.widgets import Button, Buttons, flow, panel, ring

HINT = "← → pick a decision · ⏎ replay from it"
INDEX_HEAD = "Leadership Index"
# The chart counts answers; the points each one was worth are the coach's, beside the tag.
CHART_HEAD = "Tags you earned, and how many times (points per answer in brackets)"
NO_DECISIONS = "No decisions were made in this run."
SCORECARD_POLL_MS = 100  # how often a debrief drawn before its scorecard looks for it
MEASURED = 24  # decisions whose words are measured for the panel height: the wordiest
WORKING = "Working out your Index…"
NO_BEST = (
    "A conversation in this scenario can go round for ever, so no run is the best one to "
    "compare yours with. Each decision's panel shows what your answer earned."
)
TRACING = (
    "Tracing the leader's path through this scenario… Each decision's panel already shows "
    "what you said and the coach's note."
)


def points_word(value: int) -> str:
    """A tag's worth as the coach writes it: +3, −2."""
    return f"+{value}" if value > 0 else f"{MINUS}{-value}"


def departure(scenario, state, best_run):
    """(decision number, the leader's words) where the run first left the best path, or None."""
    if best_run is None:
        return None
    leader = list(best_run.choices)
    for i, move in enumerate(state.moves):
        if i >= len(leader):
            return None
        if move.choice != leader[i]:
            node = scenario.nodes[move.node]
            if leader[i] == TIMEOUT:
                words = "(The leader would have let the clock run.)"
            else:
                choice = node.choice(leader[i])
                words = choice.text if choice else leader[i]
            return i + 1, words
    return None


class TimelineDot(Button):
    """One decision on the timeline; colour, sign and number say the same thing."""

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st, kit = look.pal, look.stage, look.kit
        d = self.data
        colour = delta_colour(pal, d.points)
        c = self.rect.center
        r = min(self.rect.width, self.rect.height) // 2 - st.px(4)
        if focused:
            pygame.draw.circle(surface, pal.text, c, r + st.px(4), width=st.px(2))
        pygame.draw.circle(surface, colour, c, r)
        sign = "+" if d.points > 0 else MINUS if d.points < 0 else "0"
        kit.line(surface, sign, "bold", max(8, int(r * 1.3)), pal.on_accent, c, anchor="center")


class Debrief(Scene):
    name = "debrief"

    def __init__(self, app, attempt):
        super().__init__(app)
        self.attempt = attempt
        self.scenario = attempt.scenario
        self.state = attempt.state
        self.decisions = attempt.decisions()
        self.card = None  # the scorecard (prefetched by the briefing); None while being made
        self.best_score = self.worst_score = self.index = None
        self.departure = None
        self.dots = [
            TimelineDot(f"Decision {d.number}", self.replay, data=d) for d in self.decisions
        ]
        self.replay_button = Button("Replay from here", self.replay, hint="⏎", kind="primary")
        self.again_button = Button("Try again", self.again, hint="A")
        self.library_button = Button("Library", self.to_library, hint="Esc")
        self.notes_button = Button("Every note", self.open_notes, hint="N")
        focus = max(0, len(self.dots) - 1)
        self.selected = self.decisions[focus] if self.decisions else None
        self.buttons = Buttons(
            self.dots
            + [self.replay_button, self.again_button, self.library_button, self.notes_button],
            focus if self.dots else len(self.dots),
        )
        self.boxes: dict[str, pygame.Rect] = {}  # each part's place on the page
        self.page = ScrollView()  # larger text makes the page longer, never its text smaller
        self.word, self.colour, self.title = self.result_words()
        self._moved = False  # the rep has moved the focus: the scorecard leaves it there
        self.take(app.analyses.ready(self.scenario))  # drawn at once, filled in on arrival

    # ----- the scorecard ----------------------------------------------------------------
    def take(self, card) -> bool:
        """Fill in what the scorecard says: the Index and where the leader's path was left
        (the focus goes there). False while the scorecard is still being made."""
        if card is None or self.card is not None:
            return False
        self.card = card
        self.best_score, self.worst_score = card.best_score, card.worst_score
        self.index = card.index(self.state.score)
        self.departure = departure(self.scenario, self.state, card.best)
        if self.departure and not self._moved:
            self.buttons.focus = self.departure[0] - 1
            self.selected = self.decisions[self.departure[0] - 1]
        if self.boxes:  # already laid out: the new words may need other heights
            self.layout(self.app.stage)
        return True

    def wake_in(self) -> int | None:
        return None if self.card is not None else SCORECARD_POLL_MS

    def update(self, dt_ms: int) -> bool:
        return self.take(self.app.analyses.ready(self.scenario))

    def finish_background(self) -> bool:
        return self.card is None and self.take(self.app.analyses.get(self.scenario))

    # ----- actions ----------------------------------------------------------------------
    def replay(self) -> None:
        if self.selected is None:
            return
        fresh = self.attempt.replay(self.selected.number - 1)
        if fresh.replayed_assessment:
            self.app.toast("Replaying is practice: your assessment result stays as it was.", 5000)
        self.app.swap("conversation", fresh)

    def again(self) -> None:
        s = self.attempt
        fresh = Attempt(s.scenario, s.mode, s.player, s.store)
        self.app.swap("conversation", fresh)

    def open_notes(self) -> None:
        self.app.go("notes", self.scenario, self.decisions, 0)  # every note, from the first

    def to_library(self) -> None:
        self.app.back_to("library")

    def handle(self, intent):
        k = intent.kind
        if k == I.BACK:
            self.to_library()
            return True
        if k == I.CHAR and intent.text.lower() in ("a", "n"):
            (self.again if intent.text.lower() == "a" else self.open_notes)()
            return True
        if k == I.CONFIRM and isinstance(self.buttons.focused, TimelineDot):
            self.replay()
            return True
        moved = self.page.handle(intent, self.app.kit.line_height(self.app.px("body")))
        if moved is not UNHANDLED:
            self.place()
            return moved
        before = self.buttons.focus
        if k in (I.POINT, I.CLICK):
            used = self.pointer(intent)
        else:
            used = self.buttons.handle(intent)
        self._moved |= self.buttons.focus != before
        f = self.buttons.focused
        if isinstance(f, TimelineDot):
            if f.data is not self.selected:
                self.selected = f.data
                used = True
            if k not in (I.POINT, I.CLICK):  # keys bring the timeline into view
                timeline = self.boxes["timeline"]
                if self.page.reveal(timeline.top, timeline.bottom):
                    self.place()
        return used

    def pointer(self, intent) -> bool:
        """The mouse reaches only what shows: a dot scrolled out of the page takes no click."""
        for b in self.widgets():
            if b.rect.collidepoint(intent.pos):
                i = self.buttons.items.index(b)
                if intent.kind == I.CLICK:
                    self.buttons.focus = i
                    b.activate()
                    return True
                if i != self.buttons.focus:
                    self.buttons.focus = i
                    return True
                return False
        return False

    def widgets(self) -> list:
        return [b for b in self.buttons.items if b not in self.dots or self.page.shows(b.rect)]

    # ----- layout -----------------------------------------------------------------------
    def result_words(self):
        """(the result word, its colour, the ending's title): a win bought with price is
        amber and says what it cost."""
        return result_words(self.scenario, self.state, self.decisions)

    def summary(self) -> str:
        end = self.scenario.nodes[self.state.ending].ending if self.state.ending else None
        if end and end.debrief:
            return end.debrief
        return self.scenario.nodes[self.state.ending].say if self.state.ending else ""

    def text_h(self, text: str, style: str, px: int, width: int) -> int:
        """The height `text` takes wrapped to `width` at its own size."""
        kit = self.app.kit
        return len(wrap(text, kit.font(style, px), max(1, width))) * kit.line_height(px)

    @property
    def wide(self) -> bool:
        """Two columns up to 125% text; one from 150%, each part as wide as the page."""
        return self.app.settings.text_size <= 1.25

    def layout(self, stage) -> None:
        app, kit = self.app, self.app.kit
        u = stage.px
        area = stage.area
        body, cap, heading = app.px("body"), app.px("caption"), app.px("heading")
        bar = [self.replay_button, self.again_button, self.library_button, self.notes_button]
        # The buttons keep body text in two columns; past that their labels go to caption
        # size, like the library's header, so they stay on one row and leave the page room.
        self.bar_role = "body" if self.wide else "caption"
        bar_h = flow(app, bar, area.left + u(40), area.right - u(40), 0, self.bar_role, u(16))
        bar_top = area.bottom - u(18) - bar_h
        for b in bar:
            b.rect.move_ip(0, bar_top)
        view = pygame.Rect(
            area.left, area.top + u(16), area.width, bar_top - u(12) - area.top - u(16)
        )
        width = area.width - u(80)
        boxes: dict[str, pygame.Rect] = {}

        # The result, the ending's title and the score: one line when they fit.
        score_w = kit.size(self.score_text(), "bold", heading)[0]
        word_w = kit.size(self.word, "bold", heading)[0]
        title = f"· {self.title}" if self.title else ""
        self.title_alone = False
        title_w = kit.size(title, "bold", heading)[0] if title else 0
        lh = kit.line_height(heading)
        boxes["word"] = pygame.Rect(0, u(10), word_w, lh)
        boxes["score"] = pygame.Rect(width - score_w, u(10), score_w, lh)
        if word_w + u(14) + title_w + u(24) + score_w <= width:
            boxes["title"] = pygame.Rect(word_w + u(14), u(10), title_w, lh)
        else:  # below the result, wrapped, without the dot that joined it to the result
            self.title_alone = True
            title = self.title
            boxes["title"] = pygame.Rect(
                0, u(10) + lh, width, self.text_h(title, "bold", heading, width)
            )
        y = boxes["title"].bottom + u(4)
        boxes["summary"] = pygame.Rect(
            0, y, width, self.text_h(self.summary(), "italic", body, width)
        )
        y = boxes["summary"].bottom + u(10)

        # The Leadership Index and the tag chart: side by side, or one above the other.
        index_w = u(420) if self.wide else width
        chart_w = width - index_w - u(20) if self.wide else width
        index_h = self.index_height(index_w)
        chart_h = self.chart_height(chart_w)
        if self.wide:
            h = max(u(180), index_h, chart_h)
            boxes["index"] = pygame.Rect(0, y, index_w, h)
            boxes["chart"] = pygame.Rect(index_w + u(20), y, chart_w, h)
            y += h + u(16)
        else:
            boxes["index"] = pygame.Rect(0, y, width, index_h)
            y += index_h + u(16)
            boxes["chart"] = pygame.Rect(0, y, width, chart_h)
            y += chart_h + u(16)

        # The timeline: "Decisions", one dot per decision, and the hint when there is room.
        label_w = kit.size("Decisions", "semibold", body)[0]
        dot_left = u(160) if label_w + u(16) <= u(160) else 0
        top = y if dot_left else y + kit.line_height(body)
        boxes["decisions"] = pygame.Rect(
            0, y, label_w, kit.line_height(body) if not dot_left else u(40)
        )
        n = max(1, len(self.dots))
        spacing = min(u(64), (width - dot_left) // n)
        size = min(u(40), spacing - u(4))
        hint_w = kit.size(HINT, "regular", cap)[0]
        dots_right = dot_left + spacing * len(self.dots)
        if width - dots_right - u(24) >= hint_w:
            boxes["hint"] = pygame.Rect(width - hint_w, top, hint_w, u(40))
            bottom = top + u(40)
        else:
            hint_h = self.text_h(HINT, "regular", cap, width)
            boxes["hint"] = pygame.Rect(0, top + u(46), width, hint_h)
            bottom = boxes["hint"].bottom
        self.dot_spots = [
            pygame.Rect(
                dot_left + spacing * i + (spacing - size) // 2,
                top + (u(40) - size) // 2,
                size,
                size,
            )
            for i in range(len(self.dots))
        ]
        boxes["timeline"] = pygame.Rect(0, y, width, bottom - y)
        y = bottom + u(16)

        # The chosen decision and the leader's path.
        half = (width - u(20)) // 2 if self.wide else width
        selected_h = self.selected_height(half)
        leader_h = self.leader_height(half)
        if self.wide:
            h = max(u(170), selected_h, leader_h)
            boxes["selected"] = pygame.Rect(0, y, half, h)
            boxes["leader"] = pygame.Rect(half + u(20), y, half, h)
            y += h
        else:
            boxes["selected"] = pygame.Rect(0, y, width, selected_h)
            y += selected_h + u(16)
            boxes["leader"] = pygame.Rect(0, y, width, leader_h)
            y += leader_h
        self.boxes = boxes
        cue_h = kit.line_height(cap) + u(4)
        if y + u(4) > view.height:  # a strip under the page says there is more
            view.height -= cue_h
        self.cue_box = pygame.Rect(area.left + u(40), view.bottom, width, cue_h)
        self.page.set(view, y + u(4))
        self.page_left = area.left + u(40)
        self.place()

    def place(self) -> None:
        """Dots where the page has scrolled them."""
        for dot, spot in zip(self.dots, self.dot_spots, strict=True):
            dot.rect = self.on_screen(spot)

    def on_screen(self, box: pygame.Rect) -> pygame.Rect:
        return box.move(self.page_left, self.page.top(0))

    def score_text(self) -> str:
        return f"Score {signed(self.state.score)}"

    # ----- drawing ----------------------------------------------------------------------
    def draw(self, surface) -> None:
        app, pal, kit = self.app, self.app.pal, self.app.kit
        heading, body, cap = app.px("heading"), app.px("body"), app.px("caption")
        view = self.page.view
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip))
        box = {name: self.on_screen(r) for name, r in self.boxes.items()}
        shows = {name: r.colliderect(view) for name, r in box.items()}

        def text(name, words, style, px, colour, **kw):
            if shows[name]:
                kit.box(surface, words, style, px, colour, box[name], min_px=px, **kw)

        text("word", self.word, "bold", heading, getattr(pal, self.colour))
        if self.title:
            joined = self.title if self.title_alone else f"· {self.title}"
            text("title", joined, "bold", heading, pal.text)
        text("score", self.score_text(), "bold", heading, pal.text, align="right")
        text("summary", self.summary(), "italic", body, pal.muted)
        if shows["index"]:
            self.draw_index(surface, box["index"])
        if shows["chart"]:
            self.draw_chart(surface, box["chart"])
        text("decisions", "Decisions", "semibold", body, pal.text, valign="middle")
        if len(self.dots) > 1:
            a, b = self.dots[0].rect.center, self.dots[-1].rect.center
            pygame.draw.line(surface, pal.border, a, b, app.stage.px(2))
        focus = self.buttons.focused
        for dot in self.dots:
            if dot.rect.colliderect(view):
                dot.draw(surface, app, dot is focus)
        if self.dots:
            text("hint", HINT, "regular", cap, pal.muted, valign="middle")
        if shows["selected"]:
            self.draw_selected(surface, box["selected"])
        if shows["leader"]:
            self.draw_leader(surface, box["leader"])
        surface.set_clip(clip)
        cue = self.page.cue_text()  # only when there is more to see
        if cue:
            kit.box(surface, cue, "semibold", cap, pal.accent, self.cue_box, "right", "middle", cap)
        for b in (self.replay_button, self.again_button, self.library_button, self.notes_button):
            b.draw(surface, app, b is focus, role=self.bar_role)

    def index_why(self) -> str:
        if self.card is None:
            return (
                f"{WORKING} It places your score between this scenario's worst and best "
                "runs, and shows where the leader's path went."
            )
        if self.index is None:
            return (
                "This scenario has no fixed best and worst run (a conversation can loop), "
                "so there is no Index; the score and tags still tell the story."
            )
        return (
            f"Where your score sits between this scenario's worst run "
            f"({signed(self.worst_score)}) and the leader's best ({signed(self.best_score)})."
        )

    def index_text_w(self, width: int) -> int:
        st = self.app.stage
        return width - st.px(24 + 140 + 20 + 16)

    def index_height(self, width: int) -> int:
        """The ring's height, or the words beside it when they need more."""
        app, st = self.app, self.app.stage
        tw = self.index_text_w(width)
        words = self.text_h(INDEX_HEAD, "bold", app.px("body"), tw) + st.px(6)
        words += self.text_h(self.index_why(), "regular", app.px("caption"), tw)
        return max(st.px(140 + 40), words + st.px(40))

    def draw_index(self, surface, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, box)
        radius = st.px(70)
        centre = (box.left + st.px(24) + radius, box.top + st.px(20) + radius)
        fraction = (self.index or 0) / 100
        ring(surface, app, centre, radius, fraction, pal.accent, st.px(14))
        label = "…" if self.card is None else "—" if self.index is None else str(self.index)
        size = min(round(app.px("heading") * 1.2), round(radius * 0.75))
        kit.line(surface, label, "bold", size, pal.text, centre, anchor="center")
        tw = self.index_text_w(box.width)
        body, cap = app.px("body"), app.px("caption")
        head = pygame.Rect(centre[0] + radius + st.px(20), box.top + st.px(20), tw, 0)
        head.height = self.text_h(INDEX_HEAD, "bold", body, tw)
        kit.box(surface, INDEX_HEAD, "bold", body, pal.text, head, min_px=body)
        why = self.index_why()
        rest = pygame.Rect(
            head.left, head.bottom + st.px(6), tw, self.text_h(why, "regular", cap, tw)
        )
        kit.box(surface, why, "regular", cap, pal.muted, rest, min_px=cap)

    def price_cost(self) -> int | None:
        return price_cost(self.scenario, self.state, self.decisions)

    def chart_tags(self) -> list[str]:
        """The default eight by group, then up to three of the scenario's own tags this run
        earned."""
        rubric = self.scenario.rubric
        own = sorted(
            (t for t in self.state.tags if t not in CHART_TAGS),
            key=lambda t: (-rubric.get(t, 0), t),
        )
        return [*CHART_TAGS, *own[:3]]

    def chart_label(self, tag: str) -> str:
        """The group's symbol, the tag, and its points per answer, as the coach wrote them."""
        value = self.scenario.rubric.get(tag, 0)
        worth = f" ({points_word(value)})" if value else ""
        return f"{TAG_ICONS.get(tag, OTHER_ICON)} {tag}{worth}"

    def chart_grid(self, width: int):
        """(columns, rows, label width, count width) for the chart at this panel width."""
        app, st, kit = self.app, self.app.stage, self.app.kit
        cap = app.px("caption")
        tags = self.chart_tags()
        label_w = max(kit.size(self.chart_label(t), "regular", cap)[0] for t in tags) + st.px(12)
        count_w = kit.size("×88", "semibold", cap)[0] + st.px(12)
        inner = width - st.px(32)
        columns = 2 if inner >= 2 * (label_w + st.px(80) + count_w) + st.px(32) else 1
        rows = -(-len(tags) // columns)
        return columns, rows, label_w, count_w

    def chart_height(self, width: int) -> int:
        app, st, kit = self.app, self.app.stage, self.app.kit
        cap = app.px("caption")
        _, rows, _, _ = self.chart_grid(width)
        head = self.text_h(CHART_HEAD, "semibold", cap, width - st.px(32))
        return st.px(14) + head + st.px(6) + rows * (kit.line_height(cap) + st.px(4)) + st.px(14)

    def draw_chart(self, surface, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, box)
        cap = app.px("caption")
        inner = box.inflate(-st.px(32), -st.px(28))
        head = pygame.Rect(inner.left, inner.top, inner.width, 0)
        head.height = self.text_h(CHART_HEAD, "semibold", cap, inner.width)
        kit.box(surface, CHART_HEAD, "semibold", cap, pal.text, head, min_px=cap)
        tags = self.chart_tags()
        columns, rows, label_w, count_w = self.chart_grid(box.width)
        col_gap = st.px(32)
        col_w = (inner.width - col_gap * (columns - 1)) // columns
        row_h = kit.line_height(cap) + st.px(4)
        counts = self.state.tags
        most = max([1] + [counts.get(t, 0) for t in tags])
        top = head.bottom + st.px(6)
        for i, tag in enumerate(tags):
            col, row = divmod(i, rows)
            x = inner.left + col * (col_w + col_gap)
            y = top + row * row_h
            cy = y + row_h // 2
            count = counts.get(tag, 0)
            colour = tag_colour(pal, tag)
            kit.box(
                surface,
                self.chart_label(tag),
                "regular",
                cap,
                pal.text,
                pygame.Rect(x, y, label_w, row_h),
                valign="middle",
                min_px=cap,
            )
            track = pygame.Rect(x + label_w, cy - st.px(6), col_w - label_w - count_w, st.px(12))
            pygame.draw.rect(surface, pal.track, track, border_radius=st.px(4))
            if count:
                fill = track.copy()
                fill.width = max(st.px(6), round(track.width * count / most))
                pygame.draw.rect(surface, colour, fill, border_radius=st.px(4))
            kit.box(  # a count of answers, not points: written as times
                surface,
                f"×{count}",
                "semibold",
                cap,
                pal.text if count else pal.muted,
                pygame.Rect(track.right + st.px(12), y, count_w - st.px(12), row_h),
                valign="middle",
                min_px=cap,
            )

    def selected_height(self, width: int) -> int:
        """The tallest decision's panel, so the page keeps its shape as the focus moves.

        Only the decisions with the most words are measured (wrapping is what costs): a run
        of a thousand decisions opened its debrief in 133 ms measuring every one."""
        app, st = self.app, self.app.stage
        body, cap = app.px("body"), app.px("caption")
        iw = width - st.px(32)
        tallest = 0
        wordiest = sorted(
            self.decisions,
            key=lambda d: len(said_line(self.attempt, d)) + len(consequence(d)),
            reverse=True,
        )
        for d in wordiest[:MEASURED]:
            said = self.text_h(said_line(self.attempt, d), "semibold", cap, iw)
            note = self.text_h("Coach: " + consequence(d), "regular", cap, iw)
            tallest = max(tallest, said + note + st.px(16))
        return app.kit.line_height(body) + tallest + st.px(28 + 8)

    def draw_selected(self, surface, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, box)
        inner = box.inflate(-st.px(32), -st.px(28))
        body, cap = app.px("body"), app.px("caption")
        d = self.selected
        if d is None:
            kit.box(surface, NO_DECISIONS, "regular", body, pal.muted, inner, min_px=body)
            return
        head = f"Decision {d.number} of {len(self.decisions)}"
        hr = kit.line(surface, head, "bold", body, pal.text, inner.topleft)
        kit.line(
            surface,
            points_text(d.points),
            "bold",
            body,
            delta_colour(pal, d.points),
            inner.topright,
            anchor="topright",
        )
        said_text = said_line(self.attempt, d)
        said = pygame.Rect(inner.left, hr.bottom + st.px(8), inner.width, 0)
        said.height = self.text_h(said_text, "semibold", cap, inner.width)
        kit.box(surface, said_text, "semibold", cap, pal.text, said, min_px=cap)
        note_text = "Coach: " + consequence(d)
        note = pygame.Rect(inner.left, said.bottom + st.px(8), inner.width, 0)
        note.height = self.text_h(note_text, "regular", cap, inner.width)
        kit.box(surface, note_text, "regular", cap, pal.muted, note, min_px=cap)

    def leader_parts(self) -> list[tuple[str, str, str]]:
        """(text, style, colour name) top to bottom: the heading first, at body size."""
        if self.card is None:
            return [("The leader's path", "bold", "text"), (TRACING, "regular", "muted")]
        if self.departure is None and self.card.best is None:
            # A loop (or no ending in reach) leaves no best run to have walked or left.
            return [("No single leader's path", "bold", "text"), (NO_BEST, "regular", "text")]
        if self.departure is None:
            if self.state.score >= self.best_score:
                text = (
                    "No run of this scenario scores higher than yours. Play it again in "
                    "assessment mode to prove it was no accident."
                    if self.attempt.practice
                    else "No run of this scenario scores higher than yours, and you proved it "
                    "without the coach."
                )
            else:
                text = "Your choices matched the leader's as far as they went."
            return [("You walked the leader's path", "bold", "accent"), (text, "regular", "text")]
        number, words = self.departure
        mine = self.decisions[number - 1]
        return [
            (f"Off the leader's path at decision {number}", "bold", "accent"),
            (said_line(self.attempt, mine), "regular", "text"),
            (f"Leader: {quoted(words)}", "semibold", "gain"),
        ]

    def leader_height(self, width: int) -> int:
        app, st = self.app, self.app.stage
        iw = width - st.px(32)
        total = st.px(28)
        for i, (text, style, _) in enumerate(self.leader_parts()):
            px = app.px("body") if i == 0 else app.px("caption")
            total += self.text_h(text, style, px, iw) + st.px(8 if i == 0 else 12)
        return total

    def draw_leader(self, surface, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, box, border=pal.accent if self.departure else pal.border)
        inner = box.inflate(-st.px(32), -st.px(28))
        y = inner.top
        for i, (text, style, colour) in enumerate(self.leader_parts()):
            px = app.px("body") if i == 0 else app.px("caption")
            r = pygame.Rect(inner.left, y, inner.width, self.text_h(text, style, px, inner.width))
            kit.box(surface, text, style, px, getattr(pal, colour), r, min_px=px)
            y = r.bottom + st.px(8 if i == 0 else 12)
