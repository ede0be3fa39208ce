"""The coach's note (practice mode): the consequence of the choice just made.

It rises over the choices while the buyer's reaction, the next line, is already on screen:
the note explains the reaction, in the scenario's own feedback words, with the points and
the tags. It shows consequences; it never scolds.
"""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import UNHANDLED, Scene
from game.ui.scroll import ScrollView
from game.ui.text import wrap
from game.ui.theme import consequence, delta_colour, points_text, tag_label
from game.ui.widgets import Button, Buttons, chip, chip_width, panel, triangle

RISE_MS = 180
HEIGHT, TALLEST = 262, 600  # the note's height in units, and how tall larger text may make it


class CoachNote(Scene):
    name = "coach"
    opaque = False

    def __init__(self, app, conversation, decision):
        super().__init__(app)
        self.conversation = conversation
        self.decision = decision
        self.rise = 0 if app.settings.reduced_motion else RISE_MS
        label = "See how you did" if conversation.attempt.state.finished else "Continue"
        self.buttons = Buttons([Button(label, self.close, hint="⏎", kind="primary")])
        self.box = pygame.Rect(0, 0, 0, 0)
        self.body = pygame.Rect(0, 0, 0, 0)
        self.scroll = ScrollView()  # the words, when even the tallest note cannot hold them
        self.text = self._text()
        self.look = 0  # counts layouts: the kept note is drawn again after each

    def _text(self) -> str:
        text = consequence(self.decision)
        attempt = self.conversation.attempt
        if attempt.state.finished:
            ending = attempt.scenario.nodes[attempt.state.ending].ending
            if ending.points:
                text += f"\n\nThe conversation ends: “{ending.title}”, {points_text(ending.points)} points."
            else:
                text += f"\n\nThe conversation ends: “{ending.title}”."
        return text

    def shot_name(self) -> str:
        return f"coach-{self.decision.number}"

    @property
    def animating(self) -> bool:
        return self.rise > 0

    def wake_in(self):
        return 16 if self.rise > 0 else None

    def update(self, dt_ms: int) -> None:
        self.rise = max(0, self.rise - dt_ms)

    def close(self) -> None:
        self.app.pop()
        if self.conversation.attempt.state.finished:
            self.conversation.open_debrief()

    def handle(self, intent):
        k = intent.kind
        if k in (I.BACK, I.CONFIRM) or (k == I.CHAR and intent.text == " "):
            self.close()
            return True
        moved = self.scroll.handle(intent, self.app.kit.line_height(self.app.px("body")))
        if moved is not UNHANDLED:
            if moved:
                self.app.dirty = True
            return True
        return self.buttons.handle(intent)  # F5 and the rest go on to the conversation

    def toast_above(self) -> int | None:
        return self.box.top if self.box.height else None

    def layout(self, stage) -> None:
        """As tall as its words need at the chosen text size (from the usual 262 units up to
        most of the window, over the history); past that the words scroll, never shrink."""
        app, st = self.app, stage
        self.look += 1
        px = app.px("body")
        width = st.rect(0, 0, 1232, 0).width - st.px(48)
        lines = len(wrap(self.text, app.kit.font("regular", px), width))
        words = lines * app.kit.line_height(px)
        head = max(st.px(54), app.kit.line_height(round(app.px("heading") * 0.8)) + st.px(10))
        chrome = st.px(36) + head + st.px(60)  # margins, the heading row, the meters row
        bottom = st.rect(0, 704, 0, 0).top
        bar = self.conversation.rects.get("bar")  # never over the title, meters and score
        tallest = min(st.px(TALLEST), bottom - (bar.bottom if bar else 0) - st.px(8))
        height = max(st.px(HEIGHT), min(tallest, words + chrome + st.px(4)))
        self.box = pygame.Rect(
            st.rect(24, 0, 1232, 0).left, bottom - height, width + st.px(48), height
        )
        inner = self.box.inflate(-st.px(48), -st.px(36))
        top = inner.top + head
        room = inner.bottom - st.px(60) - top
        if words > room:  # scrolling: whole lines only, so none shows cut in half
            line = app.kit.line_height(px)
            room = max(line, room // line * line)
        self.body = pygame.Rect(inner.left, top, inner.width, room)
        self.scroll.set(self.body, words)
        self.buttons.items[0].rect = st.rect(1256 - 24 - 260, 704 - 24 - 50, 260, 50)

    def exit(self) -> None:
        self.conversation.layers.drop("coach")

    def draw(self, surface) -> None:
        """Once it has risen, the note is kept drawn with the conversation's parts, over them
        (game.ui.layers): drawn again when it scrolls or the layout changes."""
        key = (self.decision.number, self.look, self.rise, self.scroll.offset)
        layers = self.conversation.layers
        layers.draw(surface, "coach", self.box, key, self.paint_note, keep=not self.rise)

    def paint_note(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        d = self.decision
        offset = round(self.box.height * (self.rise / RISE_MS) ** 2) if self.rise else 0
        box = self.box.move(0, offset)
        clip = surface.get_clip()
        surface.set_clip(self.box)
        panel(surface, app, box, fill=pal.raised, border=pal.accent, width=2, radius=18)
        inner = box.inflate(-st.px(48), -st.px(36))
        kit.line(surface, "Coach", "bold", app.px("heading") * 0.8, pal.accent, inner.topleft)
        # The points: sign, arrow and colour together.
        pts = points_text(d.points)
        colour = delta_colour(pal, d.points)
        pr = kit.line(
            surface,
            f"{pts}  points",
            "bold",
            app.px("heading") * 0.8,
            colour,
            inner.topright,
            anchor="topright",
        )
        x = inner.left + kit.size("Coach", "bold", round(app.px("heading") * 0.8))[0] + st.px(28)
        y = inner.top + st.px(6)
        rubric = self.conversation.attempt.scenario.rubric
        for tag in d.tags:
            text = tag_label(tag, rubric)
            w = chip_width(app, text)
            if x + w > pr.left - st.px(12):
                break
            value = rubric.get(tag, 0)
            chip(surface, app, text, (x, y), colour=delta_colour(pal, value))
            x += w + st.px(8)
        view = self.body.move(0, offset)
        sv = self.scroll
        surface.set_clip(view.clip(self.box))
        slack = kit.line_height(app.px("body")) // 2  # the measured lines, with room to spare
        words = pygame.Rect(
            view.left, view.top - sv.offset, view.width, max(sv.content + slack, view.height)
        )
        kit.box(surface, self.text, "regular", app.px("body"), pal.text, words)
        surface.set_clip(self.box)
        # Meter changes, each with its arrow.
        mx = inner.left
        my = inner.bottom - st.px(24)
        stop = self.buttons.items[0].rect.left - st.px(16)
        if sv.more_below or sv.more_above:  # the words scroll: say which way there is more
            cue = "▼ more · PgDn" if sv.more_below else "▲ back · PgUp"
            r = kit.line(
                surface,
                cue,
                "semibold",
                app.px("caption"),
                pal.accent,
                (stop, my),
                anchor="midright",
            )
            stop = r.left - st.px(16)
        for label, change in d.changes:
            if mx + st.px(140) > stop:
                break
            text = f"{label} {points_text(change).split()[0]}"
            triangle(surface, delta_colour(pal, change), (mx + st.px(7), my), st.px(6), change > 0)
            r = kit.line(
                surface,
                text,
                "semibold",
                app.px("caption"),
                pal.text,
                (mx + st.px(20), my),
                anchor="midleft",
            )
            mx = r.right + st.px(24)
        button = self.buttons.items[0]
        saved = button.rect
        button.rect = saved.move(0, offset)
        self.buttons.draw(surface, app)
        button.rect = saved
        surface.set_clip(clip)
