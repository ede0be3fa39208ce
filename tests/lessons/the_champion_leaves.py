"""The lesson of scenarios/the-champion-leaves.yaml: a deal that rests on one champion ends when
she leaves. Meet finance and the floor early (it is slower, and scores less at the time), then
re-validate the case against the new VP's goals instead of re-pitching it."""

from tests.lessons import Lesson, Run

DECEMBER = "revalidate,one_of_the_cuts"

LESSON = Lesson(
    leader=Run(
        f"meet_users,finance_too,{DECEMBER},ask_harbour,licences_harbour,vikram_sponsors",
        "re_signed",
        "won",
        37,
    ),
    runs={
        "finance and the floor, the other way round": Run(
            f"meet_finance,floor_shift,{DECEMBER},ask_daniel,licences_not_price,vikram_sponsors",
            "re_signed",
            "won",
            37,
        ),
        "one champion, nobody to vouch: a measured pilot is what remains": Run(
            f"just_beatriz,skip_review,who_else,{DECEMBER},my_word,measured_pilot,agree_measure",
            "on_probation",
            "won",
            17,
        ),
        "one thread holds: a pilot, not the contract": Run(
            f"just_beatriz,meet_controller_late,{DECEMBER},ask_daniel,licences_not_price,"
            "pilot_first,agree_measure",
            "on_probation",
            "won",
            25,
        ),
        "a discount early, and a discount to survive": Run(
            "early_discount,skip_after_discount,all_set,stay_discount,twenty_then",
            "kept_on_price",
            "won",
            -16,
        ),
        "the old pitch to the new VP": Run(
            "just_beatriz,skip_review,all_set,repitch,hours_matter", "cut", "lost", -7
        ),
        "Daniel vouches, and the value is priced down anyway": Run(
            f"meet_users,finance_too,{DECEMBER},ask_daniel,twenty_for_daniel",
            "kept_on_price",
            "won",
            2,
        ),
        "nobody named to own it": Run(
            f"meet_users,finance_too,{DECEMBER},ask_daniel,licences_not_price,whoever_you_like",
            "paused",
            "stalled",
            12,
        ),
        "a dashboard before the count: one mistake, and the re-signing is gone": Run(
            "meet_users,finance_too,revalidate,dashboard,consolidate_after_view,ask_harbour,"
            "licences_harbour,pilot_first,agree_measure",
            "on_probation",
            "won",
            20,
        ),
        "an early discount, checked by finance, ends in a test at the draft price": Run(
            "early_discount,finance_after_discount,revalidate,one_of_the_cuts,ask_daniel,"
            "already_discounted,test_not_cut,agree_measure",
            "on_probation",
            "won",
            9,
        ),
        "a re-pitch first costs the trust the re-signing needs": Run(
            "meet_users,finance_too,repitch,what_then,one_of_the_cuts,ask_daniel,"
            "licences_not_price,pilot_first,agree_measure",
            "on_probation",
            "won",
            22,
        ),
    },
    hidden={
        "with one thread, no re-signing": (
            f"just_beatriz,meet_controller_late,{DECEMBER},ask_daniel,licences_not_price,"
            "vikram_sponsors"
        ),
        "after the dashboard, no re-signing": (
            "meet_users,finance_too,revalidate,dashboard,consolidate_after_view,ask_harbour,"
            "licences_harbour,vikram_sponsors"
        ),
        "after a re-pitch, no re-signing either": (
            "meet_users,finance_too,repitch,what_then,one_of_the_cuts,ask_daniel,"
            "licences_not_price,vikram_sponsors"
        ),
        "nobody in finance met, nobody to call": (
            f"meet_users,skip_rest,all_set,{DECEMBER},ask_daniel"
        ),
        "an early discount leaves no licence argument": (
            f"early_discount,finance_after_discount,{DECEMBER},ask_daniel,licences_not_price"
        ),
    },
)
