"""Buyers drawn by the game: head, hair, shoulders and a face whose brows, eyes and mouth
change with the mood. The look is seeded by the buyer's name, so the same buyer always
looks the same; each (buyer, mood, size) is drawn once and reused. A scenario's own
portrait image replaces the drawing (the mood is still written under it).
"""

from __future__ import annotations

import math
import random
import zlib
from collections import OrderedDict
from pathlib import Path

import pygame

SKIN = [
    (255, 219, 186),
    (241, 194, 150),
    (224, 172, 125),
    (198, 134, 92),
    (161, 102, 64),
    (120, 76, 48),
    (92, 58, 38),
]
HAIR = [
    (36, 28, 24),
    (66, 44, 30),
    (112, 74, 44),
    (168, 120, 70),
    (210, 170, 110),
    (140, 140, 146),
    (60, 60, 66),
    (130, 52, 36),
]
CLOTHES = [
    (46, 74, 120),
    (70, 96, 84),
    (112, 60, 72),
    (60, 60, 72),
    (150, 110, 60),
    (40, 90, 110),
    (96, 78, 130),
    (130, 130, 140),
]
BACKDROP = [(58, 78, 110), (74, 96, 92), (96, 74, 96), (70, 84, 120), (100, 90, 70)]
HAIRSTYLES = ("short", "long", "bun", "curly", "crop", "side", "bald")


def features(name: str) -> dict:
    """The stable look of a buyer: the same name always gives the same face."""
    rng = random.Random(zlib.crc32(name.encode("utf-8")))
    return {
        "skin": rng.choice(SKIN),
        "hair": rng.choice(HAIR),
        "clothes": rng.choice(CLOTHES),
        "backdrop": rng.choice(BACKDROP),
        "style": rng.choice(HAIRSTYLES),
        "face_w": rng.uniform(0.24, 0.28),
        "glasses": rng.random() < 0.3,
        "collar": rng.choice(("shirt", "turtle", "open")),
        "beard": rng.random() < 0.2,
    }


def _shade(c, f):
    return tuple(max(0, min(255, round(v * f))) for v in c)


def draw_portrait(name: str, mood: str, size: int) -> pygame.Surface:
    """A `size`×`size` portrait, drawn twice as large and scaled down for smooth edges."""
    f = features(name)
    s = size * 2
    surf = pygame.Surface((s, s), pygame.SRCALPHA)

    def P(x, y):
        return (round(x * s), round(y * s))

    def R(x, y, w, h):
        return pygame.Rect(round(x * s), round(y * s), round(w * s), round(h * s))

    surf.fill(f["backdrop"])
    pygame.draw.circle(surf, _shade(f["backdrop"], 1.12), P(0.5, 0.44), round(0.46 * s))
    pygame.draw.circle(surf, _shade(f["backdrop"], 1.22), P(0.5, 0.42), round(0.36 * s))
    fw = f["face_w"]
    skin, hair, cloth = f["skin"], f["hair"], f["clothes"]
    style = f["style"]
    # Hair that falls behind the head and shoulders.
    if style == "long":
        pygame.draw.ellipse(surf, _shade(hair, 0.9), R(0.5 - fw - 0.06, 0.16, 2 * fw + 0.12, 0.66))
    # Jacket, shirt and neck.
    pygame.draw.ellipse(surf, cloth, R(0.06, 0.72, 0.88, 0.56))
    pygame.draw.rect(surf, _shade(skin, 0.88), R(0.5 - 0.075, 0.58, 0.15, 0.2))
    pygame.draw.ellipse(
        surf, _shade(skin, 0.74), R(0.5 - 0.075, 0.6, 0.15, 0.06)
    )  # shadow under the chin
    if f["collar"] == "turtle":
        pygame.draw.rect(
            surf,
            _shade(cloth, 0.78),
            R(0.5 - 0.095, 0.7, 0.19, 0.09),
            border_radius=round(0.035 * s),
        )
    else:
        inner = (236, 236, 242) if f["collar"] == "shirt" else _shade(skin, 0.88)
        pygame.draw.polygon(surf, inner, [P(0.41, 0.74), P(0.5, 0.9), P(0.59, 0.74)])
        lapel = _shade(cloth, 0.78)
        pygame.draw.polygon(surf, lapel, [P(0.41, 0.74), P(0.5, 0.92), P(0.44, 0.98), P(0.33, 0.8)])
        pygame.draw.polygon(surf, lapel, [P(0.59, 0.74), P(0.5, 0.92), P(0.56, 0.98), P(0.67, 0.8)])
    if style == "curly":
        for cx, cy in (
            (0.29, 0.31),
            (0.71, 0.31),
            (0.5, 0.15),
            (0.35, 0.19),
            (0.65, 0.19),
            (0.27, 0.43),
            (0.73, 0.43),
        ):
            pygame.draw.circle(surf, hair, P(cx, cy), round(0.1 * s))
    elif style == "bun":
        pygame.draw.circle(surf, hair, P(0.5, 0.12), round(0.075 * s))
    # Ears and head.
    for ex in (0.5 - fw - 0.025, 0.5 + fw - 0.045):
        pygame.draw.ellipse(surf, _shade(skin, 0.94), R(ex, 0.37, 0.07, 0.12))
    pygame.draw.ellipse(surf, skin, R(0.5 - fw, 0.17, 2 * fw, 0.5))
    if f["beard"]:
        # Drawn as a full ellipse, kept only below the cheekbones.
        layer = pygame.Surface((s, s), pygame.SRCALPHA)
        pygame.draw.ellipse(layer, hair, R(0.5 - fw + 0.012, 0.4, 2 * fw - 0.024, 0.272))
        cut = round(0.55 * s)
        surf.blit(layer, (0, cut), pygame.Rect(0, cut, s, s - cut))
    # Hair on top, with a curved hairline carved back out in skin.
    cap = R(0.5 - fw - 0.018, 0.135, 2 * fw + 0.036, 0.22)
    forehead = R(0.5 - fw + 0.03, 0.245, 2 * fw - 0.06, 0.22)
    if style in ("short", "bun", "long", "curly", "side"):
        pygame.draw.ellipse(surf, hair, cap)
        for side in (0.5 - fw - 0.018, 0.5 + fw - 0.032):  # down to the ears
            pygame.draw.rect(surf, hair, R(side, 0.24, 0.05, 0.13), border_radius=round(0.02 * s))
        pygame.draw.ellipse(surf, skin, forehead)
        if style == "side":
            pygame.draw.polygon(
                surf,
                hair,
                [
                    P(0.5 - fw + 0.02, 0.3),
                    P(0.45, 0.22),
                    P(0.5 + fw - 0.01, 0.26),
                    P(0.5 + fw - 0.03, 0.31),
                    P(0.5, 0.27),
                ],
            )
    elif style == "crop":  # close-cropped: the head's own outline, a short hairline
        pygame.draw.ellipse(surf, hair, R(0.5 - fw - 0.004, 0.162, 2 * fw + 0.008, 0.24))
        for side in (0.5 - fw - 0.004, 0.5 + fw - 0.026):
            pygame.draw.rect(surf, hair, R(side, 0.26, 0.03, 0.09), border_radius=round(0.015 * s))
        pygame.draw.ellipse(surf, skin, R(0.5 - fw + 0.026, 0.226, 2 * fw - 0.052, 0.26))
    else:  # bald: a little hair above the ears
        for side in (0.5 - fw - 0.012, 0.5 + fw - 0.028):
            pygame.draw.rect(
                surf, _shade(hair, 1.1), R(side, 0.3, 0.04, 0.08), border_radius=round(0.02 * s)
            )
    _face(surf, mood, s, P, R, skin, hair, f["glasses"], f["beard"])
    return pygame.transform.smoothscale(surf, (size, size))


def _face(surf, mood, s, P, R, skin, hair, glasses, beard=False):
    dark = (40, 30, 28)
    brow = _shade(hair, 0.8) if sum(hair) > 200 else hair
    w = max(2, round(0.014 * s))
    eye_y = 0.43
    # Eyes: wide, normal, narrowed, or the closed arcs of a happy face.
    open_h = {"interested": 0.045, "impressed": 0.055, "skeptical": 0.026, "annoyed": 0.024}.get(
        mood, 0.038
    )
    for ex in (0.41, 0.59):
        if mood == "pleased":
            pygame.draw.arc(surf, dark, R(ex - 0.035, eye_y - 0.02, 0.07, 0.05), 0.3, 2.85, w)
        else:
            pygame.draw.ellipse(
                surf, (250, 250, 250), R(ex - 0.035, eye_y - open_h / 2, 0.07, open_h)
            )
            iris = min(open_h, 0.036)
            pygame.draw.ellipse(surf, dark, R(ex - 0.018, eye_y - iris / 2, 0.036, iris))
            pygame.draw.circle(
                surf, (255, 255, 255), P(ex + 0.007, eye_y - iris / 4), max(1, round(0.006 * s))
            )
    if mood in ("pleased", "impressed"):  # a warm flush on the cheeks
        flush = pygame.Surface((s, s), pygame.SRCALPHA)
        for cx in (0.375, 0.625):
            pygame.draw.ellipse(flush, (235, 110, 110, 55), R(cx - 0.04, 0.49, 0.08, 0.045))
        surf.blit(flush, (0, 0))
    # Brows: (inner y, outer y) per side, relative to the eyes.
    brows = {
        "neutral": ((-0.055, -0.055), (-0.055, -0.055)),
        "interested": ((-0.075, -0.07), (-0.075, -0.07)),
        "skeptical": ((-0.05, -0.05), (-0.085, -0.075)),
        "annoyed": ((-0.035, -0.065), (-0.035, -0.065)),
        "impressed": ((-0.09, -0.08), (-0.09, -0.08)),
        "pleased": ((-0.065, -0.06), (-0.065, -0.06)),
    }.get(mood, ((-0.055, -0.055), (-0.055, -0.055)))
    (li, lo), (ri, ro) = brows
    bw = max(3, round(0.018 * s))
    pygame.draw.line(surf, brow, P(0.365, eye_y + lo), P(0.45, eye_y + li), bw)
    pygame.draw.line(surf, brow, P(0.55, eye_y + ri), P(0.635, eye_y + ro), bw)
    if glasses:
        for ex in (0.41, 0.59):
            pygame.draw.ellipse(
                surf, (30, 30, 36), R(ex - 0.055, eye_y - 0.04, 0.11, 0.08), max(2, w // 2 + 1)
            )
        pygame.draw.line(surf, (30, 30, 36), P(0.465, eye_y), P(0.535, eye_y), max(2, w // 2))
    # Nose.
    pygame.draw.line(surf, _shade(skin, 0.78), P(0.5, 0.46), P(0.49, 0.52), max(2, w - 1))
    # Mouth (on a beard, the lips show through).
    mouth = _shade(skin, 0.55)
    my = 0.585
    if beard:
        pygame.draw.ellipse(surf, _shade(skin, 0.9), R(0.435, my - 0.028, 0.13, 0.056))
    if mood == "pleased":
        # An open smile: the lower half of an ellipse, teeth along its top edge.
        cx, cy, rx, ry = 0.5 * s, (my - 0.004) * s, 0.068 * s, 0.04 * s
        smile = [
            (cx + rx * math.cos(a / 20 * math.pi), cy + ry * math.sin(a / 20 * math.pi))
            for a in range(21)
        ]
        pygame.draw.polygon(surf, (120, 40, 40), smile)
        pygame.draw.rect(surf, (250, 250, 250), R(0.45, my - 0.004, 0.1, 0.014))
    elif mood == "interested":
        pygame.draw.arc(surf, mouth, R(0.44, my - 0.04, 0.12, 0.06), 3.5, 5.9, w)
    elif mood == "impressed":
        pygame.draw.ellipse(surf, (110, 40, 40), R(0.475, my - 0.02, 0.05, 0.05))
    elif mood == "annoyed":
        pygame.draw.arc(surf, mouth, R(0.44, my, 0.12, 0.06), 0.5, 2.65, w)
    elif mood == "skeptical":
        pygame.draw.line(surf, mouth, P(0.45, my + 0.01), P(0.55, my - 0.012), w)
    else:
        pygame.draw.line(surf, mouth, P(0.45, my), P(0.55, my), w)


class Portraits:
    """Portraits by (buyer, mood, size), each drawn or loaded once."""

    def __init__(self, limit: int = 64):
        self._cache: OrderedDict = OrderedDict()  # the newest at the end; resizing adds sizes
        self._images: dict = {}
        self.limit = limit

    def get(
        self, name: str, mood: str, size: int, image: Path | None = None, round_: bool = False
    ) -> pygame.Surface:
        """The portrait as a square, or as a disc with `round_` (for thumbnails)."""
        key = (name, mood, size, str(image) if image else None, round_)
        surf = self._cache.get(key)
        if surf is None:
            if round_:
                # Closer in than the square portrait, so a small disc still shows the face.
                big = round(size * 1.35)
                square = self.get(name, mood, big, image)
                surf = pygame.Surface((size, size), pygame.SRCALPHA)
                surf.blit(square, (-(big - size) // 2, -round((big - size) * 0.35)))
                mask = pygame.Surface((size, size), pygame.SRCALPHA)
                pygame.draw.circle(mask, (255, 255, 255, 255), (size // 2, size // 2), size // 2)
                surf.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
            else:
                base = self._image(image) if image else None
                if base is not None:
                    surf = pygame.transform.smoothscale(base, (size, size))
                else:
                    surf = draw_portrait(name, mood, size)
            self._cache[key] = surf
            if len(self._cache) > self.limit:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return surf

    def _image(self, path: Path):
        if path not in self._images:
            try:
                img = pygame.image.load(str(path))
                w, h = img.get_size()
                side = min(w, h)
                # Square crop from the top centre: faces sit high in most photos.
                self._images[path] = img.subsurface(
                    pygame.Rect((w - side) // 2, 0, side, side)
                ).copy()
            except (pygame.error, OSError, FileNotFoundError, ValueError):
                self._images[path] = None  # the format says: draw the default portrait
        return self._images[path]
