"""One check for every screen of the window: buttons on the stage and apart, text in its boxes;
and one for what must be whole: no text in an area ended with "…" to fit."""

import itertools

import pygame


def forget_drawn(app) -> None:
    """The next frame draws every part afresh: none is blitted from an earlier frame (the
    conversation keeps its parts drawn), so a check that watches the drawing sees it all."""
    for scene in app.scenes:
        scene.forget_drawn()


def drawn_inks(app, method: str = "box") -> list[tuple[str, pygame.Rect]]:
    """Render the top screen once, afresh, recording each text `app.kit.<method>` drew ("box"
    or "line") with the rect its ink took, in drawing order."""
    forget_drawn(app)
    drawn = []
    real = getattr(app.kit, method)

    def record(surface, text, *args, **kw):
        ink = real(surface, text, *args, **kw)
        drawn.append((text, ink))
        return ink

    setattr(app.kit, method, record)
    try:
        app.render()
    finally:
        setattr(app.kit, method, real)
    return drawn


def check_fits(app, where: str, whole: bool = False) -> None:
    """Render the top screen and assert nothing overlaps, spills or leaves the window.

    `whole`: the screen reflows or scrolls instead of shrinking, so no text is drawn smaller
    than its size asks or cut with an ellipsis."""
    app.render()
    window = pygame.Rect((0, 0), app.surface.get_size())
    buttons = [b for b in app.scenes.top.widgets() if b.rect.width and b.rect.height]
    assert buttons, f"{where}: no buttons to reach"
    # A screen laid out over the window's whole height (the projector's) says so.
    stage = getattr(app.scenes.top, "stage_area", app.stage.area)
    for b in buttons:
        assert window.contains(b.rect), f"{where}: '{b.label}' is off-screen at {b.rect}"
        assert stage.contains(b.rect), f"{where}: '{b.label}' leaves the stage"
    for a, b in itertools.combinations(buttons, 2):
        assert not a.rect.colliderect(b.rect), f"{where}: '{a.label}' overlaps '{b.label}'"
    smallest = min(app.kit.sizes_drawn, default=app.floor_px())
    assert smallest >= app.floor_px(), f"{where}: text drawn at {smallest} px, under the floor"
    if whole:
        assert not app.kit.cut, f"{where}: text cut: {[t for t, _ in app.kit.cut[:3]]}"
        assert not app.kit.shrunk, f"{where}: text shrunk: {app.kit.shrunk[:3]}"
    for box, ink in app.kit.drawn:
        if ink.width and ink.height:
            assert box.contains(ink), f"{where}: text spills from {box} to {ink}"
            assert window.contains(ink), f"{where}: text off-screen at {ink}"


def check_whole(app, where: str, area=None, allow=()) -> None:
    """After `check_fits` (or a render): no text whose box lies inside `area` (default:
    anywhere) was cut short with an ellipsis, except the texts in `allow`."""
    cut = [
        text
        for text, box in app.kit.cut
        if (area is None or area.contains(box)) and text not in allow
    ]
    assert not cut, f"{where}: cut to fit: {cut}"
