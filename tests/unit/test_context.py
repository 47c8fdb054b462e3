"""Reading the latest message's entities the way every form does."""

from datetime import datetime, timezone

from rasa_sdk import Tracker

from actions.context import latest_entity, with_caller_email
from pos.ticket import Customer, Ticket


def _tracker(text, entities):
    return Tracker("t", {}, {"text": text, "intent": {"name": "inform"}, "entities": entities}, [], False, None, {}, "action_listen")


def test_a_time_inside_a_name_is_skipped_and_a_real_one_is_kept():
    omar = {"entity": "time", "value": "2027-03-01T00:00:00.000-07:00", "start": 1, "end": 4, "extractor": "DucklingEntityExtractor"}
    assert latest_entity(_tracker("Omar Haddad", [omar]), "time") is None
    at_three = {"entity": "time", "value": "2026-12-02T15:00:00.000-07:00", "start": 5, "end": 9}
    assert latest_entity(_tracker("Omar at 3", [omar, at_three]), "time") == "2026-12-02T15:00:00.000-07:00"


def test_entities_without_a_span_are_taken_as_they_are():
    assert latest_entity(_tracker("Dana", [{"entity": "customer_name", "value": "Dana"}]), "customer_name") == "Dana"


def test_the_question_before_is_kept_only_when_it_asked_what_is_free():
    from actions.context import previous_availability_question

    def said(text, intent):
        return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}

    tracker = _tracker("book it", [])
    tracker.events = [said("anything Tuesday?", "ask_availability"), {"event": "bot", "text": "..."}, said("book it", "affirm")]
    assert previous_availability_question(tracker) == "anything Tuesday?"
    tracker.events = [said("what are your hours", "ask_hours"), said("book it", "affirm")]
    assert previous_availability_question(tracker) == ""
    tracker.events = [said("book it", "affirm")]
    assert previous_availability_question(tracker) == ""


def test_an_emailers_ticket_carries_their_address_unless_it_has_one():
    def ticket(email=None):
        return Ticket(business_id="b", kind="pickup_order", customer=Customer("Dana", "+14155550144", email), lines=(),
                      scheduled_for=datetime(2026, 11, 29, 18, tzinfo=timezone.utc), channel="email", language="en",
                      conversation_id="email:b:x", idempotency_key="k")

    emailer = Tracker("t", {"caller_email": "dana@example.com"}, {}, [], False, None, {}, "action_listen")
    assert with_caller_email(ticket(), emailer).customer.email == "dana@example.com"
    assert with_caller_email(ticket("other@example.com"), emailer).customer.email == "other@example.com"
    caller = Tracker("t", {"caller_email": None}, {}, [], False, None, {}, "action_listen")
    assert with_caller_email(ticket(), caller).customer.email is None
