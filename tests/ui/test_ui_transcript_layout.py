"""The history lays out only what a move added; the rest keeps its place."""

from __future__ import annotations

import pygame

from game.ui.transcript import BUYER, COACH, NARRATION, REP, Entry, Transcript


def exchange(i: int) -> list[Entry]:
    return [
        Entry(NARRATION, f"Round {i}: the buyer leans back and folds his arms."),
        Entry(BUYER, f"“Why should I pay more for pallets in round {i}?”"),
        Entry(REP, f"“What did broken pallets cost you last quarter, round {i}?”"),
        Entry(COACH, "Coach: +3 points · insight", points=3),
    ]


def laid_out(app, entries, view) -> Transcript:
    t = Transcript(app)
    t.set(entries)
    t.layout(view)
    return t


def shape(t: Transcript) -> list[tuple]:
    return [(p.entry, tuple(p.box), tuple(p.text), tuple(p.lines), p.px) for p in t.placed]


def test_a_move_lays_out_only_its_new_lines_and_matches_a_fresh_layout(make_app):
    app = make_app()
    view = pygame.Rect(100, 80, 700, 400)
    past = [e for i in range(30) for e in exchange(i)]
    t = laid_out(app, [*past, Entry(BUYER, "“And now?”", current=True)], view)
    before = list(t.placed)

    grown = [*past, *exchange(30), Entry(BUYER, "“So what do you propose?”", current=True)]
    t.set(grown)
    t.layout(view)
    assert all(a is b for a, b in zip(t.placed[: len(past)], before[: len(past)], strict=True))
    assert t.placed[len(past)] is not before[len(past)]  # the old current line is redone
    fresh = laid_out(app, grown, view)
    assert shape(t) == shape(fresh) and t.content_h == fresh.content_h


def test_a_new_view_lays_everything_out_again(make_app):
    app = make_app()
    entries = [e for i in range(5) for e in exchange(i)]
    t = laid_out(app, entries, pygame.Rect(100, 80, 700, 400))
    first = t.placed[0]
    narrow = pygame.Rect(100, 80, 420, 400)
    t.layout(narrow)
    assert t.placed[0] is not first
    assert shape(t) == shape(laid_out(app, entries, narrow))


def test_the_history_makes_a_decisions_lines_once_and_follows_a_rewind():
    """A move late in a long run must not rebuild every earlier line; a rewind that takes
    another choice shows that choice, not the lines kept for the one it replaced."""
    from game.content import load_scenario
    from game.ui.attempt import Attempt
    from game.ui.transcript import history
    from tests.helpers import SPEC_EXAMPLE

    scenario = load_scenario(SPEC_EXAMPLE).scenario
    attempt = Attempt(scenario, "practice", "Zoë")
    attempt.choose(attempt.conversation.visible_choices()[0])
    first = history(attempt)
    again = history(attempt)
    assert again == first
    made = [e for e in first if not e.current]  # the decision's lines (the line now is new)
    assert all(a is b for a, b in zip(again[: len(made)], made, strict=True))
    said = next(e.text for e in first if e.kind == REP)
    attempt.rewind(0)
    other = attempt.conversation.visible_choices()[1]
    attempt.choose(other)
    now = [e.text for e in history(attempt) if e.kind == REP]
    assert now != [said] and other.text.split()[0] in now[0]


def test_a_new_height_keeps_every_place(make_app):
    """The choices below change the view's height (the last move shows one button): the
    places hang from its edges, so none is laid out again, and they match a fresh layout."""
    app = make_app()
    entries = [e for i in range(5) for e in exchange(i)]
    t = laid_out(app, entries, pygame.Rect(100, 80, 700, 400))
    before = list(t.placed)
    taller = pygame.Rect(100, 60, 700, 520)
    t.layout(taller)
    assert all(a is b for a, b in zip(t.placed, before, strict=True))
    assert shape(t) == shape(laid_out(app, entries, taller))
