"""Every screen at several window sizes and text sizes: no overlapping buttons, nothing
off-screen, and text inside its boxes."""

import itertools
from pathlib import Path

import pygame
import pytest

from game.ui.demo import Demo
from game.ui.intents import key_event

SIZES = [(1024, 600), (1280, 720), (1366, 768), (1920, 1080), (2560, 1080), (3840, 2160)]
TEXT_SIZES = [1.0, 1.45]


def check(app, where):
    app.render()
    window = pygame.Rect((0, 0), app.surface.get_size())
    top = app.scenes.top
    buttons = [b for b in top.widgets() if b.rect.width and b.rect.height]
    assert buttons, f"{where}: no buttons to reach"
    for b in buttons:
        assert window.contains(b.rect), f"{where}: '{b.label}' is off-screen at {b.rect}"
        assert app.stage.area.contains(b.rect), f"{where}: '{b.label}' leaves the stage"
    for a, b in itertools.combinations(buttons, 2):
        assert not a.rect.colliderect(b.rect), f"{where}: '{a.label}' overlaps '{b.label}'"
    for box, ink in app.kit.drawn:
        if ink.width and ink.height:
            assert box.contains(ink), f"{where}: text spills from {box} to {ink}"
            assert window.contains(ink), f"{where}: text off-screen at {ink}"


def walk(app):
    """Visit every screen with the keys a player would press, checking each."""
    demo = Demo(app, None)

    def press(*keys):
        for k in keys:
            demo.press(k)

    demo.type("Zoë Łukasz-Yılmaz")
    check(app, "title")
    press("return")
    check(app, "library")
    library = app.scenes.top
    broken = next(i for i, c in enumerate(library.cards) if not c.data.ok)
    tender = next(i for i, c in enumerate(library.cards) if c.data.ok)
    press(*["right"] * broken)
    press("return")
    check(app, "problems")
    press("escape", *["left"] * broken, *["right"] * tender, "return")
    check(app, "briefing")
    press("p")
    check(app, "conversation with six long choices")
    press("f1")
    check(app, "help")
    press("escape", "2")
    check(app, "coach's note")
    press("return", "1")
    press("return")
    check(app, "debrief")
    press("n")
    check(app, "every note")
    press("escape")
    press("f2")
    check(app, "settings")


@pytest.mark.parametrize("text_size", TEXT_SIZES, ids=lambda t: f"text{int(t * 100)}")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits(make_app, size, text_size):
    app = make_app(size=size)
    app.settings.text_size = text_size
    app.relayout()
    walk(app)


def test_the_window_re_lays_out_when_resized(make_app):
    app = make_app(size=(1280, 720))
    Demo(app, None).press("return")
    app.surface = pygame.display.set_mode((1024, 600), pygame.RESIZABLE)
    app.feed(pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=600, size=(1024, 600)))
    assert app.stage.u == pytest.approx(0.8)
    check(app, "library after resize")
    assert app.settings.window_size == (1024, 600)


def test_keys_and_mouse_share_one_focus(make_app):
    app = make_app()
    demo = Demo(app, None)
    demo.press("return")
    library = app.scenes.top
    second = library.cards[1]
    app.feed(pygame.event.Event(pygame.MOUSEMOTION, pos=second.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    assert library.buttons.focused is second
    app.feed(key_event("left"))
    assert library.buttons.focused is library.cards[0]


def test_arrow_keys_move_to_what_lies_that_way(make_app, tmp_path):
    tender = (Path(__file__).parent / "scenarios" / "umlaut-tender.yaml").read_text(encoding="utf-8")
    for n in range(5):
        (tmp_path / f"t{n}.yaml").write_text(tender.replace("id: umlaut-tender", f"id: tender-{n}"),
                                            encoding="utf-8")
    app = make_app(paths=[tmp_path])
    demo = Demo(app, None)
    title = app.scenes.top
    demo.press("down")
    assert title.buttons.focused.label == "Settings"  # below, and level with the field
    title.buttons.focus = 0
    demo.press("return")
    library = app.scenes.top
    for _ in range(5):
        demo.press("right")
    assert library.buttons.focused is library.cards[2]  # the row ends; the header is not "right"
    demo.press("down")
    assert library.buttons.focused is library.cards[4]  # straight down, the nearest card
    demo.press("up")
    demo.press("up")
    assert library.buttons.focused is library.tag_button  # the header button above it
