"""The lesson of scenarios/procurement-squeeze.yaml: hold the rate on the buyer's own costs,
and bring in the person who owns the fix; guesses and overclaims close the advisor ending."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "hold,rejections_q,size_it,the_finding,ewa_in,joint_plan,hold_rate", "partner", "won", 31
    ),
    runs={
        "matching and cutting again wins the account, not the margin": Run(
            "match,another_five", "won_on_price", "won", -13
        ),
        "an insight before any number makes him stop talking": Run(
            "hold,premature,apologise_ask,size_it,the_finding,plan_alone", "friday", "stalled", 13
        ),
        "promising zero rejections, then walking it back": Run(
            "hold,rejections_q,zero,walk_back,the_finding,plan_alone", "friday", "stalled", 14
        ),
        "promising zero rejections, then insuring his yard": Run(
            "hold,rejections_q,zero,accept_clause", "credit_win", "won", 6
        ),
        "arguing the gap first is one mistake the path absorbs": Run(
            "like_for_like,gap_ask,size_it,the_finding,ewa_in,joint_plan,hold_rate",
            "partner",
            "won",
            29,
        ),
        "silence at the opening is one mistake the path absorbs": Run(
            "timeout,late_ask,size_it,the_finding,ewa_in,joint_plan,hold_rate", "partner", "won", 29
        ),
        "the finding, then halfway on price": Run(
            "hold,rejections_q,size_it,the_finding,ewa_in,joint_plan,halfway_late",
            "met_halfway",
            "won",
            14,
        ),
        "blaming his yard twice ends it": Run(
            "hold,rejections_q,size_it,blame_yard,double_down", "walkout", "lost", -2
        ),
        "a good plan handed to your manager": Run(
            "hold,rejections_q,size_it,the_finding,ewa_in,joint_plan,ask_boss",
            "friday",
            "stalled",
            13,
        ),
    },
    hidden={
        "after a guess at his business, too little trust to bring in the yard": (
            "hold,premature,apologise_ask,size_it,the_finding,ewa_in"
        ),
        "two mistakes leave too little trust to bring in the yard": (
            "like_for_like,gap_spec,bored_ask,size_it,soft,firm_up,ewa_in"
        ),
        "after a price move, too little trust to bring in the yard": (
            "match,take_back,size_it,the_finding,ewa_in"
        ),
    },
)
