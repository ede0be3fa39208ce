"""The lesson of scenarios/the-quiet-renewal.yaml: a loyalty discount pays for the past; a
renewal re-scoped to what changed on campus, taken to the finance director, pays for the next
five years. Level 1: two slips on the way still reach the best ending."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "review_first,ask_students,rooms_insight,move_hours,hold_three,meet_carys,the_case",
        "renewed",
        "won",
        30,
    ),
    runs={
        "a loyalty discount and free night work": Run(
            "yes_ten,night_free", "won_on_loyalty", "won", -10
        ),
        "five percent for five years is a trade, and still price": Run(
            "five_for_term,sign_five", "signed_five", "won", -7
        ),
        "the empty rooms told too early become Carys's cut": Run(
            "review_first,rooms_now,ask_hub,connect,move_hours,hold_three,meet_carys_cut,the_split",
            "renewed_trimmed",
            "won",
            24,
        ),
        "cutting hours to hit his number leaves the hub overflowing": Run(
            "review_first,rooms_now,cut_to_ten", "won_lean", "won", 0
        ),
        "a promise about the survey becomes a penalty clause": Run(
            "review_first,ask_students,promise_81,rooms_after,move_hours,hold_three,meet_carys,"
            "the_promise",
            "kpi_clause",
            "won",
            20,
        ),
        "a plan sent by email is read beside a request for ten percent": Run(
            "review_first,ask_students,rooms_insight,move_hours,hold_three,email_it",
            "forwarded",
            "stalled",
            8,
        ),
        "two slips, and the best ending is still there": Run(
            "what_carys,survey_follow,echo,echo_recover,ask_back,late_plan,hold_three,meet_carys,"
            "the_case",
            "renewed",
            "won",
            27,
        ),
        "a discount taken back still follows you to finance": Run(
            "what_carys,give_seven,take_back,rooms_insight,move_hours,hold_three,meet_carys,"
            "the_case_disc",
            "renewed_discounted",
            "won",
            19,
        ),
        "too many slips and he tenders": Run(
            "review_first,app_demo,app_back,echo,echo_recover,ask_back", "tender", "lost", 1
        ),
        "a discount on top, then a tender threat matched": Run(
            "review_first,ask_students,rooms_insight,move_hours,top_up,meet_carys,match_tender",
            "won_on_loyalty",
            "won",
            3,
        ),
    },
    hidden={
        "once the discount is known, the clean case is gone": (
            "what_carys,give_seven,take_back,rooms_insight,move_hours,hold_three,meet_carys,the_case"
        ),
        "the empty rooms cannot be told twice": "review_first,rooms_now,ask_hub,rooms_insight",
        "too little goodwill to meet Carys": (
            "review_first,app_demo,app_back,echo,echo_recover,move_hours,top_up,meet_carys"
        ),
    },
)
