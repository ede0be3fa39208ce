"""The project's own exception tree. Only the CLI turns these into exit codes."""


class GameError(Exception):
    """Base of every error Salesplay raises on purpose."""


class ScenarioError(GameError):
    """A scenario could not be loaded or played; carries its diagnostics."""

    def __init__(self, message: str, diagnostics=()):
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class MoveError(GameError):
    """A move (choice token, vote or time-out) does not fit the current node."""


class SaveError(GameError):
    """The save store could not be read or written."""
