"""Progress: per scenario, the player's attempts and best score, the Leadership Index over
attempts as a line chart, and the tag profile of each attempt as stacked bars.

The charts are drawn with pygame's own shapes. The tag groups, their symbols and their
colours are the debrief's (`TAG_GROUPS` in the content model, `GROUP_ICONS` and
`group_colour` in the theme), and each bar and legend entry carries the symbol and the
group's name as well as a colour, so colour never carries meaning alone.

Larger text makes the parts taller, never smaller: the list's rows wrap their titles, and
the chosen scenario's panel scrolls (wheel over it, Page Up/Down, Home/End) when it is taller
than the window, with a cue only when there is more.
"""

from __future__ import annotations

import pygame

from game.errors import GameError
from game.store.progress import OTHER, TAG_GROUPS, ScenarioProgress, player_progress
from game.ui import intents as I
from game.ui.scene import UNHANDLED, Scene
from game.ui.scroll import ScrollView
from game.ui.text import wrap
from game.ui.theme import group_colour, group_icon, signed
from game.ui.widgets import Button, Buttons, button_width, panel

LIST_TOP, ROW_GAP = 150, 10
MAX_ATTEMPTS = 20  # the charts show the latest attempts; older ones stay in the report
INDEX_PLOT_H, TAG_PLOT_H = 150, 130  # the charts' plot areas, in units
EXPLAIN = "Leadership Index: 0 is the scenario's weakest possible run, 100 its best."


def attempts_text(n: int) -> str:
    return f"{n} attempt{'s' if n != 1 else ''}"


class ScenarioRow(Button):
    """One scenario in the list: its title, attempts and best score; `data` is ScenarioProgress."""

    def detail(self) -> str:
        p: ScenarioProgress = self.data
        return f"{attempts_text(len(p.attempts))} · best {signed(p.best)}"

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st, kit = look.pal, look.stage, look.kit
        p: ScenarioProgress = self.data
        panel(
            surface,
            look,
            self.rect,
            fill=pal.raised if focused else pal.panel,
            border=pal.accent if focused else pal.border,
            width=3 if focused else 1,
        )
        inner = self.rect.inflate(-st.px(28), -st.px(12))
        body, cap = look.px("body"), look.px("caption")
        detail_h = len(wrap(self.detail(), kit.font("regular", cap), inner.width))
        detail_h *= kit.line_height(cap)
        # The title and its detail stay together, the pair centred in the row (rows share
        # the tallest one's height, so a short title would float far from its detail).
        title_h = len(wrap(p.title, kit.font("semibold", body), inner.width))
        title_h = min(title_h * kit.line_height(body), inner.height - detail_h)
        y = inner.top + max(0, (inner.height - detail_h - title_h) // 2)
        top = pygame.Rect(inner.left, y, inner.width, title_h)
        kit.box(surface, p.title, "semibold", body, pal.text, top, min_px=body)
        bottom = pygame.Rect(inner.left, top.bottom, inner.width, detail_h)
        kit.box(surface, self.detail(), "regular", cap, pal.muted, bottom, min_px=cap)


class Progress(Scene):
    name = "progress"

    def __init__(self, app):
        super().__init__(app)
        self.items: list[ScenarioProgress] = []
        self.rows: list[ScenarioRow] = []
        self.back_button = Button("Back", self.app.pop, hint="Esc")
        self.buttons = Buttons([self.back_button])
        self.selected: ScenarioProgress | None = None
        self.scroll = 0  # the first row shown
        self.problem = ""
        self.unbounded: set[str] = set()  # scenarios whose loops leave them without an Index
        self.detail = ScrollView()  # the chosen scenario's panel
        self.row_h = 66.0  # in units, from the rows' measured lines (`layout`)
        self.list_top = float(LIST_TOP)
        self.parts: dict[str, pygame.Rect] = {}

    # ----- data -----------------------------------------------------------------------
    def enter(self) -> None:
        self.refresh()

    def resume(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        store = self.app.store
        self.items, self.problem = [], ""
        self.unbounded: set[str] = set()  # scenarios whose loops leave them without an Index
        if store is None:
            self.problem = (
                "Progress is not being saved on this computer, so there is nothing to show yet."
            )
        else:
            try:
                self.items = player_progress(store, self.app.player or "Player", self.bounds)
            except GameError:  # a damaged file must not close the screen
                self.problem = (
                    "Saved progress could not be read. Your next runs will still be kept."
                )
        keep = self.selected.scenario_id if self.selected else None
        self.rows = [
            ScenarioRow(p.title, lambda i=i: self.select(i), kind="card", data=p)
            for i, p in enumerate(self.items)
        ]
        focus = next((i for i, p in enumerate(self.items) if p.scenario_id == keep), 0)
        self.buttons.set(self.rows + [self.back_button], focus if self.rows else 0)
        self.selected = self.items[focus] if self.items else None
        self.layout(self.app.stage)

    def bounds(self, scenario_id: str, sha256: str):
        """Best and worst scores from the scenario's scorecard, for runs saved without an index."""
        for result in self.app.library:
            sc = result.scenario
            if sc is not None and sc.id == scenario_id and sc.sha256 == sha256:
                card = self.app.analyses.get(sc)
                if card.best is not None and card.worst is not None:
                    return card.best_score, card.worst_score
                self.unbounded.add(scenario_id)  # analysed: a loop leaves it without an Index
        return None

    def toast_above(self) -> int | None:
        """Toasts sit above the Back button, never over it."""
        return self.back_button.rect.top or None

    def select(self, i: int) -> None:
        if 0 <= i < len(self.items) and self.items[i] is not self.selected:
            self.selected = self.items[i]
            self.detail.offset = 0
            self.layout(self.app.stage)

    # ----- input ----------------------------------------------------------------------
    def handle(self, intent):
        k = intent.kind
        if k == I.BACK:
            self.app.pop()
            return True
        if k == I.SCROLL and self.rows and self.list_area().collidepoint(intent.pos):
            self.scroll = max(0, min(self.max_scroll(), self.scroll - intent.number))
            self.layout(self.app.stage)
            return True
        moved = self.detail.handle(intent, self.app.kit.line_height(self.app.px("caption")))
        if moved is not UNHANDLED:
            self.layout(self.app.stage)
            return moved
        if k in (I.CLICK, I.POINT) and any(
            r.rect.collidepoint(intent.pos) and not self.shown(r) for r in self.rows
        ):
            return False
        used = self.buttons.handle(intent)
        focused = self.buttons.focused
        if isinstance(focused, ScenarioRow):
            if focused.data is not self.selected:
                self.select(self.rows.index(focused))
                used = True
            i = self.rows.index(focused)
            shown = self.rows_shown()
            if not self.scroll <= i < self.scroll + shown:
                self.scroll = i if i < self.scroll else i - shown + 1
                self.layout(self.app.stage)
        return used

    # ----- layout ---------------------------------------------------------------------
    def text_h(self, text: str, style: str, px: int, width: int) -> int:
        kit = self.app.kit
        return len(wrap(text, kit.font(style, px), max(1, width))) * kit.line_height(px)

    def list_width(self) -> float:
        """The list's width in units: wider at large text, so titles keep a few words a line."""
        return 380.0 if self.app.settings.text_size <= 1.25 else 460.0

    def list_area(self) -> pygame.Rect:
        bottom = 640 - self.counter_h()
        return self.app.stage.rect(40, self.list_top, self.list_width(), bottom - self.list_top)

    def counter_h(self) -> float:
        return self.app.kit.line_height(self.app.px("caption")) / self.app.stage.u + 8

    def rows_shown(self) -> int:
        room = 640 - self.counter_h() - self.list_top + ROW_GAP
        return max(1, int(room // (self.row_h + ROW_GAP)))

    def max_scroll(self) -> int:
        return max(0, len(self.rows) - self.rows_shown())

    def shown(self, row) -> bool:
        i = self.rows.index(row)
        return self.scroll <= i < self.scroll + self.rows_shown()

    def layout(self, stage) -> None:
        app, kit = self.app, self.app.kit
        u = stage.u
        heading, cap, body = app.px("heading"), app.px("caption"), app.px("body")
        head_h = self.text_h(self.heading(), "bold", heading, stage.px(1200)) / u
        explain_h = self.text_h(EXPLAIN, "regular", cap, stage.px(1200)) / u
        self.head_h, self.explain_h = head_h, explain_h
        self.list_top = max(float(LIST_TOP), 22 + head_h + 6 + explain_h + 14)
        inner = stage.px(self.list_width() - 28)
        lines = 0
        for row in self.rows:
            title = len(wrap(row.data.title, kit.font("semibold", body), inner))
            detail = len(wrap(row.detail(), kit.font("regular", cap), inner))
            lines = max(lines, title * kit.line_height(body) + detail * kit.line_height(cap))
        self.row_h = max(66.0, (lines + stage.px(14)) / u)
        self.scroll = max(0, min(self.max_scroll(), self.scroll))
        for i, row in enumerate(self.rows):
            y = self.list_top + (i - self.scroll) * (self.row_h + ROW_GAP)
            row.rect = stage.rect(40, y, self.list_width(), self.row_h)
        back_h = max(48.0, kit.line_height(cap) / u + 16)
        back_w = button_width(app, self.back_button, "caption", stage.px(180)) / u
        self.back_button.rect = stage.rect(40, 700 - back_h, back_w, back_h)
        left = 40 + self.list_width() + 30
        self.area = stage.rect(left, self.list_top, 1240 - left, 700 - self.list_top)
        view = self.area.inflate(-stage.px(24), -stage.px(20))
        self.parts = self.measure(view.width)
        height = max((r.bottom for r in self.parts.values()), default=0)
        cue_h = kit.line_height(cap) + stage.px(4)
        if height > view.height:  # a strip at the panel's foot says there is more
            view.height -= cue_h
        self.cue_box = pygame.Rect(view.left, view.bottom, view.width, cue_h)
        self.detail.set(view, height)

    def measure(self, width: int) -> dict[str, pygame.Rect]:
        """Where each part of the chosen scenario's panel goes, from the top of its content."""
        p = self.selected
        if p is None:
            return {}
        app, st, kit = self.app, self.app.stage, self.app.kit
        body, cap = app.px("body"), app.px("caption")
        lh = kit.line_height(cap)
        parts: dict[str, pygame.Rect] = {}
        y = 0

        def part(name, h, gap=6):
            nonlocal y
            parts[name] = pygame.Rect(0, y, width, h)
            y += h + st.px(gap)

        part("title", self.text_h(p.title, "bold", body, width))
        part("summary", self.text_h(self.summary(p), "regular", cap, width), 10)
        part("index_head", self.text_h(self.index_title(p), "semibold", cap, width), 4)
        part("index_plot", lh + st.px(INDEX_PLOT_H) + st.px(6) + lh, 14)
        part("tag_head", self.text_h("Tag profile over attempts", "semibold", cap, width), 4)
        part("tag_plot", st.px(10) + st.px(TAG_PLOT_H), 12)
        part("legend", self.legend(width, draw=None))
        return parts

    # ----- drawing --------------------------------------------------------------------
    def heading(self) -> str:
        return f"{self.app.player}'s progress" if self.app.player else "Your progress"

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        heading, cap = app.px("heading"), app.px("caption")
        kit.box(
            surface,
            self.heading(),
            "bold",
            heading,
            pal.text,
            st.rect(40, 22, 1200, self.head_h),
            min_px=heading,
        )
        kit.box(
            surface,
            EXPLAIN,
            "regular",
            cap,
            pal.muted,
            st.rect(40, 22 + self.head_h + 6, 1200, self.explain_h),
            min_px=cap,
        )
        focus = self.buttons.focused
        for row in self.rows:
            if self.shown(row):
                row.draw(surface, app, row is focus)
        if len(self.rows) > self.rows_shown():
            last = min(len(self.rows), self.scroll + self.rows_shown())
            more = " ▼" if last < len(self.rows) else ""
            kit.line(
                surface,
                f"{self.scroll + 1}–{last} of {len(self.rows)}{more}",
                "regular",
                cap,
                pal.muted,
                st.rect(40 + self.list_width(), 640 - self.counter_h() + 4, 0, 0).topright,
                anchor="topright",
            )
        self.back_button.draw(surface, app, self.back_button is focus, role="caption")
        panel(surface, app, self.area)
        if self.selected is None:
            text = self.problem or (
                "No finished runs yet. Play a scenario from the library, and "
                "each attempt, your best score and how you led will show here."
            )
            box = self.area.inflate(-st.px(40), -st.px(40))
            kit.box(
                surface,
                text,
                "regular",
                app.px("body"),
                pal.muted,
                box,
                align="center",
                valign="middle",
                min_px=app.px("body"),
            )
            return
        view = self.detail.view
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip))
        at = {n: r.move(view.left, self.detail.top(0)) for n, r in self.parts.items()}
        attempts = self.selected.attempts[-MAX_ATTEMPTS:]
        self.draw_summary(surface, self.selected, at)
        if at["index_plot"].colliderect(view) or at["index_head"].colliderect(view):
            self.draw_index_chart(surface, attempts, at)
        if at["legend"].top < view.bottom and at["tag_head"].bottom > view.top:
            self.draw_tag_chart(surface, attempts, at)
        surface.set_clip(clip)
        cue = self.detail.cue_text()  # only when there is more to see
        if cue:
            kit.box(surface, cue, "semibold", cap, pal.accent, self.cue_box, "right", "middle", cap)

    def summary(self, p: ScenarioProgress) -> str:
        index = "not known yet" if p.best_index is None else str(p.best_index)
        if p.best_index is None and p.scenario_id in self.unbounded:
            index = "none (a conversation in it can loop)"
        return (
            f"{attempts_text(len(p.attempts))} · best {signed(p.best)} · last {signed(p.last)} · "
            f"average {signed(p.average, 1)} · best Index {index}"
        )

    def draw_summary(self, surface, p: ScenarioProgress, at) -> None:
        app, pal, kit = self.app, self.app.pal, self.app.kit
        body, cap = app.px("body"), app.px("caption")
        kit.box(surface, p.title, "bold", body, pal.text, at["title"], min_px=body)
        kit.box(surface, self.summary(p), "regular", cap, pal.muted, at["summary"], min_px=cap)

    def index_title(self, p: ScenarioProgress) -> str:
        if any(a.index is not None for a in p.attempts[-MAX_ATTEMPTS:]):
            return "Leadership Index over attempts"
        if p.scenario_id in self.unbounded:
            return "Score over attempts (this scenario has no Index: a conversation in it can loop)"
        return "Score over attempts (the Index shows once the scenario has been analysed)"

    def axis_w(self, labels) -> int:
        """Room left of a plot for its axis labels."""
        kit, cap = self.app.kit, self.app.px("caption")
        return max(kit.size(t, "regular", cap)[0] for t in labels) + self.app.stage.px(16)

    def draw_index_chart(self, surface, attempts, at) -> None:
        """The Leadership Index per attempt (or the score, when no index is known)."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        cap = app.px("caption")
        indexed = [a for a in attempts if a.index is not None]
        if indexed:
            low, high = 0, 100
            values = [(a.number, a.index) for a in indexed]
        else:
            scores = [a.score for a in attempts]
            low, high = min(scores), max(scores)
            if low == high:
                low, high = low - 1, high + 1
            values = [(a.number, a.score) for a in attempts]
        title = self.index_title(self.selected)
        kit.box(surface, title, "semibold", cap, pal.text, at["index_head"], min_px=cap)
        ticks = [(0.0, low), (0.5, (low + high) / 2), (1.0, high)]
        labels = [signed(v) for _, v in ticks]
        box = at["index_plot"]
        lh = kit.line_height(cap)
        axis = self.axis_w(labels)
        last_w = kit.size(f"attempt {attempts[-1].number}", "regular", cap)[0]
        plot = pygame.Rect(
            box.left + axis, box.top + lh, box.width - axis - st.px(24), st.px(INDEX_PLOT_H)
        )
        for (frac, _), label in zip(ticks, labels, strict=True):
            y = plot.bottom - round(frac * plot.height)
            pygame.draw.line(surface, pal.track, (plot.left, y), (plot.right, y), max(1, st.px(1)))
            kit.line(
                surface, label, "regular", cap, pal.muted, (plot.left - st.px(10), y), "midright"
            )
        first, last = attempts[0].number, attempts[-1].number

        def point(number, value):
            x_frac = 0.5 if last == first else (number - first) / (last - first)
            y_frac = (value - low) / (high - low)
            return (
                plot.left + round(x_frac * plot.width),
                plot.bottom - round(y_frac * plot.height),
            )

        points = [point(n, v) for n, v in values]
        if len(points) > 1:
            pygame.draw.lines(surface, pal.accent, False, points, max(2, st.px(3)))
        for p in points:
            pygame.draw.circle(surface, pal.accent, p, st.px(6))
            pygame.draw.circle(surface, pal.stage, p, st.px(3))
        _, v = values[-1]
        kit.line(
            surface,
            signed(v),
            "bold",
            cap,
            pal.text,
            (points[-1][0], points[-1][1] - st.px(8)),
            anchor="midbottom",
        )
        below = plot.bottom + st.px(6)
        if last == first:  # one attempt: its label under its point, in the middle
            kit.line(
                surface,
                f"attempt {first}",
                "regular",
                cap,
                pal.muted,
                (points[0][0], below),
                "midtop",
            )
        else:
            kit.line(surface, f"attempt {first}", "regular", cap, pal.muted, (plot.left, below))
        first_w = kit.size(f"attempt {first}", "regular", cap)[0]
        if last != first and plot.width >= first_w + last_w + st.px(16):
            kit.line(
                surface,
                f"attempt {last}",
                "regular",
                cap,
                pal.muted,
                (plot.right, below),
                anchor="topright",
            )

    def legend_items(self, attempts=None) -> list[str]:
        names = [g for g, _ in TAG_GROUPS]
        attempts = self.selected.attempts[-MAX_ATTEMPTS:] if attempts is None else attempts
        if any(OTHER in a.profile for a in attempts):
            names.append(OTHER)
        return names

    def legend(self, width: int, draw=None, left: int = 0, top: int = 0) -> int:
        """Lay out (and with `draw`, a surface, draw) the legend; returns its height."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        cap = app.px("caption")
        line = kit.line_height(cap) + st.px(6)
        x, y = 0, 0
        for name in self.legend_items():
            label = f"{group_icon(name)} {name}"
            need = st.px(22) + kit.size(label, "regular", cap)[0]
            if x and x + need > width:  # large text: the legend takes more lines
                x, y = 0, y + line
            if draw is not None:
                swatch = pygame.Rect(
                    left + x, top + y + (line - st.px(16)) // 2, st.px(16), st.px(16)
                )
                pygame.draw.rect(draw, group_colour(pal, name), swatch, border_radius=st.px(3))
                kit.line(
                    draw,
                    label,
                    "regular",
                    cap,
                    pal.text,
                    (swatch.right + st.px(6), swatch.centery),
                    anchor="midleft",
                )
            x += need + st.px(18)
        return y + line

    def draw_tag_chart(self, surface, attempts, at) -> None:
        """Per attempt, each tag group's share of the tags earned, stacked bottom to top."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        cap = app.px("caption")
        head = "Tag profile over attempts"
        kit.box(surface, head, "semibold", cap, pal.text, at["tag_head"], min_px=cap)
        box = at["tag_plot"]
        axis = self.axis_w(["100%", "0%"])
        plot = pygame.Rect(
            box.left + axis, box.top + st.px(10), box.width - axis - st.px(24), st.px(TAG_PLOT_H)
        )
        pygame.draw.line(surface, pal.track, plot.bottomleft, plot.bottomright, max(1, st.px(1)))
        for label, y in (("100%", plot.top), ("0%", plot.bottom)):
            kit.line(
                surface, label, "regular", cap, pal.muted, (plot.left - st.px(10), y), "midright"
            )
        slot = plot.width / max(1, len(attempts))
        width = max(2, round(slot * 0.6))
        for i, a in enumerate(attempts):
            x = plot.left + round(i * slot + (slot - width) / 2)
            profile = a.profile
            y = plot.bottom
            if not profile:  # a run with no tagged choice: an empty outline
                pygame.draw.rect(
                    surface, pal.track, (x, plot.top, width, plot.height), max(1, st.px(1))
                )
            for name in [g for g, _ in TAG_GROUPS] + [OTHER]:
                h = round(profile.get(name, 0.0) * plot.height)
                if not h:
                    continue
                pygame.draw.rect(surface, group_colour(pal, name), (x, y - h, width, h))
                if h >= cap and width >= cap:  # the symbol, not colour alone
                    kit.line(
                        surface,
                        group_icon(name),
                        "bold",
                        cap,
                        pal.on_accent,
                        (x + width // 2, y - h // 2),
                        anchor="center",
                    )
                y -= h
        legend = at["legend"]
        self.legend(legend.width, surface, legend.left, legend.top)
