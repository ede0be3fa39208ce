"""`salesplay validate` and `salesplay schema`: order, JSON keys, exit codes, --strict."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from tests.contract.scenarios import PROBE, write
from tests.helpers import cli

KEYS = {"path", "line", "col", "severity", "code", "message"}


def test_diagnostics_are_sorted_by_path_line_and_column_across_files(tmp_path):
    (tmp_path / "b").mkdir()
    late = PROBE.replace("id: probe", "id: late").replace("next: won", "next: wonn")
    write(tmp_path / "b", late, "z.yaml")
    write(
        tmp_path, PROBE.replace("id: probe", "id: early").replace("start: a", "start: zz"), "a.yaml"
    )
    proc = cli("validate", str(tmp_path / "b"), str(tmp_path / "a.yaml"), "--format", "json")
    assert proc.code == 1
    diags = json.loads(proc.out)
    assert all(set(d) == KEYS for d in diags)
    assert [(d["path"], d["line"], d["col"]) for d in diags] == sorted(
        (d["path"], d["line"], d["col"]) for d in diags
    )
    assert diags[0]["path"].endswith("a.yaml")
    text = cli("validate", str(tmp_path / "b"), str(tmp_path / "a.yaml")).out.splitlines()
    assert [line.split(": ")[0] for line in text] == [
        f"{d['path']}:{d['line']}:{d['col']}" for d in diags
    ]
    assert [line.split(": ", 1)[1].split(":")[0] for line in text] == [
        f"{d['severity']} {d['code']}" for d in diags
    ]


def test_a_missing_path_exits_2_after_checking_the_others(tmp_path):
    bad = write(tmp_path, PROBE.replace("next: won", "next: wonn"))
    proc = cli("validate", str(tmp_path / "nope.yaml"), str(bad), "--format", "json")
    assert proc.code == 2
    codes = {d["code"] for d in json.loads(proc.out)}
    assert {"file-unreadable", "unknown-node"} <= codes
    assert "nope.yaml" in proc.err


def test_strict_counts_warnings_but_not_information(tmp_path):
    path = write(tmp_path, PROBE)
    diags = json.loads(cli("validate", str(path), "--format", "json").out)
    severities = {d["severity"] for d in diags}
    assert "error" not in severities and "warning" in severities
    assert cli("validate", str(path)).code == 0
    assert cli("validate", "--strict", str(path)).code == 1


def test_usage_errors_exit_2():
    assert cli("validate").code == 2
    assert cli("validate", "--format", "xml", "x.yaml").code == 2


def test_the_schema_is_2020_12_and_accepts_a_valid_scenario(tmp_path):
    import yaml

    proc = cli("schema")
    assert proc.code == 0
    schema = json.loads(proc.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    assert list(validator.iter_errors(yaml.safe_load(PROBE))) == []
    wrong = yaml.safe_load(PROBE.replace("    say: Hello.", "    say: Hello.\n    sya: typo"))
    assert list(validator.iter_errors(wrong))
