"""The input adapter: pygame events become the game's own intents.

Scenes only ever see `Intent`s, so tests and the headless demo drive them exactly as a
player's keys and mouse do. `key_event` builds the event a key press produces.
"""

from __future__ import annotations

from typing import NamedTuple

import pygame

# Kinds a scene may receive.
CHOOSE = "choose"  # number 1-6 (the digit keys)
UP, DOWN, LEFT, RIGHT = "up", "down", "left", "right"
NEXT, PREV = "next", "prev"  # Tab / Shift+Tab
CONFIRM, BACK = "confirm", "back"  # Enter / Esc
CHAR, ERASE = "char", "erase"  # typed text / Backspace
HOME, END, DELETE, PASTE = "home", "end", "delete", "paste"  # text editing (Ctrl+V pastes)
PAGE_UP, PAGE_DOWN = "pageup", "pagedown"  # scroll a panel by most of its height
HELP, SETTINGS, FULLSCREEN, RELOAD = "help", "settings", "fullscreen", "reload"
POINT, CLICK, SCROLL = "point", "click", "scroll"  # mouse
KEY = "key"  # any other key: it still completes a text reveal
RESIZE, QUIT = "resize", "quit"


class Intent(NamedTuple):
    kind: str
    number: int = 0  # CHOOSE: 1-6; SCROLL: +1 up / -1 down
    text: str = ""  # the character typed, for name entry
    pos: tuple[int, int] = (0, 0)  # mouse position, or the new size for RESIZE

    @property
    def is_key(self) -> bool:
        return self.kind not in (POINT, CLICK, SCROLL, RESIZE, QUIT)


_KEYS = {
    pygame.K_UP: UP,
    pygame.K_DOWN: DOWN,
    pygame.K_LEFT: LEFT,
    pygame.K_RIGHT: RIGHT,
    pygame.K_RETURN: CONFIRM,
    pygame.K_KP_ENTER: CONFIRM,
    pygame.K_ESCAPE: BACK,
    pygame.K_BACKSPACE: ERASE,
    pygame.K_HOME: HOME,
    pygame.K_END: END,
    pygame.K_PAGEUP: PAGE_UP,
    pygame.K_PAGEDOWN: PAGE_DOWN,
    pygame.K_DELETE: DELETE,
    pygame.K_F1: HELP,
    pygame.K_F2: SETTINGS,
    pygame.K_F5: RELOAD,
    pygame.K_F11: FULLSCREEN,
}
_DIGITS = {getattr(pygame, f"K_{n}"): n for n in range(1, 7)}
_DIGITS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 7)})


def translate(event) -> Intent | None:
    """The intent a pygame event carries, or None for events the game ignores."""
    t = event.type
    if t == pygame.KEYDOWN:
        key = event.key
        if key == pygame.K_TAB:
            return Intent(PREV if event.mod & pygame.KMOD_SHIFT else NEXT)
        if key == pygame.K_v and event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META):
            return Intent(PASTE)
        if key in _KEYS:
            return Intent(_KEYS[key])
        text = getattr(event, "unicode", "") or ""
        if key in _DIGITS:
            return Intent(CHOOSE, number=_DIGITS[key], text=text)
        if text == "?":
            return Intent(HELP, text=text)
        if text.isprintable() and text and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return Intent(CHAR, text=text)
        return Intent(KEY)
    if t == pygame.MOUSEMOTION:
        return Intent(POINT, pos=tuple(event.pos))
    if t == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return Intent(CLICK, pos=tuple(event.pos))
    if t == pygame.MOUSEWHEEL:
        return Intent(SCROLL, number=1 if event.y > 0 else -1)
    if t in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
        size = (event.w, event.h) if t == pygame.VIDEORESIZE else (event.x, event.y)
        return Intent(RESIZE, pos=size)
    if t == pygame.QUIT:
        return Intent(QUIT)
    return None


def text_intent(event, key_text: str) -> Intent | None:
    """A TEXTINPUT event as typed text, unless its KEYDOWN already brought the same text.

    Letters composed with dead keys or an input method (é typed as ´ then e) arrive only as
    TEXTINPUT, so name entry needs both.
    """
    text = getattr(event, "text", "") or ""
    if not text or text == key_text or not text.isprintable():
        return None
    return Intent(CHAR, text=text)


def key_event(key: str, shift: bool = False):
    """The KEYDOWN event a press of `key` ("1", "return", "escape", "a", "f5"...) produces."""
    # A letter with no key of its own (é, ł) is typed through a layout: K_UNKNOWN plus its text.
    name = f"K_{key}" if len(key) == 1 else f"K_{key.upper()}"
    code = getattr(pygame, name, pygame.K_UNKNOWN)
    text = key if len(key) == 1 else {"space": " ", "return": "\r"}.get(key, "")
    if shift and len(text) == 1:
        text = text.upper()
    mod = pygame.KMOD_SHIFT if shift else pygame.KMOD_NONE
    return pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=mod, scancode=0)
