"""The loaded, validated scenario: frozen objects that front ends and the engine read.

Every object keeps the location (`Loc`) of the YAML that defined it, so later checks
(analysis, teaching-quality warnings) can point trainers at the exact line.
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path

from game.content.tags import (  # noqa: F401 - the format's tables, read from here too
    COMMODITY,
    COMMODITY_TAGS,
    DEFAULT_RUBRIC,
    LEADERSHIP_TAGS,
    LEADING,
    TAG_GROUPS,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

MOODS = ("neutral", "interested", "skeptical", "annoyed", "impressed", "pleased")
RESULTS = ("won", "lost", "stalled")

TIMEOUT = "timeout"  # the move token and reserved choice id for a timer running out

# `setting:` names the backdrop the window draws behind the conversation.
SETTINGS = (
    "office",
    "boardroom",
    "video-call",
    "warehouse",
    "factory",
    "hospital",
    "clinic",
    "cafe",
    "hotel",
    "campus",
    "harbour",
)

# `buyer.look:` how the window draws a buyer who has no portrait image. Every key is
# optional; what is left out is picked from the buyer's name, so each buyer keeps one face.
LOOK_VALUES: dict[str, tuple[str, ...]] = {
    "presentation": ("woman", "man", "neutral"),
    "skin": ("pale", "light", "medium", "olive", "brown", "dark"),
    "age": ("young", "middle", "senior"),
    "hair": (
        "short",
        "cropped",
        "side-part",
        "curly",
        "afro",
        "bob",
        "long",
        "bun",
        "ponytail",
        "braids",
        "bald",
    ),
    "hair_colour": ("black", "dark-brown", "brown", "auburn", "blonde", "red", "grey", "white"),
    "facial_hair": ("none", "stubble", "moustache", "beard"),
    "glasses": ("none", "round", "square"),
    "clothes": ("suit", "blazer", "shirt", "sweater", "scrubs", "hi-vis"),
    "clothes_colour": (
        "navy",
        "charcoal",
        "black",
        "grey",
        "blue",
        "teal",
        "green",
        "burgundy",
        "plum",
        "camel",
        "white",
    ),
}


class FrozenError(AttributeError):
    """Raised on an attempt to change a model object after it was made."""


_set = object.__setattr__


class Frozen:
    """What every model class shares: equality and a hash by its fields (its `__slots__` and
    its bases', in order), a repr naming them, `replace(**changes)` for a copy with some fields changed, and
    no change after it is made.

    Plain classes rather than frozen dataclasses: making a dataclass compiles its methods
    when the module is imported, which cost every command (`salesplay validate` too) about
    a millisecond per class.
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._fields = tuple(
            name for k in reversed(cls.__mro__) for name in vars(k).get("__slots__", ())
        )
        get = attrgetter(*cls._fields)  # the fields' values at once, as a tuple
        cls._get = get if len(cls._fields) > 1 else staticmethod(lambda obj: (get(obj),))

    def _values(self) -> tuple:
        return self._get(self)

    def __eq__(self, other):
        if other is self:  # the same record (a run's moves are compared as it grows)
            return True
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name, value):
        raise FrozenError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenError(f"cannot delete field {name!r}")

    def __reduce__(self):
        return (type(self), self._values())

    def replace(self, **changes):
        """A copy with `changes` (field name -> value) made; an unknown name is a TypeError."""
        values = dict(zip(self._fields, self._values(), strict=True))
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"{type(self).__qualname__} has no field {', '.join(sorted(unknown))}")
        values.update(changes)
        return type(self)(**values)


class Loc(Frozen):
    """A place in a scenario file: 1-based line and column."""

    __slots__ = ("path", "line", "col")

    def __init__(self, path: str, line: int, col: int):
        _set(self, "path", path)
        _set(self, "line", line)
        _set(self, "col", col)


class Look(Frozen):
    """`buyer.look`: each field is one of `LOOK_VALUES[field]`, or None to pick from the name."""

    __slots__ = (
        "presentation",
        "skin",
        "age",
        "hair",
        "hair_colour",
        "facial_hair",
        "glasses",
        "clothes",
        "clothes_colour",
    )

    def __init__(
        self,
        presentation: str | None = None,
        skin: str | None = None,
        age: str | None = None,
        hair: str | None = None,
        hair_colour: str | None = None,
        facial_hair: str | None = None,
        glasses: str | None = None,
        clothes: str | None = None,
        clothes_colour: str | None = None,
    ):
        _set(self, "presentation", presentation)
        _set(self, "skin", skin)
        _set(self, "age", age)
        _set(self, "hair", hair)
        _set(self, "hair_colour", hair_colour)
        _set(self, "facial_hair", facial_hair)
        _set(self, "glasses", glasses)
        _set(self, "clothes", clothes)
        _set(self, "clothes_colour", clothes_colour)


NO_LOOK = Look()  # every feature picked from the name


class Buyer(Frozen):
    """Who the rep talks to."""

    __slots__ = ("name", "role", "company", "portrait", "portrait_text", "look")

    def __init__(
        self,
        name: str,
        role: str,
        company: str | None = None,
        portrait: Path | None = None,  # resolved, inside the scenario folder, and readable
        portrait_text: str | None = None,  # as written in the file
        look: Look = NO_LOOK,
    ):
        _set(self, "name", name)
        _set(self, "role", role)
        _set(self, "company", company)
        _set(self, "portrait", portrait)
        _set(self, "portrait_text", portrait_text)
        _set(self, "look", look)


class Meter(Frozen):
    """A number the scenario tracks (trust, patience), with its range and what its ends do."""

    __slots__ = ("name", "start", "min", "max", "label", "on_min", "on_max", "loc")

    def __init__(
        self,
        name: str,
        start: int,
        min: int,
        max: int,
        label: str,
        on_min: str | None = None,
        on_max: str | None = None,
        loc: Loc | None = None,
    ):
        _set(self, "name", name)
        _set(self, "start", start)
        _set(self, "min", min)
        _set(self, "max", max)
        _set(self, "label", label)
        _set(self, "on_min", on_min)
        _set(self, "on_max", on_max)
        _set(self, "loc", loc)


class Condition(Frozen):
    """A parsed `if:` condition. `test(meters, flags, visited)` evaluates it, never `eval`."""

    __slots__ = ("source", "test", "names", "visits", "loc")

    def __init__(
        self,
        source: str,
        test: Any,  # Callable[[Mapping[str,int], AbstractSet[str], AbstractSet[str]], bool]
        names: frozenset[str] = frozenset(),  # meters and flags it reads
        visits: frozenset[str] = frozenset(),  # node ids inside visited(...)
        loc: Loc | None = None,  # the `if:` value, for checks that point at the condition
    ):
        _set(self, "source", source)
        _set(self, "test", test)
        _set(self, "names", names)
        _set(self, "visits", visits)
        _set(self, "loc", loc)

    def holds(self, meters, flags, visited) -> bool:
        return bool(self.test(meters, flags, visited))


class Choice(Frozen):
    """One thing the rep can say at a decision."""

    __slots__ = (
        "id",
        "index",
        "text",
        "next",
        "tags",
        "points",
        "value",
        "effects",
        "set",
        "clear",
        "condition",
        "feedback",
        "loc",
        "examples",
    )

    def __init__(
        self,
        id: str,
        index: int,  # 0-based position among all the node's choices, hidden or not
        text: str,
        next: str,
        tags: tuple[str, ...] = (),
        points: int | None = None,  # as written; None means "sum of the tags"
        value: int = 0,  # the points it scores: `points`, else the rubric sum of its tags
        effects: tuple[tuple[str, int], ...] = (),  # (meter, change) in file order
        set: tuple[str, ...] = (),
        clear: tuple[str, ...] = (),
        condition: Condition | None = None,
        feedback: str | None = None,
        loc: Loc | None = None,
        examples: tuple[str, ...] = (),  # other ways a rep might say it (recall mode only)
    ):
        _set(self, "id", id)
        _set(self, "index", index)
        _set(self, "text", text)
        _set(self, "next", next)
        _set(self, "tags", tags)
        _set(self, "points", points)
        _set(self, "value", value)
        _set(self, "effects", effects)
        _set(self, "set", set)
        _set(self, "clear", clear)
        _set(self, "condition", condition)
        _set(self, "feedback", feedback)
        _set(self, "loc", loc)
        _set(self, "examples", examples)

    @property
    def is_commodity(self) -> bool:
        return any(t in COMMODITY_TAGS for t in self.tags)


class Ending(Frozen):
    """How a run ends at an ending node."""

    __slots__ = ("result", "title", "points", "debrief")

    def __init__(self, result: str, title: str, points: int = 0, debrief: str | None = None):
        _set(self, "result", result)
        _set(self, "title", title)
        _set(self, "points", points)
        _set(self, "debrief", debrief)


class Node(Frozen):
    """A decision (the buyer speaks, the rep chooses) or an ending."""

    __slots__ = (
        "id",
        "say",
        "mood",
        "narration",
        "choices",
        "time_limit",
        "timeout",
        "ending",
        "loc",
    )

    def __init__(
        self,
        id: str,
        say: str,
        mood: str = "neutral",
        narration: str | None = None,
        choices: tuple[Choice, ...] = (),
        time_limit: int | None = None,
        timeout: str | None = None,
        ending: Ending | None = None,
        loc: Loc | None = None,
    ):
        _set(self, "id", id)
        _set(self, "say", say)
        _set(self, "mood", mood)
        _set(self, "narration", narration)
        _set(self, "choices", choices)
        _set(self, "time_limit", time_limit)
        _set(self, "timeout", timeout)
        _set(self, "ending", ending)
        _set(self, "loc", loc)

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


class Scenario(Frozen):
    """A whole scenario, checked: its nodes by id in file order, its meters and rubric."""

    __slots__ = (
        "id",
        "title",
        "summary",
        "buyer",
        "start",
        "nodes",
        "meters",
        "rubric",
        "flags",
        "difficulty",
        "minutes",
        "lang",
        "tags",
        "setting",
        "author",
        "version",
        "format",
        "path",
        "sha256",
    )

    def __init__(
        self,
        id: str,
        title: str,
        summary: str,
        buyer: Buyer,
        start: str,
        nodes: dict[str, Node],
        meters: dict[str, Meter] | None = None,  # declaration order; None: no meters
        rubric: dict[str, int] | None = None,  # None: the default rubric
        flags: tuple[str, ...] = (),  # every flag named in some set/clear, sorted
        difficulty: int = 1,
        minutes: int | None = None,
        lang: str = "en",
        tags: tuple[str, ...] = (),
        setting: str | None = None,  # one of SETTINGS; None: the window picks a plain backdrop
        author: str | None = None,
        version: str | None = None,
        format: int = 1,
        path: str = "",  # the path as given when loading
        sha256: str = "",  # of the file's bytes: saves notice when a scenario changed
    ):
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "summary", summary)
        _set(self, "buyer", buyer)
        _set(self, "start", start)
        _set(self, "nodes", nodes)
        _set(self, "meters", {} if meters is None else meters)
        _set(self, "rubric", dict(DEFAULT_RUBRIC) if rubric is None else rubric)
        _set(self, "flags", flags)
        _set(self, "difficulty", difficulty)
        _set(self, "minutes", minutes)
        _set(self, "lang", lang)
        _set(self, "tags", tags)
        _set(self, "setting", setting)
        _set(self, "author", author)
        _set(self, "version", version)
        _set(self, "format", format)
        _set(self, "path", path)
        _set(self, "sha256", sha256)

    @property
    def folder(self) -> Path:
        return Path(self.path).parent

    @property
    def decisions(self) -> list[Node]:
        return [n for n in self.nodes.values() if not n.is_ending]

    @property
    def endings(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.is_ending]

    def start_meters(self) -> dict[str, int]:
        return {name: m.start for name, m in self.meters.items()}
