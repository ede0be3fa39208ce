"""The library's tag menu: every topic the scenarios carry, with how many scenarios have it.

It opens over the library (T, or the Tag button) instead of stepping through the tags one
at a time. ↑ ↓ move, Page Up / Page Down and Home / End jump, Enter or a click chooses, Esc
or a click outside closes it unchanged. "All scenarios" clears the filter. A long list
scrolls (the wheel too) and says so only when there is more.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.scroll import ScrollView
from game.ui.widgets import Button, panel

TITLE = "Filter by tag"
HINT = "↑ ↓ move · ⏎ choose · Esc close"


def scenarios_text(n: int) -> str:
    return f"{n} scenario{'s' if n != 1 else ''}"


class TagRow(Button):
    """One entry: a tick when it is the filter in use, the tag, and its count."""

    def draw(self, surface, look, focused: bool, role: str = "body") -> None:
        pal, st, kit = look.pal, look.stage, look.kit
        r = self.rect
        if focused:
            pygame.draw.rect(surface, pal.raised, r, border_radius=st.px(8))
            pygame.draw.rect(surface, pal.accent, r, width=st.px(3), border_radius=st.px(8))
        px = look.px("body")
        pad = st.px(14)
        tag, count, chosen = self.data
        tick_w = kit.size("✓", "bold", px)[0] + st.px(10)
        if chosen:
            kit.line(surface, "✓", "bold", px, pal.accent, (r.left + pad, r.centery), "midleft")
        count_text = scenarios_text(count)
        count_w = kit.size(count_text, "regular", look.px("caption"))[0]
        kit.line(
            surface,
            count_text,
            "regular",
            look.px("caption"),
            pal.muted,
            (r.right - pad, r.centery),
            anchor="midright",
        )
        label = pygame.Rect(
            r.left + pad + tick_w, r.top, r.width - 2 * pad - tick_w - count_w - pad, r.height
        )
        style = "semibold" if tag is None else "regular"
        kit.box(surface, self.label, style, px, pal.text, label, valign="middle", min_px=px)


class TagMenu(Scene):
    name = "tag-menu"
    opaque = False

    def __init__(
        self,
        app,
        counts: list[tuple[str, int]],
        total: int,
        current: str | None,
        choose: Callable[[str | None], None],
    ):
        """`counts`: (tag, scenarios with it) in the order to list; `choose(tag)` applies a
        choice (None for all scenarios)."""
        super().__init__(app)
        self.choose = choose
        entries = [(None, "All scenarios", total)] + [(t, t, n) for t, n in counts]
        self.rows = [
            TagRow(label, lambda t=tag: self.pick(t), data=(tag, n, tag == current))
            for tag, label, n in entries
        ]
        self.focus = next((i for i, r in enumerate(self.rows) if r.data[2]), 0)
        self.scroll = ScrollView()
        self.box = pygame.Rect(0, 0, 0, 0)

    @property
    def focused(self) -> TagRow:
        return self.rows[self.focus]

    def pick(self, tag: str | None) -> None:
        self.app.pop()
        self.choose(tag)

    # ----- layout -----------------------------------------------------------------------
    def row_h(self) -> int:
        return self.app.kit.line_height(self.app.px("body")) + self.app.stage.px(14)

    def layout(self, stage) -> None:
        kit, px, cap = self.app.kit, self.app.px("body"), self.app.px("caption")
        pad = stage.px(24)
        widest = max(kit.size(r.label, "semibold", px)[0] for r in self.rows)
        counts = max(kit.size(scenarios_text(r.data[1]), "regular", cap)[0] for r in self.rows)
        tick = kit.size("✓", "bold", px)[0] + stage.px(10)
        want = widest + counts + tick + stage.px(3 * 14) + 2 * pad
        area = stage.area.inflate(-stage.px(40), -stage.px(40))
        width = max(stage.px(520), min(area.width, want))
        head = kit.line_height(self.app.px("heading")) + stage.px(12)
        foot = kit.line_height(cap) + stage.px(16)
        rows = self.row_h() * len(self.rows)
        height = min(area.height, 2 * pad + head + rows + foot)
        self.box = pygame.Rect(0, 0, width, height)
        self.box.center = area.center
        view = pygame.Rect(
            self.box.left + pad,
            self.box.top + pad + head,
            width - 2 * pad,
            height - 2 * pad - head - foot,
        )
        self.scroll.set(view, rows)
        self.reveal()

    def place_rows(self) -> None:
        h = self.row_h()
        view = self.scroll.view
        for i, row in enumerate(self.rows):
            row.rect = pygame.Rect(view.left, self.scroll.top(i * h), view.width, h)

    def reveal(self) -> None:
        h = self.row_h()
        self.scroll.reveal(self.focus * h, (self.focus + 1) * h)
        self.place_rows()

    def widgets(self) -> list:
        return [r for r in self.rows if self.scroll.shows(r.rect)]

    # ----- input ------------------------------------------------------------------------
    def move_to(self, i: int) -> bool:
        i = max(0, min(len(self.rows) - 1, i))
        moved = i != self.focus
        self.focus = i
        self.reveal()
        return moved

    def handle(self, intent):
        k = intent.kind
        page = max(1, self.scroll.view.height // self.row_h() - 1)
        if k == I.BACK or (k == I.CHAR and intent.text.lower() == "t"):
            self.app.pop()
            return True
        if k == I.CONFIRM:
            self.focused.activate()
            return True
        steps = {I.UP: -1, I.DOWN: 1, I.PREV: -1, I.NEXT: 1, I.PAGE_UP: -page, I.PAGE_DOWN: page}
        if k in steps:
            return self.move_to(self.focus + steps[k])
        if k in (I.HOME, I.END):
            return self.move_to(0 if k == I.HOME else len(self.rows) - 1)
        if k == I.SCROLL:
            moved = self.scroll.handle(intent, self.row_h())
            self.place_rows()
            return moved
        if k in (I.POINT, I.CLICK):
            return self.pointer(intent)
        return False  # the menu is modal: nothing reaches the library under it

    def pointer(self, intent) -> bool:
        if intent.kind == I.CLICK and not self.box.collidepoint(intent.pos):
            self.app.pop()  # a click outside closes the menu unchanged
            return True
        for i, row in enumerate(self.rows):
            if self.scroll.shows(row.rect) and row.rect.collidepoint(intent.pos):
                if intent.kind == I.CLICK:
                    self.focus = i
                    row.activate()
                    return True
                if i != self.focus:
                    self.focus = i
                    return True
        return False

    # ----- drawing ----------------------------------------------------------------------
    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        panel(surface, app, self.box, fill=pal.panel, border=pal.accent, width=2)
        pad = st.px(24)
        view = self.scroll.view
        head = pygame.Rect(view.left, self.box.top + pad, view.width, view.top - self.box.top - pad)
        kit.box(surface, TITLE, "bold", app.px("heading"), pal.text, head, min_px=app.px("heading"))
        clip = surface.get_clip()
        surface.set_clip(view)
        for i, row in enumerate(self.rows):
            if row.rect.colliderect(view):
                row.draw(surface, app, i == self.focus)
        surface.set_clip(clip)
        cap = app.px("caption")
        foot = pygame.Rect(view.left, view.bottom + st.px(8), view.width, kit.line_height(cap))
        cue = self.scroll.cue_text()  # only when there is more to see
        cue_w = kit.size(cue, "semibold", cap)[0] + st.px(12) if cue else 0
        if cue:
            kit.box(surface, cue, "semibold", cap, pal.accent, foot, align="right", min_px=cap)
        hint = pygame.Rect(foot.left, foot.top, foot.width - cue_w, foot.height)
        kit.box(surface, HINT, "regular", cap, pal.muted, hint, min_px=cap)
