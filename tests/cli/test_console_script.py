"""The installed `salesplay` console script, as a trainer's CI runs it (a real process each).

Most contract tests call the command in process (`tests.helpers.cli`); these few prove the
installed script behaves the same: exit codes, stdout and stderr, no traceback.
"""

import json

from game import __version__
from game.content.codes import BASE
from tests.helpers import SPEC_EXAMPLE, salesplay


def test_version():
    proc = salesplay("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"salesplay {__version__}"


def test_run_prints_the_contract_json():
    proc = salesplay("run", str(SPEC_EXAMPLE), "--choices", "cost_of_delay,1", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["ending"], out["score"]) == ("partner", 15)


def test_a_token_that_does_not_fit_is_one_line_on_stderr_and_exit_2():
    proc = salesplay("run", str(SPEC_EXAMPLE), "--choices", "9", "--json")
    assert proc.returncode == 2 and proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith("salesplay run: Position 9 is out of range") and "node 'opening'" in line


def test_a_scenario_with_errors_prints_its_diagnostics_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("start: ask", "start: nowhere"))
    proc = salesplay("run", str(bad), "--choices", "1")
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{bad}:") and "unknown-node" in proc.stdout
    assert "Traceback" not in proc.stderr and "has errors" in proc.stderr


def test_a_missing_file_exits_2():
    proc = salesplay("run", "no/such.yaml", "--choices", "1")
    assert proc.returncode == 2
    assert proc.stderr == "salesplay run: no/such.yaml: No such file or folder. Check the path.\n"
