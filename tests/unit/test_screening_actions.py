"""The actions side of the screen and the owner's rules: a declined caller is told calmly, the form ends with
nothing kept, staff see the reason, a call hangs up; an order over the owner's threshold goes to staff instead
of the POS; after hours a message is taken when the owner says so; a VIP is greeted by name."""

import asyncio
from datetime import datetime, timezone

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.context
from actions.decline import ActionDeclineCaller
from actions.order_form import ValidateOrderForm
from actions.order_submit import ActionSubmitOrder
from actions.request_lifecycle import ActionHandleUnclear
from actions.session import ActionSessionStart
from handoff import open_handoffs, staff_have
from playbooks import PlaybookRegistry
from safety.flags import recent_flags
from tests.unit.conftest import PLAYBOOKS

SMS = "sms:tonys-pizzeria:+14155550123"
DOMAIN = Domain.load(str(PLAYBOOKS.parent / "domain")).as_dict()


@pytest.fixture
def pizzeria_rules(monkeypatch, tmp_path):
    """The demo pizzeria (its rules: more than 20 items to a person, a VIP) with a database of its own."""
    directory = tmp_path / "playbooks"
    directory.mkdir()
    data = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    (directory / "tonys-pizzeria.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    monkeypatch.setattr("playbooks.registry._default", PlaybookRegistry(directory))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'rules.db'}")
    monkeypatch.setattr(actions.context, "_database", None)
    yield directory
    actions.context.database().dispose()


def _tracker(text, intent="inform", said=(), form=None, sender=SMS, **slots):
    values = {"business_id": "tonys-pizzeria", "channel": "sms", "language": "en", "caller_phone": "+14155550123",
              "requested_slot": "customer_name" if form else None, **slots}
    events = [{"event": "user", "text": earlier} for earlier in [*said, text]]
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    return Tracker(sender, values, message, events, False, None, {"name": form} if form else {}, "action_listen")


def _run(action, tracker, domain=DOMAIN):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return dispatcher.messages, events


def test_abuse_mid_order_is_declined_the_form_ends_and_staff_see_why(pizzeria_rules):
    said, events = _run(ActionDeclineCaller(), _tracker("hurry up you stupid bitch", "abusive_or_prank", form="order_form",
                                                        order_items=[{"item_id": "cheese-pizza"}]))
    assert [m["response"] for m in said] == ["utter_decline_abuse"]
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
    assert {"event": "slot", "name": "order_items", "value": None, "timestamp": None} in events
    db = actions.context.database()
    [flagged] = open_handoffs(db, "tonys-pizzeria")
    assert flagged["reason"] == "declined" and flagged["summary"].startswith("Declined for insults")
    assert recent_flags(db, "tonys-pizzeria", "+14155550123", ("insult",)) == 1


def test_a_declined_call_hangs_up_after_the_answer(pizzeria_rules):
    said, _ = _run(ActionDeclineCaller(), _tracker("put it under Mike Hunt", "abusive_or_prank", channel="voice",
                                                   sender="voice:tonys-pizzeria:CA1"))
    assert said[0]["response"] == "utter_decline_prank" and said[1]["custom"] == {"hangup": True}


def test_the_form_declines_an_absurd_order_and_endless_changes_itself(pizzeria_rules):
    form = ValidateOrderForm()
    said, events = _run(form, _tracker("I need 500 large pepperoni pizzas in ten minutes", "place_order", form="order_form"))
    assert [m["response"] for m in said] == ["utter_decline_prank"] and {"event": "active_loop", "name": None, "timestamp": None} in events
    changes = ["large pepperoni", "actually cheese. no, veggie", "no wait, pepperoni", "make it a medium. no, large"]
    said, events = _run(form, _tracker("actually make it pickup. no, delivery", "inform", said=changes,
                                       form="order_form", sender="sms:tonys-pizzeria:+14155550124",
                                       caller_phone="+14155550124"))
    assert [m["response"] for m in said] == ["utter_decline_prank"]
    db = actions.context.database()
    assert recent_flags(db, "tonys-pizzeria", "+14155550124", ("constant_changes",)) == 1


def test_a_customer_who_changes_their_mind_twice_is_served(pizzeria_rules):
    said, events = _run(ValidateOrderForm(), _tracker("no wait, large is fine", "inform",
                                                      said=["large pepperoni", "actually make it a medium"], form="order_form"))
    assert "utter_decline_prank" not in [m.get("response") for m in said]
    assert {"event": "active_loop", "name": None, "timestamp": None} not in events


def test_an_order_over_the_owners_threshold_goes_to_staff_not_the_pos(pizzeria_rules):
    lines = [{"item_id": "cheese-pizza", "name": "cheese pizza", "quantity": 25, "unit_price": "15.00"}]
    tracker = _tracker("yes", "affirm", confirmed=True, order_items=lines, fulfillment="pickup",
                       pickup_time="2026-12-02T18:30:00-06:00", customer_name="Priya", customer_phone="+14155550123")
    said, events = _run(ActionSubmitOrder(), tracker)
    assert [m["response"] for m in said] == ["utter_escalated"]
    assert {"event": "slot", "name": "order_items", "value": None, "timestamp": None} in events
    db = actions.context.database()
    [request] = open_handoffs(db, "tonys-pizzeria")
    assert request["reason"] == "playbook_rule" and request["summary"].startswith("25 items is over 20")
    assert staff_have(db, SMS) == request["id"]


def test_a_large_but_plausible_order_goes_to_a_person_even_without_an_owners_rule(pizzeria_rules):
    data = yaml.safe_load((pizzeria_rules / "tonys-pizzeria.yml").read_text())
    data["rules"]["escalation"] = []
    (pizzeria_rules / "tonys-pizzeria.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    lines = [{"item_id": "cheese-pizza", "name": "cheese pizza", "quantity": 12, "unit_price": "15.00"}]
    tracker = _tracker("yes", "affirm", said=["12 cheese pizzas and 150 wings for a wedding on saturday"], confirmed=True,
                       order_items=lines, fulfillment="pickup", pickup_time="2026-12-05T16:00:00-06:00",
                       customer_name="Priya", customer_phone="+14155550123")
    said, events = _run(ActionSubmitOrder(), tracker)
    assert [m["response"] for m in said] == ["utter_escalated"]
    [request] = open_handoffs(actions.context.database(), "tonys-pizzeria")
    assert request["reason"] == "playbook_rule" and request["summary"].startswith("a very large request (150)")


def test_after_hours_the_owner_can_take_only_a_message(pizzeria_rules, monkeypatch):
    data = yaml.safe_load((pizzeria_rules / "tonys-pizzeria.yml").read_text())
    data["rules"]["after_hours"] = "take_message"
    (pizzeria_rules / "tonys-pizzeria.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    monkeypatch.setattr("actions.request_form.now", lambda: datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc))
    said, events = _run(ValidateOrderForm(), _tracker("two large pepperoni for pickup", "place_order", form="order_form"))
    assert [m["response"] for m in said] == ["utter_after_hours_message"] and "hours" in said[0]
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
    [message] = open_handoffs(actions.context.database(), "tonys-pizzeria")
    assert message["reason"] == "callback" and "two large pepperoni" in message["summary"]


def test_a_vip_is_greeted_by_name_and_offered_a_person(pizzeria_rules):
    tracker = Tracker("sms:tonys-pizzeria:+12175550142", {"session_started_metadata": {
        "business_id": "tonys-pizzeria", "channel": "sms", "caller_phone": "+1 217 555 0142"}},
        {}, [], False, None, {}, "action_listen")
    _, events = _run(ActionSessionStart(), tracker)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots["returning_customer"] == "Mrs. Alvarez" and slots["vip"] == "offer_person"
    assert slots["known_caller"] is False


def test_the_owners_upsell_is_offered_once_in_the_callers_language(pizzeria_rules):
    form = ValidateOrderForm()
    said, events = _run(form, _tracker("a large cheese pizza please", "place_order", form="order_form", requested_slot=None))
    assert [m.get("response") for m in said][-1:] == ["utter_upsell"] and said[-1]["suggestion"] == "garlic knots"
    assert {"event": "slot", "name": "upsell_offered", "value": True, "timestamp": None} in events
    said, _ = _run(form, _tracker("and a pepperoni pizza", "place_order", form="order_form", requested_slot=None,
                                  upsell_offered=True))
    assert "utter_upsell" not in [m.get("response") for m in said]
    said, _ = _run(form, _tracker("una pizza grande de queso", "place_order", form="order_form", requested_slot=None,
                                  language="es"))
    [offer] = [m for m in said if m.get("response") == "utter_upsell"]
    assert offer["suggestion"] != "garlic knots"


def test_a_clinic_playbook_with_upsells_is_refused_and_rules_name_real_items(tmp_path):
    from playbooks.errors import PlaybookError
    from playbooks.loader import load_playbook

    data = yaml.safe_load((PLAYBOOKS / "maple-clinic.yml").read_text())
    data["rules"] = {"upsells": [{"when_items": ["sick-visit"], "suggest": "vaccine-shot"}],
                     "escalation": [{"when": {"items": ["no-such-item"]}}]}
    path = tmp_path / "maple-clinic.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(PlaybookError) as error:
        load_playbook(path)
    messages = {problem.field: problem.message for problem in error.value.problems}
    assert "never suggests" in messages["rules.upsells"]
    assert messages["rules.escalation[0].when.items[0]"] == "no catalog item with id 'no-such-item'"
    assert "rules.upsells[0].suggest" in messages


def test_an_unclear_message_about_a_person_goes_to_one_at_once_an_unclear_order_is_asked_again(pizzeria_rules):
    said, _ = _run(ActionHandleUnclear(), _tracker("whos there?? bot no. hooman", "nlu_fallback"))
    assert [m["response"] for m in said] == ["utter_offer_person"]
    assert [h["reason"] for h in open_handoffs(actions.context.database(), "tonys-pizzeria")] == ["unclear"]
    said, _ = _run(ActionHandleUnclear(), _tracker("blorp the flarn", "nlu_fallback", sender="sms:tonys-pizzeria:+14155550999"))
    assert [m["response"] for m in said] == ["utter_please_rephrase"]
