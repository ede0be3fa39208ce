"""YAML text -> a tree of located values, built from the parser's events.

Working from events (not PyYAML's composer or constructor) lets us keep every key's and
value's line and column, refuse anchors, aliases, tags and merge keys before they do
anything, stop at a nesting limit without recursion, and leave typing to the keys.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager

import yaml

from game.content.diagnostics import ERROR, Diagnostic

try:  # libyaml when present: several times faster than the pure-Python parser
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 32  # a scenario needs about 7 levels; 10,000 `[` must not reach the interpreter stack
SCALAR, MAPPING, SEQUENCE = "scalar", "mapping", "sequence"
_BREAKS = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")


class YNode:
    """A located YAML value. Mappings keep (key, value) pairs in file order, duplicates too.

    A plain class with slots rather than a dataclass: a large file makes tens of thousands.
    """

    __slots__ = ("kind", "line", "col", "value", "style", "items", "flow", "end_line", "end_col")

    def __init__(
        self,
        kind: str,
        line: int,
        col: int,
        value: str | None = None,
        style: str | None = None,
        items=(),
        flow: bool = False,
        end_line: int = 0,
        end_col: int = 0,
    ):
        self.kind = kind
        self.line = line  # 1-based
        self.col = col  # 1-based
        self.value = value  # scalars: the text exactly as written
        self.style = style  # scalars: '' plain, "'" or '"' quoted, '|' or '>' block
        self.items = items  # sequences: [YNode]; mappings: [(key YNode, value YNode)]
        self.flow = flow  # mappings and sequences written as {...} / [...]
        self.end_line = end_line
        self.end_col = end_col

    def __repr__(self) -> str:
        return f"YNode({self.kind}, {self.line}:{self.col}, {self.value!r})"

    @property
    def is_plain_empty(self) -> bool:
        return self.kind == SCALAR and self.style == "" and self.value == ""


def _diag(path, line, col, code, message) -> Diagnostic:
    return Diagnostic(path, max(1, line), max(1, col), ERROR, code, message)


def _mark(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _reader_position(text: str, exc: yaml.reader.ReaderError) -> tuple[int, int]:
    before = text[: exc.position]
    line = len(_BREAKS.findall(before)) + 1
    last = max(before.rfind("\n"), before.rfind("\r"))
    return line, exc.position - last


def _second_document(event, path: str) -> Diagnostic:
    line, col = _mark(event)
    return _diag(
        path,
        line,
        col,
        "yaml-multiple-documents",
        "This file holds more than one YAML document (a second one starts here). "
        "A scenario is one document: remove the `---` and what follows, "
        "or move it to its own file.",
    )


def _merge_key(node: YNode, path: str) -> Diagnostic:
    return _diag(
        path,
        node.line,
        node.col,
        "yaml-merge-key",
        "Merge keys (`<<`) are not supported. Write the keys out in full.",
    )


def _collection(event, kind, path: str, diags: list[Diagnostic], depth: int) -> YNode | None:
    """The node a mapping or sequence opens; None (reported) when the file nests too deep."""
    line, col = _mark(event)
    if event.anchor is not None or event.tag is not None:
        _check_decorations(event, path, diags)
    if depth >= MAX_DEPTH:
        diags.append(
            _diag(
                path,
                line,
                col,
                "yaml-too-deep",
                f"The file nests deeper than {MAX_DEPTH} levels here. A scenario needs "
                "about seven; check the indentation or the brackets.",
            )
        )
        return None
    return YNode(
        MAPPING if kind is yaml.MappingStartEvent else SEQUENCE,
        line,
        col,
        None,
        None,
        [],
        bool(event.flow_style),
    )


def _alias(event, path: str, diags: list[Diagnostic]) -> YNode:
    line, col = _mark(event)
    diags.append(
        _diag(
            path,
            line,
            col,
            "yaml-alias",
            f"Alias '*{event.anchor}' repeats another part of the file; scenarios do "
            "not use anchors or aliases. Write the value out in full here; if this is text "
            "that starts with `*`, put the whole text in quotes.",
        )
    )
    return YNode(SCALAR, line, col, value="", style="")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str) -> Diagnostic:
    from game.content.yamlhelp import explain  # only a file with a syntax error needs it

    told = explain(exc, text)
    if told is not None:
        return _diag(path, told.line, told.col, told.code, told.message)
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "it could not be read"
    context = f" ({exc.context})" if exc.context else ""
    return _diag(
        path,
        line,
        col,
        "yaml-syntax",
        f"This is not valid YAML: {problem}{context}. Check the indentation, quotes and "
        "colons on this line and the one before it.",
    )


def _bad_character(exc: yaml.reader.ReaderError, text: str, path: str) -> Diagnostic:
    line, col = _reader_position(text, exc)
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return _diag(
        path,
        line,
        col,
        "yaml-bad-character",
        f"Character U+{char:04X} is not allowed in YAML (a control character, often "
        "pasted from another program). Delete it or retype the text around it.",
    )


def parse_tree(text: str, path: str) -> tuple[YNode | None, list[Diagnostic]]:
    """Parse one YAML document into YNodes. Problems come back as diagnostics, never raised."""
    diags: list[Diagnostic] = []
    try:
        root = _build(_Loader(text), path, diags)
    except yaml.MarkedYAMLError as exc:
        diags.append(_syntax_error(exc, text, path))
        return None, diags
    except yaml.reader.ReaderError as exc:
        diags.append(_bad_character(exc, text, path))
        return None, diags
    except yaml.YAMLError as exc:  # any other parser complaint, still as a diagnostic
        diags.append(
            _diag(
                path, 1, 1, "yaml-syntax", f"This is not valid YAML: {exc}. Fix the file's syntax."
            )
        )
        return None, diags
    return root, diags


def _build(loader, path: str, diags: list[Diagnostic]) -> YNode | None:
    """The tree of the stream's first document (None when it nests too deep).

    This loop runs once per YAML event (tens of thousands for a large file), so the open
    container lives in local variables: its list of items, whether it is a sequence, and
    (in a mapping) the key awaiting its value. `frames` keeps the enclosing ones. Scalars
    and closing events are handled here; the rarer events in `_Events.other`.
    """
    scalar_event = yaml.ScalarEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    other = _Events(path, diags).other
    new, ynode = object.__new__, YNode
    root: YNode | None = None
    frames: list[tuple] = []
    container: YNode | None = None
    items: list | None = None  # None: no container is open, the next node is the root
    in_sequence = False
    key: YNode | None = None
    get = loader.get_event
    try:
        while True:
            event = get()
            kind = type(event)
            if kind is scalar_event:
                # YNode(SCALAR, ...) without the call: the attributes set in place
                node = new(ynode)
                node.kind = SCALAR
                node.items = ()
                node.flow = False
                mark = event.start_mark
                node.line = mark.line + 1
                node.col = mark.column + 1
                mark = event.end_mark
                node.end_line = mark.line + 1
                node.end_col = mark.column + 1
                node.value = event.value
                node.style = event.style or ""
                if event.anchor is not None or event.tag is not None:
                    _check_decorations(event, path, diags)
            elif kind is mapping_end or kind is sequence_end:
                mark = event.start_mark
                container.end_line, container.end_col = mark.line + 1, mark.column + 1
                container, items, in_sequence, key = frames.pop()
                continue
            else:
                node = other(event, kind, len(frames))
                if node is None:
                    continue
            if items is None:
                root = node
            elif in_sequence:
                items.append(node)
            elif key is None:
                if node.value == "<<":
                    _check_merge_key(node, path, diags)
                key = node
            else:
                items.append((key, node))
                key = None
            if node.kind != SCALAR:  # a mapping or sequence opens
                frames.append((container, items, in_sequence, key))
                container, items, in_sequence, key = node, node.items, node.kind == SEQUENCE, None
    except _Stop as stop:
        return root if stop.keep_root else None
    finally:
        loader.dispose()


class _Stop(Exception):
    """The end of what is read: the stream's end, a second document, or too deep a nesting."""

    def __init__(self, keep_root: bool):
        super().__init__()
        self.keep_root = keep_root


class _Events:
    """The events other than scalars and closings: each gives a node to add, or None."""

    def __init__(self, path: str, diags: list[Diagnostic]):
        self.path = path
        self.diags = diags
        self.documents = 0

    def other(self, event, kind, depth: int) -> YNode | None:
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            node = _collection(event, kind, self.path, self.diags, depth)
            if node is None:
                raise _Stop(False)
            return node
        if kind is yaml.AliasEvent:
            return _alias(event, self.path, self.diags)
        if kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.diags.append(_second_document(event, self.path))
                raise _Stop(True)
        elif kind is yaml.StreamEndEvent or event is None:
            raise _Stop(True)
        return None  # stream start, the first document's start, document end


def _check_merge_key(node: YNode, path: str, diags: list[Diagnostic]) -> None:
    """A key `<<` written plainly would merge another mapping in."""
    if node.style == "":
        diags.append(_merge_key(node, path))


def _check_decorations(event, path: str, diags: list[Diagnostic]) -> None:
    line, col = _mark(event)
    if event.anchor is not None:
        diags.append(
            _diag(
                path,
                line,
                col,
                "yaml-anchor",
                f"Anchor '&{event.anchor}' is not supported in scenarios. Remove it and write "
                "repeated values out in full.",
            )
        )
    if event.tag is not None:
        diags.append(
            _diag(
                path,
                line,
                col,
                "yaml-tag",
                f"Explicit tag '{event.tag}' is not supported: the key decides how a value is "
                "read. Remove the tag; if this is text that starts with `!`, put the whole text "
                "in quotes.",
            )
        )


def split_lines(text: str) -> list[str]:
    """Lines as the YAML parser counts them (for looking at what follows a value)."""
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return _BREAKS.split(text)
    return text.split("\n")  # the same lines, several times faster than the pattern


@contextmanager
def paused_gc():
    """Pause the cyclic collector while building many small objects that form no cycles.

    Loading a large scenario allocates tens of thousands of nodes; without this, the
    collector's repeated full passes cost more than the parsing itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
