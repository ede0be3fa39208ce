"""The earlier name of `game.ui.attempt`, kept so imports written against it still work."""

from game.ui.attempt import Attempt as Session
from game.ui.attempt import decisions

__all__ = ["Session", "decisions"]
