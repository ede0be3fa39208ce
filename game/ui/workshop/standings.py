"""Between decisions and at the end of a phones round: the standings with each team's rise or
fall, then the podium beside the room's path and the leader's.

Both screens are the facilitator's: Enter goes on (to the next decision, or to the scoreboard
and its export), Esc twice leaves the round. The phones show the same standings, each with its
own team highlighted, from the view the reveal published.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.content.model import TIMEOUT
from game.server.view import ranks
from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.theme import signed
from game.ui.widgets import Button, Buttons, panel
from game.ui.workshop.look import (
    Look,
    ending_words,
    ink_on,
    leave_on_second_escape,
    team_row,
    top_bar,
)


@dataclass(frozen=True, slots=True)
class Row:
    rank: int
    team: int
    name: str
    score: int
    gained: int  # points this team earned at the last decision
    change: int  # places gained since the decision before (negative: places lost)
    new: bool  # the first standings of the round: nothing to compare with


def standing_rows(workshop) -> list[Row]:
    """The teams ranked now, with what the last decision changed."""
    decisions = workshop.decisions
    teams = range(len(workshop.teams))
    was = None
    if len(decisions) > 1:
        was = ranks([sum(d.points[t] for d in decisions[:-1]) for t in teams])
    last = decisions[-1].points if decisions else (0,) * len(workshop.teams)
    return [
        Row(
            s.rank,
            s.team,
            s.name,
            s.score,
            last[s.team],
            (was[s.team] - s.rank) if was is not None else 0,
            was is None,
        )
        for s in workshop.standings()
    ]


def plus(n: int) -> str:
    """+5, 0, −3: points earned or lost, with their sign."""
    return f"+{n}" if n > 0 else signed(n)


def change_words(row: Row) -> str:
    """▲2, ▼1, new, or = (the same place)."""
    if row.new:
        return "new"
    if row.change > 0:
        return f"▲{row.change}"
    if row.change < 0:
        return f"▼{-row.change}"
    return "="


@dataclass(frozen=True, slots=True)
class Step:
    number: int
    room: tuple[str, str] | None  # (node, choice id) the room took, None after its end
    leader: tuple[str, str] | None  # ... the leader's, None after the leader's end
    room_points: int
    leader_points: int

    @property
    def apart(self) -> bool:
        return self.room != self.leader


def choice_points(scenario, step: tuple[str, str] | None) -> int:
    if step is None or step[1] == TIMEOUT:
        return 0
    choice = scenario.nodes[step[0]].choice(step[1])
    return choice.value if choice is not None else 0


def path_steps(workshop, leader) -> list[Step]:
    """The room's path beside the leader's, decision by decision, with each step's points."""
    sc = workshop.scenario
    room = [(d.node, d.taken) for d in workshop.decisions]
    lead = [] if leader is None else list(zip(leader.path, leader.choices, strict=False))
    out = []
    for i in range(max(len(room), len(lead))):
        r = room[i] if i < len(room) else None
        ld = lead[i] if i < len(lead) else None
        out.append(Step(i + 1, r, ld, choice_points(sc, r), choice_points(sc, ld)))
    return out


def room_path_score(workshop) -> int:
    """What the path the room took scored: a team that always voted with the room."""
    sc = workshop.scenario
    score = sum(choice_points(sc, (d.node, d.taken)) for d in workshop.decisions)
    ending = workshop.state.ending
    return score + (sc.nodes[ending].ending.points if ending is not None else 0)


def quoted(scenario, step: tuple[str, str] | None) -> str:
    if step is None:
        return "(finished)"
    if step[1] == TIMEOUT:
        return "(let the clock run out)"
    choice = scenario.nodes[step[0]].choice(step[1])
    return f"“{choice.text}”" if choice is not None else step[1]


class OnwardScreen(Scene):
    """A screen between parts of the round: the room's standings, a button on (`label`) that
    Enter presses too (`proceed`), and Esc twice leaves."""

    label = "Next"

    def __init__(self, app, room):
        super().__init__(app)
        self.look = Look(app)
        self.room = room
        self.workshop = room.workshop
        self.rows = standing_rows(self.workshop)
        self.leaving = False
        self.next_button = Button(self.label, self.proceed, hint="⏎", kind="primary")
        self.buttons = Buttons([self.next_button], focus=0)
        self.rects: dict[str, pygame.Rect] = {}

    def proceed(self) -> None:
        raise NotImplementedError

    def handle(self, intent):
        if intent.kind == I.BACK:
            leave_on_second_escape(self)
            return True
        self.leaving = False
        if intent.kind == I.CONFIRM:
            self.proceed()
            return True
        return self.buttons.handle(intent)


class StandingsScreen(OnwardScreen):
    """The leaderboard between decisions: who rose, who fell, and what the last one earned."""

    name = "workshop-standings"
    label = "Next decision"

    def shot_name(self) -> str:
        return f"standings-{len(self.workshop.decisions)}"

    def proceed(self) -> None:
        self.app.swap("workshop-vote", self.room)

    def layout(self, stage) -> None:
        self.rects = {"board": stage.rect(140, 84, 1000, 540)}
        self.next_button.rect = stage.rect(880, 640, 360, 56)

    def draw(self, surface) -> None:
        n = len(self.workshop.decisions)
        top_bar(
            surface,
            self.look,
            f"{self.room.scenario.title} · Standings after decision {n}",
            "Enter: next decision",
        )
        draw_board(self, surface, self.rects["board"], self.rows)
        self.next_button.draw(surface, self.look, True, "caption")


def draw_board(screen, surface, box, rows: list[Row]) -> None:
    """One row per team: rank, colour, name, the last decision's points, total, rise or fall."""
    look, st, pal, kit = screen.look, screen.app.stage, screen.app.pal, screen.app.kit
    body, cap = look.px("body"), look.px("caption")
    n = max(1, len(rows))
    gap = st.px(8)
    h = min(st.px(76), (box.height - gap * (n - 1)) // n)
    used = n * h + gap * (n - 1)
    head = pygame.Rect(box.left, box.top + max(0, (box.height - used) // 3), box.width, 0)
    for i, row in enumerate(rows):
        team = screen.room.teams[row.team]
        r = pygame.Rect(box.left, head.bottom + i * (h + gap), box.width, h)
        x = team_row(surface, look, r, team.rgb, row.rank == 1, band=16, radius=12)
        kit.box(
            surface,
            str(row.rank),
            "bold",
            body,
            pal.text,
            pygame.Rect(x, r.top, st.px(60), r.height),
            valign="middle",
        )
        x += st.px(64)
        change_w, total_w, gained_w = st.px(120), st.px(130), st.px(220)
        right = r.right - st.px(16)
        name_w = right - change_w - total_w - gained_w - x
        kit.box(
            surface,
            row.name,
            "bold",
            body,
            pal.text,
            pygame.Rect(x, r.top, name_w, r.height),
            valign="middle",
        )
        x += name_w
        gained = f"{plus(row.gained)} this time"
        kit.box(
            surface,
            gained,
            "semibold",
            cap,
            pal.gain if row.gained > 0 else pal.loss if row.gained < 0 else pal.muted,
            pygame.Rect(x, r.top, gained_w, r.height),
            align="right",
            valign="middle",
        )
        x += gained_w
        kit.box(
            surface,
            signed(row.score),
            "bold",
            body,
            pal.text,
            pygame.Rect(x, r.top, total_w, r.height),
            align="right",
            valign="middle",
        )
        x += total_w
        colour = (
            pal.accent
            if row.new
            else pal.gain
            if row.change > 0
            else pal.loss
            if row.change < 0
            else pal.muted
        )
        kit.box(
            surface,
            change_words(row),
            "bold",
            body,
            colour,
            pygame.Rect(x, r.top, change_w, r.height),
            align="right",
            valign="middle",
        )


class PodiumScreen(OnwardScreen):
    """The end of a phones round: the top three on a podium, and where the room left the leader."""

    name = "workshop-podium"
    label = "Scoreboard and export"

    def __init__(self, app, room):
        super().__init__(app, room)
        self.leader = app.analyses.get(room.scenario).best
        self.steps = path_steps(self.workshop, self.leader)

    def shot_name(self) -> str:
        return "podium"

    def proceed(self) -> None:
        self.app.swap("workshop-scoreboard", self.room)

    def departure(self) -> Step | None:
        return next((s for s in self.steps if s.apart), None)

    def cost(self) -> int | None:
        """Points the room's path fell short of the leader's (None without a leader)."""
        if self.leader is None:
            return None
        return self.leader.score - room_path_score(self.workshop)

    def layout(self, stage) -> None:
        self.rects = {
            "podium": stage.rect(24, 80, 600, 544),
            "paths": stage.rect(640, 80, 616, 544),
        }
        self.next_button.rect = stage.rect(880, 640, 376, 56)

    def draw(self, surface) -> None:
        sc = self.room.scenario
        state = self.workshop.state
        right = ""
        if state.finished:
            right = ending_words(sc, state)
        top_bar(surface, self.look, f"{sc.title} · Podium", right)
        self.draw_podium(surface, self.rects["podium"])
        self.draw_paths(surface, self.rects["paths"])
        self.next_button.draw(surface, self.look, True, "caption")

    def draw_podium(self, surface, box) -> None:
        """Second, first, third from left to right; the block's height follows its place."""
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        panel(surface, look, box)
        top3 = self.rows[:3]
        order = [1, 0, 2][: len(top3)] if len(top3) > 1 else [0]
        order = [i for i in order if i < len(top3)]
        heights = {1: 0.62, 2: 0.44, 3: 0.3}
        inner = box.inflate(-st.px(32), -st.px(28))
        gap = st.px(14)
        w = (inner.width - gap * (len(order) - 1)) // len(order)
        floor = inner.bottom
        label_h = st.px(96)
        tallest = inner.height - label_h
        for slot, i in enumerate(order):
            row = top3[i]
            team = self.room.teams[row.team]
            h = round(tallest * heights.get(i + 1, 0.3) / 0.62)
            block = pygame.Rect(inner.left + slot * (w + gap), floor - h, w, h)
            pygame.draw.rect(
                surface,
                team.rgb,
                block,
                border_top_left_radius=st.px(12),
                border_top_right_radius=st.px(12),
            )
            kit.line(
                surface,
                str(row.rank),
                "bold",
                round(look.px("body") * 2.2),
                ink_on(team.rgb),
                (block.centerx, block.top + st.px(46)),
                anchor="center",
            )
            kit.box(
                surface,
                row.name,
                "bold",
                look.px("body"),
                pal.text,
                pygame.Rect(block.left, block.top - label_h, w, label_h // 2),
                align="center",
                valign="bottom",
            )
            kit.box(
                surface,
                f"{signed(row.score)} points",
                "semibold",
                look.px("caption"),
                pal.text,
                pygame.Rect(block.left, block.top - label_h // 2, w, label_h // 2),
                align="center",
                valign="middle",
            )

    def draw_paths(self, surface, box) -> None:
        """Decision by decision: what the room took and what the leader said, and the cost."""
        look, st, pal, kit = self.look, self.app.stage, self.app.pal, self.app.kit
        sc = self.room.scenario
        panel(surface, look, box)
        inner = box.inflate(-st.px(28), -st.px(22))
        cap = look.px("caption")
        kit.box(
            surface,
            "Decision · the room said · the leader said",
            "bold",
            cap,
            pal.text,
            pygame.Rect(inner.left, inner.top, inner.width, st.px(34)),
            valign="middle",
        )
        # One line a decision, two columns (the room's words, the leader's), at the caption
        # size the projector uses everywhere: a long line ends in "…" rather than shrinking
        # out of reach of the back row. The full words are on the scoreboard and in the export.
        y = inner.top + st.px(40)
        summary_h = st.px(96)
        n = max(1, len(self.steps))
        h = min(st.px(56), (inner.bottom - summary_h - y) // n)
        off = self.departure()
        num_w, pts_w, gap = st.px(40), st.px(56), st.px(10)
        col_w = (inner.width - num_w - 2 * (pts_w + gap)) // 2
        for step in self.steps:
            row = pygame.Rect(inner.left, y, inner.width, h - st.px(4))
            apart = step.apart
            panel(
                surface,
                look,
                row,
                fill=pal.panel,
                border=pal.loss if step is off else pal.border,
                width=3 if step is off else 1,
                radius=10,
            )
            kit.box(
                surface,
                str(step.number),
                "bold",
                cap,
                pal.gain if not apart else pal.loss,
                pygame.Rect(row.left + st.px(10), row.top, num_w - st.px(10), row.height),
                valign="middle",
                min_px=cap,
            )
            x = row.left + num_w
            for k, (said, pts, colour) in enumerate(
                (
                    (quoted(sc, step.room), step.room_points, pal.text),
                    (quoted(sc, step.leader), step.leader_points, pal.accent),
                )
            ):
                if k == 1 and not apart:
                    said, colour = "the same", pal.muted
                kit.box(
                    surface,
                    said,
                    "regular" if k else "semibold",
                    cap,
                    colour,
                    pygame.Rect(x, row.top, col_w, row.height),
                    valign="middle",
                    min_px=cap,
                )
                kit.box(
                    surface,
                    plus(pts),
                    "bold",
                    cap,
                    colour,
                    pygame.Rect(x + col_w, row.top, pts_w, row.height),
                    align="right",
                    valign="middle",
                    min_px=cap,
                )
                x += col_w + pts_w + gap
            y += h
        kit.box(
            surface,
            self.summary(),
            "semibold",
            cap,
            pal.text,
            pygame.Rect(inner.left, inner.bottom - summary_h, inner.width, summary_h),
            valign="middle",
            min_px=st.px(11),
        )

    def summary(self) -> str:
        cost, off = self.cost(), self.departure()
        if cost is None:
            return "This scenario has no single best path to compare with."
        if off is None:
            return "The room took the leader's path all the way."
        room = room_path_score(self.workshop)
        where = f"The room left the leader's path at decision {off.number}."
        if cost > 0:
            return f"{where} It cost {cost} points: the room's path scored {signed(room)}, the leader's {signed(self.leader.score)}."
        return f"{where} It cost nothing in points: the room's path scored {signed(room)}."
