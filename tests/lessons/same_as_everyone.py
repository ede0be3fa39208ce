"""The lesson of scenarios/same-as-everyone.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "idle_cash,peer_curve,her_data,same_blindness,cost_of_waiting,present_together",
        "advisor",
        "won",
        36,
    ),
    runs={
        "absorbing the exit fees ends in an auction": Run(
            "exit_fees,lower_still", "won_on_price", "won", -11
        ),
        "a discount recovered from still follows her to the board": Run(
            "exit_fees,idle_late,peer_curve,her_data,same_blindness,cost_of_waiting,"
            "present_with_discount",
            "won_discounted",
            "won",
            20,
        ),
        "feature lists spend her patience": Run(
            "rails_list,live_banks", "heard_enough", "lost", -4
        ),
        "matching the incumbent at the deadline": Run(
            "idle_cash,peer_curve,her_data,same_blindness,match_friday,still_lower",
            "won_on_price",
            "won",
            8,
        ),
        "silence at the Friday deadline": Run(
            "idle_cash,peer_curve,her_data,same_blindness,timeout",
            "signed_corelink",
            "lost",
            21,
        ),
        "good advice for the incumbent's contract": Run(
            "idle_cash,peer_curve,her_data,same_blindness,date_clause",
            "clause_added",
            "lost",
            19,
        ),
        "a demo first, then the insight inside her objection": Run(
            "idle_cash,live_dashboard,day_late,her_data,same_blindness,cost_of_waiting,present_together",
            "advisor",
            "won",
            30,
        ),
        "handing the numbers over to present alone": Run(
            "idle_cash,peer_curve,her_data,same_blindness,cost_of_waiting,send_summary",
            "pilot_only",
            "won",
            28,
        ),
    },
    hidden={
        "after a discount, no fee tied to the cash released": (
            "exit_fees,idle_late,peer_curve,her_data,same_blindness,cost_of_waiting,present_together"
        ),
        "the Fed question is asked only once": "idle_cash,live_dashboard,under_renewal,idle_late",
        "two slips leave too little trust for the board": (
            "idle_cash,peer_curve,case_study,stay_on_cash,cost_of_waiting,present_together"
        ),
    },
)
