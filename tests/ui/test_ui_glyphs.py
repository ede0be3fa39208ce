"""Fallback glyphs: emoji, Arabic and Hebrew in a buyer's line show as themselves, not as
the main face's .notdef box; plain text still takes the one-face path."""

import shutil
from pathlib import Path

import pygame
import pytest

from game.ui.glyphs import FallbackFont, rtl_script
from game.ui.text import TextKit, wrap

LINE = "Deal? 👍 We open with مرحبا and close with שלום 🤝"


@pytest.fixture
def kit():
    pygame.font.init()
    return TextKit()


def drawn_by(font, text):
    """(character, the pygame Font that draws it) for every non-space character."""
    runs = font.faces.runs(text, font.coverage) or ((-1, "", text),)
    return [(ch, font._font(face, script)) for face, script, part in runs for ch in part]


def test_no_character_of_a_mixed_line_is_drawn_as_the_missing_glyph_box(kit):
    font = kit.font("regular", 28)
    assert isinstance(font, FallbackFont)
    for ch, face in drawn_by(font, LINE):
        if ch.isspace():
            continue
        assert face.metrics(ch)[0] != face.metrics("\uffff")[0], f"{ch!r} is a box"
    # Inter alone would have boxed them: the test would catch a broken fallback.
    assert font.main.metrics("👍")[0] == font.main.metrics("\uffff")[0]
    assert font.main.metrics("ש")[0] == font.main.metrics("\uffff")[0]


@pytest.mark.parametrize("text", ["👍", "🤝", "ש", "م", "☕"])
def test_a_fallback_glyph_draws_other_pixels_than_the_box(kit, text):
    box = pygame.image.tobytes(kit.render("\uffff", "regular", 28, (255, 255, 255)), "RGBA")
    drawn = kit.render(text, "regular", 28, (255, 255, 255))
    assert drawn.get_bounding_rect().width > 0
    assert pygame.image.tobytes(drawn, "RGBA") != box


def test_arabic_is_shaped_joined_and_right_to_left(kit):
    font = kit.font("regular", 28)
    word = "مرحبا"
    ((face, script, part),) = font.faces.runs(word, font.coverage)
    assert script == "Arab" and part == word and rtl_script(word[0]) == "Arab"
    # Joined letters are narrower than the same letters drawn one by one.
    loose = sum(font.size(ch)[0] for ch in word)
    assert font.size(word)[0] < loose


def test_a_right_to_left_phrase_keeps_its_inner_spaces_and_gives_back_the_outer_ones(kit):
    font = kit.font("regular", 22)
    runs = font.faces.runs("say שלום עליכם now", font.coverage)
    assert [(script, part) for _, script, part in runs] == [
        ("", "say "),
        ("Hebr", "שלום עליכם"),
        ("", " now"),
    ]


def test_text_the_main_face_covers_takes_the_one_face_path(kit):
    font = kit.font("regular", 22)
    for text in ("Plain ASCII.", "Zoë’s “quote” · ñ ß ł ş ğ ı …"):
        assert font.faces.runs(text, font.coverage) is None or text.isascii()
        assert font._runs(text) is None
        assert font.size(text) == font.main.size(text)


def test_mixed_text_is_measured_and_wrapped_by_its_real_width(kit):
    font = kit.font("regular", 28)
    surf = font.render(LINE, True, (255, 255, 255))
    assert surf.get_width() == font.size(LINE)[0]
    width = font.size(LINE)[0] // 2
    lines = wrap(LINE, font, width)
    assert len(lines) >= 2 and all(font.size(line)[0] <= width for line in lines)
    assert " ".join(lines) == LINE


# A sample of each script a trainer may write in, as it appears in a scenario's lines.
SCRIPTS = {
    "Japanese": "価格を教えてください。パレットの破損率「ゼロ」",
    "Chinese": "我们需要一个价格，董事会中午开会！",
    "Korean": "가격을 알려 주세요. 경쟁사는 더 쌉니다",
    "Thai": "เราต้องการราคา คู่แข่งเสนอราคาถูกกว่า",
    "Hindi": "हमें कीमत चाहिए। प्रतिस्पर्धी की बोली कम है",
    "Arabic": "نحتاج إلى سعر، المنافس أرخص",
    "Hebrew": "אנחנו צריכים מחיר, המתחרה זול",
    "emoji": "📦 🚚 👍 🤝 ☕ ⭐",
}


def missing(face, ch) -> bool:
    return face.metrics(ch)[0] == face.metrics("\uffff")[0]


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("style", ["regular", "bold"])
def test_every_character_of_each_script_is_drawn_by_a_face_that_has_it(kit, script, style):
    font = kit.font(style, 24)
    text = SCRIPTS[script]
    drawn = [(ch, face) for ch, face in drawn_by(font, text) if not ch.isspace()]
    assert "".join(ch for ch, _ in drawn) == text.replace(" ", "")
    for ch, face in drawn:
        assert not missing(face, ch), f"{script}: {ch!r} is a box"
    # Inter alone has none of these letters: without the fallback they would be boxes.
    assert any(missing(font.main, ch) for ch, _ in drawn)


@pytest.mark.parametrize(
    ("script", "tag"), [("Thai", "Thai"), ("Hindi", "Deva"), ("Arabic", "Arab"), ("Hebrew", "Hebr")]
)
def test_scripts_that_need_shaping_go_to_harfbuzz_with_their_script(kit, script, tag):
    font = kit.font("regular", 24)
    runs = font.faces.runs(SCRIPTS[script], font.coverage)
    letters = [part for _, script_tag, part in runs if script_tag]
    assert letters and all(script_tag == tag for _, script_tag, part in runs if part.strip(" ,،"))


def test_devanagari_is_shaped_into_conjuncts_and_reordered_vowels(kit):
    font = kit.font("regular", 40)
    for cluster in ("क्ष", "कि", "प्र"):
        # Shaped, a conjunct or a short i over its consonant is narrower than its letters
        # drawn one by one (the virama and the vowel sign no longer stand apart).
        assert font.size(cluster)[0] < sum(font.size(ch)[0] for ch in cluster), cluster


def test_thai_marks_stack_on_their_letter_and_take_no_width(kit):
    font = kit.font("regular", 40)
    assert font.size("ที่")[0] == font.size("ท")[0]
    assert font.size("ที่")[0] < sum(font.size(ch)[0] for ch in "ที่")


def test_bold_text_draws_its_chinese_japanese_and_korean_heavier(kit):
    def ink(style, text):
        surf = kit.render(text, style, 28, (255, 255, 255))
        return sum(
            surf.get_at((x, y))[3]
            for x in range(surf.get_width())
            for y in range(surf.get_height())
        )

    assert ink("bold", "価格会議") > ink("regular", "価格会議") * 1.1
    # Emboldening would move Thai marks off their letters: shaped runs keep their widths.
    font, bold = kit.font("regular", 28), kit.font("bold", 28)
    assert bold.faces.runs("ที่นี่", bold.coverage)[0][1] == "Thai"
    assert bold.size("ที่นี่") == font.size("ที่นี่")


JAPANESE_LINE = (
    "価格を教えてください。競合他社は十一パーセント安い見積もりを出していますし、"
    "取締役会は正午に開かれますので、今日中に回答が必要です。"
)


def test_a_line_without_spaces_breaks_between_its_characters(kit):
    font = kit.font("regular", 28)
    assert len(JAPANESE_LINE) >= 60 and " " not in JAPANESE_LINE
    width = font.size(JAPANESE_LINE)[0] // 3
    lines = wrap(JAPANESE_LINE, font, width)
    assert len(lines) in (3, 4), lines
    assert "".join(lines) == JAPANESE_LINE
    assert all(font.size(line)[0] <= width for line in lines)
    # Each line but the last is filled: the next character would not have fitted.
    rest = JAPANESE_LINE
    for line in lines[:-1]:
        rest = rest[len(line) :]
        assert font.size(line + rest[:2])[0] > width or rest[1] in "、。"
    # No line starts with a closing mark or a small kana; none ends with an opening one.
    for line in lines:
        assert line[0] not in "、。」）ーっゃゅょ", lines
        assert line[-1] not in "「（", lines


def test_chinese_between_latin_words_breaks_at_both(kit):
    font = kit.font("regular", 22)
    text = "Salesplay 的报价比竞争对手高百分之十一 but the outcome is worth more"
    width = font.size(text)[0] // 2
    lines = wrap(text, font, width)
    assert all(font.size(line)[0] <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # The Chinese fills the first line after the Latin word, then goes on on the next.
    assert lines[0].startswith("Salesplay 的") and "的报价比竞争对手高百分之十一" not in lines[0]


@pytest.mark.parametrize("text", [SCRIPTS["Thai"] * 3, SCRIPTS["Hindi"].replace(" ", "") * 2])
def test_a_break_never_splits_a_letter_from_its_marks(kit, text):
    import unicodedata

    font = kit.font("regular", 24)
    for width in (90, 140, 230):
        lines = wrap(text, font, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for a, b in zip(lines, lines[1:], strict=False):
            # No line starts with a vowel sign or tone mark, none ends with a virama or
            # with a Thai vowel written before its consonant (เ แ โ ใ ไ).
            assert unicodedata.category(b[0]) not in ("Mn", "Mc"), (a, b)
            assert a[-1] not in "\u094d\u0e40\u0e41\u0e42\u0e43\u0e44", (a, b)


def columns(surf, x0, x1):
    """Which pixel columns hold ink (whatever the surface's height)."""
    return [
        any(surf.get_at((x, y))[3] > 100 for y in range(surf.get_height())) for x in range(x0, x1)
    ]


def test_a_line_in_hebrew_reads_right_to_left_across_its_numbers_and_stops(kit):
    font = kit.font("regular", 28)
    line = "המתחרה זול ב-11 אחוז. Salesplay יקר"
    parts = [part for _, _, part in font.faces.runs(line, font.coverage)]
    # Drawn left to right: the last words first, the number and the Latin name as written.
    assert "".join(parts).replace(" ", "") == "יקרSalesplayאחוז.11המתחרהזולב-".replace(" ", "")
    assert parts[-1].startswith("המתחרה") and "11" in parts and "Salesplay" in parts
    # In pixels: the line's first word ends the drawing at its right edge.
    full, first = (
        font.render(line, True, (255,) * 3),
        font.render("המתחרה זול ב-", True, (255,) * 3),
    )
    w, W = first.get_width(), full.get_width()
    assert columns(full, W - w, W) == columns(first, 0, w)


def test_sentences_of_an_arabic_line_keep_their_order_and_an_emoji_ends_it(kit):
    font = kit.font("regular", 28)
    runs = font.faces.runs("نحتاج إلى سعر. المنافس أرخص 👍", font.coverage)
    assert [(script, part) for _, script, part in runs] == [
        ("", "👍"),
        ("Arab", "نحتاج إلى سعر. المنافس أرخص "),
    ]


def test_arabic_and_hebrew_text_starts_at_the_right_of_its_box(kit):
    surface = pygame.Surface((600, 100))
    rect = pygame.Rect(10, 10, 500, 60)
    ink = kit.box(surface, "“אפס נזק? אז אחתום מחר.”", "regular", 22, (255,) * 3, rect)
    assert ink.right == rect.right and ink.left > rect.left
    ink = kit.box(surface, "Zero breakage? שלום", "regular", 22, (255,) * 3, rect)
    assert ink.left == rect.left  # a line that starts in English starts at the left


FIXTURE_FONTS = Path(__file__).resolve().parents[1] / "fixtures" / "fonts"
BENGALI = "বাংলা ভাষা"  # no bundled face has Bengali; the fixture's subset does


def test_a_script_no_bundled_face_has_is_found_in_the_system_fonts(kit):
    from game.ui.glyphs import SystemFonts

    faces = kit.fonts.faces
    faces.system = SystemFonts(fc_list=None, folders=[FIXTURE_FONTS])
    font = kit.font("regular", 28)
    runs = faces.runs(BENGALI, font.coverage)
    assert [(script, part) for _, script, part in runs] == [("Beng", BENGALI)]
    face = runs[0][0]
    assert faces.coverage[face].path.endswith("NotoSansBengali-Subset.ttf")
    for ch, drawn in drawn_by(font, BENGALI):
        assert ch.isspace() or not missing(drawn, ch), ch
    # Shaped with its script: the conjunct is narrower than its letters one by one.
    assert font.size("ক্ষ")[0] < sum(font.size(ch)[0] for ch in "ক্ষ")


def test_without_the_system_fonts_bengali_is_boxes(kit):
    faces = kit.fonts.faces
    faces.system = None
    font = kit.font("regular", 28)
    assert all(face == -1 for face, _, _ in faces.runs(BENGALI, font.coverage))


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="no fontconfig on this system")
def test_fontconfig_names_the_system_font_that_has_a_character(kit, tmp_path, monkeypatch):
    from game.ui.glyphs import SystemFonts

    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{FIXTURE_FONTS}</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    system = SystemFonts()
    assert [Path(p).name for p in system.candidates("ব")] == ["NotoSansBengali-Subset.ttf"]
    assert system.candidates("\u0b95") == []  # Tamil: no font here has it


def test_the_system_fonts_are_not_asked_for_what_the_bundled_faces_draw(kit):
    system = kit.fonts.faces.system
    for text in ("Plain", "Zoë", "שלום", "価格", "가격", "ราคา", "कीमत", "👍"):
        kit.render(text, "regular", 22, (255, 255, 255))
    assert system.fc_list == "" and system._files is None  # never looked up


def hues(surf) -> int:
    """How many pixels are clearly coloured (not grey), of those with ink."""
    n = 0
    for x in range(surf.get_width()):
        for y in range(surf.get_height()):
            r, g, b, a = surf.get_at((x, y))
            n += a > 128 and max(r, g, b) - min(r, g, b) > 60
    return n


@pytest.mark.parametrize("emoji", ["👍", "📦", "☕", "✅"])
def test_emoji_are_drawn_in_colour_at_the_texts_size(kit, emoji):
    font = kit.font("regular", 28)
    ((face, _, _),) = font.faces.runs(emoji, font.coverage)
    assert font.faces.coverage[face].path.name == "NotoColorEmoji-Subset.ttf"
    surf = kit.render(emoji, "regular", 28, (255, 255, 255))  # white asked: colour given
    assert hues(surf) > 10  # white or grey alone would be 0
    # Scaled from the face's one size to the text's: twice the size, twice the width.
    w22, w44 = font_width(kit, emoji, 22), font_width(kit, emoji, 44)
    assert abs(w44 - 2 * w22) <= 2 and 22 <= w22 <= 34
    assert surf.get_height() <= round(28 * 1.3) + 1


def font_width(kit, text, px):
    font = kit.font("regular", px)
    assert font.render(text, True, (255, 255, 255)).get_width() == font.size(text)[0]
    return font.size(text)[0]


def test_an_emoji_the_colour_face_lacks_is_drawn_in_one_colour(kit):
    font = kit.font("regular", 28)
    for ch in "☺✈❤":  # shown as text by default: the colour face leaves them out
        ((face, _, _),) = font.faces.runs(ch, font.coverage) or ((-1, "", ch),)
        assert face == -1 or font.faces.coverage[face].path.name != "NotoColorEmoji-Subset.ttf"
        surf = kit.render(ch, "regular", 28, (255, 255, 255))
        assert surf.get_bounding_rect().width and hues(surf) == 0


def test_a_font_opened_from_its_bytes_draws_as_one_opened_from_its_path(kit, tmp_path):
    """Fonts are opened from their files' bytes (glyphs load faster than through stdio),
    each file read once for all its sizes; a missing file still fails as a path would."""
    from game.ui import glyphs
    from game.ui.theme import FONT_DIR, FONT_FILES

    path = FONT_DIR / FONT_FILES["semibold"]
    line = "Lucía Herrera · Owner and Head Brewer ★"
    for px in (16, 24):
        ours, theirs = glyphs.open_font(path, px), pygame.font.Font(path, px)
        assert ours.size(line) == theirs.size(line)
        drawn = [f.render(line, True, (240, 240, 240)) for f in (ours, theirs)]
        assert pygame.image.tobytes(drawn[0], "RGBA") == pygame.image.tobytes(drawn[1], "RGBA")
    assert glyphs._FONT_DATA[path] == path.read_bytes()
    with pytest.raises(FileNotFoundError):
        glyphs.open_font(tmp_path / "missing.otf", 16)
