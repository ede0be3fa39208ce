"""Backdrops behind the conversation, one per `setting`, drawn by the game from shapes.

Each is drawn once per (setting, size, palette) and kept. They stay dim and low in detail:
the cards and text sit on top and keep their contrast; the backdrop only says where the
meeting is. Without a setting the plain stage is shown.
"""

from __future__ import annotations

import random

import pygame

from game.content.model import SETTINGS


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3], strict=True))


class _Room:
    """Units of a 1280×720 stage to pixels on `surf`."""

    def __init__(self, surf: pygame.Surface):
        self.surf = surf
        self.k = surf.get_width() / 1280

    def r(self, x, y, w, h):
        k = self.k
        return pygame.Rect(round(x * k), round(y * k), max(1, round(w * k)), max(1, round(h * k)))

    def rect(self, colour, x, y, w, h, radius=0, width=0):
        pygame.draw.rect(
            self.surf, colour, self.r(x, y, w, h), width, border_radius=round(radius * self.k)
        )

    def poly(self, colour, pts):
        pygame.draw.polygon(
            self.surf, colour, [(round(x * self.k), round(y * self.k)) for x, y in pts]
        )

    def circle(self, colour, x, y, radius):
        pygame.draw.circle(
            self.surf,
            colour,
            (round(x * self.k), round(y * self.k)),
            max(1, round(radius * self.k)),
        )

    def line(self, colour, a, b, width=2):
        k = self.k
        pygame.draw.line(
            self.surf,
            colour,
            (round(a[0] * k), round(a[1] * k)),
            (round(b[0] * k), round(b[1] * k)),
            max(1, round(width * k)),
        )


def _walls(room, wall, floor, horizon=520):
    room.rect(wall, 0, 0, 1280, horizon)
    room.rect(floor, 0, horizon, 1280, 720 - horizon)
    room.line(_mix(wall, (0, 0, 0), 0.3), (0, horizon), (1280, horizon), 3)


def _window(room, x, y, w, h, sky, frame):
    room.rect(sky, x, y, w, h)
    room.rect(frame, x, y, w, h, width=6)
    room.line(frame, (x + w / 2, y), (x + w / 2, y + h), 5)
    room.line(frame, (x, y + h / 2), (x + w, y + h / 2), 5)


def _office(room, rng):
    _walls(room, (74, 84, 102), (58, 62, 72))
    for x in (80, 420, 760):
        _window(room, x, 70, 280, 300, (120, 150, 186), (96, 104, 120))
    room.rect((92, 74, 58), 940, 380, 260, 24)  # a desk
    room.rect((70, 58, 48), 960, 404, 16, 116)
    room.rect((70, 58, 48), 1164, 404, 16, 116)
    room.circle((64, 110, 80), 1210, 330, 44)  # a plant
    room.rect((120, 90, 70), 1190, 360, 40, 60, radius=6)


def _boardroom(room, rng):
    _walls(room, (62, 58, 66), (48, 44, 50), 500)
    room.rect((80, 74, 84), 0, 0, 1280, 40)
    for x in range(40, 1280, 160):  # wood panels
        room.rect((76, 66, 70), x, 60, 130, 400, radius=4)
    room.poly((96, 70, 52), [(140, 560), (1140, 560), (1040, 500), (240, 500)])  # the long table
    for x in range(260, 1040, 130):
        room.rect((40, 40, 48), x, 440, 60, 70, radius=10)  # chair backs
    room.rect((34, 36, 44), 480, 110, 320, 190, radius=6)  # a screen on the wall
    room.rect((60, 90, 120), 492, 122, 296, 166, radius=4)


def _video_call(room, rng):
    room.rect((36, 40, 52), 0, 0, 1280, 720)
    for i, (x, y) in enumerate(((40, 60), (680, 60), (40, 390), (680, 390))):
        tint = ((70, 86, 110), (86, 80, 96), (72, 96, 90), (96, 88, 72))[i]
        room.rect(tint, x, y, 560, 300, radius=14)
        room.circle(_mix(tint, (255, 255, 255), 0.18), x + 280, y + 130, 54)  # a head
        room.poly(
            _mix(tint, (255, 255, 255), 0.14),
            [(x + 190, y + 300), (x + 200, y + 220), (x + 360, y + 220), (x + 370, y + 300)],
        )
        room.rect((24, 26, 34), x + 16, y + 262, 120, 24, radius=6)  # a name label
    room.rect((24, 26, 34), 520, 680, 240, 34, radius=16)  # the call's controls
    for i in range(4):
        room.circle((70, 74, 90) if i != 3 else (170, 70, 60), 560 + i * 54, 697, 12)


def _warehouse(room, rng):
    _walls(room, (70, 72, 76), (62, 60, 56), 540)
    for x in range(0, 1280, 90):
        room.line((60, 62, 66), (x, 0), (x, 540), 2)  # corrugated wall
    for rack in (40, 470, 900):
        room.rect((196, 120, 46), rack, 120, 14, 420)
        room.rect((196, 120, 46), rack + 330, 120, 14, 420)
        for shelf in (200, 320, 440):
            room.rect((60, 96, 140), rack, shelf, 344, 10)
            for b in range(4):
                c = rng.choice(((150, 116, 78), (170, 134, 90), (130, 100, 70)))
                room.rect(c, rack + 20 + b * 80, shelf - 60, 64, 60, radius=2)
    room.rect((232, 196, 60), 0, 600, 1280, 10)  # a yellow floor line


def _factory(room, rng):
    _walls(room, (66, 72, 80), (56, 58, 62), 540)
    for x in range(60, 1280, 240):  # high windows
        room.rect((110, 130, 150), x, 50, 160, 90)
    room.rect((80, 88, 96), 0, 170, 1280, 14)  # a gantry
    for x in (120, 540, 960):  # machines
        room.rect((86, 100, 96), x, 300, 260, 240, radius=8)
        room.rect((60, 70, 70), x + 24, 330, 100, 70, radius=4)
        room.circle((200, 170, 60), x + 200, 360, 16)
        room.circle((90, 170, 110), x + 200, 410, 10)
    room.rect((70, 70, 74), 0, 560, 1280, 40)  # conveyor
    for x in range(0, 1280, 60):
        room.circle((50, 50, 54), x + 30, 580, 12)


def _hospital(room, rng):
    _walls(room, (86, 104, 110), (76, 86, 90), 540)
    room.rect((106, 124, 128), 0, 300, 1280, 16)  # a handrail
    for x in (100, 520, 940):
        room.rect((70, 90, 100), x, 100, 200, 440, radius=6)  # doors
        room.rect((120, 150, 160), x + 40, 150, 120, 90, radius=4)
    room.rect((160, 60, 60), 1130, 100, 80, 80, radius=8)  # a red cross sign
    room.rect((230, 230, 230), 1162, 112, 16, 56)
    room.rect((230, 230, 230), 1142, 132, 56, 16)


def _clinic(room, rng):
    _walls(room, (94, 110, 112), (84, 90, 92), 520)
    room.rect((120, 136, 138), 0, 380, 1280, 140)  # wainscot
    room.rect((80, 96, 120), 120, 390, 520, 110, radius=20)  # reception desk
    for x in (760, 860, 960, 1060):  # waiting chairs
        room.rect((70, 120, 130), x, 430, 80, 60, radius=10)
    _window(room, 760, 90, 380, 220, (140, 170, 190), (110, 120, 128))
    room.circle((80, 130, 96), 90, 340, 50)


def _cafe(room, rng):
    _walls(room, (96, 74, 60), (70, 54, 46), 520)
    room.rect((60, 44, 38), 0, 0, 1280, 60)
    for x in range(80, 1280, 220):  # pendant lights
        room.line((40, 32, 28), (x, 60), (x, 160), 3)
        room.circle((240, 200, 120), x, 176, 22)
    room.rect((40, 52, 48), 760, 200, 440, 200, radius=8)  # a chalk menu
    for y in range(230, 380, 36):
        room.line((190, 190, 180), (790, y), (1100 - rng.randrange(0, 140), y), 3)
    for x in (120, 420):  # tables
        room.circle((120, 90, 70), x + 90, 500, 70)
        room.rect((80, 60, 50), x + 82, 500, 16, 160)


def _hotel(room, rng):
    _walls(room, (92, 84, 70), (80, 66, 56), 520)
    for x in (60, 1080):
        room.rect((120, 104, 76), x, 80, 40, 440)  # columns
        room.rect((120, 104, 76), x + 100, 80, 40, 440)
    room.rect((110, 80, 50), 360, 360, 560, 160, radius=10)  # the front desk
    room.rect((140, 110, 70), 360, 350, 560, 18, radius=6)
    room.circle((236, 210, 150), 640, 120, 60)  # a chandelier glow
    for i in range(6):
        room.circle((250, 226, 170), 580 + i * 24, 180, 6)


def _campus(room, rng):
    room.rect((118, 150, 180), 0, 0, 1280, 460)  # sky
    room.rect((84, 120, 84), 0, 460, 1280, 260)  # lawn
    room.rect((150, 120, 100), 300, 160, 680, 300)  # a hall
    room.poly((120, 90, 80), [(280, 160), (640, 60), (1000, 160)])
    for x in range(340, 960, 90):
        room.rect((200, 196, 180), x, 220, 26, 240)  # columns
    for x in (120, 1120):
        room.rect((96, 70, 50), x, 330, 24, 140)
        room.circle((70, 120, 74), x + 12, 310, 80)


def _harbour(room, rng):
    room.rect((130, 160, 186), 0, 0, 1280, 380)  # sky
    room.rect((52, 90, 120), 0, 380, 1280, 340)  # water
    for y in range(420, 720, 40):
        room.line((80, 120, 150), (rng.randrange(0, 400), y), (rng.randrange(700, 1280), y), 3)
    room.poly((200, 200, 206), [(700, 380), (1140, 380), (1100, 440), (740, 440)])  # a ferry
    room.rect((230, 230, 236), 790, 320, 260, 60, radius=6)
    room.rect((180, 60, 50), 980, 280, 40, 40)
    for x in range(810, 1040, 40):
        room.rect((60, 80, 110), x, 336, 24, 18, radius=3)
    room.rect((90, 80, 70), 0, 330, 420, 50)  # the quay
    room.rect((196, 120, 46), 80, 120, 16, 210)  # a crane
    room.rect((196, 120, 46), 80, 120, 240, 14)


DRAW = {
    "office": _office,
    "boardroom": _boardroom,
    "video-call": _video_call,
    "warehouse": _warehouse,
    "factory": _factory,
    "hospital": _hospital,
    "clinic": _clinic,
    "cafe": _cafe,
    "hotel": _hotel,
    "campus": _campus,
    "harbour": _harbour,
}
assert set(DRAW) == set(SETTINGS), "every setting in the format has a backdrop"


def draw_backdrop(setting: str, size: tuple[int, int], shade) -> pygame.Surface:
    """The setting at `size`, dimmed toward `shade` (the stage colour) so text stays clear."""
    surf = pygame.Surface(size)
    room = _Room(surf)
    DRAW[setting](room, random.Random(setting))
    veil = pygame.Surface(size, pygame.SRCALPHA)
    veil.fill((*shade[:3], 190))
    surf.blit(veil, (0, 0))
    return surf


class Backdrops:
    """One drawn backdrop per (setting, size, shade), the latest few kept."""

    def __init__(self, limit: int = 4):
        self._cache: dict = {}
        self.limit = limit

    def get(self, setting: str, size: tuple[int, int], shade) -> pygame.Surface:
        key = (setting, size, tuple(shade))
        surf = self._cache.get(key)
        if surf is None:
            if len(self._cache) >= self.limit:
                self._cache.pop(next(iter(self._cache)))
            surf = self._cache[key] = draw_backdrop(setting, size, shade)
        return surf
