"""One run being played in the window: the engine's `Conversation`, the mode, and autosave.

The window never decides a rule: every move goes through `Conversation`, and every move is
saved as it is made (when the store is available), so a closed window loses nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from game.content.model import COMMODITY_TAGS, TIMEOUT, Choice, Scenario
from game.engine import rules
from game.engine.machine import Conversation
from game.engine.order import arrange
from game.engine.state import Move, PlayState
from game.errors import GameError, MoveError


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision of the run as the debrief and the coach show it."""

    number: int  # 1-based
    node: str
    line: str  # what the buyer had said
    said: str  # what the rep said (or that the clock ran out)
    choice: Choice | None  # None for a time-out
    points: int
    tags: tuple[str, ...]
    feedback: str
    changes: tuple[tuple[str, int], ...]  # (meter label, change actually applied)


def decision(scenario: Scenario, number: int, move: Move) -> Decision:
    """Decision `number` (1-based) as the coach and the debrief show it, read from its move."""
    node = scenario.nodes[move.node]
    choice = None if move.choice == TIMEOUT else node.choice(move.choice)
    return Decision(
        number=number,
        node=move.node,
        line=node.say,
        said=choice.text if choice else "(You let the clock run out.)",
        choice=choice,
        points=move.points,
        tags=move.tags,
        feedback=(choice.feedback if choice and choice.feedback else ""),
        changes=tuple(
            (scenario.meters[m.meter].label or m.meter, m.change) for m in move.changes()
        ),
    )


# "‖" for a stall: the deal paused, not lost ("…" read as a title cut short)
RESULT_WORDS = {"won": "✓ WON", "lost": "✗ LOST", "stalled": "‖ STALLED"}


def price_cost(scenario: Scenario, state: PlayState, made: list[Decision]) -> int | None:
    """Points lost on price and commodity answers (and a discounted ending), or None when
    the run used none."""
    priced = [d for d in made if set(d.tags) & COMMODITY_TAGS]
    if not priced:
        return None
    lost = -sum(min(0, d.points) for d in priced)
    end = scenario.nodes[state.ending].ending if state.ending else None
    return lost + (-end.points if end and end.points < 0 else 0)


def result_words(scenario: Scenario, state: PlayState, made: list[Decision], cost: bool = True):
    """(the result word, its colour's name, the ending's title) as the debrief and the
    workshop's screens say them: a win bought with price is amber and (with `cost`) says
    what it cost."""
    end = scenario.nodes[state.ending].ending if state.ending else None
    result = state.result or "stalled"
    colour = "gain" if result == "won" else "loss" if result == "lost" else "neutral"
    word = RESULT_WORDS.get(result, result.upper())
    title = end.title if end else ""
    spent = price_cost(scenario, state, made)
    if result == "won" and spent is not None:  # a deal bought with price is no triumph
        word, colour = "$ Won on price", "warning"
        if title.strip().lower() == "won on price":
            title = ""  # the ending says what the result word already says
        if spent and cost:
            spent = f"it cost you {spent} point{'s' if spent != 1 else ''}"
            title = f"{title} · {spent}" if title else spent
    return word, colour, title


def decisions(scenario: Scenario, state: PlayState) -> list[Decision]:
    """The run's decisions, read from the consequences its moves carry (nothing is replayed)."""
    return [decision(scenario, n, move) for n, move in enumerate(state.moves, 1)]


class Attempt:
    """The run on screen. `store` may be None (nothing is saved)."""

    def __init__(
        self,
        scenario: Scenario,
        mode: str,
        player: str,
        store=None,
        state: PlayState | None = None,
        run_id: int | None = None,
        seed: int | None = None,
    ):
        self.scenario = scenario
        self.mode = mode
        self.player = player
        self.store = store
        self.conversation = Conversation(scenario, state)
        self.run_id = run_id
        self.save_problem = ""
        self._decided: list[tuple[Move, Decision]] = []
        # the history's lines of each decision, by its id (see game.ui.transcript.history)
        self.history_lines: dict[int, tuple[Decision, tuple]] = {}
        # the attempt's choice-order seed: kept with it, so resume and replay show one order
        self.seed = random.randrange(2**31) if seed is None else int(seed)
        self.replayed_assessment = False  # a replay of an assessment is practice, and says so
        self.recall = False  # the rep types answers in their own words (game.ui.recall)
        self.typed: dict = {}  # decision number -> RecallNote, for the debrief
        if self.run_id is None:
            self.run_id = self._save(lambda s: s.start_run(player, scenario, mode, seed=self.seed))

    @property
    def state(self) -> PlayState:
        return self.conversation.state

    def shown_choices(self, shuffle: bool = True) -> list[Choice]:
        """The visible choices in the order on screen: shuffled from the attempt's seed, or
        the file's order when `shuffle` is off. Number keys follow this order."""
        visible = self.conversation.visible_choices()
        return arrange(self.conversation.node, visible, self.seed if shuffle else None)

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    def _save(self, work):
        if self.store is None:  # a store that cannot write keeps the run in memory itself
            return None
        try:
            return work(self.store)
        except GameError as exc:  # the store keeps answering; a SaveError must not end the run
            self.save_problem = f"Progress could not be saved ({exc})."
            return None

    def _after_move(self, typed: str | None = None) -> Decision:
        state = self.state
        if self.run_id is not None:
            self._save(lambda s: s.record_move(self.run_id, state.moves[-1], state, typed=typed))
            if state.finished:
                self._save(lambda s: s.finish_run(self.run_id, state))
        return self.decisions()[-1]

    def decisions(self) -> list[Decision]:
        """The run's decisions so far, each made once from its move (kept while moves stay)."""
        moves, kept = self.state.moves, self._decided
        same = 0
        while same < min(len(kept), len(moves)) and kept[same][0] is moves[same]:
            same += 1
        del kept[same:]  # a rewind or a reload dropped or changed these
        for n in range(same, len(moves)):
            kept.append((moves[n], decision(self.scenario, n + 1, moves[n])))
        return [d for _, d in kept]

    def choose(self, choice: Choice, typed: str | None = None) -> Decision:
        """Take `choice`; `typed` is what the rep typed for it, when they typed (recall mode)."""
        self.conversation.choose(choice)
        return self._after_move(typed)

    def time_out(self) -> Decision:
        self.conversation.time_out()
        return self._after_move()

    def replay(self, keep_moves: int) -> Attempt:
        """A new attempt from the state after `keep_moves` moves; this one stays as it was.

        Replaying an assessment is practice (the assessment's result never changes).
        """
        state = rules.replay(self.scenario, [m.choice for m in self.state.moves[:keep_moves]])
        mode = "practice" if self.mode == "assessment" else self.mode
        fresh = Attempt(self.scenario, mode, self.player, None, state, run_id=None, seed=self.seed)
        fresh.store = self.store
        fresh.replayed_assessment = self.mode == "assessment"
        fresh.recall = self.recall
        fresh.typed = {n: note for n, note in self.typed.items() if n <= keep_moves}
        if self.run_id is not None:
            fresh.run_id = self._save(lambda s: s.replay_run(self.run_id, state))
        return fresh

    def rewind(self, keep_moves: int) -> PlayState:
        """Back to the state after `keep_moves` moves of an unfinished attempt; the saved run
        forgets the rest. A finished attempt is replayed as a new one instead (`replay`)."""
        state = self.conversation.rewind(keep_moves)
        if self.run_id is not None:
            self._save(lambda s: s.rewind_run(self.run_id, keep_moves))
        return state

    def reload(self, scenario: Scenario) -> str:
        """Switch to an edited version of the scenario, keeping the position when it fits.

        Returns "" on success, else what went wrong (and nothing changes).
        """
        here = self.state.node
        if here not in scenario.nodes:
            return (
                f"The edited file no longer has the node '{here}' you are at. "
                "Still playing the earlier version."
            )
        moves = [m.choice for m in self.state.moves]
        try:
            state = rules.replay(scenario, moves)
        except (MoveError, KeyError, GameError) as exc:
            return f"The edited file no longer fits this run ({exc}). Still playing the earlier version."
        if state.node != here:
            return (
                f"In the edited file your moves lead to '{state.node}', not '{here}'. "
                "Still playing the earlier version."
            )
        self.scenario = scenario
        self.conversation = Conversation(scenario, state)
        if self.run_id is not None and self.store is not None:
            self._save(lambda s: s.remember_scenario(self.run_id, scenario))
        return ""
