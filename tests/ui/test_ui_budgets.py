"""The window's CPU budgets, as behaviour: the clock redraws only when its look changes and
then only its own pixels, a blink only the portrait, and the loop sleeps in SDL."""

import threading

import pygame

from game.ui.demo import Demo, walk_to
from game.ui.scenes.conversation import PULSE_MS, RING_HZ
from game.ui.wait import Waiter


def open_clock(make_app, reduced_motion=True):
    app = make_app()
    app.settings.timers = True
    app.settings.reduced_motion = reduced_motion  # no blinks: only the clock moves
    demo = Demo(app, None)
    if not app.scenes.top.typed:
        demo.type("Zoë")
    demo.press("return")
    library = app.scenes.top
    walk_to(demo, library, next(i for i, c in enumerate(library.cards) if c.data.ok))
    demo.press("return")
    demo.press("p")
    screen = app.scenes.top
    assert screen.name == "conversation" and screen.remaining_ms is not None
    app.render()
    return app, screen


def whole_frame(app):
    app.render()
    return pygame.image.tobytes(app.surface, "RGB")


def test_a_painted_clock_is_the_pixels_a_whole_frame_would_draw(make_app):
    app, screen = open_clock(make_app, reduced_motion=False)
    total = screen.remaining_ms
    # The first seconds, the warm half, the pulse at rest and at its beat, the last second.
    for left in (total - 700, total // 2 - 300, PULSE_MS - 10, PULSE_MS - 480, 600):
        screen.remaining_ms = left + 500
        app.render()  # a whole frame keeps the pixels under the clock
        screen.remaining_ms = left
        app.patches = [screen.rects["clock"], screen.rects["ring"]]
        assert app.render_patches()
        painted = pygame.image.tobytes(app.surface, "RGB")
        assert painted == whole_frame(app), f"the clock painted at {left} ms differs"


def test_the_clock_wakes_only_when_its_look_changes_and_patches_only_the_ring(make_app):
    app, screen = open_clock(make_app)
    total = screen.remaining_ms
    window = app.surface.get_rect()
    wakes = patched_ring = patched_clock = 0
    while screen.remaining_ms is not None and screen.remaining_ms > 1000:
        wake = screen.wake_in()
        before = screen.clock_look()
        app.step(wake)
        wakes += 1
        assert not app.dirty  # never the whole window
        assert screen.clock_look() != before  # no wake-up without something new to draw
        for rect in app.patches:
            assert rect in (screen.rects["ring"], screen.rects["clock"])
            assert rect.width * rect.height < window.width * window.height // 12
            if rect == screen.rects["ring"]:
                patched_ring += 1
            else:
                patched_clock += 1
        app.render_patches()
    seconds = (total - 1000) / 1000
    assert wakes <= seconds * RING_HZ + seconds + 1  # the arc's steps and the figures, no more
    assert patched_clock >= seconds - 1  # the figures change each second
    assert patched_ring >= 1
    assert screen.rects["ring"].width < screen.rects["clock"].width // 4


def test_the_pulse_moves_in_steps_a_few_times_a_second(make_app):
    app, screen = open_clock(make_app, reduced_motion=False)
    screen.idle_ms = 0
    screen.remaining_ms = PULSE_MS
    wakes = 0
    while screen.remaining_ms is not None and screen.remaining_ms > 1000:
        app.step(screen.wake_in())
        wakes += 1
        app.render_patches()
    assert 4 * 6 <= wakes <= 4 * 12  # four seconds: rest to beat and back, not 25 frames a second


def test_reduced_motion_turns_the_pulse_off(make_app):
    app, screen = open_clock(make_app, reduced_motion=True)
    assert {screen.pulse_step(ms) for ms in range(0, PULSE_MS, 37)} == {0}
    app.settings.reduced_motion = False
    assert len({screen.pulse_step(ms) for ms in range(0, PULSE_MS, 37)}) == 5


def test_the_waiter_sleeps_until_an_event_arrives_from_another_thread(make_app):
    make_app()
    waiter = Waiter()
    pygame.event.clear()
    assert waiter.wait(0) == []
    assert waiter.wait(5) == []  # nothing came: an empty list once the time is up
    timer = threading.Timer(0.05, lambda: pygame.event.post(pygame.event.Event(pygame.USEREVENT)))
    timer.start()
    try:
        events = waiter.wait(None)  # no timeout: only the posted event can end this wait
    finally:
        timer.cancel()
    assert [e.type for e in events] == [pygame.USEREVENT]


def test_the_waiter_uses_the_sdl_that_pygame_loaded(make_app):
    make_app()
    waiter = Waiter()
    assert waiter.blocking  # Linux: found through the process's own memory map
    assert waiter.sdl.SDL_WasInit(0x20)  # the video subsystem pygame initialised
