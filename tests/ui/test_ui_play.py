"""Playing through the real screens: the headless demo, autosave and resume, F5 reload,
replay from the debrief, settings kept between runs, and the reveal and the clock."""

import json
import shutil
from pathlib import Path

import pygame
import pytest

from game.cli import main
from game.ui.demo import Demo, walk_to
from game.ui.intents import key_event
from game.ui.scenes.conversation import TIMES_UP_MS

SCENARIOS = Path(__file__).parent / "scenarios"
TENDER, BROKEN = SCENARIOS / "umlaut-tender.yaml", SCENARIOS / "broken.yaml"


def play(capsys, *args):
    code = main(["play", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def names(shots):
    return [p.split("/")[-1].split("-", 1)[1].removesuffix(".png") for p in shots]


def test_headless_demo_saves_a_png_for_every_screen(tmp_path, capsys):
    code, out, _ = play(
        capsys,
        TENDER,
        "--choices",
        "insight,lead",
        "--screenshots",
        tmp_path / "shots",
        "--data-dir",
        tmp_path / "data",
        "--player",
        "Zoë",
    )
    assert code == 0
    summary = json.loads(out)
    assert (summary["ending"], summary["result"], summary["score"]) == ("won", "won", 14)
    assert names(summary["screenshots"]) == [
        "title",
        "library",
        "briefing",
        "decision-1",
        "coach-1",
        "decision-2",
        "coach-2",
        "debrief",
    ]
    for path in summary["screenshots"]:
        assert pygame.image.load(path).get_size() == (1280, 720)


def test_assessment_holds_the_notes_and_shows_the_last_words(tmp_path, capsys):
    code, out, _ = play(
        capsys,
        TENDER,
        "--choices",
        "2,2",
        "--mode",
        "assessment",
        "--size",
        "1024x600",
        "--screenshots",
        tmp_path,
        "--data-dir",
        tmp_path / "data",
    )
    assert code == 0
    summary = json.loads(out)
    assert names(summary["screenshots"])[3:] == ["decision-1", "decision-2", "ending", "debrief"]
    assert pygame.image.load(summary["screenshots"][-1]).get_size() == (1024, 600)


def test_a_timeout_token_lets_the_clock_run_out(tmp_path, capsys):
    code, out, _ = play(capsys, TENDER, "--choices", "timeout", "--data-dir", tmp_path)
    assert code == 0
    assert json.loads(out)["path"] == ["opening", "walkout"]


@pytest.mark.parametrize(
    ("tokens", "message"),
    [
        ("9", "out of range"),
        ("nope", "does not exist"),
        ("insight,lead,1", "after the run finished"),
    ],
    ids=["position", "unknown-id", "after-the-end"],
)
def test_a_token_that_does_not_fit_exits_2_naming_the_choices(tmp_path, capsys, tokens, message):
    code, _, err = play(capsys, TENDER, "--choices", tokens, "--data-dir", tmp_path)
    assert code == 2
    assert message in err


def test_a_scenario_with_errors_is_listed_not_played(tmp_path, capsys):
    # Refused as `run` refuses it: the diagnostics on stdout as `validate` prints them, exit 1.
    code, out, err = play(
        capsys, BROKEN, "--choices", "1", "--screenshots", tmp_path, "--data-dir", tmp_path / "d"
    )
    assert code == 1
    assert out.startswith(f"{BROKEN}:") and "efects" in out and "clsoe" in out
    assert "has errors" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "01-title.png",
        "02-library.png",
        "03-problems.png",
    ]


@pytest.mark.parametrize("size", ["big", "100x100", "1280-720"], ids=["word", "too-small", "dash"])
def test_a_bad_size_is_a_usage_error(capsys, size):
    assert play(capsys, TENDER, "--choices", "1", "--size", size)[0] == 2


def test_screenshots_without_choices_is_a_usage_error(tmp_path, capsys):
    assert play(capsys, TENDER, "--screenshots", tmp_path)[0] == 2


def test_the_bundled_scenarios_open_in_the_library(make_app):
    app = make_app(paths=["scenarios"])
    Demo(app, None).press("return")
    assert app.scenes.top.name == "library"
    assert app.scenes.top.cards
    app.render()


# ----- saving, resuming and reloading ------------------------------------------------------


@pytest.fixture
def store_at(tmp_path):
    from game.store import open_store

    opened = []

    def make():
        store = open_store(tmp_path / "data")
        opened.append(store)
        return store

    yield make
    for s in opened:
        s.close()


def open_tender(app, mode_key="p"):
    demo = Demo(app, None)
    if not app.scenes.top.typed:  # the title remembers the last player's name
        demo.type("Zoë")
    demo.press("return")
    library = app.scenes.top
    walk_to(demo, library, next(i for i, c in enumerate(library.cards) if c.data.ok))
    demo.press("return")
    if mode_key:
        demo.press(mode_key)
    return demo


def test_every_choice_is_saved_and_the_run_resumes_from_the_library(make_app, store_at):
    app = make_app(store=store_at())
    demo = open_tender(app)
    demo.press("2")
    demo.press("return")
    assert app.scenes.top.attempt.state.node == "outcome"
    app2 = make_app(store=store_at())
    demo2 = open_tender(app2, mode_key=None)
    briefing = app2.scenes.top
    assert briefing.saved is not None and briefing.saved.choices == ["insight"]
    demo2.press("r")
    screen = app2.scenes.top
    assert screen.name == "conversation"
    assert screen.attempt.state.node == "outcome"
    assert [m.choice for m in screen.attempt.state.moves] == ["insight"]


def test_leaving_before_the_first_choice_promises_no_resume(make_app, store_at):
    """Esc at decision 1 said "Saved. Resume it from its card", but a run with no decision is
    not offered for resuming: the card said "Not played yet"."""
    store = store_at()
    app = make_app(store=store)
    demo = open_tender(app)
    demo.press("escape")
    assert app.scenes.top.name in ("briefing", "library")
    assert "Resume" not in app.toast_text
    assert store.resumable_runs("Zoë") == []
    while app.scenes.top.name != "library":
        demo.press("escape")
    library = app.scenes.top
    library.buttons.focus = library.buttons.items.index(next(c for c in library.cards if c.data.ok))
    demo.press("return")
    demo.press("p")
    demo.press("2")
    demo.press("return")
    demo.press("escape")
    assert "Resume it from its card" in app.toast_text  # one decision in: it is kept
    library = app.scenes.top
    while library.name != "library":
        demo.press("escape")
        library = app.scenes.top
    card = next(c for c in library.cards if c.data.ok)
    assert "resume at decision 2" in card.texts()[1]


def test_a_saved_run_whose_node_is_gone_is_refused_clearly(tmp_path, make_app, store_at):
    folder = tmp_path / "sc"
    folder.mkdir()
    shutil.copy(TENDER, folder / "t.yaml")
    app = make_app(paths=[folder], store=store_at())
    demo = open_tender(app)
    demo.press("2")
    text = (folder / "t.yaml").read_text(encoding="utf-8")
    renamed = text.replace("  outcome:\n", "  result_talk:\n").replace(
        "next: outcome", "next: result_talk"
    )
    (folder / "t.yaml").write_text(renamed, encoding="utf-8")
    app2 = make_app(paths=[folder], store=store_at())
    demo2 = open_tender(app2, mode_key=None)
    demo2.press("r")
    assert app2.scenes.top.name == "briefing"
    assert "outcome" in app2.toast_text and "no longer" in app2.toast_text


def test_f5_reloads_the_scenario_and_keeps_the_place(tmp_path, make_app):
    folder = tmp_path / "sc"
    folder.mkdir()
    path = folder / "t.yaml"
    shutil.copy(TENDER, path)
    app = make_app(paths=[folder])
    demo = open_tender(app)
    demo.press("2")
    demo.press("return")
    screen = app.scenes.top
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Zero breakage? Ayşe would sign", "Null Bruch? Ayşe signs"), encoding="utf-8"
    )
    demo.press("f5")
    assert screen.node.id == "outcome"
    assert screen.node.say.startswith("Null Bruch?")
    # An edit that removes the node the run stands on is refused, and play goes on.
    path.write_text(
        text.replace("  outcome:\n", "  elsewhere:\n").replace("next: outcome", "next: elsewhere"),
        encoding="utf-8",
    )
    demo.press("f5")
    assert screen.node.id == "outcome"
    assert "earlier version" in app.toast_text
    # An edit with errors is refused too.
    path.write_text(text.replace("effects:", "efects:"), encoding="utf-8")
    demo.press("f5")
    assert "error" in app.toast_text and screen.node.id == "outcome"


def test_replay_from_a_decision_in_the_debrief(make_app):
    app = make_app()
    demo = open_tender(app)
    for key in ("1", "return", "1", "return"):
        demo.press(key)
    debrief = app.scenes.top
    assert debrief.name == "debrief"
    assert debrief.departure is not None and debrief.departure[0] == 1
    assert "Gdańsk" in debrief.departure[1]
    assert 0 <= debrief.index < 100
    demo.press("return")  # the focus starts on the decision where the leader's path was left
    screen = app.scenes.top
    assert screen.name == "conversation"
    assert screen.attempt.state.node == "opening" and not screen.attempt.state.moves


def test_settings_are_kept_between_runs(make_app, store_at):
    app = make_app(store=store_at())
    demo = Demo(app, None)
    demo.press("f2")
    assert app.scenes.top.name == "settings"
    demo.press("right")  # text size: 100% -> 125%
    for _ in range(4):
        demo.press("down")
    demo.press("return")  # timers: on -> off
    demo.press("escape")
    app2 = make_app(store=store_at())
    assert app2.settings.text_size == 1.25
    assert app2.settings.timers is False


# ----- the reveal, the clock and idling ------------------------------------------------------


def test_any_key_completes_the_line_and_chooses_nothing(make_app):
    app = make_app()
    open_tender(app)
    screen = app.scenes.top
    screen.words = 0
    app.feed(key_event("1"))
    assert screen.revealed
    assert not screen.attempt.state.moves


def test_the_clock_waits_while_help_is_open_then_runs_out(make_app):
    app = make_app()
    demo = open_tender(app)
    screen = app.scenes.top
    demo.press("f1")
    demo.wait(60_000)
    assert screen.attempt.state.node == "opening"
    demo.press("escape")
    demo.wait(20_100)
    assert screen.times_up_ms  # the clock ran out: "Time's up" has its moment first
    assert screen.attempt.state.node == "opening"
    demo.wait(TIMES_UP_MS)
    assert screen.attempt.state.node == "walkout"


def test_a_still_screen_asks_for_no_frames(make_app):
    app = make_app()
    app.settings.timers = False
    app.settings.reduced_motion = True  # no blinking or breathing either
    open_tender(app)
    app.render()
    assert app.wake_in() is None
    assert not app.dirty
    before = app.frames
    app.feed(pygame.event.Event(pygame.MOUSEMOTION, pos=(1, 1), rel=(0, 0), buttons=(0, 0, 0)))
    assert not app.dirty and app.frames == before


def test_the_progress_screen_opens_from_the_library(make_app, store_at):
    app = make_app(store=store_at())
    demo = Demo(app, None)
    demo.press("return")
    demo.press("p")
    assert app.scenes.top.name != "library"
    app.render()


def test_the_real_loop_plays_posted_keys_and_quits(make_app):
    app = make_app()
    for key in ("return", "f11", "f11", "f1", "escape"):
        pygame.event.post(key_event(key))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.run()
    assert app.scenes.top.name == "library"
    assert app.settings.fullscreen is False
    assert app.surface.get_size() == (1280, 720)


def test_the_idle_buyer_redraws_only_the_portrait_and_only_when_the_pose_changes(make_app):
    app = make_app()
    app.settings.timers = False
    demo = open_tender(app)
    demo.settle()
    screen = demo.top
    app.render()
    frames, patched = app.frames, 0
    waited = 0
    while waited < 12_000:  # 12 s of idling in the loop's own steps
        wake = screen.wake_in()
        assert wake >= 100  # it sleeps until the pose changes, never polls each frame
        app.step(wake)
        waited += wake
        assert not app.dirty  # never the whole window
        if app.patches:
            assert app.patches == [screen.rects["portrait"]]
            patched += 1
            app.render_patches()
    assert 4 <= patched <= 8  # each blink closes and opens the eyes: two redraws per 4.3 s
    assert app.frames - frames == patched
