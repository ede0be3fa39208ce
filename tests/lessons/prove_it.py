"""The lesson of scenarios/prove-it.yaml: own a past failure plainly, use what it taught you
with its source and limits, and say no to the commitment that would repeat it."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "own_it,rathmore_insight,rathmores,do_sum,walk,joint_discovery",
        "discovery_calloff",
        "won",
        29,
    ),
    runs={
        "a discount as an apology, then a bigger one": Run(
            "discount_sorry,discount_more", "won_discounted", "won", -8
        ),
        "blaming the last client to her friend": Run(
            "blame_client,blamed_more", "next_bidder", "lost", -8
        ),
        "one slip, owned at the second asking, is absorbed": Run(
            "grovel,doubt_own,rathmore_insight,rathmores,do_sum,walk,joint_discovery",
            "discovery_calloff",
            "won",
            27,
        ),
        "Rathmore's number promised as hers, then withdrawn": Run(
            "own_it,rathmore_insight,same_here,number_back,do_sum,walk,trust_us",
            "shortlist_only",
            "stalled",
            13,
        ),
        "Rathmore's number written into the contract": Run(
            "own_it,rathmore_insight,same_here,number_yes", "won_fixed", "won", 5
        ),
        "accepting the fixed price that made Rathmore late": Run(
            "own_it,rathmore_insight,rathmores,do_sum,accept_fixed", "won_fixed", "won", 5
        ),
        "walking away when a way through existed": Run(
            "own_it,rathmore_insight,rathmores,do_sum,no_bid", "no_bid", "stalled", 9
        ),
        "a discount instead of the penalty": Run(
            "own_it,rathmore_insight,rathmores,do_sum,rate_cut", "won_discounted", "won", 5
        ),
        "a guarantee, then an adjective": Run(
            "own_it,on_time,guarantee_back,rathmores,vague_big", "next_bidder", "lost", -1
        ),
    },
    hidden={
        "after Rathmore's number as hers, too little respect for her terms": (
            "own_it,rathmore_insight,same_here,number_back,do_sum,walk,joint_discovery"
        ),
        "a discount offered on the way follows you to her terms": (
            "discount_sorry,discount_own,rathmore_insight,rathmores,do_sum,walk,joint_discovery"
        ),
        "the discount is explained away only once": (
            "own_it,rathmore_insight,payback_price,discount_own"
        ),
    },
)
