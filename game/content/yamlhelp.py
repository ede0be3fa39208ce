"""Plain-language explanations of YAML syntax errors, for trainers who do not read parser.

PyYAML says *what* its parser met ("mapping values are not allowed here"); a trainer needs
*where to act* and *what to type*. Each explanation names the line and column where the fix
goes (the start of the text to quote, the opening quote that never closes, the tab) and ends
with the fix. The slips covered are the ones trainers make most: an unquoted `: ` or `#` in
text, text that starts with a character YAML reserves (`* & ! @ ` % [ { | >`), an unclosed
quote, a tab, and a line indented so that it joins the text above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# `key: ` or `- ` prefixes before a value on one line.
_PREFIX = re.compile(r"^(\s*)((?:-\s+)*)(?:([A-Za-z_][\w-]*)\s*:(?:\s+|$))?")
# Scenario keys are lower-case words; `Also:` at the start of a line is text, not a key.
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)*([a-z_][a-z0-9_]*)\s*:(\s|$)")
_RESERVED_START = {
    "*": "an alias (a reference to another part of the file)",
    "&": "an anchor",
    "!": "a type tag",
    "@": "a reserved character",
    "`": "a reserved character",
    "%": "a directive",
    "[": "the start of a list",
    "{": "the start of a mapping",
    "|": "the start of a block of text",
    ">": "the start of a block of text",
}


@dataclass(frozen=True)
class Explained:
    line: int  # 1-based
    col: int  # 1-based
    code: str
    message: str


def _lines(text: str) -> list[str]:
    # One empty line past the end: marks at the end of the stream point there.
    return text.splitlines() + [""]


def _value_start(line: str) -> int | None:
    """0-based column where the value on a `key: value` or `- value` line begins."""
    m = _PREFIX.match(line)
    if not m:
        return None
    rest = line[m.end() :]
    if not rest.strip():
        return None
    return m.end()


def _key_of(line: str) -> str | None:
    m = _KEY_LINE.match(line)
    return m.group(2) if m else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _owner_line(lines: list[str], row: int) -> int:
    """The line a multi-line plain text starts on: walk up past its continuation lines."""
    if _key_of(lines[row]) is not None or lines[row].lstrip().startswith("- "):
        return row
    here = _indent(lines[row])
    r = row
    while r > 0:
        above = lines[r - 1]
        if not above.strip():
            break
        if _key_of(above) is not None and _indent(above) < here:
            return r - 1
        if _key_of(above) is not None:
            break
        r -= 1
    return row


def _quote_fix(line: str, start: int) -> str:
    value = line[start:].rstrip()
    key = _key_of(line)
    if '"' in value and "'" not in value:
        quoted = "'" + value + "'"
    else:
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if len(quoted) > 60:
        quoted = quoted[:28] + "…" + quoted[-28:]
    return f"{key}: {quoted}" if key else quoted


def _needs_quotes(lines, row: int, why: str) -> Explained:
    owner = _owner_line(lines, row)
    line = lines[owner]
    start = _value_start(line)
    if start is None:  # nothing to quote on that line: point at the line itself
        start = _indent(line)
    if owner == row:
        return Explained(
            owner + 1,
            start + 1,
            "yaml-needs-quotes",
            f"{why}. Put the whole text in quotes, for example `{_quote_fix(line, start)}`.",
        )
    return Explained(
        owner + 1,
        start + 1,
        "yaml-needs-quotes",
        f"{why} (on line {row + 1}, inside the text that starts here). Put the whole text, "
        f'lines {owner + 1} to {row + 1}, in quotes: a `"` here and one after its last word.',
    )


# Keys whose values are lists or mappings, often written inline as [...] or {...}.
_FLOW_KEYS = {
    "tags", "set", "clear", "effects", "examples", "choices", "meters", "buyer", "rubric",
    "ending", "look",
}  # fmt: skip


def _bracket(lines, row: int, col: int, first: str) -> Explained:
    key = _key_of(lines[row])
    if key in _FLOW_KEYS or key is None:
        close = "]" if first == "[" else "}"
        return Explained(
            row + 1,
            col + 1,
            "yaml-unclosed-bracket",
            f"The `{first}` that opens here is not closed where YAML expects it, or an item inside "
            f"holds a `,`, `:`, `[` or `{{` of its own. Close it with `{close}` on the same line, "
            "and put any item that is text with punctuation in quotes.",
        )
    return _needs_quotes(lines, row, _starts_with(first))


def _starts_with(first: str) -> str:
    shown = "a backtick (`)" if first == "`" else f"`{first}`"
    what = _RESERVED_START.get(first, "a reserved character")
    return f"Text that starts with {shown} means {what} in YAML"


def _quoted(exc: yaml.MarkedYAMLError, mark, lines: list[str], problem: str) -> Explained:
    """A quoted text that never closes, or holds a backslash YAML does not know."""
    open_row = min(exc.context_mark.line, len(lines) - 1)
    open_col = exc.context_mark.column
    quote = lines[open_row][open_col] if open_col < len(lines[open_row]) else '"'
    if "escape" in problem:
        return Explained(
            mark.line + 1,
            mark.column + 1,
            "yaml-needs-quotes",
            "Inside double quotes a backslash starts a special character, and this one is "
            "not one YAML knows. Use single quotes around the text instead, or write the "
            "backslash twice (`\\\\`).",
        )
    return Explained(
        open_row + 1,
        open_col + 1,
        "yaml-unclosed-quote",
        f"The quote ({quote}) that opens here is never closed, so YAML reads the rest of "
        f"the file as part of this text. Add the closing {quote} at the end of the text.",
    )


def _mapping_value(lines: list[str], row: int, col: int) -> Explained | None:
    """`: ` inside a text value, or a key line indented under the text above it."""
    line = lines[row]
    key = _key_of(line)
    prefix = _PREFIX.match(line)
    colon_is_key = key is not None and prefix is not None and prefix.end() >= col
    if colon_is_key and row > 0:
        # `key:` on a line indented under a text value: the line joined the text above.
        above = next((r for r in range(row - 1, -1, -1) if lines[r].strip()), None)
        if above is not None and _key_of(lines[above]) is not None:
            return Explained(
                row + 1,
                _indent(line) + 1,
                "yaml-indentation",
                f"`{key}:` is indented more than `{_key_of(lines[above])}:` on line "
                f"{above + 1}, so YAML reads this line as part of the text above because "
                f"of its indentation. Line `{key}:` up with the keys above it.",
            )
    return _needs_quotes(
        lines,
        row,
        "This text contains `: ` (a colon and a space), which YAML reads as a new key",
    )


def explain(exc: yaml.MarkedYAMLError, text: str) -> Explained | None:
    """A located, plain-language diagnostic for a PyYAML syntax error, or None if unknown."""
    lines = _lines(text)
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    row = min(mark.line, len(lines) - 1)
    col = mark.column
    line = lines[row]
    char = line[col] if col < len(line) else ""

    if "tab" in problem or char == "\t":
        tab_col = line.find("\t")
        return Explained(
            row + 1,
            (tab_col if tab_col >= 0 else col) + 1,
            "yaml-tab",
            "This line has a tab character where YAML expects indentation. YAML counts spaces "
            "only: use spaces, not tabs (set your editor to insert spaces for the Tab key).",
        )

    if "quoted scalar" in context and exc.context_mark is not None:
        return _quoted(exc, mark, lines, problem)

    if "mapping values are not allowed" in problem:
        return _mapping_value(lines, row, col)

    if "alias" in context or "anchor" in context or "tag" in context or "directive" in context:
        start = _value_start(line)
        first = line[start] if start is not None else char
        return _needs_quotes(lines, row, _starts_with(first))

    if "cannot start any token" in problem:
        start = _value_start(line)
        first = line[start] if start is not None and start < len(line) else char
        return _needs_quotes(lines, row, _starts_with(first))

    if "flow" in context and exc.context_mark is not None:
        r, c = min(exc.context_mark.line, len(lines) - 1), exc.context_mark.column
        return _bracket(lines, r, c, lines[r][c] if c < len(lines[r]) else "[")
    if any(w in problem for w in ("expected key", "expected <block end>", "expected '-'")):
        start = _value_start(line)
        # The complaint often lands after a closed quote or bracket; look at the value's start.
        if start is not None and start < len(line):
            first = line[start]
            if first in "\"'":
                return _needs_quotes(
                    lines,
                    row,
                    f"This text starts with a quote ({first}) but goes on after the closing "
                    "quote, so YAML cannot tell where it ends",
                )
            if first in "[{":
                return _bracket(lines, row, start, first)
        key = _key_of(line)
        if key is not None:
            return Explained(
                row + 1,
                _indent(line) + 1,
                "yaml-indentation",
                f"`{key}:` does not line up with the keys around it. Indent it exactly like the "
                "other keys of the same block (with spaces).",
            )
    if "could not find expected ':'" in problem:
        ctx = exc.context_mark
        at = min(ctx.line, len(lines) - 1) if ctx is not None else row
        return Explained(
            at + 1,
            _indent(lines[min(at, len(lines) - 1)]) + 1,
            "yaml-indentation",
            "This line is neither a `key: value` nor part of the text above. If it continues the "
            "text, indent it further than its key (or put the text after `>`); if it is a key, "
            "add the `:`.",
        )
    return None
