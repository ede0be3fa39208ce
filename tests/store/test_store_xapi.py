"""`export --xapi` writes statements a Learning Record Store accepts, checked against a schema."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from store_scenarios import TRUSTED_ADVISOR, WON_ON_PRICE, procurement_squeeze
from test_store_basics import play

import game.store.store as store_module
from game.cli import main
from game.store import open_store

UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
ISO_8601 = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
IRI = "^https?://[^\\s]+$"
LANGUAGE_MAP = {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}}
EXTENSIONS = {"type": "object", "propertyNames": {"pattern": IRI}}
ACTIVITY = {
    "type": "object",
    "required": ["objectType", "id", "definition"],
    "properties": {
        "objectType": {"const": "Activity"},
        "id": {"type": "string", "pattern": IRI},
        "definition": {
            "type": "object",
            "required": ["name", "type"],
            "properties": {"name": LANGUAGE_MAP, "type": {"type": "string", "pattern": IRI}},
        },
    },
}
# The xAPI 1.0.3 fields a Record Store checks, as far as Salesplay uses them.
STATEMENT = {
    "type": "object",
    "required": ["id", "actor", "verb", "object", "timestamp"],
    "properties": {
        "id": {"type": "string", "pattern": UUID},
        "actor": {
            "type": "object",
            "required": ["objectType", "account"],
            "properties": {
                "objectType": {"enum": ["Agent", "Group"]},
                "account": {
                    "type": "object",
                    "required": ["homePage", "name"],
                    "properties": {
                        "homePage": {"type": "string", "pattern": IRI},
                        "name": {"type": "string", "minLength": 1},
                    },
                },
            },
        },
        "verb": {
            "type": "object",
            "required": ["id", "display"],
            "properties": {
                "id": {
                    "enum": [
                        f"http://adlnet.gov/expapi/verbs/{v}"
                        for v in ("attempted", "answered", "completed", "passed", "failed")
                    ]
                },
                "display": LANGUAGE_MAP,
            },
        },
        "object": ACTIVITY,
        "timestamp": {"type": "string", "pattern": ISO_8601},
        "context": {
            "type": "object",
            "properties": {
                "registration": {"type": "string", "pattern": UUID},
                "extensions": EXTENSIONS,
                "contextActivities": {
                    "type": "object",
                    "properties": {"parent": {"type": "array", "items": ACTIVITY}},
                },
            },
        },
        "result": {
            "type": "object",
            "properties": {
                "score": {
                    "type": "object",
                    "properties": {
                        "scaled": {"type": "number", "minimum": -1, "maximum": 1},
                        "raw": {"type": "number"},
                    },
                },
                "success": {"type": "boolean"},
                "completion": {"type": "boolean"},
                "response": {"type": "string"},
                "duration": {"type": "string", "pattern": r"^P(T(\d+(\.\d+)?S))$"},
                "extensions": EXTENSIONS,
            },
        },
    },
}
SCHEMA = {"type": "array", "items": STATEMENT}


@pytest.fixture
def data(tmp_path, monkeypatch):
    """Ana wins well, then on price, then leaves a run open; the range is set as analysis finds it."""
    monkeypatch.setattr(store_module, "score_bounds", lambda scenario: (14, -16))
    scenario = procurement_squeeze()
    with open_store(tmp_path) as store:
        play(store, "Ana", scenario, TRUSTED_ADVISOR)
        play(store, "Ana", scenario, WON_ON_PRICE)
        play(store, "Ana", scenario, ["timeout"], mode="assessment")
        play(store, "Ana", scenario, ["match"], finish=False)
        play(store, "Ben", scenario, WON_ON_PRICE)
    return tmp_path


def export(capsys, data, *extra) -> list[dict]:
    out = data / "statements.json"
    assert main(["export", "--xapi", str(out), "--data-dir", str(data), "--force", *extra]) == 0
    assert "xAPI statements" in capsys.readouterr().err
    return json.loads(out.read_text(encoding="utf-8"))


def verbs(statements):
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]


def test_the_export_matches_the_xapi_schema(data, capsys):
    statements = export(capsys, data)
    jsonschema.validate(statements, SCHEMA)
    assert len({s["id"] for s in statements}) == len(statements)


def test_each_run_attempts_answers_and_completes(data, capsys):
    statements = export(capsys, data, "--player", "Ana")
    assert verbs(statements) == [
        "attempted",
        "answered",
        "answered",
        "completed",
        "passed",  # trusted advisor
        "attempted",
        "answered",
        "answered",
        "completed",
        "passed",  # won on price
        "attempted",
        "answered",
        "completed",
        "failed",  # the timer ran out: walked out
        "attempted",
        "answered",  # still open
    ]
    assert {s["actor"]["account"]["name"] for s in statements} == {"Ana"}
    first = statements[:5]
    assert len({s["context"]["registration"] for s in first}) == 1
    answer = first[1]
    assert (
        answer["object"]["id"]
        == "https://salesplay.invalid/scenarios/procurement-squeeze/decisions/opening"
    )
    assert answer["result"]["response"] == "cost_of_delay"
    assert answer["result"]["score"] == {"raw": 4}
    assert answer["result"]["extensions"]["https://salesplay.invalid/xapi/tags"] == [
        "insight",
        "discovery",
    ]
    assert answer["context"]["contextActivities"]["parent"][0]["id"].endswith(
        "/scenarios/procurement-squeeze"
    )
    completed = first[3]["result"]
    assert completed["score"] == {"raw": 14, "scaled": 1.0}
    assert completed["success"] is True
    assert completed["extensions"]["https://salesplay.invalid/xapi/tags"] == {
        "insight": 1,
        "discovery": 1,
        "outcome": 1,
        "leadership": 1,
    }
    assert statements[8]["result"]["score"] == {"raw": -8, "scaled": 0.27}  # 8 of 30 above worst
    assert statements[12]["result"]["success"] is False


def test_exporting_twice_gives_the_same_statements(data, capsys):
    assert export(capsys, data) == export(capsys, data)


def test_the_base_address_names_accounts_and_activities(data, capsys):
    statements = export(capsys, data, "--base", "https://learning.example.org/sales/")
    assert statements[0]["actor"]["account"]["homePage"] == "https://learning.example.org/sales"
    assert (
        statements[0]["object"]["id"]
        == "https://learning.example.org/sales/scenarios/procurement-squeeze"
    )
    assert all(
        re.match("https://learning.example.org/sales/xapi/", k)
        for s in statements
        for k in s["context"]["extensions"]
    )


def test_an_empty_store_exports_an_empty_array(tmp_path, capsys):
    assert export(capsys, tmp_path) == []


@pytest.mark.parametrize(
    "base",
    ["salesplay", "ftp://x", "https://my org.example", "http://", "https://x.example/?a=1"],
    ids=["bare-word", "not-web", "space", "no-host", "query"],
)
def test_a_base_that_is_not_a_web_address_is_refused(tmp_path, capsys, base):
    assert (
        main(
            [
                "export",
                "--xapi",
                str(tmp_path / "x.json"),
                "--data-dir",
                str(tmp_path),
                "--base",
                base,
            ]
        )
        == 2
    )
    assert "--base must be an absolute web address" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_an_unwritable_target_fails_clearly(tmp_path, capsys):
    code = main(
        ["export", "--xapi", str(tmp_path / "missing" / "x.json"), "--data-dir", str(tmp_path)]
    )
    assert code == 1
    assert "could not write" in capsys.readouterr().err


def test_another_base_gives_other_statement_ids(data, capsys):
    first = export(capsys, data)
    other = export(capsys, data, "--base", "https://learning.example.org")
    assert len(first) == len(other)
    assert not {s["id"] for s in first} & {s["id"] for s in other}


def test_a_plain_http_base_keeps_its_slashes(data, capsys):
    statements = export(capsys, data, "--base", "http://lrs.example.org/")
    assert statements[0]["actor"]["account"]["homePage"] == "http://lrs.example.org"


def test_statements_are_in_time_order_and_completed_follows_the_last_answer(data, capsys):
    statements = export(capsys, data)
    stamps = [s["timestamp"] for s in statements]
    assert stamps == sorted(stamps)
    by_run: dict = {}
    for s in statements:
        by_run.setdefault(s["context"]["registration"], []).append(s)
    for run in by_run.values():
        answered = [s["timestamp"] for s in run if s["verb"]["id"].endswith("answered")]
        completed = [s["timestamp"] for s in run if s["verb"]["id"].endswith("completed")]
        assert all(c >= max(answered) for c in completed)


def test_interactions_list_the_nodes_choices(data, capsys):
    answer = export(capsys, data, "--player", "Ana")[1]
    definition = answer["object"]["definition"]
    assert definition["interactionType"] == "choice"
    assert [c["id"] for c in definition["choices"]] == ["match", "cost_of_delay", "c3"]
    assert definition["choices"][0]["description"] == {"en-US": "We can match Acme."}


def test_a_time_out_is_an_answer_marked_timed_out(data, capsys):
    statements = export(capsys, data, "--player", "Ana")
    (timed_out,) = [s for s in statements if s.get("result", {}).get("response") == "timeout"]
    assert timed_out["result"]["extensions"]["https://salesplay.invalid/xapi/timed-out"] is True


def test_an_export_never_replaces_a_file_without_force(data, capsys):
    out = data / "kept.json"
    out.write_text("mine")
    code = main(["export", "--xapi", str(out), "--data-dir", str(data)])
    assert code == 2 and "already exists" in capsys.readouterr().err
    assert out.read_text() == "mine"
