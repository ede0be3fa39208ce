"""The lesson of scenarios/the-insight-meeting.yaml: an executive gives time for one idea he
can test, with its source and its limits, and the smallest next step that would prove it.
Level 3: every slip closes the best ending."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "one_idea,hypothesis,source_honest,outcome_link,ask_data,one_week",
        "monday_review",
        "won",
        26,
    ),
    runs={
        "a free year before a reason": Run("free_year,free_more", "intro_price", "won", -8),
        "promising half, then defending it": Run(
            "one_idea,halve_it,double_down", "dismissed", "lost", 1
        ),
        "a promise retracted still costs the last step": Run(
            "one_idea,halve_it,retract,source_honest,outcome_link,ask_data,case_study_ok",
            "deck_sent",
            "stalled",
            11,
        ),
        "an unsourced industry figure": Run(
            "one_idea,hypothesis,industry_stat", "dismissed", "lost", -1
        ),
        "folding when asked for the source": Run(
            "one_idea,hypothesis,fold,hunch_price", "intro_price", "won", -2
        ),
        "answering his outcome with your price": Run(
            "one_idea,hypothesis,source_honest,pays_for_itself", "intro_price", "won", 2
        ),
        "a free study nobody on his side owns": Run(
            "one_idea,hypothesis,source_honest,outcome_link,ask_data,free_study",
            "free_diagnostic",
            "stalled",
            6,
        ),
        "asking his teams' view first costs the last step": Run(
            "one_idea,ask_cause,hypothesis_late,source_honest,outcome_link,ask_data,case_study_ok",
            "deck_sent",
            "stalled",
            8,
        ),
        "the question every vendor asks": Run(
            "keeps_you_up,generic_more", "board_pack", "lost", -4
        ),
        "slides after he asked you to skip": Run("deck,keep_deck", "board_pack", "lost", -6),
    },
    hidden={
        "after asking his teams first, too little interest for the test": (
            "one_idea,ask_cause,hypothesis_late,source_honest,outcome_link,ask_data,one_week"
        ),
        "after silence at the opening, too little interest too": (
            "timeout,late_idea,hypothesis,source_honest,outcome_link,ask_data,one_week"
        ),
        "his teams' view is asked only once": (
            "one_idea,ask_cause,supplier_pitch,skip_to_idea,ask_cause"
        ),
    },
)
