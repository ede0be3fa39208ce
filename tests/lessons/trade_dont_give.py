"""The lesson of scenarios/trade-dont-give.yaml: with a real budget cap, close the gap by
trading (term and volume for price, terms for a reference), walk away at the floor, and answer
the nibble at the pen with a trade or a plain no."""

from tests.lessons import Lesson, Run

TO_THE_PEN = "ask_cap,whats_on_list,plant2_trade,terms_for_reference,cfo_case"

LESSON = Lesson(
    leader=Run(TO_THE_PEN + ",training_trade", "balanced_deal", "won", 35),
    runs={
        "a plain no at the pen keeps the deal balanced": Run(
            TO_THE_PEN + ",plain_no", "firm_deal", "won", 29
        ),
        "silence at the nibble is a yes": Run(
            TO_THE_PEN + ",timeout", "signed_with_gift", "won", 16
        ),
        "giving part of the gap, then the rest": Run(
            "meet_partway,all_of_it", "cheap_win", "won", -15
        ),
        "the whole gap on the first move invites a second ask": Run(
            "three_years_380,ten_more", "below_floor", "won", -10
        ),
        "walking away at the floor gets the deal back": Run(
            "three_years_380,walk_away,accept_last", "won_by_walking", "won", 9
        ),
        "one ask after her last word": Run(
            "three_years_380,walk_away,push_more", "lost_to_rival", "lost", 2
        ),
        "a line held for its own sake": Run("hold_412,still_412", "lost_to_rival", "lost", -10),
        "a rigid start, recovered": Run(
            "hold_412,ask_cap_late,whats_on_list,plant2_trade,terms_for_reference,cfo_case,"
            "training_trade",
            "balanced_deal",
            "won",
            33,
        ),
        "a rigid start and a jab spend her patience": Run(
            "hold_412,ask_cap_late,caps_move", "lost_to_rival", "lost", -9
        ),
        "ninety days given free, then taking things back at the pen": Run(
            "ask_cap,whats_on_list,ninety_free,trade_after_terms,cfo_case,more_asks",
            "reopened",
            "stalled",
            5,
        ),
        "matching the rival answers the CFO with nothing": Run(
            TO_THE_PEN.replace("cfo_case", "match_kessler") + ",throw_in",
            "signed_with_gift",
            "won",
            0,
        ),
    },
    hidden={
        "after a free concession, no trade at the pen": (
            "ask_cap,whats_on_list,ninety_free,trade_after_terms,cfo_case,training_trade"
        ),
        "after a free concession, no plain no either": (
            "meet_partway,trade_now,terms_for_reference,cfo_case,plain_no"
        ),
        "no reference traded, nothing to bring forward": (
            "ask_cap,whats_on_list,plant2_trade,sixty_only,cfo_case_sixty,training_trade"
        ),
        "below her cap already, no match to offer": (
            "ask_cap,whats_on_list,plant2_pitch,discount_after_pitch,trade_now,"
            "terms_for_reference,match_kessler"
        ),
    },
)
