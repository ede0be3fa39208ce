"""Diagnostics are data: where, how bad, a stable code, and a message that ends with the fix."""

from __future__ import annotations

from collections.abc import Iterable

from game.content.model import Frozen

ERROR, WARNING, INFO = "error", "warning", "info"
_SEVERITY_RANK = {ERROR: 0, WARNING: 1, INFO: 2}
_set = object.__setattr__


class Diagnostic(Frozen):
    """One problem found in a file: where (1-based line and column), how bad, its code, and
    a message that ends with the fix."""

    __slots__ = ("path", "line", "col", "severity", "code", "message")

    def __init__(self, path: str, line: int, col: int, severity: str, code: str, message: str):
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "col", col)
        _set(self, "severity", severity)
        _set(self, "code", code)
        _set(self, "message", message)

    def format(self) -> str:
        """The contract's one line: `path:line:col: severity CODE: message`."""
        message = (
            " ".join(self.message.split())
            if "\n" in self.message or "\r" in self.message
            else self.message
        )
        return f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code}: {message}"

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def sort_key(d: Diagnostic):
    return (d.path, d.line, d.col, _SEVERITY_RANK.get(d.severity, 3), d.code, d.message)


def sorted_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=sort_key)


def has_errors(diags: Iterable[Diagnostic], strict: bool = False) -> bool:
    return any(d.severity == ERROR or (strict and d.severity == WARNING) for d in diags)


def shown(text: str, limit: int = 30) -> str:
    """A value as quoted in a message: one line, cut to `limit` characters."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """' Did you mean 'x'?' or '' when nothing is close."""
    import difflib  # only a misspelt key needs it

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""
