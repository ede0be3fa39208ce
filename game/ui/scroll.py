"""A scrolling panel: a view onto content taller than the room it has.

Larger text makes panels longer instead of making their text smaller; a `ScrollView` then
moves the content under a fixed view with the wheel, Page Up / Page Down and Home / End, and
keeps a focused item in sight. The cue ("▲ more" / "▼ more") is drawn only when there is
more that way. Positions are in pixels: `top(y)` turns a content position into the window's.
"""

from __future__ import annotations

import pygame

from game.ui import intents as I
from game.ui.scene import UNHANDLED

SCROLL_KEYS = frozenset({I.SCROLL, I.PAGE_UP, I.PAGE_DOWN, I.HOME, I.END})
WHEEL_LINES = 3  # one notch of the wheel moves this many lines of text


class ScrollView:
    def __init__(self) -> None:
        self.view = pygame.Rect(0, 0, 0, 0)
        self.content = 0  # the content's height in pixels
        self.offset = 0  # how far the content is scrolled up

    def set(self, view: pygame.Rect, content: int) -> None:
        self.view = pygame.Rect(view)
        self.content = max(0, int(content))
        self.offset = self._clamp(self.offset)

    @property
    def max_offset(self) -> int:
        return max(0, self.content - self.view.height)

    @property
    def more_above(self) -> bool:
        return self.offset > 0

    @property
    def more_below(self) -> bool:
        return self.offset < self.max_offset

    def _clamp(self, offset: int) -> int:
        return max(0, min(self.max_offset, int(offset)))

    def to(self, offset: int) -> bool:
        """Scroll to `offset`; True when the content moved."""
        new = self._clamp(offset)
        moved = new != self.offset
        self.offset = new
        return moved

    def top(self, y: int) -> int:
        """The window's y for content position `y`."""
        return self.view.top + y - self.offset

    def shows(self, rect: pygame.Rect) -> bool:
        """True when `rect` (in window positions) lies wholly in the view."""
        return self.view.contains(rect)

    def reveal(self, top: int, bottom: int) -> bool:
        """Scroll the least needed so content from `top` to `bottom` is in view."""
        if bottom - top >= self.view.height or top < self.offset:
            return self.to(top)
        if bottom > self.offset + self.view.height:
            return self.to(bottom - self.view.height)
        return False

    def handle(self, intent, line: int):
        """Wheel, Page Up/Down, Home/End: True when the content moved, False when it could
        not move that way, `UNHANDLED` for other input. `line` is a line of text in pixels."""
        k = intent.kind
        if k not in SCROLL_KEYS:
            return UNHANDLED
        page = max(line, self.view.height - line)  # a page keeps one line in sight
        target = {
            I.SCROLL: self.offset - intent.number * WHEEL_LINES * line,
            I.PAGE_UP: self.offset - page,
            I.PAGE_DOWN: self.offset + page,
            I.HOME: 0,
            I.END: self.max_offset,
        }[k]
        return self.to(target)

    def cue_text(self) -> str:
        """ "▲ more", "▼ more" or "▲ ▼ more" where there is more; "" when it all shows."""
        marks = [m for m, more in (("▲", self.more_above), ("▼", self.more_below)) if more]
        return f"{' '.join(marks)} more" if marks else ""

    def draw_cue(self, surface, look) -> None:
        """ "▲ more" at the view's top and "▼ more" at its bottom, only where there is more."""
        pal, kit = look.pal, look.kit
        px = look.px("caption")
        pad = look.stage.px(8)
        for more, text, anchor, pos in (
            (self.more_above, "▲ more", "topright", (self.view.right - pad, self.view.top + pad)),
            (
                self.more_below,
                "▼ more",
                "bottomright",
                (self.view.right - pad, self.view.bottom - pad),
            ),
        ):
            if not more:
                continue
            w = kit.size(text, "semibold", px)[0]
            label = pygame.Rect(0, 0, w + 2 * pad, kit.line_height(px) + pad // 2)
            setattr(label, anchor, (pos[0] + pad, pos[1] + (-pad if "top" in anchor else pad)))
            label.clamp_ip(self.view)
            pygame.draw.rect(surface, pal.raised, label, border_radius=label.height // 2)
            pygame.draw.rect(
                surface, pal.border, label, width=look.stage.px(1), border_radius=label.height // 2
            )
            kit.box(surface, text, "semibold", px, pal.text, label, "center", "middle", min_px=px)
