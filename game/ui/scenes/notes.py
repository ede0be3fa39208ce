"""Every coach's note of a run, in order: what the buyer said, what the rep answered, the
points and tags, and the consequence. Assessment mode keeps these for the debrief.

Each card is as tall as its words: side by side at normal text, the note under the lines at
large text; the list scrolls (wheel, arrows, Page Up/Down, Home/End) with "▼ more" when it
does not fit, and no text is cut or drawn smaller to make it fit.
"""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import UNHANDLED, Scene
from game.ui.scroll import ScrollView
from game.ui.text import wrap
from game.ui.theme import consequence, delta_colour, points_text, quoted, tag_label
from game.ui.widgets import Button, Buttons, keycap_width, panel

GAP = 12  # between cards, in units


class Notes(Scene):
    name = "notes"

    def __init__(self, app, scenario, decisions, first: int = 0):
        super().__init__(app)
        self.scenario = scenario
        self.decisions = decisions
        self.first = max(0, min(first, len(decisions) - 1))  # the note the page opens at
        self.page = ScrollView()
        self.cards: list[tuple[object, int, int]] = []  # (decision, top in the content, height)
        self.opened = False
        self.buttons = Buttons([Button("Back to the debrief", app.pop, hint="Esc", kind="primary")])

    @staticmethod
    def _said(d) -> str:
        return f"Buyer: {quoted(d.line)}\nYou: " + (quoted(d.said) if d.choice else d.said)

    @property
    def side_by_side(self) -> bool:
        """The lines and the note in two columns at normal text; one under the other at large."""
        return self.app.settings.text_size < 1.5

    def tags(self, d) -> str:
        return " · ".join(tag_label(t, self.scenario.rubric) for t in d.tags)

    def parts(self, d, width: int):
        """(tags height, lines height, note height, column width) of decision `d`'s card."""
        app, st, kit = self.app, self.app.stage, self.app.kit
        cap = app.px("caption")
        lh = kit.line_height(cap)
        col = (width - st.px(24)) // 2 if self.side_by_side else width

        def tall(text, style, w) -> int:
            return len(wrap(text, kit.font(style, cap), max(1, w))) * lh if text else 0

        tags = 0 if self.side_by_side else tall(self.tags(d), "semibold", width)
        return tags, tall(self._said(d), "regular", col), tall(consequence(d), "italic", col), col

    def handle(self, intent):
        k = intent.kind
        if k == I.BACK:
            self.app.pop()
            return True
        line = self.app.kit.line_height(self.app.px("caption"))
        if k in (I.DOWN, I.UP):
            return self.page.to(self.page.offset + (2 * line if k == I.DOWN else -2 * line))
        moved = self.page.handle(intent, line)
        if moved is not UNHANDLED:
            return moved
        return self.buttons.handle(intent)

    def layout(self, stage) -> None:
        app, kit = self.app, self.app.kit
        body = app.px("body")
        back = self.buttons.items[0]
        back_h = max(stage.px(50), kit.line_height(body) + stage.px(16))
        back_w = keycap_width(app, "Esc") + kit.size(back.label, "semibold", body)[0]
        back.rect = pygame.Rect(0, 0, back_w + stage.px(56), back_h)
        back.rect.bottomleft = stage.rect(40, 704, 0, 0).topleft
        self.head = stage.rect(40, 20, 1200, 0)
        self.head.height = kit.line_height(app.px("heading")) + stage.px(8)
        cue_h = kit.line_height(app.px("caption"))
        view = pygame.Rect(self.head.left, self.head.bottom + stage.px(8), self.head.width, 0)
        view.height = back.rect.top - stage.px(8) - cue_h - view.top
        self.cue_box = pygame.Rect(view.left, view.bottom, view.width, cue_h)
        inner_w = view.width - stage.px(32)
        head_h = kit.line_height(body)
        self.cards, y = [], 0
        for d in self.decisions:
            tags, said, note, _ = self.parts(d, inner_w)
            text = max(said, note) if self.side_by_side else said + stage.px(8) + note
            h = stage.px(24) + head_h + (tags + stage.px(4) if tags else 0) + stage.px(6) + text
            self.cards.append((d, y, h))
            y += h + stage.px(GAP)
        self.page.set(view, max(0, y - stage.px(GAP)))
        if not self.opened and self.cards:  # open at the chosen note
            _, top, h = self.cards[self.first]
            self.page.reveal(top, top + h)
            self.opened = True

    def widgets(self) -> list:
        return list(self.buttons)

    def draw(self, surface) -> None:
        app, pal, kit = self.app, self.app.pal, self.app.kit
        heading = app.px("heading")
        kit.box(surface, "The coach's notes", "bold", heading, pal.text, self.head, min_px=heading)
        view = self.page.view
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip) if clip else view)
        for d, top, h in self.cards:
            card = pygame.Rect(view.left, self.page.top(top), view.width, h)
            if card.colliderect(view):
                self.draw_card(surface, d, card)
        surface.set_clip(clip)
        cue = self.page.cue_text()  # only when there is more to see
        if cue:
            cap = app.px("caption")
            kit.box(surface, cue, "semibold", cap, pal.accent, self.cue_box, "right", "middle", cap)
        self.buttons.draw(surface, app)

    def draw_card(self, surface, d, card) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        body, cap = app.px("body"), app.px("caption")
        panel(surface, app, card)
        inner = card.inflate(-st.px(32), -st.px(24))
        head = kit.line(surface, f"Decision {d.number}", "bold", body, pal.text, inner.topleft)
        points = kit.line(
            surface,
            points_text(d.points),
            "bold",
            body,
            delta_colour(pal, d.points),
            inner.topright,
            anchor="topright",
        )
        tags_h, said_h, note_h, col = self.parts(d, inner.width)
        y = head.bottom + st.px(6)
        if self.side_by_side:
            beside = pygame.Rect(
                head.right + st.px(20), inner.top, points.left - head.right - st.px(40), head.height
            )
            kit.box(surface, self.tags(d), "semibold", cap, pal.muted, beside, valign="middle")
        elif tags_h:
            r = pygame.Rect(inner.left, y, inner.width, tags_h)
            kit.box(surface, self.tags(d), "semibold", cap, pal.muted, r, min_px=cap)
            y += tags_h + st.px(4)
        said = pygame.Rect(inner.left, y, col, said_h)
        kit.box(surface, self._said(d), "regular", cap, pal.text, said, min_px=cap)
        if self.side_by_side:
            note = pygame.Rect(inner.right - col, y, col, note_h)
        else:
            note = pygame.Rect(inner.left, said.bottom + st.px(8), col, note_h)
        kit.box(surface, consequence(d), "italic", cap, pal.muted, note, min_px=cap)
