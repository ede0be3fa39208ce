"""The conversation screen as a history: the rep's lines stay as bubbles, earlier exchanges
scroll back, text keeps its size at 200% (panels scroll instead), the top bar stacks, and
toasts wrap clear of the choices."""

import shutil

import pygame
import pytest

from game.engine import rules
from game.ui.attempt import Attempt
from game.ui.demo import Demo
from game.ui.intents import CLICK, Intent
from game.ui.theme import HIGH_CONTRAST, NORMAL, quoted
from game.ui.transcript import (
    BUYER,
    COACH,
    EARLIER,
    MORE,
    NARRATION,
    NOW,
    REP,
    history,
    rep_contrast,
    rep_fill,
)
from tests.layout_checks import drawn_inks, forget_drawn
from tests.ui.conftest import TENDER


def open_tender(app, mode_key="p"):
    """The tender's conversation, opened from the library (the card is focused directly: at
    200% the library is one column and the arrow keys go down, not right)."""
    demo = Demo(app, None)
    demo.type("Zoë")
    demo.press("return")
    library = app.scenes.top
    card = next(c for c in library.cards if c.data.ok)
    library.buttons.focus = library.buttons.items.index(card)
    demo.press("return")
    demo.press(mode_key)
    assert app.scenes.top.name == "conversation"
    return demo


def at_size(make_app, size=(1280, 720), text_size=1.0, **kw):
    app = make_app(size=size, **kw)
    app.settings.text_size = text_size
    app.settings.reduced_motion = True  # lines appear at once
    app.relayout()
    return app


def kinds(screen):
    return [e.kind for e in screen.transcript.entries]


def test_the_reps_line_stays_as_a_bubble_in_its_own_colour_and_the_reply_follows(make_app):
    app = at_size(make_app)
    demo = open_tender(app)
    screen = app.scenes.top
    assert kinds(screen) == [NARRATION, BUYER]
    insight = screen.attempt.shown_choices(False)[1]
    demo.press("2")
    demo.press("return")  # the coach's note closes
    assert kinds(screen) == [NARRATION, BUYER, REP, COACH, BUYER]
    rep = screen.transcript.entries[2]
    assert rep.text == quoted(insight.text)
    coach = screen.transcript.entries[3]
    points = screen.attempt.state.moves[0].points
    assert points > 0 and coach.points == points
    assert f"+{points}" in coach.text and "insight" in coach.text
    assert screen.transcript.entries[-1].current
    assert "Zero breakage" in screen.transcript.entries[-1].text
    app.render()
    placed = {p.entry.kind: p for p in screen.transcript.placed}
    shift = screen.transcript.view.top - screen.transcript.scroll
    rep_box = placed[REP].box.move(0, shift)
    buyer_box = placed[BUYER].box.move(0, shift)  # the newest buyer line
    assert rep_box.right > buyer_box.centerx and rep_box.left > screen.transcript.view.left
    assert rep_box.bottom <= buyer_box.top  # the reply comes below the rep's line
    assert screen.transcript.view.contains(rep_box)  # the newest exchange is in view
    inside = (rep_box.left + app.stage.px(6), rep_box.centery)
    assert tuple(app.surface.get_at(inside))[:3] == rep_fill(app.pal)


@pytest.mark.parametrize("pal", [NORMAL, HIGH_CONTRAST], ids=["normal", "high-contrast"])
def test_the_reps_bubble_keeps_text_contrast(pal):
    assert rep_contrast(pal) >= (7 if pal is HIGH_CONTRAST else 4.5)


def test_assessment_keeps_the_coach_out_of_the_history(make_app):
    app = at_size(make_app)
    demo = open_tender(app, mode_key="a")
    screen = app.scenes.top
    demo.press("2")
    assert kinds(screen) == [NARRATION, BUYER, REP, BUYER]


def test_earlier_exchanges_scroll_back_and_end_returns_to_now(make_app):
    app = at_size(make_app, text_size=1.5)
    demo = open_tender(app)
    screen = app.scenes.top
    demo.press("2")
    demo.press("return")
    t = screen.transcript
    now = t.scroll
    assert now == t.now_scroll() and now > 0 and t.more_above
    assert [k for k, _ in t.cue_words()] == [EARLIER]  # nothing below: no "more" cue at the end
    demo.press("pageup")
    assert t.scroll < now and t.away
    assert NOW in [k for k, _ in t.cue_words()]
    demo.press("home")
    assert t.scroll == 0 and not t.more_above
    app.feed(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1))  # the wheel, over the history
    assert 0 < t.scroll <= now
    demo.press("end")
    assert t.scroll == now and t.follow
    demo.press("home")
    app.render()
    click = t.cues[NOW].center
    app.feed(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=click, button=1))
    assert t.scroll == now and screen.attempt.state.node == "outcome"  # the click chose nothing


def test_a_new_line_scrolls_into_view_even_after_scrolling_back(make_app):
    app = at_size(make_app, text_size=1.5)
    demo = open_tender(app, mode_key="a")
    screen = app.scenes.top
    demo.press("3")  # features: the auction
    demo.press("home")
    assert screen.transcript.scroll == 0
    demo.press("2")  # "what did breakage cost you?"
    t = screen.transcript
    assert t.scroll == t.now_scroll() > 0
    assert t.entries[-1].current and "Zero breakage" in t.entries[-1].text


def test_resume_and_replay_rebuild_the_history_from_the_moves(make_app):
    app = at_size(make_app)
    demo = open_tender(app)
    screen = app.scenes.top
    for key in ("2", "return"):
        demo.press(key)
    played = screen.transcript.entries
    # A resumed run: an attempt made from the saved state's moves, nothing played again.
    state = rules.replay(screen.attempt.scenario, [m.choice for m in screen.attempt.state.moves])
    resumed = Attempt(screen.attempt.scenario, "practice", "Zoë", None, state)
    assert history(resumed) == played
    # A replay from decision 1 keeps no move: only the opening line.
    fresh = screen.attempt.replay(0)
    assert [e.kind for e in history(fresh)] == [NARRATION, BUYER]


def test_at_200_percent_the_buyers_line_keeps_its_size_and_scrolls(make_app):
    app = at_size(make_app, text_size=2.0)
    open_tender(app)
    screen = app.scenes.top
    app.render()
    t = screen.transcript
    current = next(p for p in t.placed if p.entry.current)
    assert current.px == app.px("line")  # not shrunk toward the floor
    assert app.px("line") in app.kit.sizes_drawn
    assert t.more_below and MORE in [k for k, _ in t.cue_words()]
    steps = 0
    while t.more_below:
        Demo(app, None).press("pagedown")
        steps += 1
        assert steps < 20
    app.render()
    assert MORE not in [k for k, _ in t.cue_words()] and MORE not in t.cues
    # Every line of the buyer's words was in view at some step: PgDn skips none.
    assert t.page(-1) and t.scroll < t.max_scroll


def test_at_200_percent_long_choices_keep_their_size_and_scroll(make_app):
    app = at_size(make_app, text_size=2.0)
    demo = open_tender(app)
    screen = app.scenes.top
    assert screen.choice_px == app.px("choice")
    assert screen.choice_overflow
    view = screen.rects["cards"]
    last = screen.buttons.items[-1]
    assert not view.contains(last.rect)
    app.render()
    assert app.px("choice") in app.kit.sizes_drawn
    for _ in range(len(screen.buttons) - 1):
        demo.press("down")
    assert screen.buttons.focused is last and view.contains(last.rect)
    # A card out of view cannot be clicked through what covers its place.
    first = screen.buttons.items[0]
    assert not view.contains(first.rect)
    app.feed(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=first.rect.center, button=1))
    assert not screen.attempt.state.moves
    # The wheel over the cards scrolls them back.
    app.feed(pygame.event.Event(pygame.MOUSEMOTION, pos=view.center, rel=(0, 0), buttons=(0, 0, 0)))
    before = first.rect.top
    app.feed(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))
    assert first.rect.top > before
    for _ in range(20):
        app.feed(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1))
    assert first.rect.top == view.top  # and stops at the first card


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_the_top_bar_cuts_no_label_at_200_percent(make_app, size):
    app = at_size(make_app, size=size, text_size=2.0)
    demo = open_tender(app)
    screen = app.scenes.top
    demo.press("1")  # a move, so the meters show their changes too
    demo.press("return")
    app.render()
    bar = screen.rects["bar"]
    assert bar.height > app.stage.px(56)  # two rows
    cut = [text for text, box in app.kit.cut if bar.colliderect(box)]
    assert not cut, f"cut in the top bar: {cut}"
    labels = [screen.bar_rects[m] for m in screen.attempt.scenario.meters]
    for (a, _), (b, _) in zip(labels, labels[1:], strict=False):
        assert a.right <= b.left
    for box, ink in app.kit.drawn:
        if bar.contains(box):
            assert box.contains(ink)


def test_at_100_percent_the_top_bar_stays_one_row(make_app):
    app = at_size(make_app)
    app.library = [r for r in app.library]
    Demo(app, None).type("Zoë")
    from game.content.loader import load_scenario
    from game.ui.scenes.conversation import ConversationScreen

    squeeze = load_scenario("scenarios/procurement-squeeze.yaml").scenario
    screen = ConversationScreen(app, Attempt(squeeze, "practice", "Zoë"))
    app.push(screen)
    app.render()
    assert screen.rects["bar"].height == 56
    assert not [t for t, box in app.kit.cut if screen.rects["bar"].colliderect(box)]


@pytest.mark.parametrize("text_size", [1.0, 2.0])
def test_the_f5_error_toast_wraps_and_sits_clear_of_the_choices(tmp_path, make_app, text_size):
    folder = tmp_path / "sc"
    folder.mkdir()
    path = folder / "t.yaml"
    shutil.copy(TENDER, path)
    app = at_size(make_app, paths=[folder], text_size=text_size)
    demo = open_tender(app, mode_key="a")
    screen = app.scenes.top
    path.write_text(
        path.read_text(encoding="utf-8").replace("effects:", "efects:"), encoding="utf-8"
    )
    demo.press("f5")
    assert app.toast_text.startswith("The file now has")
    app.render()
    toast = app.toast_rect()
    assert toast.bottom <= screen.rects["choices"].top
    assert app.stage.area.contains(toast)
    toasted = [t for t, _ in app.kit.cut if t == app.toast_text]
    assert not toasted, "the toast's message is cut"
    for b in screen.widgets():
        assert not toast.colliderect(b.rect)


def test_f1_over_the_conversation_lists_its_scroll_keys(make_app):
    app = at_size(make_app)
    demo = open_tender(app)
    demo.press("f1")
    keys = dict(app.scenes.top.keys)
    assert "PgUp PgDn" in keys and "Home End" in keys and "1 – 6" in keys


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_a_long_buyer_name_wraps_in_the_card_at_its_size(make_app, tmp_path, size):
    """The buyer's name was one line: a long one shrank to the floor and ended in "…"
    ("Maximiliana…") beside a role wrapped whole. It takes two lines at the body's size."""
    from tests.ui.test_ui_library import LONG_WINDED

    (tmp_path / "long.yaml").write_text(LONG_WINDED, encoding="utf-8")
    app = at_size(make_app, size=size, paths=(tmp_path,))
    open_tender(app)
    screen = app.scenes.top
    drawn = drawn_inks(app)
    name = screen.attempt.scenario.buyer.name
    ink = next(i for t, i in drawn if t == name)
    card = screen.rects["portrait_card"]
    assert card.contains(ink)
    assert ink.height > 1.5 * app.kit.line_height(app.px("body"))  # two lines
    assert name not in [t for t, _, _ in app.kit.shrunk]
    role = next(i for t, i in drawn if t == screen.who())
    assert role.top >= ink.bottom  # the role follows the name, never over it


TALL_CHOICE = """\
format: 1
id: tall-choice
title: Tall Choice
summary: A first answer longer than the choices' view at large text.
buyer: {name: Bo Lind, role: Buyer}
start: a
nodes:
  a:
    say: Well?
    choices:
      - text: >
          Before we compare prices, may I ask what the last two outages cost the hospital
          in cancelled procedures, overtime, agency staff, patient transfers and the
          reputational damage that followed the press coverage in the regional papers,
          and what the board said about it when the quarter closed forty thousand short,
          before anyone had worked out what the next outage would cost the wards that
          depend on the system every night of the week, including the weekends?
        next: b
      - {text: Fine., next: b}
      - {text: No., next: b}
  b:
    say: Bye.
    ending: {result: won, title: Done}
"""


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_a_choice_taller_than_its_view_shows_its_key_and_takes_a_click(make_app, tmp_path, size):
    """At 200% a long first answer is taller than the choices' view: its key, drawn at the
    card's middle, was out of sight. The key sits by the first line, the focus brings the
    card's top into view, and the part in view takes the click."""
    (tmp_path / "tall.yaml").write_text(TALL_CHOICE, encoding="utf-8")
    app = at_size(make_app, size=size, text_size=2.0, paths=(tmp_path,))
    demo = open_tender(app)
    screen = app.scenes.top
    view = screen.rects["cards"]
    first = screen.buttons.items[0]
    assert first.rect.centery > view.bottom  # the case in question: its middle is out of view
    lines = drawn_inks(app, "line")
    key = next(r for t, r in lines if t == "1")
    assert view.contains(key), f"the key '1' at {key} is out of the view {view}"
    texts = [t for t, _ in lines]
    assert "2 more below" in texts and "3 more below" not in texts  # the first is in view
    demo.press("down")  # away and back: the focus shows the card's top, with its key
    demo.press("up")
    assert screen.buttons.items[0].rect.top >= view.top
    app.dispatch(Intent(CLICK, pos=(view.centerx, view.top + 10)))
    demo.settle()
    assert [m.choice for m in screen.attempt.state.moves] == ["c1"]


def drawn_keycaps(app, monkeypatch):
    """Render the top screen; the keycaps drawn, by label, and the ink of each label."""
    from game.ui import widgets

    caps, lines = {}, {}
    real_cap, real_line = widgets.keycap, app.kit.line

    def keycap(surface, look, label, *args, **kw):
        caps[label] = r = real_cap(surface, look, label, *args, **kw)
        return r

    def line(surface, text, *args, **kw):
        lines.setdefault(text, []).append(r := real_line(surface, text, *args, **kw))
        return r

    monkeypatch.setattr(widgets, "keycap", keycap)
    monkeypatch.setattr(app.kit, "line", line)
    forget_drawn(app)
    app.render()
    monkeypatch.undo()
    return caps, lines


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_the_choices_number_keys_grow_with_the_text_size(make_app, monkeypatch, size):
    """The number keys on the choice cards kept their 100% size at 200% text, their digit
    filling it to the edges: a key grows with its label, which keeps a margin inside."""
    sides = {}
    for text_size in (1.0, 2.0):
        app = at_size(make_app, size=size, text_size=text_size)
        open_tender(app)
        caps, lines = drawn_keycaps(app, monkeypatch)
        assert "1" in caps, "no key drawn for the first choice"
        cap = caps["1"]
        ink = next(r for r in lines["1"] if cap.contains(r))  # the digit within its key
        assert ink.height and cap.contains(ink)
        sides[text_size] = cap.height
        assert cap.width >= cap.height
        assert cap.height > app.kit.line_height(app.px("caption")), "the digit fills its key"
    assert sides[2.0] >= 1.5 * sides[1.0], f"the key stays {sides} at 200%"
