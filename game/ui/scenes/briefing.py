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
from game.ui.theme import MINUS, TAG_ICONS
from game.ui.widgets import Button, Buttons, panel, pips


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
        first, second = (practice, assess) if app.mode != "assessment" else (assess, practice)
        first.kind = "primary"
        items = [first, second]
        if saved is not None:
            items.insert(
                0,
                Button(
                    f"Resume where you stopped (decision {len(saved.choices) + 1})",
                    self.resume_saved,
                    hint="R",
                    kind="primary",
                ),
            )
            first.kind = "normal"
        self.recall = app.recall  # the last choice, this session
        self.recall_button = Button(self.recall_label(), self.toggle_recall, hint="W")
        items.append(self.recall_button)
        items.append(Button("Back", app.pop, hint="Esc"))
        self.buttons = Buttons(items)

    def recall_label(self) -> str:
        if self.recall:
            return "Answers in your own words (recall): on"
        return "Answers in your own words (recall): off"

    def toggle_recall(self) -> None:
        self.recall = not self.recall
        self.app.recall = self.recall
        self.recall_button.label = self.recall_label()

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
            self.layout(self.app.stage)
            return
        self.start(
            rec.mode if rec.mode in ("practice", "assessment") else "practice",
            state,
            rec.run_id,
            seed=rec.seed,
        )

    def handle(self, intent):
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
        # The answers switch shares the last row with Back.
        rows = [b for b in self.buttons if b is not self.recall_button]
        n = len(rows)
        top = 700 - n * 56 - 4
        for i, b in enumerate(rows):
            b.rect = stage.rect(500, top + i * 56, 740, 48)
        back = rows[-1]
        back.rect = stage.rect(1040, top + (n - 1) * 56, 200, 48)
        self.recall_button.rect = stage.rect(500, top + (n - 1) * 56, 528, 48)

    def draw(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        sc = self.scenario
        # The buyer, as they will look in the conversation.
        card = st.rect(40, 40, 420, 640)
        panel(surface, app, card)
        side = min(card.width - st.px(40), st.px(360))
        start = sc.nodes[sc.start]
        img = app.portraits.get(
            sc.buyer.name, start.mood, side, sc.buyer.portrait, look=sc.buyer.look
        )
        pr = img.get_rect(midtop=(card.centerx, card.top + st.px(24)))
        surface.blit(img, pr)
        y = pr.bottom + st.px(18)
        kit.box(
            surface,
            sc.buyer.name,
            "bold",
            app.px("heading") * 0.8,
            pal.text,
            pygame.Rect(card.left + st.px(24), y, card.width - st.px(48), st.px(44)),
            align="center",
        )
        who = sc.buyer.role + (f", {sc.buyer.company}" if sc.buyer.company else "")
        kit.box(
            surface,
            who,
            "regular",
            app.px("body"),
            pal.muted,
            pygame.Rect(
                card.left + st.px(24),
                y + st.px(48),
                card.width - st.px(48),
                card.bottom - y - st.px(60),
            ),
            align="center",
        )
        # The situation.
        kit.box(
            surface,
            sc.title,
            "bold",
            app.px("heading"),
            pal.text,
            st.rect(500, 36, 740, 64),
            valign="middle",
            min_px=round(app.px("heading") * 0.55),
        )
        r = pips(surface, app, st.rect(500, 112, 0, 0).topleft, sc.difficulty, 3)
        facts = ("Intro", "Standard", "Hard")[sc.difficulty - 1]
        if sc.minutes:
            facts += f" · about {sc.minutes} minutes"
        if any(n.time_limit for n in sc.nodes.values()):
            facts += " · some answers are against the clock"
        kit.line(
            surface,
            facts,
            "regular",
            app.px("caption"),
            pal.muted,
            (r.right + st.px(12), r.centery),
            anchor="midleft",
            max_width=st.px(700),
        )
        kit.box(
            surface,
            sc.summary,
            "regular",
            app.px("line") * 0.85,
            pal.text,
            st.rect(500, 140, 740, 120),
        )
        well = st.rect(500, 270, 740, 150)
        panel(surface, app, well, fill=pal.panel)
        inner = well.inflate(-st.px(32), -st.px(24))
        head = kit.line(surface, "Winning well", "bold", app.px("body"), pal.accent, inner.topleft)
        text = winning_well(sc)
        if sc.meters:
            labels = " and ".join(m.label or m.name for m in sc.meters.values())
            verb = "they show" if len(sc.meters) > 1 else "it shows"
            text += f" Watch {labels}: {verb} how the buyer feels."
        kit.box(
            surface,
            text,
            "regular",
            app.px("caption") * 1.05,
            pal.text,
            pygame.Rect(
                inner.left,
                head.bottom + st.px(4),
                inner.width,
                inner.bottom - head.bottom - st.px(4),
            ),
        )
        kit.box(
            surface, legend(), "regular", app.px("caption"), pal.muted, st.rect(500, 428, 740, 28)
        )
        self.buttons.draw(surface, app)
