"""The lesson of scenarios/approve-my-discount.yaml: a sales leader coaches the director who
asks for a discount, takes the quarter's risk, and lets him lead; telling him the answer scores
now and leaves the deal yours. Level 3: every slip closes the best ending."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "what_for,who_wants,what_worth,trade_q,cover_him,you_lead", "kwame_leads", "won", 27
    ),
    runs={
        "signing the form": Run("sign_it", "signed", "won", -9),
        "managing by the policy cap": Run("policy_cap,cap_ten", "within_policy", "won", -6),
        "taking the deal over": Run("take_over,taken_keep", "checked_out", "lost", -8),
        "telling him the plan scores now and makes it yours": Run(
            "what_for,who_wants,tell_plan,told_lead", "your_deal", "won", 11
        ),
        "leading the call yourself": Run(
            "what_for,who_wants,what_worth,trade_q,cover_him,i_lead", "your_deal", "won", 9
        ),
        "leaving him to go in alone": Run(
            "what_for,who_wants,what_worth,trade_q,cover_him,no_call", "slipped", "stalled", 6
        ),
        "leaving the quarter's risk with him": Run(
            "what_for,who_wants,what_worth,trade_q,your_problem", "checked_out", "lost", 3
        ),
        "a verdict on his rep, then her discount": Run(
            "what_for,nadia_weak,defends_sign", "signed", "won", -9
        ),
        "a product demo, then ten as a final offer": Run(
            "what_for,who_wants,nursing_pitch,demo_ten", "within_policy", "won", -1
        ),
    },
    hidden={
        "after the policy cap, not enough ownership for him to lead": (
            "policy_cap,cap_ask,who_wants,what_worth,trade_q,cover_him,you_lead"
        ),
        "after taking it over and giving it back, not enough either": (
            "take_over,taken_back,who_wants,what_worth,trade_q,cover_him,you_lead"
        ),
    },
)
