"""What the room shows, as plain data for the phones: built from the engine's `Workshop`.

The controller publishes one of these after every change (a decision opens, is revealed, the
round ends). `hidden` lists the choices that exist but do not show, so a vote for one gets its
own refusal; `PhoneRoom.state` never sends it, nor any other team's vote before the reveal.
"""

from __future__ import annotations

from game.content.model import TIMEOUT
from game.engine.workshop import Decision, Workshop
from game.server.room import FINISHED, LOBBY, REVEALED, VOTING

TIMEOUT_TEXT = "Nobody answered: the buyer's clock ran out."
NO_NOTE = "A neutral move: it neither built nor cost your team anything."


def ranks(scores: list[int]) -> list[int]:
    """1-based ranks; equal scores share a rank (1, 2, 2, 4), as the scoreboard ranks."""
    return [1 + sum(1 for other in scores if other > s) for s in scores]


def leaderboard(workshop: Workshop, before: int | None = None) -> list[dict]:
    """Teams ranked now, each with `change`: places gained since the first `before` decisions.

    Before the first decision there is no earlier board: every team is `new` (change 0).
    """
    was: list[int] | None = None
    if before is not None and 0 < before < len(workshop.decisions):
        earlier = workshop.decisions[:before]  # not finished then: no ending points yet
        was = ranks([sum(d.points[t] for d in earlier) for t in range(len(workshop.teams))])
    return [
        {
            "rank": s.rank,
            "name": s.name,
            "score": s.score,
            "change": (was[s.team] - s.rank) if was is not None else 0,
            "new": was is None,
        }
        for s in workshop.standings()
    ]


def timing(seconds: int, left_ms: int | None = None, running: bool = True) -> dict | None:
    """The discussion clock for the phones: its length, what is left, and whether it runs."""
    if seconds <= 0:
        return None
    left = seconds * 1000 if left_ms is None else max(0, int(left_ms))
    return {"seconds": seconds, "left_ms": left, "running": bool(running)}


def base(workshop: Workshop, ballot: int, phase: str) -> dict:
    node = workshop.node
    return {
        "ballot": ballot,
        "phase": phase,
        "title": workshop.scenario.title,
        "buyer": workshop.scenario.buyer.name,
        "decision": len(workshop.decisions) + (0 if phase == REVEALED else 1),
        "node": node.id,
        "say": node.say,
        "narration": node.narration,
        "choices": [],
        "hidden": [],
        "reveal": None,
        "leaderboard": None,
        "ending": None,
        "timer": None,
    }


def lobby_view(workshop: Workshop) -> dict:
    out = base(workshop, 0, LOBBY)
    out["decision"] = 0
    return out


def voting_view(workshop: Workshop, ballot: int, timer: dict | None = None) -> dict:
    """A decision open for votes (with the last reveal, for phones that slept through it)."""
    out = base(workshop, ballot, VOTING)
    visible = workshop.choices()
    out["choices"] = [{"id": c.id, "text": c.text} for c in visible]
    shown = {c.id for c in visible}
    out["hidden"] = [c.id for c in workshop.node.choices if c.id not in shown]
    out["timer"] = timer
    if workshop.decisions:
        out["reveal"] = reveal(workshop, workshop.decisions[-1])
        out["leaderboard"] = leaderboard(workshop, len(workshop.decisions) - 1)
    return out


def revealed_view(workshop: Workshop, ballot: int) -> dict:
    """The last decision revealed: the room sees the consequences before it goes on."""
    decision = workshop.decisions[-1]
    out = base(workshop, ballot, FINISHED if workshop.finished else REVEALED)
    out["node"], out["say"] = decision.node, workshop.scenario.nodes[decision.node].say
    out["decision"] = decision.number
    out["reveal"] = reveal(workshop, decision)
    out["leaderboard"] = leaderboard(workshop, len(workshop.decisions) - 1)
    if workshop.finished:
        out["ending"] = ending(workshop)
    return out


def finished_view(workshop: Workshop, ballot: int) -> dict:
    out = (
        revealed_view(workshop, ballot) if workshop.decisions else base(workshop, ballot, FINISHED)
    )
    out["phase"] = FINISHED
    out["ending"] = ending(workshop)
    return out


def ending(workshop: Workshop) -> dict | None:
    state = workshop.state
    if state.ending is None:
        return None
    e = workshop.scenario.nodes[state.ending].ending
    return {"id": state.ending, "result": e.result, "title": e.title, "points": e.points}


def coach_note(choice) -> str:
    """The scenario's feedback for the team's choice; else what its tags say it was."""
    if choice is None:
        return "Your team did not vote, so it earned nothing here."
    if choice.feedback:
        return choice.feedback
    if choice.tags:
        return f"This answer counts as {' and '.join(choice.tags)}."
    return NO_NOTE


def reveal(workshop: Workshop, d: Decision) -> dict:
    """The decision's consequences, with one entry per team (each phone gets only its own)."""
    node = workshop.scenario.nodes[d.node]
    taken = None if d.taken == TIMEOUT else node.choice(d.taken)
    teams = []
    for i, vote in enumerate(d.votes):
        choice = node.choice(vote) if vote is not None else None
        teams.append(
            {
                "choice": vote,
                "text": choice.text if choice else None,
                "points": d.points[i],
                "tags": list(choice.tags) if choice else [],
                "coach": coach_note(choice),
            }
        )
    return {
        "decision": d.number,
        "taken": d.taken,
        "taken_text": taken.text if taken else TIMEOUT_TEXT,
        "reply": workshop.scenario.nodes[d.after.node].say,
        "teams": teams,
    }


__all__ = [
    "LOBBY",
    "finished_view",
    "leaderboard",
    "lobby_view",
    "revealed_view",
    "timing",
    "voting_view",
]
