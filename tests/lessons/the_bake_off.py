"""The lesson of scenarios/the-bake-off.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
        "add_the_row,pilot_terms",
        "pilot",
        "won",
        35,
    ),
    runs={
        "a column among columns competes on price": Run(
            "fill_in,lowest", "cheapest_column", "won", -10
        ),
        "features spend his patience": Run(
            "best_rows,yes_and_more", "lost_in_the_rows", "lost", -2
        ),
        "a price promised before the goal sets the pilot's price": Run(
            "fill_in,what_for,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
            "add_the_row,promised_price",
            "pilot_on_price",
            "won",
            17,
        ),
        "a lower price per room follows him to finance": Run(
            "best_rows,lowest_per_room,what_for,empty_question,bookings_insight,beyond_the_target,"
            "what_row_twelve_does,add_the_row,promised_price",
            "pilot_on_price",
            "won",
            17,
        ),
        "a feature first, then the goal, still reaches the pilot": Run(
            "best_rows,which_row,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
            "add_the_row,pilot_terms",
            "pilot",
            "won",
            34,
        ),
        "a cheaper invoice is not his fifteen percent": Run(
            "why_now,price_gap", "cheapest_column", "won", -3
        ),
        "promising what the others promise": Run(
            "why_now,empty_question,bookings_insight,promise_eight", "one_of_three", "lost", 8
        ),
        "a common feature, then the insight": Run(
            "why_now,empty_question,eco_sensors,bookings_late,beyond_the_target,what_row_twelve_does,"
            "add_the_row,pilot_terms",
            "pilot",
            "won",
            31,
        ),
        "features after the goal still spend his patience": Run(
            "why_now,empty_question,eco_sensors,bookings_late,analytics",
            "lost_in_the_rows",
            "lost",
            7,
        ),
        "an insight traded for price": Run(
            "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,cheapest",
            "cheapest_column",
            "won",
            14,
        ),
        "a free pilot is a trial, not a decision": Run(
            "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
            "add_the_row,free_pilot",
            "free_trial",
            "stalled",
            20,
        ),
        "the sheet keeps the last word": Run(
            "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
            "add_the_row,sheet_decides",
            "pilot_then_sheet",
            "stalled",
            23,
        ),
    },
    hidden={
        "a promised price cannot become a fee behind his target": (
            "fill_in,what_for,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
            "add_the_row,pilot_terms"
        ),
        "a lower price per room cannot either": (
            "best_rows,lowest_per_room,what_for,empty_question,bookings_insight,beyond_the_target,"
            "what_row_twelve_does,add_the_row,pilot_terms"
        ),
        "no price promised, none to honour": (
            "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
            "add_the_row,promised_price"
        ),
    },
)
