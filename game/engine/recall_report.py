"""Which choices of a decision a rep's own words could mix up, and examples that read like a sibling.

Used by `salesplay match --report` and by `validate` (`example-ambiguous`).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.model import Scenario
from game.engine.matcher import Matcher

CONFUSABLE = 0.35  # a choice's own line scores at least this against a sibling


@dataclass(frozen=True, slots=True)
class Confusion:
    node: str
    choice: str
    other: str
    similarity: float  # how well `choice`'s line matches `other`, 0..1
    examples: tuple[str, ...] = ()  # examples of `choice` that match `other` better

    def to_dict(self) -> dict:
        return {
            "node": self.node,
            "choice": self.choice,
            "other": self.other,
            "similarity": self.similarity,
            "examples": list(self.examples),
        }


@dataclass(frozen=True, slots=True)
class AmbiguousExample:
    node: str
    choice: str
    index: int  # 0-based position in the choice's `examples`
    example: str
    other: str  # the sibling it matches better
    own: float
    sibling: float


def _with_siblings(scenario: Scenario):
    """Each decision's choices, each with the other choices of its node."""
    for node in scenario.decisions:
        for choice in node.choices:
            others = [c for c in node.choices if c.id != choice.id]
            if others:
                yield node, choice, others


def ambiguous_examples(
    scenario: Scenario, matcher: Matcher | None = None
) -> list[AmbiguousExample]:
    """Examples that, left out of their own choice, the matcher would take as a sibling."""
    matcher = matcher or Matcher(scenario)
    out = []
    for node in scenario.decisions:
        choices = node.choices
        if len(choices) < 2 or not any(c.examples for c in choices):
            continue
        table = matcher.examples_in_doubt(node.id, choices)
        for k, (choice, rows) in enumerate(zip(choices, table, strict=True)):
            others = choices[:k] + choices[k + 1 :]
            for i, (example, row) in enumerate(zip(choice.examples, rows, strict=True)):
                if row is None:  # no sibling can be confidently ahead (a proven bound)
                    continue
                # its own choice as if it had not this example (line i + 1, after the text)
                own, theirs = row[k], row[:k] + row[k + 1 :]
                best = max(range(len(others)), key=lambda j: theirs[j])
                runner_up = max([own] + theirs[:best] + theirs[best + 1 :])
                # only a confident match is flagged: a weak lone lead (see Matcher.accepts) is
                # an example that shares few words with any line, not one that reads like a
                # sibling
                if matcher.confident(theirs[best], runner_up):
                    out.append(
                        AmbiguousExample(
                            node.id,
                            choice.id,
                            i,
                            example,
                            others[best].id,
                            round(own, 3),
                            round(theirs[best], 3),
                        )
                    )
    return out


def confusions(scenario: Scenario) -> list[Confusion]:
    """Per decision, pairs of choices whose lines (or examples) match each other closely."""
    matcher = Matcher(scenario)
    ambiguous: dict[tuple[str, str, str], list[str]] = {}
    for a in ambiguous_examples(scenario, matcher):
        ambiguous.setdefault((a.node, a.choice, a.other), []).append(a.example)
    out = []
    for node, choice, others in _with_siblings(scenario):
        scores = matcher.scores(choice.text, node.id, others)
        for other, score in zip(others, scores, strict=True):
            examples = tuple(ambiguous.get((node.id, choice.id, other.id), ()))
            if score >= CONFUSABLE or examples:
                out.append(Confusion(node.id, choice.id, other.id, round(score, 3), examples))
    out.sort(key=lambda c: (list(scenario.nodes).index(c.node), -c.similarity, c.choice))
    return out
