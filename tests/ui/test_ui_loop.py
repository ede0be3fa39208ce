"""The real event loop (not the demo's stepped clock) moves animations on by wall time."""

import threading

import pygame

from game.ui.demo import Demo, walk_to


def test_the_loop_reveals_the_buyers_line_in_real_time(make_app):
    app = make_app()
    demo = Demo(app, None)
    demo.press("return")  # title -> library
    library = app.scenes.top
    walk_to(demo, library, next(i for i, c in enumerate(library.cards) if c.data.ok))
    demo.press("return")  # briefing
    demo.press("p")  # practice
    screen = app.scenes.top
    assert screen.name == "conversation"
    screen.show_node()  # the demo settles animations as it presses; start the reveal again
    assert not screen.revealed

    stepped = []
    real_step = app.step

    def step(dt_ms):
        stepped.append(dt_ms)
        real_step(dt_ms)
        if sum(stepped) >= 150:
            app.running = False

    app.step = step
    # A safety net: if time never moved, the loop would wait for ever.
    guard = threading.Timer(3.0, lambda: pygame.event.post(pygame.event.Event(pygame.QUIT)))
    guard.start()
    try:
        app.run()
    finally:
        guard.cancel()
    assert sum(stepped) >= 150, "the loop never saw time pass"
    assert screen.words > 0


def test_the_first_frame_is_on_screen_before_the_loop_sets_up_its_wait(make_app, monkeypatch):
    import game.ui.wait as wait

    app = make_app()
    order = []
    real_flip, real_init = pygame.display.flip, wait.Waiter.__init__

    def flip():
        order.append("flip")
        real_flip()

    def init(self):
        order.append("waiter")
        real_init(self)

    monkeypatch.setattr(pygame.display, "flip", flip)
    monkeypatch.setattr(wait.Waiter, "__init__", init)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.run()
    assert order[:2] == ["flip", "waiter"]
    assert order.count("waiter") == 1
