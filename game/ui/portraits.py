"""Buyers drawn by the game: adult faces whose brows, eyes and mouth show six moods.

The look comes from `buyer.look` (presentation, skin, age, hair, glasses, clothes...); what
the scenario leaves out is picked from the buyer's name, so the same buyer always looks the
same and two buyers rarely look alike. Each (buyer, mood, size, blink) is drawn once, at
twice the size and scaled down for smooth edges, and reused. A scenario's own portrait image
replaces the drawing (the mood is still written beside it).
"""

from __future__ import annotations

import math
import random
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

import pygame

from game.content.model import LOOK_VALUES, Look

SKIN = {
    "pale": (250, 222, 204),
    "light": (238, 197, 164),
    "medium": (214, 163, 120),
    "olive": (190, 142, 98),
    "brown": (146, 96, 62),
    "dark": (96, 62, 42),
}
HAIR_COLOUR = {
    "black": (30, 26, 26),
    "dark-brown": (62, 42, 30),
    "brown": (104, 70, 44),
    "auburn": (128, 58, 34),
    "blonde": (214, 178, 112),
    "red": (170, 74, 38),
    "grey": (150, 150, 156),
    "white": (222, 222, 226),
}
CLOTHES_COLOUR = {
    "navy": (38, 52, 92),
    "charcoal": (58, 60, 68),
    "black": (30, 30, 36),
    "grey": (116, 120, 130),
    "blue": (52, 96, 160),
    "teal": (34, 110, 116),
    "green": (58, 96, 70),
    "burgundy": (112, 38, 54),
    "plum": (88, 56, 100),
    "camel": (170, 132, 86),
    "white": (226, 226, 230),
}
BACKDROPS = [(58, 72, 98), (66, 88, 86), (86, 70, 92), (70, 80, 108), (92, 84, 70)]
STYLES = {
    "woman": ("bob", "long", "bun", "ponytail", "braids", "curly", "afro", "side-part", "short"),
    "man": ("short", "cropped", "side-part", "curly", "afro", "bald", "short", "cropped"),
    "neutral": ("short", "cropped", "curly", "bob", "side-part", "afro"),
}
# A few given names in the bundled scenarios and beyond; anything else goes by its ending.
WOMEN = set(
    [
        "maria",
        "dana",
        "amara",
        "priya",
        "renata",
        "helen",
        "janet",
        "ingrid",
        "sam",
        "sunita",
        "ana",
        "anna",
        "sofia",
        "emma",
        "olivia",
        "fatima",
        "aisha",
        "mei",
        "li",
        "ngozi",
        "chioma",
        "yuki",
        "keiko",
        "elena",
        "laura",
        "sarah",
        "julia",
        "claire",
        "grace",
        "rosa",
        "carmen",
        "lucia",
        "marta",
        "ines",
        "zara",
        "nadia",
        "leila",
        "amina",
        "hannah",
        "kate",
        "alice",
        "joan",
        "ruth",
    ]
)
MEN = set(
    [
        "rafael",
        "tomás",
        "tomas",
        "david",
        "james",
        "john",
        "michael",
        "daniel",
        "omar",
        "ahmed",
        "kwame",
        "kofi",
        "raj",
        "arjun",
        "wei",
        "chen",
        "hiro",
        "kenji",
        "luca",
        "marco",
        "pierre",
        "jean",
        "hans",
        "lars",
        "sven",
        "erik",
        "jorge",
        "carlos",
        "diego",
        "pedro",
        "luis",
        "ivan",
        "igor",
        "mark",
        "paul",
        "peter",
        "tom",
        "ben",
        "sean",
        "liam",
        "noah",
        "oliver",
        "tomasz",
        "piotr",
        "jan",
        "marek",
        "pawel",
        "andrzej",
        "jakub",
        "lukas",
        "stefan",
        "klaus",
        "jurgen",
        "jürgen",
        "ali",
        "mehmet",
        "emre",
        "kemal",
    ]
)


class Features(NamedTuple):
    """A buyer's look, every part decided (a named tuple: a frozen dataclass took some 1 ms
    to make when the library's first frame imports this module for its thumbnails)."""

    presentation: str
    skin: str
    age: str
    hair: str
    hair_colour: str
    facial_hair: str
    glasses: str
    clothes: str
    clothes_colour: str
    backdrop: tuple
    face_w: float  # half the face's width, in portrait units


def _presentation(name: str, rng: random.Random) -> str:
    first = name.strip().split(" ")[0].lower() if name.strip() else ""
    if first in WOMEN:
        return "woman"
    if first in MEN:
        return "man"
    if first.endswith(("a", "e", "i")) and len(first) > 2:
        return "woman"
    return rng.choice(("woman", "man"))


def features(name: str, look: Look | None = None) -> Features:
    """The stable look of a buyer: `look` where it says, the name's seed for the rest."""
    look = look or Look()
    rng = random.Random(zlib.crc32(name.encode("utf-8")))
    presentation = look.presentation or _presentation(name, rng)
    age = look.age or rng.choices(("young", "middle", "senior"), (4, 5, 2))[0]
    hair = look.hair or rng.choice(STYLES[presentation])
    if look.hair_colour:
        hair_colour = look.hair_colour
    elif age == "senior" and rng.random() < 0.75:
        hair_colour = rng.choice(("grey", "white"))
    else:
        hair_colour = rng.choice(("black", "dark-brown", "brown", "auburn", "blonde", "black"))
    if look.facial_hair:
        facial = look.facial_hair
    elif presentation == "man" and rng.random() < 0.4:
        facial = rng.choice(("stubble", "moustache", "beard"))
    else:
        facial = "none"
    return Features(
        presentation=presentation,
        skin=look.skin or rng.choice(LOOK_VALUES["skin"]),
        age=age,
        hair=hair,
        hair_colour=hair_colour,
        facial_hair=facial,
        glasses=look.glasses
        or ("none" if rng.random() < 0.65 else rng.choice(("round", "square"))),
        clothes=look.clothes or rng.choice(("suit", "blazer", "shirt", "sweater", "blazer")),
        clothes_colour=look.clothes_colour
        or rng.choice(("navy", "charcoal", "blue", "teal", "green", "burgundy", "plum", "camel")),
        backdrop=rng.choice(BACKDROPS),
        face_w=rng.uniform(0.145, 0.16) * (1.04 if presentation == "man" else 1.0),
    )


def _shade(c, f):
    return tuple(max(0, min(255, round(v * f))) for v in c[:3])


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3], strict=True))


# The 13 points of a quadratic curve's stroke: each point's weights for the three given.
BEZIER = tuple(((1 - t) ** 2, 2 * (1 - t) * t, t * t) for t in (i / 12 for i in range(13)))


LAYER_MARGIN = 3  # pixels round a layer's box: strokes and rounding stay inside it


class _Pen:
    """Portrait units (0..1 across) to pixels on a surface `s` pixels square.

    A pen for a small layer (an eye) keeps the whole portrait's scale `s` and draws at the
    same pixels less the layer's `origin`, so the layer is only as large as what it holds."""

    def __init__(self, surf: pygame.Surface, s: int | None = None, origin=(0, 0)):
        self.surf = surf
        self.s = surf.get_width() if s is None else s
        self.ox, self.oy = origin

    def p(self, x, y):
        return (round(x * self.s) - self.ox, round(y * self.s) - self.oy)

    def r(self, x, y, w, h):
        s = self.s
        return pygame.Rect(
            round(x * s) - self.ox,
            round(y * s) - self.oy,
            max(1, round(w * s)),
            max(1, round(h * s)),
        )

    def w(self, units):
        return max(1, round(units * self.s))

    def layer(self, x, y, w, h):
        """A clear layer over a box in units, its pen drawing at this pen's pixels, and where
        to blit it back: only as large as what it holds (and a margin), not the portrait."""
        box = self.r(x, y, w, h).inflate(LAYER_MARGIN * 2, LAYER_MARGIN * 2)
        surf = pygame.Surface(box.size, pygame.SRCALPHA)
        return surf, _Pen(surf, self.s, (self.ox + box.x, self.oy + box.y)), box

    def ellipse(self, colour, x, y, w, h, width=0):
        pygame.draw.ellipse(self.surf, colour, self.r(x, y, w, h), width)

    def poly(self, colour, points, width=0):
        pygame.draw.polygon(self.surf, colour, [self.p(x, y) for x, y in points], width)

    def line(self, colour, a, b, width):
        pygame.draw.line(self.surf, colour, self.p(*a), self.p(*b), self.w(width))

    def curve(self, colour, points, width):
        """A smooth stroke through `points` (a quadratic curve for three points)."""
        s, ox, oy = self.s, self.ox, self.oy
        if len(points) == 3:
            (x0, y0), (x1, y1), (x2, y2) = points
            pixels = [
                (
                    round((a * x0 + b * x1 + c * x2) * s) - ox,
                    round((a * y0 + b * y1 + c * y2) * s) - oy,
                )
                for a, b, c in BEZIER
            ]
        else:
            pixels = [(round(x * s) - ox, round(y * s) - oy) for x, y in points]
        pygame.draw.lines(self.surf, colour, False, pixels, self.w(width))
        r = max(1, self.w(width) // 2)
        for end in (pixels[0], pixels[-1]):  # a curve starts and ends on its given points
            pygame.draw.circle(self.surf, colour, end, r)


# Per mood: brow (inner lift, outer lift) per side in face units (up is positive), the eye's
# opening, how far the lower lid rises (a smile's eyes), and the mouth's shape.
MOODS = {
    "neutral": {"brows": ((0.0, 0.0), (0.0, 0.0)), "eye": 1.0, "lid": 0.0, "mouth": "line"},
    "interested": {
        "brows": ((0.012, 0.008), (0.012, 0.008)),
        "eye": 1.12,
        "lid": 0.0,
        "mouth": "soft-smile",
    },
    "skeptical": {
        "brows": ((-0.008, -0.01), (0.03, 0.034)),
        "eye": 0.72,
        "lid": 0.25,
        "mouth": "smirk",
    },
    "annoyed": {
        "brows": ((-0.02, 0.006), (-0.02, 0.006)),
        "eye": 0.85,
        "lid": 0.15,
        "mouth": "frown",
    },
    "impressed": {
        "brows": ((0.03, 0.02), (0.03, 0.02)),
        "eye": 1.3,
        "lid": 0.0,
        "mouth": "open",
    },
    "pleased": {
        "brows": ((0.012, 0.004), (0.012, 0.004)),
        "eye": 0.8,
        "lid": 0.5,
        "mouth": "smile",
    },
}


def draw_portrait(
    name: str, mood: str, size: int, look: Look | None = None, blink: bool = False
) -> pygame.Surface:
    """A `size`×`size` portrait, drawn twice as large and scaled down for smooth edges."""
    f = features(name, look)
    s = size * 2
    surf = pygame.Surface((s, s), pygame.SRCALPHA)
    pen = _Pen(surf)
    surf.fill(f.backdrop)
    pygame.draw.circle(surf, _shade(f.backdrop, 1.1), pen.p(0.5, 0.46), pen.w(0.46))
    pygame.draw.circle(surf, _shade(f.backdrop, 1.2), pen.p(0.5, 0.42), pen.w(0.34))
    skin = SKIN[f.skin]
    hair = HAIR_COLOUR[f.hair_colour]
    fw = f.face_w
    top, chin = 0.17, 0.63  # the head, brow to chin: adult proportions
    _hair_back(pen, f, hair, fw, top)
    _body(pen, f, skin)
    # Ears, then the face: a skull and a narrower jaw make an oval, not a ball.
    for ex in (0.5 - fw - 0.018, 0.5 + fw - 0.018):
        pen.ellipse(_shade(skin, 0.92), ex, 0.37, 0.036, 0.075)
    pen.ellipse(skin, 0.5 - fw, top, 2 * fw, 0.34)
    jaw = 0.5 - fw * 0.86, 0.5 + fw * 0.86
    pen.poly(
        skin,
        [
            (0.5 - fw, 0.36),
            (jaw[0], 0.5),
            (0.5 - fw * 0.42, chin - 0.012),
            (0.5, chin),
            (0.5 + fw * 0.42, chin - 0.012),
            (jaw[1], 0.5),
            (0.5 + fw, 0.36),
        ],
    )
    pen.ellipse(skin, 0.5 - fw * 0.45, chin - 0.045, fw * 0.9, 0.05)
    _facial_hair(pen, f, hair, skin, fw, chin)
    _age(pen, f, skin, fw)
    _hair_front(pen, f, hair, skin, fw, top)
    _face(pen, f, mood, skin, hair, fw, blink)
    # Closer in: the head and shoulders fill the frame, as in a video call.
    crop = pygame.Rect(round(0.1 * s), round(0.1 * s), round(0.8 * s), round(0.8 * s))
    return pygame.transform.smoothscale(surf.subsurface(crop), (size, size))


def _body(pen: _Pen, f: Features, skin) -> None:
    cloth = CLOTHES_COLOUR[f.clothes_colour]
    neck_w = 0.1 if f.presentation == "woman" else 0.115
    pen.poly(
        _shade(skin, 0.86),
        [(0.5 - neck_w / 2, 0.56), (0.5 + neck_w / 2, 0.56), (0.5 + neck_w / 2 + 0.01, 0.78)]
        + [(0.5 - neck_w / 2 - 0.01, 0.78)],
    )
    pen.ellipse(_shade(skin, 0.7), 0.5 - neck_w / 2, 0.6, neck_w, 0.04)  # shadow under the jaw
    shoulders = 0.43 if f.presentation == "man" else 0.39
    pen.poly(
        cloth,
        [
            (0.5 - shoulders, 1.02),
            (0.5 - shoulders + 0.01, 0.84),
            (0.5 - shoulders + 0.09, 0.76),
            (0.5 - 0.08, 0.73),
            (0.5 + 0.08, 0.73),
            (0.5 + shoulders - 0.09, 0.76),
            (0.5 + shoulders - 0.01, 0.84),
            (0.5 + shoulders, 1.02),
        ],
    )
    dark = _shade(cloth, 0.72)
    light = (236, 238, 242)
    if f.clothes in ("suit", "blazer"):
        shirt = light if f.clothes == "suit" else _mix(cloth, light, 0.7)
        pen.poly(shirt, [(0.43, 0.74), (0.5, 0.9), (0.57, 0.74)])
        if f.clothes == "suit" and f.presentation == "man":
            pen.poly(
                _shade(cloth, 0.5),
                [(0.49, 0.77), (0.51, 0.77), (0.52, 0.88), (0.5, 0.91)] + [(0.48, 0.88)],
            )
        pen.poly(dark, [(0.43, 0.74), (0.5, 0.92), (0.46, 1.0), (0.34, 0.8)])
        pen.poly(dark, [(0.57, 0.74), (0.5, 0.92), (0.54, 1.0), (0.66, 0.8)])
    elif f.clothes == "shirt":
        pen.poly(
            light if f.clothes_colour != "white" else (200, 206, 214),
            [(0.44, 0.73), (0.5, 0.8), (0.47, 0.84)],
        )
        pen.poly(
            light if f.clothes_colour != "white" else (200, 206, 214),
            [(0.56, 0.73), (0.5, 0.8), (0.53, 0.84)],
        )
        pen.line(dark, (0.5, 0.8), (0.5, 1.0), 0.006)
    elif f.clothes == "sweater":
        pen.ellipse(dark, 0.42, 0.71, 0.16, 0.07)
        pen.ellipse(_shade(skin, 0.86), 0.44, 0.7, 0.12, 0.05)
    elif f.clothes == "scrubs":
        pen.poly(_shade(skin, 0.86), [(0.44, 0.73), (0.5, 0.84), (0.56, 0.73)])
        pen.line(dark, (0.44, 0.73), (0.5, 0.84), 0.008)
        pen.line(dark, (0.56, 0.73), (0.5, 0.84), 0.008)
    elif f.clothes == "hi-vis":
        vest = (236, 200, 40)
        pen.poly(
            vest,
            [
                (0.3, 1.02),
                (0.32, 0.8),
                (0.43, 0.74),
                (0.5, 0.86),
                (0.57, 0.74),
                (0.68, 0.8),
                (0.7, 1.02),
            ],
        )
        for y in (0.88, 0.95):
            pen.line((220, 224, 230), (0.31, y), (0.69, y), 0.018)


def _hair_back(pen: _Pen, f: Features, hair, fw: float, top: float) -> None:
    back = _shade(hair, 0.85)
    if f.hair == "long":
        pen.poly(
            back,
            [
                (0.5 - fw - 0.04, 0.3),
                (0.5 - fw - 0.07, 0.8),
                (0.5 + fw + 0.07, 0.8),
                (0.5 + fw + 0.04, 0.3),
            ],
        )
        pen.ellipse(back, 0.5 - fw - 0.05, top - 0.02, 2 * fw + 0.1, 0.32)
    elif f.hair == "braids":
        pen.ellipse(back, 0.5 - fw - 0.05, top - 0.025, 2 * fw + 0.1, 0.3)
        pen.poly(
            back,
            [
                (0.5 - fw - 0.05, 0.3),
                (0.5 - fw - 0.06, 0.74),
                (0.5 + fw + 0.06, 0.74),
                (0.5 + fw + 0.05, 0.3),
            ],
        )
        groove = _shade(hair, 0.6)
        for i in range(9):
            x = 0.5 - fw - 0.045 + i * (2 * fw + 0.09) / 8
            for y in (0.4, 0.47, 0.54, 0.61, 0.68):
                pen.line(groove, (x - 0.01, y), (x + 0.01, y + 0.02), 0.004)
    elif f.hair == "ponytail":
        pen.ellipse(back, 0.5 + fw - 0.02, 0.26, 0.08, 0.34)
    elif f.hair == "afro":
        pygame.draw.circle(pen.surf, back, pen.p(0.5, 0.32), pen.w(fw + 0.085))
    elif f.hair == "curly":
        for cx, cy in (
            (0.5 - fw, 0.3),
            (0.5 + fw, 0.3),
            (0.5 - fw - 0.01, 0.4),
            (0.5 + fw + 0.01, 0.4),
        ):
            pygame.draw.circle(pen.surf, back, pen.p(cx, cy), pen.w(0.05))
    elif f.hair == "bob":
        pen.poly(
            back,
            [
                (0.5 - fw - 0.04, 0.3),
                (0.5 - fw - 0.045, 0.56),
                (0.5 + fw + 0.045, 0.56),
                (0.5 + fw + 0.04, 0.3),
            ],
        )
        pen.ellipse(back, 0.5 - fw - 0.045, top - 0.02, 2 * fw + 0.09, 0.3)


def _hair_front(pen: _Pen, f: Features, hair, skin, fw: float, top: float) -> None:
    style = f.hair
    if style == "bald":
        for side in (0.5 - fw - 0.006, 0.5 + fw - 0.024):
            pen.ellipse(_shade(hair, 1.05), side, 0.29, 0.03, 0.08)
        return
    # A cap over the skull, and the hairline carved back out in skin.
    lift = {"cropped": 0.0, "afro": -0.03, "curly": -0.015}.get(style, -0.01)
    pen.ellipse(hair, 0.5 - fw - 0.012, top + lift, 2 * fw + 0.024, 0.2)
    line_y = {"cropped": 0.245, "bun": 0.24, "ponytail": 0.24}.get(style, 0.25)
    if style == "side-part":
        pen.ellipse(skin, 0.5 - fw + 0.03, line_y, 2 * fw - 0.06, 0.2)
        pen.poly(
            hair,
            [
                (0.5 - fw + 0.01, 0.3),
                (0.45, 0.215),
                (0.5 + fw - 0.005, 0.25),
                (0.5 + fw - 0.02, 0.32),
                (0.52, 0.262),
            ],
        )
    elif style in ("bob", "long", "braids"):
        pen.ellipse(skin, 0.5 - fw + 0.035, line_y + 0.005, 2 * fw - 0.07, 0.2)
        # A side fringe across the forehead.
        pen.poly(
            hair,
            [
                (0.5 - fw + 0.02, 0.33),
                (0.47, 0.225),
                (0.5 + fw - 0.01, 0.27),
                (0.5 + fw - 0.03, 0.3),
                (0.5, 0.262),
            ],
        )
        for side in (0.5 - fw - 0.015, 0.5 + fw - 0.02):
            pen.poly(
                hair,
                [(side, 0.27), (side + 0.035, 0.27), (side + 0.03, 0.47), (side + 0.005, 0.47)],
            )
    else:
        pen.ellipse(skin, 0.5 - fw + 0.028, line_y, 2 * fw - 0.056, 0.2)
        for side in (0.5 - fw - 0.008, 0.5 + fw - 0.022):  # down to the ears
            pen.poly(
                hair,
                [(side, 0.27), (side + 0.03, 0.27), (side + 0.028, 0.37), (side + 0.004, 0.37)],
            )
    if style == "bun":
        pygame.draw.circle(pen.surf, hair, pen.p(0.5, top - 0.015), pen.w(0.05))
    elif style == "curly":
        for i in range(7):
            x = 0.5 - fw + i * (2 * fw) / 6
            pygame.draw.circle(
                pen.surf, hair, pen.p(x, top + 0.03 + (0.02 if i in (0, 6) else 0)), pen.w(0.035)
            )
    elif style == "afro":
        pen.ellipse(skin, 0.5 - fw + 0.03, 0.27, 2 * fw - 0.06, 0.16)


def _facial_hair(pen: _Pen, f: Features, hair, skin, fw: float, chin: float) -> None:
    if f.facial_hair == "none":
        return
    if f.facial_hair == "stubble":
        layer, lp, box = pen.layer(0.5 - fw * 0.95, 0.46, fw * 1.9, chin + 0.002 - 0.46)
        lp.poly(
            (*_shade(hair, 0.9), 70),
            [
                (0.5 - fw * 0.95, 0.46),
                (0.5 - fw * 0.45, chin - 0.01),
                (0.5, chin + 0.002),
                (0.5 + fw * 0.45, chin - 0.01),
                (0.5 + fw * 0.95, 0.46),
                (0.5 + fw * 0.5, 0.56),
                (0.5 - fw * 0.5, 0.56),
            ],
        )
        pen.surf.blit(layer, box)
        return
    if f.facial_hair == "beard":
        pen.poly(
            _shade(hair, 0.95),
            [
                (0.5 - fw * 0.98, 0.43),
                (0.5 - fw * 0.8, 0.56),
                (0.5 - fw * 0.4, chin + 0.01),
                (0.5, chin + 0.02),
                (0.5 + fw * 0.4, chin + 0.01),
                (0.5 + fw * 0.8, 0.56),
                (0.5 + fw * 0.98, 0.43),
                (0.5 + fw * 0.55, 0.52),
                (0.5 - fw * 0.55, 0.52),
            ],
        )
    pen.poly(
        _shade(hair, 0.95),
        [(0.455, 0.522), (0.5, 0.512), (0.545, 0.522), (0.555, 0.54), (0.5, 0.53), (0.445, 0.54)],
    )


def _age(pen: _Pen, f: Features, skin, fw: float) -> None:
    if f.age == "young":
        return
    line = _shade(skin, 0.8)
    # Lines from nose to mouth; crow's feet and a brow line for older faces.
    pen.curve(line, [(0.465, 0.485), (0.45, 0.52), (0.455, 0.55)], 0.004)
    pen.curve(line, [(0.535, 0.485), (0.55, 0.52), (0.545, 0.55)], 0.004)
    if f.age == "senior":
        for side in (-1, 1):
            x = 0.5 + side * (0.108)
            pen.line(line, (x, 0.397), (x + side * 0.02, 0.39), 0.004)
            pen.line(line, (x, 0.405), (x + side * 0.02, 0.41), 0.004)
        pen.curve(line, [(0.45, 0.315), (0.5, 0.31), (0.55, 0.315)], 0.003)


def _face(pen: _Pen, f: Features, mood: str, skin, hair, fw: float, blink: bool) -> None:
    m = MOODS.get(mood, MOODS["neutral"])
    ink = (34, 26, 24)
    eye_y, gap = 0.4, 0.068
    brow_colour = (
        _shade(hair, 0.75) if f.hair_colour not in ("grey", "white") else _shade(hair, 0.7)
    )
    if f.hair == "bald" and f.hair_colour in ("grey", "white"):
        brow_colour = (120, 120, 124)
    brow_w = 0.016 if f.presentation == "man" else 0.011
    iris = (70, 52, 40) if f.skin in ("brown", "dark", "olive", "medium") else (66, 84, 100)
    for side in (-1, 1):
        cx = 0.5 + side * gap
        # Eyes: an almond whose opening and lower lid carry the mood.
        open_h = 0.024 * m["eye"]
        if blink:
            pen.curve(ink, [(cx - 0.028, eye_y), (cx, eye_y + 0.008), (cx + 0.028, eye_y)], 0.005)
        else:
            lid = m["lid"]
            # A layer just the almond's size: the mask below keeps nothing outside it.
            almond = pen.r(cx - 0.028, eye_y - open_h / 2, 0.056, open_h)
            eye = pygame.Surface(almond.size, pygame.SRCALPHA)
            ep = _Pen(eye, pen.s, (pen.ox + almond.x, pen.oy + almond.y))
            ep.ellipse((248, 246, 242), cx - 0.028, eye_y - open_h / 2, 0.056, open_h)
            pygame.draw.circle(eye, iris, ep.p(cx, eye_y), ep.w(0.0125))
            pygame.draw.circle(eye, ink, ep.p(cx, eye_y), ep.w(0.006))
            pygame.draw.circle(eye, (255, 255, 255), ep.p(cx + 0.004, eye_y - 0.004), ep.w(0.003))
            if lid:  # the lower lid rises: cheeks pushed up by a smile, or a squint
                ep.ellipse(skin, cx - 0.034, eye_y + open_h / 2 - open_h * lid, 0.068, open_h * 1.2)
            if mood in ("annoyed", "skeptical"):  # the upper lid drops
                ep.ellipse(
                    skin, cx - 0.034, eye_y - open_h / 2 - open_h * 0.82, 0.068, open_h * 1.05
                )
            # Keep only what lies inside the eye's own almond.
            mask = pygame.Surface(almond.size, pygame.SRCALPHA)
            pygame.draw.ellipse(
                mask, (255, 255, 255, 255), ep.r(cx - 0.028, eye_y - open_h / 2, 0.056, open_h)
            )
            eye.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
            pen.surf.blit(eye, almond)
            # The lash line over the eye gives it shape at small sizes.
            top_y = (
                eye_y
                - open_h / 2
                + (open_h * 0.75 * 0.5 if mood in ("annoyed", "skeptical") else 0)
            )
            pen.curve(
                ink,
                [(cx - 0.03, eye_y + 0.002), (cx, top_y - 0.002), (cx + 0.03, eye_y + 0.002)],
                0.005,
            )
            if lid >= 0.4:
                pen.curve(
                    _shade(skin, 0.7),
                    [
                        (cx - 0.024, eye_y + open_h * 0.5),
                        (cx, eye_y + open_h * 0.15),
                        (cx + 0.024, eye_y + open_h * 0.5),
                    ],
                    0.004,
                )
        # Brows: the inner and outer ends rise or fall with the mood.
        (inner, outer) = m["brows"][0 if side < 0 else 1]
        base = eye_y - 0.044
        a = (cx - side * 0.024, base - inner)
        b = (cx + side * 0.034, base - outer + 0.006)
        mid = ((a[0] + b[0]) / 2, min(a[1], b[1]) - 0.008 - (0.006 if mood == "impressed" else 0))
        pen.curve(brow_colour, [a, mid, b], brow_w)
    if mood == "annoyed":  # a crease between the brows
        pen.line(_shade(skin, 0.72), (0.494, eye_y - 0.05), (0.496, eye_y - 0.03), 0.004)
        pen.line(_shade(skin, 0.72), (0.506, eye_y - 0.05), (0.504, eye_y - 0.03), 0.004)
    if f.glasses != "none":
        frame = (28, 28, 34)
        for side in (-1, 1):
            cx = 0.5 + side * gap
            if f.glasses == "round":
                pygame.draw.circle(
                    pen.surf, frame, pen.p(cx, eye_y + 0.004), pen.w(0.038), pen.w(0.006)
                )
            else:
                pygame.draw.rect(
                    pen.surf,
                    frame,
                    pen.r(cx - 0.044, eye_y - 0.028, 0.088, 0.06),
                    pen.w(0.006),
                    border_radius=pen.w(0.012),
                )
        pen.line(
            frame, (0.5 - gap + 0.036, eye_y - 0.002), (0.5 + gap - 0.036, eye_y - 0.002), 0.005
        )
    # Nose: a shadow down one side and the nostrils.
    shade = _shade(skin, 0.78)
    pen.curve(shade, [(0.49, 0.42), (0.484, 0.47), (0.49, 0.492)], 0.005)
    pen.curve(shade, [(0.478, 0.49), (0.5, 0.5), (0.522, 0.49)], 0.005)
    if m["mouth"] in ("smile", "soft-smile") or mood == "pleased":  # warm cheeks
        flush, fp, box = pen.layer(0.5 - 0.085 - 0.035, 0.455, 2 * 0.085 + 0.07, 0.04)
        for cx in (0.5 - 0.085, 0.5 + 0.085):
            fp.ellipse((226, 110, 100, 46), cx - 0.035, 0.455, 0.07, 0.04)
        pen.surf.blit(flush, box)
    _mouth(pen, m["mouth"], skin)


def _mouth(pen: _Pen, shape: str, skin) -> None:
    lip = _mix(_shade(skin, 0.72), (150, 60, 60), 0.35)
    line = _shade(skin, 0.5)
    y = 0.548
    if shape == "line":
        pen.curve(line, [(0.462, y), (0.5, y + 0.002), (0.538, y)], 0.006)
        pen.curve(lip, [(0.47, y + 0.008), (0.5, y + 0.016), (0.53, y + 0.008)], 0.005)
    elif shape == "soft-smile":
        pen.curve(line, [(0.456, y - 0.008), (0.5, y + 0.012), (0.544, y - 0.008)], 0.006)
        pen.curve(lip, [(0.472, y + 0.014), (0.5, y + 0.02), (0.528, y + 0.014)], 0.004)
    elif shape == "smirk":
        pen.curve(line, [(0.462, y + 0.006), (0.505, y + 0.004), (0.542, y - 0.012)], 0.006)
        pen.curve(lip, [(0.475, y + 0.014), (0.5, y + 0.016), (0.525, y + 0.01)], 0.004)
    elif shape == "frown":
        pen.curve(line, [(0.458, y + 0.012), (0.5, y - 0.006), (0.542, y + 0.012)], 0.007)
        pen.curve(lip, [(0.476, y + 0.012), (0.5, y + 0.01), (0.524, y + 0.012)], 0.004)
    elif shape == "open":
        pen.ellipse((92, 34, 38), 0.482, y - 0.014, 0.036, 0.04)
        pen.ellipse(lip, 0.482, y - 0.014, 0.036, 0.04, pen.w(0.005))
    else:  # "smile": an open smile, the upper teeth showing under the top lip
        cx, top, rx, ry = 0.5, y - 0.01, 0.05, 0.036
        # From the teeth's top to the lower lip's bottom.
        mouth, mp, box = pen.layer(cx - rx, top - 0.02, 2 * rx, ry + 0.02)
        shape_pts = (
            [(cx - rx, top)]
            + [
                (
                    cx + rx * math.cos(math.pi - a / 16 * math.pi),
                    top + ry * math.sin(a / 16 * math.pi),
                )
                for a in range(17)
            ]
            + [(cx + rx, top)]
        )
        mp.poly((110, 34, 40), shape_pts)
        mp.ellipse((246, 244, 238), cx - rx, top - 0.02, 2 * rx, 0.036)  # teeth
        mp.ellipse((200, 90, 96), cx - rx * 0.55, top + ry * 0.55, rx * 1.1, ry * 0.5)  # tongue
        mask = pygame.Surface(box.size, pygame.SRCALPHA)
        _Pen(mask, mp.s, (mp.ox, mp.oy)).poly((255, 255, 255, 255), shape_pts)
        mouth.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        pen.surf.blit(mouth, box)
        pen.poly(lip, shape_pts, pen.w(0.005))


class Portraits:
    """Portraits by (buyer, mood, size, blink), each drawn or loaded once."""

    def __init__(self, limit: int = 64):
        self._cache: OrderedDict = OrderedDict()  # the newest at the end; resizing adds sizes
        self._images: dict = {}
        self.limit = limit

    def get(
        self,
        name: str,
        mood: str,
        size: int,
        image: Path | None = None,
        round_: bool = False,
        look: Look | None = None,
        blink: bool = False,
    ) -> pygame.Surface:
        """The portrait as a square, or as a disc with `round_` (for thumbnails)."""
        key = (name, mood, size, str(image) if image else None, round_, look, blink)
        surf = self._cache.get(key)
        if surf is None:
            if round_:
                # Closer in than the square portrait, so a small disc still shows the face.
                big = round(size * 1.6)
                square = self.get(name, mood, big, image, look=look)
                surf = pygame.Surface((size, size), pygame.SRCALPHA)
                surf.blit(square, (-(big - size) // 2, -round((big - size) * 0.3)))
                mask = pygame.Surface((size, size), pygame.SRCALPHA)
                pygame.draw.circle(mask, (255, 255, 255, 255), (size // 2, size // 2), size // 2)
                surf.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
            else:
                base = self._image(image) if image else None
                if base is not None:
                    surf = pygame.transform.smoothscale(base, (size, size))
                else:
                    surf = draw_portrait(name, mood, size, look, blink)
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
