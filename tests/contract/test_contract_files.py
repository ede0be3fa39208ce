"""Reading the file: encodings, line ends, sizes, links, folders and odd paths never give a
traceback, always a located diagnostic and the contract's exit code."""

from __future__ import annotations

import json
import os

import pytest

from game.content.loader import MAX_BYTES
from tests.contract.scenarios import PROBE, write
from tests.helpers import cli


def validate(*paths, fmt="json"):
    proc = cli("validate", *map(str, paths), "--format", fmt)
    assert "Traceback" not in proc.out + proc.err
    return proc, json.loads(proc.out) if fmt == "json" else None


def errors(diags):
    return [d for d in diags if d["severity"] == "error"]


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + PROBE.encode(),
        PROBE.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + PROBE.replace("\n", "\r\n").encode(),
    ],
    ids=["bom", "crlf", "bom-crlf"],
)
def test_a_bom_and_windows_line_ends_read_like_the_plain_file(tmp_path, data):
    plain = write(tmp_path, PROBE, "plain.yaml")
    odd = write(tmp_path, "", "odd.yaml", data)
    for path in (plain, odd):
        assert cli("validate", str(path)).code == 0
    played = [
        json.loads(cli("run", str(p), "--choices", "2,back,raise", "--json").out)
        for p in (plain, odd)
    ]
    assert played[0] == played[1]


def test_a_latin1_file_is_located_at_its_first_bad_byte(tmp_path):
    path = write(tmp_path, "", data=PROBE.replace("Hello.", "Olá.").encode("latin-1"))
    proc, diags = validate(path)
    assert proc.code == 1
    assert [(d["code"], d["line"]) for d in diags] == [("not-utf8", 14)]


def test_an_oversized_file_is_refused_with_its_real_size(tmp_path):
    path = write(tmp_path, "", data=PROBE.encode() + b"#" + b"x" * (5_000_000) + b"\n")
    proc, diags = validate(path)
    assert proc.code == 1
    assert [d["code"] for d in diags] == ["file-too-large"]
    size = os.path.getsize(path)
    assert size > MAX_BYTES
    assert f"{size:,} bytes" in diags[0]["message"] and "4.8 MiB" in diags[0]["message"]


@pytest.mark.parametrize(
    "text, code",
    [("", "empty-file"), ("# nothing\n\n", "empty-file"), ("- a\n", "not-a-scenario")],
    ids=["empty", "only-comments", "a-list"],
)
def test_files_without_a_scenario(tmp_path, text, code):
    proc, diags = validate(write(tmp_path, text))
    assert proc.code == 1 and [d["code"] for d in diags] == [code]


def test_deep_nesting_is_a_located_error(tmp_path):
    text = "".join(" " * i + f"k{i}:\n" for i in range(1500))
    proc, diags = validate(write(tmp_path, text))
    assert proc.code == 1 and diags[0]["code"] == "yaml-too-deep" and diags[0]["line"] > 1


def test_a_link_loop_names_the_reason_and_exits_2(tmp_path):
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    good = write(tmp_path / "..", PROBE, f"{tmp_path.name}-good.yaml")
    proc, diags = validate(tmp_path / "a.yaml", good)
    assert proc.code == 2
    unreadable = [d for d in diags if d["code"] == "file-unreadable"]
    assert len(unreadable) == 1 and "No such file" not in unreadable[0]["message"]
    assert "symbolic links" in unreadable[0]["message"]
    assert any(d["path"] == str(good) for d in diags)  # the other path was still checked
    run = cli("run", str(tmp_path / "a.yaml"), "--choices", "1")
    assert run.code == 2 and "symbolic links" in run.err


def test_an_unreadable_file_inside_a_folder_exits_2_and_the_rest_is_checked(tmp_path):
    write(tmp_path, PROBE, "good.yaml")
    write(tmp_path, "format: [\n", "broken.yml")
    os.symlink(tmp_path / "nowhere.yaml", tmp_path / "dangling.yaml")
    proc, diags = validate(tmp_path)
    assert proc.code == 2
    assert "dangling.yaml" in proc.err
    by_file = {os.path.basename(d["path"]) for d in diags}
    assert {"broken.yml", "dangling.yaml"} <= by_file


def test_a_folder_skips_dot_names_and_reads_yml(tmp_path):
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden", "format: [\n", "bad.yaml")
    write(tmp_path, "format: [\n", ".draft.yaml")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", PROBE.replace("id: probe", "id: probe-two"), "two.yml")
    write(tmp_path, PROBE, "one.yaml")
    proc, diags = validate(tmp_path)
    assert proc.code == 0, proc.out
    assert {os.path.basename(d["path"]) for d in diags} <= {"one.yaml", "two.yml"}


def test_a_non_utf8_file_name_is_reported_without_a_traceback(tmp_path):
    name = os.fsdecode(b"caf\xe9.yaml")
    path = write(tmp_path, PROBE, name)
    proc = cli("validate", str(path))
    assert proc.code == 0
    proc = cli("run", str(path), "--choices", "9")
    assert proc.code == 2 and "out of range" in proc.err


def test_emoji_and_right_to_left_text_round_trip(tmp_path):
    text = PROBE.replace("say: Hello.", "say: مرحبا 👋🏽 שלום").replace(
        "title: Probe", "title: 'عرض 🚀'"
    )
    path = write(tmp_path, text)
    assert cli("validate", str(path)).code == 0
    out = json.loads(cli("run", str(path), "--choices", "1", "--json").out)
    assert out["ending"] == "walk"


@pytest.mark.parametrize(
    "value", ["99999999999999999999999999", "1000001", "-1000001"], ids=["huge", "over", "under"]
)
def test_an_integer_of_digits_outside_the_range_is_out_of_range(tmp_path, value):
    path = write(tmp_path, PROBE.replace("max: 3, on_min", f"max: {value}, on_min"))
    proc, diags = validate(path)
    assert proc.code == 1
    assert [d["code"] for d in errors(diags)] == ["out-of-range"]
    assert "1,000,000" in errors(diags)[0]["message"]


def test_a_type_mismatch_reads_as_english(tmp_path):
    path = write(tmp_path, PROBE.replace("if: trust > 2 and not visited(a)", "if: warmed == 1"))
    _, diags = validate(path)
    assert "compares a true/false with an integer" in errors(diags)[0]["message"]


@pytest.mark.parametrize(
    "portrait",
    ["../x.png", "/etc/x.png", "pics/../x.png", "C:\\\\x.png"],
    ids=["dotdot", "absolute", "inner-dotdot", "drive"],
)
def test_a_portrait_outside_the_folder_is_an_error(tmp_path, portrait):
    path = write(
        tmp_path, PROBE.replace("  role: Buyer", f'  role: Buyer\n  portrait: "{portrait}"')
    )
    proc, diags = validate(path)
    assert proc.code == 1 and [d["code"] for d in errors(diags)] == ["portrait-outside"]
    assert (diags[0]["line"], diags[0]["col"]) == (8, 13)


@pytest.mark.parametrize(
    "name, data, warned",
    [
        ("pics/missing.png", None, True),
        ("pics/notes.png", b"not a picture\n", True),
        ("pics/empty.jpg", b"", True),
        ("pics/ok.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16, False),
        ("pics/ok.jpeg", b"\xff\xd8\xff\xe0" + b"\0" * 16, False),
    ],
    ids=["missing", "text-named-png", "empty", "png", "jpeg"],
)
def test_a_portrait_that_cannot_be_shown_is_a_warning(tmp_path, name, data, warned):
    (tmp_path / "pics").mkdir()
    if data is not None:
        (tmp_path / name).write_bytes(data)
    path = write(tmp_path, PROBE.replace("  role: Buyer", f"  role: Buyer\n  portrait: {name}"))
    proc, diags = validate(path)
    assert proc.code == 0
    found = [d for d in diags if d["code"] == "portrait-missing"]
    assert bool(found) == warned
    if found:
        assert found[0]["severity"] == "warning" and found[0]["line"] == 8


def test_a_directory_given_to_run_is_a_usage_error(tmp_path):
    proc = cli("run", str(tmp_path), "--choices", "1")
    assert proc.code == 2 and proc.out == ""


def test_a_file_named_twice_is_checked_once(tmp_path):
    write(tmp_path, PROBE, "one.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "one.yaml")
    proc, diags = validate(tmp_path, tmp_path / "one.yaml", tmp_path / "." / "one.yaml")
    assert proc.code == 0, proc.out
    assert not any(d["code"] == "duplicate-scenario-id" for d in diags)
    write(tmp_path, PROBE, "copy.yaml")  # a real second file with the same id still clashes
    proc, diags = validate(tmp_path)
    assert proc.code == 1
    # copy.yaml comes first; one.yaml, read once (through link.yaml), clashes with it.
    assert [d["path"] for d in diags if d["code"] == "duplicate-scenario-id"] == [
        str(tmp_path / "link.yaml")
    ]
