"""`salesplay diff`: what changed between two versions, and how the key runs moved."""

from __future__ import annotations

import json

import pytest

from game.content import load_text
from game.engine.diff import compare
from tests.helpers import SPEC_EXAMPLE, cli

OLD = SPEC_EXAMPLE.read_text()


def edited(*pairs: tuple[str, str]) -> str:
    text = OLD
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def diff_of(new_text: str):
    old = load_text(OLD, "old.yaml").scenario
    new = load_text(new_text, "new.yaml").scenario
    assert new is not None
    return compare(old, new)


@pytest.mark.parametrize(
    ("pairs", "node", "choice", "field", "before", "after"),
    [
        (
            (("I'll take another 5% off.", "I'll take another 10% off."),),
            "spiral",
            "c2",
            "text",
            "I'll take another 5% off.",
            "I'll take another 10% off.",
        ),
        (
            (
                (
                    "tags: [price]\n        next: won_on_price",
                    "tags: [price, follower]\n        next: won_on_price",
                ),
            ),
            "spiral",
            "c2",
            "tags",
            ["price"],
            ["price", "follower"],
        ),
        (
            (
                (
                    "tags: [price]\n        next: won_on_price",
                    "tags: [price]\n        points: -6\n        next: won_on_price",
                ),
            ),
            "spiral",
            "c2",
            "points",
            -3,
            -6,
        ),
        (
            (("next: won_on_price", "next: walkout"),),
            "spiral",
            "c2",
            "next",
            "won_on_price",
            "walkout",
        ),
        (
            (("if: trust >= 60 and not discounted", "if: trust >= 70"),),
            "numbers",
            "c1",
            "if",
            "trust >= 60 and not discounted",
            "trust >= 70",
        ),
        (
            (("effects: {trust: 10}", "effects: {trust: 15}"),),
            "opening",
            "cost_of_delay",
            "effects",
            {"trust": 10},
            {"trust": 15},
        ),
        (
            (("say: Acme will go lower still.", "say: Acme will go lower again."),),
            "spiral",
            None,
            "say",
            "Acme will go lower still. Can you?",
            "Acme will go lower again. Can you?",
        ),
        ((("points: 5", "points: 8"),), "partner", None, "ending_points", 5, 8),
    ],
    ids=["text", "tags", "points", "target", "condition", "effects", "say", "ending-points"],
)
def test_each_kind_of_change_is_listed(pairs, node, choice, field, before, after):
    changes = [c.to_dict() for c in diff_of(edited(*pairs)).changes]
    assert changes[0] == {
        "node": node,
        "choice": choice,
        "field": field,
        "old": before,
        "new": after,
    }
    # New tags also change the points they score; nothing else is listed.
    assert [c["field"] for c in changes[1:]] == (["points"] if field == "tags" else [])


def test_inserted_choices_are_added_not_every_later_one_changed():
    d = diff_of(
        edited(
            (
                "      - text: Our platform",
                "      - text: Let me show you a demo.\n"
                "        tags: [feature]\n        next: spiral\n      - text: Our platform",
            )
        )
    )
    assert d.choices_added == [
        {"node": "opening", "choice": "c3", "text": "Let me show you a demo."}
    ]
    assert [(c.choice, c.field) for c in d.changes] == [("c3 -> c4", "position")]


def test_nodes_added_and_removed_and_runs_moved():
    d = diff_of(
        edited(
            ("next: won_on_price", "next: won_cheaply"), ("  won_on_price:\n", "  won_cheaply:\n")
        )
    )
    assert d.nodes_added == ["won_cheaply"] and d.nodes_removed == ["won_on_price"]
    assert d.runs["best"] == {
        "old": {"score": 15, "ending": "partner", "choices": ["cost_of_delay", "c1"]},
        "new": {"score": 15, "ending": "partner", "choices": ["cost_of_delay", "c1"]},
        "change": 0,
    }
    assert d.runs["worst"]["new"]["ending"] == "won_cheaply"


def test_diff_command_json_and_exit_codes(tmp_path):
    new = tmp_path / "new.yaml"
    new.write_text(edited(("points: 5", "points: 1")))
    done = cli("diff", str(SPEC_EXAMPLE), str(new), "--json")
    assert done.returncode == 1
    out = json.loads(done.stdout)
    assert out["same"] is False and out["runs"]["best"]["change"] == -4
    assert cli("diff", str(SPEC_EXAMPLE), str(SPEC_EXAMPLE)).returncode == 0
    text = cli("diff", str(SPEC_EXAMPLE), str(new)).stdout
    assert (
        "~ partner ending_points: 5 -> 1" in text
        and "+15 at partner -> +11 at partner (-4)" in text
    )


def test_a_broken_version_stops_the_diff(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(edited(("timeout: walkout", "timeout: walkot")))
    done = cli("diff", str(SPEC_EXAMPLE), str(broken))
    assert done.returncode == 2 and "unknown-node" in done.stdout


def _diff_files(tmp_path, new_text: str, *extra: str):
    (tmp_path / "old.yaml").write_text(OLD)
    (tmp_path / "new.yaml").write_text(new_text)
    return cli("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), *extra)


def test_a_late_edit_in_a_long_text_shows_in_full_word_by_word(tmp_path):
    long_say = (
        "Your quote is 18% over Acme's, and my finance director has asked me twice this week "
        "why we are still talking to you at all. Match it or we're done."
    )
    old = edited(("Your quote is 18% over Acme's. Match it or we're done.", long_say))
    new = old.replace("Match it or we're done.", "Match it by Friday or we're done.")
    (tmp_path / "old.yaml").write_text(old)
    (tmp_path / "new.yaml").write_text(new)
    out = cli("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")).stdout
    assert "why we are still talking to you at all. Match it {+by Friday+} or we're done." in out
    assert "…" not in out


def test_diff_lists_the_diagnostics_an_edit_adds_and_resolves(tmp_path):
    no_note = edited(
        (
            '        feedback: >\n          Dana heard "we are the same as Acme, only dearer".\n'
            "          You became the commodity.\n",
            "",
        )
    )
    done = _diff_files(tmp_path, no_note)
    assert "Diagnostics this change adds:" in done.stdout
    assert "missing-feedback: Choice 'match'" in done.stdout.split("adds:")[1]
    reverse = cli("diff", str(tmp_path / "new.yaml"), str(tmp_path / "old.yaml"), "--json")
    assert json.loads(reverse.stdout)["diagnostics_added"] == []
    resolved = json.loads(reverse.stdout)["diagnostics_resolved"]
    assert [d["code"] for d in resolved] == ["missing-feedback"]
