"""The conversation: the buyer's portrait and line, the meters, the clock, and the choices.

The buyer's line is revealed word by word (any key completes it); meters ease to their new
values; a node with a time limit shows a countdown ring that starts once the line is read.
In practice mode the coach's note rises over the choices after each move.
"""

from __future__ import annotations

import math

import pygame

from game.content.loader import load_scenario
from game.ui import intents as I
from game.ui.recall import RECALL_H, RecallPanel
from game.ui.scene import UNHANDLED, Scene
from game.ui.text import wrap
from game.ui.theme import MOOD_WORDS, delta_colour, points_text, quoted, signed
from game.ui.widgets import Button, Buttons, bar, panel, pips, ring, triangle

MEASURE_MS = 300  # meters ease to a new value over this long
TIMER_FRAME_MS = 250  # the countdown ring moves four times a second
PULSE_MS, PULSE_FRAME_MS = 5000, 40  # the last five seconds pulse, at 25 steps a second
TIMES_UP_MS = 1400  # "Time's up" stays this long before the buyer moves on
BLINK_EVERY_MS, BLINK_MS = 4300, 150
PORTRAIT = 210  # the portrait's side in units: the same on every turn
CHOICES_MAX_H = 330
COACH_H = 262  # the coach's note panel, in units
PASSED_ON = (I.HELP, I.SETTINGS)  # even mid-line, these open their screens


class ConversationScreen(Scene):
    name = "conversation"

    def __init__(self, app, attempt):
        super().__init__(app)
        self.attempt = attempt
        self.buttons = Buttons()
        self.paused = False
        self.shown = {n: v for n, v in attempt.state.meters.items()}  # eased display values
        self.easing: dict[str, tuple[float, float, int]] = {}  # name -> (from, to, elapsed)
        self.deltas: dict[str, int] = {}
        self.words = 0.0
        self.total_words = 0
        self.remaining_ms: int | None = None
        self.rects: dict[str, pygame.Rect] = {}
        self.choice_px: int | None = None
        self.noting = False  # a coach's note is over the choices
        self.recall = None  # recall mode: the panel the rep types into (game.ui.recall)
        self.idle_ms = 0  # time the buyer has been on screen: blinks and breathing
        self.times_up_ms = 0  # the "Time's up" moment before a time-out plays

    # ----- the node on screen -----------------------------------------------------------
    @property
    def node(self):
        return self.attempt.conversation.node

    def enter(self) -> None:
        self.show_node()

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False
        if self.noting:
            self.noting = False
            self.layout(self.app.stage)
        self.app.dirty = True

    def shot_name(self) -> str:
        if self.attempt.state.finished:
            return "ending"
        name = f"decision-{len(self.attempt.state.moves) + 1}"
        return name + (self.recall.shot_suffix() if self.recall is not None else "")

    def show_node(self) -> None:
        node = self.node
        self.total_words = len(node.say.split())
        self.words = self.total_words if self.app.settings.ms_per_word == 0 else 0.0
        has_clock = node.time_limit and not self.attempt.state.finished and self.app.settings.timers
        self.remaining_ms = node.time_limit * 1000 if has_clock else None
        if self.attempt.state.finished:
            items = [Button("See how you did", self.open_debrief, hint="⏎", kind="primary")]
        else:
            items = [
                Button(c.text, lambda c=c: self.take(c), hint=str(i), kind="choice", data=c)
                for i, c in enumerate(
                    self.attempt.shown_choices(self.app.settings.shuffle_choices), 1
                )
            ]
        self.buttons.set(items, 0)
        self.recall = None
        if getattr(self.attempt, "recall", False) and not self.attempt.state.finished:
            self.recall = RecallPanel(self)
        self.layout(self.app.stage)
        self.app.dirty = True

    @property
    def wants_text(self) -> bool:
        """The rep is typing an answer: '?' and digits are letters, not keys."""
        return self.recall is not None and self.recall.typing and self.revealed

    @property
    def revealed(self) -> bool:
        return self.words >= self.total_words

    @property
    def animating(self) -> bool:
        return not self.revealed or bool(self.easing)

    # ----- moves ------------------------------------------------------------------------
    def take(self, choice, typed: str | None = None) -> None:
        self.after_move(self.attempt.choose(choice, typed=typed))

    def time_out(self) -> None:
        """The clock ran out: a moment that says so, then the time-out move."""
        self.times_up_ms = TIMES_UP_MS
        self.app.cue("loss")

    def play_time_out(self) -> None:
        self.after_move(self.attempt.time_out())

    def after_move(self, decision) -> None:
        if self.attempt.state.finished:
            self.app.cue("end")
        elif self.attempt.practice and decision.points:
            self.app.cue("gain" if decision.points > 0 else "loss")
        else:
            self.app.cue("choose")  # assessment keeps the verdict for the debrief
        after = self.attempt.state.meters
        changed = self.attempt.state.moves[-1].changes()  # the move carries what it changed
        self.deltas = {c.meter: c.change for c in changed}
        if self.app.settings.reduced_motion:
            self.shown = dict(after)
        else:
            for c in changed:
                self.easing[c.meter] = (self.shown.get(c.meter, c.before), c.after, 0)
        if self.attempt.save_problem:
            self.app.toast(self.attempt.save_problem, 6000)
            self.attempt.save_problem = ""
        self.show_node()
        if self.attempt.practice:
            self.noting = True
            self.layout(self.app.stage)
            self.app.go("coach", self, decision)

    def open_debrief(self) -> None:
        self.app.swap("debrief", self.attempt)

    def reload(self) -> None:
        fresh = load_scenario(self.attempt.scenario.path)
        if not fresh.ok:
            first = fresh.errors[0] if fresh.errors else None
            where = f" Line {first.line}: {first.message}" if first else ""
            self.app.toast(
                f"The file now has {len(fresh.errors)} error(s); still playing the "
                f"earlier version.{where}",
                8000,
            )
            return
        problem = self.attempt.reload(fresh.scenario)
        if problem:
            self.app.toast(problem, 8000)
            return
        for i, r in enumerate(self.app.library):
            if r.path == fresh.path:
                self.app.library[i] = fresh
        self.shown = dict(self.attempt.state.meters)
        self.easing.clear()
        self.show_node()
        self.words = self.total_words
        self.app.toast("Reloaded from disk; you are where you were.")

    # ----- input and time ---------------------------------------------------------------
    def handle(self, intent):
        k = intent.kind
        if k == I.RELOAD:
            self.reload()
            return True
        if self.recall is not None and self.revealed:
            handled = self.recall.handle(intent)  # None: Esc while editing leaves, as below
            if handled is not None:
                return handled
        if k == I.BACK:
            self.app.pop()
            if self.attempt.run_id is not None and not self.attempt.state.finished:
                self.app.toast("Saved. Resume it from its card in the library.")
            return True
        if k in PASSED_ON:
            return UNHANDLED
        if self.times_up_ms:
            return False  # the clock has spoken: the buyer moves on
        if not self.revealed and (intent.is_key or k == I.CLICK):
            self.words = self.total_words  # any key completes the line, and chooses nothing
            return True
        if k == I.CHOOSE:
            if 1 <= intent.number <= len(self.buttons) and not self.attempt.state.finished:
                self.buttons.focus = intent.number - 1
                self.buttons.focused.activate()
            return True
        return self.buttons.handle(intent)

    @property
    def moving(self) -> bool:
        """The buyer blinks and breathes while the rep reads (not with reduced motion)."""
        return not self.paused and not self.app.settings.reduced_motion

    def wake_in(self) -> int | None:
        if self.animating or self.times_up_ms:
            return 16
        waits = []
        if self.remaining_ms is not None and not self.paused:
            step = PULSE_FRAME_MS if self.pulsing else TIMER_FRAME_MS
            waits.append(min(step, max(1, self.remaining_ms)))
        if self.moving:  # sleep until the next blink starts or ends, not a frame sooner
            phase = self.idle_ms % BLINK_EVERY_MS
            edge = BLINK_EVERY_MS - BLINK_MS
            waits.append(max(1, (edge - phase) if phase < edge else (BLINK_EVERY_MS - phase)))
        return min(waits) if waits else None

    @property
    def pulsing(self) -> bool:
        left = self.remaining_ms
        return left is not None and left <= PULSE_MS and not self.app.settings.reduced_motion

    def idle_pose(self, ms: int | None = None) -> tuple[bool, int]:
        """(eyes closed, breathing offset in pixels) at `ms` on screen."""
        ms = self.idle_ms if ms is None else ms
        if not self.moving:
            return False, 0
        blink = ms % BLINK_EVERY_MS >= BLINK_EVERY_MS - BLINK_MS
        return blink, 0  # breathing was dropped: it cost more idle CPU than the budget allows

    def update(self, dt_ms: int):
        """Returns True to redraw everything, or the rects that changed (empty: none)."""
        if self.times_up_ms:
            self.times_up_ms = max(0, self.times_up_ms - dt_ms)
            if not self.times_up_ms:
                self.play_time_out()
            return True
        if self.animating:
            self.advance(dt_ms)
            return True
        patches = []
        if self.moving:
            before = self.idle_pose()
            self.idle_ms += dt_ms
            if self.idle_pose() != before and "portrait" in self.rects:
                patches.append(self.rects["portrait"])
        if self.revealed and self.remaining_ms is not None and not self.paused:
            before = self.clock_look()
            self.remaining_ms -= dt_ms
            if self.remaining_ms <= 0:
                self.remaining_ms = None
                self.time_out()
                return True
            if self.clock_look() != before and "clock" in self.rects:
                patches.append(self.rects["clock"])
        return patches

    def clock_look(self) -> tuple:
        """What the clock shows: its seconds, the ring's step and the pulse's step."""
        left = max(0, self.remaining_ms or 0)
        total = self.node.time_limit * 1000
        ring_steps = max(1, round(self.app.stage.px(26) * 2 * math.pi / 3))  # ~3 px a step
        pulse = (left // PULSE_FRAME_MS) if self.pulsing else 0
        return ((left + 999) // 1000, int(ring_steps * left / total), pulse)

    def advance(self, dt_ms: int) -> None:
        if not self.revealed:
            per_word = self.app.settings.ms_per_word
            self.words = self.total_words if per_word == 0 else self.words + dt_ms / per_word
        for name, (a, b, t) in list(self.easing.items()):
            t += dt_ms
            if t >= MEASURE_MS:
                self.shown[name] = b
                del self.easing[name]
            else:
                x = t / MEASURE_MS
                self.shown[name] = a + (b - a) * (1 - (1 - x) ** 3)  # ease out
                self.easing[name] = (a, b, t)
        if self.revealed and self.remaining_ms is not None and not self.paused:
            self.remaining_ms -= dt_ms
            if self.remaining_ms <= 0:
                self.remaining_ms = None
                self.time_out()

    # ----- layout -----------------------------------------------------------------------
    def choice_heights(self, stage) -> list[float]:
        """Each card's height in units, from its measured text, with one text size for all."""
        u = stage.u
        px = self.app.px("choice")
        floor = max(11, round(px * 0.6))
        width = max(1, int((1232 - 100) * u))
        gaps = 10 * max(0, len(self.buttons) - 1)
        while True:
            font = self.app.kit.font("regular", px)
            lh = self.app.kit.line_height(px)
            heights = [
                max(54.0, len(wrap(b.label, font, width)) * lh / u + 18) for b in self.buttons
            ]
            if sum(heights) + gaps <= CHOICES_MAX_H or px <= floor:
                break
            px = max(floor, int(px * 0.92))  # many long choices: a smaller size for every card
        self.choice_px = px
        total = sum(heights) + gaps
        if total > CHOICES_MAX_H:  # still too tall: share the space; each card clips its own text
            scale = (CHOICES_MAX_H - gaps) / (total - gaps)
            heights = [h * scale for h in heights]
        return heights

    def layout(self, stage) -> None:
        heights = self.choice_heights(stage)
        block = sum(heights) + 10 * max(0, len(heights) - 1)
        if self.recall is not None and self.recall.hides_list:
            self.recall.layout(stage)
            block = RECALL_H
        if self.noting:
            block = max(block, COACH_H)  # the coach's note rises into this space
        top = 704 - block
        y = 704 - sum(heights) - 10 * max(0, len(heights) - 1)
        for b, h in zip(self.buttons, heights, strict=True):
            b.rect = stage.rect(24, y, 1232, h)
            y += h + 10
        upper_bottom = top - 16
        self.rects = {
            "bar": stage.rect(0, 0, 1280, 56),
            "portrait_card": stage.rect(24, 72, 436, upper_bottom - 72),
            "speech": stage.rect(484, 72, 772, upper_bottom - 72),
            "choices": stage.rect(24, top, 1232, block),
        }

    # ----- drawing ----------------------------------------------------------------------
    def draw(self, surface) -> None:
        setting = self.attempt.scenario.setting
        if setting and not self.app.settings.high_contrast:
            area = self.app.stage.area
            surface.blit(self.app.backdrops.get(setting, area.size, self.app.pal.stage), area)
        self.draw_bar(surface)
        self.draw_buyer(surface)
        self.draw_speech(surface)
        if self.noting:
            return
        if self.times_up_ms:
            self.draw_times_up(surface)
        elif self.recall is not None and self.recall.hides_list:
            self.recall.draw(surface)
        else:
            self.buttons.draw(surface, self.app, role="choice", px=self.choice_px)

    def draw_bar(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        r = self.rects["bar"]
        pygame.draw.rect(surface, pal.panel, r)
        pygame.draw.line(surface, pal.border, r.bottomleft, r.bottomright, st.px(1))
        sc, state = self.attempt.scenario, self.attempt.state
        meters = list(sc.meters.values())
        slot = min(250.0, 760.0 / max(1, len(meters)))
        right = 1256
        if self.attempt.practice:
            score = st.rect(right - 130, 8, 130, 40)
            kit.box(
                surface,
                f"Score {signed(state.score)}",
                "bold",
                app.px("body"),
                pal.text,
                score,
                align="right",
                valign="middle",
            )
            right -= 146
        mode = "Practice" if self.attempt.practice else "Assessment"
        title_w = right - len(meters) * slot - 24 - 16
        kit.box(
            surface,
            f"{sc.title} · {mode}",
            "semibold",
            app.px("body"),
            pal.text,
            st.rect(24, 8, max(60, title_w), 40),
            valign="middle",
        )
        for i, m in enumerate(meters):
            x = right - (len(meters) - i) * slot
            self.draw_meter(
                surface,
                m,
                self.shown.get(m.name, state.meters[m.name]),
                state.meters[m.name],
                st.rect(x + 8, 6, slot - 16, 44),
            )

    def draw_meter(self, surface, meter, shown, value, box) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        label_h = box.height // 2
        label = pygame.Rect(box.left, box.top, box.width, label_h)
        change = self.deltas.get(meter.name, 0)
        sign = ""
        if change:
            sign = f"  {points_text(change).split()[0]}"
        kit.box(
            surface,
            f"{meter.label or meter.name}  {value}{sign}",
            "semibold",
            app.px("caption"),
            pal.text,
            label,
            valign="middle",
        )
        if change:
            ink_w = kit.size(
                f"{meter.label or meter.name}  {value}{sign}", "semibold", app.px("caption")
            )[0]
            tx = min(box.right - st.px(8), box.left + ink_w + st.px(12))
            triangle(surface, delta_colour(pal, change), (tx, label.centery), st.px(5), change > 0)
        span = max(1, meter.max - meter.min)
        if span <= 10:  # a short scale reads better as dots: patience ●●●○
            count = round(shown - meter.min)
            pips(
                surface,
                app,
                (box.left, box.top + label_h + st.px(11)),
                count,
                span,
                colour=pal.gain,
                max_width=box.width,
            )
            return
        track = pygame.Rect(box.left, box.top + label_h + st.px(6), box.width, st.px(10))
        bar(surface, app, track, (shown - meter.min) / span, colour=pal.gain)

    def draw_buyer(self, surface) -> None:
        """The buyer's card: a portrait of one fixed size, the mood in words under it (never
        over the face), then the name, role and company."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        card = self.rects["portrait_card"]
        panel(surface, app, card)
        buyer = self.attempt.scenario.buyer
        cap = app.px("caption")
        below = kit.line_height(cap) + kit.line_height(app.px("body")) + st.px(34)
        # Sized for the shortest card any turn can have, so it never changes between turns.
        shortest = st.px(704 - max(CHOICES_MAX_H, COACH_H) - 16 - 72)
        side = max(st.px(60), min(st.px(PORTRAIT), card.width - st.px(48)))
        side = min(side, max(st.px(60), shortest - below - st.px(22)))
        blink, _ = self.idle_pose()
        img = app.portraits.get(
            buyer.name, self.node.mood, side, buyer.portrait, look=buyer.look, blink=blink
        )
        frame = img.get_rect(midtop=(card.centerx, card.top + st.px(14)))
        self.rects["portrait"] = frame
        clip = surface.get_clip()
        surface.set_clip(frame.clip(clip) if clip else frame)
        surface.blit(img, frame)
        surface.set_clip(clip)
        mood = MOOD_WORDS.get(self.node.mood, self.node.mood)
        y = frame.bottom + st.px(8)
        r = kit.line(
            surface,
            mood,
            "semibold",
            cap,
            pal.accent,
            (card.centerx, y),
            anchor="midtop",
            max_width=card.width - st.px(32),
        )
        y = r.bottom + st.px(4)
        inner_w = card.width - st.px(32)
        name_h = kit.line_height(app.px("body"))
        kit.box(
            surface,
            buyer.name,
            "bold",
            app.px("body"),
            pal.text,
            pygame.Rect(card.left + st.px(16), y, inner_w, name_h),
            align="center",
        )
        who = buyer.role + (f" · {buyer.company}" if buyer.company else "")
        top = y + name_h + st.px(2)
        kit.box(
            surface,
            who,
            "regular",
            cap,
            pal.muted,
            pygame.Rect(card.left + st.px(16), top, inner_w, max(0, card.bottom - top - st.px(8))),
            align="center",
        )

    def draw_speech(self, surface) -> None:
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        area = self.rects["speech"]
        node = self.node
        # Measure first: narration, the bubble that hugs the buyer's line, the clock.
        nar_h = 0
        if node.narration:
            nar_box_h = int(area.height * 0.26)
            npx, nlines = kit.fit(
                node.narration, "italic", app.px("body"), area.width - st.px(16), nar_box_h
            )
            nar_h = min(nar_box_h, kit.line_height(npx) * len(nlines)) + st.px(14)
        clock_h = st.px(76) if self.remaining_ms is not None else 0
        room_h = area.height - nar_h - clock_h
        text = quoted(node.say)
        pad_x, pad_y = st.px(24), st.px(20)
        floor = max(
            11, round(app.px("line") * 0.45)
        )  # the buyer's words matter more than their size
        px, lines = kit.fit(
            text,
            "regular",
            app.px("line"),
            area.width - 2 * pad_x,
            room_h - 2 * pad_y,
            min_px=floor,
        )
        bubble_h = min(room_h, max(kit.line_height(px) * len(lines) + 2 * pad_y, st.px(120)))
        # A short exchange sits a little lower, level with the buyer's face, not stuck to the top.
        top = area.top + max(0, round((area.height - nar_h - bubble_h - clock_h) * 0.3))
        if node.narration:
            nar = pygame.Rect(area.left + st.px(8), top, area.width - st.px(16), nar_h - st.px(14))
            kit.box(surface, node.narration, "italic", app.px("body"), pal.muted, nar)
            top += nar_h
        bubble = pygame.Rect(area.left, top, area.width, bubble_h)
        panel(surface, app, bubble, fill=pal.raised, radius=18)
        # The tail points at the buyer.
        tail = [
            (bubble.left, bubble.top + st.px(40)),
            (bubble.left - st.px(14), bubble.top + st.px(52)),
            (bubble.left, bubble.top + st.px(64)),
        ]
        pygame.draw.polygon(surface, pal.raised, tail)
        inner = pygame.Rect(
            area.left + pad_x,
            top + pad_y,
            area.width - 2 * pad_x,
            area.bottom - clock_h - top - 2 * pad_y,
        )
        self.draw_line(surface, text, inner)
        if self.attempt.state.finished and bubble.bottom + st.px(36) <= area.bottom:
            kit.line(
                surface,
                "The conversation is over.",
                "italic",
                app.px("caption"),
                pal.muted,
                (bubble.right - st.px(8), bubble.bottom + st.px(10)),
                anchor="topright",
            )
        if self.remaining_ms is not None:
            self.draw_clock(surface, pygame.Rect(area.left, bubble.bottom, area.width, clock_h))

    def draw_line(self, surface, text, rect) -> None:
        """The buyer's line, laid out in full first so the reveal never reflows."""
        app, kit, pal = self.app, self.app.kit, self.app.pal
        floor = max(11, round(app.px("line") * 0.45))
        px, lines = kit.fit(text, "regular", app.px("line"), rect.width, rect.height, min_px=floor)
        lh = kit.line_height(px)
        budget = int(self.words) if not self.revealed else None
        y = rect.top
        for line in lines:
            if budget is not None:
                words = line.split(" ")
                shown = " ".join(words[:budget])
                budget = max(0, budget - len(words))
            else:
                shown = line
            if shown:
                surf = kit.render(shown, "regular", px, pal.text, cache=shown == line)
                surface.blit(surf, (rect.left, y + (lh - surf.get_height()) // 2))
            y += lh
        kit.drawn.append(
            (
                pygame.Rect(rect),
                pygame.Rect(rect.left, rect.top, rect.width, min(rect.height, lh * len(lines))),
            )
        )

    def draw_clock(self, surface, box) -> None:
        """The ring warms from teal through amber to orange, and pulses in the last 5 s."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        total = self.node.time_limit * 1000
        left = max(0, self.remaining_ms)
        radius = st.px(26)
        centre = (box.right - radius - st.px(12), box.centery + st.px(4))
        self.rects["clock"] = pygame.Rect(box.left, box.top, box.width, box.height)
        fraction = left / total
        colour = warm_colour(pal, fraction)
        width = st.px(7)
        if self.pulsing:
            beat = 0.5 + 0.5 * math.cos(2 * math.pi * (left % 1000) / 1000)
            radius += round(st.px(4) * beat)
            width += round(st.px(2) * beat)
        ring(surface, app, centre, radius, fraction, colour, width)
        secs = (left + 999) // 1000
        text = f"{secs // 60}:{secs % 60:02d} left to answer"
        kit.line(
            surface,
            text,
            "bold" if secs <= PULSE_MS // 1000 else "semibold",
            app.px("body"),
            colour if secs <= PULSE_MS // 1000 else pal.text,
            (centre[0] - st.px(26) - st.px(18), centre[1]),
            anchor="midright",
        )

    def draw_times_up(self, surface) -> None:
        """The moment the clock runs out: it says so, over the choices, before moving on."""
        app, st, pal, kit = self.app, self.app.stage, self.app.pal, self.app.kit
        area = pygame.Rect(self.rects["choices"])
        panel(surface, app, area, fill=pal.raised, border=pal.loss, width=3, radius=18)
        head = kit.line(
            surface,
            "Time's up",
            "bold",
            app.px("heading"),
            pal.loss,
            (area.centerx, area.centery - st.px(4)),
            anchor="midbottom",
        )
        kit.line(
            surface,
            "You hesitated; the buyer fills the silence.",
            "regular",
            app.px("body"),
            pal.text,
            (area.centerx, head.bottom + st.px(6)),
            anchor="midtop",
            max_width=area.width - st.px(32),
        )


def warm_colour(pal, fraction: float):
    """Teal while there is time, amber from half way, orange in the last fifth."""
    if fraction > 0.5:
        return pal.gain
    if fraction > 0.2:
        return pal.accent
    return pal.loss
