"""Saved progress: players, settings and every run, in a local SQLite file. No pygame here."""

from game.store.leadership import leadership_index
from game.store.records import Decision, RunRecord
from game.store.resume import resume
from game.store.store import MODES, Store, open_store, player_name

__all__ = [
    "MODES",
    "Decision",
    "RunRecord",
    "Store",
    "leadership_index",
    "open_store",
    "player_name",
    "resume",
]
