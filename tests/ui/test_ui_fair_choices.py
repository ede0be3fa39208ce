"""Choice order in the window: shuffled per attempt from its seed, the same on resume, rewind
and replay; number keys and the headless demo follow the order on screen; a setting (and the
headless demo without --seed) keeps the file's order."""

import json
from pathlib import Path

import pytest

from game.cli import main
from game.content import load_scenario
from game.engine.order import arrange, rank
from game.ui.attempt import Attempt
from tests.ui.test_ui_play import open_tender

SCENARIOS = Path(__file__).parent / "scenarios"
TENDER = SCENARIOS / "umlaut-tender.yaml"


@pytest.fixture(scope="module")
def tender():
    return load_scenario(TENDER).scenario


def open_conversation(app):
    """From the title to the tender's first decision in practice mode, with the keys."""
    return open_tender(app), app.scenes.top


def ids(choices):
    return [c.id for c in choices]


def test_the_order_is_a_permutation_fixed_by_seed_and_node(tender):
    node = tender.nodes["opening"]
    orders = {tuple(ids(arrange(node, node.choices, seed))) for seed in range(40)}
    assert len(orders) > 6  # seeds really shuffle (4 choices: 24 orders)
    for seed in range(40):
        shown = ids(arrange(node, node.choices, seed))
        assert sorted(shown) == sorted(ids(node.choices))
        assert shown == ids(arrange(node, node.choices, seed))  # the same every time
    assert ids(arrange(node, node.choices, None)) == ids(node.choices)


def test_a_hidden_choice_leaves_the_others_in_their_places(tender):
    node = tender.nodes["opening"]
    for seed in range(20):
        full = ids(arrange(node, node.choices, seed))
        some = ids(arrange(node, node.choices[1:], seed))
        assert some == [c for c in full if c in some]
    assert rank(node, 5) == rank(node, 5)


def test_number_keys_follow_the_order_on_screen(make_app):
    app = make_app(shuffle=True)
    app.choice_seed = 11
    demo, screen = open_conversation(app)
    attempt = screen.attempt
    assert attempt.seed == 11
    shown = attempt.shown_choices(True)
    assert [b.data.id for b in screen.buttons] == ids(shown)
    assert ids(shown) != ids(attempt.conversation.visible_choices())  # seed 11 moves them
    demo.press("return")  # complete the line
    demo.press("1")
    assert attempt.state.moves[0].choice == shown[0].id


def test_the_setting_keeps_the_files_order(make_app):
    app = make_app(shuffle=False)
    app.choice_seed = 11
    demo, screen = open_conversation(app)
    assert [b.data.id for b in screen.buttons] == ids(screen.attempt.conversation.visible_choices())


def test_resume_rewind_and_replay_show_the_same_order(tender, tmp_path):
    from game.store import open_store, resume

    store = open_store(tmp_path / "data")
    try:
        first = Attempt(tender, "practice", "Zoë", store, seed=1234)
        opening = ids(first.shown_choices())
        first.choose(tender.nodes["opening"].choice("insight"))
        second = ids(first.shown_choices())
        (rec,) = [r for r in store.resumable_runs("Zoë") if r.run_id == first.run_id]
        assert rec.seed == 1234
        again = Attempt(
            tender, rec.mode, "Zoë", store, resume(store, rec, tender), rec.run_id, seed=rec.seed
        )
        assert ids(again.shown_choices()) == second
        again.rewind(0)
        assert ids(again.shown_choices()) == opening
        replayed = first.replay(0)
        assert replayed.seed == 1234 and ids(replayed.shown_choices()) == opening
    finally:
        store.close()


def _play(capsys, *args):
    code = main(["play", str(TENDER), *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_headless_demo_follows_the_seeds_order_and_records_it(tmp_path, capsys, tender):
    node = tender.nodes["opening"]
    seed = next(s for s in range(100) if arrange(node, node.choices, s)[0].id == "insight")
    code, out, err = _play(capsys, "--choices", "1", "--seed", seed, "--data-dir", tmp_path / "d")
    assert code == 0, err
    assert json.loads(out)["path"][:2] == ["opening", "outcome"]  # 1 = insight, on screen
    from game.store import open_store

    store = open_store(tmp_path / "d")
    try:
        (rec,) = store.resumable_runs("Demo")
        assert rec.seed == seed
    finally:
        store.close()
    code, out, _ = _play(capsys, "--choices", "1", "--data-dir", tmp_path / "e")
    assert code == 0 and json.loads(out)["path"][:2] == ["opening", "auction"]  # file order


def test_seed_needs_choices_and_a_number(capsys):
    with pytest.raises(SystemExit) as exc:
        _play(capsys, "--choices", "1", "--seed", "x")
    assert exc.value.code == 2 and "is not a seed" in capsys.readouterr().err
    code, _, err = _play(capsys, "--seed", "3")
    assert code == 2 and "--seed needs --choices" in err


def test_the_briefing_says_nothing_about_which_kinds_of_answer_this_scenario_has(tender):
    from game.content import load_text
    from game.content.model import DEFAULT_RUBRIC
    from game.ui.scenes.briefing import legend, winning_well

    text = TENDER.read_text(encoding="utf-8")
    for tags in ("[insight, discovery]", "[price, follower]", "[feature]", "[commodity]"):
        text = text.replace(f"tags: {tags}", "tags: [discovery]")
    other = load_text(text, "other.yaml").scenario
    assert {t for n in other.decisions for c in n.choices for t in c.tags} != {
        t for n in tender.decisions for c in n.choices for t in c.tags
    }
    assert winning_well(other) == winning_well(tender)
    assert all(t in legend() for t in DEFAULT_RUBRIC)


def test_choice_cards_carry_only_the_words_and_the_key(make_app):
    app = make_app(shuffle=True)
    app.choice_seed = 3
    demo, screen = open_conversation(app)
    buttons = list(screen.buttons)
    assert [b.label for b in buttons] == [b.data.text for b in buttons]
    assert [b.hint for b in buttons] == [str(i) for i in range(1, len(buttons) + 1)]


def test_the_shuffle_setting_is_kept_between_runs():
    from game.ui.settings import Settings

    off = Settings(shuffle_choices=False)
    assert Settings.from_dict(off.to_dict()).shuffle_choices is False
    assert Settings.from_dict({}).shuffle_choices is True
    assert Settings.from_dict({"window.shuffle_choices": "no"}).shuffle_choices is True
