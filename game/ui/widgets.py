"""Widgets shared by every screen: buttons under one focus, panels, chips, meters, pips, ring.

`Buttons` gives keys and mouse the same focus: arrows move it (spatially, so grids work),
Enter activates it, hovering moves it and a click activates what is under the pointer.
Drawing functions take a `look` (the app: `.pal`, `.kit`, `.stage`, `.px(role)`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.ui import intents as I
from game.ui.scene import UNHANDLED
from game.ui.theme import TYPE_SCALE

# What a group of buttons responds to; everything else passes on (`UNHANDLED`).
BUTTON_INPUT = frozenset(
    {I.UP, I.DOWN, I.LEFT, I.RIGHT, I.NEXT, I.PREV, I.CONFIRM, I.POINT, I.CLICK}
)


class Button:
    """A clickable, focusable box. `kind`: "normal", "primary", "choice" or "card"."""

    def __init__(
        self,
        label: str,
        action: Callable[[], None] | None = None,
        *,
        hint: str = "",
        kind: str = "normal",
        enabled: bool = True,
        data=None,
    ):
        self.label = label
        self.action = action
        self.hint = hint  # the key that also activates it, shown as a keycap
        self.kind = kind
        self.enabled = enabled
        self.data = data
        self.rect = pygame.Rect(0, 0, 0, 0)

    def activate(self) -> None:
        if self.enabled and self.action:
            self.action()

    def draw(self, surface, look, focused: bool, role: str = "body", px: int | None = None) -> None:
        pal = look.pal
        r = self.rect
        radius = look.stage.px(10)
        primary = self.kind == "primary"
        fill = pal.accent if primary and self.enabled else pal.raised if focused else pal.panel
        ink = pal.on_accent if primary and self.enabled else pal.text if self.enabled else pal.muted
        pygame.draw.rect(surface, fill, r, border_radius=radius)
        edge = pal.accent if focused else pal.border
        pygame.draw.rect(
            surface, edge, r, width=look.stage.px(3 if focused else 1), border_radius=radius
        )
        if focused and primary:
            pygame.draw.rect(
                surface,
                pal.text,
                r.inflate(look.stage.px(6), look.stage.px(6)),
                width=look.stage.px(2),
                border_radius=radius + look.stage.px(3),
            )
        pad = look.stage.px(14)
        inner = r.inflate(-2 * pad, -look.stage.px(8))
        px = px or look.px(role)
        style = "semibold" if primary or self.kind == "normal" else "regular"
        if self.hint:
            y = r.centery
            if self.kind == "choice":  # by the first line, as a numbered list has it, so a
                # card taller than its scrolling view still shows its key
                kit, cap_w = look.kit, keycap_width(look, self.hint)
                size, lines = kit.fit(
                    self.label, style, px, inner.width - cap_w - pad, inner.height
                )
                lh = kit.line_height(size)
                top = inner.top + max(0, (inner.height - lh * len(lines)) // 2)
                y = min(r.centery, top + lh // 2)
            cap = keycap(surface, look, self.hint, (inner.left, y), focused)
            inner.width -= cap.width + pad
            inner.left = cap.right + pad
        align = "left" if self.hint or self.kind == "choice" else "center"
        look.kit.box(surface, self.label, style, px, ink, inner, align=align, valign="middle")


def keycap_side(look) -> int:
    """The height `keycap` gives every key: 30 units at 100% text, and at larger text (or
    the projector's larger type) its label's line and a margin, so the key grows with it."""
    st, kit = look.stage, look.kit
    return max(st.px(30), kit.line_height(look.px("caption")) + st.px(6))


def keycap_width(look, label: str) -> int:
    """The width `keycap` gives `label`: its side, or the label and a margin that grows
    with the label's size (14 units at 100% text)."""
    st, px = look.stage, look.px("caption")
    pad = max(st.px(14), round(14 * px / TYPE_SCALE["caption"]))
    return max(keycap_side(look), look.kit.size(label, "bold", px)[0] + pad)


def keycap(surface, look, label: str, midleft, focused: bool = False) -> pygame.Rect:
    """A small key drawn like a keyboard key, e.g. [1] or [Esc]."""
    pal, st = look.pal, look.stage
    px = look.px("caption")
    r = pygame.Rect(0, 0, keycap_width(look, label), keycap_side(look))
    r.midleft = midleft
    pygame.draw.rect(surface, pal.accent if focused else pal.track, r, border_radius=st.px(6))
    colour = pal.on_accent if focused else pal.text
    look.kit.line(surface, label, "bold", px, colour, r.center, anchor="center")
    return r


class Buttons:
    """One focus for a group of buttons, moved by keys and by the mouse."""

    def __init__(self, items: list[Button] | None = None, focus: int = 0):
        self.items: list[Button] = list(items or [])
        self.focus = focus

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    @property
    def focused(self) -> Button | None:
        if 0 <= self.focus < len(self.items):
            return self.items[self.focus]
        return None

    def set(self, items: list[Button], focus: int | None = None) -> None:
        self.items = list(items)
        if focus is not None:
            self.focus = focus
        self.focus = max(0, min(self.focus, len(self.items) - 1))

    def handle(self, intent):
        """True when the intent was used (focus moved or a button fired), False when it was
        meant for the buttons but changed nothing, `UNHANDLED` when it is not for buttons."""
        k = intent.kind
        if k not in BUTTON_INPUT:
            return UNHANDLED
        if not self.items:
            return False
        if k in (I.UP, I.DOWN, I.LEFT, I.RIGHT):
            return self._move(k)
        if k in (I.NEXT, I.PREV):
            self.focus = (self.focus + (1 if k == I.NEXT else -1)) % len(self.items)
            return True
        if k == I.CONFIRM:
            if self.focused:
                self.focused.activate()
            return True
        if k == I.POINT:
            for i, b in enumerate(self.items):
                if b.rect.collidepoint(intent.pos) and i != self.focus:
                    self.focus = i
                    return True
            return False
        if k == I.CLICK:
            for i, b in enumerate(self.items):
                if b.rect.collidepoint(intent.pos):
                    self.focus = i
                    b.activate()
                    return True
        return False

    def _move(self, direction: str) -> bool:
        here = self.focused.rect if self.focused else pygame.Rect(0, 0, 0, 0)
        dx, dy = {I.UP: (0, -1), I.DOWN: (0, 1), I.LEFT: (-1, 0), I.RIGHT: (1, 0)}[direction]
        best, best_cost = None, None
        for i, b in enumerate(self.items):
            if i == self.focus:
                continue
            vx, vy = b.rect.centerx - here.centerx, b.rect.centery - here.centery
            along = vx * dx + vy * dy
            if along <= 0:
                continue
            across = abs(vx * dy) + abs(vy * dx)
            # Only what lies that way: inside a 45° cone, or level with this button.
            if dx:
                level = b.rect.top < here.bottom and here.top < b.rect.bottom
            else:
                level = b.rect.left < here.right and here.left < b.rect.right
            if across > along and not level:
                continue
            if level:
                across = 0  # side by side counts as straight ahead
            cost = along + 2 * across  # prefer buttons straight ahead
            if best_cost is None or cost < best_cost:
                best, best_cost = i, cost
        if best is None:
            return False
        self.focus = best
        return True

    def draw(self, surface, look, role: str = "body", px: int | None = None) -> None:
        for i, b in enumerate(self.items):
            if px is None:
                b.draw(surface, look, i == self.focus, role)
            else:
                b.draw(surface, look, i == self.focus, role, px)


def panel(surface, look, rect, fill=None, border=None, radius: float = 14, width: float = 1):
    pal, st = look.pal, look.stage
    pygame.draw.rect(surface, fill or pal.panel, rect, border_radius=st.px(radius))
    if border is not False:
        pygame.draw.rect(
            surface, border or pal.border, rect, width=st.px(width), border_radius=st.px(radius)
        )


def chip(surface, look, text: str, topleft, colour=None, fill=None, role="caption") -> pygame.Rect:
    """A rounded tag chip; returns its rect."""
    pal, st = look.pal, look.stage
    px = look.px(role)
    w, _ = look.kit.size(text, "semibold", px)
    r = pygame.Rect(topleft[0], topleft[1], w + st.px(20), look.kit.line_height(px) + st.px(6))
    pygame.draw.rect(surface, fill or pal.raised, r, border_radius=r.height // 2)
    pygame.draw.rect(
        surface, colour or pal.border, r, width=st.px(1.5), border_radius=r.height // 2
    )
    look.kit.line(surface, text, "semibold", px, colour or pal.text, r.center, anchor="center")
    return r


def chip_width(look, text: str, role="caption") -> int:
    return look.kit.size(text, "semibold", look.px(role))[0] + look.stage.px(20)


def bar(surface, look, rect, fraction: float, colour=None) -> None:
    """A meter bar: the track, then the fill for `fraction` (0..1)."""
    pal = look.pal
    radius = rect.height // 2
    pygame.draw.rect(surface, pal.track, rect, border_radius=radius)
    fill = rect.copy()
    fill.width = round(rect.width * max(0.0, min(1.0, fraction)))
    if fill.width > 0:
        pygame.draw.rect(surface, colour or pal.gain, fill, border_radius=radius)


def pips(
    surface, look, center_left, filled: int, total: int, colour=None, max_width: int | None = None
) -> pygame.Rect:
    """●●○ as drawn circles, so they look the same in every font."""
    st, pal = look.stage, look.pal
    r = st.px(6)
    if max_width is not None and total:
        r = max(2, min(r, (max_width + r) // (3 * total)))
    x, y = center_left
    for i in range(total):
        c = (x + r + i * (3 * r), y)
        if i < filled:
            pygame.draw.circle(surface, colour or pal.accent, c, r)
        else:
            pygame.draw.circle(surface, pal.muted, c, r, width=max(1, st.px(1.5)))
    return pygame.Rect(x, y - r, total * 3 * r - r, 2 * r)


def ring(surface, look, center, radius: int, fraction: float, colour, width: int) -> None:
    """A countdown ring: the full track, then the arc still left, clockwise from the top."""
    pygame.draw.circle(surface, look.pal.track, center, radius, width=width)
    if fraction <= 0:
        return
    steps = max(8, int(72 * fraction))
    end = -math.pi / 2 + 2 * math.pi * fraction
    points = []
    for i in range(steps + 1):
        a = -math.pi / 2 + (end + math.pi / 2) * i / steps
        points.append((center[0] + radius * math.cos(a), center[1] + radius * math.sin(a)))
    inner = radius - width
    for i in range(steps, -1, -1):
        a = -math.pi / 2 + (end + math.pi / 2) * i / steps
        points.append((center[0] + inner * math.cos(a), center[1] + inner * math.sin(a)))
    if len(points) >= 3:
        pygame.draw.polygon(surface, colour, points)


def triangle(surface, colour, center, size: int, up: bool) -> None:
    """▲ or ▼ drawn, for signs that must not depend on a font."""
    x, y = center
    h = size
    pts = (
        [(x - h, y + h // 2), (x + h, y + h // 2), (x, y - h)]
        if up
        else [(x - h, y - h // 2), (x + h, y - h // 2), (x, y + h)]
    )
    pygame.draw.polygon(surface, colour, pts)


def button_width(look, b: Button, role: str = "body", least: int = 0) -> int:
    """A button's width in pixels for its whole label (and its keycap), never less than
    `least`."""
    st, kit = look.stage, look.kit
    px = look.px(role)
    style = "semibold" if b.kind in ("primary", "normal") else "regular"
    width = kit.size(b.label, style, px)[0] + 2 * st.px(14) + st.px(4)
    if b.hint:
        width += keycap_width(look, b.hint) + st.px(14)
    return max(least, width)


def flow(look, buttons, left: int, right: int, top: int, role: str = "body", gap: int = 12):
    """Lay `buttons` out left to right from `top`, wrapping onto more lines when larger text
    needs it; each is as wide as its label. Returns the height used, in pixels."""
    st, kit = look.stage, look.kit
    h = max(st.px(50), kit.line_height(look.px(role)) + st.px(18))
    x, y = left, top
    for b in buttons:
        w = min(right - left, button_width(look, b, role, st.px(200)))
        if x > left and x + w > right:
            x, y = left, y + h + gap
        b.rect = pygame.Rect(x, y, w, h)
        x += w + gap
    return y + h - top if buttons else 0


def cues(surface, app, parts, x: int, y: int, gap: int = 20) -> int:
    """Scroll cues in a row, each a small triangle and its words (`parts`: (up, words));
    returns where the row ends."""
    st, pal, kit = app.stage, app.pal, app.kit
    for up, words in parts:
        triangle(surface, pal.muted, (x + st.px(7), y), st.px(6), up)
        r = kit.line(
            surface,
            words,
            "semibold",
            app.px("caption"),
            pal.muted,
            (x + st.px(gap), y),
            anchor="midleft",
        )
        x = r.right + st.px(24)
    return x
