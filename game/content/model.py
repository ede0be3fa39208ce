"""The loaded, validated scenario: frozen dataclasses that front ends and the engine read.

Every object keeps the location (`Loc`) of the YAML that defined it, so later checks
(analysis, teaching-quality warnings) can point trainers at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in a scenario file: 1-based line and column."""

    path: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Look:
    """`buyer.look`: each field is one of `LOOK_VALUES[field]`, or None to pick from the name."""

    presentation: str | None = None
    skin: str | None = None
    age: str | None = None
    hair: str | None = None
    hair_colour: str | None = None
    facial_hair: str | None = None
    glasses: str | None = None
    clothes: str | None = None
    clothes_colour: str | None = None


@dataclass(frozen=True, slots=True)
class Buyer:
    name: str
    role: str
    company: str | None = None
    portrait: Path | None = None  # resolved, inside the scenario folder, and readable
    portrait_text: str | None = None  # as written in the file
    look: Look = Look()


@dataclass(frozen=True, slots=True)
class Meter:
    name: str
    start: int
    min: int
    max: int
    label: str
    on_min: str | None = None
    on_max: str | None = None
    loc: Loc | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed `if:` condition. `test(meters, flags, visited)` evaluates it, never `eval`."""

    source: str
    test: Any  # Callable[[Mapping[str,int], AbstractSet[str], AbstractSet[str]], bool]
    names: frozenset[str] = frozenset()  # meters and flags it reads
    visits: frozenset[str] = frozenset()  # node ids inside visited(...)
    loc: Loc | None = None  # the `if:` value, for checks that point at the condition

    def holds(self, meters, flags, visited) -> bool:
        return bool(self.test(meters, flags, visited))


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    index: int  # 0-based position among all the node's choices, hidden or not
    text: str
    next: str
    tags: tuple[str, ...] = ()
    points: int | None = None  # as written; None means "sum of the tags"
    value: int = 0  # the points this choice scores: `points`, else the rubric sum of its tags
    effects: tuple[tuple[str, int], ...] = ()  # (meter, change) in file order
    set: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()
    condition: Condition | None = None
    feedback: str | None = None
    loc: Loc | None = None
    examples: tuple[str, ...] = ()  # other ways a rep might say it (recall mode only)

    @property
    def is_commodity(self) -> bool:
        return any(t in COMMODITY_TAGS for t in self.tags)


@dataclass(frozen=True, slots=True)
class Ending:
    result: str
    title: str
    points: int = 0
    debrief: str | None = None


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    say: str
    mood: str = "neutral"
    narration: str | None = None
    choices: tuple[Choice, ...] = ()
    time_limit: int | None = None
    timeout: str | None = None
    ending: Ending | None = None
    loc: Loc | None = None

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    title: str
    summary: str
    buyer: Buyer
    start: str
    nodes: dict[str, Node]
    meters: dict[str, Meter] = field(default_factory=dict)  # declaration order
    rubric: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_RUBRIC))
    flags: tuple[str, ...] = ()  # every flag named in some set/clear, sorted
    difficulty: int = 1
    minutes: int | None = None
    lang: str = "en"
    tags: tuple[str, ...] = ()
    setting: str | None = None  # one of SETTINGS; None lets the window pick a plain backdrop
    author: str | None = None
    version: str | None = None
    format: int = 1
    path: str = ""  # the path as given when loading
    sha256: str = ""  # of the file's bytes: saves notice when a scenario changed

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
