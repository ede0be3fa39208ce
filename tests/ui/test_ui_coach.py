"""The coach's note at large text: it grows with its words, and past the tallest it may be the
words scroll (PgUp/PgDn, the wheel) with a cue; they never shrink or end in "…"."""

import pytest

from game.ui.demo import Demo
from tests.layout_checks import check_fits


def open_note(app):
    demo = Demo(app, None)
    demo.type("Zoë")
    demo.press("return")
    library = app.scenes.top
    card = next(c for c in library.cards if c.data.ok)
    library.buttons.focus = library.buttons.items.index(card)
    demo.press("return")
    demo.press("p")
    demo.press("1")  # the file's first choice (make_app keeps the file's order), the long note
    assert app.scenes.top.name == "coach"
    return demo, app.scenes.top


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=str)
def test_the_note_grows_then_scrolls_and_never_shrinks(make_app, long_note, size):
    app = make_app(paths=(long_note,), size=size)
    app.settings.text_size = 2.0
    app.relayout()
    demo, note = open_note(app)
    assert note.text.startswith("She reads your question")
    check_fits(app, "long coach's note")
    assert note.text not in [t for t, _ in app.kit.cut]
    assert note.text not in [t for t, _, _ in app.kit.shrunk]
    assert note.box.height > app.stage.px(262)  # it grew
    if note.scroll.more_below:  # still taller than the tallest note: the words scroll
        start = note.scroll.offset
        demo.press("pagedown")
        assert note.scroll.offset > start
        demo.press("end")
        assert not note.scroll.more_below
        check_fits(app, "long coach's note at its end")
        demo.press("home")
        assert note.scroll.offset == 0
    demo.press("return")  # Enter still closes it
    assert app.scenes.top.name == "conversation"


def test_a_short_note_keeps_its_usual_height_and_no_cue(make_app):
    app = make_app(size=(1280, 720))
    demo, note = open_note(app)
    assert note.box.height == app.stage.px(262)
    assert not note.scroll.more_below and not note.scroll.more_above
