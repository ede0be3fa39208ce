"""The authoring guide documents every diagnostic code, generated from the catalogue.

Regenerate the guide's code reference after changing `game/content/codes.py`:
    .venv/bin/python -m tests.toolkit.test_toolkit_guide
"""

from __future__ import annotations

import re

from game.content.codes import CODES
from tests.helpers import ROOT, cli

GUIDE = ROOT / "docs" / "authoring.md"
START, END = "<!-- code reference: start -->", "<!-- code reference: end -->"
SEVERITIES = (("error", "Errors"), ("warning", "Warnings"), ("info", "Information"))


def code_reference() -> str:
    """The guide's code reference, one entry per catalogued code, grouped by severity."""
    out = [START, "", "This section is generated from the catalogue of codes; edit it there.", ""]
    for severity, heading in SEVERITIES:
        out += [f"### {heading}", ""]
        for c in (c for c in CODES if c.severity == severity):
            out += [f"#### `{c.code}`", "", f"{c.meaning}", ""]
            if c.snippet.startswith("("):  # a description of the example, not YAML
                out += [f"Example: {c.snippet[1:-1]}", ""]
            elif c.snippet:
                out += ["Example:", "", "```yaml", c.snippet, "```", ""]
            out += [f"**Fix:** {c.fix}", ""]
    out.append(END)
    return "\n".join(out)


def current_section(text: str) -> str:
    match = re.search(re.escape(START) + ".*?" + re.escape(END), text, re.DOTALL)
    assert match, "the guide has lost its code reference markers"
    return match.group(0)


def test_the_code_reference_matches_the_catalogue():
    assert current_section(GUIDE.read_text(encoding="utf-8")) == code_reference(), (
        "Regenerate it: .venv/bin/python -m tests.toolkit.test_toolkit_guide"
    )


def test_the_guide_shows_the_schema_header_and_every_command():
    text = GUIDE.read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in text
    for command in (
        "salesplay new",
        "salesplay validate --strict",
        "salesplay analyze",
        "salesplay graph",
        "salesplay diff",
        "salesplay run",
    ):
        assert command in text


if __name__ == "__main__":
    text = GUIDE.read_text(encoding="utf-8")
    GUIDE.write_text(text.replace(current_section(text), code_reference()), encoding="utf-8")
    print(f"Updated {GUIDE}")


def test_the_tutorial_shows_what_the_starter_really_reports(tmp_path):
    path = tmp_path / "the-big-renewal.yaml"
    assert cli("new", "The Big Renewal", "-o", str(path)).returncode == 0
    report = cli("analyze", str(path), cwd=tmp_path).stdout.replace(str(tmp_path) + "/", "")
    text = GUIDE.read_text(encoding="utf-8")
    for line in report.splitlines()[:6]:
        assert line in text
