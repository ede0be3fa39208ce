"""The model's objects: equal and hashed by their fields, frozen, and copied with `replace`."""

from __future__ import annotations

import copy
import pickle

import pytest

from game.content import load_scenario
from game.content.model import (
    NO_LOOK,
    Buyer,
    Choice,
    FrozenError,
    Loc,
    Look,
    Meter,
    Node,
    Scenario,
)
from tests.helpers import ROOT


def choice(**changes) -> Choice:
    fields = {"id": "ask", "index": 0, "text": "What does it cost you?", "next": "end"}
    return Choice(**(fields | changes))


def test_objects_are_equal_and_hash_alike_when_their_fields_are():
    assert choice() == choice()
    assert hash(choice()) == hash(choice())
    assert choice() != choice(text="Something else")
    assert Loc("a.yaml", 1, 2) == Loc("a.yaml", 1, 2)
    assert Loc("a.yaml", 1, 2) != Loc("a.yaml", 1, 3)
    assert len({Loc("a.yaml", 1, 2), Loc("a.yaml", 1, 2), Loc("b.yaml", 1, 2)}) == 2


def test_objects_of_different_classes_are_never_equal():
    class OtherLoc(Loc):
        __slots__ = ()

    assert Loc("a.yaml", 1, 2) != OtherLoc("a.yaml", 1, 2)
    assert Loc("a.yaml", 1, 2) != ("a.yaml", 1, 2)


def test_a_field_cannot_be_changed_or_deleted_once_made():
    c = choice()
    with pytest.raises(FrozenError):
        c.text = "changed"
    with pytest.raises(FrozenError):
        del c.text
    with pytest.raises(AttributeError):  # FrozenError is one, as a dataclass's error was
        c.index = 3
    assert c.text == "What does it cost you?"


def test_replace_copies_with_the_changes_and_refuses_an_unknown_field():
    c = choice(tags=("insight",), points=3)
    d = c.replace(text="Another way to ask", points=None)
    assert (d.text, d.points, d.tags, d.id) == ("Another way to ask", None, ("insight",), "ask")
    assert c.text == "What does it cost you?"  # the original is untouched
    with pytest.raises(TypeError, match="no field colour"):
        c.replace(colour="red")


def test_repr_names_every_field_in_order():
    assert repr(Loc("a.yaml", 1, 2)) == "Loc(path='a.yaml', line=1, col=2)"
    assert repr(Meter("trust", 5, 0, 10, "Trust")) == (
        "Meter(name='trust', start=5, min=0, max=10, label='Trust', on_min=None, on_max=None, "
        "loc=None)"
    )


def test_defaults_are_those_of_the_format():
    b = Buyer("Dana", "Head of Procurement")
    assert (b.company, b.portrait, b.look) == (None, None, NO_LOOK)
    assert Look() == NO_LOOK
    n = Node("end", "Bye.")
    assert (n.mood, n.choices, n.ending, n.is_ending) == ("neutral", (), None, False)
    s = Scenario("s", "T", "S", b, "end", {"end": n})
    t = Scenario("t", "T", "S", b, "end", {"end": n})
    assert s.meters == {} and s.rubric == t.rubric and s.rubric is not t.rubric  # not shared
    assert (s.lang, s.difficulty, s.format, s.flags) == ("en", 1, 1, ())


def test_a_loaded_scenario_survives_copy_and_pickle():
    scenario = load_scenario(ROOT / "scenarios" / "procurement-squeeze.yaml").scenario
    assert copy.copy(scenario) == scenario
    assert copy.deepcopy(scenario.buyer) == scenario.buyer
    node = next(iter(scenario.nodes.values()))
    assert pickle.loads(pickle.dumps(node.loc)) == node.loc
    assert scenario.replace(id="other").id == "other"
    assert scenario.replace(id="other").nodes is scenario.nodes
