"""The briefing at large text: whole words at full size, scrolling instead of shrinking."""

from game.ui.demo import Demo
from tests.layout_checks import check_fits, check_whole


def open_briefing(make_app, size=(1280, 720), text_size=2.0, reduced_motion=False):
    """The first playable scenario's briefing, as a player named Zoë reaches it."""
    app = make_app(size=size)
    app.settings.text_size = text_size
    if reduced_motion:
        app.settings.reduced_motion = True
    app.relayout()
    demo = Demo(app, None)
    demo.type("Zoë")
    demo.press("return")
    library = app.scenes.top
    card = next(c for c in library.cards if c.data.ok)
    library.buttons.focus = library.buttons.items.index(card)
    demo.press("return")
    assert app.scenes.top.name == "briefing"
    return app, demo, app.scenes.top


def test_at_200_percent_the_briefing_scrolls_and_cuts_nothing(make_app):
    app, demo, briefing = open_briefing(make_app)
    check_fits(app, "briefing at 200%")
    check_whole(app, "briefing at 200%")
    assert briefing.overflow and briefing.scroll == 0
    title = next(b for b in briefing.blocks if b[0] == "title")
    assert title[3] == app.px("heading")  # the title keeps its size; it wraps
    seen = set(app.kit.sizes_drawn)
    steps = 0
    while briefing.scroll < briefing.content_h - briefing.view.height:
        demo.press("pagedown")
        steps += 1
        assert steps < 30
        check_fits(app, f"briefing after {steps} PgDn")
        seen |= app.kit.sizes_drawn
    assert round(app.px("line") * 0.85) in seen  # the summary keeps its size too
    demo.press("pageup")
    assert 0 < briefing.scroll < briefing.content_h - briefing.view.height


def test_at_200_percent_the_buttons_say_what_they_are_and_the_text_what_they_do(make_app):
    app, demo, briefing = open_briefing(make_app)
    labels = [b.label for b in briefing.buttons]
    assert "Practice" in labels and "Assessment" in labels
    assert any(b[0] == "modes" and "coach speaks" in b[1] for b in briefing.blocks)
    demo.press("w")
    assert briefing.recall_button.label == "Own words: on"
    check_fits(app, "briefing, own words on")


def test_at_100_percent_the_briefing_needs_no_scrolling(make_app):
    app, _, briefing = open_briefing(make_app, text_size=1.0)
    app.render()
    assert not briefing.overflow
    assert briefing.buttons.items[0].label.startswith("Practice: the coach speaks")
    check_whole(app, "briefing at 100%")


def test_a_long_name_and_role_stay_inside_the_buyers_card(make_app, tmp_path):
    """At 200% in a small window a long name wrapped letter by letter below the card's edge."""
    import pytest

    from tests.layout_checks import drawn_inks
    from tests.ui.test_ui_library import LONG_WINDED
    from tests.ui.test_ui_screens import open_first_card

    (tmp_path / "long.yaml").write_text(LONG_WINDED, encoding="utf-8")
    for size in ((1024, 600), (1280, 720), (1920, 1080)):
        app, _ = open_first_card(make_app, (tmp_path,), size, text_size=2.0)
        briefing = app.scenes.top
        assert briefing.name == "briefing"
        card = app.stage.rect(40, 40, briefing.card_w, 640)
        drawn = drawn_inks(app)
        buyer = briefing.scenario.buyer
        for text in (buyer.name, buyer.role):
            rect = next(r for t, r in drawn if t == text)
            assert card.contains(rect), f"{size}: {text[:20]!r} leaves the card: {rect} {card}"
            assert rect.height > 0, f"{size}: no room for {text[:20]!r}"
        assert min(app.kit.sizes_drawn) >= app.floor_px()
        with pytest.raises(StopIteration):  # the name is cut at its size, never shrunk
            next(t for t, _, _ in app.kit.shrunk if t == buyer.name)
