"""Every coach's note of a run, in order: what the buyer said, what the rep answered, the
points and tags, and the consequence. Assessment mode keeps these for the debrief."""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import Scene
from game.ui.text import wrap
from game.ui.theme import consequence, delta_colour, points_text, quoted, tag_label
from game.ui.widgets import Button, Buttons, panel


class Notes(Scene):
    name = "notes"

    def __init__(self, app, scenario, decisions, first: int = 0):
        super().__init__(app)
        self.scenario = scenario
        self.decisions = decisions
        # Show the chosen decision, but fill the page from the start where possible.
        self.first = max(0, min(first, len(decisions) - 1))
        # Show the chosen note, with as many before it as still fit on the page.
        chosen = self.first
        while self.first > 0:
            self.first -= 1
            if chosen >= self.first + self.per_page():
                self.first += 1
                break
        self.buttons = Buttons([Button("Back to the debrief", app.pop, hint="Esc", kind="primary")])

    def per_page(self) -> int:
        """How many notes fit from `first` (at least one)."""
        heights = self.heights()
        room, count = 636 - 96, 0
        for h in heights[self.first :]:
            if room < h and count:
                break
            room -= h + 12
            count += 1
        return max(1, count)

    def heights(self) -> list[float]:
        """Each note's card height in units, from its measured text (one size for all)."""
        st, kit = self.app.stage, self.app.kit
        px = self.app.px("caption")
        font = kit.font("regular", px)
        width = max(1, int((1200 - 32 - 24) / 2 * st.u))
        out = []
        for d in self.decisions:
            said = len(wrap(self._said(d), font, width))
            note = len(wrap(consequence(d), kit.font("italic", px), width))
            out.append(min(300.0, max(110.0, (max(said, note) * kit.line_height(px)) / st.u + 64)))
        return out

    @staticmethod
    def _said(d) -> str:
        return f"Buyer: {quoted(d.line)}\nYou: " + (quoted(d.said) if d.choice else d.said)

    def handle(self, intent):
        k = intent.kind
        if k == I.BACK:
            self.app.pop()
            return True
        if k in (I.DOWN, I.UP, I.SCROLL):
            step = 1 if k == I.DOWN else -1 if k == I.UP else -intent.number
            self.first = max(0, min(len(self.decisions) - 1, self.first + step))
            return True
        return self.buttons.handle(intent)

    def layout(self, stage) -> None:
        self.buttons.items[0].rect = stage.rect(40, 652, 320, 50)

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        kit.box(
            surface,
            "The coach's notes",
            "bold",
            app.px("heading"),
            pal.text,
            st.rect(40, 24, 900, 52),
            valign="middle",
        )
        shown = self.decisions[self.first : self.first + self.per_page()]
        if len(self.decisions) > self.per_page():
            last = self.first + len(shown)
            kit.box(
                surface,
                f"Decisions {self.first + 1}–{last} of {len(self.decisions)} · ↑ ↓ to scroll",
                "regular",
                app.px("caption"),
                pal.muted,
                st.rect(840, 36, 400, 30),
                align="right",
                valign="middle",
            )
        y = 96
        rubric = self.scenario.rubric
        heights = self.heights()
        for d in shown:
            h = heights[d.number - 1]
            card = st.rect(40, y, 1200, min(h, 636 - y))
            panel(surface, app, card)
            inner = card.inflate(-st.px(32), -st.px(24))
            head = kit.line(
                surface, f"Decision {d.number}", "bold", app.px("body"), pal.text, inner.topleft
            )
            kit.line(
                surface,
                points_text(d.points),
                "bold",
                app.px("body"),
                delta_colour(pal, d.points),
                inner.topright,
                anchor="topright",
            )
            tags = " · ".join(tag_label(t, rubric) for t in d.tags)
            tag_box = pygame.Rect(head.right + st.px(20), inner.top, inner.width // 2, head.height)
            kit.box(
                surface, tags, "semibold", app.px("caption"), pal.muted, tag_box, valign="middle"
            )
            half = (inner.width - st.px(24)) // 2
            said = pygame.Rect(
                inner.left, head.bottom + st.px(6), half, inner.bottom - head.bottom - st.px(6)
            )
            kit.box(surface, self._said(d), "regular", app.px("caption"), pal.text, said)
            note = pygame.Rect(said.right + st.px(24), said.top, half, said.height)
            kit.box(surface, consequence(d), "italic", app.px("caption"), pal.muted, note)
            y += h + 12
        self.buttons.draw(surface, app)
