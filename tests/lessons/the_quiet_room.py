"""The lesson of scenarios/the-quiet-room.yaml: with a reserved buyer, offer a guess for him to
correct, choose to leave the silence alone, honour the junior colleague's work, say the hard
thing without pushing it, and ask for a meeting with his team rather than a signature."""

from tests.lessons import Lesson, Run

IDEA = "agenda_idea,hypothesis"
FIGURES = "invite_aiko,name_the_risk"

LESSON = Lesson(
    leader=Run(f"{IDEA},wait,{FIGURES},your_engineers,team_half_day", "team_meeting", "won", 30),
    runs={
        "flattery, then back to the figures": Run(
            f"{IDEA},wait,invite_aiko,flatter,back_to_figures,name_the_risk,your_engineers,"
            "team_half_day",
            "team_meeting",
            "won",
            29,
        ),
        "a timer that runs out is not a silence chosen": Run(
            f"{IDEA},timeout,{FIGURES},your_engineers,team_maybe", "considered", "stalled", 11
        ),
        "rapid-fire questions, then an apology, leave too little trust": Run(
            f"rapid_fire,slow_down,hypothesis,wait,{FIGURES},your_engineers,team_maybe",
            "considered",
            "stalled",
            10,
        ),
        "filling the silence with a pitch": Run(
            f"{IDEA},fill_it,back_to_guess,{FIGURES},your_engineers,team_maybe",
            "considered",
            "stalled",
            9,
        ),
        "pushing on a hard truth he just accepted": Run(
            f"{IDEA},wait,{FIGURES},move_this_quarter,team_maybe", "considered", "stalled", 14
        ),
        "a margin instead of his customers": Run(
            f"{IDEA},wait,margin_first,back_to_plants,team_maybe", "considered", "stalled", 4
        ),
        "raising your own margin": Run(
            f"{IDEA},wait,margin_first,forty_five", "trial_stock", "won", -4
        ),
        "a trial order at the last step": Run(
            f"{IDEA},wait,{FIGURES},your_engineers,trial_order", "trial_stock", "won", 6
        ),
        "backing away from your own idea": Run(
            f"{IDEA},wait,invite_aiko,no_hurry", "considered", "stalled", 2
        ),
        "a contract on the first call": Run("straight_to_deal,press_on", "polite_end", "lost", -9),
    },
    hidden={
        "a deck first keeps the trust the team meeting needs": (
            f"company_deck,read_polite,hypothesis,wait,{FIGURES},your_engineers,team_half_day"
        ),
        "with a margin on the table, no clean invitation to the team": (
            f"{IDEA},wait,margin_first,back_to_plants,team_half_day"
        ),
        "the junior is put on the spot only once": (
            f"{IDEA},wait,invite_aiko,quiz_aiko,rescue_aiko,quiz_aiko"
        ),
    },
)
