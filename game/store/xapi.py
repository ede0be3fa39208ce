"""xAPI statements for a Learning Record Store: what each player attempted, answered and achieved.

Per attempt: `attempted` the scenario; `answered` each decision (the choice, its points and
tags; the interaction lists the node's choices); once finished, `completed` and then `passed`
(the deal was won) or `failed` (lost or stalled), with the score scaled by the Leadership
Index. A time-out is an `answered` whose response is `timeout` with the extension
`.../xapi/timed-out`. A workshop round gives the same statements for each team, with the team
as an xAPI `Group` (identified by an account on the base address) and the team's own vote as
its answer.

Statement ids are derived from the base IRI and the run's own id, so exporting twice gives the
same statements (a Record Store files them once), and another base gives other ids. All
statements come in time order.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from game.content.model import TIMEOUT
from game.errors import UsageError
from game.store.records import RUN_COLUMNS, RUN_FROM, decision_from_row, run_from_row
from game.store.rounds import RoundRecord, rounds
from game.store.store import Store, player_name

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = ("attempted", "answered", "completed", "passed", "failed")
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
DEFAULT_BASE = (
    "https://salesplay.invalid"  # reserved name: set --base to your organisation's address
)
STATEMENT_NAMESPACE = uuid.UUID("5a1e5b1a-7e11-4a5e-9c0d-5a1e5b1a7e11")
NAMESPACE_BYTES = STATEMENT_NAMESPACE.bytes
NOT_IN_IRI = re.compile(r"[\s<>\"{}|\\^`]")


def check_base(text: str) -> str:
    """The base as an absolute http(s) IRI without a trailing slash, or UsageError saying why."""
    base = text.strip()
    parts = urlsplit(base)
    why = ""
    if NOT_IN_IRI.search(base):
        why = "it holds a space or a character an IRI cannot have"
    elif parts.scheme not in ("http", "https"):
        why = "it must start with https:// or http://"
    elif not parts.netloc or not parts.hostname:
        why = "it names no host after the //"
    elif parts.query or parts.fragment:
        why = "it must not have a ? query or a # fragment"
    if why:
        raise UsageError(
            f"--base must be an absolute web address such as https://learning.example.com, "
            f"not '{text}': {why}."
        )
    return base.rstrip("/")  # the host is there, so the // stays


def statements(
    store: Store, player: str | None = None, base: str = DEFAULT_BASE, typed: bool = False
) -> list[dict]:
    """Every attempt's and workshop round's statements, in time order; `typed` adds what reps
    typed (recall mode)."""
    base = check_base(base)
    sql = f"SELECT {RUN_COLUMNS} FROM {RUN_FROM}"
    params: tuple = ()
    if player is not None:
        sql += " WHERE p.name = ?"
        params = (player_name(player),)
    runs = [run_from_row(r) for r in store.query(sql + " ORDER BY r.started_at, r.id", params)]
    decisions: dict[int, list] = {}
    for row in store.query(
        "SELECT run_id, seq, at, node, choice, choice_index, points, tags, target, typed"
        " FROM decisions ORDER BY run_id, seq"
    ):
        decisions.setdefault(row[0], []).append(decision_from_row(row[1:]))
    book = Interactions(store, base)
    out: list[dict] = []
    for run in runs:
        out.extend(run_statements(run, decisions.get(run.run_id, []), base, book, typed))
    for saved in rounds(store):
        for team, name in enumerate(saved.teams):
            if player is None or player_name(name) == player_name(player):
                out.extend(round_statements(saved, team, base, book))
    out.sort(key=lambda s: s["timestamp"])  # stable: a run's own order holds within a time
    return out


class Interactions:
    """The activity of each decision node, with its choices, built once per scenario version."""

    def __init__(self, store: Store, base: str):
        self.base = base
        self.choices = {
            sha: json.loads(text)
            for sha, text in store.query("SELECT sha256, choices FROM scenarios")
            if text
        }
        self._made: dict[tuple[str, str], dict] = {}

    def scenario(self, scenario_id: str, title: str) -> dict:
        key = ("", scenario_id)
        if key not in self._made:
            self._made[key] = activity(
                f"{self.base}/scenarios/{scenario_id}", title or scenario_id, SIMULATION
            )
        return self._made[key]

    def decision(self, sha256: str, scenario_id: str, title: str, node: str) -> dict:
        key = (sha256, node)
        if key not in self._made:
            obj = activity(
                f"{self.base}/scenarios/{scenario_id}/decisions/{node}",
                f"{title or scenario_id}: {node}",
                INTERACTION,
            )
            obj["definition"]["interactionType"] = "choice"
            listed = self.choices.get(sha256, {}).get(node)
            if listed:
                obj["definition"]["choices"] = [
                    {"id": cid, "description": {"en-US": text}} for cid, text in listed
                ]
            self._made[key] = obj
        return self._made[key]


def _statement_id(base: str, registration: str, key: str) -> str:
    """uuid5(STATEMENT_NAMESPACE, base + run + key), written out directly (it is hot here)."""
    digest = bytearray(
        hashlib.sha1(NAMESPACE_BYTES + f"{base}\n{registration}\n{key}".encode()).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


VERB = {name: {"id": ADL + name, "display": {"en-US": name}} for name in VERBS}


def _statement(sid, actor, verb, obj, when, context, result=None) -> dict:
    s = {
        "id": sid,
        "actor": actor,
        "verb": VERB[verb],
        "object": obj,
        "timestamp": when,
        "context": context,
    }
    if result is not None:
        s["result"] = result
    return s


@lru_cache(maxsize=8)
def _keys(base: str) -> tuple[str, ...]:
    """The extension keys under one base, made once per export."""
    return tuple(
        f"{base}/xapi/{k}"
        for k in ("mode", "scenario-sha256", "tags", "timed-out", "typed", "round", "path-taken")
    )


def run_statements(
    run, decisions, base: str = DEFAULT_BASE, book=None, typed: bool = False
) -> list[dict]:
    book = book or _NoChoices(base)
    mode_key, sha_key, tags_key, timed_out_key, typed_key, _, _ = _keys(base)
    scenario = book.scenario(run.scenario_id, run.title)
    context = {
        "registration": run.uuid,
        "platform": "Salesplay",
        "extensions": {mode_key: run.mode, sha_key: run.sha256},
    }
    nested = dict(context, contextActivities={"parent": [scenario]})
    actor = agent(run.player, base)
    registration = run.uuid
    answered = VERB["answered"]

    def statement(verb, key, obj, when, result=None):
        sid = _statement_id(base, registration, key)
        return _statement(sid, actor, verb, obj, when, context, result)

    out = [statement("attempted", "attempted", scenario, run.started_at)]
    last = run.started_at
    for d in decisions:
        extensions = {tags_key: list(d.tags)}
        if d.choice == TIMEOUT:
            extensions[timed_out_key] = True
        if typed and d.typed:  # the rep's own words leave the machine only when asked for
            extensions[typed_key] = d.typed
        out.append(
            {
                "id": _statement_id(base, registration, f"answered/{d.seq}/{d.choice}"),
                "actor": actor,
                "verb": answered,
                "object": book.decision(run.sha256, run.scenario_id, run.title, d.node),
                "timestamp": d.at,
                "context": nested,
                "result": {
                    "response": d.choice,
                    "score": {"raw": d.points},
                    "extensions": extensions,
                },
            }
        )
        if d.at > last:
            last = d.at
    if run.finished and run.ended_at:
        when = max(run.ended_at, last)  # never before the last answer
        result = finished_result(run, base)
        out.append(statement("completed", "completed", scenario, when, result))
        verdict = "passed" if run.result == "won" else "failed"
        out.append(statement(verdict, verdict, scenario, when, result))
    return out


def round_statements(saved: RoundRecord, team: int, base: str, book=None) -> list[dict]:
    """One team's statements of a workshop round, the team as an identified Group."""
    book = book or _NoChoices(base)
    name = saved.teams[team]
    scenario = book.scenario(saved.scenario_id, saved.title)
    registration = saved.uuid
    actor = group(name, saved.uuid, team, base)
    context = {
        "registration": registration,
        "platform": "Salesplay",
        "extensions": {
            f"{base}/xapi/mode": "workshop",
            f"{base}/xapi/scenario-sha256": saved.sha256,
            f"{base}/xapi/round": saved.uuid,
        },
    }
    nested = dict(context, contextActivities={"parent": [scenario]})
    key_prefix = f"team/{team}/"

    def statement(verb, key, obj, when, result=None, ctx=context):
        sid = _statement_id(base, registration, key_prefix + key)
        return _statement(sid, actor, verb, obj, when, ctx, result)

    out = [statement("attempted", "attempted", scenario, saved.started_at)]
    last = saved.started_at
    for d in saved.decisions:
        vote = d.votes[team] if team < len(d.votes) else None
        last = max(last, d.at)
        if vote is None:
            continue  # the team did not vote: nothing answered
        result = {
            "response": vote,
            "score": {"raw": d.points[team] if team < len(d.points) else 0},
            "extensions": {f"{base}/xapi/path-taken": d.taken},
        }
        obj = book.decision(saved.sha256, saved.scenario_id, saved.title, d.node)
        out.append(statement("answered", f"answered/{d.seq}", obj, d.at, result, nested))
    if saved.finished and saved.ended_at:
        when = max(saved.ended_at, last)
        score = saved.scores[team] if team < len(saved.scores) else 0
        result = {
            "score": {"raw": score},
            "success": saved.result == "won",
            "completion": True,
            "extensions": {
                f"{base}/xapi/ending": saved.ending,
                f"{base}/xapi/result": saved.result,
            },
        }
        duration = iso_duration(saved.started_at, when)
        if duration:
            result["duration"] = duration
        out.append(statement("completed", "completed", scenario, when, result))
        verdict = "passed" if saved.result == "won" else "failed"
        out.append(statement(verdict, verdict, scenario, when, result))
    return out


class _NoChoices(Interactions):
    def __init__(self, base: str):
        self.base, self.choices, self._made = base, {}, {}


def finished_result(run, base: str) -> dict:
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


def group(name: str, round_uuid: str, team: int, base: str) -> dict:
    """A workshop team: an identified Group, one per team of one round."""
    return {
        "objectType": "Group",
        "name": name,
        "account": {"homePage": f"{base}/workshop", "name": f"{round_uuid}/team-{team + 1}"},
    }


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
