"""The lesson of scenarios/the-quiet-renewal.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "next_contract,kiel_insight,model_together,saving_vs_season,tie_fee,tell_kiel,monday_plan",
        "board_yes",
        "won",
        40,
    ),
    runs={
        "a loyalty discount, then the cheaper rival's price": Run(
            "loyalty_discount,match_baltic", "renewed_cheap", "won", -13
        ),
        "a discount follows you into the boardroom": Run(
            "next_contract,kiel_insight,model_plus_loyalty,saving_vs_season,discount_and_fee,"
            "kiel_with_discount",
            "board_discount",
            "won",
            15,
        ),
        "yesterday's numbers run out the clock": Run(
            "usage_report,more_stats,more_stats,more_stats,more_stats",
            "out_of_time",
            "lost",
            -18,
        ),
        "silence at the open door": Run(
            "next_contract,kiel_insight,model_together,saving_vs_season,tie_fee,timeout",
            "left_outside",
            "lost",
            20,
        ),
        "last year's results, then next year's goal": Run(
            "past_results,next_year,kiel_insight,model_together,saving_vs_season,tie_fee,tell_kiel,"
            "monday_plan",
            "board_yes",
            "won",
            39,
        ),
        "a loyalty credit pays to stay, and Kiel waits": Run(
            "next_contract,kiel_insight,model_together,saving_vs_season,loyalty_credit",
            "loyalty_paid",
            "won",
            15,
        ),
        "meeting the CFO halfway keeps you out of the boardroom": Run(
            "next_contract,kiel_insight,model_together,meet_halfway,discount_and_fee",
            "renewed",
            "won",
            11,
        ),
    },
    hidden={
        "after a discount, no full-price pitch to the board": (
            "next_contract,kiel_insight,model_plus_loyalty,saving_vs_season,discount_and_fee,tell_kiel"
        ),
        "after a discount, no shared risk without it": (
            "next_contract,kiel_insight,model_together,meet_halfway,tie_fee"
        ),
    },
)
