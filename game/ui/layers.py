"""Drawn layers kept between frames: a screen's parts painted once and blitted back while
nothing they show has changed.

A layer is a rect of the window copied right after its part was drawn there, over what lay
under it (the stage's backdrop, and any layer drawn before it this frame), so blitting it back
gives the very pixels a fresh drawing would. Its key names everything its part reads; a layer
over another one also depends on that one's version, and every layer on what lies under them
all (`begin`'s base). The text records a drawing leaves (`TextKit.drawn`, `cut`, `shrunk`,
`sizes_drawn`) are kept with the layer and given back each time it is blitted, so the layout
checks see the frame as if it were drawn afresh.

Layers are copied only on a whole frame: a clipped frame (a patch) draws what it must and
keeps nothing. A part that changes every frame (a line being revealed) is drawn with
`keep=False`: the copy would never be used.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pygame

# Layers start and end on whole 64-byte lines (16 pixels of 32 bits): SDL copies 16-byte
# aligned rows with streaming stores, and a row ending part-way through a line made the
# buyer's card (436 px wide at x 24) blit in 0.15 ms instead of 0.025 at 1280x720.
ALIGN = 16


class Layer:
    __slots__ = ("key", "rect", "pixels", "drawn", "sizes", "cut", "shrunk", "version", "restore")

    def __init__(self, key, rect, pixels, records, version: int, restore):
        self.key = key
        self.rect = rect
        self.pixels = pixels
        self.drawn, self.sizes, self.cut, self.shrunk = records
        self.version = version
        self.restore = restore  # puts back what drawing the part set on its screen, or None

    def under(self, rect: pygame.Rect) -> pygame.Surface | None:
        """This layer's pixels under `rect` (no copy), or None when `rect` is not all in it."""
        if not self.rect.contains(rect):
            return None
        return self.pixels.subsurface(rect.move(-self.rect.left, -self.rect.top))


class Layers:
    """One screen's layers, by name."""

    def __init__(self, app):
        self.app = app
        self.kept: dict[str, Layer] = {}
        self.whole = True  # this frame is drawn whole (not clipped to a patch)
        self._base = None
        self._drawn: list[tuple[pygame.Rect, int]] = []  # this frame's parts: (rect, version)
        self._versions = itertools.count(1)

    def clear(self) -> None:
        """Forget every layer: the next frame draws each part afresh."""
        self.kept.clear()

    def drop(self, name: str) -> None:
        """Forget one layer (its part is gone from the screen)."""
        self.kept.pop(name, None)

    def begin(self, surface, base) -> None:
        """A frame starts; `base` names what lies under every layer (the backdrop)."""
        self._drawn = []
        self.whole = surface.get_clip() == surface.get_rect()
        if base != self._base:
            self.kept.clear()
            self._base = base

    def draw(
        self,
        surface,
        name: str,
        rect: pygame.Rect,
        key,
        paint: Callable[[pygame.Surface], Callable[[], None] | None],
        keep: bool = True,
    ) -> Layer | None:
        """Blit layer `name` when its key and what lies under it are unchanged; else call
        `paint(surface)` (which may return what to call when the layer is reused) and keep the
        result. Everything `paint` draws must lie inside `rect` (which is widened to whole
        columns of ALIGN pixels). Returns the layer, or None when nothing was kept."""
        rect = aligned(rect, surface.get_rect())
        under = tuple(v for r, v in self._drawn if r.colliderect(rect))
        key = (key, tuple(rect), under)
        layer = self.kept.get(name)
        if layer is not None and layer.key == key:
            surface.blit(layer.pixels, rect)
            self._give_back(surface, layer)
            if layer.restore is not None:
                layer.restore()
            self._drawn.append((rect, layer.version))
            return layer
        records = self._record(surface, paint)
        version = next(self._versions)
        layer = None
        # A layer over a part that was not kept could never be reused: keep nothing.
        if keep and self.whole and rect.width and rect.height and all(v > 0 for v in under):
            pixels = surface.subsurface(rect).copy()
            layer = self.kept[name] = Layer(key, rect, pixels, records[:4], version, records[4])
        else:
            self.kept.pop(name, None)
            version = -version
        self._drawn.append((rect, version))
        return layer

    def _record(self, surface, paint) -> tuple:
        """Call `paint`, collecting the text records it leaves (they still reach the kit)."""
        kit = self.app.kit
        saved = kit.drawn, kit.sizes_drawn, kit.cut, kit.shrunk
        drawn, sizes, cut, shrunk = [], set(), [], []
        kit.drawn, kit.sizes_drawn, kit.cut, kit.shrunk = drawn, sizes, cut, shrunk
        try:
            restore = paint(surface)
        finally:
            kit.drawn, kit.sizes_drawn, kit.cut, kit.shrunk = saved
            _extend(kit, drawn, sizes, cut, shrunk)
        return drawn, sizes, cut, shrunk, restore

    def _give_back(self, surface, layer: Layer) -> None:
        """The layer's text records, as the kit would make them on this frame (a clipped frame
        records only what shows inside its clip)."""
        drawn, clip = layer.drawn, surface.get_clip()
        if clip != surface.get_rect():
            drawn = [(box.clip(clip), ink.clip(clip)) for box, ink in drawn]
        _extend(self.app.kit, drawn, layer.sizes, layer.cut, layer.shrunk)


def aligned(rect: pygame.Rect, bounds: pygame.Rect) -> pygame.Rect:
    """`rect` widened to whole ALIGN-pixel columns, within `bounds`."""
    left = rect.left - rect.left % ALIGN
    right = -(-rect.right // ALIGN) * ALIGN
    return pygame.Rect(left, rect.top, right - left, rect.height).clip(bounds)


def _extend(kit, drawn, sizes, cut, shrunk) -> None:
    kit.drawn.extend(drawn)
    kit.sizes_drawn |= sizes
    kit.cut.extend(cut)
    kit.shrunk.extend(shrunk)
