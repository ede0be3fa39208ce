"""Every screen by name: scenes ask for the next screen by name, never import it.

`App.go`, `App.swap` and `App.back_to` take these names, so the scene modules form no
cycle and each can be read on its own. A screen's module is imported the first time it is
asked for, so start-up loads only the first screen's code (the store, the matcher and the
analysis come with the screens that use them).
"""

from __future__ import annotations

import importlib

from game.ui.scene import Scene

# name -> "module:Class"
SCREENS: dict[str, str] = {
    "title": "game.ui.scenes.title:Title",
    "library": "game.ui.scenes.library:Library",
    "briefing": "game.ui.scenes.briefing:Briefing",
    "conversation": "game.ui.scenes.conversation:ConversationScreen",
    "coach": "game.ui.scenes.coach:CoachNote",
    "debrief": "game.ui.scenes.debrief:Debrief",
    "notes": "game.ui.scenes.notes:Notes",
    "problems": "game.ui.scenes.problems:Problems",
    "progress": "game.ui.scenes.progress:Progress",
    "settings": "game.ui.scenes.settings:SettingsScreen",
    "tag-menu": "game.ui.scenes.tags:TagMenu",
    "help": "game.ui.scenes.help:Help",
    "workshop-setup": "game.ui.workshop.setup:WorkshopSetup",
    "workshop-join": "game.ui.workshop.join:JoinScreen",
    "workshop-arrange": "game.ui.workshop.arrange:ArrangeScreen",
    "workshop-vote": "game.ui.workshop.vote:VoteScreen",
    "workshop-reveal": "game.ui.workshop.reveal:RevealScreen",
    "workshop-standings": "game.ui.workshop.standings:StandingsScreen",
    "workshop-podium": "game.ui.workshop.standings:PodiumScreen",
    "workshop-scoreboard": "game.ui.workshop.scoreboard:Scoreboard",
}


def scene_class(name: str) -> type[Scene]:
    """The class of the screen called `name`, its module imported on first use; a name no
    screen has is a bug, so it raises KeyError."""
    module, _, cls = SCREENS[name].partition(":")
    return getattr(importlib.import_module(module), cls)


def make(app, name: str, *args, **kwargs) -> Scene:
    """A new scene called `name`."""
    return scene_class(name)(app, *args, **kwargs)
