"""The lesson of scenarios/fine-as-we-are.yaml: with a content buyer the rival is no decision.
Find the cost inside a full diary with his own figures, tie it to what he wants, back the
estimate with a named source, ask the person who runs the diary, and leave with a date."""

from tests.lessons import Lesson, Run

TO_SANNE = "inside_full,do_the_sum,what_for,fridays,named_source"

LESSON = Lesson(
    leader=Run(TO_SANNE + ",ask_sanne,dated_decision", "decided", "won", 38),
    runs={
        "keep in touch: the status quo wins": Run(
            TO_SANNE + ",ask_sanne,keep_in_touch", "drift", "stalled", 16
        ),
        "no next step before his next patient": Run(
            TO_SANNE + ",ask_sanne,timeout", "out_of_time", "stalled", 16
        ),
        "a discount at the end wins on price": Run(
            TO_SANNE + ",ask_sanne,sign_discount", "won_on_price", "won", 14
        ),
        "deciding Sanne's mornings for her, then asking": Run(
            TO_SANNE + ",start_monday,win_sanne_back,measure_late",
            "decided_late",
            "won",
            30,
        ),
        "a signature without Sanne": Run(
            TO_SANNE + ",start_monday,close_anyway", "rushed_start", "won", 18
        ),
        "a premature claim, taken back": Run(
            "bold_claim,fair_ask,do_the_sum,what_for,fridays,named_source,ask_sanne,dated_decision",
            "decided",
            "won",
            37,
        ),
        "a feature and a wrong sum, both recovered": Run(
            "features,back_to_gaps,twenty_percent,own_the_sum,what_for,fridays,named_source,"
            "ask_sanne,dated_decision",
            "decided",
            "won",
            32,
        ),
        "agreeing that he is fine": Run("agree_fine", "nice_chat", "stalled", -6),
        "his cost answered with your fee": Run(
            "inside_full,do_the_sum,our_fee", "not_needed", "lost", -3
        ),
        "cheaper than what already works": Run("features,beat_price", "not_needed", "lost", -8),
        "claims instead of his numbers spend his interest": Run(
            "inside_full,waitlist_demo,whats_it_worth,pays_ten_times,forget_us,fill_every_gap,"
            "everyone_does,ask_sanne,measure_maybe",
            "no_date",
            "stalled",
            -4,
        ),
    },
    hidden={
        "claims spend the interest a dated decision needs": (
            "inside_full,waitlist_demo,whats_it_worth,pays_ten_times,forget_us,fill_every_gap,"
            "everyone_does,ask_sanne,dated_decision"
        ),
        "a free setup leaves no clean date": (TO_SANNE + ",free_setup,win_sanne_back,measure_late"),
    },
)
