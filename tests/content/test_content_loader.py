"""The loader: key-directed typing, locations, every rule, and bad input that never crashes."""

import pytest

from game.content import load_scenario, load_text
from game.content import loader as loader_module
from game.content.codes import BASE
from tests.helpers import SPEC_EXAMPLE


def codes(result):
    return [d.code for d in result.diagnostics]


def test_spec_example_loads_with_only_a_portrait_warning():
    result = load_scenario(SPEC_EXAMPLE)
    assert result.ok
    assert codes(result) == ["portrait-missing"]
    s = result.scenario
    assert s.id == "procurement-squeeze" and s.difficulty == 2 and s.minutes == 8
    assert list(s.meters) == ["trust", "patience"]
    assert s.rubric["discovery"] == 2 and s.rubric["price"] == -3
    assert s.flags == ("discounted",)
    opening = s.nodes["opening"]
    assert [c.id for c in opening.choices] == ["match", "cost_of_delay", "c3"]
    assert opening.choices[1].value == 5  # insight 3 + discovery 2 (rubric override)
    assert opening.time_limit == 30 and opening.timeout == "walkout"
    assert s.nodes["won_on_price"].ending.points == -2


def test_the_content_hash_is_the_sha256_of_the_file_bytes():
    import hashlib
    from pathlib import Path

    raw = Path(SPEC_EXAMPLE).read_bytes()
    assert load_scenario(SPEC_EXAMPLE).scenario.sha256 == hashlib.sha256(raw).hexdigest()
    edited = raw.replace(b"procurement-squeeze", b"procurement-squeezed")
    changed = load_text(edited)
    assert (
        changed.scenario.sha256
        == hashlib.sha256(edited).hexdigest()
        != hashlib.sha256(raw).hexdigest()
    )


def test_the_key_decides_the_type():
    text = BASE.replace("say: Send me the proposal.", "say: 1999").replace(
        "text: We can beat their price.", "text: No"
    )
    s = load_text(text, "t.yaml").scenario
    assert s.nodes["done"].say == "1999"
    assert s.nodes["ask"].choices[1].text == "No"


@pytest.mark.parametrize(
    "raw",
    ["+3", "3_000", "03", "3.0", "true", "1:30", "3e2", "0x10"],
    ids=["plus", "underscore", "leading-zero", "float", "bool", "sexagesimal", "exp", "hex"],
)
def test_integers_are_plain_digits(raw):
    result = load_text(BASE.replace("effects: {trust: 1}", f"effects: {{trust: {raw}}}"), "t.yaml")
    assert "bad-integer" in codes(result)


def test_integer_range_and_huge_digits():
    assert "out-of-range" in codes(
        load_text(BASE.replace("trust: 1}", "trust: 1000001}"), "t.yaml")
    )
    result = load_text(BASE.replace("trust: 1}", "trust: " + "9" * 1000 + "}"), "t.yaml")
    # Digits that match the format's integer pattern but lie far outside its range.
    assert "out-of-range" in codes(result) and "bad-integer" not in codes(result)
    assert all(len(d.message) < 400 for d in result.diagnostics)


def test_locations_point_at_the_offending_value():
    text = BASE.replace("next: done\n      - text: We", "next: dnoe\n      - text: We")
    (d,) = load_text(text, "t.yaml").diagnostics
    line_no = text.splitlines().index("        next: dnoe") + 1
    assert (d.code, d.line, d.col) == ("unknown-node", line_no, 15)
    assert "Did you mean 'done'?" in d.message


def test_all_problems_are_collected_in_one_pass():
    text = (
        BASE.replace("efects", "x")
        .replace("effects: {trust: 1}", "efects: {trust: 1}")
        .replace("mood", "x")
        .replace("start: ask", "start: aks")
        .replace("tags: [price]", "tags: [prise]")
    )
    found = codes(load_text(text, "t.yaml"))
    assert {"unknown-key", "unknown-node", "unknown-tag"} <= set(found)


def test_every_missing_top_level_key_is_reported_at_once():
    """Missing keys are all reported at the file's start; only the first was (one error per
    place), so a trainer fixed `summary:` only to be told about `buyer:`, then `start:`..."""
    result = load_text("format: 1\nid: x\ntitle: X\n", "t.yaml")
    missing = [d.message for d in result.diagnostics if d.code == "missing-key"]
    for key in ("summary", "buyer", "nodes", "start"):
        assert any(f"`{key}:`" in m for m in missing), (key, missing)
    assert len(missing) == len(set(missing)) == 4


def test_unknown_key_suggests_and_flow_mapping_hints_quoting():
    text = BASE.replace(
        "buyer: {name: Ana Silva, role: Buyer}", "buyer: {name: Ana, from Lisbon, role: Buyer}"
    )
    diags = [d for d in load_text(text, "t.yaml").diagnostics if d.code == "unknown-key"]
    assert diags and "quote" in diags[0].message


def test_duplicate_keys_anywhere():
    text = BASE.replace(
        "        tags: [insight]\n", "        tags: [insight]\n        tags: [outcome]\n"
    )
    assert "duplicate-key" in codes(load_text(text, "t.yaml"))


def test_default_ids_count_hidden_choices_too():
    text = BASE.replace("      - text: We can beat", "      - id: lead\n        text: We can beat")
    s = load_text(text, "t.yaml").scenario
    assert [c.id for c in s.nodes["ask"].choices] == ["c1", "lead"]


def test_condition_errors_point_inside_the_condition():
    text = BASE.replace(
        "        next: done\n  done", "        if: trust >= 3 && true\n        next: done\n  done"
    )
    (d,) = [d for d in load_text(text, "t.yaml").diagnostics if d.code.startswith("condition")]
    assert d.code == "condition-operator" and "'and'" in d.message
    line = text.splitlines()[d.line - 1]
    assert line[d.col - 1 :].startswith("&&")


def test_injection_text_is_refused_not_run(tmp_path):
    marker = tmp_path / "ran"
    text = BASE.replace(
        "        next: done\n  done",
        f"        if: \"__import__('os').system('touch {marker}')\"\n        next: done\n  done",
    )
    result = load_text(text, "t.yaml")
    assert not result.ok
    assert any(d.code.startswith("condition") for d in result.diagnostics)
    assert not marker.exists()


@pytest.mark.parametrize(
    "data,code",
    [
        (b"", "empty-file"),
        (b"# only a comment\n", "empty-file"),
        (b"- a\n- b\n", "not-a-scenario"),
        (b"just text\n", "not-a-scenario"),
        (b"title: caf\xe9\n", "not-utf8"),
    ],
    ids=["empty", "comment-only", "list", "scalar", "latin1"],
)
def test_not_a_scenario_at_all(data, code):
    result = load_text(data, "t.yaml")
    assert result.scenario is None
    assert code in codes(result)


def test_utf8_bom_and_windows_line_ends_are_fine():
    data = b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode()
    result = load_text(data, "t.yaml")
    assert result.ok and result.diagnostics == []


def test_non_ascii_text_is_kept():
    text = BASE.replace("Ana Silva", "Zeynep Ağaoğlu-Łukasz Müller Peña")
    assert (
        load_text(text.encode(), "t.yaml").scenario.buyer.name
        == "Zeynep Ağaoğlu-Łukasz Müller Peña"
    )


def test_oversized_file_is_refused_without_parsing(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("parsed an oversized file")

    monkeypatch.setattr(loader_module, "parse_tree", boom)
    result = load_text(b"notes: " + b"x" * (loader_module.MAX_BYTES + 1), "big.yaml")
    assert codes(result) == ["file-too-large"]


def test_ten_thousand_levels_of_nesting():
    for data in (
        "x: " + "[" * 10000 + "]" * 10000,
        "x:\n" + "".join(" " * i + "- \n" for i in range(0, 2000)),
    ):
        result = load_text(data, "deep.yaml")
        assert result.scenario is None and result.diagnostics


def test_billion_laughs_is_refused_without_expanding():
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    result = load_text("\n".join(lines) + "\n", "lol.yaml")
    assert "yaml-alias" in codes(result) and "yaml-anchor" in codes(result)


def test_a_100k_character_line():
    text = BASE.replace("summary: A two-node scenario.", "summary: " + "word " * 20000)
    result = load_text(text, "long.yaml")
    assert result.ok and len(result.scenario.summary) > 99_000


def test_comment_cut_text_is_a_warning_but_quoted_hash_is_not():
    cut = load_text(BASE.replace("title: Tiny", "title: Deal#1 pick"), "t.yaml")
    assert codes(cut) == []  # '#' without a space before it is part of the text
    cut = load_text(BASE.replace("title: Tiny", "title: Priority #1 deal"), "t.yaml")
    assert codes(cut) == ["comment-cut-text"]
    quoted = load_text(BASE.replace("title: Tiny", "title: 'Priority #1 deal'"), "t.yaml")
    assert codes(quoted) == []


def test_portrait_paths(tmp_path):
    (tmp_path / "faces").mkdir()
    (tmp_path / "faces" / "ana.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for value, code in [
        ("faces/ana.png", None),
        ("faces/nobody.png", "portrait-missing"),
        ("../ana.png", "portrait-outside"),
        ("/etc/passwd", "portrait-outside"),
        ("faces/../../x.png", "portrait-outside"),
    ]:
        path = tmp_path / "s.yaml"
        path.write_text(BASE.replace("role: Buyer}", f"role: Buyer, portrait: '{value}'}}"))
        result = load_scenario(path)
        assert (codes(result) or [None]) == [code], value
    link = tmp_path / "faces" / "link.png"
    link.symlink_to("/etc/hostname")
    path.write_text(BASE.replace("role: Buyer}", "role: Buyer, portrait: faces/link.png}"))
    assert codes(load_scenario(path)) == ["portrait-outside"]
    path.write_text(BASE.replace("role: Buyer}", "role: Buyer, portrait: faces/ana.png}"))
    assert load_scenario(path).scenario.buyer.portrait == (tmp_path / "faces" / "ana.png").resolve()


def test_notes_are_allowed_in_any_mapping():
    text = (
        BASE.replace("  trust: {start", "  notes: how warm Ana feels\n  trust: {start")
        .replace("  ask:\n", "  notes: two nodes only\n  ask:\n")
        .replace(
            "        tags: [insight]\n", "        tags: [insight]\n        notes: the lesson\n"
        )
    )
    result = load_text(text, "t.yaml")
    assert result.ok and result.diagnostics == [], result.diagnostics


def test_a_broken_file_still_names_its_title_for_the_menu():
    result = load_text(BASE.replace("start: ask", "start: nowhere"), "t.yaml")
    assert result.scenario is None and result.title == "Tiny" and result.id == "tiny"


LOOKED = BASE.replace(
    "buyer: {name: Ana Silva, role: Buyer}",
    "setting: warehouse\n"
    "buyer:\n  name: Ana Silva\n  role: Buyer\n"
    "  look: {presentation: woman, skin: dark, hair: braids, glasses: round, age: senior}",
)


def test_look_and_setting_are_read():
    s = load_text(LOOKED, "t.yaml").scenario
    assert s.setting == "warehouse"
    look = s.buyer.look
    assert (look.presentation, look.skin, look.hair, look.glasses, look.age) == (
        "woman",
        "dark",
        "braids",
        "round",
        "senior",
    )
    assert look.clothes is None  # left out: the window picks it from the name


def test_without_look_or_setting_nothing_is_chosen():
    s = load_text(BASE, "t.yaml").scenario
    assert s.setting is None and s.buyer.look == type(s.buyer.look)()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("setting: warehouse", "setting: warehose", "Did you mean 'warehouse'?"),
        ("glasses: round", "glasses: rund", "Did you mean 'round'?"),
        ("skin: dark", "skin: drak", "Did you mean 'dark'?"),
        ("age: senior", "age: ancient", "Allowed: young, middle, senior."),
    ],
)
def test_a_bad_look_or_setting_word_suggests_the_closest(old, new, message):
    result = load_text(LOOKED.replace(old, new), "t.yaml")
    assert not result.ok
    bad = [d for d in result.diagnostics if d.code == "bad-value"]
    assert len(bad) == 1 and message in bad[0].message


def test_an_unknown_look_key_is_reported_with_a_suggestion():
    result = load_text(LOOKED.replace("glasses: round", "glases: round"), "t.yaml")
    unknown = [d for d in result.diagnostics if d.code == "unknown-key"]
    assert unknown and "Did you mean 'glasses'?" in unknown[0].message


def test_a_folder_finds_scenario_endings_in_any_case_and_skips_dot_names(tmp_path):
    for name in ("a.yaml", "B.YAML", "c.Yml", ".hidden.yaml", "notes.txt", "d.yaml.bak"):
        (tmp_path / name).write_text(BASE, encoding="utf-8")
    found = [p.rsplit("/", 1)[-1] for p in loader_module.find_scenario_files(str(tmp_path))]
    assert found == ["B.YAML", "a.yaml", "c.Yml"]
