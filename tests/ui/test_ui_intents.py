"""The input adapter: keys and the mouse become the game's own intents."""

import pygame
import pytest

from game.ui import intents as I


@pytest.mark.parametrize(
    ("key", "kind", "number"),
    [
        ("1", I.CHOOSE, 1),
        ("6", I.CHOOSE, 6),
        ("return", I.CONFIRM, 0),
        ("escape", I.BACK, 0),
        ("up", I.UP, 0),
        ("down", I.DOWN, 0),
        ("left", I.LEFT, 0),
        ("right", I.RIGHT, 0),
        ("f1", I.HELP, 0),
        ("f2", I.SETTINGS, 0),
        ("f5", I.RELOAD, 0),
        ("f11", I.FULLSCREEN, 0),
        ("tab", I.NEXT, 0),
        ("backspace", I.ERASE, 0),
        ("pageup", I.PAGE_UP, 0),
        ("pagedown", I.PAGE_DOWN, 0),
        ("home", I.HOME, 0),
        ("end", I.END, 0),
        ("a", I.CHAR, 0),
        ("7", I.CHAR, 0),
        ("f3", I.KEY, 0),
    ],
    ids=lambda v: str(v),
)
def test_keys_become_intents(key, kind, number):
    intent = I.translate(I.key_event(key))
    assert intent.kind == kind
    assert intent.number == number
    assert intent.is_key


def test_shift_tab_moves_focus_back():
    assert I.translate(I.key_event("tab", shift=True)).kind == I.PREV


def test_a_letter_without_a_key_of_its_own_is_still_typed():
    intent = I.translate(I.key_event("ł"))
    assert (intent.kind, intent.text) == (I.CHAR, "ł")


@pytest.mark.parametrize(
    ("event", "kind"),
    [
        (
            pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 6), rel=(0, 0), buttons=(0, 0, 0)),
            I.POINT,
        ),
        (pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 6), button=1), I.CLICK),
        (pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1), I.SCROLL),
        (pygame.event.Event(pygame.QUIT), I.QUIT),
        (pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=600, size=(1024, 600)), I.RESIZE),
    ],
    ids=["motion", "click", "wheel", "quit", "resize"],
)
def test_mouse_and_window_events_become_intents(event, kind):
    intent = I.translate(event)
    assert intent.kind == kind
    assert not intent.is_key


def test_right_clicks_are_ignored():
    event = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 6), button=3)
    assert I.translate(event) is None


def test_text_from_a_key_press_is_typed_once_and_composed_letters_arrive(make_app):
    app = make_app()
    title = app.scenes.top
    title.typed = ""
    app.feed(I.key_event("z"))
    app.feed(pygame.event.Event(pygame.TEXTINPUT, text="z"))
    app.feed(
        pygame.event.Event(pygame.KEYDOWN, key=pygame.K_UNKNOWN, unicode="", mod=0, scancode=0)
    )
    app.feed(pygame.event.Event(pygame.TEXTINPUT, text="ë"))  # a dead key, then e
    assert title.typed == "zë"
