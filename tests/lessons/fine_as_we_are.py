"""The lesson of scenarios/fine-as-we-are.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,lead_next_step",
        "invited_back",
        "won",
        32,
    ),
    runs={
        "a discount, then a recovery, leaves only a call": Run(
            "discount,one_question,work_it_out,what_it_means,within_reach,ask_marta,call_thursday",
            "second_call",
            "stalled",
            20,
        ),
        "closing on the discount wins one clinic on price": Run(
            "discount,one_question,work_it_out,what_it_means,within_reach,ask_marta,one_clinic_deal",
            "won_on_price",
            "won",
            11,
        ),
        "a free migration buys one clinic, not her goal": Run(
            "hidden_cost,work_it_out,what_it_means,within_reach,free_migration,ask_marta_late,"
            "one_clinic_deal",
            "won_on_price",
            "won",
            10,
        ),
        "a feature in place of her goal leaves only a call": Run(
            "hidden_cost,work_it_out,what_it_means,scales_up,ask_marta,call_thursday",
            "second_call",
            "stalled",
            17,
        ),
        "cheaper cannot sell what she does not need": Run(
            "features,one_question,demo,beat_price", "cheaper_not_needed", "lost", -6
        ),
        "cheaper software is not the cost she just found": Run(
            "hidden_cost,work_it_out,switch_saves", "cheaper_not_needed", "lost", 2
        ),
        "a price list answers her goal with cost": Run(
            "hidden_cost,work_it_out,what_it_means,price_list",
            "price_on_nothing",
            "stalled",
            10,
        ),
        "features and a brochure get filed": Run(
            "features,send_brochure", "filed_away", "stalled", -3
        ),
        "money cannot buy off the fear of change": Run(
            "hidden_cost,work_it_out,what_it_means,within_reach,free_migration,bigger_discount",
            "cheaper_not_needed",
            "lost",
            11,
        ),
        "the right question after the wrong answer": Run(
            "hidden_cost,work_it_out,what_it_means,within_reach,easy_setup,ask_marta_late,lead_next_step",
            "invited_back",
            "won",
            29,
        ),
        "a discount to hurry a careful buyer": Run(
            "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,sign_this_month",
            "price_on_nothing",
            "stalled",
            19,
        ),
        "no next step before her next meeting": Run(
            "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,timeout",
            "out_of_time",
            "stalled",
            22,
        ),
        "the demo detour, then back to her cost": Run(
            "hidden_cost,demo,back_to_cost,what_it_means,within_reach,ask_marta,lead_next_step",
            "invited_back",
            "won",
            30,
        ),
    },
    hidden={
        "after a discount, no next step she leads": (
            "discount,one_question,work_it_out,what_it_means,within_reach,ask_marta,lead_next_step"
        ),
        "after a free migration, no next step she leads": (
            "hidden_cost,work_it_out,what_it_means,within_reach,free_migration,ask_marta_late,"
            "lead_next_step"
        ),
        "a feature in place of her goal leaves too little interest": (
            "hidden_cost,work_it_out,what_it_means,scales_up,ask_marta,lead_next_step"
        ),
        "no offer made, no deal closed on one": (
            "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,one_clinic_deal"
        ),
        "with her interest and no offer, no settling for a call": (
            "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,call_thursday"
        ),
    },
)
