"""The lesson of scenarios/procurement-squeeze.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "cost_of_delay,where_they_start,price_the_outcome,the_real_number,write_it_together,"
        "guarantee_result,bring_ops",
        "partner",
        "won",
        36,
    ),
    runs={
        "matching the price wins the order, not the margin": Run(
            "match,another_five", "won_on_price", "won", -11
        ),
        "a discount taken back leaves you in the pile": Run(
            "match,hold_the_line,take_it_back,price_the_outcome,the_real_number,standard_proposal",
            "another_proposal",
            "stalled",
            7,
        ),
        "silence under pressure costs the insight": Run(
            "timeout,late_question,where_they_start,price_the_outcome,the_real_number,write_it_together,"
            "guarantee_result,bring_ops",
            "partner",
            "won",
            33,
        ),
        "features and haggling spend her patience": Run(
            "twelve_features,hold_the_line,dashboard", "walkout", "lost", -2
        ),
        "splitting the difference at the CFO's deadline": Run(
            "cost_of_delay,where_they_start,price_the_outcome,halfway", "met_halfway", "won", 7
        ),
        "silence at the CFO's question, then the line": Run(
            "cost_of_delay,where_they_start,price_the_outcome,timeout,late_number,write_it_together,"
            "guarantee_result,bring_ops",
            "partner",
            "won",
            34,
        ),
        "a feature sheet for the CFO, then a discount": Run(
            "cost_of_delay,where_they_start,price_the_outcome,feature_sheet,halfway_now",
            "met_halfway",
            "won",
            6,
        ),
        "a cheaper version for the CFO to pick": Run(
            "cost_of_delay,where_they_start,price_the_outcome,the_real_number,acme_option",
            "lighter_version",
            "won",
            12,
        ),
        "matching Acme's guarantee on Acme's terms": Run(
            "cost_of_delay,where_they_start,price_the_outcome,the_real_number,write_it_together,price_lock",
            "won_on_price",
            "won",
            16,
        ),
        "a fallback price in the pocket": Run(
            "cost_of_delay,where_they_start,price_the_outcome,the_real_number,write_it_together,"
            "guarantee_result,fallback_price",
            "fallback",
            "won",
            24,
        ),
    },
    hidden={
        "after a discount, trust is too low to write it together": (
            "match,hold_the_line,take_it_back,price_the_outcome,the_real_number,write_it_together"
        ),
        "a module given away leaves no case to write together": (
            "cost_of_delay,where_they_start,free_module,the_real_number,write_it_together"
        ),
        "after a discount, the dock question waits until it is taken back": (
            "match,hold_the_line,where_they_start"
        ),
        "nothing to take back without a discount": "cost_of_delay,take_it_back",
    },
)
