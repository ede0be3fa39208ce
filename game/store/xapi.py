"""xAPI statements for a Learning Record Store: what each player attempted, answered and achieved.

Per run: `attempted` the scenario; `answered` each decision (the choice, its points and tags);
once finished, `completed` and then `passed` (the deal was won) or `failed` (lost or stalled),
with the score scaled by the Leadership Index. Statement ids are derived from the run's own id,
so exporting twice gives the same statements and a Record Store files them only once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime

from game.store.records import Decision, RunRecord
from game.store.store import Store, player_name

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = ("attempted", "answered", "completed", "passed", "failed")
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
DEFAULT_BASE = (
    "https://salesplay.invalid"  # reserved name: set --base to your organisation's address
)
STATEMENT_NAMESPACE = uuid.UUID("5a1e5b1a-7e11-4a5e-9c0d-5a1e5b1a7e11")


def statements(
    store: Store, player: str | None = None, base: str = DEFAULT_BASE, typed: bool = False
) -> Iterator[dict]:
    """Every run's statements, oldest run first; `typed` adds what reps typed (recall mode)."""
    base = base.rstrip("/")
    sql = "SELECT r.id FROM runs r JOIN players p ON p.id = r.player_id"
    params: tuple = ()
    if player is not None:
        sql += " WHERE p.name = ?"
        params = (player_name(player),)
    for (run_id,) in store.query(sql + " ORDER BY r.started_at, r.id", params):
        record = store.run(run_id)
        if record is not None:
            yield from run_statements(record, store.decisions(run_id), base, typed)


def run_statements(
    run: RunRecord, decisions: list[Decision], base: str = DEFAULT_BASE, typed: bool = False
) -> list[dict]:
    scenario = activity(
        f"{base}/scenarios/{run.scenario_id}", run.title or run.scenario_id, SIMULATION
    )
    context = {
        "registration": run.uuid,
        "platform": "Salesplay",
        "extensions": {
            f"{base}/xapi/mode": run.mode,
            f"{base}/xapi/scenario-sha256": run.sha256,
        },
    }
    actor = agent(run.player, base)

    def statement(
        verb: str, key: str, obj: dict, when: str, result: dict | None = None, parent=False
    ):
        s = {
            "id": str(uuid.uuid5(STATEMENT_NAMESPACE, f"{run.uuid}/{key}")),
            "actor": actor,
            "verb": {"id": ADL + verb, "display": {"en-US": verb}},
            "object": obj,
            "timestamp": when,
            "context": dict(context, contextActivities={"parent": [scenario]})
            if parent
            else context,
        }
        if result is not None:
            s["result"] = result
        return s

    out = [statement("attempted", "attempted", scenario, run.started_at)]
    for d in decisions:
        decision = activity(
            f"{base}/scenarios/{run.scenario_id}/decisions/{d.node}",
            f"{run.title or run.scenario_id}: {d.node}",
            INTERACTION,
        )
        decision["definition"]["interactionType"] = "choice"
        result = {
            "response": d.choice,
            "score": {"raw": d.points},
            "extensions": {f"{base}/xapi/tags": list(d.tags)},
        }
        if typed and d.typed:  # the rep's own words leave the machine only when asked for
            result["extensions"][f"{base}/xapi/typed"] = d.typed
        out.append(statement("answered", f"answered/{d.seq}", decision, d.at, result, parent=True))
    if run.finished and run.ended_at:
        result = finished_result(run, base)
        out.append(statement("completed", "completed", scenario, run.ended_at, result))
        verdict = "passed" if run.result == "won" else "failed"
        out.append(statement(verdict, verdict, scenario, run.ended_at, result))
    return out


def finished_result(run: RunRecord, base: str) -> dict:
    """Score scaled by the Leadership Index (0-100 -> 0-1); raw is the game's own score."""
    score: dict = {"raw": run.score}
    if run.leadership is not None:
        score["scaled"] = round(run.leadership / 100, 2)
    result = {
        "score": score,
        "success": run.result == "won",
        "completion": True,
        "extensions": {
            f"{base}/xapi/tags": dict(run.tags),
            f"{base}/xapi/ending": run.ending,
            f"{base}/xapi/result": run.result,
        },
    }
    duration = iso_duration(run.started_at, run.ended_at)
    if duration:
        result["duration"] = duration
    return result


def agent(player: str, base: str) -> dict:
    """The player as an account on the organisation's Salesplay, named as they typed it."""
    return {"objectType": "Agent", "name": player, "account": {"homePage": base, "name": player}}


def activity(iri: str, name: str, kind: str) -> dict:
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"name": {"en-US": name}, "type": kind},
    }


def iso_duration(start: str, end: str | None) -> str | None:
    if not end:
        return None
    try:
        seconds = (_parse(end) - _parse(start)).total_seconds()
    except ValueError:
        return None
    return f"PT{max(0.0, seconds):.2f}S"


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
