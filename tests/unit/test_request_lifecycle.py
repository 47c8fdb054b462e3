"""How requests end: which slots a form clears, and when unclear input turns into an offer of a person."""

from rasa_sdk import Tracker

from actions.order_form import ValidateOrderForm
from actions.request_form import FORMS, slots_of
from actions.request_lifecycle import consecutive_unclear

DOMAIN = {"forms": {"order_form": {"required_slots": ["order_items", "pickup_time", "customer_name", "customer_phone", "confirmed"]}}}


def _tracker(intents):
    events = [{"event": "user", "text": "...", "parse_data": {"intent": {"name": name}}} for name in intents]
    return Tracker("t", {}, {}, events, False, None, {}, "action_listen")


def test_form_slots_are_cleared_but_the_caller_is_remembered():
    assert FORMS["order_form"] is ValidateOrderForm
    cleared = slots_of("order_form", DOMAIN)
    assert "order_items" in cleared and "order_draft" in cleared and "awaiting_change" in cleared
    assert "customer_name" not in cleared and "customer_phone" not in cleared


def test_only_a_run_of_unclear_messages_counts():
    assert consecutive_unclear(_tracker(["nlu_fallback", "place_order", "nlu_fallback"])) == 1
    assert consecutive_unclear(_tracker(["place_order", "nlu_fallback", "nlu_fallback"])) == 2
    assert consecutive_unclear(_tracker(["place_order"])) == 0
