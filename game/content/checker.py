"""The rules of format v1, applied to a located YAML tree: builds the frozen `Scenario`.

`ScenarioChecker` reads every key by what the key means (never by YAML's own typing), and
reports each problem as a `Diagnostic` at the offending key or value instead of stopping.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from game.content.conditions import ConditionError, parse_condition
from game.content.diagnostics import ERROR, WARNING, Diagnostic, did_you_mean, has_errors, shown
from game.content.model import (
    DEFAULT_RUBRIC,
    LOOK_VALUES,
    MOODS,
    RESULTS,
    SETTINGS,
    TIMEOUT,
    Buyer,
    Choice,
    Condition,
    Ending,
    Loc,
    Look,
    Meter,
    Node,
    Scenario,
)
from game.content.yamltree import MAPPING, SCALAR, SEQUENCE, YNode, split_lines

SUPPORTED_FORMATS = (1,)
MAX_INT = 1_000_000
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
TAG = re.compile(r"[a-z][a-z0-9_-]*\Z")
INTEGER = re.compile(r"-?(0|[1-9][0-9]*)\Z")
MAX_SUGGESTIONS = 200  # unknown keys per file that get a "Did you mean" suggestion
YAML_NULLS = frozenset(("null", "Null", "NULL", "~"))  # what YAML reads as no value
LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
RESERVED = frozenset({"true", "false", "and", "or", "not", "visited"})
DEFAULT_ID = re.compile(r"c[0-9]+\Z")


# What each mapping may hold. Values name how the key is read.
TOP_KEYS = (
    "format",
    "id",
    "title",
    "summary",
    "difficulty",
    "minutes",
    "lang",
    "tags",
    "setting",
    "author",
    "version",
    "buyer",
    "meters",
    "rubric",
    "start",
    "nodes",
    "notes",
)
BUYER_KEYS = ("name", "role", "company", "portrait", "look", "notes")
LOOK_KEYS = (*LOOK_VALUES, "notes")
METER_KEYS = ("start", "min", "max", "label", "on_min", "on_max", "notes")
NODE_KEYS = ("say", "narration", "mood", "choices", "time_limit", "timeout", "ending", "notes")
ENDING_KEYS = ("result", "title", "points", "debrief", "notes")
CHOICE_KEYS = (
    "id",
    "text",
    "next",
    "tags",
    "points",
    "effects",
    "set",
    "clear",
    "if",
    "feedback",
    "examples",
    "notes",
)
MAX_EXAMPLES = 12  # `examples` per choice
MAX_EXAMPLE_LENGTH = 300  # characters per example


class ScenarioChecker:
    """Builds one scenario from its tree, collecting diagnostics instead of stopping."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.source = text
        self._lines: list[str] | None = None
        self.diags: list[Diagnostic] = []
        self.id_pos = (1, 1)
        self.error_count = 0
        self._unknown_keys = 0
        # One error per mistake: a second error at the exact place of an earlier one is a
        # follow-on (an alias read as empty text, say) and is not reported.
        self._error_at: set[tuple] = set()  # (line, col), or (line, col, message)
        # (id of a mapping node, key) for keys found swallowed into a block text of that mapping
        self._swallowed: set[tuple[int, str]] = set()
        self._meter_fields: dict[
            str, dict
        ] = {}  # meter -> its fields, for checking on_min/on_max later

    # -- reporting -----------------------------------------------------------------------
    def report(
        self,
        node: YNode | None,
        code: str,
        message: str,
        severity: str = ERROR,
        distinct: bool = False,
    ) -> None:
        """One error per place (the first explains the rest), unless `distinct`: then each
        different message there counts (every key a mapping lacks is reported at it)."""
        line, col = (node.line, node.col) if node is not None else (1, 1)
        if severity == ERROR:
            place = (line, col, message) if distinct else (line, col)
            if place in self._error_at:
                return
            self._error_at.add(place)
            self.error_count += 1
        self.diags.append(Diagnostic(self.path, line, col, severity, code, message))

    def loc(self, node: YNode) -> Loc:
        return Loc(self.path, node.line, node.col)

    # -- generic readers -----------------------------------------------------------------
    def mapping(
        self,
        node: YNode,
        allowed: Iterable[str],
        where: str,
        check_unknown: bool = True,
        item: str | None = None,
    ) -> dict[str, tuple[YNode, YNode]]:
        """Keys -> (key node, value node); reports non-text keys, duplicates and unknown keys.

        `item` names what the mapping is when it is one entry of a list (a "choice"): a key
        that comes back then most likely starts the next entry, written without its `- `.
        """
        if node.kind != MAPPING:
            self.report(
                node,
                "wrong-type",
                f"{where} should be a mapping of `key: value` lines, "
                f"but this is {_describe(node)}. Indent its keys under it.",
            )
            return {}
        allowed = tuple(allowed)
        out: dict[str, tuple[YNode, YNode]] = {}
        merged = _merged_entry(node) if item is not None else None
        items = node.items if merged is None else node.items[:merged]
        if merged is not None:
            key = node.items[merged][0]
            self.report(
                key,
                "missing-dash",
                f"A second `text:` in {where}: this looks like a new {item}, written without "
                f"its `- `, so YAML merged it into the {item} above. Start it with `- ` in "
                f"front of `{shown(key.value)}:`, lined up with the `- ` of the {item} above.",
            )
        for key, value in items:
            if key.kind != SCALAR:
                self.report(
                    key,
                    "wrong-type",
                    f"A key in {where} must be a plain word, not "
                    f"{_describe(key)}. Write it as `name: value`.",
                )
                continue
            name = key.value
            if name in out:
                first = out[name][0]
                self.report(
                    key,
                    "duplicate-key",
                    f"Key '{name}' appears twice in {where} (first on line "
                    f"{first.line}); YAML would silently keep only the last one. Remove or rename "
                    "one of them.",
                )
                continue
            out[name] = (key, value)
            if check_unknown and name not in allowed:
                # Suggestions cost a fuzzy match each; past a few hundred unknown keys the file
                # is not a misspelt scenario, and the list of allowed keys says enough.
                self._unknown_keys += 1
                hint = did_you_mean(name, allowed) if self._unknown_keys <= MAX_SUGGESTIONS else ""
                flow = _comma_hint(node, name)
                self.report(
                    key,
                    "unknown-key",
                    f"Unknown key '{shown(name)}' in {where}.{hint or ''}"
                    f"{'' if hint else ' Allowed here: ' + ', '.join(allowed) + '.'}{flow}",
                )
        if allowed and not node.flow:
            self._swallowed_keys(node, out, allowed)
        return out

    def already_reported(self, diags: Iterable[Diagnostic]) -> None:
        """Errors found before checking (by the YAML reader): no second error at their place."""
        self._error_at.update((d.line, d.col) for d in diags if d.severity == ERROR)

    def _swallowed_keys(self, node: YNode, out: dict, allowed: tuple[str, ...]) -> None:
        """Report keys that sit inside a `>` or `|` text because of their indentation."""
        for name, (_key, value) in out.items():
            if value.kind != SCALAR or value.style not in ("|", ">"):
                continue
            if self._lines is None:
                self._lines = split_lines(self.source)
            lines = self._lines
            # A block text's lines follow its indicator line (value.line) up to end_line.
            for row in range(value.line, min(value.end_line, len(lines))):
                if ":" not in lines[row]:  # most lines of a text: no key can hide in them
                    continue
                m = _KEY_IN_TEXT.match(lines[row])
                if not m or m.group(1) not in allowed or m.group(1) in out:
                    continue
                self._swallowed.add((id(node), m.group(1)))
                self.diags.append(
                    Diagnostic(
                        self.path,
                        row + 1,
                        len(lines[row]) - len(lines[row].lstrip()) + 1,
                        ERROR,
                        "key-in-text",
                        f"`{m.group(1)}:` on this line is part of the `{name}` text above because "
                        f"of its indentation, so the game reads it as words, not as a key. Move it "
                        f"left to line up with `{name}:`.",
                    )
                )
                self.error_count += 1

    def required(self, fields: dict, key: str, owner: YNode, where: str) -> YNode | None:
        if key not in fields:
            if (id(owner), key) not in self._swallowed:
                self.report(owner, "missing-key", f"{where} needs `{key}:`. Add it.", distinct=True)
            return None
        return fields[key][1]

    def text(self, node: YNode | None, what: str, *, required: bool = True) -> str | None:
        if node is None:
            return None
        if node.kind != SCALAR:
            self.report(
                node,
                "wrong-type",
                f"{what} should be text, but this is {_describe(node)}. "
                "Write the text on the same line, or use `>` for a long paragraph.",
            )
            return None
        value = node.value.strip() if node.style in ("|", ">") else node.value
        if node.style == "" and value in YAML_NULLS:
            # `say: null` (or `~`): YAML and every editor read no value here, not the word.
            if required:
                self.report(
                    node,
                    "empty-text",
                    f"{what} is `{value}`, which YAML reads as no value. Write the text, or "
                    "quote it if the word itself is meant.",
                )
                return None
            return ""
        if "\t" in value:
            self.report(
                node,
                "tab-in-text",
                f"{what} holds a tab character. Salesplay reads it, but many editors' YAML "
                "tools refuse tabs: replace it with spaces.",
                WARNING,
            )
        if required and not value.strip() and node.style == "" and self._comment_ate(node):
            return None
        if required and not value.strip():
            self.report(
                node,
                "empty-text",
                f"{what} is empty. Write it, or remove the key if it is optional.",
            )
            return None
        return value

    def _comment_ate(self, node: YNode) -> bool:
        """`say: #1 priority`: YAML read the text as a comment. Report that, at the `#`."""
        if self._lines is None:
            self._lines = split_lines(self.source)
        lines = self._lines
        if not 0 < node.line <= len(lines):
            return False
        line = lines[node.line - 1]
        start = node.col - 1
        rest = line[start:]
        if not rest.lstrip().startswith("#"):
            return False
        at = start + len(rest) - len(rest.lstrip())
        text = line[at:].rstrip().replace('"', '\\"')
        self.report(
            YNode(SCALAR, node.line, at + 1),
            "yaml-needs-quotes",
            "YAML reads a `#` after a space as the start of a comment, so this text came out "
            f'empty. Put the whole text in quotes, for example `"{text}"`.',
        )
        return True

    def required_prose(
        self, fields: dict, key: str, owner: YNode, where: str, what: str
    ) -> str | None:
        """Text that must be there and not be empty."""
        if key not in fields:
            self.required(fields, key, owner, where)
            return None
        return self.prose(fields, key, what)

    def prose(self, fields: dict, key: str, what: str) -> str | None:
        """Optional text that must not be empty when the key is present."""
        if key not in fields:
            return None
        node = fields[key][1]
        value = self.text(node, what)
        if value is not None:
            self._check_cut_comment(node, what)
        return value

    def _check_cut_comment(self, node: YNode, what: str) -> None:
        # A plain scalar ends at ` #`: the rest of the sentence silently became a comment.
        if node.style != "" or node.end_line == 0:
            return
        if self._lines is None:
            self._lines = split_lines(self.source)
        line = self._lines[node.end_line - 1] if node.end_line - 1 < len(self._lines) else ""
        if "#" not in line:  # most lines: no comment to have cut the text
            return
        rest = line[node.end_col - 1 :]
        if _CUT_COMMENT.match(rest):
            cut = rest.lstrip()
            self.report(
                node,
                "comment-cut-text",
                f"{what} stops before '{cut[:30]}': YAML reads ` #` as "
                "the start of a comment. Put the whole text in quotes if the `#` is part of it.",
                WARNING,
            )

    def integer(
        self, node: YNode | None, what: str, *, low: int = -MAX_INT, high: int = MAX_INT
    ) -> int | None:
        if node is None:
            return None
        if node.kind != SCALAR:
            self.report(
                node,
                "wrong-type",
                f"{what} should be a whole number, but this is {_describe(node)}.",
            )
            return None
        raw = node.value.strip()
        if INTEGER.match(raw) and len(raw) > 8:  # digits, but far outside any range
            self.report(
                node,
                "out-of-range",
                f"{what} is {shown(raw, 20)}, outside {low:,} to {high:,}. "
                "Pick a value in that range.",
            )
            return None
        if not INTEGER.match(raw):
            self.report(
                node,
                "bad-integer",
                f"{what} should be a whole number such as 3 or -2, but it is "
                f"'{shown(raw, 20)}'. Write digits only: no +, _, decimals, leading zeros or units.",
            )
            return None
        value = int(raw)
        if not low <= value <= high:
            self.report(
                node,
                "out-of-range",
                f"{what} is {value}, outside {low:,} to {high:,}. Pick a value in that range.",
            )
            return None
        return value

    def name(
        self, node: YNode | None, what: str, pattern=NAME, *, reserved: bool = True
    ) -> str | None:
        if node is not None and node.kind != SCALAR:
            inner = node.items[0] if node.kind == SEQUENCE and len(node.items) == 1 else None
            alone = (
                f" Write it alone, without brackets: `{inner.value}`."
                if inner is not None and inner.kind == SCALAR
                else " Write one name alone, without brackets or braces."
            )
            self.report(
                node,
                "wrong-type",
                f"{what} should be one name, but this is {_describe(node)}.{alone}",
            )
            return None
        value = self.text(node, what)
        if value is None:
            return None
        if not pattern.match(value):
            rule = {
                NAME: "lower-case letters, digits and _, starting with a letter",
                TAG: "lower-case letters, digits, _ and -, starting with a letter",
                SLUG: "lower-case letters, digits and -, starting with a letter or digit",
            }[pattern]
            fixed = (
                re.sub(r"[^a-z0-9_]+", "_", value.lower()).strip("_") if pattern is NAME else None
            )
            suggestion = f" For example '{fixed}'." if fixed and NAME.match(fixed) else ""
            self.report(node, "bad-name", f"{what} '{value}' must use {rule}.{suggestion}")
            return None
        if reserved and value in RESERVED:
            self.report(
                node,
                "reserved-name",
                f"{what} '{value}' is a word that conditions use "
                "(true, false, and, or, not, visited). Choose another name.",
            )
            return None
        return value

    def string_list(self, node: YNode | None, what: str) -> list[tuple[str, YNode]]:
        if node is None:
            return []
        if node.kind != SEQUENCE:
            example = node.value if node.kind == SCALAR and node.value else "a, b"
            self.report(
                node,
                "wrong-type",
                f"{what} should be a list, but this is {_describe(node)}. Write it as [{example}].",
            )
            return []
        out = []
        for item in node.items:
            value = self.text(item, f"An entry of {what}")
            if value is not None:
                out.append((value, item))
        return out

    # -- the scenario --------------------------------------------------------------------
    def _format(self, fmt_node: YNode | None) -> None:
        if fmt_node is None:
            return
        fmt = self.integer(fmt_node, "`format`")
        if fmt is not None and fmt not in SUPPORTED_FORMATS:
            self.report(
                fmt_node,
                "unsupported-format",
                f"Format {fmt} is not supported; this version "
                f"of Salesplay reads format {', '.join(map(str, SUPPORTED_FORMATS))}. Write "
                "`format: 1`.",
            )

    def _lang(self, lnode: YNode) -> str:
        lang_value = self.text(lnode, "`lang`")
        if lang_value is not None and not LANG.match(lang_value):
            self.report(
                lnode,
                "bad-value",
                f"`lang` '{lang_value}' is not a language tag. Use one such as en, de or pt-BR.",
            )
            return "en"
        return lang_value or "en"

    def _check_start(self, start: str, start_node, node_ids, nodes) -> None:
        if start not in node_ids:
            self.report(
                start_node,
                "unknown-node",
                f"`start` names node '{start}', which does not "
                f"exist.{did_you_mean(start, node_ids) or ' Add that node under nodes:.'}",
            )
        elif start in nodes and nodes[start].is_ending:
            self.report(
                start_node,
                "start-is-ending",
                f"`start` names '{start}', which is an ending. "
                "Start at a decision node with choices.",
            )

    def build(self, root: YNode, sha256: str) -> tuple[Scenario | None, str | None, str | None]:
        if root.kind != MAPPING:
            self.report(
                root,
                "not-a-scenario",
                f"A scenario file is a mapping of keys (format, id, title, "
                f"...), but this file holds {_describe(root)}. Start from `salesplay new`.",
            )
            return None, None, None
        top = self.mapping(root, TOP_KEYS, "the scenario")
        if not top:
            self.report(
                root,
                "not-a-scenario",
                "This file has none of a scenario's keys (format, id, "
                "title, summary, buyer, start, nodes). Start from `salesplay new`.",
            )
            return None, None, None
        self._format(self.required(top, "format", root, "A scenario"))
        id_node = self.required(top, "id", root, "A scenario")
        sid = self.name(id_node, "The scenario id", SLUG, reserved=False)
        if id_node is not None:
            self.id_pos = (id_node.line, id_node.col)
        title = self.required_prose(top, "title", root, "A scenario", "The title")
        summary = self.required_prose(top, "summary", root, "A scenario", "The summary")
        difficulty = 1
        if "difficulty" in top:
            difficulty = self.integer(top["difficulty"][1], "`difficulty`", low=1, high=3) or 1
        minutes = self.integer(top["minutes"][1], "`minutes`", low=1) if "minutes" in top else None
        lang = self._lang(top["lang"][1]) if "lang" in top else "en"
        tags = (
            tuple(v for v, _ in self.string_list(top["tags"][1], "`tags`")) if "tags" in top else ()
        )
        setting = self.word(top["setting"][1], "`setting`", SETTINGS) if "setting" in top else None
        author = self.prose(top, "author", "`author`")
        version = self.prose(top, "version", "`version`")
        self.prose(top, "notes", "`notes`")

        buyer = self.buyer(self.required(top, "buyer", root, "A scenario"))
        meters = self.meters(top["meters"][1]) if "meters" in top else {}
        rubric, rubric_nodes = (
            self.rubric(top["rubric"][1]) if "rubric" in top else (dict(DEFAULT_RUBRIC), {})
        )
        nodes_node = self.required(top, "nodes", root, "A scenario")
        start_node = self.required(top, "start", root, "A scenario")
        start = self.name(start_node, "`start`")

        raw_nodes = self.node_table(nodes_node)
        node_ids = set(raw_nodes)
        flags = self.collect_flags(raw_nodes)
        for flag, where in flags.items():
            if flag in meters:
                self.report(
                    where, "name-clash", f"'{flag}' is both a meter and a flag. Rename the flag."
                )
        self.check_meter_targets(meters, node_ids)

        nodes: dict[str, Node] = {}
        used_tags: set[str] = set()
        for nid, (key, body) in raw_nodes.items():
            built = self.node(nid, key, body, meters, flags, node_ids, rubric, used_tags)
            if built is not None:
                nodes[nid] = built
        if start is not None:
            self._check_start(start, start_node, node_ids, nodes)
        for tag, tnode in rubric_nodes.items():
            if tag not in used_tags:
                hint = did_you_mean(tag, used_tags | set(DEFAULT_RUBRIC))
                self.report(
                    tnode,
                    "unused-rubric-tag",
                    f"Rubric tag '{tag}' is not used by any choice; it "
                    f"may be a typo.{hint or ' Use it in a choice, or remove it.'}",
                    WARNING,
                )

        if has_errors(self.diags) or buyer is None or sid is None or start is None:
            return None, title, sid
        scenario = Scenario(
            id=sid,
            title=title or "",
            summary=summary or "",
            buyer=buyer,
            start=start,
            nodes=nodes,
            meters=meters,
            rubric=rubric,
            flags=tuple(sorted(flags)),
            difficulty=difficulty,
            minutes=minutes,
            lang=lang,
            tags=tags,
            setting=setting,
            author=author,
            version=version,
            format=1,
            path=self.path,
            sha256=sha256,
        )
        return scenario, title, sid

    def buyer(self, node: YNode | None) -> Buyer | None:
        if node is None:
            return None
        fields = self.mapping(node, BUYER_KEYS, "`buyer`")
        if node.kind != MAPPING:
            return None
        name = self.required_prose(fields, "name", node, "`buyer`", "The buyer's name")
        role = self.required_prose(fields, "role", node, "`buyer`", "The buyer's role")
        company = self.prose(fields, "company", "The buyer's company")
        self.prose(fields, "notes", "`notes`")
        portrait = portrait_text = None
        if "portrait" in fields:
            pnode = fields["portrait"][1]
            portrait_text = self.text(pnode, "`portrait`")
            if portrait_text is not None:
                portrait = self.portrait(pnode, portrait_text)
        look = self.look(fields["look"][1]) if "look" in fields else Look()
        if name is None or role is None:
            return None
        return Buyer(
            name=name,
            role=role,
            company=company,
            portrait=portrait,
            portrait_text=portrait_text,
            look=look,
        )

    def look(self, node: YNode) -> Look:
        fields = self.mapping(node, LOOK_KEYS, "`buyer.look`")
        self.prose(fields, "notes", "`notes`")
        chosen = {}
        for key, allowed in LOOK_VALUES.items():
            if key in fields:
                chosen[key] = self.word(fields[key][1], f"`look.{key}`", allowed)
        return Look(**chosen)

    def word(self, node: YNode, what: str, allowed: tuple[str, ...]) -> str | None:
        """Text that must be one of `allowed`; a near miss gets a suggestion."""
        value = self.text(node, what)
        if value is None:
            return None
        if value not in allowed:
            hint = did_you_mean(value.lower(), allowed)
            self.report(
                node,
                "bad-value",
                f"{what} '{shown(value, 30)}' is not one of the allowed words.{hint} "
                f"Allowed: {', '.join(allowed)}.",
            )
            return None
        return value

    def portrait(self, node: YNode, value: str) -> Path | None:
        folder = Path(os.path.abspath(os.path.dirname(self.path) or "."))
        raw = value.replace("\\", "/")
        if raw.startswith("/") or re.match(r"[A-Za-z]:", raw) or ".." in raw.split("/"):
            self.report(
                node,
                "portrait-outside",
                f"Portrait '{value}' points outside the scenario's "
                "folder. Put the image beside the scenario (or in a subfolder) and give a relative "
                "path such as portraits/dana.png.",
            )
            return None
        target = folder / raw
        try:
            resolved = target.resolve()
            inside = resolved.is_relative_to(folder.resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            self.report(
                node,
                "portrait-outside",
                f"Portrait '{value}' leads outside the scenario's folder "
                "(through a link). Copy the image into the folder.",
            )
            return None
        if not resolved.is_file() or not os.access(resolved, os.R_OK):
            self.report(
                node,
                "portrait-missing",
                f"Portrait '{value}' was not found or cannot be read, "
                "so the game will draw the buyer. Check the file name and its folder.",
                WARNING,
            )
            return None
        problem = image_problem(resolved)
        if problem:
            self.report(
                node,
                "portrait-missing",
                f"Portrait '{value}' {problem}, so the game will draw the buyer. "
                "Save the picture again as PNG or JPEG.",
                WARNING,
            )
            return None
        return resolved

    def keyed(
        self, node: YNode | None, where: str, what: str, pattern=NAME, reserved: bool = True
    ) -> dict[str, tuple[YNode, YNode]]:
        """A mapping keyed by names (meters, rubric tags, nodes): name -> (key, value).

        Skips `notes:`, checks each name's spelling and reports repeats, which YAML alone
        would silently collapse into the last one.
        """
        out: dict[str, tuple[YNode, YNode]] = {}
        if node is None:
            return out
        if node.kind != MAPPING:
            self.report(
                node,
                "wrong-type",
                f"{where} should be a mapping of names to values, but this is {_describe(node)}.",
            )
            return out
        for key, body in node.items:
            if _is_note(key, body):
                continue
            name = self.name(key, what, pattern, reserved=reserved)
            if name is None:
                continue
            if name in out:
                self.report(
                    key,
                    "duplicate-key",
                    f"{what} '{name}' appears twice in {where} (first on "
                    f"line {out[name][0].line}); YAML would keep only the last. Rename or merge them.",
                )
                continue
            out[name] = (key, body)
        return out

    def meters(self, node: YNode) -> dict[str, Meter]:
        out: dict[str, Meter] = {}
        for name, (key, body) in self.keyed(node, "`meters`", "Meter").items():
            fields = self.mapping(body, METER_KEYS, f"meter '{name}'")
            if body.kind != MAPPING:
                continue
            self._meter_fields[name] = fields
            nums = {}
            for k in ("start", "min", "max"):
                nums[k] = self.integer(
                    self.required(fields, k, body, f"Meter '{name}'"), f"`{k}` of meter '{name}'"
                )
            # A meter with a bad number still counts as declared, so that its uses are not
            # reported too: one error per mistake. The scenario has an error and is not played.
            if None not in nums.values() and not nums["min"] <= nums["start"] <= nums["max"]:
                self.report(
                    body,
                    "meter-range",
                    f"Meter '{name}' needs min <= start <= max, but has min "
                    f"{nums['min']}, start {nums['start']}, max {nums['max']}. Fix the three numbers.",
                )
            nums = {k: 0 if v is None else v for k, v in nums.items()}
            label = (
                self.prose(fields, "label", f"The label of meter '{name}'")
                or name.replace("_", " ").capitalize()
            )
            self.prose(fields, "notes", "`notes`")
            on_min = self.name(fields["on_min"][1], "`on_min`") if "on_min" in fields else None
            on_max = self.name(fields["on_max"][1], "`on_max`") if "on_max" in fields else None
            out[name] = Meter(
                name, nums["start"], nums["min"], nums["max"], label, on_min, on_max, self.loc(key)
            )
        return out

    def check_meter_targets(self, meters: dict[str, Meter], node_ids: set[str]) -> None:
        for name, meter in meters.items():
            fields = self._meter_fields[name]
            for key in ("on_min", "on_max"):
                target = getattr(meter, key)
                if target is not None and target not in node_ids:
                    self.report(
                        fields[key][1],
                        "unknown-node",
                        f"`{key}` of meter '{name}' names node "
                        f"'{target}', which does not exist."
                        f"{did_you_mean(target, node_ids) or ' Add that node under nodes:.'}",
                    )

    def rubric(self, node: YNode) -> tuple[dict[str, int], dict[str, YNode]]:
        rubric = dict(DEFAULT_RUBRIC)
        where: dict[str, YNode] = {}
        for tag, (key, value) in self.keyed(
            node, "`rubric`", "Rubric tag", TAG, reserved=False
        ).items():
            points = self.integer(value, f"The points for tag '{tag}'")
            if points is not None:
                rubric[tag] = points
                where[tag] = key
        return rubric, where

    def node_table(self, node: YNode | None) -> dict[str, tuple[YNode, YNode]]:
        out = self.keyed(node, "`nodes`", "Node")
        if node is not None and node.kind == MAPPING and not node.items:
            self.report(
                node, "missing-key", "`nodes` is empty. Add at least one decision and one ending."
            )
        return out

    def collect_flags(self, raw_nodes) -> dict[str, YNode]:
        flags: dict[str, YNode] = {}
        for _nid, (_key, body) in raw_nodes.items():
            if body.kind != MAPPING:
                continue
            for k, v in body.items:
                if k.kind != SCALAR or k.value != "choices" or v.kind != SEQUENCE:
                    continue
                for choice in v.items:
                    if choice.kind != MAPPING:
                        continue
                    for ck, cv in choice.items:
                        if ck.kind == SCALAR and ck.value in ("set", "clear") and cv.kind == SCALAR:
                            # `set: asked` (not a list) is reported where it stands; its flags
                            # still count as declared, so their uses are not reported again.
                            for word in re.split(r"[\s,\[\]]+", cv.value):
                                if NAME.match(word) and word not in RESERVED:
                                    flags.setdefault(word, cv)
                        if (
                            ck.kind == SCALAR
                            and ck.value in ("set", "clear")
                            and cv.kind == SEQUENCE
                        ):
                            for item in cv.items:
                                if (
                                    item.kind == SCALAR
                                    and NAME.match(item.value)
                                    and item.value not in RESERVED
                                ):
                                    flags.setdefault(item.value, item)
        return flags

    def _mood(self, mnode: YNode, nid: str) -> str:
        value = self.text(mnode, f"The mood of node '{nid}'")
        if value is not None and value not in MOODS:
            self.report(
                mnode,
                "bad-value",
                f"Mood '{value}' is not one of {', '.join(MOODS)}.{did_you_mean(value, MOODS)}",
            )
            return "neutral"
        return "neutral" if value is None else value

    def node(self, nid, key, body, meters, flags, node_ids, rubric, used_tags) -> Node | None:
        fields = self.mapping(body, NODE_KEYS, f"node '{nid}'")
        if body.kind != MAPPING:
            return None
        say = self.required_prose(
            fields, "say", body, f"Node '{nid}'", f"What the buyer says in node '{nid}'"
        )
        narration = self.prose(fields, "narration", f"The narration of node '{nid}'")
        self.prose(fields, "notes", "`notes`")
        mood = self._mood(fields["mood"][1], nid) if "mood" in fields else "neutral"
        has_choices, has_ending = "choices" in fields, "ending" in fields
        if has_choices and has_ending:
            self.report(
                fields["ending"][0],
                "node-both-kinds",
                f"Node '{nid}' has both `choices` and "
                "`ending`. A node is a decision or an ending: move the ending to its own node.",
            )
            return None
        if not has_choices and not has_ending:
            self.report(
                key,
                "node-no-kind",
                f"Node '{nid}' has neither `choices` nor `ending`. Give it "
                "choices for the rep, or an ending with a result and a title.",
            )
            return None
        time_limit = timeout = None
        if "time_limit" in fields:
            time_limit = self.integer(fields["time_limit"][1], "`time_limit`", low=1)
        if "timeout" in fields:
            tnode = fields["timeout"][1]
            timeout = self.name(tnode, "`timeout`")
            if timeout is not None and timeout not in node_ids:
                self.report(
                    tnode,
                    "unknown-node",
                    f"`timeout` names node '{timeout}', which does not exist."
                    f"{did_you_mean(timeout, node_ids) or ' Add that node under nodes:.'}",
                )
        if has_ending:
            for k in ("time_limit", "timeout"):
                if k in fields:
                    self.report(
                        fields[k][0],
                        "timer-on-ending",
                        f"Ending '{nid}' has `{k}`, but an ending has no timer. Remove it.",
                    )
            ending = self.ending(nid, fields["ending"][1])
            if ending is None or say is None:
                return None
            return Node(nid, say, mood, narration, (), None, None, ending, self.loc(key))
        if ("time_limit" in fields) != ("timeout" in fields):
            have, missing = (
                ("time_limit", "timeout") if "time_limit" in fields else ("timeout", "time_limit")
            )
            self.report(
                fields[have][0],
                "timer-pairing",
                f"Node '{nid}' has `{have}` without `{missing}`; each needs the other. "
                + (
                    "Add `timeout:` with the node to go to when time runs out"
                    if missing == "timeout"
                    else "Add `time_limit:` with the seconds allowed, such as `time_limit: 30`"
                )
                + f", or remove `{have}`.",
            )
        choices = self.choices(
            nid, fields["choices"][1], meters, flags, node_ids, rubric, used_tags
        )
        if choices is None or say is None:
            return None
        return Node(nid, say, mood, narration, choices, time_limit, timeout, None, self.loc(key))

    def ending(self, nid: str, node: YNode) -> Ending | None:
        fields = self.mapping(node, ENDING_KEYS, f"the ending of '{nid}'")
        if node.kind != MAPPING:
            return None
        rnode = self.required(fields, "result", node, f"The ending of '{nid}'")
        result = self.text(rnode, "`result`")
        if result is not None and result not in RESULTS:
            self.report(
                rnode,
                "bad-value",
                f"Result '{result}' is not one of won, lost, stalled."
                f"{did_you_mean(result, RESULTS)}",
            )
            result = None
        title = self.required_prose(
            fields, "title", node, f"The ending of '{nid}'", f"The ending title of '{nid}'"
        )
        points = self.integer(fields["points"][1], "`points`") if "points" in fields else 0
        debrief = self.prose(fields, "debrief", "`debrief`")
        self.prose(fields, "notes", "`notes`")
        if result is None or title is None or points is None:
            return None
        return Ending(result, title, points, debrief)

    def choices(
        self, nid, node, meters, flags, node_ids, rubric, used_tags
    ) -> tuple[Choice, ...] | None:
        if node.kind != SEQUENCE:
            self.report(
                node,
                "wrong-type",
                f"`choices` of node '{nid}' should be a list (each choice starts "
                f"with `- text:`), but this is {_describe(node)}.",
            )
            return None
        if not node.items:
            self.report(
                node,
                "no-choices",
                f"Node '{nid}' has an empty list of choices. Give the rep 1 to 6 "
                "things to say, or make the node an ending.",
            )
            return None
        if len(node.items) > 6:
            self.report(
                node.items[6],
                "too-many-choices",
                f"Node '{nid}' has {len(node.items)} choices; the "
                "most is 6 (one per number key). Split the decision or cut the weakest options.",
            )
        ids: dict[str, YNode] = {}
        out: list[Choice] = []
        ok = True
        for index, item in enumerate(node.items):
            choice = self.choice(nid, index, item, meters, flags, node_ids, rubric, used_tags, ids)
            if choice is None:
                ok = False
            else:
                out.append(choice)
        return tuple(out) if ok else None

    def _choice_id(self, fields, index: int) -> str:
        """The choice's own id, else its default c1, c2, ... (a reserved id is reported)."""
        cid = f"c{index + 1}"
        if "id" in fields:
            inode = fields["id"][1]
            given = self.name(inode, "Choice id")
            if given is not None:
                if given == TIMEOUT or DEFAULT_ID.match(given):
                    self.report(
                        inode,
                        "reserved-choice-id",
                        f"Choice id '{given}' is reserved ('timeout' "
                        "and c1, c2, ... name time-outs and choices without ids). Choose another id.",
                    )
                else:
                    cid = given
        return cid

    def _choice_tags(self, fields, rubric, used_tags: set[str]) -> list[str]:
        """The choice's rubric tags, each once; repeats and unknown tags are reported."""
        tags: list[str] = []
        for tag, tnode in self.string_list(
            fields["tags"][1] if "tags" in fields else None, "`tags`"
        ):
            if tag in tags:
                self.report(
                    tnode,
                    "duplicate-tag",
                    f"Tag '{tag}' is listed twice on this choice; a tag "
                    "counts once per choice. Remove the repeat.",
                )
                continue
            if tag not in rubric:
                hint = did_you_mean(tag, rubric)
                self.report(
                    tnode,
                    "unknown-tag",
                    f"Tag '{tag}' is not in the rubric.{hint or ''} "
                    f"{'' if hint else 'Use one of ' + ', '.join(rubric) + ', or add it under rubric:.'}".rstrip(),
                )
                continue
            tags.append(tag)
            used_tags.add(tag)
        return tags

    def _effects(self, enode, meters, where: str) -> list[tuple[str, int]]:
        """The choice's (meter, change) pairs in file order; unknown meters and zeros reported."""
        effects: list[tuple[str, int]] = []
        efields = {}
        if enode.kind == MAPPING:
            efields = self.mapping(enode, (), f"the effects of {where}", check_unknown=False)
        else:
            self.report(
                enode,
                "wrong-type",
                f"`effects` should map meters to changes, such as "
                f"{{trust: 10}}, but this is {_describe(enode)}.",
            )
        for mname, (mkey, mval) in efields.items():
            if _is_note(mkey, mval):
                continue
            if mname not in meters:
                hint = did_you_mean(mname, meters)
                declared = ", ".join(meters) if meters else "none are declared"
                self.report(
                    mkey,
                    "unknown-meter",
                    f"Effect on '{mname}', which is not a declared meter "
                    f"({declared}).{hint or ' Declare it under meters:.'}"
                    + ("" if hint else _comma_hint(enode, mname)),
                )
                continue
            change = self.integer(mval, f"The change to '{mname}'")
            if change == 0:
                self.report(
                    mval,
                    "zero-effect",
                    f"The change to '{mname}' is 0, so it does nothing. "
                    "Remove it, or give the change you meant.",
                    WARNING,
                )
            elif change is not None:
                effects.append((mname, change))
        return effects

    def _condition(self, cnode, meters, flags, node_ids) -> Condition | None:
        """The parsed `if:`; a condition error is reported at its column in the text."""
        source = self.text(cnode, "`if`")
        if source is None:
            return None
        try:
            return parse_condition(source, meters, flags, node_ids).replace(loc=self.loc(cnode))
        except ConditionError as exc:
            line, col = cnode.line, cnode.col
            if cnode.style in ("", "'", '"') and "\n" not in source:
                col += exc.offset + (1 if cnode.style else 0)
            self.error_count += 1
            self.diags.append(Diagnostic(self.path, line, col, ERROR, exc.code, exc.message))
            return None

    def choice(
        self, nid, index, node, meters, flags, node_ids, rubric, used_tags, ids
    ) -> Choice | None:
        where = f"choice {index + 1} of node '{nid}'"
        fields = self.mapping(node, CHOICE_KEYS, where, item="choice")
        if node.kind != MAPPING:
            return None
        errors_before = self.error_count
        cid = self._choice_id(fields, index)
        if cid in ids:
            self.report(
                fields["id"][1] if "id" in fields else node,
                "duplicate-choice-id",
                f"Choice id "
                f"'{cid}' is used twice in node '{nid}' (first on line {ids[cid].line}). Make it unique.",
            )
        ids.setdefault(cid, node)
        text = self.required_prose(fields, "text", node, where.capitalize(), f"The text of {where}")
        next_node = self.required(fields, "next", node, where.capitalize())
        target = self.name(next_node, "`next`")
        if target is not None and target not in node_ids:
            self.report(
                next_node,
                "unknown-node",
                f"{where.capitalize()} goes to node '{target}', which does "
                f"not exist.{did_you_mean(target, node_ids) or ' Add that node under nodes:.'}",
            )
        tags = self._choice_tags(fields, rubric, used_tags)
        points = self.integer(fields["points"][1], "`points`") if "points" in fields else None
        effects = self._effects(fields["effects"][1], meters, where) if "effects" in fields else []
        set_flags = self._flag_list(fields, "set")
        clear_flags = self._flag_list(fields, "clear")
        for flag in set(set_flags) & set(clear_flags):
            self.report(
                fields["clear"][1],
                "set-and-clear",
                f"Flag '{flag}' is both set and cleared by this "
                "choice, so it ends cleared. Keep only the one you mean.",
                WARNING,
            )
        condition = (
            self._condition(fields["if"][1], meters, flags, node_ids) if "if" in fields else None
        )
        feedback = self.prose(fields, "feedback", f"The feedback of {where}")
        examples = self._examples(fields, where)
        self.prose(fields, "notes", "`notes`")
        if self.error_count > errors_before or text is None or target is None:
            return None
        value = points if points is not None else sum(rubric[t] for t in tags)
        return Choice(
            cid,
            index,
            text,
            target,
            tuple(tags),
            points,
            value,
            tuple(effects),
            tuple(set_flags),
            tuple(clear_flags),
            condition,
            feedback,
            self.loc(node),
            examples,
        )

    def _examples(self, fields, where) -> tuple[str, ...]:
        """`examples`: other ways to say the choice, at most 12, each at most 300 characters."""
        if "examples" not in fields:
            return ()
        node = fields["examples"][1]
        items = self.string_list(node, "`examples`")
        if node.kind == SEQUENCE and len(node.items) > MAX_EXAMPLES:
            self.report(
                node.items[MAX_EXAMPLES],
                "too-many-examples",
                f"The `examples` of {where} list {len(node.items)} entries; at most "
                f"{MAX_EXAMPLES} are allowed. Keep the ones that sound most like your reps.",
            )
        out: list[str] = []
        for value, item in items:
            text = " ".join(value.split())
            if len(text) > MAX_EXAMPLE_LENGTH:
                self.report(
                    item,
                    "example-too-long",
                    f"An example of {where} is {len(text)} characters long; at most "
                    f"{MAX_EXAMPLE_LENGTH} are allowed. Say it the way a rep would, shorter.",
                )
            elif text not in out:
                out.append(text)
        return tuple(out)

    def _flag_list(self, fields, key) -> list[str]:
        out = []
        if key not in fields:
            return out
        node = fields[key][1]
        if node.kind != SEQUENCE:
            self.string_list(node, f"`{key}`")
            return out
        for item in node.items:
            flag = self.name(item, "Flag name")
            if flag is not None and flag not in out:
                out.append(flag)
        return out


_KEY_IN_TEXT = re.compile(r"^\s*([a-z_]+):(?:\s|$)")
_CUT_COMMENT = re.compile(r"[ \t]+#")  # what follows a plain text that a comment cut short


def _merged_entry(node: YNode) -> int | None:
    """Where a list entry written without its `- ` starts inside the entry above, or None.

    Every choice has `text`, so a second `text` key means two choices merged; the new one
    starts at that `text`, or at the `id` just before it.
    """
    seen_text = False
    for index, (key, _value) in enumerate(node.items):
        if key.kind == SCALAR and key.value == "text":
            if seen_text:
                before = node.items[index - 1][0]
                return index - 1 if before.kind == SCALAR and before.value == "id" else index
            seen_text = True
    return None


def _comma_hint(node: YNode, name: str) -> str:
    """Inside `{...}` a comma ends the text: a 'key' that reads like words came from text."""
    if not node.flow or NAME.match(name):
        return ""
    return (
        " Inside {...} a comma ends the text: if this belongs to the text before it, quote "
        "that text."
    )


def _is_note(key: YNode, value: YNode) -> bool:
    """`notes: text` may stand in any mapping, including those keyed by ids."""
    return key.kind == SCALAR and key.value == "notes" and value.kind == SCALAR


# The first bytes of the usual picture formats, by file ending; other endings are not sniffed.
IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".bmp": (b"BM",),
    ".webp": (b"RIFF",),
}


def image_problem(path: Path) -> str | None:
    """Why the picture at `path` cannot be shown ("is empty", ...), or None when it looks fine.

    Only the file's first bytes are read; a file whose ending names a common format must start
    the way that format does (a text file renamed to .png would otherwise pass unnoticed)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return "cannot be read"
    if not head:
        return "is an empty file"
    starts = IMAGE_SIGNATURES.get(path.suffix.lower())
    if starts and not head.startswith(starts):
        return f"is not a {path.suffix[1:].upper()} picture (its contents are something else)"
    if path.suffix.lower() == ".webp" and head[8:12] != b"WEBP":
        return "is not a WEBP picture (its contents are something else)"
    return None


def _describe(node: YNode) -> str:
    if node.kind == MAPPING:
        return "a mapping"
    if node.kind == SEQUENCE:
        return "a list"
    if node.value == "" and node.style == "":
        return "empty"
    return f"the value '{shown(node.value)}'"
