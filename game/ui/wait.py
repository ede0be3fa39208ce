"""Waiting for input without spending CPU.

`pygame.event.wait` in pygame-ce is a loop that pumps the window system's events and then
sleeps one millisecond (`SDL_Delay(1)`) until something arrives: about a thousand wake-ups a
second, 1.5-1.8% of a core for a bare window under Xvfb, more than half the idle budget
before the game draws anything. SDL itself can block on the window system's connection
(`SDL_WaitEventTimeout`, which X11 and Wayland implement with a real wait), and it wakes
early for events other threads push (a timer, a finished save).

`Waiter` calls that function in the SDL library pygame has already loaded (never a second
copy: it must report the video subsystem as initialised) with a null event, which waits
without taking the event off the queue; `pygame.event.get()` then reads it as usual. Where
that library cannot be found, it falls back to `pygame.event.wait`.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pygame

SDL_INIT_VIDEO = 0x20


def _loaded_sdl_paths() -> list[str]:
    """The SDL2 library files this process has loaded (Linux), else the ones pygame ships."""
    found: list[str] = []
    maps = Path("/proc/self/maps")
    if maps.exists():
        for line in maps.read_text().splitlines():
            parts = line.split(maxsplit=5)
            path = parts[5].strip() if len(parts) == 6 else ""
            name = Path(path).name
            if (
                name.startswith("libSDL2-2") or name.startswith("libSDL2.so")
            ) and path not in found:
                found.append(path)
        return found
    folder = Path(pygame.__file__).parent
    patterns = ("SDL2.dll", ".dylibs/libSDL2-2*.dylib", "libSDL2-2*.dylib")
    for pattern in patterns:
        found.extend(str(p) for p in sorted(folder.glob(pattern)))
    return found


def find_sdl():
    """pygame's own SDL library, ready to wait on, or None (then `pygame.event.wait` is used)."""
    if not pygame.display.get_init():
        return None
    for path in _loaded_sdl_paths():
        try:
            lib = ctypes.CDLL(path)
            wait = lib.SDL_WaitEventTimeout
            was_init = lib.SDL_WasInit
        except (OSError, AttributeError):
            continue
        wait.argtypes, wait.restype = [ctypes.c_void_p, ctypes.c_int], ctypes.c_int
        was_init.argtypes, was_init.restype = [ctypes.c_uint32], ctypes.c_uint32
        if was_init(SDL_INIT_VIDEO) & SDL_INIT_VIDEO:  # the same copy pygame set up
            return lib
    return None


class Waiter:
    """`wait(timeout_ms)`: the events that arrived, sleeping until one does or time is up."""

    def __init__(self):
        self.sdl = find_sdl()

    @property
    def blocking(self) -> bool:
        """True when waits block in SDL (no polling); False on pygame's 1 ms poll."""
        return self.sdl is not None

    def wait(self, timeout_ms: int | None) -> list:
        """Events, at once if some are queued; else after sleeping until one comes (or for
        `timeout_ms`, when given: then the list may be empty)."""
        events = pygame.event.get()
        if events:
            return events
        if timeout_ms is not None and timeout_ms <= 0:
            return []
        if self.sdl is None:
            event = pygame.event.wait() if timeout_ms is None else pygame.event.wait(timeout_ms)
            events = [event] if event.type != pygame.NOEVENT else []
            return events + pygame.event.get()
        # ctypes lets go of the GIL for the call, so other threads run while this one sleeps.
        self.sdl.SDL_WaitEventTimeout(None, -1 if timeout_ms is None else int(timeout_ms))
        return pygame.event.get()
