"""What the store hands back: plain frozen records, no connection attached.

Named tuples, not frozen dataclasses: a frozen, slotted dataclass takes some 1.5 ms to make
at import, and the window's first frame imports the store (its best scores and saved runs).
"""

from __future__ import annotations

import importlib
from typing import NamedTuple


def loads(text: str):
    """A value the file keeps as JSON text (a run's choices and tags, a setting).

    json is imported with the first such value read or written, not with the store: a first
    start has none yet, and the import (compiling its patterns) took some 2 ms of the window's
    first frame."""
    return importlib.import_module("json").loads(text)


def dumps(value, **options) -> str:
    """`value` as the JSON text the file keeps (json imported when first needed: `loads`)."""
    return importlib.import_module("json").dumps(value, **options)


class RunRecord(NamedTuple):
    """One run of one scenario by one player, finished or not."""

    run_id: int
    player: str
    scenario_id: str
    sha256: str
    mode: str  # practice | assessment | workshop
    started_at: str  # ISO 8601, UTC
    ended_at: str | None
    choices: list[str]  # choice ids or "timeout", in order; replays the run
    score: int
    ending: str | None
    result: str | None  # won | lost | stalled
    tags: dict[str, int]  # no default: a tuple's default would be one dict for every record
    node: str = ""  # where the run stands (the ending once finished)
    title: str = ""  # the scenario's title when the run was played
    updated_at: str = ""  # time of the last saved decision
    leadership: int | None = None  # Leadership Index 0-100 of a finished run, when known
    uuid: str = ""  # stable id across exports (the xAPI registration)
    seed: int = 0  # the attempt's choice-order seed: resume and replay show the same order
    replay_of: int | None = None  # the attempt this one replayed, sharing its first decisions
    shared: int = 0  # how many first decisions it shares with `replay_of`

    @property
    def finished(self) -> bool:
        return self.ending is not None


class Decision(NamedTuple):
    """One saved decision of a run, with the time it was taken."""

    seq: int  # 1-based
    at: str
    node: str
    choice: str
    index: int | None
    points: int
    tags: tuple[str, ...]
    target: str
    typed: str | None = None  # what the rep typed, when the choice was typed (recall mode)


RUN_COLUMNS = (
    "r.id, p.name, r.scenario_id, r.sha256, r.mode, r.started_at, r.ended_at, r.choices,"
    " r.score, r.ending, r.result, r.tags, r.node, coalesce(s.title, r.scenario_id),"
    " r.updated_at, r.leadership, r.uuid, coalesce(r.seed, 0), r.replay_of, r.shared"
)
RUN_FROM = (
    "runs r JOIN players p ON p.id = r.player_id LEFT JOIN scenarios s ON s.sha256 = r.sha256"
)


def run_from_row(row) -> RunRecord:
    return RunRecord(
        run_id=row[0],
        player=row[1],
        scenario_id=row[2],
        sha256=row[3],
        mode=row[4],
        started_at=row[5],
        ended_at=row[6],
        choices=loads(row[7]),
        score=row[8],
        ending=row[9],
        result=row[10],
        tags=loads(row[11]),
        node=row[12],
        title=row[13],
        updated_at=row[14],
        leadership=row[15],
        uuid=row[16],
        seed=row[17],
        replay_of=row[18],
        shared=row[19],
    )


def decision_from_row(row) -> Decision:
    return Decision(
        row[0], row[1], row[2], row[3], row[4], row[5], tuple(loads(row[6])), row[7], row[8]
    )
