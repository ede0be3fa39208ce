"""The projector look: the window's palette, text kit and stage, with type 1.4× the solo size.

Also the pieces every workshop screen draws: the top bar, team chips with their keys and
lock marks, and the vote bar split into team colours.
"""

from __future__ import annotations

import math

import pygame

from game.ui import intents as I
from game.ui.attempt import decisions, result_words
from game.ui.layout import BASE_H, BASE_W, Stage
from game.ui.scene import UNHANDLED
from game.ui.text import wrap
from game.ui.theme import MOOD_WORDS, points_text, signed
from game.ui.widgets import Button, Buttons, panel

SCALE = 1.4  # the design brief: everything 1.4× larger than the solo layout
# The words the room reads from the back (the narration, the coach's note): 40 px on a
# 1080-high window, in step with the window's height, and never under 28 px. They wrap and
# page rather than shrink.
READING_PX, READING_AT, READING_FLOOR = 40, 1080, 28


class TallStage(Stage):
    """The stage as tall as the window (a 4:3 or 5:4 projector): the same unit as the 16:9
    stage, so sizes and widths do not change, and `extra` units of height below 720 that a
    screen can use instead of leaving bands above and below."""

    __slots__ = ()

    @property
    def units_high(self) -> float:
        return max(float(BASE_H), self.height / self.u)

    @property
    def extra(self) -> float:
        return self.units_high - BASE_H

    @property
    def origin(self) -> tuple[int, int]:
        u = self.u
        return (
            round((self.width - BASE_W * u) / 2),
            round((self.height - self.units_high * u) / 2),
        )

    @property
    def area(self) -> pygame.Rect:
        return self.rect(0, 0, BASE_W, self.units_high)


class Look:
    """What widgets need (`pal`, `kit`, `stage`, `px`), sized for a projector. A `tall` look
    lays its screen out over the window's whole height (see `TallStage`)."""

    def __init__(self, app, tall: bool = False):
        self.app = app
        self.tall = tall

    @property
    def pal(self):
        return self.app.pal

    @property
    def kit(self):
        return self.app.kit

    @property
    def stage(self):
        st = self.app.stage
        return TallStage(st.width, st.height) if self.tall else st

    def backdrop(self, surface) -> None:
        """A tall screen paints the bands the 16:9 stage leaves, so the stage fills the window."""
        area = self.stage.area
        if self.tall and area != self.app.stage.area:
            surface.fill(self.pal.stage, area)

    def px(self, role: str) -> int:
        return max(10, round(self.app.px(role) * SCALE))


class UndoQuestion:
    """ "Clear N votes and go back to decision K?" over a dimmed screen: Enter or Y (or its
    first button) clears them, Esc or N (or its second) keeps them."""

    NOTE = "The votes cast are lost, and the room votes on decision {k} again."

    def __init__(self, yes, no):
        self.open = False
        self.text = ""
        self.number = 0
        self.answers = Buttons(
            [
                Button("Clear and go back", self._answer(yes), hint="⏎", kind="primary"),
                Button("Keep the votes", self._answer(no), hint="Esc"),
            ]
        )
        self.rects: dict[str, pygame.Rect] = {}

    def _answer(self, then):
        def answer():
            self.open = False
            then()

        return answer

    def ask(self, votes: int, decision: int) -> None:
        self.open, self.number, self.answers.focus = True, decision, 0
        self.text = (
            f"Clear {votes} vote{'' if votes == 1 else 's'} and go back to decision {decision}?"
        )

    def layout(self, st) -> None:
        dy = getattr(st, "extra", 0.0) / 2  # in the middle of a tall stage too
        self.rects = {
            "box": st.rect(240, 200 + dy, 800, 300),
            "text": st.rect(280, 224 + dy, 720, 120),
            "note": st.rect(280, 350 + dy, 720, 60),
        }
        for b, x in zip(self.answers, (330, 650), strict=True):
            b.rect = st.rect(x, 424 + dy, 300, 56)

    def handle(self, intent):
        k = intent.kind
        text = intent.text.lower() if k in (I.CHAR, I.CHOOSE) else ""
        if k == I.CONFIRM or text == "y":
            self.answers.items[0].activate()
        elif k == I.BACK or text == "n":
            self.answers.items[1].activate()
        elif k in (I.POINT, I.CLICK):
            return self.answers.handle(intent)
        elif k in (I.HELP, I.SETTINGS, I.FULLSCREEN, I.QUIT, I.RESIZE):
            return UNHANDLED
        return True  # nothing else happens while the question is open

    def draw(self, surface, look) -> None:
        pal, kit = look.pal, look.kit
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        panel(surface, look, self.rects["box"], fill=pal.panel, border=pal.accent, width=2)
        kit.box(
            surface,
            self.text,
            "bold",
            look.px("heading"),
            pal.text,
            self.rects["text"],
            align="center",
            valign="middle",
        )
        kit.box(
            surface,
            self.NOTE.format(k=self.number),
            "regular",
            look.px("caption"),
            pal.muted,
            self.rects["note"],
            align="center",
            valign="middle",
        )
        for b in self.answers:
            b.draw(surface, look, b is self.answers.focused, "caption")


def reading_px(look) -> int:
    """The size of the narration and the coach's note (larger when the text size is)."""
    scale = max(1.0, look.app.settings.text_size)
    return max(READING_FLOOR, round(READING_PX * look.stage.height / READING_AT * scale))


def pages(look, text: str, style: str, px: int, width: int, height: int) -> list[str]:
    """`text` wrapped at `px` and cut into pages of the lines a width×height box holds; each
    page keeps its line breaks, so drawn in the same box at `px` it wraps the same way."""
    lines = wrap(text, look.kit.font(style, px), max(1, width))
    per = max(1, height // look.kit.line_height(px))
    return ["\n".join(lines[i : i + per]) for i in range(0, len(lines), per)] or [""]


def leave_on_second_escape(screen) -> None:
    """Esc once warns the room; Esc again leaves the round (a projector is no place for a slip)."""
    if screen.leaving:
        room = getattr(screen, "room", None)
        if room is not None:
            room.leave()
        screen.app.pop()
    else:
        screen.leaving = True
        screen.app.toast("Press Esc again to leave this round; it will not be offered to resume.")


def ink_on(rgb) -> tuple[int, int, int]:
    """Black or white, whichever reads better on a team colour."""
    r, g, b = rgb[:3]
    return (16, 16, 20) if (0.299 * r + 0.587 * g + 0.114 * b) > 140 else (255, 255, 255)


def ending_words(scenario, state) -> str:
    """How the room's conversation ended, in the debrief's words and symbols: "✓ WON ·
    Trusted advisor", "$ Won on price" for a win the room's path bought with price."""
    word, _, title = result_words(scenario, state, decisions(scenario, state), cost=False)
    return f"{word} · {title}" if title else word


def top_bar(surface, look, left: str, right: str = "") -> pygame.Rect:
    st, pal, kit = look.stage, look.pal, look.kit
    bar = st.rect(0, 0, 1280, 64)
    pygame.draw.rect(surface, pal.panel, bar)
    pygame.draw.line(surface, pal.border, bar.bottomleft, bar.bottomright, st.px(1))
    # The right-hand words get the width they need (up to half the bar), the title the rest.
    right_w = 0.0
    if right:
        need = kit.size(right, "semibold", look.px("body"))[0] / st.u + 8
        right_w = max(356.0, min(616.0, need))
    kit.box(
        surface,
        left,
        "semibold",
        look.px("body"),
        pal.text,
        st.rect(24, 6, 1232 - right_w - (20 if right else 0), 52),
        valign="middle",
    )
    if right:
        kit.box(
            surface,
            right,
            "semibold",
            look.px("body"),
            pal.muted,
            st.rect(1256 - right_w, 6, right_w, 52),
            align="right",
            valign="middle",
        )
    return bar


def team_row(surface, look, rect, rgb, first: bool, band: int, radius: int) -> int:
    """A team's row in a ranking: a panel edged in the team's colour (raised for the leader)
    with a band of that colour down its left; returns where the row's words start."""
    st, pal = look.app.stage, look.app.pal
    panel(
        surface,
        look,
        rect,
        fill=pal.raised if first else pal.panel,
        border=rgb,
        width=2,
        radius=radius,
    )
    strip = pygame.Rect(rect.left, rect.top, st.px(band), rect.height)
    pygame.draw.rect(
        surface,
        rgb,
        strip,
        border_top_left_radius=st.px(radius),
        border_bottom_left_radius=st.px(radius),
    )
    return strip.right + st.px(band - 2)


def tab(surface, look, box, text: str) -> pygame.Rect:
    """A tab on a panel's top edge, at its right, saying there is more (a page marker)."""
    st, pal, kit = look.stage, look.pal, look.kit
    px = look.px("caption") * 4 // 5
    r = pygame.Rect(0, 0, kit.size(text, "bold", px)[0] + st.px(20), kit.line_height(px) + st.px(4))
    r.midright = (box.right - st.px(20), box.top)
    pygame.draw.rect(surface, pal.accent, r, border_radius=r.height // 2)
    kit.line(surface, text, "bold", px, pal.on_accent, r.center, anchor="center")
    return r


def lock_mark(surface, colour, center, size: int) -> None:
    """A padlock drawn from shapes, so it looks the same in every font."""
    x, y = center
    body = pygame.Rect(0, 0, size, round(size * 0.75))
    body.midtop = (x, y - size // 8)
    shackle = pygame.Rect(0, 0, round(size * 0.64), round(size * 0.8))
    shackle.midbottom = (x, body.top + size // 4)
    pygame.draw.rect(
        surface,
        colour,
        shackle,
        width=max(2, size // 7),
        border_top_left_radius=size // 3,
        border_top_right_radius=size // 3,
    )
    pygame.draw.rect(surface, colour, body, border_radius=max(2, size // 8))


def team_chip(
    surface,
    look,
    rect,
    team,
    *,
    keys: str = "",
    locked: bool = False,
    points: int | None = None,
    total: int | None = None,
    focused: bool = False,
    phones: int | None = None,
    voted: bool = True,
) -> None:
    """A team's chip: its colour band and name, then its keys, its lock, or its points.

    With `phones` (phone voting) the chip also counts the team's phones, never their votes.
    On the reveal a team that did not vote (`voted=False`) says so beside its 0 points.
    """
    st, pal, kit = look.stage, look.pal, look.kit
    panel(
        surface,
        look,
        rect,
        fill=pal.raised,
        border=pal.accent if focused else team.rgb,
        width=3 if focused else 2,
        radius=12,
    )
    band = pygame.Rect(rect.left, rect.top, st.px(14), rect.height)
    pygame.draw.rect(
        surface,
        team.rgb,
        band,
        border_top_left_radius=st.px(12),
        border_bottom_left_radius=st.px(12),
    )
    inner = rect.inflate(-st.px(32), -st.px(10))
    inner.left = band.right + st.px(10)
    inner.width = rect.right - inner.left - st.px(10)
    half = inner.height // 2
    name_box = pygame.Rect(inner.left, inner.top, inner.width, half)
    kit.box(surface, team.name, "bold", look.px("caption"), pal.text, name_box, valign="middle")
    low = pygame.Rect(inner.left, inner.top + half, inner.width, inner.height - half)
    if points is not None:
        if total is not None:
            text = f"Σ {signed(total)}"
            tw = kit.size(text, "semibold", look.px("caption"))[0]
            if tw < low.width // 2:
                kit.line(
                    surface,
                    text,
                    "semibold",
                    look.px("caption"),
                    pal.text,
                    (low.right, low.centery),
                    anchor="midright",
                )
                low.width -= tw + st.px(6)
        text = points_text(points)
        if not voted:  # a narrow chip (8 teams) keeps the words; its Σ shows the 0 still adds
            text = f"No vote · {text}"
            if kit.size(text, "bold", look.px("caption"))[0] > low.width:
                text = "No vote"
        kit.box(
            surface,
            text,
            "bold",
            look.px("caption"),
            pal.gain if points > 0 else pal.loss if points < 0 else pal.muted,
            low,
            valign="middle",
        )
    elif locked:
        size = min(low.height - st.px(4), st.px(22))
        lock_mark(surface, pal.gain, (low.left + size // 2 + st.px(2), low.centery), size)
        kit.box(
            surface,
            "Locked in" if phones is None else f"Locked in · {phone_words(phones)}",
            "semibold",
            look.px("caption"),
            pal.gain,
            pygame.Rect(
                low.left + size + st.px(10), low.top, low.width - size - st.px(10), low.height
            ),
            valign="middle",
        )
    elif keys:
        kit.box(
            surface,
            " ".join(k.upper() for k in keys),
            "bold",
            look.px("caption"),
            pal.muted,
            low,
            valign="middle",
        )
    else:
        kit.box(
            surface,
            "Thinking…" if phones is None else phone_words(phones),
            "regular",
            look.px("caption"),
            pal.muted,
            low,
            valign="middle",
        )


def phone_words(n: int) -> str:
    return "no phone yet" if n == 0 else f"{n} phone" + ("" if n == 1 else "s")


def split_bar(surface, look, rect, segments, total: int) -> None:
    """One bar per choice: a segment per vote, in that team's colour, marked with its initial."""
    st, pal, kit = look.stage, look.pal, look.kit
    radius = st.px(8)
    pygame.draw.rect(surface, pal.track, rect, border_radius=radius)
    if total <= 0:
        return
    unit = rect.width / total
    x = float(rect.left)
    for team in segments:
        seg = pygame.Rect(round(x), rect.top, max(1, round(x + unit) - round(x)), rect.height)
        pygame.draw.rect(surface, team.rgb, seg, border_radius=radius)
        # A dark seam between votes, so two teams of near colours still read as two votes.
        pygame.draw.line(surface, pal.stage, seg.topright, seg.bottomright, st.px(3))
        label = team.name
        if kit.size(label, "bold", look.px("caption"))[0] >= seg.width - st.px(12):
            label = team.short or team.name[:1]  # a narrow segment keeps a distinct beginning
        if kit.size(label, "bold", look.px("caption"))[0] < seg.width - st.px(6):
            kit.line(
                surface,
                label,
                "bold",
                look.px("caption"),
                ink_on(team.rgb),
                seg.center,
                anchor="center",
            )
        x += unit


def smallest(look) -> int:
    """The floor for text that must shrink to fit: 11 px on a 1280×720 stage, more when larger."""
    return look.stage.px(11)


def shared_px(look, items, style: str, role: str) -> int:
    """One text size for a set of (text, rect) boxes: the largest at which all of them fit, so
    no answer looks louder than another."""
    px = look.px(role)
    return min(
        (look.kit.fit(text, style, px, r.width, r.height, smallest(look))[0] for text, r in items),
        default=px,
    )


def arc(surface, colour, center, radius: int, width: int, start: float, end: float) -> None:
    """A band of the countdown ring from `start` to `end` (shares of a turn, clockwise from
    the top), drawn over the ring: the added time shows in its own colour."""
    if end <= start:
        return
    steps = max(4, int(72 * (end - start)))
    outer, inner = [], []
    for i in range(steps + 1):
        a = -math.pi / 2 + 2 * math.pi * (start + (end - start) * i / steps)
        outer.append((center[0] + radius * math.cos(a), center[1] + radius * math.sin(a)))
        r = radius - width
        inner.append((center[0] + r * math.cos(a), center[1] + r * math.sin(a)))
    pygame.draw.polygon(surface, colour, outer + inner[::-1])


def clock_text(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def buyer_card(surface, look, rect, buyer, mood: str) -> None:
    """The buyer's portrait in its mood, with the mood in words and the buyer's name."""
    st, pal, kit = look.stage, look.pal, look.kit
    panel(surface, look, rect)
    text_h = st.px(70)
    side = max(st.px(40), min(rect.width - st.px(24), rect.height - text_h - st.px(20)))
    img = look.app.portraits.get(buyer.name, mood, side, buyer.portrait, look=buyer.look)
    pr = img.get_rect(midtop=(rect.centerx, rect.top + st.px(10)))
    surface.blit(img, pr)
    inner_w = rect.width - st.px(16)
    kit.box(
        surface,
        buyer.name,
        "bold",
        look.px("caption"),
        pal.text,
        pygame.Rect(rect.left + st.px(8), pr.bottom + st.px(4), inner_w, st.px(32)),
        align="center",
        valign="middle",
    )
    kit.box(
        surface,
        MOOD_WORDS.get(mood, mood),
        "regular",
        look.px("caption"),
        pal.muted,
        pygame.Rect(rect.left + st.px(8), pr.bottom + st.px(36), inner_w, st.px(30)),
        align="center",
        valign="middle",
    )
