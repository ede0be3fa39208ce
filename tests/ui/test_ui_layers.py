"""The conversation keeps its parts drawn (game.ui.layers): a still frame blits them, and a
part is drawn again only when what it shows changes. Each frame here, drawn with what was
kept, must be the frame drawn afresh, and the pixels must change where the change is."""

from pathlib import Path

import pygame
import pytest

from game.ui import widgets
from game.ui.intents import POINT, Intent
from game.ui.scenes.conversation import BLINK_EVERY_MS, BLINK_MS, PULSE_MS
from tests.layout_checks import forget_drawn
from tests.ui.conftest import TENDER
from tests.ui.test_ui_coach import open_note
from tests.ui.test_ui_conversation import open_tender
from tests.ui.test_ui_recall import open_recall

# Without a setting (the lit stage) and with one (a backdrop picture under every part).
WAREHOUSE = Path(__file__).parents[2] / "scenarios" / "procurement-squeeze.yaml"
SCENARIOS = pytest.mark.parametrize("path", [TENDER, WAREHOUSE], ids=["stage", "backdrop"])


def pixels(app) -> bytes:
    return pygame.image.tobytes(app.surface, "RGB")


def fresh(app) -> bytes:
    forget_drawn(app)
    app.render()
    return pixels(app)


def changed(app, before: bytes, after: bytes) -> pygame.Rect | None:
    """The box around every pixel that differs between two frames (None: none does)."""
    size = app.surface.get_size()
    a, b = (pygame.image.frombytes(f, size, "RGB") for f in (before, after))
    same = pygame.mask.from_threshold(a, (0, 0, 0), (1, 1, 1, 255), othersurface=b)
    same.invert()
    boxes = same.get_bounding_rects()
    return boxes[0].unionall(boxes[1:]) if boxes else None


def across(app, change) -> pygame.Rect | None:
    """Draw kept frames, make `change`, and draw again: the frame is the one drawn afresh.
    Returns where the pixels changed."""
    app.render()
    app.render()
    before = pixels(app)
    change()
    app.render()
    after = pixels(app)
    assert after == fresh(app), "a part kept from before the change was blitted after it"
    return changed(app, before, after)


def opened(make_app, path, size=(1280, 720), text_size=1.0, motion=False, recall=False):
    app = make_app(paths=(path,), size=size)
    app.settings.timers = True
    app.settings.text_size = text_size
    app.settings.reduced_motion = not motion
    app.relayout()
    demo = open_recall(app) if recall else open_tender(app)
    demo.settle()
    screen = app.scenes.top
    assert screen.name == "conversation" and screen.remaining_ms is not None
    return app, demo, screen


def within(box, *areas) -> bool:
    return box is not None and box.unionall(list(areas)) == pygame.Rect(areas[0]).unionall(
        list(areas[1:])
    )


def spy(monkeypatch, owner, name: str, calls: list) -> None:
    real = getattr(owner, name)

    def called(*args, **kw):
        calls.append(name)
        return real(*args, **kw)

    monkeypatch.setattr(owner, name, called)


@SCENARIOS
def test_a_still_frame_draws_nothing_again_and_records_what_a_fresh_one_does(
    make_app, monkeypatch, path
):
    app, _, screen = opened(make_app, path, motion=True)
    app.render()
    kept = pixels(app)
    calls = []
    for name in ("box", "line", "render"):
        spy(monkeypatch, app.kit, name, calls)
    spy(monkeypatch, pygame.draw, "rect", calls)
    spy(monkeypatch, widgets, "keycap", calls)
    app.render()
    assert calls == [], f"a still frame drew again: {calls[:5]}"
    records = (list(app.kit.drawn), set(app.kit.sizes_drawn), list(app.kit.cut))
    assert pixels(app) == kept
    assert pixels(app) == fresh(app)
    assert calls, "the fresh frame drew nothing: the spies saw nothing"
    assert records == (list(app.kit.drawn), set(app.kit.sizes_drawn), list(app.kit.cut))
    assert {"bar", "buyer", "portrait", "speech", "clock", "choices"} <= set(screen.layers.kept)


@SCENARIOS
def test_the_focus_and_the_pointer_redraw_the_choices(make_app, path):
    app, demo, screen = opened(make_app, path)
    area = screen.choices_area()
    assert within(across(app, lambda: demo.press("down")), area)
    card = screen.buttons.items[2].rect
    assert within(across(app, lambda: app.dispatch(Intent(POINT, pos=card.center))), area)
    assert screen.buttons.focus == 2


@SCENARIOS
def test_the_clock_redraws_its_own_row_as_it_runs_and_pulses(make_app, path):
    app, _, screen = opened(make_app, path, motion=True)

    def tick(ms):
        def change():
            screen.remaining_ms -= ms

        return change

    assert within(across(app, tick(1000)), screen.rects["clock"])
    screen.remaining_ms = PULSE_MS + 200
    app.render()
    assert within(across(app, tick(450)), screen.rects["clock"])  # the beat
    assert screen.pulse_step(screen.remaining_ms) > 0

    def still():
        app.settings.reduced_motion = True
        app.relayout()

    assert across(app, still) is not None  # reduced motion: the ring at rest, no blinks
    assert screen.pulse_step(screen.remaining_ms) == 0


@SCENARIOS
def test_a_blink_redraws_the_portrait_alone(make_app, path):
    app, _, screen = opened(make_app, path, motion=True)

    def blink():
        screen.idle_ms = BLINK_EVERY_MS - BLINK_MS + 10

    assert within(across(app, blink), screen.rects["portrait"])

    def open_eyes():
        screen.idle_ms = BLINK_EVERY_MS + 10

    assert within(across(app, open_eyes), screen.rects["portrait"])


@SCENARIOS
def test_a_move_redraws_the_mood_the_meters_and_the_history_as_they_ease(make_app, path):
    app, demo, screen = opened(make_app, path, motion=True)
    app.render()
    mood, portrait = screen.node.mood, screen.rects["portrait"]
    before = pixels(app)
    app.dispatch(Intent("choose", number=1))
    app.pop()  # the coach's note: the conversation's own frames under it are checked below
    frames = 0
    while app.busy():  # the meters ease, the buyer's new line is revealed word by word
        app.step(40)
        app.render()
        assert pixels(app) == fresh(app), f"frame {frames} of the move"
        frames += 1
    assert frames > 3
    after = pixels(app)
    if screen.node.mood != mood:
        assert changed(app, before, after).colliderect(portrait)
    assert changed(app, before, after).colliderect(screen.rects["bar"])


@SCENARIOS
def test_scrolling_the_history_redraws_it(make_app, path):
    app, demo, screen = opened(make_app, path, text_size=2.0)
    assert screen.transcript.max_scroll > 0
    # The cues share the clock's row: a clock kept over the old cues would hide the new.
    assert screen.rects["clock"].colliderect(screen.rects["cues"])
    speech = screen.transcript.reach.union(screen.rects["speech"])
    assert within(across(app, lambda: demo.press("pageup")), speech)
    assert within(across(app, lambda: demo.press("home")), speech)
    assert within(across(app, lambda: demo.press("end")), speech)


@SCENARIOS
@pytest.mark.parametrize("setting", ["text_size", "high_contrast"])
def test_the_text_size_and_the_contrast_redraw_every_part(make_app, path, setting):
    app, _, screen = opened(make_app, path)

    def switch():
        value = getattr(app.settings, setting)
        setattr(app.settings, setting, 2.0 if setting == "text_size" else not value)
        app.relayout()

    box = across(app, switch)
    assert box is not None and box.colliderect(screen.rects["bar"])
    assert box.colliderect(screen.rects["portrait_card"]) and box.colliderect(screen.rects["cards"])


@SCENARIOS
def test_typing_and_hearing_redraw_the_recall_panel(make_app, path):
    app, demo, screen = opened(make_app, path, recall=True)
    panel = screen.recall
    assert within(across(app, lambda: demo.press("x")), panel.rect)
    assert within(across(app, lambda: demo.press("backspace")), panel.rect)
    demo.type("what did the rejected loads and the broken pallets cost you")
    assert within(across(app, lambda: demo.press("left")), panel.rect)  # the caret
    assert across(app, lambda: demo.press("return")) is not None
    assert panel.state == "heard"
    assert across(app, lambda: demo.press("tab")) is not None  # the other readings
    assert across(app, lambda: demo.press("escape")) is not None  # editing again


@SCENARIOS
def test_a_patch_over_kept_parts_is_the_whole_frame(make_app, path):
    """The clock's and the blink's patches paint over the pixels of the part under them."""
    app, _, screen = opened(make_app, path, motion=True)
    app.render()
    app.render()  # kept parts
    screen.remaining_ms -= 1000
    screen.idle_ms = BLINK_EVERY_MS - BLINK_MS + 10
    app.patches = [screen.rects["clock"], screen.rects["portrait"]]
    app.render_patches()
    assert pixels(app) == fresh(app)


def test_a_toast_over_the_kept_parts_comes_and_goes(make_app):
    app, _, screen = opened(make_app, TENDER)
    assert across(app, lambda: app.toast("Saved.")) is not None
    app.toast_ms = 1
    assert across(app, lambda: app.step(5)) is not None
    assert not app.toast_text


@SCENARIOS
def test_the_coachs_note_is_kept_over_the_conversation_and_each_note_is_its_own(make_app, path):
    app, demo, screen = opened(make_app, path, motion=True)
    notes = []
    for _ in range(2):
        nodes = screen.attempt.scenario.nodes
        number = next(
            i for i, b in enumerate(screen.buttons, 1) if not nodes[b.data.next].is_ending
        )
        demo.press(str(number))
        note = app.scenes.top
        assert note.name == "coach" and not note.rise
        app.render()
        assert "coach" in screen.layers.kept
        app.render()
        assert pixels(app) == fresh(app)
        notes.append(pixels(app))
        demo.press("return")
        assert "coach" not in screen.layers.kept  # gone with its note
    assert notes[0] != notes[1]


def test_scrolling_the_coachs_note_redraws_it(make_app, long_note):
    app = make_app(paths=(long_note,), size=(1024, 600))
    app.settings.text_size = 2.0
    app.relayout()
    demo, note = open_note(app)
    assert note.scroll.more_below
    assert within(across(app, lambda: demo.press("pagedown")), note.box)
    assert within(across(app, lambda: demo.press("home")), note.box)
