"""Compare two versions of a scenario the way code is reviewed: what changed, and what it does
to the runs (best, worst and best with a commodity choice).

Choices are matched by id within their node; choices without an id (c1, c2, ...) are matched
by text first, so inserting a choice does not make every later one look changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.content.model import Choice, Node, Scenario
from game.engine.analysis import Analysis, Run, analyze

RUNS = ("best", "worst", "best_with_commodity")


@dataclass(frozen=True)
class Change:
    """One field that differs. `node` and `choice` are None for the scenario's own fields."""

    node: str | None
    choice: str | None
    field: str
    old: object
    new: object

    def to_dict(self) -> dict:
        return {
            "node": self.node,
            "choice": self.choice,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


@dataclass
class ScenarioDiff:
    nodes_added: list[str] = field(default_factory=list)
    nodes_removed: list[str] = field(default_factory=list)
    choices_added: list[dict] = field(default_factory=list)  # {node, choice, text}
    choices_removed: list[dict] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    runs: dict[str, dict] = field(default_factory=dict)  # best/worst/...: {old, new, change}

    @property
    def same(self) -> bool:
        return not (
            self.nodes_added
            or self.nodes_removed
            or self.choices_added
            or self.choices_removed
            or self.changes
        )

    def to_dict(self) -> dict:
        return {
            "same": self.same,
            "nodes_added": self.nodes_added,
            "nodes_removed": self.nodes_removed,
            "choices_added": self.choices_added,
            "choices_removed": self.choices_removed,
            "changes": [c.to_dict() for c in self.changes],
            "runs": self.runs,
        }


def _meters(s: Scenario) -> dict:
    return {
        name: {
            "start": m.start,
            "min": m.min,
            "max": m.max,
            "label": m.label,
            "on_min": m.on_min,
            "on_max": m.on_max,
        }
        for name, m in s.meters.items()
    }


def _top(s: Scenario) -> dict:
    return {
        "id": s.id,
        "title": s.title,
        "summary": s.summary,
        "difficulty": s.difficulty,
        "minutes": s.minutes,
        "lang": s.lang,
        "tags": list(s.tags),
        "buyer": s.buyer.name,
        "buyer_role": s.buyer.role,
        "company": s.buyer.company,
        "start": s.start,
        "rubric": dict(s.rubric),
        "meters": _meters(s),
    }


def _node_fields(n: Node) -> dict:
    fields = {
        "kind": "ending" if n.is_ending else "decision",
        "say": n.say,
        "narration": n.narration,
        "mood": n.mood,
        "time_limit": n.time_limit,
        "timeout": n.timeout,
    }
    if n.ending:
        fields.update(
            {
                "result": n.ending.result,
                "title": n.ending.title,
                "ending_points": n.ending.points,
                "debrief": n.ending.debrief,
            }
        )
    return fields


def _choice_fields(c: Choice) -> dict:
    return {
        "text": c.text,
        "tags": list(c.tags),
        "points": c.value,
        "next": c.next,
        "if": c.condition.source if c.condition else None,
        "effects": dict(c.effects),
        "set": list(c.set),
        "clear": list(c.clear),
        "feedback": c.feedback,
        "position": c.index + 1,
    }


def _explicit(c: Choice) -> bool:
    return not (c.id[:1] == "c" and c.id[1:].isdigit())


def match_choices(old: Node, new: Node) -> list[tuple[Choice | None, Choice | None]]:
    """Pairs (old, new): by explicit id, then by text, then by default id; None where unmatched."""
    pairs: list[tuple[Choice | None, Choice | None]] = []
    left = list(old.choices)
    right = list(new.choices)
    for rule in (
        lambda c: c.id if _explicit(c) else None,
        lambda c: " ".join(c.text.split()),
        lambda c: c.id,
    ):
        by_key = {}
        for c in left:
            key = rule(c)
            if key is not None:
                by_key.setdefault(key, c)
        for c in list(right):
            key = rule(c)
            match = by_key.pop(key, None) if key is not None else None
            if match is not None and match in left:
                pairs.append((match, c))
                left.remove(match)
                right.remove(c)
    pairs += [(c, None) for c in left] + [(None, c) for c in right]
    return pairs


def _compare(node, choice, old: dict, new: dict, out: list[Change]) -> None:
    for key in old:
        if old[key] != new.get(key):
            out.append(Change(node, choice, key, old[key], new.get(key)))


def compare(
    old: Scenario,
    new: Scenario,
    old_analysis: Analysis | None = None,
    new_analysis: Analysis | None = None,
) -> ScenarioDiff:
    """Everything that differs between two versions, and how the key runs moved."""
    d = ScenarioDiff()
    _compare(None, None, _top(old), _top(new), d.changes)
    d.nodes_added = [n for n in new.nodes if n not in old.nodes]
    d.nodes_removed = [n for n in old.nodes if n not in new.nodes]
    for nid, before in old.nodes.items():
        after = new.nodes.get(nid)
        if after is None:
            continue
        _compare(nid, None, _node_fields(before), _node_fields(after), d.changes)
        for a, b in match_choices(before, after):
            if a is None:
                d.choices_added.append({"node": nid, "choice": b.id, "text": b.text})
            elif b is None:
                d.choices_removed.append({"node": nid, "choice": a.id, "text": a.text})
            else:
                label = a.id if a.id == b.id else f"{a.id} -> {b.id}"
                _compare(nid, label, _choice_fields(a), _choice_fields(b), d.changes)
    old_analysis = old_analysis or analyze(old)
    new_analysis = new_analysis or analyze(new)
    for name in RUNS:
        before, after = getattr(old_analysis, name), getattr(new_analysis, name)
        d.runs[name] = {
            "old": _summary(before),
            "new": _summary(after),
            "change": after.score - before.score if before and after else None,
        }
    return d


def _summary(run: Run | None) -> dict | None:
    return (
        None
        if run is None
        else {"score": run.score, "ending": run.ending, "choices": list(run.choices)}
    )
