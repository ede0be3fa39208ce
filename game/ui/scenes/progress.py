"""Progress: per scenario, the player's attempts and best score, the Leadership Index over
attempts as a line chart, and the tag profile of each attempt as stacked bars.

The charts are drawn with pygame's own shapes. Each bar group and the legend carry a word
and a sign as well as a colour, so colour never carries meaning alone.
"""

from __future__ import annotations

import pygame

from game.errors import GameError
from game.store.progress import OTHER, TAG_GROUPS, ScenarioProgress, player_progress
from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.theme import signed
from game.ui.widgets import Button, Buttons, panel

ROW_TOP, ROW_H, ROW_GAP, ROWS_SHOWN = 150, 66, 10, 6
MAX_ATTEMPTS = 20  # the charts show the latest attempts; older ones stay in the report
GROUP_SIGNS = {
    "Leadership": "▲",
    "Discovery": "?",
    "Features & following": "≡",
    "Price & commodity": "$",
    OTHER: "·",
}


class ScenarioRow(Button):
    """One scenario in the list: its title, attempts and best score; `data` is ScenarioProgress."""

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
        top = pygame.Rect(inner.left, inner.top, inner.width, inner.height // 2)
        kit.box(surface, p.title, "semibold", look.px("body"), pal.text, top, valign="middle")
        n = len(p.attempts)
        detail = f"{n} attempt{'s' if n != 1 else ''} · best {signed(p.best)}"
        bottom = pygame.Rect(inner.left, top.bottom, inner.width, inner.height - top.height)
        kit.box(surface, detail, "regular", look.px("caption"), pal.muted, bottom, valign="middle")


class Progress(Scene):
    name = "progress"

    def __init__(self, app):
        super().__init__(app)
        self.items: list[ScenarioProgress] = []
        self.rows: list[ScenarioRow] = []
        self.back_button = Button("Back", self.app.pop, hint="Esc")
        self.buttons = Buttons([self.back_button])
        self.selected: ScenarioProgress | None = None
        self.scroll = 0
        self.problem = ""

    # ----- data -----------------------------------------------------------------------
    def enter(self) -> None:
        self.refresh()

    def resume(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        store = self.app.store
        self.items, self.problem = [], ""
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
        return None

    def select(self, i: int) -> None:
        if 0 <= i < len(self.items):
            self.selected = self.items[i]

    # ----- input ----------------------------------------------------------------------
    def handle(self, intent):
        k = intent.kind
        if k == I.BACK:
            self.app.pop()
            return True
        if k == I.SCROLL and self.rows:
            self.scroll = max(0, min(len(self.rows) - ROWS_SHOWN, self.scroll - intent.number))
            self.layout(self.app.stage)
            return True
        if k in (I.CLICK, I.POINT) and any(
            r.rect.collidepoint(intent.pos) and not self.shown(r) for r in self.rows
        ):
            return False
        used = self.buttons.handle(intent)
        focused = self.buttons.focused
        if isinstance(focused, ScenarioRow):
            if focused.data is not self.selected:
                self.selected = focused.data
                used = True
            i = self.rows.index(focused)
            if not self.scroll <= i < self.scroll + ROWS_SHOWN:
                self.scroll = max(0, min(i, i - ROWS_SHOWN + 1 if i >= self.scroll else i))
                self.layout(self.app.stage)
        return used

    # ----- layout ---------------------------------------------------------------------
    def shown(self, row) -> bool:
        i = self.rows.index(row)
        return self.scroll <= i < self.scroll + ROWS_SHOWN

    def layout(self, stage) -> None:
        for i, row in enumerate(self.rows):
            row.rect = stage.rect(40, ROW_TOP + (i - self.scroll) * (ROW_H + ROW_GAP), 380, ROW_H)
        self.back_button.rect = stage.rect(40, 652, 180, 48)

    def widgets(self) -> list:
        return [b for b in self.buttons.items if not isinstance(b, ScenarioRow) or self.shown(b)]

    # ----- drawing --------------------------------------------------------------------
    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        who = app.player or "Your"
        heading = f"{who}'s progress" if app.player else "Your progress"
        kit.box(
            surface,
            heading,
            "bold",
            app.px("heading"),
            pal.text,
            st.rect(40, 22, 1200, 58),
            valign="middle",
        )
        kit.box(
            surface,
            "Leadership Index: 0 is the scenario's weakest possible run, 100 its best.",
            "regular",
            app.px("caption"),
            pal.muted,
            st.rect(40, 84, 1200, 30),
            valign="middle",
        )
        focus = self.buttons.focused
        for row in self.rows:
            if self.shown(row):
                row.draw(surface, app, row is focus)
        if len(self.rows) > ROWS_SHOWN:
            last = min(len(self.rows), self.scroll + ROWS_SHOWN)
            kit.line(
                surface,
                f"{self.scroll + 1}–{last} of {len(self.rows)} ▾",
                "regular",
                app.px("caption"),
                pal.muted,
                st.rect(420, 640, 0, 0).topright,
                anchor="topright",
            )
        self.back_button.draw(surface, app, self.back_button is focus, role="caption")
        area = st.rect(450, 150, 790, 550)
        panel(surface, app, area)
        if self.selected is None:
            text = self.problem or (
                "No finished runs yet. Play a scenario from the library, and "
                "each attempt, your best score and how you led will show here."
            )
            kit.box(
                surface,
                text,
                "regular",
                app.px("body"),
                pal.muted,
                st.rect(490, 320, 710, 160),
                align="center",
                valign="middle",
            )
            return
        self.draw_summary(surface, self.selected)
        attempts = self.selected.attempts[-MAX_ATTEMPTS:]
        self.draw_index_chart(surface, attempts)
        self.draw_tag_chart(surface, attempts)

    def draw_summary(self, surface, p: ScenarioProgress) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        kit.box(
            surface,
            p.title,
            "bold",
            app.px("body"),
            pal.text,
            st.rect(474, 160, 742, 34),
            valign="middle",
        )
        index = "not known yet" if p.best_index is None else str(p.best_index)
        line = (
            f"{len(p.attempts)} attempt{'s' if len(p.attempts) != 1 else ''} · best {signed(p.best)} · last {signed(p.last)} · "
            f"average {signed(p.average, 1)} · best Index {index}"
        )
        kit.box(
            surface,
            line,
            "regular",
            app.px("caption"),
            pal.muted,
            st.rect(474, 194, 742, 28),
            valign="middle",
        )

    def draw_index_chart(self, surface, attempts) -> None:
        """The Leadership Index per attempt (or the score, when no index is known)."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        indexed = [a for a in attempts if a.index is not None]
        if indexed:
            title, low, high = "Leadership Index over attempts", 0, 100
            values = [(a.number, a.index) for a in indexed]
        else:
            title = "Score over attempts (the Index shows once the scenario has been analysed)"
            scores = [a.score for a in attempts]
            low, high = min(scores), max(scores)
            if low == high:
                low, high = low - 1, high + 1
            values = [(a.number, a.score) for a in attempts]
        kit.box(
            surface,
            title,
            "semibold",
            app.px("caption"),
            pal.text,
            st.rect(474, 230, 742, 26),
            valign="middle",
        )
        plot = st.rect(540, 266, 660, 150)
        for frac, label in ((0.0, low), (0.5, (low + high) / 2), (1.0, high)):
            y = plot.bottom - round(frac * plot.height)
            pygame.draw.line(surface, pal.track, (plot.left, y), (plot.right, y), max(1, st.px(1)))
            kit.line(
                surface,
                signed(label),
                "regular",
                app.px("caption"),
                pal.muted,
                (plot.left - st.px(10), y),
                anchor="midright",
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
        n, v = values[-1]
        kit.line(
            surface,
            signed(v),
            "bold",
            app.px("caption"),
            pal.text,
            (points[-1][0], points[-1][1] - st.px(10)),
            anchor="midbottom",
        )
        kit.line(
            surface,
            f"attempt {first}",
            "regular",
            app.px("caption"),
            pal.muted,
            (plot.left, plot.bottom + st.px(6)),
        )
        if last != first:
            kit.line(
                surface,
                f"attempt {last}",
                "regular",
                app.px("caption"),
                pal.muted,
                (plot.right, plot.bottom + st.px(6)),
                anchor="topright",
            )

    def draw_tag_chart(self, surface, attempts) -> None:
        """Per attempt, each tag group's share of the tags earned, stacked bottom to top."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        kit.box(
            surface,
            "Tag profile over attempts",
            "semibold",
            app.px("caption"),
            pal.text,
            st.rect(474, 452, 742, 26),
            valign="middle",
        )
        colours = {
            "Leadership": pal.gain,
            "Discovery": pal.accent,
            "Features & following": pal.neutral,
            "Price & commodity": pal.loss,
            OTHER: pal.muted,
        }
        plot = st.rect(540, 486, 660, 130)
        pygame.draw.line(surface, pal.track, plot.bottomleft, plot.bottomright, max(1, st.px(1)))
        kit.line(
            surface,
            "100%",
            "regular",
            app.px("caption"),
            pal.muted,
            (plot.left - st.px(10), plot.top),
            anchor="midright",
        )
        kit.line(
            surface,
            "0%",
            "regular",
            app.px("caption"),
            pal.muted,
            (plot.left - st.px(10), plot.bottom),
            anchor="midright",
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
                share = profile.get(name, 0.0)
                h = round(share * plot.height)
                if h:
                    pygame.draw.rect(surface, colours[name], (x, y - h, width, h))
                    if h >= app.px("caption") and width >= app.px(
                        "caption"
                    ):  # the sign, not colour alone
                        kit.line(
                            surface,
                            GROUP_SIGNS[name],
                            "bold",
                            app.px("caption"),
                            pal.on_accent,
                            (x + width // 2, y - h // 2),
                            anchor="center",
                        )
                    y -= h
        names = [g for g, _ in TAG_GROUPS]
        if any(OTHER in a.profile for a in attempts):
            names.append(OTHER)
        left, right = st.rect(474, 0, 0, 0).left, st.rect(1216, 0, 0, 0).left
        x, y = left, st.rect(0, 636, 0, 0).top
        for name in names:
            label = f"{GROUP_SIGNS[name]} {name}"
            need = st.px(22) + kit.size(label, "regular", app.px("caption"))[0]
            if x + need > right and x > left:  # large text: the legend takes a second line
                x, y = left, y + st.px(28)
            swatch = pygame.Rect(x, y + st.px(4), st.px(16), st.px(16))
            pygame.draw.rect(surface, colours[name], swatch, border_radius=st.px(3))
            ink = kit.line(
                surface,
                label,
                "regular",
                app.px("caption"),
                pal.text,
                (swatch.right + st.px(6), swatch.centery),
                anchor="midleft",
            )
            x = ink.right + st.px(18)
