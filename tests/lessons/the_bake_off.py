"""The lesson of scenarios/the-bake-off.yaml: turn a comparison sheet into the buyer's own
outcome without outclaiming her figures, and propose a paid pilot with criteria and a date."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run("why_now,changeover_count,the_insight,pilot,paid,date", "pilot", "won", 26),
    runs={
        "the lowest row fourteen wins the sheet": Run(
            "fill_in,lowest", "cheapest_column", "won", -8
        ),
        "the sharpest price promised early prices the pilot": Run(
            "sharpen,promised_why,changeover_count,the_insight,pilot,honour_price",
            "pilot_on_price",
            "won",
            2,
        ),
        "a benchmark defended against her own eight percent": Run(
            "why_now,big_claim,defend", "one_of_three", "lost", 1
        ),
        "a benchmark withdrawn still costs the pilot": Run(
            "why_now,big_claim,own_it,the_insight,case_studies,free_late",
            "free_trial",
            "stalled",
            5,
        ),
        "one slip at the opening is forgiven": Run(
            "fill_in,late_why,changeover_count,the_insight,pilot,paid,date", "pilot", "won", 24
        ),
        "matching the others' free pilot": Run(
            "why_now,changeover_count,the_insight,pilot,free_now", "free_trial", "stalled", 2
        ),
        "a paid pilot handed back to the sheet": Run(
            "why_now,changeover_count,the_insight,pilot,paid,sheet_decides",
            "pilot_then_sheet",
            "stalled",
            8,
        ),
        "case studies first, then the commitment": Run(
            "why_now,changeover_count,the_insight,case_studies,pilot_late,paid,date",
            "pilot",
            "won",
            22,
        ),
        "a discount on top of a good pilot": Run(
            "why_now,changeover_count,the_insight,pilot,paid,discount_close",
            "pilot_on_price",
            "won",
            9,
        ),
        "rows and promises spend her patience": Run(
            "sharpen,servo_pitch,rows_price", "out_of_patience", "lost", -11
        ),
    },
    hidden={
        "after the benchmark, too little credibility for the pilot": (
            "why_now,big_claim,own_it,the_insight,pilot"
        ),
        "a promised price leaves no paid pilot": (
            "sharpen,promised_why,changeover_count,the_insight,pilot,paid"
        ),
        "the benchmark is offered only once": "why_now,big_claim,own_it,promise_25",
    },
)
