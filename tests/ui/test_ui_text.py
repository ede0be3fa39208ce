"""Text: wrapped by measured width, never spilling from its box, in any Latin script."""

import pygame
import pytest

from game.ui.text import ELLIPSIS, TextKit, wrap

SAMPLES = {
    "english": "Before we compare numbers, what did last quarter's late deliveries cost you?",
    "german": "Größenordnung: Die Übergrößen-Straßenpaletten für Müller & Söhne, bitte heute.",
    "polish_turkish": "Zażółć gęślą jaźń, Łódź; şimdi ğüzel ılık İstanbul ÇĞİÖŞÜ çğıöşü.",
    "spanish": "El señor Peña pidió más información sobre el año pasado.",
    "long_word": "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3,
    "line_breaks": "First line.\nSecond line after a break.\n\nA paragraph.",
}


@pytest.fixture(scope="module")
def kit():
    pygame.font.init()
    return TextKit()


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
@pytest.mark.parametrize("width", [60, 180, 420], ids=["narrow", "middle", "wide"])
def test_every_wrapped_line_fits_the_measured_width(kit, text, width):
    font = kit.font("regular", 22)
    lines = wrap(text, font, width)
    assert all(font.size(line)[0] <= width for line in lines)
    # Nothing is lost: the words come back in order.
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_wrapping_keeps_the_authors_line_breaks(kit):
    lines = wrap(SAMPLES["line_breaks"], kit.font("regular", 22), 2000)
    assert lines == ["First line.", "Second line after a break.", "", "A paragraph."]


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
@pytest.mark.parametrize("box", [(200, 40), (300, 120), (90, 30)], ids=["short", "roomy", "tiny"])
def test_box_ink_stays_inside_the_box(kit, text, box):
    surface = pygame.Surface((800, 400))
    rect = pygame.Rect(10, 20, *box)
    ink = kit.box(surface, text, "regular", 28, (255, 255, 255), rect)
    assert rect.contains(ink)


def test_text_that_cannot_fit_shrinks_then_ends_with_an_ellipsis(kit):
    text = " ".join(["negotiation"] * 80)
    size, lines = kit.fit(text, "regular", 28, 200, 60, min_px=12)
    assert size < 28
    assert lines[-1].endswith(ELLIPSIS)
    assert len(lines) * kit.line_height(size) <= 60


def test_rendered_text_is_cached(kit):
    a = kit.render("Trust", "bold", 20, (1, 2, 3))
    assert kit.render("Trust", "bold", 20, (1, 2, 3)) is a
    assert kit.render("Trust", "bold", 20, (1, 2, 4)) is not a


def test_non_ascii_letters_are_drawn_not_boxes(kit):
    # A missing glyph renders as the same "tofu" box; real letters differ from each other.
    font = kit.font("regular", 30)
    shapes = {
        pygame.image.tobytes(font.render(ch, True, (255, 255, 255), (0, 0, 0)), "RGB")
        for ch in "éñßüłşğı"
    }
    assert len(shapes) == 8


def test_a_missing_font_file_falls_back_to_the_default_face(tmp_path):
    from game.ui.theme import Fonts

    pygame.font.init()
    font = Fonts(tmp_path).get("bold", 20)
    assert font.size("Trust")[0] > 0


def test_the_text_cache_is_bounded_by_memory(kit):
    small = TextKit(kit.fonts, budget_bytes=200_000)
    for n in range(200):
        small.render(f"A long line of negotiation number {n}", "regular", 40, (255, 255, 255))
    assert small.cached_bytes <= 200_000
    assert len(small._surfaces) < 200


def test_one_off_text_is_not_kept(kit):
    fresh = TextKit(kit.fonts)
    fresh.render("Half a sentence", "regular", 20, (255, 255, 255), cache=False)
    assert fresh.cached_bytes == 0


def test_fit_remembers_each_floor_apart():
    kit = TextKit()
    text = " ".join(["negotiation"] * 40)
    low, _ = kit.fit(text, "regular", 28, 200, 60, min_px=12)
    high, _ = kit.fit(text, "regular", 28, 200, 60, min_px=24)  # same box, a higher floor
    assert low < 24 <= high
