"""The play state: a plain, serialisable value shared by play, saves, rewind and analysis."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class Move:
    """One move of a run: a choice taken (or the timer running out) and what it scored."""

    node: str  # the decision node the move was made at
    choice: str  # the choice id, or "timeout"
    index: int | None  # 0-based position among all the node's choices; None for a time-out
    points: int  # choice points scored by this move (ending points are not included)
    tags: tuple[str, ...]
    target: str  # the node entered next (a meter trigger may replace the choice's `next`)

    def to_dict(self) -> dict:
        return {
            "node": self.node,
            "choice": self.choice,
            "index": self.index,
            "points": self.points,
            "tags": list(self.tags),
            "target": self.target,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Move:
        return cls(
            node=str(d["node"]),
            choice=str(d["choice"]),
            index=None if d.get("index") is None else int(d["index"]),
            points=int(d["points"]),
            tags=tuple(str(t) for t in d.get("tags", ())),
            target=str(d["target"]),
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

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def visited(self) -> frozenset[str]:
        return frozenset(self.path)

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
        return replace(self, **changes)
