"""The lesson of scenarios/same-as-everyone.yaml: when every vendor looks the same, find the
problem that is not, and bring in the treasurer who owns it; use her number, not a bigger one.
Level 3: every slip closes the best ending."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run("ask_cash,ask_monday,bring_mei,her_number,let_them,mei_signs", "advisor", "won", 26),
    runs={
        "matching the margin, then the floor": Run(
            "match_margin,floor", "won_cheapest", "won", -13
        ),
        "sizing her balance sheet from outside, then defending it": Run(
            "ask_cash,size_claim,defend_90", "next_agenda_item", "lost", 1
        ),
        "doing the treasurer's sum for the CFO sends it to an inbox": Run(
            "ask_cash,size_claim,withdraw_90,compute_it,send_workings",
            "workings_sent",
            "stalled",
            11,
        ),
        "the sum, with a match stapled to it": Run(
            "ask_cash,ask_monday,compute_it,send_with_match", "won_cheapest", "won", 2
        ),
        "a second lecture ends the meeting": Run(
            "rude,bristle_more", "next_agenda_item", "lost", -8
        ),
        "arguing with the treasurer about her own facility": Run(
            "ask_cash,ask_monday,bring_mei,stick_90,cold_sorry", "workings_sent", "stalled", 2
        ),
        "one question too many before her number": Run(
            "ask_cash,ask_monday,bring_mei,ask_mei,test_yes,late_next", "on_the_list", "stalled", 8
        ),
        "giving away the difference she just measured": Run(
            "ask_cash,ask_monday,bring_mei,her_number,same_really", "same_again", "lost", 1
        ),
        "a proposal instead of the treasurer's plan and a date": Run(
            "ask_cash,ask_monday,bring_mei,her_number,let_them,proposal_only",
            "on_the_list",
            "stalled",
            5,
        ),
    },
    hidden={
        "after a feature list, too little credibility to bring in the treasurer": (
            "features_list,brochure_ask,ask_monday,bring_mei"
        ),
        "after a guess at her interest, too little credibility too": (
            "ask_cash,size_claim,withdraw_90,bring_mei"
        ),
        "silence at the opening costs the treasurer": "timeout,late_ask,ask_monday,bring_mei",
    },
)
