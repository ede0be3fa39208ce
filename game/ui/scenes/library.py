"""The scenario library: one card per scenario, filters by level and tag, and the way in.

A scenario with errors still gets a card (warning border, the count, the first problem);
opening it lists every diagnostic. Best scores and saved runs come from the store.
"""

from __future__ import annotations

import os

import pygame

from game.errors import GameError
from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.settings import cycle
from game.ui.widgets import Button, Buttons, chip, chip_width, panel, pips

COLUMNS = 3  # at 100% text; larger text gets fewer, wider columns
GRID_TOP, GRID_BOTTOM = 150, 680
CARD_H, GAP = 196, 22


class ScenarioCard(Button):
    """A library card; `data` is the LoadResult."""

    def __init__(self, result, action, best=None, saved=None, first=False):
        title = (
            result.scenario.title
            if result.scenario
            else (result.title or os.path.basename(result.path))
        )
        super().__init__(title, action, kind="card", data=result)
        self.best = best
        self.saved = saved
        self.first = first  # the suggestion for a new player: the easiest scenario not played

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st, kit = look.pal, look.stage, look.kit
        result = self.data
        broken = not result.ok
        r = self.rect
        fill = pal.raised if focused else pal.panel
        edge = pal.warning if broken else pal.accent if focused else pal.border
        panel(surface, look, r, fill=fill, border=edge, width=3 if (focused or broken) else 1)
        if focused and broken:
            pygame.draw.rect(
                surface,
                pal.text,
                r.inflate(st.px(6), st.px(6)),
                width=st.px(2),
                border_radius=st.px(16),
            )
        pad = st.px(18)
        inner = r.inflate(-2 * pad, -2 * pad)
        text_w = inner.width
        if not broken:
            sc = result.scenario
            side = st.px(60)
            thumb = look.portraits.get(
                sc.buyer.name,
                sc.nodes[sc.start].mood,
                side,
                sc.buyer.portrait,
                round_=True,
                look=sc.buyer.look,
            )
            surface.blit(thumb, (inner.right - side, inner.top))
            text_w = inner.width - side - st.px(12)
        px = round(look.px("body") * 1.1)
        cap = look.px("caption")
        cap_h = kit.line_height(cap)
        title_box = pygame.Rect(inner.left, inner.top, text_w, 2 * kit.line_height(px))
        kit.box(surface, self.label, "bold", px, pal.text, title_box, min_px=px)  # wraps to 2
        y = title_box.bottom + st.px(6)
        if broken:
            errors = result.errors or result.diagnostics
            count = len(errors)
            head = f"⚠ {count} error{'s' if count != 1 else ''}"
            kit.line(surface, head, "bold", look.px("body"), pal.warning, (inner.left, y))
            first = errors[0].message if errors else "This file could not be read."
            where = f"line {errors[0].line}: " if errors else ""
            top = y + kit.line_height(look.px("body")) + st.px(4)
            kit.box(
                surface,
                where + first,
                "regular",
                cap,
                pal.muted,
                pygame.Rect(inner.left, top, inner.width, max(0, inner.bottom - top)),
            )
            return
        sc = result.scenario
        buyer = f"{sc.buyer.name} · {sc.buyer.role}"
        kit.box(
            surface,
            buyer,
            "regular",
            cap,
            pal.muted,
            pygame.Rect(inner.left, y, inner.width, 2 * cap_h),
            min_px=cap,
        )  # the role wraps to a second line rather than being cut
        y += 2 * cap_h + st.px(6)
        pip_box = pips(surface, look, (inner.left, y + cap_h // 2 - st.px(2)), sc.difficulty, 3)
        level = ("Intro", "Standard", "Hard")[sc.difficulty - 1]
        minutes = f"  {level} · {sc.minutes} min" if sc.minutes else f"  {level}"
        kit.line(
            surface,
            minutes,
            "regular",
            cap,
            pal.muted,
            (pip_box.right + st.px(4), y),
            max_width=inner.right - pip_box.right - st.px(4),
        )
        y += cap_h + st.px(6)
        x = inner.left
        for tag in sc.tags:
            w = chip_width(look, tag)
            if x + w > inner.right:
                break
            chip(surface, look, tag, (x, y))
            x += w + st.px(8)
        if self.saved is not None:
            resume = f"resume at decision {len(self.saved.choices) + 1}"
            status = (
                f"In progress · {resume}"
                if self.best is None
                else f"Best score {self.best} · {resume}"
            )
        else:
            status = "Not played yet" if self.best is None else f"Best score {self.best}"
        if self.first:
            status = "★ Start here: the easiest one you have not played"
        colour = pal.accent if self.best is not None or self.saved or self.first else pal.muted
        kit.box(
            surface,
            status,
            "semibold",
            look.px("caption"),
            colour,
            pygame.Rect(inner.left, inner.bottom - cap_h, inner.width, cap_h),
            valign="bottom",
        )


class Library(Scene):
    name = "library"

    def __init__(self, app):
        super().__init__(app)
        self.level: int | None = None
        self.tag: str | None = None
        self.easiest_first = False  # S: sort by difficulty instead of the files' order
        self.scroll = 0  # first visible row
        self.cards: list[ScenarioCard] = []
        self.level_button = Button("Level: any", self.next_level, hint="L")
        self.tag_button = Button("Tag: any", self.next_tag, hint="T")
        self.progress_button = Button("Progress", self.open_progress, hint="P")
        self.settings_button = Button("Settings", self.open_settings, hint="F2")
        self.buttons = Buttons()
        self.best: dict[str, int] = {}
        self.saved: dict = {}

    # ----- data -----------------------------------------------------------------------
    def enter(self) -> None:
        self.refresh()

    def resume(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        store, player = self.app.store, self.app.player
        self.best, self.saved = {}, {}
        if store is not None:
            try:
                self.best = dict(store.best_scores(player))
                for rec in store.resumable_runs(player):
                    self.saved.setdefault(rec.scenario_id, rec)  # newest first
            except GameError:
                self.app.toast("Saved progress could not be read; playing without it.")
        self.build_cards()

    def tags(self) -> list[str]:
        found = set()
        for r in self.app.library:
            if r.scenario:
                found.update(r.scenario.tags)
        return sorted(found)

    def shown(self) -> list:
        out = []
        for r in self.app.library:
            sc = r.scenario if r.ok else None
            if sc is None:
                if self.level is None and self.tag is None:
                    out.append(r)  # broken files always show when nothing is filtered
                continue
            if self.level is not None and sc.difficulty != self.level:
                continue
            if self.tag is not None and self.tag not in sc.tags:
                continue
            out.append(r)
        return out

    def start_here(self, results):
        """The easiest scenario this player has neither finished nor started, if any."""
        fresh = [
            r
            for r in results
            if r.scenario is not None
            and r.scenario.id not in self.best
            and r.scenario.id not in self.saved
        ]
        return min(
            fresh, key=lambda r: (r.scenario.difficulty, r.scenario.minutes or 0), default=None
        )

    def build_cards(self) -> None:
        focused = self.buttons.focused
        keep = focused.data.path if isinstance(focused, ScenarioCard) else None
        self.cards = []
        shown = self.shown()
        if self.easiest_first:
            shown.sort(
                key=lambda r: (r.scenario is None, r.scenario.difficulty if r.scenario else 0)
            )
        start = self.start_here(shown)
        for r in shown:
            sid = r.scenario.id if r.scenario else None
            self.cards.append(
                ScenarioCard(
                    r,
                    lambda r=r: self.open(r),
                    self.best.get(sid),
                    self.saved.get(sid),
                    first=r is start,
                )
            )
        self.level_button.label = (
            "Level: any"
            if self.level is None
            else "Level: " + ("Intro", "Standard", "Hard")[self.level - 1]
        )
        self.tag_button.label = f"Tag: {self.tag or 'any'}"
        items = [self.level_button, self.tag_button, self.progress_button, self.settings_button]
        focus = len(items) if self.cards else 0
        for i, card in enumerate(self.cards):
            if card.data.path == keep:
                focus = len(items) + i
        if focused is not None and not isinstance(focused, ScenarioCard) and focused in items:
            focus = items.index(focused)
        self.buttons.set(items + self.cards, focus)
        self.layout(self.app.stage)

    # ----- actions --------------------------------------------------------------------
    def open(self, result) -> None:
        if result.ok:
            self.app.go("briefing", result.scenario, saved=self.saved.get(result.scenario.id))
        else:
            self.app.go("problems", result)

    def next_level(self) -> None:
        self.level = cycle([None, 1, 2, 3], self.level)
        self.scroll = 0
        self.build_cards()

    def toggle_sort(self) -> None:
        self.easiest_first = not self.easiest_first
        self.scroll = 0
        self.build_cards()
        self.app.toast("Easiest first." if self.easiest_first else "In the files' order.", 2000)

    def next_tag(self) -> None:
        self.tag = cycle([None, *self.tags()], self.tag)
        self.scroll = 0
        self.build_cards()

    def open_progress(self) -> None:
        self.app.go("progress")

    def open_settings(self) -> None:
        self.app.go("settings")

    def handle(self, intent):
        k = intent.kind
        if k == I.BACK:
            self.app.pop()
            return True
        if k == I.CHAR:
            action = {
                "l": self.next_level,
                "t": self.next_tag,
                "p": self.open_progress,
                "s": self.toggle_sort,
            }.get(intent.text.lower())
            if action:
                action()
                return True
            return False
        if k == I.RELOAD:
            self.app.load_library()
            self.refresh()
            self.app.toast("Scenarios reloaded from disk.")
            return True
        if k == I.SCROLL:
            self.scroll = max(0, min(self.max_scroll(), self.scroll - intent.number))
            self.layout(self.app.stage)
            return True
        if k == I.CLICK and not self.grid_area().collidepoint(intent.pos):
            # Cards scrolled out of view must not take clicks meant for the header.
            header = [b for b in self.buttons.items if not isinstance(b, ScenarioCard)]
            return Buttons(header).handle(intent)
        if k in (I.CLICK, I.POINT) and any(
            c.rect.collidepoint(intent.pos) and not self.visible(c) for c in self.cards
        ):
            return False
        f = self.buttons.focused
        if k == I.DOWN and isinstance(f, ScenarioCard):
            i = self.cards.index(f)
            row = i // self.columns
            if (row + 1) * self.columns < len(self.cards):  # a next row exists: its nearest card
                target = self.cards[min(i + self.columns, len(self.cards) - 1)]
                self.buttons.focus = self.buttons.items.index(target)
                self.keep_focus_in_view()
            return True
        used = self.buttons.handle(intent)
        self.keep_focus_in_view()
        return used

    # ----- layout ---------------------------------------------------------------------
    def grid_area(self) -> pygame.Rect:
        return self.app.stage.rect(40, GRID_TOP, 1200, GRID_BOTTOM - GRID_TOP)

    def rows_visible(self) -> int:
        return max(1, int((GRID_BOTTOM - GRID_TOP + GAP) // (self.card_h + GAP)))

    def max_scroll(self) -> int:
        rows = (len(self.cards) + self.columns - 1) // self.columns
        return max(0, rows - self.rows_visible())

    def visible(self, card) -> bool:
        return self.grid_area().contains(card.rect)

    def keep_focus_in_view(self) -> None:
        f = self.buttons.focused
        if not isinstance(f, ScenarioCard):
            return
        row = self.cards.index(f) // self.columns
        if row < self.scroll:
            self.scroll = row
        elif row >= self.scroll + self.rows_visible():
            self.scroll = row - self.rows_visible() + 1
        self.layout(self.app.stage)

    @property
    def columns(self) -> int:
        """Three across at 100% text, two from 150%, one at 200%: text grows, cards widen."""
        return max(1, min(COLUMNS, int(3.4 / self.app.settings.text_size)))

    @property
    def card_h(self) -> float:
        """A card's height in units, from the line heights of what it holds."""
        kit, st = self.app.kit, self.app.stage
        title = kit.line_height(round(self.app.px("body") * 1.1))
        cap = kit.line_height(self.app.px("caption"))
        chip = cap + st.px(8)
        return (2 * title + 4 * cap + chip + st.px(36 + 6 + 4 * 6)) / st.u

    def layout(self, stage) -> None:
        self.level_button.rect = stage.rect(40, 92, 210, 44)
        self.tag_button.rect = stage.rect(262, 92, 290, 44)
        self.progress_button.rect = stage.rect(850, 92, 180, 44)
        self.settings_button.rect = stage.rect(1042, 92, 198, 44)
        width = (1200 - GAP * (self.columns - 1)) / self.columns
        for i, card in enumerate(self.cards):
            row, col = divmod(i, self.columns)
            y = GRID_TOP + (row - self.scroll) * (self.card_h + GAP)
            card.rect = stage.rect(40 + col * (width + GAP), y, width, self.card_h)

    def widgets(self) -> list:
        return [b for b in self.buttons.items if not isinstance(b, ScenarioCard) or self.visible(b)]

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        greeting = (
            f"Who will you lead today, {app.player}?" if app.player else "Who will you lead today?"
        )
        kit.box(
            surface,
            greeting,
            "bold",
            app.px("heading"),
            pal.text,
            st.rect(40, 22, 1200, 58),
            valign="middle",
        )
        focus = self.buttons.focused
        for b in (self.level_button, self.tag_button, self.progress_button, self.settings_button):
            b.draw(surface, app, b is focus, role="caption")
        if not self.cards:
            msg = (
                "No scenario matches these filters."
                if app.library
                else f"No scenarios found in {', '.join(app.paths)}. Add .yaml files and press F5."
            )
            kit.box(
                surface,
                msg,
                "regular",
                app.px("body"),
                pal.muted,
                st.rect(40, 200, 1200, 80),
                align="center",
            )
        clip = surface.get_clip()
        surface.set_clip(self.grid_area().inflate(st.px(12), st.px(12)))
        for card in self.cards:
            if self.visible(card):
                card.draw(surface, app, card is focus)
        surface.set_clip(clip)
        right = 1240
        if self.max_scroll():
            rows = (len(self.cards) + self.columns - 1) // self.columns
            first, last = self.scroll + 1, min(rows, self.scroll + self.rows_visible())
            more = " · scroll ↓" if last < rows else " · scroll ↑"
            shown = kit.line(
                surface,
                f"Rows {first}–{last} of {rows}{more}",
                "regular",
                app.px("caption"),
                pal.muted,
                st.rect(1240, 716, 0, 0).bottomright,
                anchor="bottomright",
            )
            right = (shown.left - st.area.left) / st.u - 24
        if app.player_folder is not None:
            kit.line(
                surface,
                f"Your own scenarios: save .yaml files in {app.player_folder}, then press F5",
                "regular",
                app.px("caption"),
                pal.muted,
                st.rect(40, 716, 0, 0).bottomleft,
                anchor="bottomleft",
                max_width=st.px(right - 40),
            )
