"""What each screen shows: the score only in practice, meters easing, filters and scrolling,
broken scenarios, and the debrief's numbers."""

from pathlib import Path

import pytest

from game.engine.scorecard import leadership_index
from game.ui.demo import Demo, walk_to
from game.ui.scenes.debrief import departure

SCENARIOS = Path(__file__).parent / "scenarios"
TENDER = SCENARIOS / "umlaut-tender.yaml"


def drawn_texts(app) -> set[str]:
    """Every string rendered for one frame (the cache is bypassed so nothing hides)."""
    seen = set()
    real = app.kit.render

    def render(text, style, px, colour, cache=True):
        seen.add(text)
        return real(text, style, px, colour, cache)

    app.kit.render = render
    app.render()
    app.kit.render = real
    return seen


def open_first_card(make_app, paths, size=(1280, 720), text_size=None):
    """The app on `paths` at `size` (and text size), with the library's first card opened
    (Enter on the card, Enter on its mode): the briefing, or the problems of a broken file."""
    app = make_app(paths=paths, size=size)
    if text_size is not None:
        app.settings.text_size = text_size
        app.relayout()
    demo = Demo(app, None)
    demo.press("return")
    demo.press("return")
    return app, demo


def open_tender(app, mode_key):
    demo = Demo(app, None)
    demo.press("return")
    library = app.scenes.top
    walk_to(demo, library, next(i for i, c in enumerate(library.cards) if c.data.ok))
    demo.press("return")
    demo.press(mode_key)
    return demo


@pytest.mark.parametrize(
    ("mode_key", "shown"), [("p", True), ("a", False)], ids=["practice", "assessment"]
)
def test_the_score_shows_in_practice_only(make_app, mode_key, shown):
    app = make_app()
    demo = open_tender(app, mode_key)
    demo.press("2")
    if shown:
        demo.press("return")  # past the coach's note
    assert app.scenes.top.name == "conversation"
    texts = drawn_texts(app)
    assert any(t.startswith("Score ") for t in texts) is shown


def test_meters_ease_to_their_new_value(make_app):
    app = make_app()
    open_tender(app, "a")
    screen = app.scenes.top
    screen.take(screen.attempt.conversation.node.choice("insight"))
    assert screen.deltas == {"trust": 20}
    app.step(150)
    assert 40 < screen.shown["trust"] < 60  # on its way
    app.step(200)
    assert screen.shown["trust"] == 60 and not screen.easing
    assert "Vertrauen 60 +20" in drawn_texts(app)  # the value, and the change with its sign


def test_reduced_motion_shows_everything_at_once(make_app):
    app = make_app()
    app.settings.reduced_motion = True
    open_tender(app, "a")
    screen = app.scenes.top
    assert screen.revealed
    screen.take(screen.attempt.conversation.node.choice("insight"))
    assert screen.shown["trust"] == 60 and not screen.animating


def test_the_reveal_takes_about_thirty_ms_a_word(make_app):
    app = make_app()
    open_tender(app, "a")
    screen = app.scenes.top
    screen.show_node()
    assert screen.words == 0
    app.step(300)
    assert screen.words == pytest.approx(10)
    assert not screen.revealed


def test_filters_narrow_the_library_and_broken_files_show_unfiltered(make_app, tmp_path):
    tender = TENDER.read_text(encoding="utf-8")
    for n, level in enumerate((1, 2, 3)):
        text = tender.replace("id: umlaut-tender", f"id: t{n}").replace(
            "difficulty: 3", f"difficulty: {level}"
        )
        (tmp_path / f"t{n}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(
        (SCENARIOS / "broken.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    app = make_app(paths=[tmp_path])
    demo = Demo(app, None)
    demo.press("return")
    library = app.scenes.top
    assert len(library.cards) == 4
    texts = drawn_texts(app)
    assert "⚠ 2 errors" in texts
    demo.press("l")  # intro only
    assert [c.data.scenario.difficulty for c in library.cards] == [1]
    demo.press("l")
    demo.press("l")
    assert [c.data.scenario.difficulty for c in library.cards] == [3]
    demo.press("l")  # back to any level
    demo.press("t")  # the tag menu: "All scenarios", then the tags A to Z
    demo.press("down")
    demo.press("return")
    assert library.tag == "long-text" and len(library.cards) == 3


def test_the_library_scrolls_to_keep_the_focus_in_view(make_app, tmp_path):
    tender = TENDER.read_text(encoding="utf-8")
    for n in range(10):
        (tmp_path / f"t{n:02d}.yaml").write_text(
            tender.replace("id: umlaut-tender", f"id: t{n}"), encoding="utf-8"
        )
    app = make_app(paths=[tmp_path])
    demo = Demo(app, None)
    demo.press("return")
    library = app.scenes.top
    for _ in range(3):
        demo.press("down")
    assert library.buttons.focused is library.cards[9]
    # The last of four rows is the lowest in view (the long fixture makes tall cards).
    assert library.scroll == 4 - library.rows_visible() and library.visible(library.cards[9])
    assert not library.visible(library.cards[0])
    assert library.cards[0] not in library.widgets()


def test_opening_a_broken_scenario_lists_every_diagnostic(make_app):
    app = make_app()
    demo = Demo(app, None)
    demo.press("return")
    library = app.scenes.top
    walk_to(demo, library, 0)  # the broken card sorts first (the focus starts on the tender)
    demo.press("return")
    assert app.scenes.top.name == "problems"
    texts = drawn_texts(app)
    assert any("efects" in t for t in texts) and any("clsoe" in t for t in texts)


@pytest.mark.parametrize(
    ("score", "best", "worst", "index"),
    [
        (14, 14, -10, 100),
        (-10, 14, -10, 0),
        (2, 14, -10, 50),
        (30, 14, -10, 100),
        (-30, 14, -10, 0),
        (5, 5, 5, 100),
        (3, None, -10, None),
    ],
    ids=["best", "worst", "middle", "above-clamped", "below-clamped", "all-equal", "no-analysis"],
)
def test_the_leadership_index_places_the_score_between_worst_and_best(score, best, worst, index):
    assert leadership_index(score, best, worst) == index


def test_the_departure_is_the_first_move_off_the_leaders_path():
    from game.content.loader import load_scenario
    from game.engine import rules

    scenario = load_scenario(TENDER).scenario

    class Best:
        choices = ["insight", "lead"]

    assert departure(scenario, rules.replay(scenario, ["insight", "lead"]), Best) is None
    number, words = departure(scenario, rules.replay(scenario, ["insight", "c2"]), Best)
    assert number == 2 and words.startswith("Let's put breakage")
    assert departure(scenario, rules.replay(scenario, ["insight"]), None) is None


def test_every_note_of_an_assessment_run_waits_in_the_debrief(make_app):
    app = make_app()
    demo = open_tender(app, "a")
    for key in ("2", "1", "return", "n"):
        demo.press(key)
    assert app.scenes.top.name == "notes"
    texts = drawn_texts(app)
    assert {"Decision 1", "Decision 2"} <= texts
    assert any("cost he had stopped seeing" in t for t in texts)  # the scenario's own feedback
    demo.press("escape")
    assert app.scenes.top.name == "debrief"


def test_the_debrief_chart_shows_the_scenarios_own_tags(make_app):
    bundled = Path(__file__).resolve().parents[2] / "scenarios" / "prove-it.yaml"
    app = make_app(paths=(bundled,))
    demo = Demo(app, None)
    for key in ("return", "return", "a"):
        demo.press(key)
    screen = app.scenes.top
    for choice_id in ("blame_client", "blamed_more"):  # blaming the last client twice: a walkout
        screen = app.scenes.top
        screen.take(screen.attempt.conversation.node.choice(choice_id))
        app.step(2000)
    for _ in range(6):  # past the last coach's note and the ending
        if app.scenes.top.name == "debrief":
            break
        demo.press("return")
    debrief = app.scenes.top
    assert debrief.name == "debrief"
    assert debrief.chart_tags()[-1] == "blame"
    # The mark all of a scenario's own tags share, and the points the rubric gives one.
    assert any(t.startswith("○ blame (") for t in drawn_texts(app))


def test_a_win_on_price_is_amber_and_says_what_it_cost(make_app):
    from game.ui.demo import play
    from tests.helpers import SPEC_EXAMPLE

    app = make_app(paths=(SPEC_EXAMPLE,))
    play(app, ["match", "2"], None)
    debrief = app.scenes.top
    assert debrief.name == "debrief" and debrief.state.result == "won"
    assert debrief.price_cost() == 8  # two price answers (−3 each) and the ending's −2
    texts = drawn_texts(app)
    assert "$ Won on price" in texts and "✓ WON" not in texts
    assert any("it cost you 8 points" in t for t in texts)
    assert "×2" in texts  # the chart counts answers; it does not show points


def test_quotation_marks_are_never_doubled():
    from game.ui.theme import quoted

    assert quoted('"Hi Amara, one question."') == "“Hi Amara, one question.”"
    assert quoted("“Already curly”") == "“Already curly”"
    assert quoted("Plain") == "“Plain”"


def test_a_stage_direction_is_shown_as_written_not_quoted():
    """A buyer's `say` or a rep's choice wholly in brackets is an action, not words said."""
    from game.ui.theme import quoted

    assert (
        quoted("(Her profile, and a blank message box.)")
        == "(Her profile, and a blank message box.)"
    )
    assert quoted(" [Stay silent] ") == "[Stay silent]"
    assert quoted("*Nods slowly*") == "*Nods slowly*"
    assert quoted("(Aside) we can talk") == "“(Aside) we can talk”"  # words after a note
    assert quoted("(Pause.) Fine. [Sighs]") == "“(Pause.) Fine. [Sighs]”"
    assert quoted("(Pause.) Fine. (Sighs)") == "“(Pause.) Fine. (Sighs)”"  # words between


def test_a_choice_written_in_straight_quotes_shows_curly_ones():
    from game.ui.theme import curled

    assert curled('"Hi Lucía, one question."') == "“Hi Lucía, one question.”"
    assert curled('He said "no" twice.') == 'He said "no" twice.'
    assert curled('"Yes," she said, "today."') == '"Yes," she said, "today."'


def test_the_library_suggests_where_to_start_and_sorts_by_difficulty(make_app):
    from tests.helpers import ROOT

    app = make_app(paths=(ROOT / "scenarios",))
    demo = Demo(app, None)
    demo.press("return")
    library = app.scenes.top
    start = [c for c in library.cards if c.first]
    easiest = min(c.data.scenario.difficulty for c in library.cards if c.data.ok)
    assert len(start) == 1 and start[0].data.scenario.difficulty == easiest
    assert any(t.startswith("★ Start here") for t in drawn_texts(app))
    demo.press("s")
    levels = [c.data.scenario.difficulty for c in library.cards if c.data.ok]
    assert levels == sorted(levels)
    demo.press("s")  # back to the files' order
    assert [c.data.path for c in library.cards] == [r.path for r in app.library]


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_at_200_percent_the_help_wraps_and_scrolls_instead_of_cutting(make_app, size):
    """At 200% the keys ran into their descriptions and the descriptions ended in "…"."""
    from tests.layout_checks import check_fits

    app = make_app(size=size)
    app.settings.text_size = 2.0
    app.relayout()
    demo = Demo(app, None)
    demo.press("f1")
    help_ = app.scenes.top
    assert help_.name == "help"
    check_fits(app, "help at 200%", whole=True)
    assert "▼ more" in drawn_texts(app)
    seen = 0
    while help_.page.more_below:
        demo.press("pagedown")
        check_fits(app, f"help at 200%, {help_.page.offset} px down", whole=True)
        seen += 1
    assert seen and app.scenes.top is help_  # scrolling keeps it open
    for key, *_ in help_.rows:
        assert help_.key_w > app.kit.size(key, "bold", app.px("caption"))[0]
    demo.press("x")  # any other key closes it
    assert app.scenes.top is not help_


def test_at_100_percent_the_help_shows_every_key_at_once(make_app):
    from tests.layout_checks import check_fits

    app = make_app()
    Demo(app, None).press("f1")
    check_fits(app, "help at 100%", whole=True)
    assert app.scenes.top.page.max_offset == 0
    assert not any(t.endswith("more") for t in drawn_texts(app))


@pytest.mark.parametrize("text_size", [1.0, 2.0])
@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_the_title_screen_reflows_instead_of_cutting(make_app, size, text_size):
    """At 200% the title's "y" lost its tail, the tagline ended in "…" and so did "Keys and
    help"; at 100% the game's name was drawn smaller than its size."""
    from tests.layout_checks import check_fits

    app = make_app(size=size)
    app.settings.text_size = text_size
    app.relayout()
    assert app.scenes.top.name == "title"
    check_fits(app, f"title at {text_size:.0%}", whole=True)


MANY_ERRORS = """\
format: 1
id: Keys
title: Keys
summary: x
difficulty: 4
buyer: {name: Bo, role: CEO, look: {skin: green, hair: mohawk}}
setting: spaceship
start: a
nodes:
  a:
    say: Hi
    mood: angry
    choices:
      - text: hello
        efects: {trust: 1}
        tags: [insigth]
        next: bb
  b:
    say: Bye
    ending: {result: win, title: Done}
"""


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_at_200_percent_the_problems_list_scrolls_instead_of_cutting(make_app, tmp_path, size):
    """At 200% the file's problems ended in "…", one in two drew smaller, and the button
    read "Back to the…"."""
    from tests.layout_checks import check_fits

    (tmp_path / "keys.yaml").write_text(MANY_ERRORS, encoding="utf-8")
    app, demo = open_first_card(make_app, (tmp_path,), size, text_size=2.0)
    problems = app.scenes.top
    assert problems.name == "problems" and len(problems.rows) >= 8
    check_fits(app, "problems at 200%", whole=True)
    page = problems.page

    def in_view():
        return {
            i
            for i, (_, _, top, h) in enumerate(problems.rows)
            if top < page.offset + page.view.height and top + h > page.offset
        }

    seen = in_view()
    while page.more_below:
        demo.press("pagedown")
        check_fits(app, f"problems, {page.offset} px down", whole=True)
        seen |= in_view()
    assert seen == set(range(len(problems.rows)))  # every one reached, none cut or shrunk
    demo.press("home")
    assert problems.page.offset == 0 and problems.first == 0


def test_a_file_fixed_and_reloaded_on_the_problems_screen_says_it_can_be_played(make_app, tmp_path):
    """After F5 found no errors the screen still read "⚠ 0 errors" and "cannot be played
    until these are fixed"."""
    path = tmp_path / "keys.yaml"
    path.write_text(MANY_ERRORS, encoding="utf-8")
    app, demo = open_first_card(make_app, (tmp_path,))
    assert app.scenes.top.name == "problems"
    fixed = (Path(__file__).parent / "scenarios" / "umlaut-tender.yaml").read_text("utf-8")
    path.write_text(fixed, encoding="utf-8")
    demo.press("f5")
    texts = drawn_texts(app)
    assert not any("0 errors" in t or "cannot be played" in t for t in texts)
    assert any(t.startswith("✓ No errors in") for t in texts)


def test_a_toast_never_covers_the_back_button_of_problems_or_progress(make_app, tmp_path):
    """ "Reloaded: no errors now." sat over "Back to the library", and a toast carried from
    the conversation ("Saved. Resume it…") over progress's Back."""
    path = tmp_path / "keys.yaml"
    path.write_text(MANY_ERRORS, encoding="utf-8")
    app, demo = open_first_card(make_app, (tmp_path,))
    problems = app.scenes.top
    demo.press("f5")
    assert app.toast_text
    assert app.toast_rect().bottom <= problems.buttons.items[0].rect.top
    demo.press("escape")
    demo.press("p")
    progress = app.scenes.top
    assert progress.name == "progress"
    app.toast("Saved. Resume it from its card in the library.")
    assert app.toast_rect().bottom <= progress.back_button.rect.top
