"""The project's own exception tree. Each error carries the exit code the command line uses.

Commands raise these; one handler in `game.cli.main` prints the message (one line on stderr,
after any diagnostics on stdout) and exits with `exit_code`. Nothing else picks exit codes.
"""

from __future__ import annotations

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class GameError(Exception):
    """Base of every error Salesplay raises on purpose; exits 1 unless a subclass says otherwise."""

    exit_code: int = EXIT_FAIL

    def __init__(self, message: str = "", *, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class UsageError(GameError):
    """The command was given something that does not fit: an option, a name, a path (exit 2)."""

    exit_code = EXIT_USAGE


class ScenarioError(GameError):
    """A scenario could not be loaded or played; carries its diagnostics (exit 1).

    The command line prints the diagnostics on stdout, as `validate` prints them.
    """

    def __init__(self, message: str = "", diagnostics=(), *, exit_code: int | None = None):
        super().__init__(message, exit_code=exit_code)
        self.diagnostics = list(diagnostics)


class MoveError(UsageError):
    """A move (choice token, vote or time-out) does not fit the current node (exit 2)."""


class SaveError(GameError):
    """The save store could not be read or written (exit 1)."""
