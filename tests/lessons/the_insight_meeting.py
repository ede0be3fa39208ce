"""The lesson of scenarios/the-insight-meeting.yaml: its leader's path and the runs that show what the
other moves cost."""

from tests.lessons import Lesson, Run

LESSON = Lesson(
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
        "fixing this morning's bearing": Run("cell_four,bearing_yes", "sensor_on_four", "won", -2),
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
)
