"""The scene stack: push, pop, replace and the order of the life-cycle calls."""

from game.ui.scene import Scene, SceneStack


class Recorder(Scene):
    def __init__(self, name, log, opaque=True):
        super().__init__(app=None)
        self.name, self.log, self.opaque = name, log, opaque

    def enter(self):
        self.log.append(f"{self.name}.enter")

    def pause(self):
        self.log.append(f"{self.name}.pause")

    def resume(self):
        self.log.append(f"{self.name}.resume")

    def exit(self):
        self.log.append(f"{self.name}.exit")


def test_push_pauses_the_scene_below_and_pop_resumes_it():
    log, stack = [], SceneStack()
    a, b = Recorder("a", log), Recorder("b", log)
    stack.push(a)
    stack.push(b)
    assert stack.top is b
    assert stack.pop() is b
    assert stack.top is a
    assert log == ["a.enter", "a.pause", "b.enter", "b.exit", "a.resume"]


def test_replace_swaps_the_top_without_resuming_the_scene_below():
    log, stack = [], SceneStack()
    a, b, c = (Recorder(n, log) for n in "abc")
    stack.push(a)
    stack.push(b)
    log.clear()
    stack.replace(c)
    assert list(stack) == [a, c]
    assert log == ["b.exit", "c.enter"]


def test_pop_on_an_empty_stack_returns_none():
    assert SceneStack().pop() is None


def test_overlays_are_drawn_over_the_topmost_opaque_scene():
    log, stack = [], SceneStack()
    a, b = Recorder("a", log), Recorder("b", log)
    note, help_ = Recorder("note", log, opaque=False), Recorder("help", log, opaque=False)
    for s in (a, b, note, help_):
        stack.push(s)
    assert stack.visible() == [b, note, help_]


def test_input_goes_through_overlays_down_to_the_first_opaque_scene():
    log, stack = [], SceneStack()
    a, b = Recorder("a", log), Recorder("b", log)
    note = Recorder("note", log, opaque=False)
    for s in (a, b, note):
        stack.push(s)
    assert stack.receivers() == [note, b]
