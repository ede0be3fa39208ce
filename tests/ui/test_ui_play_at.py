"""`salesplay play PATH --at TOKENS`: open the window at the state those moves reach."""

import json
from types import SimpleNamespace

from game.cli import main
from game.cli.play_cmd import _open_at
from tests.ui.conftest import TENDER


def play(capsys, *args):
    code = main(["play", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_at_reaches_the_state_and_choices_carry_on_from_there(tmp_path, capsys):
    code, out, _ = play(capsys, TENDER, "--at", "insight", "--choices", "", "--data-dir", tmp_path)
    assert code == 0
    there = json.loads(out)
    assert (there["node"], there["finished"], there["path"]) == (
        "outcome",
        False,
        ["opening", "outcome"],
    )
    code, out, _ = play(
        capsys, TENDER, "--at", "insight", "--choices", "lead", "--data-dir", tmp_path
    )
    assert code == 0 and json.loads(out)["score"] == 14


def test_at_a_token_that_does_not_fit_is_refused(tmp_path, capsys):
    code, _, err = play(capsys, TENDER, "--at", "nope", "--choices", "", "--data-dir", tmp_path)
    assert code == 2 and "does not exist" in err
    code, _, err = play(capsys, TENDER, "--at", "replay:1", "--choices", "", "--data-dir", tmp_path)
    assert code == 2 and "replay" in err


def test_the_window_opens_on_the_conversation_with_the_players_timer_setting(make_app):
    app = make_app((TENDER,))
    app.settings.timers = False
    _open_at(app, ["insight"], SimpleNamespace(scenario=None, player="", mode="practice"))
    assert app.scenes.top.name == "conversation"
    assert app.scenes.top.attempt.state.node == "outcome"
    assert app.settings.timers is False
