"""The format's tags and how the game groups them: plain tables, no dataclasses.

`game.content.model` re-exports them; the window's theme reads them from here, so it can
start before any scenario (and the scenario model) is loaded.
"""

from __future__ import annotations

DEFAULT_RUBRIC: dict[str, int] = {
    "insight": 3,
    "outcome": 3,
    "leadership": 2,
    "discovery": 1,
    "feature": -1,
    "follower": -2,
    "commodity": -2,
    "price": -3,
}
# The default rubric's tags, grouped the way the game teaches them: lead with insight and
# outcomes; price and commodity answers are what loses deals. The one table of tag groups:
# analysis, the briefing, the debrief, progress and the workshop all read it.
TAG_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Leadership", ("insight", "outcome", "leadership")),
    ("Discovery", ("discovery",)),
    ("Features & following", ("feature", "follower")),
    ("Price & commodity", ("price", "commodity")),
)
LEADING = TAG_GROUPS[0][1]  # the format's leadership tags, in the order screens list them
COMMODITY = TAG_GROUPS[-1][1]  # the format's commodity tags, likewise
LEADERSHIP_TAGS = frozenset(LEADING)
COMMODITY_TAGS = frozenset(COMMODITY)
