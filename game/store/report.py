"""Per player and scenario: attempts, best, last and average score, for trainers and managers."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

from game.engine.workshop import csv_safe
from game.store.rounds import rounds
from game.store.store import Store, player_name


@dataclass(frozen=True, slots=True)
class ReportRow:
    player: str
    scenario: str  # scenario id
    title: str
    attempts: int  # finished runs
    best: int
    last: int
    average: float  # one decimal
    best_index: int | None  # Leadership Index, when the scenario's range is known
    last_index: int | None
    last_played: str  # ISO 8601, UTC
    mode: str = "practice"  # practice | assessment | workshop (then `player` is a team)


COLUMNS = (
    "player",
    "scenario",
    "attempts",
    "best",
    "last",
    "average",
    "best_index",
    "last_index",
    "last_played",
    "mode",
)
HEADINGS = (
    "Player",
    "Scenario",
    "Mode",
    "Attempts",
    "Best",
    "Last",
    "Average",
    "Best LI",
    "Last LI",
    "Last played",
)


def summarize(store: Store, player: str | None = None) -> list[ReportRow]:
    """One row per player, scenario and mode with a finished attempt; teams of finished
    workshop rounds appear as players in mode `workshop`. Sorted by player, then title."""
    sql = (
        "SELECT p.name, r.scenario_id, r.score, r.leadership, r.ended_at, r.mode"
        " FROM runs r JOIN players p ON p.id = r.player_id WHERE r.ending IS NOT NULL"
    )
    params: tuple = ()
    if player is not None:
        sql += " AND p.name = ?"
        params = (player_name(player),)
    rows = store.query(sql + " ORDER BY r.ended_at, r.id", params)
    titles = dict(store.query("SELECT scenario_id, title FROM scenarios ORDER BY rowid"))

    groups: dict[tuple[str, str, str], list] = {}
    for name, scenario_id, score, index, ended_at, mode in rows:
        groups.setdefault((name, scenario_id, mode), []).append((score, index, ended_at))
    for saved in rounds(store, finished_only=True):
        for team, score in zip(saved.teams, saved.scores, strict=False):
            if player is None or player_name(team) == player_name(player):
                key = (team, saved.scenario_id, "workshop")
                groups.setdefault(key, []).append((score, None, saved.ended_at or ""))
    out = []
    for (name, scenario_id, mode), runs in groups.items():
        runs.sort(key=lambda r: r[2])
        scores = [s for s, _, _ in runs]
        indexes = [i for _, i, _ in runs if i is not None]
        out.append(
            ReportRow(
                player=name,
                scenario=scenario_id,
                title=titles.get(scenario_id, scenario_id),
                attempts=len(runs),
                best=max(scores),
                last=scores[-1],
                average=round(sum(scores) / len(scores), 1),
                best_index=max(indexes) if indexes else None,
                last_index=runs[-1][1],
                last_played=runs[-1][2],
                mode=mode,
            )
        )
    order = {m: n for n, m in enumerate(("practice", "assessment", "workshop"))}
    out.sort(
        key=lambda r: (r.player.casefold(), r.title.casefold(), r.scenario, order.get(r.mode, 9))
    )
    return out


def as_json(rows: list[ReportRow]) -> str:
    return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2)


def as_csv(rows: list[ReportRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("player", "scenario", "title", *COLUMNS[2:]))
    for r in rows:
        writer.writerow(
            [csv_safe(r.player), csv_safe(r.scenario), csv_safe(r.title)]
            + [_cell(getattr(r, c)) for c in COLUMNS[2:]]
        )
    return buffer.getvalue()


def as_table(rows: list[ReportRow]) -> str:
    """Aligned columns for people; the title stands in for the scenario id."""
    body = [
        [
            r.player,
            r.title,
            r.mode,
            str(r.attempts),
            str(r.best),
            str(r.last),
            f"{r.average:.1f}",
            _cell(r.best_index),
            _cell(r.last_index),
            r.last_played[:16].replace("T", " "),
        ]
        for r in rows
    ]
    widths = [max(len(h), *(len(line[i]) for line in body)) for i, h in enumerate(HEADINGS)]
    numeric = {3, 4, 5, 6, 7, 8}

    def line(cells):
        return "  ".join(
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(HEADINGS), line(["-" * w for w in widths]), *map(line, body)]) + "\n"


def _cell(value) -> str:
    return "" if value is None else str(value)
