"""The stage: a 16:9 area centred in the window, measured in units.

`u = min(width / 1280, height / 720)`; a layout written for 1280×720 at `u = 1` serves every
window from 1024×600 to 3840×2160. `Stage.rect(x, y, w, h)` turns units into pixels.
"""

from __future__ import annotations

from typing import NamedTuple

import pygame

BASE_W, BASE_H = 1280, 720
MIN_SIZE = (1024, 600)


class Stage(NamedTuple):
    width: int
    height: int

    @property
    def u(self) -> float:
        return min(self.width / BASE_W, self.height / BASE_H)

    @property
    def origin(self) -> tuple[int, int]:
        """Top-left of the stage: the 16:9 area is centred, the margins get the background."""
        u = self.u
        return (round((self.width - BASE_W * u) / 2), round((self.height - BASE_H * u) / 2))

    @property
    def area(self) -> pygame.Rect:
        return self.rect(0, 0, BASE_W, BASE_H)

    def px(self, units: float) -> int:
        return max(1, round(units * self.u))

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A rect given in stage units (0..1280, 0..720), in window pixels."""
        u = self.u
        ox, oy = self.origin
        left, top = ox + round(x * u), oy + round(y * u)
        return pygame.Rect(left, top, round((x + w) * u) + ox - left, round((y + h) * u) + oy - top)
