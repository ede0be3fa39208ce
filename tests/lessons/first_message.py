"""The lesson of scenarios/first-message.yaml: a first message earns a reply when it is about the
buyer's own post, offers one idea she did not have and asks for something small; the call it
earns ends with a test, a measure and a date."""

from tests.lessons import Lesson, Run

MESSAGE = "her_post,one_batch,small_ask,bring_shops"

LESSON = Lesson(
    leader=Run(MESSAGE + ",her_shops,test_with_date,book_test", "test_booked", "won", 35),
    runs={
        "setting the agenda around yourself spends her minutes": Run(
            MESSAGE + ",company_intro,test_late,book_test", "test_booked", "won", 33
        ),
        "a free day instead of a date": Run(
            MESSAGE + ",her_shops,test_with_date,first_day_free", "free_day", "stalled", 7
        ),
        "a follow-up with no purpose": Run(
            MESSAGE + ",her_shops,test_with_date,follow_up", "pencilled_in", "stalled", 8
        ),
        "hesitating before the mash": Run(
            MESSAGE + ",her_shops,test_with_date,timeout", "hard_stop", "stalled", 9
        ),
        "rates first, then a rate war": Run(
            MESSAGE + ",rates_first,beat_it", "booked_on_price", "won", -5
        ),
        "a rate card in the message makes the test one more quote": Run(
            "her_post,one_batch,send_rates,test_first,her_shops,test_with_date,book_with_rates",
            "compared",
            "stalled",
            4,
        ),
        "a generic message, rescued by a second one": Run(
            "compliment,service_list,one_fact,her_shops,test_with_date,book_test",
            "test_booked",
            "won",
            26,
        ),
        "a polite reply taken at its word": Run(
            "compliment,service_list,after_summer", "after_summer", "stalled", -9
        ),
        "a brochure, then a tour of the machines": Run(
            "her_post,one_batch,small_ask,send_brochure,machine_tour", "hard_stop", "stalled", -2
        ),
        "a visit offered, then the idea in one line": Run(
            "her_post,one_batch,demo_visit,one_line_instead,her_shops,test_with_date,book_test",
            "test_booked",
            "won",
            33,
        ),
        "certainty instead of a test": Run(
            "her_post,one_batch,small_ask,bring_shops,her_shops,they_will",
            "pencilled_in",
            "stalled",
            1,
        ),
        "price all the way": Run(
            "cheap_hook,cans_sell_more,send_rates,walk_through,beat_it",
            "booked_on_price",
            "won",
            -22,
        ),
    },
    hidden={
        "a message about the seller cannot make the warm ask": "about_us,one_batch_late,small_ask",
        "an unsourced claim costs the relevance the warm ask needs": (
            "her_post,cans_sell_more,small_ask"
        ),
        "rates shared, no clean test": (
            "cheap_hook,one_batch,small_ask_cold,one_fact,her_shops,test_with_date,book_test"
        ),
    },
)
