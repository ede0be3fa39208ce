"""The debrief and progress screens: pages that scroll at large text instead of shrinking it,
a chart that says it counts, and one set of tag groups, symbols and colours on both."""

import pygame
import pytest

from game.content.model import TAG_GROUPS
from game.store.progress import OTHER
from game.ui.demo import Demo, play
from game.ui.scenes.debrief import CHART_HEAD
from game.ui.theme import (
    GROUP_ICONS,
    NORMAL,
    OTHER_GROUP,
    OTHER_ICON,
    TAG_ICONS,
    group_colour,
    group_icon,
)
from tests.helpers import SPEC_EXAMPLE
from tests.layout_checks import check_fits, drawn_inks
from tests.ui.test_ui_screens import drawn_texts

LARGEST = [(1024, 600), (1280, 720), (1920, 1080)]


def debrief_of(make_app, size=(1280, 720), text_size=1.0, tokens=("match", "2"), store=None):
    app = make_app(paths=(SPEC_EXAMPLE,), size=size, store=store)
    play(app, list(tokens), None)
    app.settings.text_size = text_size
    app.relayout()
    assert app.scenes.top.name == "debrief"
    return app, Demo(app, None), app.scenes.top


def wheel(app, y, pos=None):
    if pos is not None:
        app.feed(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    app.feed(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))


def test_at_100_percent_the_debrief_is_one_page_with_no_cue(make_app):
    app, demo, debrief = debrief_of(make_app)
    assert debrief.page.max_offset == 0
    check_fits(app, "debrief at 100%", whole=True)
    assert not any(t.endswith("more") for t in drawn_texts(app))


@pytest.mark.parametrize("size", LARGEST)
def test_at_200_percent_the_debrief_scrolls_instead_of_shrinking(make_app, size):
    app, demo, debrief = debrief_of(make_app, size=size, text_size=2.0)
    page = debrief.page
    assert page.max_offset > 0
    check_fits(app, "debrief at 200%, top", whole=True)
    assert "▼ more" in drawn_texts(app)
    seen = 0
    while page.more_below:
        before = page.offset
        demo.press("pagedown")
        assert page.offset > before
        check_fits(app, f"debrief at 200%, {page.offset} px down", whole=True)
        seen += 1
    assert seen >= 1 and "▲ more" in drawn_texts(app)
    texts = drawn_texts(app)
    assert any(t.startswith("Leader:") or "leader's path" in t for t in texts)
    demo.press("home")
    assert page.offset == 0
    wheel(app, -1)
    assert page.offset > 0
    demo.press("end")
    assert page.offset == page.max_offset
    # Picking a decision brings the timeline back into view, and the dots take clicks only
    # when they show.
    demo.press("left")
    timeline = debrief.boxes["timeline"]
    assert page.offset <= timeline.top and timeline.bottom <= page.offset + page.view.height
    assert all(page.shows(d.rect) for d in debrief.dots)


def test_a_dot_scrolled_out_of_sight_takes_no_click(make_app):
    app, demo, debrief = debrief_of(make_app, size=(1024, 600), text_size=2.0)
    for key in ("home", "end"):  # the top of the page, or its end, leaves the dots out
        demo.press(key)
        hidden = [d for d in debrief.dots if not debrief.page.shows(d.rect)]
        if hidden:
            break
    assert hidden and all(d not in debrief.widgets() for d in hidden)
    focus = debrief.buttons.focus
    for d in hidden:
        app.feed(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=d.rect.center, button=1))
    assert app.scenes.top is debrief and debrief.buttons.focus == focus


def test_the_chart_says_it_counts_and_gives_the_coachs_points_per_tag(make_app):
    app, demo, debrief = debrief_of(make_app)
    texts = drawn_texts(app)
    assert CHART_HEAD in texts and "times" in CHART_HEAD
    assert "$ price (−3)" in texts  # the points the coach gave for one price answer
    assert "★ insight (+3)" in texts
    assert "×2" in texts  # two price answers: a count, written as times
    assert "$ Won on price" in texts and "· it cost you 8 points" in texts  # said once


def test_one_symbol_and_one_colour_per_tag_group_on_every_screen():
    for group, tags in TAG_GROUPS:
        assert {TAG_ICONS[t] for t in tags} == {group_icon(group)}
    icons = [group_icon(g) for g, _ in TAG_GROUPS] + [group_icon(OTHER)]
    assert len(set(icons)) == len(icons) and group_icon(OTHER) == OTHER_ICON
    assert set(GROUP_ICONS) == {g for g, _ in TAG_GROUPS}
    assert OTHER == OTHER_GROUP  # the store's name for a scenario's own tags is the theme's
    colours = [group_colour(NORMAL, g) for g, _ in TAG_GROUPS] + [group_colour(NORMAL, OTHER)]
    assert len(set(colours)) == len(colours)
    assert NORMAL.accent not in colours  # the accent means focus, never a tag group


@pytest.fixture
def store(tmp_path):
    from game.store import open_store

    s = open_store(tmp_path / "data")
    yield s
    s.close()


def progress_of(make_app, store, size=(1280, 720), text_size=1.0, runs=1):
    app, demo, _ = debrief_of(make_app, store=store)
    for _ in range(runs - 1):
        demo.press("a")  # try again
        for key in ("1", "return", "1", "return", "return", "return"):
            if app.scenes.top.name == "debrief":
                break
            demo.press(key)
    demo.press("escape")  # the library
    app.settings.text_size = text_size
    app.relayout()
    demo.press("p")
    assert app.scenes.top.name == "progress"
    return app, demo, app.scenes.top


def test_progress_uses_the_debriefs_groups_symbols_and_colours(make_app, store):
    app, demo, progress = progress_of(make_app, store)
    texts = drawn_texts(app)
    for group, _ in TAG_GROUPS:
        assert f"{group_icon(group)} {group}" in texts  # the legend
    assert "$" in texts  # the price group's symbol on its bar
    assert any(t.startswith("1 attempt · best") for t in texts)  # singular
    assert not any("1 attempts" in t for t in texts)


@pytest.mark.parametrize("size", LARGEST)
def test_at_200_percent_the_progress_panel_scrolls_instead_of_shrinking(make_app, store, size):
    app, demo, progress = progress_of(make_app, store, size=size, text_size=2.0)
    detail = progress.detail
    assert detail.max_offset > 0
    check_fits(app, "progress at 200%, top", whole=True)
    assert "▼ more" in drawn_texts(app)
    while detail.more_below:
        before = detail.offset
        demo.press("pagedown")
        assert detail.offset > before
        check_fits(app, f"progress at 200%, {detail.offset} px down", whole=True)
    assert "▲ more" in drawn_texts(app)
    texts = drawn_texts(app)
    assert f"{group_icon('Leadership')} Leadership" in texts  # the legend, at the end
    demo.press("home")
    wheel(app, -1, pos=detail.view.center)
    assert detail.offset > 0


def test_at_100_percent_progress_fits_with_no_cue(make_app, store):
    app, demo, progress = progress_of(make_app, store)
    assert progress.detail.max_offset == 0
    check_fits(app, "progress at 100%", whole=True)
    assert not any(t.endswith("more") for t in drawn_texts(app))


def test_every_note_opens_at_decision_1(make_app):
    app, demo, debrief = debrief_of(make_app)
    demo.press("right")  # the last decision is chosen on the timeline
    demo.press("n")
    notes = app.scenes.top
    assert notes.name == "notes" and notes.first == 0
    assert "Decision 1" in drawn_texts(app)


def test_a_single_attempt_is_labelled_under_its_point(make_app, store):
    app, demo, progress = progress_of(make_app, store)
    lines = drawn_inks(app, "line")
    label = next(r for t, r in lines if t == "attempt 1")
    view = progress.detail.view
    assert abs(label.centerx - (view.left + view.right) / 2) < view.width / 4  # not at the left


LOOPING = """\
format: 1
id: looping
title: Looping
summary: A conversation that can go round for ever, so no run is the best.
buyer: {name: Bo Lind, role: Buyer}
start: ask
nodes:
  ask:
    say: Cheaper?
    time_limit: 10
    timeout: silence
    choices:
      - {id: again, text: Let me show you what the cheaper option costs., tags: [leadership], next: ask}
      - {id: cave, text: Yes., tags: [price], next: done}
  silence:
    say: We'll move on.
    ending: {result: lost, title: Silence}
  done:
    say: Deal.
    ending: {result: won, title: Won on price}
"""


@pytest.mark.parametrize("tokens", [["timeout"], ["cave"]])
def test_with_no_best_run_the_debrief_claims_no_leaders_path(make_app, tmp_path, tokens):
    """A loop leaves the scenario without a best run: a lost or price run must not read
    "You walked the leader's path: no run scores higher than yours"."""
    path = tmp_path / "looping.yaml"
    path.write_text(LOOPING, encoding="utf-8")
    app = make_app(paths=(path,))
    play(app, tokens, None)
    debrief = app.scenes.top
    assert debrief.name == "debrief" and debrief.card is not None and debrief.card.best is None
    texts = drawn_texts(app)
    assert "You walked the leader's path" not in texts
    assert not any("scores higher than yours" in t for t in texts)
    assert "No single leader's path" in texts
    check_fits(app, "debrief with no best run", whole=True)


def test_a_run_that_matched_the_leader_but_stopped_short_says_so(make_app):
    app, demo, debrief = debrief_of(make_app, tokens=("cost_of_delay", "c1"))
    texts = drawn_texts(app)
    assert "You walked the leader's path" in texts
    assert any("No run of this scenario scores higher" in t for t in texts)


def test_progress_says_a_looping_scenario_has_no_index_rather_than_not_yet(
    make_app, store, tmp_path
):
    """Progress said "best Index not known yet" and "the Index shows once the scenario has
    been analysed" for a scenario analysed long ago whose loop leaves it without an Index."""
    path = tmp_path / "looping.yaml"
    path.write_text(LOOPING, encoding="utf-8")
    app = make_app(paths=(path,), store=store)
    demo = Demo(app, None)
    play(app, ["cave"], None)
    demo.press("escape")
    demo.press("p")
    assert app.scenes.top.name == "progress"
    texts = drawn_texts(app)
    assert not any(
        "not known yet" in t or "once the scenario has been analysed" in t for t in texts
    )
    assert any("no Index" in t for t in texts)
    check_fits(app, "progress of a looping scenario", whole=True)


def test_a_short_title_in_the_progress_list_sits_by_its_detail(make_app, store, tmp_path):
    """Rows share the tallest row's height: a short title floated mid-row, far from its
    "1 attempt · best" line, beside a long title that starts at the top."""
    from tests.ui.test_ui_library import LONG_WINDED

    (tmp_path / "long.yaml").write_text(LONG_WINDED, encoding="utf-8")
    short = LONG_WINDED.replace("id: long-winded", "id: short").replace(
        "title: The Extraordinarily Long-Winded Quarterly Infrastructure Modernisation "
        "Steering Committee Review Meeting",
        "title: Hi",
    )
    (tmp_path / "short.yaml").write_text(short, encoding="utf-8")
    app = make_app(paths=(tmp_path,), store=store)
    play(app, ["1"], None, scenario_id="short")
    demo = Demo(app, None)
    demo.press("escape")
    library = app.scenes.top
    library.buttons.focus = library.buttons.items.index(
        next(c for c in library.cards if c.data.scenario.id == "long-winded")
    )
    for key in ("return", "p", "1", "return", "return", "escape"):
        demo.press(key)
    demo.press("p")
    progress = app.scenes.top
    assert progress.name == "progress" and len(progress.rows) == 2
    drawn = drawn_inks(app)
    row = next(r for r in progress.rows if r.data.title == "Hi")
    title = next(i for t, i in drawn if t == "Hi")
    detail = next(i for t, i in drawn if t == row.detail() and row.rect.contains(i))
    assert detail.top - title.bottom < app.kit.line_height(app.px("body")) // 2, (title, detail)


@pytest.mark.parametrize("size", LARGEST)
def test_at_200_percent_every_note_scrolls_instead_of_cutting(make_app, size):
    """At 200% "Every note" cut the buyer's words and the coach's note with "…", lost the
    rep's own line, shrank a note, and ended its button in "Back to the…"."""
    app, demo, debrief = debrief_of(make_app, size=size, text_size=2.0)
    demo.press("n")
    notes = app.scenes.top
    assert notes.name == "notes"
    check_fits(app, "every note at 200%", whole=True)
    seen = drawn_texts(app)
    while notes.page.more_below:
        demo.press("pagedown")
        check_fits(app, f"every note, {notes.page.offset} px down", whole=True)
        seen |= drawn_texts(app)
    assert any(t.startswith("You: ") for t in seen)  # the rep's own line is there
    assert "Decision 2" in seen
    demo.press("home")
    assert notes.page.offset == 0
    demo.press("escape")
    assert app.scenes.top is debrief


def test_at_100_percent_every_note_fits_with_no_cue(make_app):
    app, demo, debrief = debrief_of(make_app)
    demo.press("n")
    check_fits(app, "every note at 100%", whole=True)
    assert app.scenes.top.page.max_offset == 0
    assert not any(t.endswith("more") for t in drawn_texts(app))
