"""The library: a tag menu instead of stepping through tags, a header that keeps its labels
whole at any text size, and every card reachable by keys and the wheel."""

from pathlib import Path

import pygame
import pytest

from game.ui.demo import Demo
from tests.layout_checks import check_fits
from tests.ui.test_ui_screens import drawn_texts

SCENARIOS = Path(__file__).parent / "scenarios"
TENDER = SCENARIOS / "umlaut-tender.yaml"
ROOT = Path(__file__).resolve().parents[2]


def library_of(make_app, paths=(ROOT / "scenarios",), size=(1280, 720), text_size=1.0):
    app = make_app(paths=paths, size=size)
    app.settings.text_size = text_size
    app.relayout()
    demo = Demo(app, None)
    demo.press("return")
    return app, demo, app.scenes.top


def click(app, pos):
    app.feed(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))


def wheel(app, y):
    app.feed(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))


def test_t_opens_a_menu_of_every_tag_with_its_count(make_app):
    app, demo, library = library_of(make_app)
    demo.press("t")
    menu = app.scenes.top
    assert menu.name == "tag-menu"
    entries = [(row.label, row.data[1]) for row in menu.rows]
    assert entries[0] == ("All scenarios", len(app.library))
    counts = {}
    for r in app.library:
        for tag in r.scenario.tags:
            counts[tag] = counts.get(tag, 0) + 1
    assert entries[1:] == sorted(counts.items())  # every tag once, A to Z, with its count
    assert ("multi-threading", 3) in entries
    texts = {row.label for row in menu.widgets()}
    assert "All scenarios" in texts


def test_choosing_a_tag_filters_and_all_clears_it(make_app):
    app, demo, library = library_of(make_app)
    before = len(library.cards)
    demo.press("t")
    menu = app.scenes.top
    target = next(i for i, row in enumerate(menu.rows) if row.label == "multi-threading")
    for _ in range(target):
        demo.press("down")
    demo.press("return")
    assert app.scenes.top is library and library.tag == "multi-threading"
    assert len(library.cards) == 3
    assert all("multi-threading" in c.data.scenario.tags for c in library.cards)
    assert library.tag_button.label == "Tag: multi-threading"
    demo.press("t")
    menu = app.scenes.top
    assert menu.focused.label == "multi-threading"  # it opens at the filter in use
    demo.press("home")
    demo.press("return")
    assert library.tag is None and len(library.cards) == before


def test_t_no_longer_cycles_and_esc_leaves_the_filter_alone(make_app):
    app, demo, library = library_of(make_app)
    demo.press("t")
    demo.press("down")
    demo.press("escape")
    assert app.scenes.top is library and library.tag is None
    demo.press("t")
    demo.press("t")  # T again closes the menu, like Esc
    assert app.scenes.top is library and library.tag is None


def test_the_menu_works_with_the_mouse_and_a_click_outside_closes_it(make_app):
    app, demo, library = library_of(make_app)
    click(app, library.tag_button.rect.center)  # the header button opens the same menu
    menu = app.scenes.top
    assert menu.name == "tag-menu"
    row = menu.rows[2]
    app.feed(
        pygame.event.Event(pygame.MOUSEMOTION, pos=row.rect.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    assert menu.focused is row
    click(app, row.rect.center)
    assert app.scenes.top is library and library.tag == row.data[0]
    click(app, library.tag_button.rect.center)  # the header button opens the same menu
    click(app, (2, 2))  # outside the menu
    assert app.scenes.top is library and library.tag == row.data[0]


def test_a_long_menu_scrolls_and_shows_the_cue_only_when_there_is_more(make_app):
    app, demo, library = library_of(make_app, size=(1024, 600), text_size=2.0)
    demo.press("t")
    menu = app.scenes.top
    assert menu.scroll.max_offset > 0
    assert menu.scroll.cue_text() == "▼ more"
    first_shown = menu.widgets()[0]
    wheel(app, -1)
    assert menu.scroll.offset > 0 and first_shown not in menu.widgets()
    assert menu.scroll.cue_text() == "▲ ▼ more"
    demo.press("end")
    assert menu.focused is menu.rows[-1] and menu.rows[-1] in menu.widgets()
    assert menu.scroll.cue_text() == "▲ more"
    demo.press("pageup")
    assert menu.focused is not menu.rows[-1] and menu.focused in menu.widgets()
    check_fits(app, "tag menu after scrolling", whole=True)
    demo.press("escape")
    demo.press("escape")  # back to the title
    app.library = app.library[:1]  # a short list: no cue at all
    demo.press("return")
    demo.press("t")
    assert app.scenes.top.scroll.cue_text() == ""


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_the_header_labels_are_whole_at_200_percent(make_app, size):
    app, demo, library = library_of(make_app, size=size, text_size=2.0)
    demo.press("l")
    demo.press("l")  # "Level: Standard", the longest level label
    cap = app.px("caption")
    for b in library.header():
        assert app.kit.size(b.label, "semibold", cap)[0] < b.rect.width, b.label
    check_fits(app, "library header at 200%", whole=True)  # nothing shrunk or cut
    # Up from the first card reaches the header, whichever column it is in.
    for card in library.cards[: library.columns]:
        library.buttons.focus = library.buttons.items.index(card)
        demo.press("up")
        assert library.buttons.focused in library.header()


def test_every_card_is_reachable_by_keys_and_by_the_wheel(make_app):
    app, demo, library = library_of(make_app, text_size=2.0)
    assert library.max_scroll() > 0
    for _ in range(len(library.cards)):  # up to the top (the focus starts on the suggestion)
        wheel(app, 1)
    assert library.scroll == 0
    seen = set()
    for _ in range(len(library.cards)):
        seen.update(id(c) for c in library.cards if library.visible(c))
        wheel(app, -1)
    assert seen == {id(c) for c in library.cards}  # the wheel shows every card
    demo.press("home")
    assert library.buttons.focused is library.cards[0] and library.scroll == 0
    demo.press("end")
    assert library.buttons.focused is library.cards[-1] and library.visible(library.cards[-1])
    demo.press("pageup")
    focused = library.buttons.focused
    assert focused is not library.cards[-1] and library.visible(focused)
    demo.press("pagedown")
    assert library.buttons.focused is library.cards[-1]
    check_fits(app, "library scrolled to its end", whole=True)


def test_cards_keep_one_row_of_chips_and_count_the_rest(make_app):
    app, demo, library = library_of(make_app)
    assert library.rows_visible() == 2  # six cards in view at 1280x720, as before
    seen = drawn_texts(app)
    squeeze = next(c for c in library.cards if c.data.scenario.id == "procurement-squeeze")
    assert library.visible(squeeze)
    # Its four tags do not all fit beside each other: "+N" counts the rest (the menu lists them).
    assert any(t.startswith("+") and t[1:].isdigit() for t in seen)


LONG_WINDED = """\
format: 1
id: long-winded
title: The Extraordinarily Long-Winded Quarterly Infrastructure Modernisation Steering Committee Review Meeting
summary: Every part of the card is as long as a trainer might write it.
tags: [procurement]
buyer:
  name: Maximiliana Wolfeschlegelsteinhausenberger-Papadopoulou
  role: Senior Vice President of Global Strategic Procurement, Supplier Risk and Enterprise Partnerships
start: a
nodes:
  a:
    say: Well?
    choices:
      - {text: Done., next: b}
  b:
    say: Bye.
    ending: {result: won, title: Done}
"""


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_a_card_too_tall_for_the_grid_still_shows_and_takes_a_click(make_app, tmp_path, size):
    """At 200% a long title and role made the only card taller than the grid, so it was
    never drawn: an empty library. Past the grid's height, the role and then the title end
    in "…" (the briefing shows them whole)."""
    (tmp_path / "long.yaml").write_text(LONG_WINDED, encoding="utf-8")
    app, demo, library = library_of(make_app, paths=(tmp_path,), size=size, text_size=2.0)
    card = library.cards[0]
    assert library.visible(card) and card in library.widgets()
    assert library.grid_area().contains(card.rect)
    check_fits(app, "a card as tall as the grid")
    click(app, card.rect.center)
    assert app.scenes.top.name == "briefing"


def test_a_short_card_keeps_its_buyer_by_its_title_and_its_level_in_the_row(make_app, tmp_path):
    """Cards share the tallest card's line counts: a short title's buyer line floated in the
    middle of its card, and the level, chips and status sat at different heights per card."""
    (tmp_path / "long.yaml").write_text(LONG_WINDED, encoding="utf-8")
    short = LONG_WINDED.replace("id: long-winded", "id: short").replace(
        "title: The Extraordinarily Long-Winded Quarterly Infrastructure Modernisation "
        "Steering Committee Review Meeting",
        "title: Hi",
    )
    short = short.replace(
        "  name: Maximiliana Wolfeschlegelsteinhausenberger-Papadopoulou\n"
        "  role: Senior Vice President of Global Strategic Procurement, Supplier Risk and "
        "Enterprise Partnerships",
        "  name: Bo\n  role: CEO",
    )
    (tmp_path / "short.yaml").write_text(short, encoding="utf-8")
    app, demo, library = library_of(make_app, paths=(tmp_path,))
    boxes, lines = [], []
    real_box, real_line = app.kit.box, app.kit.line

    def box(surface, text, *args, **kw):
        ink = real_box(surface, text, *args, **kw)
        boxes.append((text, ink))
        return ink

    def line(surface, text, *args, **kw):
        r = real_line(surface, text, *args, **kw)
        lines.append((text, r))
        return r

    app.kit.box, app.kit.line = box, line
    app.render()
    app.kit.box, app.kit.line = real_box, real_line
    card = next(c for c in library.cards if c.label == "Hi")
    buyer = next(i for t, i in boxes if t == "Bo · CEO")
    assert buyer.bottom < card.rect.centery  # by the title, not mid-card
    levels = sorted(r.top for t, r in lines if t.strip().startswith("Intro"))
    assert len(levels) == 2 and levels[0] == levels[1]  # one row for the level


@pytest.mark.parametrize("text_size", [1.0, 2.0], ids=lambda t: f"text{int(t * 100)}")
def test_a_new_player_starts_on_the_suggested_card(make_app, text_size):
    """The library opened on the first card, not on '★ Start here': a keyboard player's
    Enter began the first file's scenario (a hard one) instead of the easiest not played."""
    app, demo, library = library_of(make_app, text_size=text_size)
    start = next(c for c in library.cards if c.first)
    assert start is not library.cards[0]  # the case in question: the suggestion is not first
    assert library.buttons.focused is start
    assert library.visible(start)  # scrolled into view where the grid is one column
    demo.press("return")
    assert app.scenes.top.name == "briefing"
    assert app.scenes.top.scenario.id == start.data.scenario.id


def test_the_headless_demo_reaches_its_scenario_from_the_suggested_card(make_app):
    """`play --choices` walks by arrow keys from the focused card (now the suggestion) to the
    one it plays: the library's first by default, or --scenario's, at any text size."""
    from game.ui.demo import play

    for text_size in (1.0, 2.0):
        for sid in (None, "approve-my-discount", "written-for-someone-else"):
            app = make_app(paths=(ROOT / "scenarios",))
            app.settings.text_size = text_size
            app.relayout()
            play(app, [], scenario_id=sid)
            first = app.library[0].scenario.id
            assert app.scenes.top.attempt.scenario.id == (sid or first)
