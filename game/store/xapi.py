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
import heapq
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


# -- the file export: the same statements, written as text as they are made -------------------

dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
PLAIN_STAMP = re.compile(r"[0-9T:.Z+-]*")  # our own ISO 8601 stamps need no escaping

EXPORT_RUNS = (
    "SELECT r.id, p.name, r.scenario_id, r.sha256, r.mode, r.started_at, r.ended_at, r.score,"
    " r.ending, r.result, r.tags, coalesce(s.title, r.scenario_id), r.leadership, r.uuid,"
    " min(r.started_at, coalesce((SELECT min(d.at) FROM decisions d WHERE d.run_id = r.id),"
    " r.started_at))"
    " FROM runs r JOIN players p ON p.id = r.player_id"
    " LEFT JOIN scenarios s ON s.sha256 = r.sha256"
)
EXPORT_DECISIONS = (
    "SELECT d.run_id, d.seq, d.at, d.node, d.choice, d.points, d.tags, d.typed"
    " FROM decisions d JOIN runs r ON r.id = d.run_id JOIN players p ON p.id = r.player_id"
)
RUN_ORDER = " ORDER BY r.started_at, r.id"


def write_json(
    store: Store, stream, player: str | None = None, base: str = DEFAULT_BASE, typed: bool = False
) -> int:
    """Write `statements()` to `stream` as one JSON array, one statement a line; the count.

    The same statements in the same order, made as text: what recurs (actors, activities with
    their choices, contexts, verbs, a finished run's result) is encoded once. Runs are read in
    start order with their decisions beside them in one pass, and a statement is written as
    soon as no later run can hold an earlier one, so memory stays small however many runs.
    """
    base = check_base(base)
    where, params = "", ()
    if player is not None:
        where, params = " WHERE p.name = ?", (player_name(player),)
    runs = store.query(EXPORT_RUNS + where + RUN_ORDER, params)
    rows = iter(store.query(EXPORT_DECISIONS + where + RUN_ORDER + ", d.seq", params))
    text = _Text(store, base, typed)
    pending: list[tuple[str, int, int, str]] = []  # (time, run order, place in run, text)
    rank = len(runs)  # rounds come after the runs when times are equal, as in statements()
    book = text.book
    for saved in rounds(store):
        for team, name in enumerate(saved.teams):
            if player is None or player_name(name) == player_name(player):
                for k, s in enumerate(round_statements(saved, team, base, book)):
                    pending.append((s["timestamp"], rank, k, dumps(s)))
                rank += 1
    heapq.heapify(pending)
    # no statement of run i or later is earlier than floors[i] (a replay's shared decisions
    # are older than its start, so the earliest of each run's own times counts)
    floors = [row[14] for row in runs]
    for i in range(len(floors) - 2, -1, -1):
        if floors[i + 1] < floors[i]:
            floors[i] = floors[i + 1]
    count = 0
    stream.write("[")
    ahead = next(rows, None)
    for rank, run in enumerate(runs):
        floor = floors[rank]
        while pending and pending[0][0] < floor:
            stream.write(",\n" if count else "\n")
            stream.write(heapq.heappop(pending)[3])
            count += 1
        decisions = []
        while ahead is not None and ahead[0] == run[0]:
            decisions.append(ahead)
            ahead = next(rows, None)
        for k, (when, line) in enumerate(text.run(run, decisions)):
            heapq.heappush(pending, (when, rank, k, line))
    while pending:
        stream.write(",\n" if count else "\n")
        stream.write(heapq.heappop(pending)[3])
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


class _Text:
    """The encoded fragments of one export, each made once."""

    def __init__(self, store: Store, base: str, typed: bool):
        self.base, self.typed, self.book = base, typed, Interactions(store, base)
        mode_key, sha_key, tags_key, timed_out_key, typed_key, _, _ = (
            dumps(k) for k in _keys(base)
        )
        self.mode_key, self.sha_key, self.tags_key = mode_key, sha_key, tags_key
        self.timed_out = f",{timed_out_key}:true"
        self.typed_key = typed_key
        self.finish_keys = tuple(dumps(f"{base}/xapi/{k}") for k in ("tags", "ending", "result"))
        self.verb = {name: dumps(VERB[name]) for name in VERBS}
        self.strings: dict[str, str] = {}
        self.actors: dict[str, str] = {}
        self.scenarios: dict[tuple[str, str], str] = {}
        self.objects: dict[tuple[str, str], str] = {}
        self.tag_lists: dict[str, str] = {}
        self.tag_counts: dict[str, str] = {}
        self.scaled: dict[int, str] = {}

    def s(self, value: str) -> str:
        """A short recurring string (a choice id, a mode, an ending) as JSON, cached."""
        hit = self.strings.get(value)
        if hit is None:
            hit = self.strings[value] = dumps(value)
        return hit

    def stamp(self, value: str) -> str:
        return f'"{value}"' if PLAIN_STAMP.fullmatch(value) else dumps(value)

    def run(self, row, decisions) -> list[tuple[str, str]]:
        """One run's statements as (timestamp, JSON text), in the order `run_statements` has."""
        (_, name, scenario_id, sha256, mode, started, ended, score, ending, result, tags,
         title, leadership, registration, _) = row  # fmt: skip
        actor = self.actors.get(name)
        if actor is None:
            actor = self.actors[name] = dumps(agent(name, self.base))
        key = (scenario_id, title)
        scenario = self.scenarios.get(key)
        if scenario is None:
            scenario = self.scenarios[key] = dumps(self.book.scenario(scenario_id, title))
        context = (
            f'{{"registration":{dumps(registration)},"platform":"Salesplay","extensions":'
            f"{{{self.mode_key}:{self.s(mode)},{self.sha_key}:{self.s(sha256)}}}}}"
        )
        nested = f'{context[:-1]},"contextActivities":{{"parent":[{scenario}]}}}}'
        seed = hashlib.sha1(NAMESPACE_BYTES + f"{self.base}\n{registration}\n".encode())
        head = f',"actor":{actor},"verb":'
        plain = f',"object":{scenario},"timestamp":'
        in_run = f',"context":{context}'

        def statement_id(key: str) -> str:
            h = seed.copy()
            h.update(key.encode())
            digest = bytearray(h.digest()[:16])
            digest[6] = (digest[6] & 0x0F) | 0x50
            digest[8] = (digest[8] & 0x3F) | 0x80
            x = digest.hex()
            return f'{{"id":"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"'

        out = [
            (
                started,
                f"{statement_id('attempted')}{head}{self.verb['attempted']}{plain}"
                f"{self.stamp(started)}{in_run}}}",
            )
        ]
        last = started
        answered = head + self.verb["answered"] + ',"object":'
        in_node = f',"context":{nested},"result":{{"response":'
        for _, seq, at, node, choice, points, tag_list, said in decisions:
            obj = self.objects.get((sha256, node))
            if obj is None:
                obj = self.objects[sha256, node] = dumps(
                    self.book.decision(sha256, scenario_id, title, node)
                )
            listed = self.tag_lists.get(tag_list)
            if listed is None:
                listed = self.tag_lists[tag_list] = dumps(list(json.loads(tag_list)))
            extra = self.timed_out if choice == TIMEOUT else ""
            if self.typed and said:
                extra += f",{self.typed_key}:{dumps(said)}"
            out.append(
                (
                    at,
                    f"{statement_id(f'answered/{seq}/{choice}')}{answered}{obj},"
                    f'"timestamp":{self.stamp(at)}{in_node}{self.s(choice)},'
                    f'"score":{{"raw":{int(points)}}},"extensions":{{{self.tags_key}:{listed}'
                    f"{extra}}}}}}}",
                )
            )
            if at > last:
                last = at
        if ending is not None and ended:
            when = max(ended, last)
            text = self.finished(started, ended, score, ending, result, tags, leadership)
            verdict = "passed" if result == "won" else "failed"
            for verb in ("completed", verdict):
                out.append(
                    (
                        when,
                        f"{statement_id(verb)}{head}{self.verb[verb]}{plain}{self.stamp(when)}"
                        f"{in_run},{text}}}",
                    )
                )
        return out

    def finished(self, started, ended, score, ending, result, tags, leadership) -> str:
        """`"result":{...}` of `finished_result`, as text."""
        counts = self.tag_counts.get(tags)
        if counts is None:
            counts = self.tag_counts[tags] = dumps(dict(json.loads(tags)))
        scaled = ""
        if leadership is not None:
            scaled = self.scaled.get(leadership)
            if scaled is None:
                scaled = self.scaled[leadership] = f',"scaled":{dumps(round(leadership / 100, 2))}'
        tags_key, ending_key, result_key = self.finish_keys
        text = (
            f'"result":{{"score":{{"raw":{int(score)}{scaled}}},'
            f'"success":{"true" if result == "won" else "false"},"completion":true,'
            f'"extensions":{{{tags_key}:{counts},{ending_key}:{self.s(ending)},'
            f"{result_key}:{dumps(result)}}}"
        )
        duration = iso_duration(started, ended)
        if duration:
            text += f',"duration":"{duration}"'
        return text + "}"
