"""Colours, settings and portraits."""

import pygame
import pytest

from game.bundle import bundled_scenarios
from game.content.model import MOODS
from game.ui.layout import Stage
from game.ui.portraits import Portraits, draw_portrait, features
from game.ui.scene import Scene
from game.ui.settings import Settings
from game.ui.theme import HIGH_CONTRAST, NORMAL, contrast, points_text


@pytest.mark.parametrize(
    ("pal", "minimum"), [(NORMAL, 4.5), (HIGH_CONTRAST, 7.0)], ids=["normal", "high-contrast"]
)
def test_text_contrast_meets_its_minimum(pal, minimum):
    for ground in (pal.background, pal.stage, pal.panel, pal.raised):
        assert contrast(pal.text, ground) >= minimum
        assert contrast(pal.muted, ground) >= minimum
    assert contrast(pal.on_accent, pal.accent) >= minimum


@pytest.mark.parametrize(
    ("points", "text"), [(5, "+5 ▲"), (-3, "−3 ▼"), (0, "0")], ids=["gain", "loss", "zero"]
)
def test_points_carry_a_sign_and_an_arrow_not_only_a_colour(points, text):
    assert points_text(points) == text


@pytest.mark.parametrize(
    ("size", "u", "origin"),
    [
        ((1280, 720), 1.0, (0, 0)),
        ((1024, 600), 0.8, (0, 12)),
        ((3840, 2160), 3.0, (0, 0)),
        ((2560, 1080), 1.5, (320, 0)),
    ],
    ids=["default", "small", "4k", "ultrawide"],
)
def test_the_stage_is_a_centred_16_9_area_in_units(size, u, origin):
    st = Stage(*size)
    assert st.u == pytest.approx(u)
    assert st.origin == origin
    assert pygame.Rect(0, 0, *size).contains(st.area)


def test_settings_round_trip_and_ignore_bad_values():
    s = Settings(
        text_size=1.25,
        text_speed="fast",
        high_contrast=True,
        timers=False,
        window_size=(1600, 900),
        player="Zoë",
    )
    assert Settings.from_dict(s.to_dict()) == s
    bad = {
        "window.text_size": 7,
        "window.text_speed": "warp",
        "window.high_contrast": "yes",
        "window.window_size": [10, 10],
        "other.key": 1,
    }
    assert Settings.from_dict(bad) == Settings()


def test_reduced_motion_shows_lines_at_once():
    assert Settings(reduced_motion=True).ms_per_word == 0
    assert Settings(text_speed="slow").ms_per_word > Settings().ms_per_word > 0


def test_a_buyer_always_looks_the_same_and_buyers_differ():
    assert features("Dana Okafor") == features("Dana Okafor")
    looks = {features(n) for n in ("Dana Okafor", "Jürgen Weiß", "Ayşe Yılmaz", "Sam")}
    assert len(looks) > 1


def test_the_look_in_the_file_wins_and_the_name_fills_the_rest():
    from game.content.model import Look

    f = features("Maria Santos", Look(skin="dark", hair="braids", glasses="round"))
    assert (f.skin, f.hair, f.glasses) == ("dark", "braids", "round")
    assert f.presentation == "woman"  # from the name: Maria is not drawn as a man
    assert features("Rafael Costa").presentation == "man"
    # Different buyers get different faces across the bundled names.
    names = ["Dana Okafor", "Priya Raman", "Amara Osei", "Helen Marsh", "Rafael Costa"]
    names += ["Janet Brennan", "Ingrid Solberg", "Tomás Herrera", "Sam Whitaker"]
    assert len({(features(n).skin, features(n).hair, features(n).hair_colour) for n in names}) >= 7


def test_a_blink_closes_the_eyes_and_changes_only_the_eyes():
    open_ = draw_portrait("Dana Okafor", "neutral", 96)
    shut = draw_portrait("Dana Okafor", "neutral", 96, blink=True)
    diff = [
        (x, y) for y in range(96) for x in range(96) if open_.get_at((x, y)) != shut.get_at((x, y))
    ]
    assert diff
    ys = [y for _, y in diff]
    assert min(ys) > 96 * 0.25 and max(ys) < 96 * 0.55  # the eye band, not the mouth or hair


def test_each_mood_has_its_own_face():
    faces = {pygame.image.tobytes(draw_portrait("Dana Okafor", m, 96), "RGB") for m in MOODS}
    assert len(faces) == len(MOODS)


def test_portraits_are_drawn_once_and_reused():
    p = Portraits()
    assert p.get("Dana", "pleased", 64) is p.get("Dana", "pleased", 64)


def test_an_unreadable_portrait_image_falls_back_to_the_drawing(tmp_path):
    bad = tmp_path / "dana.png"
    bad.write_bytes(b"not an image")
    surf = Portraits().get("Dana", "neutral", 64, bad)
    assert surf.get_size() == (64, 64)


def test_a_scenario_portrait_image_replaces_the_drawing(tmp_path):
    pygame.display.init()
    img = pygame.Surface((40, 60))
    img.fill((200, 10, 10))
    path = tmp_path / "p.png"
    pygame.image.save(img, str(path))
    surf = Portraits().get("Dana", "annoyed", 32, path)
    r, g, b = surf.get_at((16, 16))[:3]
    assert r > 180 and g < 30 and b < 30  # the image's red, not a drawn face


def test_sound_cues_are_made_by_the_game():
    from game.ui.sound import RATE, tone_samples

    samples = tone_samples([(440, 100)])
    assert len(samples) == RATE // 10
    assert max(samples) > 1000 and abs(samples[-1]) < 50  # audible, and fading to silence


def test_no_audio_device_means_silence_not_a_crash(monkeypatch):
    from game.ui.sound import Sounds

    def no_device(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sounds = Sounds()
    sounds.play("gain")
    sounds.play("loss")
    assert sounds._failed and sounds._cues is None


def test_sound_off_never_starts_the_mixer(monkeypatch):
    from game.ui.sound import Sounds

    started = []
    monkeypatch.setattr(pygame.mixer, "init", lambda *a, **k: started.append(1))
    Sounds(enabled=False).play("choose")
    assert not started


def test_no_sound_device_prints_nothing(tmp_path):
    """ALSA writes a page of errors from C when there is no card; the game silences them."""
    import subprocess
    import sys

    code = (
        "from game.ui.sound import Sounds\n"
        "s = Sounds()\n"
        "s.play('choose')\n"
        "import sys; sys.stderr.write('still here\\n')\n"
    )
    env = {"SDL_AUDIODRIVER": "alsa", "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0
    assert proc.stderr == "still here\n"  # stderr works again after the mixer tried


def test_every_screen_draws_the_buyer_from_the_files_look():
    """No screen asks for a portrait without the buyer's look (it would draw someone else)."""
    import re

    from tests.helpers import ROOT

    calls = 0
    for path in sorted((ROOT / "game" / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for call in re.findall(r"portraits\.get\((.*?)\)\n", text, re.S):
            calls += 1
            assert "look=" in call, f"{path.name}: portraits.get({call.strip()[:40]}...)"
    assert calls >= 5  # conversation, briefing, library, title, workshop


class Blank(Scene):
    """A screen that draws nothing, so the stage under it shows."""

    picture = None

    def backdrop(self):
        return self.picture


def test_the_stage_is_lit_from_above_inside_margins_of_the_background(make_app):
    app = make_app(size=(1400, 700))  # wider than 16:9: margins left and right
    app.scenes.push(Blank(app))
    app.relayout()
    app.render()
    area, pal = app.stage.area, app.pal
    assert area.left > 0
    for x, y in ((area.left - 1, 350), (area.right, 10)):
        assert app.surface.get_at((x, y))[:3] == pal.background
    assert app.surface.get_at((area.centerx, area.top))[:3] == pal.stage
    low = app.surface.get_at((area.centerx, area.bottom - 1))[:3]
    assert sum(low) < sum(pal.stage)  # darker toward the floor
    app.settings.high_contrast = True  # a new palette: the kept stage is drawn again
    app.relayout()
    app.render()
    assert app.surface.get_at((area.centerx, area.bottom - 1))[:3] == HIGH_CONTRAST.stage


def test_a_screens_own_picture_covers_the_stage_and_not_the_margins(make_app):
    app = make_app(size=(1000, 760))  # taller than 16:9: margins above and below
    blank = app.scenes.push(Blank(app))
    app.relayout()
    blank.picture = pygame.Surface(app.stage.area.size)
    blank.picture.fill((200, 10, 10))
    app.render()
    area = app.stage.area
    assert area.top > 0
    assert app.surface.get_at((500, area.top - 1))[:3] == app.pal.background
    assert app.surface.get_at((500, area.bottom))[:3] == app.pal.background
    for point in (area.topleft, (area.centerx, area.centery), (area.right - 1, area.bottom - 1)):
        assert app.surface.get_at(point)[:3] == (200, 10, 10)


def test_the_conversation_shows_its_setting_unless_in_high_contrast(make_app):
    from game.ui.demo import Demo

    app = make_app(paths=(bundled_scenarios() / "procurement-squeeze.yaml",))
    demo = Demo(app, None)
    demo.type("Zoë")
    demo.press("return")
    demo.press("return")
    demo.press("p")
    screen = app.scenes.top
    assert screen.name == "conversation"
    shade = app.pal.stage
    assert screen.backdrop() is app.backdrops.get("warehouse", app.stage.area.size, shade)
    app.settings.high_contrast = True
    app.relayout()
    assert screen.backdrop() is None
