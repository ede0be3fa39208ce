"""The debrief draws at once, before the scenario's scorecard is made, and fills in the
Index and the leader's path when it arrives."""

from __future__ import annotations

import threading

import pytest

from game.engine import scorecard
from game.ui.intents import key_event
from tests.ui.test_ui_play import open_tender


@pytest.fixture
def held(monkeypatch):
    """The scorecard's analysis waits for `gate`, as a slow one on a large scenario would."""
    scorecard.forget()
    gate = threading.Event()
    real = scorecard.analyze

    def slow(scenario, *args, **kwargs):
        assert gate.wait(30), "the test never let the analysis finish"
        return real(scenario, *args, **kwargs)

    monkeypatch.setattr(scorecard, "analyze", slow)
    yield gate
    gate.set()
    scorecard.forget()


def test_the_debrief_shows_at_once_and_fills_in_when_the_scorecard_arrives(make_app, held):
    app = make_app()
    demo = open_tender(app)  # the briefing started the scorecard: it is now held
    for key in ("1", "return", "1"):
        demo.press(key)
    app.feed(key_event("return"))  # on to the debrief, without waiting for anything
    debrief = app.scenes.top
    assert debrief.name == "debrief"
    assert debrief.card is None and debrief.index is None and debrief.departure is None
    assert debrief.wake_in() is not None  # it looks for the scorecard while it waits
    app.render()  # drawn with the placeholder, not blocked
    focus = debrief.buttons.focus
    assert focus == len(debrief.dots) - 1  # the last decision, until the departure is known

    app.step(debrief.wake_in())
    assert debrief.card is None  # still being made: nothing changes, nothing waits

    held.set()
    scorecard.scorecard_for(debrief.scenario)  # the worker finishes
    app.step(debrief.wake_in())
    assert debrief.card is not None and debrief.wake_in() is None
    assert 0 <= debrief.index < 100
    assert debrief.departure is not None and debrief.departure[0] == 1
    assert debrief.buttons.focus == 0  # the focus moved to where the leader's path was left
    assert app.dirty
    app.render()


def test_a_rep_who_moved_the_focus_keeps_it_when_the_scorecard_arrives(make_app, held):
    app = make_app()
    demo = open_tender(app)
    for key in ("1", "return", "1"):
        demo.press(key)
    app.feed(key_event("return"))
    debrief = app.scenes.top
    app.feed(key_event("right"))  # to the first button after the last decision
    moved = debrief.buttons.focus
    held.set()
    scorecard.scorecard_for(debrief.scenario)
    app.step(debrief.wake_in())
    assert debrief.card is not None and debrief.buttons.focus == moved


def test_a_demo_waits_for_the_scorecard_as_a_patient_player_would(make_app, held, monkeypatch):
    app = make_app()
    demo = open_tender(app)
    for key in ("1", "return", "1"):
        demo.press(key)
    waited = []
    real_get = app.analyses.get

    def get(scenario):  # the demo's wait lets the held analysis finish
        waited.append(scenario.id)
        held.set()
        return real_get(scenario)

    monkeypatch.setattr(app.analyses, "get", get)
    demo.press("return")
    assert app.scenes.top.name == "debrief" and app.scenes.top.card is not None
    assert waited  # the debrief came up before its scorecard, and the demo waited for it
