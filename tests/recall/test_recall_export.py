"""What a rep typed stays on the machine: `export --xapi` sends it only with --typed-text."""

from __future__ import annotations

import json

from game.cli import main
from game.content import load_paths
from game.engine import rules
from game.store import open_store
from tests.helpers import SPEC_EXAMPLE

WORDS = "what do the late deliveries cost you?"


def record(data_dir):
    scenario = load_paths([str(SPEC_EXAMPLE)])[0][0].scenario
    with open_store(data_dir) as store:
        run_id = store.start_run("Ana", scenario, "practice")
        state = rules.new_state(scenario)
        for token, typed in (("cost_of_delay", WORDS), ("1", None)):
            state = rules.play_token(scenario, state, token)
            store.record_move(run_id, state.moves[-1], state, typed=typed)
        store.finish_run(run_id, state)


def export(capsys, data_dir, *extra):
    assert main(["export", "--xapi", "-", "--data-dir", str(data_dir), *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_only_the_choice_is_sent_unless_the_text_is_asked_for(tmp_path, capsys):
    record(tmp_path)
    plain = export(capsys, tmp_path)
    assert WORDS not in json.dumps(plain)
    answered = [s for s in plain if s["verb"]["display"]["en-US"] == "answered"]
    assert [s["result"]["response"] for s in answered] == ["cost_of_delay", "c1"]
    asked = export(capsys, tmp_path, "--typed-text")
    answered = [s for s in asked if s["verb"]["display"]["en-US"] == "answered"]
    typed = [
        next((v for k, v in s["result"]["extensions"].items() if k.endswith("/xapi/typed")), None)
        for s in answered
    ]
    assert typed == [WORDS, None]
    assert [s["id"] for s in asked] == [s["id"] for s in plain]  # the same statements
