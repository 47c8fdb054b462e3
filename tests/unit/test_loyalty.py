"""Loyalty from the POS: points and rewards read by phone, the chosen reward carried on the ticket and put on the
order in the POS once it exists (Square's double); a POS without loyalty is never offered as having it."""

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import loyalty as loyalty_action
from playbooks import PlaybookRegistry
from pos.adapters import adapter_for
from pos.catalog_sync import sync_catalog
from pos.loyalty import apply_chosen_reward
from pos.outbox_admin import ticket_history
from pos.ticket import Customer, LineItem, Ticket
from pos.ticket_store import load_ticket, store_ticket
from tests.doubles.vendors import VENDORS, business_on
from tests.unit.test_ticket_store import DAY

PHONE = "+14155550199"


@pytest.fixture
def square(monkeypatch, tmp_path):
    double = VENDORS["square"].double_for_demo_menu().start()
    for name, value in VENDORS["square"].environment.items():
        monkeypatch.setenv(name, value)
    registry = PlaybookRegistry(*business_on(VENDORS["square"], double, tmp_path))
    asyncio.run(sync_catalog(registry.by_id("tonys-pizzeria"), None, registry.synced_catalog_path("tonys-pizzeria")))
    double.playbook = registry.by_id("tonys-pizzeria")
    yield double
    double.stop()


def run_action(playbook, db, monkeypatch, intent, slots=None, text="how many points do I have"):
    monkeypatch.setattr(loyalty_action, "playbook_for", lambda tracker: playbook)
    monkeypatch.setattr(loyalty_action, "database", lambda: db)
    values = {"business_id": playbook.id, "caller_phone": PHONE, **(slots or {})}
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    tracker = Tracker("conv-1", values, message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(loyalty_action.ActionLoyalty().run(dispatcher, tracker, {}))
    return [(m["response"], {k: v for k, v in m.items() if k not in ("response", "text", "template", "buttons", "elements",
                                                                      "custom", "image", "attachment")})
            for m in dispatcher.messages], {e["name"]: e["value"] for e in events}


def test_a_pos_without_loyalty_says_so(pizzeria, db, monkeypatch):
    said, slots = run_action(pizzeria, db, monkeypatch, "ask_points")
    assert [name for name, _ in said] == ["utter_loyalty_not_offered"] and slots == {}


def test_points_and_the_rewards_they_cover(square, db, monkeypatch):
    square.enroll(PHONE, 300)
    said, _ = run_action(square.playbook, db, monkeypatch, "ask_points")
    assert said[0][0] == "utter_loyalty_points_with_rewards"
    assert said[0][1]["points"] == 300 and said[0][1]["rewards"] == "$5 off entire sale or Free large pizza"


def test_too_few_points_names_the_next_reward(square, db, monkeypatch):
    square.enroll(PHONE, 40)
    said, _ = run_action(square.playbook, db, monkeypatch, "ask_points")
    assert said == [("utter_loyalty_points_next_reward", {"points": 40, "next_reward": "$5 off entire sale", "next_points": 100})]
    said, slots = run_action(square.playbook, db, monkeypatch, "redeem_reward", text="use my points")
    assert said[0][0] == "utter_loyalty_not_enough" and slots == {}


def test_unknown_number_and_a_number_said_in_the_message(square, db, monkeypatch):
    said, _ = run_action(square.playbook, db, monkeypatch, "ask_points", slots={"caller_phone": None})
    assert said[0][0] == "utter_loyalty_need_phone"
    square.enroll("+14155550123", 120)
    said, _ = run_action(square.playbook, db, monkeypatch, "ask_points", slots={"caller_phone": None},
                         text="how many points for 415 555 0123")
    assert said[0][1]["points"] == 120
    said, _ = run_action(square.playbook, db, monkeypatch, "ask_points", slots={"caller_phone": "+14155550000"})
    assert said[0][0] == "utter_loyalty_not_enrolled"


def _order(playbook, reward=None):
    pizza = next(item for item in playbook.catalog.items if item.name == "pepperoni pizza")
    large = next(v for v in pizza.variations if v.name == "large")
    details = {"loyalty_reward": reward[1], "loyalty_reward_id": reward[0]} if reward else {}
    return Ticket(business_id=playbook.id, kind="pickup_order", customer=Customer("Dana", PHONE),
                  lines=[LineItem(pizza.id, pizza.name, 1, str(large.price), large.id, large.name)],
                  scheduled_for=None, channel="sms", language="en", conversation_id="c1", details=details)


def test_the_chosen_reward_goes_on_the_pushed_order_once(square, db, monkeypatch):
    square.enroll(PHONE, 300)
    _, slots = run_action(square.playbook, db, monkeypatch, "redeem_reward", text="use my reward")
    assert slots["loyalty_reward"] == "Free large pizza"
    stored = store_ticket(db, _order(square.playbook, (slots["loyalty_reward_id"], slots["loyalty_reward"])), DAY)
    adapter = adapter_for(square.playbook, db)
    ticket = load_ticket(db, stored.id)
    ticket["pos_id"] = asyncio.run(adapter.push(ticket)).pos_id
    for _ in range(2):
        asyncio.run(apply_chosen_reward(db, adapter, ticket))
    [reward] = square.rewards
    assert reward["order_id"] == ticket["pos_id"] and reward["points"] == 250
    assert square.loyalty_accounts[0]["balance"] == 50
    assert "reward applied: Free large pizza" in [d for _at, s, d in ticket_history(db, stored.id) if s == "loyalty"]


def test_a_reward_the_points_no_longer_cover_is_recorded_not_forced(square, db, monkeypatch):
    account = square.enroll(PHONE, 300)
    _, slots = run_action(square.playbook, db, monkeypatch, "redeem_reward", text="use my reward")
    account["balance"] = 10
    stored = store_ticket(db, _order(square.playbook, (slots["loyalty_reward_id"], slots["loyalty_reward"])), DAY)
    adapter = adapter_for(square.playbook, db)
    ticket = load_ticket(db, stored.id)
    ticket["pos_id"] = asyncio.run(adapter.push(ticket)).pos_id
    asyncio.run(apply_chosen_reward(db, adapter, ticket))
    assert square.rewards == []
    assert [d for _at, s, d in ticket_history(db, stored.id) if s == "loyalty"] == ["reward not applied: the points no longer cover it"]
