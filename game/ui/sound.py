"""Soft cues made by the game itself: a click for a choice, a rising chime for a gain, a
falling one for a loss, a short phrase at the end. Nothing is downloaded.

Sound is optional: the mixer starts on the first cue (never at start-up), and when there is
no audio device the game stays silent and carries on.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from array import array

import pygame

RATE = 22050
CUES = {
    "choose": ((660, 45),),
    "gain": ((587, 70), (880, 110)),
    "loss": ((440, 80), (330, 120)),
    "end": ((523, 90), (659, 90), (784, 160)),
}


@contextlib.contextmanager
def quiet_stderr():
    """Send what C libraries write to the error stream (file descriptor 2) nowhere, briefly."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real descriptor behind stderr: nothing to silence
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def tone_samples(notes, volume: float = 0.18) -> array:
    """16-bit mono samples for (frequency, milliseconds) notes, each fading out."""
    out = array("h")
    for freq, ms in notes:
        n = int(RATE * ms / 1000)
        for i in range(n):
            fade = (1 - i / n) ** 2
            out.append(int(32767 * volume * fade * math.sin(2 * math.pi * freq * i / RATE)))
    return out


class Sounds:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._cues: dict | None = None
        self._failed = False

    def _start(self) -> bool:
        if self._cues is not None:
            return True
        if self._failed:
            return False
        try:
            with quiet_stderr():  # ALSA prints a page of errors when there is no sound card
                pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            self._cues = {
                name: pygame.mixer.Sound(buffer=tone_samples(notes).tobytes())
                for name, notes in CUES.items()
            }
        except (pygame.error, OSError):
            self._failed = True  # no audio device: stay silent
            return False
        return True

    def play(self, name: str) -> None:
        if self.enabled and self._start():
            self._cues[name].play()

    def close(self) -> None:
        if self._cues is not None:
            pygame.mixer.quit()
            self._cues = None
