"""The lesson of scenarios/first-message.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
    leader=Run(
        "her_week,zones,map_ask,bring_the_map,her_goal,ground_two_day,model_it",
        "modelled",
        "won",
        31,
    ),
    runs={
        "a price hook, recovered by an insight, still costs": Run(
            "cost_hook,zones,january_ask,one_fact,her_goal,ground_two_day,model_it",
            "modelled",
            "won",
            24,
        ),
        "rates in the message turn the map into a comparison": Run(
            "her_week,rate_line,january_ask,one_fact,her_goal,ground_two_day,model_with_rates",
            "compared",
            "stalled",
            16,
        ),
        "a quote, then a rate war": Run(
            "cost_hook,rate_line,quote_ask,walk_the_quote,beat_both",
            "trial_on_rates",
            "won",
            -20,
        ),
        "asking for nothing gets nothing": Run(
            "admire_profile,fit_question,just_connect", "connected", "stalled", -6
        ),
        "a polite reply taken at its word": Run(
            "about_us,case_study,demo_ask,spring", "check_back", "stalled", -5
        ),
        "hesitating at the hard stop": Run(
            "her_week,zones,map_ask,bring_the_map,her_goal,ground_two_day,timeout",
            "hard_stop",
            "stalled",
            19,
        ),
        "an intro first spends the insight's minutes": Run(
            "her_week,zones,map_ask,bring_the_map,company_intro,second_site_late,model_it",
            "modelled",
            "won",
            24,
        ),
    },
    hidden={
        "a message about the seller cannot ask about her map": "about_us,zones,map_ask",
        "rates shared, no clean model": (
            "her_week,zones,map_ask,rate_card,her_goal,ground_two_day,model_it"
        ),
    },
)
