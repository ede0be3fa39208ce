"""The screens: title, library, briefing, conversation, coach's note, debrief, settings,
help and a scenario's problems. Each module holds one scene class."""
