"""The briefing: who the buyer is, the situation, and what winning well means here."""

from __future__ import annotations

import contextlib

import pygame

from game.content.model import COMMODITY, DEFAULT_RUBRIC, LEADING, TAG_GROUPS
from game.errors import GameError
from game.store import resume
from game.ui import intents as I
from game.ui.attempt import Attempt
from game.ui.recall import restore
from game.ui.scene import Scene
from game.ui.text import wrap
from game.ui.theme import MINUS, TAG_ICONS
from game.ui.widgets import Button, Buttons, cues, panel, pips


def winning_well(scenario) -> str:
    """What earns points in this scenario, in the rubric's own numbers."""
    rubric = scenario.rubric
    groups = dict(TAG_GROUPS)
    earn = (*LEADING, *groups["Discovery"])
    cost = (*COMMODITY, *reversed(groups["Features & following"]))
    lead = [t for t in earn if rubric.get(t, 0) > 0]
    lose = [t for t in cost if rubric.get(t, 0) < 0]

    def fmt(t):
        v = rubric[t]
        return f"{t} {'+' if v > 0 else MINUS}{abs(v)}"

    text = (
        "Win by leading: bring an insight the buyer does not have, and steer toward an "
        "outcome they did not think possible. "
    )
    if lead:
        text += "Points for " + ", ".join(fmt(t) for t in lead) + ". "
    if lose:
        text += (
            "Leading with price or sounding like everyone else costs you: "
            + ", ".join(fmt(t) for t in lose)
            + "."
        )
    return text


MODES = (
    "Practice: the coach speaks after each choice. Assessment: every note waits for the "
    "debrief. Own words (W): type what you would say instead of picking a line."
)


def legend() -> str:
    """The icons of every kind of answer the default rubric scores, the same for every
    scenario: it never says which kinds this scenario's choices use, so it gives no answer
    away before the rep chooses."""
    return "  ".join(f"{TAG_ICONS[t]} {t}" for t in DEFAULT_RUBRIC)


class Briefing(Scene):
    name = "briefing"

    def __init__(self, app, scenario, saved=None):
        super().__init__(app)
        self.scenario = scenario
        self.saved = saved
        practice = Button(
            "Practice: the coach speaks after each choice", lambda: self.start("practice"), hint="P"
        )
        assess = Button(
            "Assessment: every note waits for the debrief",
            lambda: self.start("assessment"),
            hint="A",
        )
        self.practice, self.assess, self.resume_button = practice, assess, None
        first, second = (practice, assess) if app.mode != "assessment" else (assess, practice)
        self.first, self.second = first, second
        first.kind = "primary"
        items = [first, second]
        if saved is not None:
            self.resume_button = Button(
                f"Resume where you stopped (decision {len(saved.choices) + 1})",
                self.resume_saved,
                hint="R",
                kind="primary",
            )
            items.insert(0, self.resume_button)
            first.kind = "normal"
        self.recall = app.recall  # the last choice, this session
        self.recall_button = Button(self.recall_label(), self.toggle_recall, hint="W")
        items.append(self.recall_button)
        self.back = Button("Back", app.pop, hint="Esc")
        items.append(self.back)
        self.buttons = Buttons(items)
        self.back_w = 200.0
        self.card_w = 420  # the buyer's card, in units (narrower with large text)
        self.column = self.view = pygame.Rect(0, 0, 0, 0)  # the text beside it, and its view
        self.blocks: list = []
        self.content_h = self.cue_h = self.scroll = 0
        self.overflow = False

    def short(self) -> bool:
        """Large text: the buttons say what they are and the text column says what they do."""
        return self.app.settings.text_size >= 1.5

    def recall_label(self) -> str:
        if self.short():
            return f"Own words: {'on' if self.recall else 'off'}"
        if self.recall:
            return "Answers in your own words (recall): on"
        return "Answers in your own words (recall): off"

    def toggle_recall(self) -> None:
        self.recall = not self.recall
        self.app.recall = self.recall
        self.recall_button.label = self.recall_label()
        self.layout(self.app.stage)  # the label's length may change the rows

    def enter(self) -> None:
        self.app.analyses.prefetch(self.scenario)

    def start(self, mode: str, state=None, run_id=None, seed=None) -> None:
        if state is None and self.saved is not None and self.app.store is not None:
            with contextlib.suppress(GameError):  # a fresh start replaces the old save
                self.app.store.discard_run(self.saved.run_id)
        if seed is None:
            seed = self.app.choice_seed
        attempt = Attempt(
            self.scenario, mode, self.app.player, self.app.store, state, run_id, seed=seed
        )
        attempt.recall = self.recall
        if state is not None:
            restore(attempt, self.app.store)  # a resumed run keeps its typed words
        self.app.swap("conversation", attempt)

    def resume_saved(self) -> None:
        rec = self.saved
        try:
            state = resume(self.app.store, rec, self.scenario)
        except GameError as exc:  # SaveError: the scenario changed under the saved run
            self.app.toast(f"This saved run cannot continue. {exc}", 8000)
            self.saved = None
            self.buttons.set([b for b in self.buttons.items if b.hint != "R"], 0)
            self.resume_button = None
            self.layout(self.app.stage)
            return
        self.start(
            rec.mode if rec.mode in ("practice", "assessment") else "practice",
            state,
            rec.run_id,
            seed=rec.seed,
        )

    def handle(self, intent):
        if intent.kind == I.SCROLL:
            return self.scroll_by(
                -intent.number * self.app.kit.line_height(self.app.px("body")) * 3
            )
        if intent.kind in (I.PAGE_UP, I.PAGE_DOWN):
            step = self.view.height - self.app.kit.line_height(self.app.px("body"))
            return self.scroll_by(step if intent.kind == I.PAGE_DOWN else -step)
        if intent.kind == I.BACK:
            self.app.pop()
            return True
        if intent.kind == I.CHAR:
            key = intent.text.lower()
            for b in self.buttons:
                if b.hint.lower() == key:
                    b.activate()
                    return True
        return self.buttons.handle(intent)

    def layout(self, stage) -> None:
        """The buttons from the bottom up, each as tall as its wrapped label; the briefing's
        text above them at full size, scrolling (wheel, PgUp, PgDn) when it is longer. Large
        text narrows the buyer's card to give the words more width."""
        app, kit, u = self.app, self.app.kit, stage.u
        big = app.settings.text_size >= 1.5
        self.card_w = 320 if big else 420
        left = 40 + self.card_w + 40
        width = 1240 - left
        font = kit.font("semibold", app.px("body"))
        lh = kit.line_height(app.px("body")) / u

        ink = (
            kit.size("Back", "semibold", app.px("body"))[0]
            + kit.size("Esc", "bold", app.px("caption"))[0]
        )
        self.back_w = max(200.0, ink / u + 90)

        def height(label, w):
            return max(48.0, len(wrap(label, font, stage.px(w - 100))) * lh + 12)

        short = self.short()
        self.practice.label = (
            "Practice" if short else "Practice: the coach speaks after each choice"
        )
        self.assess.label = (
            "Assessment" if short else "Assessment: every note waits for the debrief"
        )
        self.recall_button.label = self.recall_label()
        if self.resume_button is not None:
            n = len(self.saved.choices) + 1
            self.resume_button.label = (
                f"Resume (decision {n})" if short else f"Resume where you stopped (decision {n})"
            )
        rows = [[self.resume_button]] if self.resume_button is not None else []
        rows += [[self.first, self.second]] if short else [[self.first], [self.second]]
        if short or height(self.recall_button.label, width - self.back_w - 12) == 48.0:
            rows.append([self.recall_button, self.back])
        else:
            rows += [[self.recall_button], [self.back]]
        y = 696.0
        for row in reversed(rows):
            widths = self.row_widths(row, width)
            h = max(height(b.label, w) for b, w in zip(row, widths, strict=True))
            x = left if row != [self.back] else 1240 - self.back_w
            for b, w in zip(row, widths, strict=True):
                b.rect = stage.rect(x, y - h, w, h)
                x += w + 12
            y -= h + 8
        self.column = stage.rect(left, 36, width, y - 8 - 36)
        self.measure_text(stage)

    def row_widths(self, row, width: float) -> list[float]:
        """Back keeps the width its word needs (200 units or more); the others share the rest."""
        back = self.back_w
        if row == [self.back]:
            return [back]
        rest = (
            width
            - (back + 12 if self.back in row else 0)
            - 12 * (len(row) - 1 - (self.back in row))
        )
        share = rest / max(1, len(row) - (self.back in row))
        return [back if b is self.back else share for b in row]

    def measure_text(self, stage) -> None:
        """The blocks of the right column, each at its own size and wrapped, in pixels."""
        app, kit, st = self.app, self.app.kit, stage
        sc, col = self.scenario, self.column
        w = col.width
        heading = app.px("heading")
        blocks = []

        def add(kind, text, style, px, width=w, gap=10):
            lines = wrap(text, kit.font(style, px), width)
            blocks.append((kind, text, style, px, len(lines) * kit.line_height(px), gap))

        add("title", sc.title, "bold", heading)
        add("facts", self.facts(), "regular", app.px("caption"), w - st.px(60), 12)
        add("summary", sc.summary.strip(), "regular", round(app.px("line") * 0.85), gap=14)
        if self.short():
            add("modes", MODES, "regular", app.px("body"), gap=14)
        inner = w - st.px(32)
        well_px = round(app.px("caption") * 1.05)
        well_lines = wrap(self.well_text(), kit.font("regular", well_px), inner)
        well_h = (
            kit.line_height(app.px("body"))
            + st.px(4)
            + len(well_lines) * kit.line_height(well_px)
            + st.px(24)
        )
        blocks.append(("well", self.well_text(), "regular", well_px, well_h, 10))
        add("legend", legend(), "regular", app.px("caption"), gap=0)
        self.blocks = blocks
        self.content_h = sum(h + st.px(gap) for *_, h, gap in blocks)
        self.cue_h = kit.line_height(app.px("caption")) + st.px(8)
        self.overflow = self.content_h > col.height
        self.view = pygame.Rect(col)
        if self.overflow:
            self.view.height -= self.cue_h
        self.scroll = max(0, min(self.scroll, self.content_h - self.view.height))

    def facts(self) -> str:
        sc = self.scenario
        facts = ("Intro", "Standard", "Hard")[sc.difficulty - 1]
        if sc.minutes:
            facts += f" · about {sc.minutes} minutes"
        if any(n.time_limit for n in sc.nodes.values()):
            facts += " · some answers are against the clock"
        return facts

    def well_text(self) -> str:
        sc = self.scenario
        text = winning_well(sc)
        if sc.meters:
            labels = " and ".join(m.label or m.name for m in sc.meters.values())
            verb = "they show" if len(sc.meters) > 1 else "it shows"
            text += f" Watch {labels}: {verb} how the buyer feels."
        return text

    def scroll_by(self, pixels: int) -> bool:
        before = self.scroll
        self.scroll = max(0, min(self.content_h - self.view.height, self.scroll + pixels))
        return self.scroll != before

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        sc = self.scenario
        self.draw_buyer(surface)
        # The situation: whole, at full size; it scrolls when it is longer than the room.
        view = self.view
        first = len(kit.drawn)
        clip = surface.get_clip()
        surface.set_clip(view.clip(clip) if clip else view)
        y = view.top - self.scroll
        for kind, text, style, px, h, gap in self.blocks:
            if y + h >= view.top and y <= view.bottom:
                box = pygame.Rect(view.left, y, view.width, h)
                if kind == "title":
                    self.draw_lines(surface, text, style, px, pal.text, box)
                elif kind == "facts":
                    r = pips(
                        surface, app, (box.left, y + kit.line_height(px) // 2), sc.difficulty, 3
                    )
                    box.left, box.width = r.right + st.px(12), view.right - r.right - st.px(12)
                    self.draw_lines(surface, text, style, px, pal.muted, box)
                elif kind == "well":
                    self.draw_well(surface, box, text, px)
                else:
                    colour = pal.muted if kind == "legend" else pal.text
                    self.draw_lines(surface, text, style, px, colour, box)
            y += h + st.px(gap)
        surface.set_clip(clip)
        kit.drawn[first:] = [(b.clip(view), i.clip(view)) for b, i in kit.drawn[first:]]
        if self.overflow:
            self.draw_cue(surface, pygame.Rect(view.left, view.bottom, view.width, self.cue_h))
        self.buttons.draw(surface, app)

    def draw_well(self, surface, box, text, px) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        panel(surface, app, box, fill=pal.panel)
        inner = box.inflate(-st.px(32), -st.px(24))
        head = kit.line(surface, "Winning well", "bold", app.px("body"), pal.accent, inner.topleft)
        body = pygame.Rect(
            inner.left, head.bottom + st.px(4), inner.width, inner.bottom - head.bottom - st.px(4)
        )
        self.draw_lines(surface, text, "regular", px, pal.text, body)

    def draw_lines(self, surface, text, style, px, colour, box) -> None:
        """`text` wrapped in `box`, each line drawn only when it is whole in the view (a
        line half scrolled away is not drawn half)."""
        kit, view = self.app.kit, self.view
        lh = kit.line_height(px)
        y = box.top
        ink = pygame.Rect(box.left, box.top, 0, 0)
        for line in wrap(text, kit.font(style, px), box.width):
            if y >= view.top and y + lh <= view.bottom and line:
                surf = kit.render(line, style, px, colour)
                r = surf.get_rect(topleft=(box.left, y + (lh - surf.get_height()) // 2))
                surface.blit(surf, r)
                ink = r if ink.width == 0 else ink.union(r)
            y += lh
        if ink.width:
            kit.drawn.append((pygame.Rect(box), ink))

    def draw_cue(self, surface, row) -> None:
        """Where the text goes on: a cue only when there is more that way."""
        parts = [
            (up, words)
            for up, more, words in (
                (True, self.scroll > 0, "Earlier · PgUp"),
                (False, self.scroll < self.content_h - self.view.height, "More · PgDn or wheel"),
            )
            if more
        ]
        cues(surface, self.app, parts, row.left, row.centery)

    def draw_buyer(self, surface) -> None:
        """The buyer, as they will look in the conversation, with the name and role whole."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        sc = self.scenario
        card = st.rect(40, 40, self.card_w, 640)
        panel(surface, app, card)
        inner_w = card.width - st.px(48)
        name_px, who_px = round(app.px("heading") * 0.8), app.px("body")
        who = sc.buyer.role + (f", {sc.buyer.company}" if sc.buyer.company else "")

        def tall(text, style, px) -> int:
            return len(wrap(text, kit.font(style, px), inner_w)) * kit.line_height(px)

        fixed, least = st.px(24 + 18 + 8 + 16), st.px(60)
        name_h, who_h = tall(sc.buyer.name, "bold", name_px), tall(who, "regular", who_px)
        if fixed + least + name_h + who_h > card.height:  # a long name at large text
            name_px = who_px  # takes the body's size, in bold
            name_h = tall(sc.buyer.name, "bold", name_px)
        room = card.height - fixed - name_h - who_h
        side = max(least, min(card.width - st.px(40), st.px(360), room))
        start = sc.nodes[sc.start]
        img = app.portraits.get(
            sc.buyer.name, start.mood, side, sc.buyer.portrait, look=sc.buyer.look
        )
        pr = img.get_rect(midtop=(card.centerx, card.top + st.px(24)))
        surface.blit(img, pr)
        y = pr.bottom + st.px(18)
        # A name that still does not fit ends in "…" inside the card; the role keeps a line.
        below = card.bottom - st.px(16 + 8) - y
        name_h = min(name_h, max(kit.line_height(name_px), below - kit.line_height(who_px)))
        box = pygame.Rect(card.left + st.px(24), y, inner_w, name_h)
        kit.box(surface, sc.buyer.name, "bold", name_px, pal.text, box, "center", min_px=name_px)
        y += name_h + st.px(8)
        box = pygame.Rect(card.left + st.px(24), y, inner_w, max(0, card.bottom - y - st.px(16)))
        kit.box(surface, who, "regular", who_px, pal.muted, box, align="center")
