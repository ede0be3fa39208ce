"""The game window (pygame-ce): the only package that imports pygame.

Reusable pieces for any screen, solo or workshop:

- `scene`: `Scene` and `SceneStack` (push/pop/replace; enter/pause/resume/exit).
- `intents`: pygame events -> the game's own `Intent`s, so scenes are testable without events.
- `layout`: `Stage`, the 16:9 stage in units `u = min(w/1280, h/720)`.
- `theme`: palettes (normal, high contrast), the type scale and fonts.
- `text`: `TextKit`, cached rendering and wrapping by measured width, boxes text cannot spill from.
- `widgets`: buttons with one focus for keys and mouse, chips, meters, pips, the timer ring.
- `portraits`: procedural buyers, seeded by name, six moods, each drawn once.
- `app`: `App`, the window, the event-driven loop and what scenes share.
- `attempt`: `Attempt`, the run on screen (the engine's `Conversation` plus autosave).
- `demo`: drives the real scenes with key presses, for `salesplay play --choices` and tests.
- `sound`: optional cues the game makes itself; silent without an audio device.
"""
