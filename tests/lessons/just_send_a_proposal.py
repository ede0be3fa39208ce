"""The lesson of scenarios/just-send-a-proposal.yaml: a proposal is worth writing only for the
person who will read it. Yes to the deadline, find out why it exists, then ask for the partner;
a gracious no-bid beats a win on price."""

from tests.lessons import Lesson, Run

LEADER = (
    "why_now,how_big,cover_insight,conditional_yes,make_it_easy,bring_january,cover_plan,"
    "april_test,set_terms"
)

LESSON = Lesson(
    leader=Run(LEADER, "advisor_win", "won", 43),
    runs={
        "a rate said on the first call becomes the price of the year": Run(
            "sharp_rate,why_ask_late,how_big,cover_insight,conditional_yes,make_it_easy,"
            "bring_january,cover_plan,april_test,set_terms_rate",
            "held_to_rate",
            "won",
            22,
        ),
        "the idea handed over in a proposal is read after the others": Run(
            "send_volumes,why_late,how_big,cover_insight,blind_friday,late_access,take_slot",
            "shortlisted",
            "stalled",
            11,
        ),
        "a gracious no-bid outscores every win on price": Run(
            "why_now,how_big,cover_insight,conditional_yes,gracious_no_bid",
            "no_bid",
            "stalled",
            22,
        ),
        "two overclaims taken back still reach the partner": Run(
            "why_now,how_big,reads_itself,back_to_cover,conditional_yes,make_it_easy,"
            "bring_january,never_again,own_it,april_test,set_terms",
            "advisor_win",
            "won",
            31,
        ),
        "the lowest of three, on price": Run(
            "why_now,how_big,cover_insight,lowest_of_three,lowest_bid", "price_win", "won", 0
        ),
        "a thank-you discount after the yes": Run(
            "why_now,how_big,cover_insight,conditional_yes,make_it_easy,bring_january,cover_plan,"
            "april_test,thank_discount",
            "price_win",
            "won",
            20,
        ),
        "demands and questions spend Owen's patience before the ask": Run(
            "see_sunita,apologise_ask,rapid_fire,slow_down,cover_insight,conditional_yes",
            "brushed_off",
            "lost",
            1,
        ),
        "going around him": Run(
            "why_now,how_big,cover_insight,conditional_yes,email_her", "burned", "lost", 5
        ),
        "an answer to the partner with a budget question": Run(
            "why_now,how_big,cover_insight,conditional_yes,make_it_easy,bring_january,budget_first,"
            "beat_nine",
            "price_win",
            "won",
            6,
        ),
        "silence at the close": Run(
            LEADER.rsplit(",", 1)[0] + ",timeout", "client_arrives", "stalled", 24
        ),
        "a proposal with rates in it is one of three": Run(
            "send_volumes,standard_pack,send_and_hope", "one_of_three", "lost", -11
        ),
    },
    hidden={
        "without Owen's trust, no easy way to the partner": (
            "see_sunita,apologise_ask,never_late,fair_point,cover_insight,conditional_yes,make_it_easy"
        ),
        "a rate quoted early cannot be forgotten at the close": (
            "sharp_rate,why_ask_late,how_big,cover_insight,conditional_yes,make_it_easy,"
            "bring_january,cover_plan,april_test,set_terms"
        ),
        "the late ask for the meeting is made only once": (
            "why_now,how_big,cover_insight,conditional_yes,back_down,late_access"
        ),
    },
)
