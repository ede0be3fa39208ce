"""Every screen at several window sizes and text sizes: no overlapping buttons, nothing
off-screen, and text inside its boxes."""

from pathlib import Path

import pygame
import pytest

from game.ui.demo import Demo
from game.ui.intents import key_event
from tests.layout_checks import check_fits, check_whole
from tests.ui.test_ui_briefing import open_briefing

SIZES = [(1024, 600), (1280, 720), (1366, 768), (1920, 1080), (2560, 1080), (3840, 2160)]
LARGEST = [(1024, 600), (1280, 720), (1920, 1080)]  # the largest text, on the common windows
CASES = [(size, 1.0) for size in SIZES] + [(size, 2.0) for size in LARGEST]


def walk(app):
    """Visit every screen with the keys a player would press, checking each."""
    demo = Demo(app, None)

    def press(*keys):
        for k in keys:
            demo.press(k)

    demo.type("Zoë Łukasz-Yılmaz")
    check_fits(app, "title")
    press("return")
    library = app.scenes.top

    def library_fits(where):
        # The focus starts on the suggestion, the tender's card, whose role is long: where
        # the grid is short the card gives up its row of chips before the role is cut.
        check_fits(app, where)
        assert not app.kit.shrunk, f"{where}: text shrunk: {app.kit.shrunk[:3]}"
        check_whole(app, where)

    library_fits("library")
    press("t")
    library_fits("tag menu")
    press("end")
    library_fits("tag menu at its end")
    press("escape")
    broken = next(i for i, c in enumerate(library.cards) if not c.data.ok)
    tender = next(i for i, c in enumerate(library.cards) if c.data.ok)
    library.buttons.focus = library.buttons.items.index(library.cards[broken])
    press("return")
    check_fits(app, "problems")
    press("escape")
    library.buttons.focus = library.buttons.items.index(library.cards[tender])
    press("return")
    check_fits(app, "briefing")
    check_whole(app, "briefing")
    press("p")
    check_fits(app, "conversation with six long choices")
    screen = app.scenes.top
    check_whole(app, "conversation's top bar", screen.rects["bar"])
    press("f1")
    check_fits(app, "help")
    press("escape", "2")
    check_fits(app, "coach's note")
    note = app.scenes.top
    assert note.text not in [t for t, _ in app.kit.cut], "the coach's words were cut"
    assert note.text not in [t for t, _, _ in app.kit.shrunk], "the coach's words shrank"
    press("return")
    check_fits(app, "conversation with the exchange in its history")
    check_whole(app, "conversation's top bar", screen.rects["bar"])
    press("pageup", "home")
    check_fits(app, "the history scrolled back")
    press("end", "1")
    press("return")
    check_fits(app, "debrief", whole=True)
    press("n")
    check_fits(app, "every note")
    press("escape")
    press("f2")
    check_fits(app, "settings", whole=True)
    press("escape", "escape", "p")  # the library, then progress (no store: its message)
    check_fits(app, "progress", whole=True)


@pytest.mark.parametrize(
    ("size", "text_size"),
    CASES,
    ids=lambda c: f"{c[0]}x{c[1]}" if isinstance(c, tuple) else f"text{int(c * 100)}",
)
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
    check_fits(app, "library after resize")
    assert app.settings.window_size == (1024, 600)


def test_keys_and_mouse_share_one_focus(make_app):
    app = make_app()
    demo = Demo(app, None)
    demo.press("return")
    library = app.scenes.top
    second = library.cards[1]
    app.feed(
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=second.rect.center, rel=(0, 0), buttons=(0, 0, 0)
        )
    )
    assert library.buttons.focused is second
    app.feed(key_event("left"))
    assert library.buttons.focused is library.cards[0]


def test_arrow_keys_move_to_what_lies_that_way(make_app, tmp_path):
    tender = (Path(__file__).parent / "scenarios" / "umlaut-tender.yaml").read_text(
        encoding="utf-8"
    )
    for n in range(5):
        (tmp_path / f"t{n}.yaml").write_text(
            tender.replace("id: umlaut-tender", f"id: tender-{n}"), encoding="utf-8"
        )
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


def test_text_size_steps_up_to_200_percent_and_stops_at_the_ends(make_app):
    app = make_app()
    demo = Demo(app, None)
    demo.press("f2")
    seen = [app.settings.text_size]
    for _ in range(8):
        demo.press("right")
        seen.append(app.settings.text_size)
    assert seen[:6] == [1.0, 1.25, 1.5, 1.75, 2.0, 2.0] and seen[-1] == 2.0  # no wrap to 85%
    for _ in range(9):
        demo.press("left")
    assert app.settings.text_size == 0.85


def test_at_100_percent_nothing_is_drawn_under_14_px_at_1280x720(make_app):
    app = make_app(size=(1280, 720))
    assert app.floor_px() == 14
    walk(app)  # check_fits asserts every screen's smallest text against the floor


@pytest.mark.parametrize(
    ("size", "text_size"),
    [((1280, 720), 1.0)] + [(size, 2.0) for size in LARGEST],
    ids=lambda c: f"{c[0]}x{c[1]}" if isinstance(c, tuple) else f"text{int(c * 100)}",
)
def test_the_recall_panel_fits_in_every_state(make_app, size, text_size):
    """Typing, "I heard" and the other readings: nothing spills, nothing is cut."""
    app, demo, _ = open_briefing(make_app, size, text_size, reduced_motion=True)
    for key in ("w", "p"):
        demo.press(key)
    screen = app.scenes.top
    assert screen.recall is not None
    check_fits(app, "recall: typing")
    # The panel's own words, and the buyer's long role: whole in the card or in the history.
    check_whole(app, "recall: typing")
    demo.type("what did the broken pallets cost you last year")
    demo.press("return")
    assert screen.recall.state == "heard"
    check_fits(app, "recall: I heard")
    check_whole(app, "recall: I heard")
    demo.press("tab")
    check_fits(app, "recall: the other readings")
    check_whole(app, "recall: the other readings")


SCRIPTS = Path(__file__).parent / "scripts"  # scenarios written in Japanese, Thai, Hindi, Arabic
TENDER = Path(__file__).parent / "scenarios" / "umlaut-tender.yaml"  # a 90-character role


@pytest.mark.parametrize("size", LARGEST)
@pytest.mark.parametrize(
    "path",
    [TENDER, *sorted(SCRIPTS.glob("*.yaml"))],
    ids=lambda p: p.stem,
)
def test_a_long_role_and_text_in_other_scripts_are_never_cut_at_200_percent(make_app, size, path):
    """Title, buyer's name and role, lines, choices and the coach's note: each screen reflows
    or scrolls; nothing is cut with "…" or drawn smaller than asked."""
    app = make_app(paths=[path], size=size)
    app.settings.text_size = 2.0
    app.settings.reduced_motion = True
    app.relayout()
    demo = Demo(app, None)
    demo.type("Zoë")
    demo.press("return")
    check_fits(app, "library", whole=True)
    demo.press("return")
    check_fits(app, "briefing")
    check_whole(app, "briefing")
    demo.press("p")
    check_fits(app, "conversation")
    check_whole(app, "conversation")
    screen = app.scenes.top
    buyer = screen.attempt.scenario.buyer
    if screen.role_in_history:  # no room in the card: the history opens with it, whole
        first = screen.transcript.entries[0].text
        assert buyer.role in first and buyer.company in first
        demo.press("home")
        check_fits(app, "the history's start")
        check_whole(app, "the history's start")
    demo.press("end")
    demo.press("2")
    check_fits(app, "coach's note")
    check_whole(app, "coach's note")
    demo.press("return")
    check_fits(app, "conversation after a move")
    check_whole(app, "conversation after a move")


def test_the_role_stays_in_the_buyers_card_when_it_fits(make_app):
    app = make_app(paths=[TENDER], size=(1920, 1080))
    demo = Demo(app, None)
    for key in ("Z", "return", "return", "p"):
        demo.press(key)
    screen = app.scenes.top
    assert not screen.role_in_history
    assert screen.attempt.scenario.buyer.role not in screen.transcript.entries[0].text
    check_whole(app, "conversation")
