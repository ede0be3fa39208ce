"""The settings screen at large text: rows as tall as their words, a list that scrolls to the
focused row, and a cue only when there is more."""

import pygame
import pytest

from game.ui.demo import Demo
from tests.layout_checks import check_fits


def settings_of(make_app, size, text_size):
    app = make_app(size=size)
    app.settings.text_size = text_size
    app.relayout()
    demo = Demo(app, None)
    demo.press("f2")
    assert app.scenes.top.name == "settings"
    return app, demo, app.scenes.top


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_at_200_percent_every_row_is_whole_and_reachable(make_app, size):
    app, demo, screen = settings_of(make_app, size, 2.0)
    check_fits(app, "settings at 200%", whole=True)
    for i in range(len(screen.rows)):
        assert screen.buttons.focus == i
        assert screen.page.shows(screen.rows[i].rect), f"row {i} is out of view"
        check_fits(app, f"settings at 200%, row {i}", whole=True)
        demo.press("down")
    assert screen.buttons.focused is screen.buttons.items[-1]  # Done, below the list
    demo.press("home")
    assert screen.buttons.focus == 0 and screen.page.offset == 0
    demo.press("end")
    assert screen.page.shows(screen.rows[-1].rect)


def test_the_list_scrolls_and_says_so_only_when_it_does_not_fit(make_app):
    app, demo, screen = settings_of(make_app, (1024, 600), 2.0)
    assert screen.page.max_offset > 0 and screen.page.cue_text() == "▼ more"
    app.feed(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    assert screen.page.offset > 0
    hidden = [b for b in screen.rows if not screen.page.shows(b.rect)]
    assert hidden and all(b not in screen.widgets() for b in hidden)
    app, demo, screen = settings_of(make_app, (1280, 720), 1.0)
    assert screen.page.max_offset == 0 and screen.page.cue_text() == ""
    check_fits(app, "settings at 100%", whole=True)


def test_changing_the_text_size_in_settings_re_lays_the_rows_out(make_app):
    app, demo, screen = settings_of(make_app, (1280, 720), 1.0)
    small = screen.rows[0].rect.height
    for _ in range(4):
        demo.press("right")  # text size up to 200%
    assert app.settings.text_size == 2.0
    assert screen.rows[0].rect.height > small
    check_fits(app, "settings after growing the text", whole=True)
