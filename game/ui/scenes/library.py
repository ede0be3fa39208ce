"""The scenario library: one card per scenario, filters by level and tag, and the way in.

A scenario with errors still gets a card (warning border, the count, the first problem);
opening it lists every diagnostic. Best scores and saved runs come from the store.
"""

from __future__ import annotations

import os
from typing import NamedTuple

import pygame

from game.errors import GameError
from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.settings import cycle
from game.ui.text import wrap
from game.ui.theme import signed
from game.ui.widgets import Button, Buttons, chip, chip_width, keycap_width, panel, pips

COLUMNS = 3  # at 100% text; larger text gets fewer, wider columns
HEADER_TOP, GRID_BOTTOM = 92, 680  # the header buttons start at HEADER_TOP; cards end here
CARD_H, GAP = 196, 22


class Lines(NamedTuple):
    """Lines a card gives each part: every card in the grid takes the largest counts."""

    title: int
    buyer: int
    chips: int
    status: int


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
        self.lines: Lines | None = None  # the grid's shared line counts, set by its layout
        self._measured: tuple | None = None  # (width and sizes, Lines): measured once for them

    def texts(self) -> tuple[str, str]:
        """(the buyer's line, the status line) as the card writes them."""
        sc = self.data.scenario if self.data.ok else None
        buyer = f"{sc.buyer.name} · {sc.buyer.role}" if sc else ""
        if self.saved is not None:
            resume = f"resume at decision {len(self.saved.choices) + 1}"
            status = (
                f"In progress · {resume}"
                if self.best is None
                else f"Best score {signed(self.best)} · {resume}"
            )
        else:
            status = "Not played yet" if self.best is None else f"Best score {signed(self.best)}"
        if self.first:
            status = "★ Start here: the easiest not played yet"
        return buyer, status

    def measure(self, look, width: int) -> Lines:
        """How many lines each part needs at this card width: titles, roles and the status
        wrap rather than being cut; the chips keep one row and end with "+N" for the rest."""
        st, kit = look.stage, look.kit
        inner = width - 2 * st.px(18)
        title_w = inner - st.px(60 + 12) if self.data.ok else inner
        px, cap = round(look.px("body") * 1.1), look.px("caption")
        # A card's words are fixed: a layout at the same width and sizes (every focus move,
        # the window's own relayout) reuses the count instead of wrapping them again.
        key = (width, st.px(18), px, cap, kit.floor_px)
        if self._measured is not None and self._measured[0] == key:
            return self._measured[1]
        lines = self._measure(look, inner, title_w, px, cap)
        self._measured = (key, lines)
        return lines

    def _measure(self, look, inner: int, title_w: int, px: int, cap: int) -> Lines:
        kit = look.kit
        title = len(wrap(self.label, kit.font("bold", px), max(1, title_w)))
        if not self.data.ok:
            return Lines(max(1, title), 0, 0, 0)
        buyer, status = self.texts()
        return Lines(
            title,
            len(wrap(buyer, kit.font("regular", cap), max(1, inner))),
            1 if self.data.scenario.tags else 0,  # one row of chips; "+N" says how many more
            len(wrap(status, kit.font("semibold", cap), max(1, inner))),
        )

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
        lines = self.lines or self.measure(look, r.width)
        own = self.measure(look, r.width)  # this card's own needs, within the grid's counts
        px = round(look.px("body") * 1.1)
        cap = look.px("caption")
        cap_h = kit.line_height(cap)
        title_h = min(own.title, lines.title) * kit.line_height(px)
        title_box = pygame.Rect(inner.left, inner.top, text_w, title_h)
        kit.box(surface, self.label, "bold", px, pal.text, title_box, min_px=px)
        y = title_box.bottom + st.px(6)
        if broken:
            errors = result.errors or result.diagnostics
            count = len(errors)
            head = f"⚠ {count} error{'s' if count != 1 else ''}"
            kit.line(surface, head, "bold", look.px("body"), pal.warning, (inner.left, y))
            first = errors[0].message if errors else "This file could not be read."
            where = f"line {errors[0].line}: " if errors else ""
            top = y + kit.line_height(look.px("body")) + st.px(4)
            kit.box(  # the first problem, as much as the card holds (opening it lists all)
                surface,
                where + first,
                "regular",
                cap,
                pal.muted,
                pygame.Rect(inner.left, top, inner.width, max(0, inner.bottom - top)),
                min_px=cap,
            )
            return
        sc = result.scenario
        buyer, status = self.texts()
        y = max(y, inner.top + st.px(60 + 6))  # below the face, which the line runs under
        kit.box(
            surface,
            buyer,
            "regular",
            cap,
            pal.muted,
            pygame.Rect(inner.left, y, inner.width, min(own.buyer, lines.buyer) * cap_h),
            min_px=cap,
        )  # the role wraps rather than being cut
        # The level, the chips and the status keep the bottom of every card in a row, the
        # title and the buyer the top: a short title leaves its room between them.
        status_h = lines.status * cap_h
        y = inner.bottom - status_h - st.px(6) - lines.chips * (cap_h + st.px(6))
        y -= cap_h + st.px(6)
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
        for i, tag in enumerate(sc.tags if lines.chips else ()):
            w = chip_width(look, tag)
            rest = len(sc.tags) - i - 1
            more = chip_width(look, f"+{rest}") + st.px(8) if rest else 0
            if x > inner.left and x + w + more > inner.right:
                chip(surface, look, f"+{rest + 1}", (x, y), colour=pal.muted)  # the tag menu
                break  # lists them all
            chip(surface, look, tag, (x, y))
            x += w + st.px(8)
        colour = pal.accent if self.best is not None or self.saved or self.first else pal.muted
        kit.box(
            surface,
            status,
            "semibold",
            cap,
            colour,
            pygame.Rect(inner.left, inner.bottom - status_h, inner.width, status_h),
            valign="bottom",
            min_px=cap,
        )


class Library(Scene):
    name = "library"

    def __init__(self, app):
        super().__init__(app)
        self.level: int | None = None
        self.tag: str | None = None
        self.easiest_first = False  # S: sort by difficulty instead of the files' order
        self.scroll = 0  # first visible row
        self.header_top = float(HEADER_TOP)  # in units, below the greeting
        self.grid_top = 150.0  # in units, below the header (set by `layout`)
        self.card_h = float(CARD_H)  # in units, from the cards' measured lines (`layout`)
        self.cards: list[ScenarioCard] = []
        self.level_button = Button("Level: any", self.next_level, hint="L")
        self.tag_button = Button("Tag: any", self.open_tags, hint="T")
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
        return [tag for tag, _ in self.tag_counts()]

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag the scenarios carry, with how many scenarios carry it, A to Z."""
        counts: dict[str, int] = {}
        for r in self.app.library:
            if r.scenario:
                for tag in set(r.scenario.tags):
                    counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts.items())

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
        items = self.header()
        # A new player starts on the suggestion, so Enter begins the easiest scenario not
        # played; a card focused before keeps the focus.
        suggested = next((i for i, c in enumerate(self.cards) if c.first), 0)
        focus = len(items) + suggested if self.cards else 0
        for i, card in enumerate(self.cards):
            if card.data.path == keep:
                focus = len(items) + i
        if focused is not None and not isinstance(focused, ScenarioCard) and focused in items:
            focus = items.index(focused)
        self.buttons.set(items + self.cards, focus)
        self.layout(self.app.stage)
        self.keep_focus_in_view()  # the suggestion may be further down

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

    def open_tags(self) -> None:
        """The tag menu, over the library; choosing there calls `set_tag`."""
        total = sum(1 for r in self.app.library if r.scenario)
        self.app.go("tag-menu", self.tag_counts(), total, self.tag, self.set_tag)

    def set_tag(self, tag: str | None) -> None:
        self.tag = tag
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
                "t": self.open_tags,
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
        if k in (I.PAGE_UP, I.PAGE_DOWN, I.HOME, I.END) and self.cards:
            return self.jump(k)
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
        if k == I.UP and isinstance(f, ScenarioCard) and self.cards.index(f) >= self.columns:
            # The card straight above, even scrolled out of view (the header lies nearer).
            target = self.cards[self.cards.index(f) - self.columns]
            self.buttons.focus = self.buttons.items.index(target)
            self.keep_focus_in_view()
            return True
        used = self.buttons.handle(intent)
        if k == I.UP and not used and isinstance(f, ScenarioCard):
            used = self.up_to_header(f)
        self.keep_focus_in_view()
        return used

    def up_to_header(self, card) -> bool:
        """Up from the top row: the nearest header button of the lowest header line, even when
        none lies straight above (the buttons are as wide as their labels)."""
        header = self.header()
        low = max(b.rect.top for b in header)
        line = [b for b in header if b.rect.top == low]

        def gap(b) -> int:
            return max(0, b.rect.left - card.rect.centerx, card.rect.centerx - b.rect.right)

        self.buttons.focus = self.buttons.items.index(min(line, key=gap))
        return True

    def jump(self, k) -> bool:
        """Page Up / Page Down: a screenful of rows; Home / End: the first or last card."""
        f = self.buttons.focused
        here = self.cards.index(f) if isinstance(f, ScenarioCard) else 0
        page = self.rows_visible() * self.columns
        target = {
            I.PAGE_UP: here - page,
            I.PAGE_DOWN: here + page,
            I.HOME: 0,
            I.END: len(self.cards) - 1,
        }[k]
        target = max(0, min(len(self.cards) - 1, target))
        before = (self.buttons.focus, self.scroll)
        self.buttons.focus = self.buttons.items.index(self.cards[target])
        self.keep_focus_in_view()
        return (self.buttons.focus, self.scroll) != before

    # ----- layout ---------------------------------------------------------------------
    def header(self) -> list[Button]:
        return [self.level_button, self.tag_button, self.progress_button, self.settings_button]

    def grid_area(self) -> pygame.Rect:
        return self.app.stage.rect(40, self.grid_top, 1200, GRID_BOTTOM - self.grid_top)

    def rows_visible(self) -> int:
        return max(1, int((GRID_BOTTOM - self.grid_top + GAP) // (self.card_h + GAP)))

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

    def measure_cards(self, stage, width: float) -> None:
        """Every card gets the most lines any card needs (at least two for the title and
        the role, so cards keep one height as filters change), and `card_h` follows."""
        px = stage.px(width)
        counts = [c.measure(self.app, px) for c in self.cards]
        lines = Lines(*(max([2 if i in (0, 1) else 1] + [c[i] for c in counts]) for i in range(4)))
        # A card never grows past the grid, where it could never show. The row of chips
        # goes first (the tag menu and the briefing list them); only then do the role, then
        # the title, end in "…" (the briefing shows both whole).
        room = GRID_BOTTOM - self.grid_top
        while self.card_height(stage, lines) > room and (
            lines.chips or lines.buyer > 1 or lines.title > 1
        ):
            if lines.chips:
                lines = lines._replace(chips=0)
            elif lines.buyer > 1:
                lines = lines._replace(buyer=lines.buyer - 1)
            else:
                lines = lines._replace(title=lines.title - 1)
        for card in self.cards:
            card.lines = lines
        self.card_h = self.card_height(stage, lines)

    def card_height(self, stage, lines: Lines) -> float:
        """A card's height in units when its parts take `lines`."""
        kit = self.app.kit
        title = kit.line_height(round(self.app.px("body") * 1.1))
        cap = kit.line_height(self.app.px("caption"))
        chips = lines.chips * (cap + stage.px(6)) + max(0, lines.chips - 1) * stage.px(6)
        broken = kit.line_height(self.app.px("body")) + 3 * cap  # a broken file's card
        body = max((lines.buyer + 1 + lines.status) * cap + chips + stage.px(24), broken)
        return (lines.title * title + body + stage.px(36 + 6)) / stage.u

    def button_width(self, b: Button) -> float:
        """A header button's width in units: its keycap and its whole label, never cut."""
        kit, st, cap = self.app.kit, self.app.stage, self.app.px("caption")
        key = keycap_width(self.app, b.hint)
        label = kit.size(b.label, "semibold", cap)[0]
        return (key + label + st.px(14 * 3) + st.px(4)) / st.u

    def greeting(self) -> str:
        who = self.app.player
        return f"Who will you lead today, {who}?" if who else "Who will you lead today?"

    def layout_header(self, stage) -> float:
        """Filters from the left, Progress and Settings from the right, on one line when they
        fit and on more when larger text needs it; returns where the grid can start."""
        kit, heading = self.app.kit, self.app.px("heading")
        lines = len(wrap(self.greeting(), kit.font("bold", heading), stage.px(1200)))
        # The greeting wraps at large text and the header moves down to make room.
        self.header_top = max(HEADER_TOP, 22 + lines * kit.line_height(heading) / stage.u + 12)
        top = self.header_top
        cap_h = kit.line_height(self.app.px("caption")) / stage.u
        h = max(44.0, cap_h + 14)
        gap, left, right = 12.0, 40.0, 1240.0
        filters = [(b, self.button_width(b)) for b in (self.level_button, self.tag_button)]
        pages = [(b, self.button_width(b)) for b in (self.progress_button, self.settings_button)]
        row = 0
        if sum(w for _, w in filters + pages) + gap * 3 + 48 > right - left:
            # No room on one line: each group takes lines of its own, in the same order.
            lines, line, used = [], [], 0.0
            for b, w in filters + pages:
                w = min(w, right - left)
                if line and used + gap + w > right - left:
                    lines.append(line)
                    line, used = [], 0.0
                used += (gap if line else 0) + w
                line.append((b, w))
            lines.append(line)
            for row, line in enumerate(lines):
                x = left
                for b, w in line:
                    b.rect = stage.rect(x, top + row * (h + 10), w, h)
                    x += w + gap
        else:
            x = left
            for b, w in filters:
                b.rect = stage.rect(x, top, w, h)
                x += w + gap
            x = right
            for b, w in reversed(pages):
                x -= w
                b.rect = stage.rect(x, top, w, h)
                x -= gap
        return top + (row + 1) * h + row * 10 + 14

    def layout(self, stage) -> None:
        self.grid_top = self.layout_header(stage)
        width = (1200 - GAP * (self.columns - 1)) / self.columns
        self.measure_cards(stage, width)
        for i, card in enumerate(self.cards):
            row, col = divmod(i, self.columns)
            y = self.grid_top + (row - self.scroll) * (self.card_h + GAP)
            card.rect = stage.rect(40 + col * (width + GAP), y, width, self.card_h)

    def widgets(self) -> list:
        return [b for b in self.buttons.items if not isinstance(b, ScenarioCard) or self.visible(b)]

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        kit.box(
            surface,
            self.greeting(),
            "bold",
            app.px("heading"),
            pal.text,
            st.rect(40, 22, 1200, self.header_top - 34),
            valign="middle",
            min_px=app.px("heading"),
        )
        focus = self.buttons.focused
        for b in self.header():
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
            which = f"Row {first}" if first == last else f"Rows {first}–{last}"
            shown = kit.line(
                surface,
                f"{which} of {rows}{more}",
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
