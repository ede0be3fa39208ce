"""The lesson of scenarios/approve-my-discount.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "what_for,work_it_out,size_it,rehearse,sam_tells_dana,design_close,your_call",
        "sam_leads",
        "won",
        35,
    ),
    runs={
        "a signed discount becomes the habit": Run("sign,sign_again", "habit", "won", -15),
        "doing the rep's thinking wins the deal, not the rep": Run(
            "what_for,tell_answer,size_it,rehearse,no_backup,design_close,your_call",
            "harbor_signs",
            "won",
            27,
        ),
        "managing activity runs out the rep's confidence": Run(
            "call_count,more_calls", "checked_out", "stalled", -2
        ),
        "hesitating at the door": Run(
            "what_for,work_it_out,size_it,rehearse,sam_tells_dana,design_close,timeout",
            "walked_in_unsure",
            "lost",
            22,
        ),
        "taking the deal over": Run("my_deal,just_wait", "your_deal", "won", -6),
        "a backup discount signed under pressure goes into the meeting": Run(
            "what_for,work_it_out,size_it,rehearse,backup_form,design_close,as_agreed",
            "discount_anyway",
            "won",
            16,
        ),
    },
    hidden={
        "a discount in hand means no clean call": (
            "what_for,work_it_out,ten_percent,rehearse,no_backup,design_close,your_call"
        ),
        "only a confident rep answers the VP alone": (
            "my_deal,hand_back,work_it_out,size_it,rehearse,sam_tells_dana"
        ),
        "no discount to offer as agreed when none was agreed": (
            "what_for,work_it_out,size_it,rehearse,no_backup,design_close,as_agreed"
        ),
    },
)
