"""Every screen by name: scenes ask for the next screen by name, never import it.

`App.go`, `App.swap` and `App.back_to` take these names, so the scene modules form no
cycle and each can be read on its own.
"""

from __future__ import annotations

from game.ui.scene import Scene
from game.ui.scenes.briefing import Briefing
from game.ui.scenes.coach import CoachNote
from game.ui.scenes.conversation import ConversationScreen
from game.ui.scenes.debrief import Debrief
from game.ui.scenes.help import Help
from game.ui.scenes.library import Library
from game.ui.scenes.notes import Notes
from game.ui.scenes.problems import Problems
from game.ui.scenes.progress import Progress
from game.ui.scenes.settings import SettingsScreen
from game.ui.scenes.tags import TagMenu
from game.ui.scenes.title import Title
from game.ui.workshop.join import JoinScreen
from game.ui.workshop.reveal import RevealScreen
from game.ui.workshop.scoreboard import Scoreboard
from game.ui.workshop.setup import WorkshopSetup
from game.ui.workshop.vote import VoteScreen

SCENES: dict[str, type[Scene]] = {
    cls.name: cls
    for cls in (
        Title,
        Library,
        Briefing,
        ConversationScreen,
        CoachNote,
        Debrief,
        Notes,
        Problems,
        Progress,
        SettingsScreen,
        TagMenu,
        Help,
        WorkshopSetup,
        JoinScreen,
        VoteScreen,
        RevealScreen,
        Scoreboard,
    )
}


def make(app, name: str, *args, **kwargs) -> Scene:
    """A new scene called `name`; a name no screen has is a bug, so it raises KeyError."""
    return SCENES[name](app, *args, **kwargs)
