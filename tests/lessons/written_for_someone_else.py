"""The lesson of scenarios/written-for-someone-else.yaml: a public tender written around a rival
changes only in the open. Ask what the process allows, turn the product clause into a performance
one by a published question, refuse the private call, bid on the authority's measure, keep out of
the panel's room, and hold the price with the whole-life cost; or decline with reasons."""

from tests.lessons import Lesson, Run

OPEN_QUESTION = "what_may_i_ask,performance_question"
CLEAN_BID = OPEN_QUESTION + ",redirect_henrik,annex_bid,bring_engineer"

LESSON = Lesson(
    leader=Run(CLEAN_BID + ",hold_whole_life", "awarded", "won", 37),
    runs={
        "the best quality score, given back in price": Run(
            CLEAN_BID + ",match_lowest", "awarded_cheap", "won", 11
        ),
        "a guarantee on what the authority's repairs decide": Run(
            CLEAN_BID + ",guarantee_leakage", "guarantee_refused", "lost", 7
        ),
        "the private call comes back a week later": Run(
            OPEN_QUESTION + ",tip_henrik,own_up", "disqualified", "lost", 6
        ),
        "staying on the call without refusing": Run(
            OPEN_QUESTION + ",vague_henrik,annex_bid,bring_engineer,hold_plain",
            "lost_narrowly",
            "lost",
            8,
        ),
        "asking for the engineers first costs the standing the award needs": Run(
            "meet_engineering,accept_route,performance_question,redirect_henrik,annex_bid,"
            "bring_engineer,hold_plain",
            "lost_narrowly",
            "lost",
            8,
        ),
        "offering to help the panel": Run(
            OPEN_QUESTION + ",redirect_henrik,annex_bid,help_score", "disqualified", "lost", 5
        ),
        "a fair question, then a price race": Run(
            OPEN_QUESTION + ",redirect_henrik,cheapest_bid,hold_low", "awarded_low", "won", 7
        ),
        "the clause stands: a reasoned no-bid": Run(
            "what_may_i_ask,extra_features,reasoned_no_bid", "no_bid", "stalled", 4
        ),
        "the clause stands: the lowest bid": Run("lowest_anyway,bid_low", "lowest_bid", "won", -12),
        "an accusation, a challenge, a covering letter": Run(
            "rigged,formal_challenge,bid_as_is", "non_compliant", "lost", -11
        ),
    },
    hidden={
        "one stumble in the process and the whole-life case cannot carry the award": (
            "meet_engineering,accept_route,performance_question,redirect_henrik,annex_bid,"
            "bring_engineer,hold_whole_life"
        ),
        "a clean record, no plain hold": CLEAN_BID + ",hold_plain",
    },
)
