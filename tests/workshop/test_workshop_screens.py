"""The projector screens, driven by the same intents the keyboard and mouse produce."""

import json
from pathlib import Path

import pygame
import pytest

from game.cli import main
from game.content.loader import load_scenario
from game.content.model import TIMEOUT
from game.ui.demo import Demo
from game.ui.intents import CLICK, Intent
from game.ui.workshop.room import CLICKS, KEYS, TEAM_COLOURS
from game.ui.workshop.setup import WorkshopSetup
from tests.helpers import SPEC_EXAMPLE, cli
from tests.layout_checks import check_fits, drawn_inks

SIX_WAYS = Path(__file__).parent / "scenarios" / "six-ways.yaml"
EIGHT = ["Falcons", "Owls", "Hawks", "Kestrels", "Herons", "Ravens", "Swifts", "Wrens"]


@pytest.fixture
def open_room():
    """open_room(path, teams, timer=90, method=KEYS, size=(1920, 1080)) -> (app, demo)."""
    from game.ui.app import App

    made = []

    def make(
        path=SPEC_EXAMPLE,
        teams=("Falcons", "Owls"),
        timer=90,
        method=KEYS,
        size=(1920, 1080),
        high_contrast=False,
    ):
        scenario = load_scenario(str(path)).scenario
        app = App([str(path)], size=size, use_store=False)
        app.start(
            WorkshopSetup(
                app, [scenario], chosen=scenario, teams=list(teams), timer=timer, method=method
            )
        )
        app.settings.high_contrast = high_contrast
        app.relayout()
        made.append(app)
        return app, Demo(app, None)

    yield make
    for app in made:
        app.close()


def start(app, demo):
    demo.press("return")
    assert app.scenes.top.name == "workshop-vote"
    return app.scenes.top


def click(app, rect):
    app.dispatch(Intent(CLICK, pos=rect.center))


def texts_drawn(app, monkeypatch):
    """Every string the next render draws."""
    seen = []
    real = app.kit.render

    def spy(text, *args, **kw):
        seen.append(text)
        return real(text, *args, **kw)

    monkeypatch.setattr(app.kit, "render", spy)
    app.render()
    monkeypatch.setattr(app.kit, "render", real)
    return " ".join(seen)


def names(lines):
    return [Path(p).name.split("-", 1)[1].removesuffix(".png") for p in lines]


def test_the_headless_demo_pictures_every_screen(tmp_path):
    proc = cli(
        "workshop",
        str(SPEC_EXAMPLE),
        "--teams",
        "Falcons,Owls",
        "--votes",
        "2,2;1,-",
        "--screenshots",
        str(tmp_path / "shots"),
        "--export",
        str(tmp_path / "out"),
    )
    assert proc.returncode == 0, proc.stderr
    shots = proc.stdout.split()
    assert names(shots) == [
        "workshop-setup",
        "vote-1",
        "vote-1-2-locked",
        "reveal-1",
        "vote-2",
        "vote-2-1-locked",
        "reveal-2",
        "workshop-scoreboard",
    ]
    for shot in shots:
        assert pygame.image.load(shot).get_size() == (1920, 1080)
    data = json.loads((tmp_path / "out" / "workshop-procurement-squeeze.json").read_text("utf-8"))
    assert data["ending"] == "partner" and [t["name"] for t in data["teams"]] == ["Falcons", "Owls"]


@pytest.mark.parametrize(
    ("votes", "message"),
    [
        ("-,-;1,1", "ended"),
        ("2,2;-,-", "no time limit"),
        ("9,1", "position 9"),
    ],
    ids=["after-the-end", "no-votes-no-clock", "out-of-range"],
)
def test_the_demo_refuses_votes_that_do_not_fit(tmp_path, capsys, votes, message):
    code = main(
        [
            "workshop",
            str(SPEC_EXAMPLE),
            "--teams",
            "A,B",
            "--votes",
            votes,
            "--screenshots",
            str(tmp_path),
        ]
    )
    assert code == 2 and message in capsys.readouterr().err


def test_the_vote_screen_shows_who_locked_in_never_what(open_room, monkeypatch):
    app, demo = open_room()
    screen = start(app, demo)
    before = texts_drawn(app, monkeypatch)
    demo.press("1")  # Falcons' first key: choice 1
    app.render()
    first = pygame.image.tobytes(app.surface, "RGB")
    demo.press("2")  # Falcons change their mind: choice 2
    app.render()
    assert pygame.image.tobytes(app.surface, "RGB") == first
    assert screen.votes == ["cost_of_delay", None]
    after = texts_drawn(app, monkeypatch)
    assert "Locked in" in after and "Locked in" not in before
    for private in ("▲", "▼", "vote ", "votes", "Coach", "commodity", "insight"):
        assert private not in after


def test_team_keys_lock_votes_and_enter_reveals(open_room):
    app, demo = open_room(teams=("Falcons", "Owls", "Hawks"))
    screen = start(app, demo)
    for key in ("2", "q", "s"):  # Falcons 2, Owls 1, Hawks 2
        demo.press(key)
    assert screen.votes == ["cost_of_delay", "match", "cost_of_delay"]
    assert not screen.timer.running  # every team is in: the clock holds
    demo.press("return")
    reveal = app.scenes.top
    assert reveal.name == "workshop-reveal"
    assert reveal.decision.taken == "cost_of_delay" and reveal.decision.points == (5, -3, 5)


def test_the_facilitator_pauses_adds_time_and_time_up_closes_the_vote(open_room):
    app, demo = open_room(timer=30)
    screen = start(app, demo)
    demo.press("space")
    demo.wait(60_000)
    assert screen.timer.left_seconds == 30 and app.scenes.top is screen
    demo.press("space")
    demo.press("+")
    assert screen.timer.left_seconds == 60
    demo.press("w")  # Owls vote 2
    demo.wait(61_000)
    reveal = app.scenes.top
    assert reveal.name == "workshop-reveal" and reveal.decision.votes == (None, "cost_of_delay")


def test_no_votes_at_a_timed_node_lets_the_buyer_s_clock_run_out(open_room):
    app, demo = open_room(timer=0)
    screen = start(app, demo)
    assert screen.timer.unlimited
    demo.wait(600_000)
    assert app.scenes.top is screen  # no timer: the room takes its time
    demo.press("return")
    reveal = app.scenes.top
    assert reveal.decision.taken == TIMEOUT and reveal.decision.after.node == "walkout"
    assert reveal.path_words() == "No team voted: the clock ran out"
    demo.press("o")
    demo.press("2")  # the facilitator lets the room hear the better answer anyway
    reveal = app.scenes.top
    assert reveal.decision.taken == "cost_of_delay" and reveal.decision.majority == TIMEOUT
    assert reveal.path_words() == "Votes picked no choice; the room explores 2"


def test_with_no_timer_an_empty_reveal_can_reopen_the_vote(open_room):
    app, demo = open_room(timer=0)
    start(app, demo)
    demo.press("2")
    demo.press("w")
    demo.press("return")
    demo.press("return")  # 'numbers' has no buyer's clock
    screen = app.scenes.top
    demo.press("return")
    assert screen.stalled and screen.add_button.label == "Reopen votes"
    demo.press("+")
    assert not screen.stalled
    demo.press("1")
    demo.press("q")
    demo.press("return")
    assert app.scenes.top.decision.taken == "c1"


def test_no_votes_without_a_clock_lets_the_facilitator_pick_the_path(open_room):
    app, demo = open_room()
    start(app, demo)
    demo.press("2")
    demo.press("w")
    demo.press("return")
    demo.press("return")  # next decision: 'numbers' has no time limit
    screen = app.scenes.top
    demo.press("return")
    assert screen.stalled and app.scenes.top is screen
    click(app, screen.rows[1].rect)
    reveal = app.scenes.top
    assert reveal.decision.majority is None and reveal.decision.taken == "c2"
    assert reveal.decision.overridden and reveal.workshop.state.node == "spiral"


def test_an_override_from_the_reveal_explores_the_minority_choice(open_room):
    app, demo = open_room(teams=("Falcons", "Owls", "Hawks"))
    start(app, demo)
    for key in ("1", "q", "s"):
        demo.press(key)
    demo.press("return")
    assert app.scenes.top.decision.taken == "match"
    assert app.scenes.top.meter_changes() == [("Trust", -10), ("Patience", -1)]
    demo.press("o")
    assert app.scenes.top.overriding
    demo.press("2")
    reveal = app.scenes.top
    d = reveal.decision
    assert (d.majority, d.taken, d.overridden) == ("match", "cost_of_delay", True)
    assert len(reveal.workshop.decisions) == 1 and reveal.workshop.state.node == "numbers"
    assert reveal.meter_changes() == [("Trust", 10)]
    assert reveal.workshop.results()["overrides"][0]["votes_picked"] == "match"


def test_undo_from_the_reveal_reopens_the_vote(open_room):
    app, demo = open_room()
    start(app, demo)
    demo.press("2")
    demo.press("q")
    demo.press("return")
    demo.press("backspace")
    assert app.scenes.top.question.open  # two votes would be lost: it asks first
    demo.press("return")
    screen = app.scenes.top
    assert screen.name == "workshop-vote" and screen.workshop.decisions == []
    assert screen.workshop.state.node == "opening" and screen.votes == [None, None]


def test_the_facilitator_clicks_each_team_s_choice(open_room):
    app, demo = open_room(teams=("Falcons", "Owls", "Hawks"), method=CLICKS)
    screen = start(app, demo)
    assert screen.clicking and all(chip_keys == "" for chip_keys in map(screen.keys_for, range(3)))
    click(app, screen.rows[1].rect)  # Falcons are picked first
    assert screen.picking == 1
    click(app, screen.chips[2].rect)
    click(app, screen.rows[0].rect)
    click(app, screen.rows[2].rect)  # back round to Owls
    assert screen.votes == ["cost_of_delay", "c3", "match"]
    demo.press("return")
    assert app.scenes.top.decision.taken == "match"


def test_setup_names_colours_and_team_count(open_room):
    app, demo = open_room(teams=("Falcons", "Owls"))
    setup = app.scenes.top
    field = setup.team_rows[1][1]
    setup.buttons.focus = setup.buttons.items.index(field)
    for key in ("backspace",) * 4:
        demo.press(key)
    demo.type("Lynx")
    assert setup.teams[1].name == "Lynx"
    demo.press("return")  # leaves the name for the start button
    assert setup.buttons.focused is setup.start_button
    setup.buttons.focus = setup.buttons.items.index(setup.add_button)
    demo.press("return")
    demo.press("return")
    assert len(setup.teams) == 4 and setup.buttons.focused is setup.add_button
    for _ in range(10):
        demo.press("+")
    assert len(setup.teams) == 8
    assert len({t.colour for t in setup.teams}) == 8
    swatch = setup.team_rows[0][0]
    setup.buttons.focus = setup.buttons.items.index(swatch)
    demo.press("left")
    assert len({t.colour for t in setup.teams}) == 8  # every colour is still its own
    for _ in range(10):
        click(app, setup.remove_button.rect)
    assert len(setup.teams) == 2
    setup.teams[1].name = "falcons"
    setup.start()
    assert app.scenes.top is setup and "Two teams are called" in app.toast_text


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_a_long_team_name_and_its_colour_and_keys_never_overlap(open_room, size):
    long = ["W" * 18, "Team with a really long name"]  # as typed (18 letters) or given to --teams
    app, demo = open_room(path=SIX_WAYS, teams=long + ["Owls"], size=size)
    setup = app.scenes.top
    drawn = drawn_inks(app)
    for _, field in setup.team_rows:
        name = [ink for text, ink in drawn if text == field.data.name]
        hint = [ink for text, ink in drawn if text == field.hint]
        assert name and hint, field.data.name
        assert not name[0].colliderect(hint[0]), f"{field.data.name!r} runs into {field.hint!r}"
        assert "keys" in field.hint  # the six-choice keys still fit three teams
    check_fits(app, "setup with long team names")
    # The scenario's long title ends in … at the caption's size rather than shrink.
    assert setup.scenario_row.value not in [t for t, _, _ in app.kit.shrunk]


def test_team_keys_that_do_not_fit_fall_back_to_clicks(open_room):
    app, demo = open_room(path=SIX_WAYS, teams=EIGHT)
    setup = app.scenes.top
    assert "clicks" in setup.problem
    setup.start()
    assert app.scenes.top.clicking


def test_setup_changes_timer_scenario_look_and_method(open_room):
    app, demo = open_room()
    setup = app.scenes.top
    setup.buttons.focus = setup.buttons.items.index(setup.timer_row)
    demo.press("right")
    assert setup.timer == 120
    setup.buttons.focus = setup.buttons.items.index(setup.contrast_row)
    demo.press("right")
    assert app.settings.high_contrast and app.pal.background == (0, 0, 0)
    setup.buttons.focus = setup.buttons.items.index(setup.method_row)
    demo.press("right")
    assert setup.method == CLICKS
    assert TEAM_COLOURS[setup.teams[0].colour][0] in setup.team_rows[0][1].hint


def test_the_scoreboard_ranks_and_exports(open_room, tmp_path):
    app, demo = open_room(teams=("Falcons", "Owls", "Hawks"))
    start(app, demo)
    for key in ("1", "w", "s"):
        demo.press(key)
    demo.press("return")
    demo.press("return")
    for key in ("1", "q", "a"):
        demo.press(key)
    demo.press("return")
    demo.press("return")
    board = app.scenes.top
    assert board.name == "workshop-scoreboard"
    assert [s.name for s in board.standings] == ["Owls", "Hawks", "Falcons"]
    assert board.leader is not None and board.leader.ending == "partner"
    assert board.departure() is None  # the room took the leader's path all the way
    board.buttons.focus = 0
    for _ in range(len(board.folder.label)):
        demo.press("backspace")
    demo.type(str(tmp_path / "results"))
    demo.press("return")
    assert (tmp_path / "results" / "workshop-procurement-squeeze.csv").exists()
    assert board.saved is not None
    app.running = True
    demo.press("escape")  # exported: one Esc closes
    assert not app.running


SIZES = [(1024, 600), (1280, 720), (1920, 1080), (3840, 2160)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_workshop_screen_fits(open_room, size):
    app, demo = open_room(path=SIX_WAYS, teams=EIGHT, size=size, method=CLICKS, high_contrast=True)
    check_fits(app, "setup")
    screen = start(app, demo)
    check_fits(app, "vote")
    for team in range(8):
        click(app, screen.chips[team].rect)
        click(app, screen.rows[team % 6].rect)
    check_fits(app, "vote, all locked")
    demo.press("return")
    check_fits(app, "reveal")
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


def test_esc_once_warns_and_twice_leaves_the_round(open_room):
    app, demo = open_room()
    screen = start(app, demo)
    demo.press("escape")
    assert app.scenes.top is screen and "Esc again" in app.toast_text
    demo.press("1")  # anything else in between takes the warning back
    demo.press("escape")
    assert app.scenes.top is screen
    demo.press("escape")
    assert app.scenes.top.name == "workshop-setup"
    setup = app.scenes.top
    start(app, demo)
    demo.press("return")
    reveal = app.scenes.top
    demo.press("escape")
    assert app.scenes.top is reveal
    demo.press("escape")
    assert app.scenes.top is setup


def test_a_click_leaves_no_trace_of_which_choice_it_was(open_room):
    app, demo = open_room(method=CLICKS)
    screen = start(app, demo)
    click(app, screen.rows[0].rect)
    app.render()
    first = pygame.image.tobytes(app.surface, "RGB")
    click(app, screen.chips[0].rect)
    click(app, screen.rows[2].rect)  # Falcons change their answer
    app.render()
    assert pygame.image.tobytes(app.surface, "RGB") == first
    assert screen.votes == ["c3", None]


@pytest.mark.parametrize("teams", ["Solo", "A,B,C,D,E,F,G,H,I"], ids=["one", "nine"])
def test_the_screens_take_two_to_eight_teams(tmp_path, capsys, teams):
    code = main(["workshop", str(SPEC_EXAMPLE), "--teams", teams, "--screenshots", str(tmp_path)])
    assert code == 2 and "2 to 8 teams" in capsys.readouterr().err


def test_window_on_a_folder_offers_each_sound_scenario(monkeypatch):
    from game.ui.app import App

    seen = {}

    def run(app):
        seen["setup"] = app.scenes.top

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(App, "run", run)
    folder = Path(__file__).parent / "scenarios"
    assert main(["workshop", str(folder), "--window", "--teams", "Falcons,Owls,Hawks"]) == 0
    setup = seen["setup"]
    assert setup.name == "workshop-setup" and [s.id for s in setup.scenarios] == ["six-ways"]
    assert [t.name for t in setup.teams] == ["Falcons", "Owls", "Hawks"]


def test_the_scoreboard_names_where_the_room_left_the_leader(open_room):
    app, demo = open_room()
    start(app, demo)
    for group in (("1", "q"), ("2", "w")):  # match, then another 5% off: won on price
        for key in group:
            demo.press(key)
        demo.press("return")
        demo.press("return")
    board = app.scenes.top
    assert board.name == "workshop-scoreboard" and board.departure() == 0
    app.running = True
    demo.press("escape")
    assert app.running and "not exported" in app.toast_text
    demo.press("escape")
    assert not app.running
    room, leader = board.steps()
    assert room == [("opening", "match"), ("spiral", "c2")] and leader[0] == (
        "opening",
        "cost_of_delay",
    )


def test_a_win_on_price_reads_as_the_debrief_says_it(open_room):
    """The reveal, the podium and the scoreboard said "WON · Won on price" where the debrief
    says "$ Won on price": one set of words and symbols for a result."""
    from tests.ui.test_ui_screens import drawn_texts

    app, demo = open_room()
    start(app, demo)
    for i, group in enumerate((("1", "q"), ("2", "w"))):  # match, then 5% off: won on price
        for key in group:
            demo.press(key)
        demo.press("return")
        if i == 1:
            reveal = drawn_texts(app)
            assert "$ Won on price" in reveal and not any(t.startswith("WON") for t in reveal)
        demo.press("return")
    seen = set()
    while app.scenes.top.name != "workshop-scoreboard":
        seen |= drawn_texts(app)
        demo.press("return")
    seen |= drawn_texts(app)
    assert "$ Won on price" in seen
    assert not any(t.startswith(("WON", "LOST", "STALLED")) for t in seen)


def test_the_reveal_keeps_the_buyers_mood_whole_beside_a_long_name(open_room, tmp_path):
    """ "Maximiliana Wolfeschlegelsteinhausenberger-Papadopoulou · Looks…": the name took the
    row and the mood, what the room reads the reaction by, was cut."""
    from tests.ui.test_ui_library import LONG_WINDED

    path = tmp_path / "long.yaml"
    path.write_text(LONG_WINDED, encoding="utf-8")
    app, demo = open_room(path=path, size=(1280, 720))
    start(app, demo)
    for key in ("1", "q"):
        demo.press(key)
    demo.press("return")
    assert app.scenes.top.name == "workshop-reveal"
    app.render()
    cut = [t for t, _ in app.kit.cut]
    assert not any("Listening" in t or "Looks" in t for t in cut), cut
    assert any(t.startswith("Maximilian") for t in cut)  # the long name gives way
