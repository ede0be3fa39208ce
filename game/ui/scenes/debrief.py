"""The debrief: the result, the score, the Leadership Index, the tag profile, a timeline of
decisions, where the rep left the leader's path and what the leader would have said, and
replay from any decision.

The Index places the score between the scenario's worst and best runs, from the engine's
analysis (computed once per scenario version).
"""

from __future__ import annotations

import pygame

from game.content.model import COMMODITY_TAGS, TIMEOUT
from game.ui import intents as I
from game.ui.attempt import Attempt
from game.ui.recall import said_line
from game.ui.scene import Scene
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
)
from game.ui.widgets import Button, Buttons, panel, ring

RESULT_WORDS = {"won": "✓ WON", "lost": "✗ LOST", "stalled": "… STALLED"}


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
        card = app.analyses.get(self.scenario)  # the scorecard, prefetched by the briefing
        self.analysed = card is not None
        self.best_score, self.worst_score = card.best_score, card.worst_score
        self.index = card.index(self.state.score)
        self.departure = departure(self.scenario, self.state, card.best)
        self.dots = [
            TimelineDot(f"Decision {d.number}", self.replay, data=d) for d in self.decisions
        ]
        self.replay_button = Button(
            "Replay from this decision", self.replay, hint="⏎", kind="primary"
        )
        self.again_button = Button("Try again", self.again, hint="A")
        self.library_button = Button("Library", self.to_library, hint="Esc")
        self.notes_button = Button("Every note", self.open_notes, hint="N")
        focus = (self.departure[0] - 1) if self.departure else max(0, len(self.dots) - 1)
        self.selected = self.decisions[focus] if self.decisions else None
        self.buttons = Buttons(
            self.dots
            + [self.replay_button, self.again_button, self.library_button, self.notes_button],
            focus if self.dots else len(self.dots),
        )
        self.boxes: dict[str, pygame.Rect] = {}

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
        used = self.buttons.handle(intent)
        f = self.buttons.focused
        if isinstance(f, TimelineDot) and f.data is not self.selected:
            self.selected = f.data
            used = True
        return used

    # ----- layout -----------------------------------------------------------------------
    def layout(self, stage) -> None:
        n = max(1, len(self.dots))
        spacing = min(64.0, 1060.0 / n)
        size = min(40.0, spacing - 4)
        for i, dot in enumerate(self.dots):
            cx = 200 + spacing * (i + 0.5)
            dot.rect = stage.rect(cx - size / 2, 384 - size / 2, size, size)
        self.replay_button.rect = stage.rect(40, 652, 360, 50)
        self.again_button.rect = stage.rect(416, 652, 220, 50)
        self.library_button.rect = stage.rect(652, 652, 220, 50)
        self.notes_button.rect = stage.rect(1020, 652, 220, 50)
        self.boxes = {
            "index": stage.rect(40, 142, 420, 206),
            "chart": stage.rect(480, 142, 760, 206),
            "selected": stage.rect(40, 420, 590, 216),
            "leader": stage.rect(650, 420, 590, 216),
        }

    # ----- drawing ----------------------------------------------------------------------
    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        end = self.scenario.nodes[self.state.ending].ending if self.state.ending else None
        result = self.state.result or "stalled"
        colour = pal.gain if result == "won" else pal.loss if result == "lost" else pal.neutral
        word = RESULT_WORDS.get(result, result.upper())
        cost = self.price_cost()
        if result == "won" and cost is not None:  # a deal bought with price is no triumph
            word, colour = "$ Won on price", pal.warning
        r = kit.line(
            surface, word, "bold", app.px("heading"), colour, st.rect(40, 26, 0, 0).topleft
        )
        title = end.title if end else ""
        if result == "won" and cost is not None:
            title += f" · it cost you {cost} point{'s' if cost != 1 else ''}" if cost else ""
        kit.box(
            surface,
            f"· {title}",
            "bold",
            app.px("heading"),
            pal.text,
            pygame.Rect(
                r.right + st.px(14), r.top, st.rect(0, 0, 860, 0).width - r.width, r.height
            ),
        )
        kit.box(
            surface,
            f"Score {signed(self.state.score)}",
            "bold",
            app.px("heading"),
            pal.text,
            st.rect(940, 26, 300, 50),
            align="right",
        )
        summary = (
            end.debrief
            if end and end.debrief
            else self.scenario.nodes[self.state.ending].say
            if self.state.ending
            else ""
        )
        kit.box(surface, summary, "italic", app.px("body"), pal.muted, st.rect(40, 80, 1200, 56))
        self.draw_index(surface, self.boxes["index"])
        self.draw_chart(surface, self.boxes["chart"])
        kit.line(
            surface,
            "Decisions",
            "semibold",
            app.px("body"),
            pal.text,
            st.rect(40, 384, 0, 0).topleft,
            anchor="midleft",
        )
        if len(self.dots) > 1:
            a, b = self.dots[0].rect.center, self.dots[-1].rect.center
            pygame.draw.line(surface, pal.border, a, b, st.px(2))
        if self.dots:
            left = self.dots[-1].rect.right + st.px(24)
            hint = pygame.Rect(
                left, st.rect(0, 364, 0, 40).top, st.rect(1240, 0, 0, 0).left - left, st.px(40)
            )
            if hint.width > st.px(200):
                kit.box(
                    surface,
                    "← → pick a decision · ⏎ replay from it",
                    "regular",
                    app.px("caption"),
                    pal.muted,
                    hint,
                    align="right",
                    valign="middle",
                )
        self.draw_selected(surface, self.boxes["selected"])
        self.draw_leader(surface, self.boxes["leader"])
        self.buttons.draw(surface, app)

    def draw_index(self, surface, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, box)
        radius = st.px(70)
        centre = (box.left + st.px(24) + radius, box.centery)
        fraction = (self.index or 0) / 100
        ring(surface, app, centre, radius, fraction, pal.accent, st.px(14))
        label = "—" if self.index is None else str(self.index)
        size = min(round(app.px("heading") * 1.2), round(radius * 0.75))
        kit.line(surface, label, "bold", size, pal.text, centre, anchor="center")
        text = pygame.Rect(
            centre[0] + radius + st.px(20), box.top + st.px(20), 0, box.height - st.px(40)
        )
        text.width = box.right - st.px(16) - text.left
        head = kit.line(
            surface,
            "Leadership Index",
            "bold",
            app.px("body"),
            pal.text,
            text.topleft,
            max_width=text.width,
        )
        if not self.analysed:
            why = (
                "The Index needs this scenario's analysis, which could not be made here; "
                "the score and tags still tell the story."
            )
        elif self.index is None:
            why = (
                "This scenario has no fixed best and worst run (a conversation can loop), "
                "so there is no Index; the score and tags still tell the story."
            )
        else:
            why = (
                f"Where your score sits between this scenario's worst run "
                f"({signed(self.worst_score)}) and the leader's best ({signed(self.best_score)})."
            )
        kit.box(
            surface,
            why,
            "regular",
            app.px("caption"),
            pal.muted,
            pygame.Rect(
                text.left, head.bottom + st.px(6), text.width, text.bottom - head.bottom - st.px(6)
            ),
        )

    def price_cost(self) -> int | None:
        """Points lost on price and commodity answers (and a discounted ending), or None when
        the run used none."""
        priced = [d for d in self.decisions if set(d.tags) & COMMODITY_TAGS]
        if not priced:
            return None
        lost = -sum(min(0, d.points) for d in priced)
        end = self.scenario.nodes[self.state.ending].ending if self.state.ending else None
        return lost + (-end.points if end and end.points < 0 else 0)

    def chart_tags(self) -> list[str]:
        """The default eight, then up to three of the scenario's own tags this run earned."""
        rubric = self.scenario.rubric
        own = sorted(
            (t for t in self.state.tags if t not in CHART_TAGS),
            key=lambda t: (-rubric.get(t, 0), t),
        )
        return [*CHART_TAGS, *own[:3]]

    def draw_chart(self, surface, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, box)
        inner = box.inflate(-st.px(32), -st.px(20))
        tags = self.chart_tags()
        row_h = inner.height / len(tags)
        counts = self.state.tags
        most = max([1] + [counts.get(t, 0) for t in tags])
        px = app.px("caption")
        label_w = st.px(170)
        for i, tag in enumerate(tags):
            y = inner.top + round(i * row_h)
            cy = y + round(row_h / 2)
            count = counts.get(tag, 0)
            value = self.scenario.rubric.get(tag, 0)
            costly = tag in COMMODITY_TAGS or value < 0
            colour = pal.loss if costly else pal.gain
            kit.box(
                surface,
                f"{TAG_ICONS.get(tag, OTHER_ICON)} {tag}",
                "regular",
                px,
                pal.text,
                pygame.Rect(inner.left, y, label_w, round(row_h)),
                valign="middle",
            )
            track = pygame.Rect(
                inner.left + label_w, cy - st.px(7), inner.width - label_w - st.px(90), st.px(14)
            )
            pygame.draw.rect(surface, pal.track, track, border_radius=st.px(4))
            if count:
                fill = track.copy()
                fill.width = max(st.px(6), round(track.width * count / most))
                pygame.draw.rect(surface, colour, fill, border_radius=st.px(4))
            kit.box(  # a count of answers, not points: written as times
                surface,
                f"×{count}",
                "semibold",
                px,
                colour if count else pal.muted,
                pygame.Rect(track.right + st.px(12), y, st.px(78), round(row_h)),
                valign="middle",
            )

    def draw_selected(self, surface, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, box)
        inner = box.inflate(-st.px(32), -st.px(28))
        d = self.selected
        if d is None:
            kit.box(
                surface,
                "No decisions were made in this run.",
                "regular",
                app.px("body"),
                pal.muted,
                inner,
            )
            return
        head = f"Decision {d.number} of {len(self.decisions)}"
        hr = kit.line(surface, head, "bold", app.px("body"), pal.text, inner.topleft)
        kit.line(
            surface,
            points_text(d.points),
            "bold",
            app.px("body"),
            delta_colour(pal, d.points),
            inner.topright,
            anchor="topright",
        )
        y = hr.bottom + st.px(8)
        said = pygame.Rect(inner.left, y, inner.width, st.px(58))
        ink = kit.box(
            surface,
            said_line(self.attempt, d),
            "semibold",
            app.px("caption"),
            pal.text,
            said,
        )
        note = pygame.Rect(inner.left, max(ink.bottom, y) + st.px(8), inner.width, 0)
        note.height = inner.bottom - note.top
        kit.box(surface, "Coach: " + consequence(d), "regular", app.px("caption"), pal.muted, note)

    def draw_leader(self, surface, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, box, border=pal.accent if self.departure else pal.border)
        inner = box.inflate(-st.px(32), -st.px(28))
        if self.departure is None and not self.analysed:
            hr = kit.line(
                surface, "The leader's path", "bold", app.px("body"), pal.text, inner.topleft
            )
            kit.box(
                surface,
                "The best path comes from the scenario's analysis, which could not be "
                "made here. Your decisions and the coach's notes are on the left.",
                "regular",
                app.px("caption"),
                pal.muted,
                pygame.Rect(
                    inner.left,
                    hr.bottom + st.px(8),
                    inner.width,
                    inner.bottom - hr.bottom - st.px(8),
                ),
            )
            return
        if self.departure is None:
            head = "You walked the leader's path"
            text = (
                (
                    "No run of this scenario scores higher than yours. Play it again in assessment "
                    "mode to prove it was no accident."
                    if self.attempt.practice
                    else "No run of this scenario scores higher than yours, and you proved it "
                    "without the coach."
                )
                if self.index == 100 or self.index is None
                else "Your choices matched the leader's as far as they went."
            )
            hr = kit.line(
                surface,
                head,
                "bold",
                app.px("body"),
                pal.accent,
                inner.topleft,
                max_width=inner.width,
            )
            kit.box(
                surface,
                text,
                "regular",
                app.px("caption"),
                pal.text,
                pygame.Rect(
                    inner.left,
                    hr.bottom + st.px(8),
                    inner.width,
                    inner.bottom - hr.bottom - st.px(8),
                ),
            )
            return
        number, words = self.departure
        mine = self.decisions[number - 1]
        hr = kit.line(
            surface,
            f"Off the leader's path at decision {number}",
            "bold",
            app.px("body"),
            pal.accent,
            inner.topleft,
            max_width=inner.width,
        )
        half = (inner.bottom - hr.bottom - st.px(8)) // 2
        you = pygame.Rect(inner.left, hr.bottom + st.px(8), inner.width, half)
        ink = kit.box(
            surface,
            said_line(self.attempt, mine),
            "regular",
            app.px("caption"),
            pal.text,
            you,
        )
        top = max(ink.bottom, you.top) + st.px(12)
        lead = pygame.Rect(inner.left, top, inner.width, inner.bottom - top)
        kit.box(surface, f"Leader: {quoted(words)}", "semibold", app.px("caption"), pal.gain, lead)
