"""The lesson of scenarios/prove-it.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "size_to_risk,fresh_eyes,own_it,wrong_building,spare_sets,pilot_on_outcome,call_me",
        "trusted",
        "won",
        26,
    ),
    runs={
        "a discount for being small follows you to the pilot": Run(
            "risk_price,fresh_eyes,own_it,wrong_building,spare_sets,pilot_with_discount",
            "discount_pilot",
            "won",
            6,
        ),
        "defending every doubt runs out her patience": Run(
            "name_drop,resume,their_network", "walkout", "lost", -9
        ),
        "cheaper per tray starts an auction with the incumbent": Run(
            "size_to_risk,fresh_eyes,own_it,eight_scans,cheaper_per_tray,match_and_beat",
            "won_on_price",
            "won",
            -7,
        ),
        "silence at Harbourview, then the facts": Run(
            "size_to_risk,fresh_eyes,timeout,own_it_late,wrong_building,spare_sets,pilot_on_outcome,call_me",
            "trusted",
            "won",
            24,
        ),
        "a service level instead of a name": Run(
            "size_to_risk,fresh_eyes,own_it,wrong_building,spare_sets,pilot_on_outcome,support_desk",
            "pilot_on_paper",
            "won",
            19,
        ),
        "no answer at two in the morning": Run(
            "size_to_risk,fresh_eyes,own_it,wrong_building,spare_sets,pilot_on_outcome,timeout",
            "no_answer",
            "stalled",
            17,
        ),
        "four hospitals asked for before one is proven": Run(
            "size_to_risk,fresh_eyes,own_it,wrong_building,spare_sets,full_proposal",
            "proposal_filed",
            "stalled",
            12,
        ),
        "doubts left standing keep the pilot small": Run(
            "name_drop,bring_vp,their_network,scheduling,late_insight,spare_sets,pilot_plain",
            "probation",
            "won",
            2,
        ),
    },
    hidden={
        "after a discount, no outcome-priced pilot": (
            "risk_price,fresh_eyes,own_it,wrong_building,spare_sets,pilot_on_outcome"
        ),
        "without credibility, no outcome-priced pilot": (
            "name_drop,bring_vp,their_network,scheduling,late_insight,spare_sets,pilot_on_outcome"
        ),
    },
)
