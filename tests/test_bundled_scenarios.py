"""The bundled scenarios teach what they were written to teach, and keep teaching it.

Each scenario's lesson is written down below as data: the leader's path (which must stay
the best run `analyze` finds), and runs that show what leading with price, features or
hesitation costs. The checks go through the command-line contract (`validate`, `run --json`,
`analyze --json`), the way trainers' own CI reads scenarios. The content checks at the top
need only the loader.

A writer who changes a scenario's choices or points updates its lesson here, on purpose.
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from game.cli import main
from game.content import Scenario, load_paths
from game.content.model import COMMODITY_TAGS, LEADERSHIP_TAGS

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"

# What a commodity move costs at least: the best run that takes one scores at least this
# much less than the leader's path, in every bundled scenario.
MIN_COST_OF_A_COMMODITY_MOVE = 4


@dataclass(frozen=True)
class Run:
    choices: str  # tokens for `salesplay run --choices`
    ending: str
    result: str
    score: int


@dataclass(frozen=True)
class Lesson:
    leader: Run  # the leader's path: analyze's best run, move for move
    runs: dict[str, Run] = field(default_factory=dict)  # what a run shows -> the run
    # What a run shows -> tokens whose last one must be refused: a choice hidden by then.
    hidden: dict[str, str] = field(default_factory=dict)


LESSONS: dict[str, Lesson] = {
    "fine-as-we-are": Lesson(
        leader=Run(
            "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,lead_next_step",
            "invited_back",
            "won",
            32,
        ),
        runs={
            "a discount, then a recovery, leaves only a call": Run(
                "discount,one_question,work_it_out,what_it_means,within_reach,ask_marta,call_thursday",
                "second_call",
                "stalled",
                20,
            ),
            "closing on the discount wins one clinic on price": Run(
                "discount,one_question,work_it_out,what_it_means,within_reach,ask_marta,one_clinic_deal",
                "won_on_price",
                "won",
                11,
            ),
            "a free migration buys one clinic, not her goal": Run(
                "hidden_cost,work_it_out,what_it_means,within_reach,free_migration,ask_marta_late,"
                "one_clinic_deal",
                "won_on_price",
                "won",
                10,
            ),
            "a feature in place of her goal leaves only a call": Run(
                "hidden_cost,work_it_out,what_it_means,scales_up,ask_marta,call_thursday",
                "second_call",
                "stalled",
                17,
            ),
            "cheaper cannot sell what she does not need": Run(
                "features,one_question,demo,beat_price", "cheaper_not_needed", "lost", -6
            ),
            "cheaper software is not the cost she just found": Run(
                "hidden_cost,work_it_out,switch_saves", "cheaper_not_needed", "lost", 2
            ),
            "a price list answers her goal with cost": Run(
                "hidden_cost,work_it_out,what_it_means,price_list",
                "price_on_nothing",
                "stalled",
                10,
            ),
            "features and a brochure get filed": Run(
                "features,send_brochure", "filed_away", "stalled", -3
            ),
            "money cannot buy off the fear of change": Run(
                "hidden_cost,work_it_out,what_it_means,within_reach,free_migration,bigger_discount",
                "cheaper_not_needed",
                "lost",
                11,
            ),
            "the right question after the wrong answer": Run(
                "hidden_cost,work_it_out,what_it_means,within_reach,easy_setup,ask_marta_late,lead_next_step",
                "invited_back",
                "won",
                29,
            ),
            "a discount to hurry a careful buyer": Run(
                "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,sign_this_month",
                "price_on_nothing",
                "stalled",
                19,
            ),
            "no next step before her next meeting": Run(
                "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,timeout",
                "out_of_time",
                "stalled",
                22,
            ),
            "the demo detour, then back to her cost": Run(
                "hidden_cost,demo,back_to_cost,what_it_means,within_reach,ask_marta,lead_next_step",
                "invited_back",
                "won",
                30,
            ),
        },
        hidden={
            "after a discount, no next step she leads": (
                "discount,one_question,work_it_out,what_it_means,within_reach,ask_marta,lead_next_step"
            ),
            "after a free migration, no next step she leads": (
                "hidden_cost,work_it_out,what_it_means,within_reach,free_migration,ask_marta_late,"
                "lead_next_step"
            ),
            "a feature in place of her goal leaves too little interest": (
                "hidden_cost,work_it_out,what_it_means,scales_up,ask_marta,lead_next_step"
            ),
            "no offer made, no deal closed on one": (
                "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,one_clinic_deal"
            ),
            "with her interest and no offer, no settling for a call": (
                "hidden_cost,work_it_out,what_it_means,within_reach,ask_marta,call_thursday"
            ),
        },
    ),
    "the-bake-off": Lesson(
        leader=Run(
            "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
            "add_the_row,pilot_terms",
            "pilot",
            "won",
            35,
        ),
        runs={
            "a column among columns competes on price": Run(
                "fill_in,lowest", "cheapest_column", "won", -10
            ),
            "features spend his patience": Run(
                "best_rows,yes_and_more", "lost_in_the_rows", "lost", -2
            ),
            "a price promised before the goal sets the pilot's price": Run(
                "fill_in,what_for,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
                "add_the_row,promised_price",
                "pilot_on_price",
                "won",
                17,
            ),
            "a lower price per room follows him to finance": Run(
                "best_rows,lowest_per_room,what_for,empty_question,bookings_insight,beyond_the_target,"
                "what_row_twelve_does,add_the_row,promised_price",
                "pilot_on_price",
                "won",
                17,
            ),
            "a feature first, then the goal, still reaches the pilot": Run(
                "best_rows,which_row,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
                "add_the_row,pilot_terms",
                "pilot",
                "won",
                34,
            ),
            "a cheaper invoice is not his fifteen percent": Run(
                "why_now,price_gap", "cheapest_column", "won", -3
            ),
            "promising what the others promise": Run(
                "why_now,empty_question,bookings_insight,promise_eight", "one_of_three", "lost", 8
            ),
            "a common feature, then the insight": Run(
                "why_now,empty_question,eco_sensors,bookings_late,beyond_the_target,what_row_twelve_does,"
                "add_the_row,pilot_terms",
                "pilot",
                "won",
                31,
            ),
            "features after the goal still spend his patience": Run(
                "why_now,empty_question,eco_sensors,bookings_late,analytics",
                "lost_in_the_rows",
                "lost",
                7,
            ),
            "an insight traded for price": Run(
                "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,cheapest",
                "cheapest_column",
                "won",
                14,
            ),
            "a free pilot is a trial, not a decision": Run(
                "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
                "add_the_row,free_pilot",
                "free_trial",
                "stalled",
                20,
            ),
            "the sheet keeps the last word": Run(
                "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
                "add_the_row,sheet_decides",
                "pilot_then_sheet",
                "stalled",
                23,
            ),
        },
        hidden={
            "a promised price cannot become a fee behind his target": (
                "fill_in,what_for,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
                "add_the_row,pilot_terms"
            ),
            "a lower price per room cannot either": (
                "best_rows,lowest_per_room,what_for,empty_question,bookings_insight,beyond_the_target,"
                "what_row_twelve_does,add_the_row,pilot_terms"
            ),
            "no price promised, none to honour": (
                "why_now,empty_question,bookings_insight,beyond_the_target,what_row_twelve_does,"
                "add_the_row,promised_price"
            ),
        },
    ),
    "procurement-squeeze": Lesson(
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
    ),
    "written-for-someone-else": Lesson(
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
    ),
    "approve-my-discount": Lesson(
        leader=Run(
            "what_for,work_it_out,size_it,rehearse,sam_tells_dana,design_close,your_call",
            "sam_leads",
            "won",
            35,
        ),
        runs={
            "a signed discount becomes the habit": Run("sign,sign_again", "habit", "won", -15),
            "doing the rep's thinking wins the deal, not the rep": Run(
                "what_for,tell_answer,size_it,rehearse,no_backup,design_close,your_call",
                "harbor_signs",
                "won",
                27,
            ),
            "managing activity runs out the rep's confidence": Run(
                "call_count,more_calls", "checked_out", "stalled", -2
            ),
            "hesitating at the door": Run(
                "what_for,work_it_out,size_it,rehearse,sam_tells_dana,design_close,timeout",
                "walked_in_unsure",
                "lost",
                22,
            ),
            "taking the deal over": Run("my_deal,just_wait", "your_deal", "won", -6),
            "a backup discount signed under pressure goes into the meeting": Run(
                "what_for,work_it_out,size_it,rehearse,backup_form,design_close,as_agreed",
                "discount_anyway",
                "won",
                16,
            ),
        },
        hidden={
            "a discount in hand means no clean call": (
                "what_for,work_it_out,ten_percent,rehearse,no_backup,design_close,your_call"
            ),
            "only a confident rep answers the VP alone": (
                "my_deal,hand_back,work_it_out,size_it,rehearse,sam_tells_dana"
            ),
            "no discount to offer as agreed when none was agreed": (
                "what_for,work_it_out,size_it,rehearse,no_backup,design_close,as_agreed"
            ),
        },
    ),
    "the-quiet-renewal": Lesson(
        leader=Run(
            "next_contract,kiel_insight,model_together,saving_vs_season,tie_fee,tell_kiel,monday_plan",
            "board_yes",
            "won",
            40,
        ),
        runs={
            "a loyalty discount, then the cheaper rival's price": Run(
                "loyalty_discount,match_baltic", "renewed_cheap", "won", -13
            ),
            "a discount follows you into the boardroom": Run(
                "next_contract,kiel_insight,model_plus_loyalty,saving_vs_season,discount_and_fee,"
                "kiel_with_discount",
                "board_discount",
                "won",
                15,
            ),
            "yesterday's numbers run out the clock": Run(
                "usage_report,more_stats,more_stats,more_stats,more_stats",
                "out_of_time",
                "lost",
                -18,
            ),
            "silence at the open door": Run(
                "next_contract,kiel_insight,model_together,saving_vs_season,tie_fee,timeout",
                "left_outside",
                "lost",
                20,
            ),
            "last year's results, then next year's goal": Run(
                "past_results,next_year,kiel_insight,model_together,saving_vs_season,tie_fee,tell_kiel,"
                "monday_plan",
                "board_yes",
                "won",
                39,
            ),
            "a loyalty credit pays to stay, and Kiel waits": Run(
                "next_contract,kiel_insight,model_together,saving_vs_season,loyalty_credit",
                "loyalty_paid",
                "won",
                15,
            ),
            "meeting the CFO halfway keeps you out of the boardroom": Run(
                "next_contract,kiel_insight,model_together,meet_halfway,discount_and_fee",
                "renewed",
                "won",
                11,
            ),
        },
        hidden={
            "after a discount, no full-price pitch to the board": (
                "next_contract,kiel_insight,model_plus_loyalty,saving_vs_season,discount_and_fee,tell_kiel"
            ),
            "after a discount, no shared risk without it": (
                "next_contract,kiel_insight,model_together,meet_halfway,tie_fee"
            ),
        },
    ),
    "prove-it": Lesson(
        leader=Run(
            "size_to_risk,fresh_eyes,own_it,wrong_building,spare_sets,pilot_on_outcome,call_me",
            "trusted",
            "won",
            26,
        ),
        runs={
            "a discount for being small follows you to the pilot": Run(
                "risk_price,fresh_eyes,own_it,wrong_building,spare_sets,pilot_with_discount",
                "discount_pilot",
                "won",
                6,
            ),
            "defending every doubt runs out her patience": Run(
                "name_drop,resume,their_network", "walkout", "lost", -9
            ),
            "cheaper per tray starts an auction with the incumbent": Run(
                "size_to_risk,fresh_eyes,own_it,eight_scans,cheaper_per_tray,match_and_beat",
                "won_on_price",
                "won",
                -7,
            ),
            "silence at Harbourview, then the facts": Run(
                "size_to_risk,fresh_eyes,timeout,own_it_late,wrong_building,spare_sets,pilot_on_outcome,call_me",
                "trusted",
                "won",
                24,
            ),
            "a service level instead of a name": Run(
                "size_to_risk,fresh_eyes,own_it,wrong_building,spare_sets,pilot_on_outcome,support_desk",
                "pilot_on_paper",
                "won",
                19,
            ),
            "no answer at two in the morning": Run(
                "size_to_risk,fresh_eyes,own_it,wrong_building,spare_sets,pilot_on_outcome,timeout",
                "no_answer",
                "stalled",
                17,
            ),
            "four hospitals asked for before one is proven": Run(
                "size_to_risk,fresh_eyes,own_it,wrong_building,spare_sets,full_proposal",
                "proposal_filed",
                "stalled",
                12,
            ),
            "doubts left standing keep the pilot small": Run(
                "name_drop,bring_vp,their_network,scheduling,late_insight,spare_sets,pilot_plain",
                "probation",
                "won",
                2,
            ),
        },
        hidden={
            "after a discount, no outcome-priced pilot": (
                "risk_price,fresh_eyes,own_it,wrong_building,spare_sets,pilot_on_outcome"
            ),
            "without credibility, no outcome-priced pilot": (
                "name_drop,bring_vp,their_network,scheduling,late_insight,spare_sets,pilot_on_outcome"
            ),
        },
    ),
    "first-message": Lesson(
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
    ),
    "same-as-everyone": Lesson(
        leader=Run(
            "idle_cash,peer_curve,her_data,same_blindness,cost_of_waiting,present_together",
            "advisor",
            "won",
            36,
        ),
        runs={
            "absorbing the exit fees ends in an auction": Run(
                "exit_fees,lower_still", "won_on_price", "won", -11
            ),
            "a discount recovered from still follows her to the board": Run(
                "exit_fees,idle_late,peer_curve,her_data,same_blindness,cost_of_waiting,"
                "present_with_discount",
                "won_discounted",
                "won",
                20,
            ),
            "feature lists spend her patience": Run(
                "rails_list,live_banks", "heard_enough", "lost", -4
            ),
            "matching the incumbent at the deadline": Run(
                "idle_cash,peer_curve,her_data,same_blindness,match_friday,still_lower",
                "won_on_price",
                "won",
                8,
            ),
            "silence at the Friday deadline": Run(
                "idle_cash,peer_curve,her_data,same_blindness,timeout",
                "signed_corelink",
                "lost",
                21,
            ),
            "good advice for the incumbent's contract": Run(
                "idle_cash,peer_curve,her_data,same_blindness,date_clause",
                "clause_added",
                "lost",
                19,
            ),
            "a demo first, then the insight inside her objection": Run(
                "idle_cash,live_dashboard,day_late,her_data,same_blindness,cost_of_waiting,present_together",
                "advisor",
                "won",
                30,
            ),
            "handing the numbers over to present alone": Run(
                "idle_cash,peer_curve,her_data,same_blindness,cost_of_waiting,send_summary",
                "pilot_only",
                "won",
                28,
            ),
        },
        hidden={
            "after a discount, no fee tied to the cash released": (
                "exit_fees,idle_late,peer_curve,her_data,same_blindness,cost_of_waiting,present_together"
            ),
            "the Fed question is asked only once": "idle_cash,live_dashboard,under_renewal,idle_late",
            "two slips leave too little trust for the board": (
                "idle_cash,peer_curve,case_study,stay_on_cash,cost_of_waiting,present_together"
            ),
        },
    ),
    "the-insight-meeting": Lesson(
        leader=Run(
            "brandt_batches,spindle_question,measured_gap,second_plant,one_number,brandt_test,"
            "joint_pitch",
            "partner",
            "won",
            38,
        ),
        runs={
            "a free quarter, then the lowest price": Run(
                "free_quarter,per_machine", "cheapest_sensors", "won", -11
            ),
            "agreeing to the cost race": Run(
                "brandt_batches,cost_race,per_machine", "cheapest_sensors", "won", -7
            ),
            "fixing this morning's bearing": Run(
                "cell_four,bearing_yes", "sensor_on_four", "won", -2
            ),
            "an introduction and a spec sheet": Run(
                "company_intro,sensor_specs", "one_pager", "stalled", -2
            ),
            "silence at the opening": Run("timeout", "back_to_the_floor", "stalled", 0),
            "from the bearing to Brandt, with fewer minutes": Run(
                "cell_four,bearing_to_bigger,spindle_question,measured_gap,second_plant,one_number,"
                "brandt_test,joint_pitch",
                "partner",
                "won",
                33,
            ),
            "a half-price pilot goes with her to Brandt": Run(
                "brandt_batches,spindle_question,measured_gap,second_plant,one_number,half_price_pilot,"
                "pitch_with_discount",
                "won_discounted",
                "won",
                21,
            ),
            "the three-quote process turns the idea into a line item": Run(
                "brandt_batches,spindle_question,measured_gap,second_plant,one_number,to_dave",
                "three_quotes",
                "stalled",
                21,
            ),
            "letting her leave with the next step": Run(
                "brandt_batches,spindle_question,measured_gap,second_plant,one_number,timeout",
                "left_for_the_floor",
                "stalled",
                23,
            ),
            "stepping back from the bet": Run(
                "brandt_batches,spindle_question,measured_gap,second_plant,one_number,brandt_test,your_team",
                "supplier_only",
                "won",
                27,
            ),
            "detours run out her fifteen minutes": Run(
                "company_intro,brandt_late,oee_module,sensor_demo,late_gap,average_gain,change_the_game",
                "out_of_time",
                "lost",
                -3,
            ),
        },
        hidden={
            "after a free install, no fee riding on the lots": (
                "brandt_batches,spindle_question,measured_gap,second_plant,free_install,brandt_test,joint_pitch"
            ),
            "the Brandt news is told only once": "brandt_batches,cost_race,price_pivot",
            "too little belief to stand in front of Brandt": (
                "brandt_batches,oee_module,accept_85,late_gap,second_plant,training,brandt_test,joint_pitch"
            ),
        },
    ),
}


# ---- content checks: through the loader --------------------------------------------------


@cache
def bundled() -> dict[str, Scenario]:
    """Every bundled scenario by id; a file that does not load fails here with its diagnostics."""
    results, unreadable = load_paths([SCENARIOS])
    assert not unreadable
    broken = [
        d.format() for r in results for d in r.diagnostics if r.scenario is None or d.is_error
    ]
    assert not broken, "\n".join(broken)
    return {r.scenario.id: r.scenario for r in results}


def path_of(scenario_id: str) -> Path:
    return SCENARIOS / f"{scenario_id}.yaml"


def test_every_bundled_scenario_has_its_lesson_written_down():
    ids = set(bundled())
    assert ids == set(LESSONS), (
        "Each bundled scenario needs an entry in LESSONS (and each entry a scenario): "
        f"missing {sorted(ids - set(LESSONS))}, stale {sorted(set(LESSONS) - ids)}"
    )


def test_each_file_is_named_after_its_id():
    assert {Path(s.path).name for s in bundled().values()} == {f"{i}.yaml" for i in bundled()}


def test_library_spans_every_difficulty():
    assert {s.difficulty for s in bundled().values()} == {1, 2, 3}


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_every_choice_has_a_coach_note_and_every_ending_a_debrief(scenario):
    sc = bundled()[scenario]
    silent = [f"{n.id}.{c.id}" for n in sc.decisions for c in n.choices if not c.feedback]
    assert not silent, f"choices without feedback: {silent}"
    bare = [n.id for n in sc.endings if not n.ending.debrief]
    assert not bare, f"endings without a debrief: {bare}"


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_the_player_chooses_between_leading_and_commodity(scenario):
    tags = {t for n in bundled()[scenario].decisions for c in n.choices for t in c.tags}
    assert tags & COMMODITY_TAGS, "no choice carries a commodity tag: there is no trap to avoid"
    assert tags & LEADERSHIP_TAGS, "no choice carries a leadership tag: there is no path to lead"


# ---- through the command-line contract -------------------------------------------------


def salesplay(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own exits
            code = exc.code
    return code, out.getvalue()


@cache
def analysis(scenario: str) -> dict:
    code, out = salesplay("analyze", str(path_of(scenario)), "--json")
    report = json.loads(out)
    report["exit"] = code
    return report


def play(scenario: str, choices: str) -> tuple[int, dict | None]:
    code, out = salesplay("run", str(path_of(scenario)), "--choices", choices, "--json")
    return code, (json.loads(out) if code == 0 else None)


def test_bundled_scenarios_validate_strictly():
    code, out = salesplay("validate", "--strict", "--format", "json", str(SCENARIOS))
    diagnostics = json.loads(out)
    assert [d for d in diagnostics if d["severity"] in ("error", "warning")] == []
    assert code == 0


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_analysis_is_clean(scenario):
    report = analysis(scenario)
    assert report["exhaustive"]
    assert report["stuck_states"] == []
    assert report["loops"] == []
    assert report["unreachable_nodes"] == []
    unreached = [e for e, info in report["endings"].items() if not info["reachable"]]
    assert unreached == []
    assert report["exit"] == 0


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_the_leaders_path_is_the_best_run(scenario):
    leader = LESSONS[scenario].leader
    best = analysis(scenario)["best"]
    assert best is not None
    assert (",".join(best["choices"]), best["ending"], best["result"], best["score"]) == (
        leader.choices,
        leader.ending,
        leader.result,
        leader.score,
    )


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_the_leaders_path_never_gives_ground(scenario):
    code, state = play(scenario, LESSONS[scenario].leader.choices)
    assert code == 0
    rubric = bundled()[scenario].rubric
    assert {t for t in state["tags"] if rubric[t] <= 0} == set(), (
        "the leader's path takes a losing move"
    )
    assert set(state["tags"]) & LEADERSHIP_TAGS


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_a_commodity_move_always_costs(scenario):
    report = analysis(scenario)
    with_commodity = report["best_with_commodity"]
    assert with_commodity is not None
    assert with_commodity["score"] <= report["best"]["score"] - MIN_COST_OF_A_COMMODITY_MOVE


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_the_worst_run_leads_with_price(scenario):
    worst = analysis(scenario)["worst"]
    assert worst is not None and worst["score"] < 0
    code, state = play(scenario, ",".join(worst["choices"]))
    assert code == 0
    assert set(state["tags"]) & COMMODITY_TAGS


LESSON_RUNS = [
    pytest.param(scenario, run, id=f"{scenario}: {label}")
    for scenario, lesson in sorted(LESSONS.items())
    for label, run in [("the leader's path", lesson.leader), *lesson.runs.items()]
]


@pytest.mark.parametrize(("scenario", "run"), LESSON_RUNS)
def test_lesson_run(scenario, run):
    code, state = play(scenario, run.choices)
    assert code == 0
    assert state["finished"]
    assert (state["ending"], state["result"], state["score"]) == (run.ending, run.result, run.score)


HIDDEN = [
    pytest.param(scenario, tokens, id=f"{scenario}: {label}")
    for scenario, lesson in sorted(LESSONS.items())
    for label, tokens in lesson.hidden.items()
]


@pytest.mark.parametrize(("scenario", "tokens"), HIDDEN)
def test_lesson_hides_a_choice(scenario, tokens):
    played, _, refused = tokens.rpartition(",")
    assert play(scenario, played)[0] == 0, "the moves before the hidden choice must be playable"
    assert play(scenario, tokens)[0] == 2, f"'{refused}' should be hidden at that point"


# ---- the library's bar: what every bundled scenario must show ------------------------------

MIN_DECISIONS_ON_BEST_PATH = 6
MIN_SCENARIOS = 8


def test_the_library_has_at_least_eight_scenarios():
    assert len(bundled()) >= MIN_SCENARIOS


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_the_best_path_has_at_least_six_decisions(scenario):
    assert len(analysis(scenario)["best"]["choices"]) >= MIN_DECISIONS_ON_BEST_PATH


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_endings_include_an_advisor_win_a_cheap_win_and_a_loss_or_stall(scenario):
    report = analysis(scenario)
    best = report["best"]
    endings = report["endings"]
    assert len(endings) >= 3
    assert endings[best["ending"]]["result"] == "won"
    cheap_wins = [
        e
        for e, info in endings.items()
        if info["result"] == "won"
        and e != best["ending"]
        and info["max"] is not None
        and info["max"] <= best["score"] - MIN_COST_OF_A_COMMODITY_MOVE
    ]
    assert cheap_wins, "no win that scores clearly below the leader's (a win on price)"
    assert any(info["result"] in ("lost", "stalled") for info in endings.values())


@pytest.mark.parametrize("scenario", sorted(LESSONS))
def test_a_meter_and_a_condition_change_what_the_rep_can_say(scenario):
    sc = bundled()[scenario]
    assert sc.meters, "no meter"
    conditioned = [c for n in sc.decisions for c in n.choices if c.condition is not None]
    assert conditioned, "no choice with an if: condition"
    read = set().union(*(c.condition.names for c in conditioned))
    assert (
        read & set(sc.meters)
        or read & set(sc.flags)
        or any(c.condition.visits for c in conditioned)
    )
