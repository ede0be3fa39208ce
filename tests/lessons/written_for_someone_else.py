"""The lesson of scenarios/written-for-someone-else.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "success,week_three,elena_why,add_requirement,audit_risk,present,share_risk",
        "shaped",
        "won",
        37,
    ),
    runs={
        "following the tender ends in the lowest bid": Run(
            "just_bid,lowest_bid", "lowest_bid", "won", -13
        ),
        "a price promised early follows you to the committee": Run(
            "just_bid,late_goal,week_three,elena_why,add_requirement,all_bidders,present_with_discount",
            "shaped_cheaply",
            "won",
            11,
        ),
        "handing the idea over": Run(
            "success,week_three,elena_why,add_requirement,audit_risk,send_slides",
            "handed_over",
            "stalled",
            20,
        ),
        "case studies answer a doubt nobody raised": Run(
            "success,week_three,elena_why,add_requirement,audit_risk,present,case_studies",
            "second_round",
            "stalled",
            26,
        ),
        "a free term at the last step gives the value away": Run(
            "success,week_three,elena_why,add_requirement,audit_risk,present,free_term",
            "shaped_cheaply",
            "won",
            24,
        ),
        "giving up on the registrar leaves only price": Run(
            "success,week_three,undercut,lowest_bid", "lowest_bid", "won", -4
        ),
    },
    hidden={
        "after promising a price, you cannot present at full value": (
            "just_bid,late_goal,week_three,elena_why,add_requirement,all_bidders,present"
        ),
        "a feature walkthrough costs the trust the audit argument needs": (
            "walkthrough,ask_goal,week_three,elena_why,add_requirement,audit_risk"
        ),
        "the late question is asked only once": (
            "about_48,workaround,late_goal,dashboard,workaround,late_goal"
        ),
        "no link to a goal that was never asked": "about_48,link_goal",
    },
)
