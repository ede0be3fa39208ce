"""Errors carry their exit code; one handler in `main` prints them; commands import lazily."""

import subprocess
import sys

import pytest

from game.cli import COMMANDS, build_parser, main
from game.errors import (
    EXIT_FAIL,
    EXIT_USAGE,
    GameError,
    MoveError,
    SaveError,
    ScenarioError,
    UsageError,
)
from tests.helpers import SPEC_EXAMPLE, cli


@pytest.mark.parametrize(
    "error, code",
    [
        (GameError("x"), EXIT_FAIL),
        (ScenarioError("x"), EXIT_FAIL),
        (SaveError("x"), EXIT_FAIL),
        (UsageError("x"), EXIT_USAGE),
        (MoveError("x"), EXIT_USAGE),
        (GameError("x", exit_code=3), 3),
    ],
    ids=["game", "scenario", "save", "usage", "move", "own-code"],
)
def test_every_error_carries_its_exit_code(error, code):
    assert error.exit_code == code


def test_the_handler_prints_one_line_and_returns_the_code(monkeypatch, capsys):
    from game.cli import run_cmd

    def boom(args):
        raise SaveError("the store is busy; try again in a moment")

    monkeypatch.setattr(run_cmd, "run", boom)
    assert main(["run", str(SPEC_EXAMPLE)]) == EXIT_FAIL
    out, err = capsys.readouterr()
    assert out == "" and err == "salesplay run: the store is busy; try again in a moment\n"


def test_a_bug_is_not_turned_into_an_error_message(monkeypatch):
    from game.cli import run_cmd

    def bug(args):
        raise TypeError("a bug")

    monkeypatch.setattr(run_cmd, "run", bug)
    with pytest.raises(TypeError):
        main(["run", str(SPEC_EXAMPLE)])


def test_the_error_line_names_the_command():
    res = cli("workshop", str(SPEC_EXAMPLE), "--teams", "A,a", "--votes", "1,1")
    assert res.code == EXIT_USAGE
    assert res.err == "salesplay workshop: Two teams are called 'a'; give each team its own name.\n"
    res = cli("analyze", str(SPEC_EXAMPLE.parent / "missing.yaml"))
    assert res.code == EXIT_USAGE and res.err.startswith("salesplay analyze: ")


def test_diff_exits_2_when_a_side_has_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SPEC_EXAMPLE.read_text().replace("start: opening", "start: nowhere"))
    res = cli("diff", str(SPEC_EXAMPLE), str(bad))
    assert res.code == EXIT_USAGE and "unknown-node" in res.out


def test_help_lists_every_command_in_order():
    res = cli("--help")
    assert res.code == 0
    listed = [line.split()[0] for line in res.out.splitlines() if line.startswith("    ")]
    assert listed[: len(COMMANDS)] == list(COMMANDS)


def test_the_full_parser_registers_every_command_module():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in COMMANDS:
        assert sub.choices[name].get_default("handler") is not None, name


@pytest.mark.parametrize(
    "argv, loaded",
    [(["--version"], set()), (["run", str(SPEC_EXAMPLE)], {"run"})],
    ids=["version", "run"],
)
def test_only_the_command_run_is_imported(argv, loaded):
    code = (
        "import sys\nfrom game.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "mods = sorted(m[len('game.cli.'):-4] for m in sys.modules if m.endswith('_cmd'))\n"
        "print(','.join(mods)); print('yaml' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    mods, yaml_loaded = proc.stdout.splitlines()[-2:]
    assert set(filter(None, mods.split(","))) == loaded
    assert yaml_loaded == str(bool(loaded))
