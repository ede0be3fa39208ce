"""Projector readability: Enter's one meaning, reading-size narration and coach's notes, a 4:3
projector, ties and abstentions in words, added time on the ring, and undo that asks first."""

from pathlib import Path

import pytest

from game.content.loader import load_scenario
from game.ui.demo import Demo
from game.ui.intents import POINT, Intent
from game.ui.workshop.room import CLICKS, KEYS, PHONES
from game.ui.workshop.setup import WorkshopSetup
from tests.helpers import SPEC_EXAMPLE
from tests.layout_checks import check_fits, check_whole
from tests.workshop.test_workshop_screens import click, start

ROOT = Path(__file__).resolve().parents[2]
SQUEEZE = ROOT / "scenarios" / "procurement-squeeze.yaml"  # long narration and coach's notes
SIX_WAYS = Path(__file__).parent / "scenarios" / "six-ways.yaml"
EIGHT = ["Falcons", "Owls", "Hawks", "Kestrels", "Herons", "Ravens", "Swifts", "Wrens"]


@pytest.fixture
def room():
    """room(path, teams, timer=90, method=KEYS, size=(1920, 1080)) -> (app, demo)."""
    from game.ui.app import App

    made = []

    def make(
        path=SPEC_EXAMPLE, teams=("Falcons", "Owls"), timer=90, method=KEYS, size=(1920, 1080)
    ):
        scenario = load_scenario(str(path)).scenario
        app = App([str(path)], size=size, use_store=False)
        setup = WorkshopSetup(
            app, [scenario], chosen=scenario, teams=list(teams), timer=timer, method=method, port=0
        )
        app.start(setup)
        app.settings.text_size = 1.0
        app.relayout()
        made.append((app, setup))
        return app, Demo(app, None)

    yield make
    for app, setup in made:
        setup.stop_phones()
        app.close()


def point(app, rect):
    app.dispatch(Intent(POINT, pos=rect.center))


def drawn(app, monkeypatch, style=None):
    """(text, px) for every line the next render draws (in `style` only, when given)."""
    seen = []
    real = app.kit.render

    def spy(text, in_style, px, *args, **kw):
        if style in (None, in_style):
            seen.append((text, int(px)))
        return real(text, style, px, *args, **kw)

    monkeypatch.setattr(app.kit, "render", spy)
    app.render()
    monkeypatch.setattr(app.kit, "render", real)
    return seen


def words(text: str) -> list[str]:
    return text.split()


# ----- 1. Enter always means "Reveal now" ------------------------------------------------------
def test_in_click_mode_enter_reveals_after_a_chip_is_picked(room):
    app, demo = room(teams=("Falcons", "Owls", "Hawks"), method=CLICKS)
    screen = start(app, demo)
    click(app, screen.chips[2].rect)  # the facilitator picks the Hawks' chip...
    click(app, screen.rows[1].rect)  # ...and sets their choice
    click(app, screen.chips[0].rect)  # then picks the Falcons, who have not said yet
    assert screen.picking == 0 and screen.votes == [None, None, "cost_of_delay"]
    demo.press("return")
    reveal = app.scenes.top
    assert reveal.name == "workshop-reveal" and reveal.decision.votes == (
        None,
        None,
        "cost_of_delay",
    )


@pytest.mark.parametrize("button", ["pause_button", "add_button", "undo_button"])
def test_in_key_mode_enter_reveals_whatever_the_mouse_rests_on(room, button):
    app, demo = room()
    screen = start(app, demo)
    demo.press("2")
    point(app, getattr(screen, button).rect)
    assert screen.buttons.focused is getattr(screen, button)  # the mouse lights it...
    demo.press("return")  # ...but Enter still reveals
    reveal = app.scenes.top
    assert reveal.name == "workshop-reveal" and reveal.decision.votes == ("cost_of_delay", None)
    assert len(reveal.workshop.decisions) == 1


def test_keys_that_moved_the_focus_no_longer_change_what_enter_does(room):
    app, demo = room(method=CLICKS)
    screen = start(app, demo)
    for key in ("tab", "tab", "down", "left"):
        demo.press(key)
    assert screen.buttons.focused is screen.reveal_button
    assert screen.picking == 1  # Tab, Tab, ←: the team picked moves, not the focus
    demo.press("1")
    assert screen.votes == [None, "match"]
    demo.press("return")
    assert app.scenes.top.name == "workshop-reveal"


def test_on_the_reveal_enter_goes_on_wherever_the_mouse_is(room):
    app, demo = room()
    start(app, demo)
    demo.press("2")
    demo.press("return")
    reveal = app.scenes.top
    point(app, reveal.undo_button.rect)
    demo.press("return")
    assert app.scenes.top.name == "workshop-vote" and len(reveal.workshop.decisions) == 1


def test_f1_lists_the_workshop_keys(room):
    app, demo = room()
    start(app, demo)
    demo.press("f1")
    keys = dict(app.scenes.top.keys)
    assert app.scenes.top.name == "help" and keys["Enter"].startswith("Reveal now")
    assert "Backspace" in keys and "Space" in keys
    demo.press("escape")
    demo.press("return")
    demo.press("f1")
    assert dict(app.scenes.top.keys)["Enter"].startswith("Next decision")


# ----- 2. Narration and coach's note at reading size -------------------------------------------
READING = {(1920, 1080): 40, (1280, 720): 28, (1024, 768): 28, (3840, 2160): 80}


@pytest.mark.parametrize("size", list(READING), ids=lambda s: f"{s[0]}x{s[1]}")
def test_narration_is_read_at_reading_size_and_pages_rather_than_shrinks(room, monkeypatch, size):
    app, demo = room(path=SQUEEZE, size=size, teams=("Falcons", "Owls", "Hawks"))
    screen = start(app, demo)
    narration = words(screen.workshop.node.narration)
    shown: list[str] = []
    for _ in range(screen.narration_pages):
        lines = [(t, px) for t, px in drawn(app, monkeypatch, "italic") if t.strip()]
        assert lines and {px for _, px in lines} == {READING[size]}
        shown += [w for t, _ in lines for w in words(t)]
        check_fits(app, f"vote, narration page {screen.page + 1}")
        demo.press("down")
    assert shown[: len(narration)] == narration  # every word, in order, none cut


@pytest.mark.parametrize("size", list(READING), ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_coach_s_note_is_read_at_reading_size_and_pages(room, monkeypatch, size):
    app, demo = room(path=SQUEEZE, size=size, teams=("Falcons", "Owls", "Hawks"))
    start(app, demo)
    for key in ("1", "q", "a"):
        demo.press(key)
    demo.press("return")
    reveal = app.scenes.top
    app.render()
    note = words(" ".join(reveal.note_pages))
    assert " ".join(note) == " ".join(
        words(reveal.room.scenario.nodes["opening"].choice(reveal.decision.taken).feedback)
    )
    shown: list[str] = []
    for _ in range(len(reveal.note_pages)):
        page_lines = reveal.note_pages[reveal.page].split("\n")
        lines = [(t, px) for t, px in drawn(app, monkeypatch, "regular") if t in page_lines]
        assert [t for t, _ in lines] == page_lines and {px for _, px in lines} == {READING[size]}
        shown += words(reveal.note_pages[reveal.page])
        check_fits(app, f"reveal, coach page {reveal.page + 1}")
        demo.press("down")
    assert shown == note
    if size in ((1280, 720), (1024, 768)):  # 4:3 has the height for it on one page
        assert (len(reveal.note_pages) > 1) == (size == (1280, 720))


def test_a_click_on_the_coach_s_note_turns_its_page(room):
    app, demo = room(path=SQUEEZE, size=(1280, 720), teams=("Falcons", "Owls", "Hawks"))
    start(app, demo)
    demo.press("1")
    demo.press("return")
    reveal = app.scenes.top
    app.render()
    assert len(reveal.note_pages) > 1
    click(app, reveal.rects["coach"])
    assert reveal.page == 1 and app.scenes.top is reveal


# ----- 3. A 4:3 projector ----------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["1024x768", "1920x1080"])
def test_every_workshop_screen_fits_a_4_3_projector(room, size):
    app, demo = room(path=SIX_WAYS, teams=EIGHT, size=size, method=CLICKS)
    check_fits(app, "setup")
    screen = start(app, demo)
    check_fits(app, "vote")
    demo.press("+")
    for team in range(6):  # the Swifts and the Wrens do not vote
        click(app, screen.chips[team].rect)
        click(app, screen.rows[team % 2].rect)  # a tie between 1 and 2
    check_fits(app, "vote, six locked, time added")
    demo.press("backspace")
    check_fits(app, "vote, the undo question")
    demo.press("escape")
    demo.press("return")
    assert app.scenes.top.decision.tied
    check_fits(app, "reveal, a tie and a team with no vote")
    rows = app.scenes.top.rows
    check_whole(app, "reveal, six long choices", area=rows[0].rect.unionall([r.rect for r in rows]))
    demo.press("o")
    check_fits(app, "reveal, choosing another path")
    demo.press("escape")
    demo.press("return")
    screen = app.scenes.top
    for team in range(8):
        click(app, screen.chips[team].rect)
        click(app, screen.rows[0].rect)
    demo.press("return")
    demo.press("return")
    check_fits(app, "scoreboard")


@pytest.mark.parametrize("size", [(1024, 768), (1280, 1024)], ids=["4:3", "5:4"])
def test_on_a_4_3_projector_vote_and_reveal_use_the_whole_height(room, size):
    app, demo = room(path=SQUEEZE, size=size, teams=("Falcons", "Owls", "Hawks"))
    screen = start(app, demo)
    band = app.stage.area  # the 16:9 band the other screens keep
    assert band.height < size[1]
    for where in ("vote", "reveal"):
        app.render()
        top = app.scenes.top
        assert top.stage_area == app.surface.get_rect()
        assert max(b.rect.bottom for b in top.widgets()) > band.bottom
        check_fits(app, where)
        check_whole(app, where)
        assert app.surface.get_at((size[0] // 2, 2))[:3] == app.pal.panel[:3]  # the top bar
        demo.press("1")
        demo.press("return")
    assert screen.narration_pages == 1  # the whole narration at 28 px, on one page


def test_the_join_screen_fits_a_4_3_projector(room):
    app, demo = room(method=PHONES, size=(1024, 768), timer=0)
    demo.press("return")
    assert app.scenes.top.name == "workshop-join"
    check_fits(app, "join")
    demo.press("return")
    check_fits(app, "vote with phones")


# ----- 4. Ties and abstentions in words --------------------------------------------------------
def test_a_tie_and_a_team_with_no_vote_are_said_on_the_reveal(room, monkeypatch):
    app, demo = room(teams=("Falcons", "Owls", "Hawks"))
    start(app, demo)
    demo.press("2")  # Falcons: cost_of_delay (choice 2)
    demo.press("q")  # Owls: match (choice 1); Hawks do not vote
    demo.press("return")
    reveal = app.scenes.top
    d = reveal.decision
    assert d.tied == ("match", "cost_of_delay") and d.taken == "match"  # listed first wins
    assert reveal.path_words() == "Tie: the room takes choice 1"
    assert reveal.status() == (
        "Tie: the room takes the choice listed first. No vote from Hawks: 0 points."
    )
    text = " ".join(t for t, _ in drawn(app, monkeypatch))
    assert "No vote · 0" in text and "Tie: the room takes choice 1" in text


def test_without_a_tie_or_a_missing_vote_the_reveal_says_neither(room):
    app, demo = room(teams=("Falcons", "Owls", "Hawks"))
    start(app, demo)
    for key in ("2", "w", "a"):
        demo.press(key)
    demo.press("return")
    reveal = app.scenes.top
    assert reveal.decision.tied == () and reveal.status() == "Teams score their own votes."
    assert reveal.path_words() == "The room takes choice 2"


def test_an_override_after_a_tie_says_what_the_votes_picked(room):
    app, demo = room()
    start(app, demo)
    demo.press("1")
    demo.press("w")
    demo.press("return")
    demo.press("o")
    demo.press("3")
    reveal = app.scenes.top
    assert reveal.path_words() == "Votes picked choice 1; the room explores 3"
    assert "Tie" not in reveal.status()


# ----- 5. Added time on the ring ---------------------------------------------------------------
def test_added_time_shows_on_the_ring_and_the_seconds_stay_right(room, monkeypatch):
    app, demo = room(timer=30)
    screen = start(app, demo)
    demo.wait(10_000)
    demo.press("+")
    t = screen.timer
    assert t.left_seconds == 50 and t.total_ms == 60_000 and t.fraction == pytest.approx(50 / 60)
    assert t.extra_fraction == pytest.approx(30 / 60)
    texts = [text for text, _ in drawn(app, monkeypatch)]
    assert "+30 s" in texts and "0:50" in texts
    before = drawn_pixels(app)
    demo.wait(30_000)  # the added time is spent first
    assert t.left_seconds == 20 and t.extra_fraction == 0 and t.fraction == pytest.approx(1 / 3)
    assert drawn_pixels(app) != before


def drawn_pixels(app):
    import pygame

    app.render()
    return pygame.image.tobytes(app.surface.subsurface(app.scenes.top.rects["clock"]), "RGB")


# ----- 6. Undo asks before clearing votes ------------------------------------------------------
def to_decision_two(app, demo):
    start(app, demo)
    demo.press("2")
    demo.press("w")
    demo.press("return")
    demo.press("return")
    assert app.scenes.top.name == "workshop-vote"
    return app.scenes.top


@pytest.mark.parametrize("key", ["return", "y"])
def test_undo_with_votes_cast_asks_and_enter_or_y_clears_them(room, key):
    app, demo = room()
    screen = to_decision_two(app, demo)
    demo.press("1")
    demo.press("backspace")
    assert screen.asking and app.scenes.top is screen
    assert screen.question.text == "Clear 1 vote and go back to decision 1?"
    demo.press(key)
    back = app.scenes.top
    assert back is not screen and back.name == "workshop-vote"
    assert back.workshop.decisions == [] and back.votes == [None, None]


def test_undo_with_votes_cast_keeps_them_on_esc(room):
    app, demo = room()
    screen = to_decision_two(app, demo)
    demo.press("1")
    demo.press("w")
    demo.press("backspace")
    assert screen.question.text == "Clear 2 votes and go back to decision 1?"
    demo.press("escape")
    assert not screen.asking and app.scenes.top is screen
    assert screen.votes == ["c1", "c2"] and len(screen.workshop.decisions) == 1
    demo.press("escape")  # the question's Esc was not the first of two that leave the round
    assert app.scenes.top is screen


def test_the_undo_question_answers_to_clicks(room):
    app, demo = room(method=CLICKS)
    screen = to_decision_two(app, demo)
    click(app, screen.rows[0].rect)
    click(app, screen.undo_button.rect)
    assert screen.asking and [b.label for b in screen.widgets()] == [
        "Clear and go back",
        "Keep the votes",
    ]
    click(app, screen.question.answers.items[1].rect)
    assert not screen.asking and screen.votes == ["c1", None]
    click(app, screen.undo_button.rect)
    click(app, screen.question.answers.items[0].rect)
    assert app.scenes.top.workshop.decisions == []


def test_undo_with_no_votes_goes_back_at_once(room):
    app, demo = room()
    screen = to_decision_two(app, demo)
    demo.press("backspace")
    assert app.scenes.top is not screen and app.scenes.top.workshop.decisions == []


def test_undo_from_the_reveal_asks_before_clearing_its_votes(room):
    app, demo = room()
    start(app, demo)
    demo.press("2")
    demo.press("return")
    reveal = app.scenes.top
    demo.press("backspace")
    assert reveal.question.open and app.scenes.top is reveal
    assert reveal.question.text == "Clear 1 vote and go back to decision 1?"
    check_fits(app, "reveal, the undo question")
    demo.press("n")
    assert not reveal.question.open and len(reveal.workshop.decisions) == 1
    demo.press("backspace")
    demo.press("return")
    vote = app.scenes.top
    assert vote.name == "workshop-vote" and vote.workshop.decisions == []


def test_undo_from_a_reveal_nobody_voted_at_goes_back_at_once(room):
    app, demo = room(timer=0)
    start(app, demo)
    demo.press("return")  # no votes: the buyer's clock runs out
    assert app.scenes.top.decision.taken == "timeout"
    demo.press("backspace")
    assert app.scenes.top.name == "workshop-vote" and app.scenes.top.workshop.decisions == []
