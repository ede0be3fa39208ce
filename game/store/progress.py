"""A player's progress per scenario, ready to draw: attempts, Leadership Index and tag profile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.content.model import TAG_GROUPS
from game.store.leadership import leadership_index
from game.store.store import Store

OTHER = "Other"  # the tag profile's group for a scenario's own tags (TAG_GROUPS: the model's)

Bounds = Callable[[str, str], "tuple[int | None, int | None] | None"]


@dataclass(frozen=True, slots=True)
class Attempt:
    number: int  # 1 for the player's first finished run of the scenario
    run_id: int
    ended_at: str
    score: int
    ending: str
    result: str
    index: int | None  # Leadership Index 0-100, when known
    tags: dict[str, int]

    @property
    def profile(self) -> dict[str, float]:
        return tag_profile(self.tags)


@dataclass(frozen=True, slots=True)
class ScenarioProgress:
    scenario_id: str
    title: str
    attempts: tuple[Attempt, ...]  # oldest first

    @property
    def best(self) -> int:
        return max(a.score for a in self.attempts)

    @property
    def last(self) -> int:
        return self.attempts[-1].score

    @property
    def average(self) -> float:
        return sum(a.score for a in self.attempts) / len(self.attempts)

    @property
    def best_index(self) -> int | None:
        known = [a.index for a in self.attempts if a.index is not None]
        return max(known) if known else None


def tag_profile(tags: dict[str, int]) -> dict[str, float]:
    """Each group's share of the tags a run earned (0..1, summing to 1); empty when none."""
    total = sum(tags.values())
    if not total:
        return {}
    grouped = {name: 0 for name, _ in TAG_GROUPS}
    for tag, count in tags.items():
        group = next((name for name, members in TAG_GROUPS if tag in members), OTHER)
        grouped[group] = grouped.get(group, 0) + count
    return {name: count / total for name, count in grouped.items() if count}


def player_progress(
    store: Store, player: str, bounds: Bounds | None = None
) -> list[ScenarioProgress]:
    """The player's finished runs per scenario, the most recently played scenario first.

    `bounds(scenario_id, sha256)` may supply (best, worst) for runs saved without an index.
    """
    groups: dict[str, list] = {}
    titles: dict[str, str] = {}
    for record in store.finished_runs(player):
        groups.setdefault(record.scenario_id, []).append(record)
        titles[record.scenario_id] = record.title or record.scenario_id
    out = []
    for scenario_id, records in groups.items():
        attempts = []
        for n, r in enumerate(records, 1):
            index = r.leadership
            if index is None and bounds is not None:
                found = bounds(r.scenario_id, r.sha256)
                if found:
                    index = leadership_index(r.score, *found)
            attempts.append(
                Attempt(
                    n,
                    r.run_id,
                    r.ended_at or "",
                    r.score,
                    r.ending or "",
                    r.result or "",
                    index,
                    dict(r.tags),
                )
            )
        out.append(ScenarioProgress(scenario_id, titles[scenario_id], tuple(attempts)))
    out.sort(key=lambda p: (p.attempts[-1].ended_at, p.attempts[-1].run_id), reverse=True)
    return out
