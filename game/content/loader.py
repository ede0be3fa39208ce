"""Load scenario files: bytes -> located YAML tree -> checked, frozen `Scenario`.

Every problem becomes a `Diagnostic` with a file, line and column; all of a file's problems
are collected in one pass. The key decides how a value is read, so `say: 1999` is text and
`text: No` is the text "No": PyYAML's own typing is never applied.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from game.content.checker import ScenarioChecker
from game.content.diagnostics import ERROR, Diagnostic, has_errors, sorted_diagnostics
from game.content.model import Scenario
from game.content.yamltree import parse_tree, paused_gc

MAX_BYTES = 4 * 1024 * 1024  # a 5,000-node scenario is under 2 MiB; larger is refused unread
SCENARIO_SUFFIXES = (".yaml", ".yml")

# The content hash (a scenario version's key for scorecards and saved runs). CPython's own
# SHA-256 module, which `hashlib` falls back to, gives the same digest without loading OpenSSL
# (about a tenth of `validate`'s imports); `hashlib` stays the fallback where it is missing.
try:
    from _sha256 import sha256 as _sha256  # CPython 3.11
except ImportError:
    try:
        from _sha2 import sha256 as _sha256  # CPython 3.12+
    except ImportError:
        from hashlib import sha256 as _sha256


@dataclass
class LoadResult:
    """One file's outcome: the scenario (None when it has errors) and every diagnostic."""

    path: str
    scenario: Scenario | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    title: str | None = None  # best-effort, so a menu can name a broken file
    id: str | None = None
    id_line: int = 1
    id_col: int = 1

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not has_errors(self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]


def _decode(data: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, Diagnostic(
            path,
            line,
            col,
            ERROR,
            "not-utf8",
            f"Byte 0x{data[exc.start]:02X} is not "
            'UTF-8 text. Save the file as UTF-8 in your editor ("Save with encoding").',
        )


def _too_large(path: str, size: int) -> Diagnostic:
    return Diagnostic(
        path,
        1,
        1,
        ERROR,
        "file-too-large",
        f"The file is {size / 1048576:.1f} MiB ({size:,} bytes); scenarios are limited to "
        f"{MAX_BYTES // 1048576} MiB. Split it into smaller scenarios.",
    )


def load_text(
    data: bytes | str, path: str = "<scenario>", *, size: int | None = None
) -> LoadResult:
    """Check and build a scenario from a file's contents (`size`: the whole file's, when
    only its first bytes were read)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    result = LoadResult(path)
    if len(raw) > MAX_BYTES:
        result.diagnostics.append(_too_large(path, max(len(raw), size or 0)))
        return result
    text, problem = (data, None) if isinstance(data, str) else _decode(raw, path)
    if problem is not None:
        result.diagnostics.append(problem)
        return result
    text = text.removeprefix("\ufeff")
    with paused_gc():
        return _check_text(raw, text, path, result)


def _check_text(raw: bytes, text: str, path: str, result: LoadResult) -> LoadResult:
    root, diags = parse_tree(text, path)
    result.diagnostics.extend(diags)
    if root is None:
        if not diags:
            result.diagnostics.append(
                Diagnostic(
                    path,
                    1,
                    1,
                    ERROR,
                    "empty-file",
                    "The file has no scenario "
                    "in it (it is empty or only comments). Start from "
                    '`salesplay new "Title"`.',
                )
            )
        return result
    checker = ScenarioChecker(path, text)
    checker.already_reported(diags)
    scenario, title, sid = checker.build(root, _sha256(raw).hexdigest())
    result.diagnostics.extend(checker.diags)
    result.title, result.id = title, sid
    result.id_line, result.id_col = checker.id_pos
    if not has_errors(result.diagnostics):
        result.scenario = scenario
    result.diagnostics = sorted_diagnostics(result.diagnostics)
    return result


def load_scenario(path: str | os.PathLike) -> LoadResult:
    """Read and check one file. An unreadable file gives a `file-unreadable` diagnostic."""
    path = os.fspath(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
            size = os.fstat(fh.fileno()).st_size if len(data) > MAX_BYTES else None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return LoadResult(
            path,
            diagnostics=[
                Diagnostic(
                    path,
                    1,
                    1,
                    ERROR,
                    "file-unreadable",
                    f"Cannot read this file: {reason}. Check the path and its permissions.",
                )
            ],
        )
    return load_text(data, path, size=size)


def find_scenario_files(folder: str) -> list[str]:
    """*.yaml and *.yml below `folder`, skipping names that start with a dot, in sorted order.

    The ending is matched in any case (`Deal.YAML` too), as it is on the file systems of
    Windows and macOS, so a folder finds the same files on every machine."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SCENARIO_SUFFIXES) and not name.startswith("."):
                found.append(os.path.join(root, name))
    return found


def load_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[LoadResult], list[str]]:
    """Load files and folders together; ids must be unique among them.

    Returns the results and the paths that could not be read at all (missing, or neither file
    nor folder); those also get a `file-unreadable` result so callers can list them.
    """
    results: list[LoadResult] = []
    missing: list[str] = []
    seen: set[str] = set()

    def load(f: str) -> None:
        # One file named twice (a folder and a file in it, or through a link) is checked
        # once: otherwise its id would clash with itself.
        real = os.path.realpath(f)
        if real in seen:
            return
        seen.add(real)
        result = load_scenario(f)
        if _unreadable(result):  # a path that cannot be read, even inside a folder
            missing.append(f)
        results.append(result)

    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            for f in find_scenario_files(p):
                load(f)
        elif os.path.lexists(p):  # a broken link or a link loop: open() names the reason
            load(p)
        else:
            missing.append(p)
            results.append(
                LoadResult(
                    p,
                    diagnostics=[
                        Diagnostic(
                            p,
                            1,
                            1,
                            ERROR,
                            "file-unreadable",
                            "No such file or folder. Check the path.",
                        )
                    ],
                )
            )
    _check_unique_ids(results)
    return results, missing


def _unreadable(result: LoadResult) -> bool:
    return any(d.code == "file-unreadable" for d in result.diagnostics)


def _check_unique_ids(results: list[LoadResult]) -> None:
    first: dict[str, LoadResult] = {}
    for r in results:
        sid = r.scenario.id if r.scenario else r.id
        if not sid:
            continue
        if sid in first:
            other = first[sid].path
            r.diagnostics.append(
                Diagnostic(
                    r.path,
                    r.id_line,
                    r.id_col,
                    ERROR,
                    "duplicate-scenario-id",
                    f"Scenario id '{sid}' is also used by {other}. Give each scenario its own id.",
                )
            )
            r.diagnostics = sorted_diagnostics(r.diagnostics)
            r.scenario = None
        else:
            first[sid] = r
