"""Recall mode in the window, driven through the real screens as a player's keys would."""

from __future__ import annotations

import json

import pygame
import pytest

from game.cli import main
from game.ui.demo import Demo
from game.ui.intents import Intent, key_event
from game.ui.scenes.conversation import warm_colour
from tests.helpers import SPEC_EXAMPLE
from tests.layout_checks import check_fits, check_whole, drawn_inks
from tests.ui.conftest import TENDER


def open_recall(app, name="Zoë"):
    """From the title to the first decision in recall mode (practice); returns the demo."""
    demo = Demo(app, None)
    if not app.scenes.top.typed:  # the title remembers the last player's name
        demo.type(name)
    demo.press("return")
    demo.press("return")  # the only card
    assert app.scenes.top.name == "briefing"
    if not app.scenes.top.recall:
        demo.press("w")
    demo.press("p")
    demo.settle()
    screen = app.scenes.top
    assert screen.name == "conversation" and screen.recall is not None
    screen.words = screen.total_words  # the buyer's line has been read
    return demo


@pytest.fixture
def recall(make_app):
    """The spec example's first decision in recall mode, practice."""
    app = make_app(paths=(SPEC_EXAMPLE,))
    demo = open_recall(app)
    return app, demo, app.scenes.top


def test_nothing_is_said_until_the_rep_confirms_what_was_heard(recall):
    app, demo, screen = recall
    demo.type("what did the late deliveries cost you?")
    assert screen.recall.text == "what did the late deliveries cost you?"  # '?' is typed
    assert app.scenes.top is screen  # and did not open the help screen
    demo.press("return")
    assert screen.recall.state == "heard" and screen.recall.heard == "cost_of_delay"
    assert screen.attempt.state.moves == ()
    demo.press("escape")  # back to editing, the words kept
    assert screen.recall.state == "edit" and screen.recall.text.startswith("what did")
    assert app.scenes.top is screen and screen.attempt.state.moves == ()
    demo.press("return")
    demo.press("return")  # say it
    assert [m.choice for m in screen.attempt.state.moves] == ["cost_of_delay"]
    note = screen.attempt.typed[1]
    assert note.typed == "what did the late deliveries cost you?" and not note.listed


def test_digits_are_letters_in_the_box_not_choices(recall):
    _, demo, screen = recall
    demo.type("we take 5 off")
    assert screen.recall.text == "we take 5 off" and screen.attempt.state.moves == ()


def test_editing_keys_move_the_caret_and_erase(recall):
    app, demo, screen = recall
    panel = screen.recall
    demo.type("abc")
    demo.press("left")
    demo.press("left")
    demo.type("X")
    assert (panel.text, panel.caret) == ("aXbc", 2)
    demo.press("home")
    demo.press("delete")
    assert (panel.text, panel.caret) == ("Xbc", 0)
    demo.press("end")
    demo.press("backspace")
    assert (panel.text, panel.caret) == ("Xb", 2)


def test_composed_letters_arrive_as_sdl_text_input(recall):
    app, _, screen = recall
    app.feed(pygame.event.Event(pygame.TEXTINPUT, text="é"))
    app.feed(pygame.event.Event(pygame.TEXTINPUT, text="你好"))
    assert screen.recall.text == "é你好"


def test_paste_inserts_the_clipboard_text(recall, monkeypatch):
    app, _, screen = recall
    monkeypatch.setattr("game.ui.recall.clipboard_text", lambda: "we will\nmatch acme")
    app.feed(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v, mod=pygame.KMOD_CTRL, unicode=""))
    assert screen.recall.text == "we will match acme"


def test_two_misses_offer_the_list_and_the_debrief_notes_it(recall):
    app, demo, screen = recall
    demo.type("lovely weather")
    demo.press("return")
    assert screen.recall.state == "edit" and screen.recall.missed and screen.recall.misses == 1
    assert screen.attempt.state.moves == ()
    demo.press("return")
    assert screen.recall.state == "listing"
    demo.press("1")  # now the list answers
    demo.settle()
    assert len(screen.attempt.state.moves) == 1
    note = screen.attempt.typed[1]
    assert note.listed and note.misses == 2
    from game.ui.attempt import decisions
    from game.ui.recall import said_line

    decision = decisions(screen.attempt.scenario, screen.attempt.state)[0]
    assert "picked from the list after 2 misses" in said_line(screen.attempt, decision)


def test_tab_shows_the_alternatives_and_a_number_picks_one(recall):
    _, demo, screen = recall
    demo.type("we will match acme")
    demo.press("return")
    panel = screen.recall
    assert panel.heard == "match"
    demo.press("tab")
    assert panel.show_alternatives
    other = panel.alternatives()[0].choice
    demo.press("1")
    assert panel.heard == other and not panel.show_alternatives
    demo.press("return")
    assert screen.attempt.state.moves[0].choice == other


def test_the_alternatives_key_names_as_many_lines_as_are_listed(recall):
    from tests.ui.test_ui_screens import drawn_texts

    app, demo, screen = recall
    demo.type("we will match acme")
    demo.press("return")
    demo.press("tab")
    count = len(screen.recall.alternatives())
    assert count == 2  # the spec example's opening has three choices
    texts = drawn_texts(app)
    assert "1–2" in texts and "1–5" not in texts


def test_the_lists_prompt_goes_once_a_line_is_picked(recall):
    app, demo, screen = recall
    for _ in range(2):
        demo.type("lovely weather")
        demo.press("return")
    assert screen.recall.state == "listing" and "Pick one" in app.toast_text
    demo.press("1")
    assert app.scenes.top.name == "coach"
    assert app.toast_text == ""  # not over the coach's note, nor carried to the debrief


def test_the_clock_keeps_running_while_the_rep_types(recall):
    app, demo, screen = recall
    assert screen.remaining_ms is not None  # the spec example's opening has a time limit
    start = screen.remaining_ms
    demo.type("what did")
    app.step(1000)
    assert screen.remaining_ms <= start - 1000


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (3840, 2160)], ids=str)
@pytest.mark.parametrize("text_size", [1.0, 1.45], ids=lambda t: f"text{int(t * 100)}")
def test_recall_screens_fit(make_app, size, text_size):
    app = make_app(paths=(SPEC_EXAMPLE,), size=size)
    app.settings.text_size = text_size
    app.relayout()
    demo = open_recall(app)
    screen = app.scenes.top
    where = f"{size} text {text_size}"
    check_fits(app, f"{where} empty box")
    demo.type("what did the late deliveries cost you last quarter " * 3)
    check_fits(app, f"{where} typing a long answer")
    demo.press("return")
    assert screen.recall.state == "heard"
    check_fits(app, f"{where} heard")
    demo.press("tab")
    check_fits(app, f"{where} alternatives")


def test_headless_demo_types_answers_and_saves_the_recall_screens(tmp_path, capsys):
    code = main(
        [
            "play",
            str(SPEC_EXAMPLE),
            "--choices",
            "say:blah blah,say:what did the late deliveries cost you,say:design for zero penalties",
            "--screenshots",
            str(tmp_path),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    result = json.loads(out)
    assert result["path"] == ["opening", "numbers", "partner"] and result["finished"]
    shots = [p.rsplit("/", 1)[-1] for p in result["screenshots"]]
    for part in (
        "decision-1-typing",
        "decision-1-missed",
        "decision-1-heard",
        "alternatives",
        "debrief",
    ):
        assert any(part in s for s in shots), shots
    assert all((tmp_path / s).stat().st_size > 0 for s in shots)


def test_a_list_token_in_recall_mode_before_the_list_is_offered_is_refused(capsys):
    code = main(["play", str(SPEC_EXAMPLE), "--choices", "say:what did the delays cost you,1"])
    err = capsys.readouterr().err
    assert code == 2 and "say:TEXT" in err


def test_key_intents_for_editing():
    from game.ui import intents as I

    assert I.translate(key_event("home")) == Intent(I.HOME)
    assert I.translate(key_event("end")) == Intent(I.END)
    assert I.translate(key_event("delete")) == Intent(I.DELETE)


def test_a_resumed_run_keeps_recall_mode_and_its_typed_words(make_app, tmp_path):
    from game.store import open_store

    stores = [open_store(tmp_path / "data"), open_store(tmp_path / "data")]
    try:
        app = make_app(paths=(SPEC_EXAMPLE,), store=stores[0])
        demo = open_recall(app)
        demo.type("what did the late deliveries cost you")
        demo.press("return")
        demo.press("return")
        demo.settle()
        if app.scenes.top.name == "coach":
            demo.press("return")
        stores[0].close()
        app2 = make_app(paths=(SPEC_EXAMPLE,), store=stores[1])
        demo2 = Demo(app2, None)
        demo2.press("return")
        demo2.press("return")
        briefing = app2.scenes.top
        assert briefing.saved is not None and not briefing.recall  # the switch is off...
        demo2.press("r")
        attempt = app2.scenes.top.attempt
        assert attempt.recall and app2.scenes.top.recall is not None  # ...the saved run says on
        assert attempt.typed[1].typed == "what did the late deliveries cost you"
    finally:
        for s in stores:
            s.close()


def test_a_comma_inside_a_typed_answer_is_written_backslash_comma(capsys):
    from game.cli.play_cmd import _tokens

    assert _tokens(r"say:well\, what did it cost you, 2 ,timeout") == [
        "say:well, what did it cost you",
        "2",
        "timeout",
    ]
    code = main(
        [
            "play",
            str(SPEC_EXAMPLE),
            "--choices",
            r"say:so\, what did the late deliveries cost you,say:design for zero penalties",
        ]
    )
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["path"] == ["opening", "numbers", "partner"]


def ring_pixels(surface, rect, colour) -> int:
    """How many pixels inside `rect` are exactly `colour` (the ring is drawn unblended)."""
    area = surface.subsurface(rect.clip(surface.get_rect()))
    return pygame.mask.from_threshold(area, colour, (1, 1, 1, 255)).count()


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=str)
@pytest.mark.parametrize(
    ("path", "words"),
    [
        (SPEC_EXAMPLE, "what did the late deliveries cost you"),
        (TENDER, "what did the broken pallets cost you last year"),  # a line of 4 at 200%
    ],
    ids=lambda v: v.stem if hasattr(v, "stem") else None,
)
def test_at_200_percent_the_recall_panel_never_hides_the_clock(make_app, size, path, words):
    """The line heard (or the other readings) grew upward over the history and hid half the
    timer ring and the 'Earlier' cue. In every state the clock is whole on screen, nothing is
    drawn over it (beside the cues under the history, or in the panel's own header), the cues
    stay in view and the text stays whole."""
    app = make_app(paths=(path,), size=size)
    app.settings.text_size = 2.0
    app.settings.reduced_motion = True
    app.relayout()
    demo = open_recall(app)
    screen = app.scenes.top
    window = pygame.Rect((0, 0), app.surface.get_size())

    def check(where):
        check_fits(app, where)
        check_whole(app, where)
        panel, clock, ring = screen.recall.rect, screen.rects["clock"], screen.rects["ring"]
        assert window.contains(clock) and clock.contains(ring), f"{where}: clock cut {clock}"
        assert panel.contains(clock) or not panel.colliderect(clock), f"{where}: half covered"
        # The clock's face: its figures and the ring (its rect may span the row of the cues).
        own = f"{(screen.remaining_ms + 999) // 1000 // 60}:"
        texts = drawn_inks(app, "line") + drawn_inks(app, "box")
        figures = [ink for t, ink in texts if t.startswith(own)]
        assert len(figures) == 1 and clock.contains(figures[0]), f"{where}: figures {figures}"
        face = (ring, figures[0])
        over = [t for t, ink in texts if ink.collidelist(face) >= 0 and not t.startswith(own)]
        assert not over, f"{where}: {over} drawn over the clock"
        # The history and its cues: clear of the panel; or, when the panel rose so far that
        # not a line of the history would show above it, it covers the buyer's card and the
        # history whole (none of their words drawn, under it or around it, no cues).
        boxes = drawn_inks(app, "box")
        cue_at = [i for i, (t, _) in enumerate(boxes) if "PgUp" in t or "PgDn" in t]
        card = screen.rects["portrait_card"]
        if screen.covered:
            assert panel.top <= card.top and not cue_at, f"{where}: the history half covered"
            below_bar = [t for t, ink in texts if ink.bottom > card.top and not panel.contains(ink)]
            assert not below_bar, f"{where}: {below_bar} drawn outside the covering panel"
        else:
            assert cue_at, f"{where}: no cues drawn"
            assert not panel.colliderect(screen.rects["portrait"]), f"{where}: over the face"
            in_card = [t for t, ink in texts if card.contains(ink) and panel.colliderect(ink)]
            assert not in_card, f"{where}: the panel is over the card's {in_card}"
        for i in cue_at:
            cue = boxes[i][1]
            assert window.contains(cue), f"{where}: a cue leaves the window"
            others = [t for t, ink in texts if ink.colliderect(cue) and ink != cue]
            assert not others, f"{where}: {others} over the cue {boxes[i][0]}"
            assert not panel.colliderect(cue), f"{where}: the panel is over {boxes[i][0]}"
        # Every pixel of the ring as it is drawn alone is on the frame.
        colour = warm_colour(app.pal, screen.remaining_ms / (screen.node.time_limit * 1000))
        alone = pygame.Surface(app.surface.get_size())
        alone.fill((1, 2, 3))
        screen.draw_clock_face(alone, screen.clock_box)
        app.render()
        whole = ring_pixels(alone, ring, colour)
        assert whole > 0 and ring_pixels(app.surface, ring, colour) == whole, f"{where}: ring"

    check(f"{size} typing")
    demo.type(words)
    check(f"{size} typed")
    demo.press("return")
    assert screen.recall.state == "heard"
    check(f"{size} heard")
    demo.press("tab")
    check(f"{size} other readings")
    demo.press("tab")
    check(f"{size} heard again")
    demo.press("escape")  # back to editing: the clock returns under the history
    assert screen.recall.state == "edit"
    check(f"{size} editing again")


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=str)
def test_a_blink_never_paints_the_face_over_the_recall_panel(make_app, size):
    """At 200% "I heard" a long line rises over the buyer's card: the idle blink, which
    repaints only the face, must not draw it over the panel."""
    app = make_app(paths=(TENDER,), size=size)
    app.settings.text_size = 2.0
    app.relayout()
    demo = open_recall(app)
    screen = app.scenes.top
    demo.type("what did the broken pallets cost you last year")
    demo.press("return")
    assert screen.recall.state == "heard" and screen.moving
    app.render()
    panel = screen.recall.rect

    def panel_pixels():  # the panel but its clock, which ticks
        shot = app.surface.subsurface(panel).copy()
        shot.fill((0, 0, 0), screen.rects["clock"].move(-panel.left, -panel.top))
        return pygame.image.tobytes(shot, "RGB")

    before = panel_pixels()
    blinked = False
    for _ in range(200):  # 10 s of idle frames: several blinks
        app.step(50)
        blinked |= bool(screen.idle_pose()[0])
        app.render_patches()
    assert blinked and panel_pixels() == before
