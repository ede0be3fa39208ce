"""The play state: a plain, serialisable value shared by play, saves, rewind and analysis."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from game.content.model import Frozen

_set = object.__setattr__


class MeterChange(Frozen):
    """One meter a move's effects touched: its value before and after (clamped to its range)."""

    __slots__ = ("meter", "before", "after")

    def __init__(self, meter: str, before: int, after: int):
        _set(self, "meter", meter)
        _set(self, "before", before)
        _set(self, "after", after)

    @property
    def change(self) -> int:
        """The change actually applied (0 when the meter already sat at its limit)."""
        return self.after - self.before


class Trigger(Frozen):
    """A meter trigger that fired and replaced the choice's `next`."""

    __slots__ = ("meter", "kind", "node")

    def __init__(
        self,
        meter: str,
        kind: str,  # "on_min" or "on_max"
        node: str,  # the node it sent the conversation to
    ):
        _set(self, "meter", meter)
        _set(self, "kind", kind)
        _set(self, "node", node)


class Move(Frozen):
    """One move of a run, a choice taken (or the timer running out), with every consequence.

    The engine builds it once, as the move is made; the coach, the debrief, the workshop
    reveal, rewind and the store read it instead of replaying or recomputing the run.
    """

    __slots__ = (
        "node",
        "choice",
        "index",
        "points",
        "tags",
        "target",
        "meters",
        "flags_set",
        "flags_cleared",
        "trigger",
        "ending_points",
        "finished",
    )

    def __init__(
        self,
        node: str,  # the decision node the move was made at
        choice: str,  # the choice id, or "timeout"
        index: int | None,  # 0-based position among all the node's choices; None: a time-out
        points: int,  # choice points scored by this move (ending points are not included)
        tags: tuple[str, ...],  # the choice's tags, each counted once more by this move
        target: str,  # the node entered next (a meter trigger may replace the choice's `next`)
        meters: tuple[MeterChange, ...] = (),  # the meters its effects named, declaration order
        flags_set: tuple[str, ...] = (),  # flags that were false and are now true, sorted
        flags_cleared: tuple[str, ...] = (),  # flags that were true and are now false, sorted
        trigger: Trigger | None = None,  # the meter trigger that chose `target`, if one fired
        ending_points: int = 0,  # the points of the ending entered, when `target` is one
        finished: bool = False,  # True when `target` is an ending: the run is over
    ):
        _set(self, "node", node)
        _set(self, "choice", choice)
        _set(self, "index", index)
        _set(self, "points", points)
        _set(self, "tags", tags)
        _set(self, "target", target)
        _set(self, "meters", meters)
        _set(self, "flags_set", flags_set)
        _set(self, "flags_cleared", flags_cleared)
        _set(self, "trigger", trigger)
        _set(self, "ending_points", ending_points)
        _set(self, "finished", finished)

    @property
    def timed_out(self) -> bool:
        return self.index is None

    @property
    def total(self) -> int:
        """Everything this move added to the score: its points plus any ending's points."""
        return self.points + self.ending_points

    def changes(self) -> tuple[MeterChange, ...]:
        """The meters whose value actually changed."""
        return tuple(m for m in self.meters if m.before != m.after)

    def to_dict(self) -> dict:
        return {
            "node": self.node,
            "choice": self.choice,
            "index": self.index,
            "points": self.points,
            "tags": list(self.tags),
            "target": self.target,
            "meters": [[m.meter, m.before, m.after] for m in self.meters],
            "flags_set": list(self.flags_set),
            "flags_cleared": list(self.flags_cleared),
            "trigger": None
            if self.trigger is None
            else [self.trigger.meter, self.trigger.kind, self.trigger.node],
            "ending_points": self.ending_points,
            "finished": self.finished,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Move:
        """Read `to_dict`'s output; older saves without the consequences read as none."""
        trigger = d.get("trigger")
        return cls(
            node=str(d["node"]),
            choice=str(d["choice"]),
            index=None if d.get("index") is None else int(d["index"]),
            points=int(d["points"]),
            tags=tuple(str(t) for t in d.get("tags", ())),
            target=str(d["target"]),
            meters=tuple(MeterChange(str(m), int(b), int(a)) for m, b, a in d.get("meters", ())),
            flags_set=tuple(str(f) for f in d.get("flags_set", ())),
            flags_cleared=tuple(str(f) for f in d.get("flags_cleared", ())),
            trigger=None if not trigger else Trigger(*(str(t) for t in trigger)),
            ending_points=int(d.get("ending_points", 0)),
            finished=bool(d.get("finished", False)),
        )


@dataclass(frozen=True, slots=True)
class PlayState:
    """Where a run stands. Never mutated: every move returns a new state."""

    scenario: str
    node: str
    score: int = 0
    tags: dict[str, int] = field(default_factory=dict)  # tag -> count, only counted tags
    meters: dict[str, int] = field(default_factory=dict)  # every declared meter
    flags: frozenset[str] = frozenset()  # the flags that are true
    path: tuple[str, ...] = ()  # every node entered, in order, repeats included
    moves: tuple[Move, ...] = ()
    ending: str | None = None
    result: str | None = None
    # What `visited()` conditions read: every entered node a condition names (it may hold
    # others). The engine adds to it as nodes are entered, so a move never copies `path`
    # into a set; left out, it is worked out from `path`.
    seen: frozenset[str] = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    def __post_init__(self):
        if self.seen is None:
            object.__setattr__(self, "seen", frozenset(self.path))

    @property
    def visited(self) -> frozenset[str]:
        """Every node entered so far."""
        return frozenset(self.path)

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def to_dict(self) -> dict:
        """The contract's `run --json` fields plus the move history."""
        return {
            "scenario": self.scenario,
            "finished": self.finished,
            "node": self.node,
            "ending": self.ending,
            "result": self.result,
            "score": self.score,
            "tags": dict(self.tags),
            "meters": dict(self.meters),
            "flags": sorted(self.flags),
            "path": list(self.path),
            "moves": [m.to_dict() for m in self.moves],
        }

    @classmethod
    def from_dict(cls, d: dict) -> PlayState:
        return cls(
            scenario=str(d["scenario"]),
            node=str(d["node"]),
            score=int(d.get("score", 0)),
            tags={str(k): int(v) for k, v in dict(d.get("tags", {})).items()},
            meters={str(k): int(v) for k, v in dict(d.get("meters", {})).items()},
            flags=frozenset(str(f) for f in d.get("flags", ())),
            path=tuple(str(p) for p in d.get("path", ())),
            moves=tuple(Move.from_dict(m) for m in d.get("moves", ())),
            ending=d.get("ending"),
            result=d.get("result"),
        )

    def evolve(self, **changes) -> PlayState:
        if "path" in changes:
            changes.setdefault("seen", None)  # worked out again from the new path
        return replace(self, **changes)
