""""The usual": re-creating a previous order against today's catalog, the parser's handling of "no onions"
and "make it large" on a loaded order, and the order form's usual path with a hand-built tracker."""

import asyncio
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.order_form
import catalog
from actions.order_form import ValidateOrderForm
from customers import UsualOrder
from customers.usual import asks_for_usual, current_lines, fulfillment_of, recreate, without_usual_words
from pos.ticket import Customer, LineItem, Ticket
from pos.ticket_store import store_ticket

DANA = "+14155550199"
NOW = datetime(2026, 11, 27, 17, 0, tzinfo=timezone.utc)
DOMAIN = {
    "forms": {"order_form": {"required_slots": [
        "order_items", "fulfillment", "delivery_address", "pickup_time", "customer_name", "customer_phone", "confirmed",
    ]}},
}


def brief(lines):
    return [(l["quantity"], l["item_id"], l["variation_id"], [m["id"] for m in l["modifiers"]], l["note"]) for l in lines]


@pytest.fixture
def menu(pizzeria):
    return pizzeria.catalog


@pytest.fixture
def last_order(menu):
    """Two large pepperonis with onions, a medium veggie with onions and mushrooms, and a coke."""
    said = "two large pepperoni pizzas with onions, a medium veggie pizza with onions and mushrooms and a coke"
    return catalog.apply_utterance(said, menu, []).lines


@pytest.mark.parametrize("text", [
    "can I get the usual, pickup at noon", "same as last time", "my regular please", "same thing again",
    "what i had last time", "repeat my last order", "the usual but no onions", "usual pls",
])
def test_asking_for_the_usual(text):
    assert asks_for_usual(text)


@pytest.mark.parametrize("text", [
    "a large pepperoni, pickup as usual", "the regular size", "two pizzas, both the same", "a coke",
])
def test_not_asking_for_the_usual(text):
    assert not asks_for_usual(text)


def test_usual_words_are_not_read_as_items(menu, last_order):
    assert "regular" not in without_usual_words("my regular order please")
    update = catalog.apply_utterance(without_usual_words("my regular please"), menu, last_order)
    assert (update.changed, update.unknown) == (False, [])


def test_no_onions_takes_them_off_every_line_of_the_usual(menu, last_order):
    recreated = recreate(UsualOrder(last_order, "pickup", None, 4), "same as last time but no onions", menu)
    assert brief(recreated.lines) == [
        (2, "pepperoni-pizza", "pepperoni-pizza-large", [], ""),
        (1, "veggie-pizza", "veggie-pizza-medium", ["mushrooms"], ""),
        (1, "coke", "coke-can", [], ""),
    ]
    assert recreated.lines[0]["unit_price"] == "17.00"


def test_no_onions_on_a_named_line_or_the_line_just_ordered_stays_there(menu, last_order):
    named = recreate(UsualOrder(last_order, "pickup", None, 4), "the usual but no onions on the veggie", menu)
    assert [l["modifiers"] != [] for l in named.lines[:2]] == [True, True]
    assert [m["id"] for m in named.lines[1]["modifiers"]] == ["mushrooms"]
    same_breath = catalog.apply_utterance("a large pepperoni with onions and a large veggie with onions, hold the onions", menu, [])
    assert brief(same_breath.lines) == [
        (1, "pepperoni-pizza", "pepperoni-pizza-large", ["onions"], ""),
        (1, "veggie-pizza", "veggie-pizza-large", [], ""),
    ]


def test_excluding_several_extras_over_several_lines_notes_nothing_extra(menu, last_order):
    recreated = recreate(UsualOrder(last_order, "pickup", None, 4), "usual, no onions or mushrooms", menu)
    assert [(l["item_id"], l["modifiers"], l["note"]) for l in recreated.lines[:2]] == [
        ("pepperoni-pizza", [], ""), ("veggie-pizza", [], ""),
    ]


def test_make_it_large_changes_the_only_line_that_comes_large(menu):
    usual = catalog.apply_utterance("a medium pepperoni pizza and a coke", menu, []).lines
    recreated = recreate(UsualOrder(usual, "pickup", None, 2), "same as last time but make it large", menu)
    assert brief(recreated.lines) == [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""), (1, "coke", "coke-can", [], "")]


def test_additions_and_swaps_apply_to_the_usual(menu, last_order):
    recreated = recreate(UsualOrder(last_order, "pickup", None, 4), "the usual and a sprite instead of the coke, plus garlic knots", menu)
    assert [l["item_id"] for l in recreated.lines] == ["pepperoni-pizza", "veggie-pizza", "sprite", "garlic-knots"]


def test_items_no_longer_sold_are_left_out_and_named(menu, last_order):
    gone = {"item_id": "calzone", "name": "calzone", "variation_id": None, "variation": None,
            "quantity": 1, "unit_price": "9.00", "modifiers": [], "note": ""}
    lines, unavailable = current_lines(last_order + [gone], menu)
    assert lines == last_order and unavailable == ["calzone"]
    recreated = recreate(UsualOrder(last_order + [gone], "pickup", None, 4), "the usual", menu)
    assert recreated.unavailable == ["calzone"] and "calzone" not in [l["item_id"] for l in recreated.lines]


def test_prices_are_todays(menu, last_order):
    stale = [{**line, "unit_price": "1.00"} for line in last_order]
    assert recreate(UsualOrder(stale, "pickup", None, 4), "usual", menu).lines == last_order


def test_fulfillment_as_last_time():
    assert fulfillment_of(UsualOrder([], "delivery", "15 Elm Road", 3)) == {"fulfillment": "delivery", "delivery_address": "15 Elm Road"}
    assert fulfillment_of(UsualOrder([], "pickup", None, 3)) == {"fulfillment": "pickup"}
    assert fulfillment_of(None) == {}


# --- the order form ------------------------------------------------------------------------------


def tracker(text, intent="order_usual", **slots):
    values = {"business_id": "tonys-pizzeria", "caller_phone": DANA, "requested_slot": None, **slots}
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": message}]
    return Tracker("sms:tonys-pizzeria:" + DANA, values, message, events, False, None,
                   {"name": "order_form"}, "action_listen")


def run_form(db, monkeypatch, conversation):
    monkeypatch.setattr(actions.order_form, "database", lambda: db)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateOrderForm().run(dispatcher, conversation, DOMAIN))
    slots = {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
    return slots, [message["response"] for message in dispatcher.messages]


def store_order(db, lines, phone=DANA):
    ticket = Ticket(
        business_id="tonys-pizzeria", kind="pickup_order", customer=Customer("Dana", phone),
        lines=[LineItem.from_dict(line) for line in lines],
        scheduled_for=NOW.astimezone(ZoneInfo("America/New_York")), channel="sms", language="en",
        conversation_id="first", idempotency_key="first",
    )
    return store_ticket(db, ticket, NOW.date(), now=NOW)


def test_form_loads_the_usual_and_applies_the_change(db, monkeypatch, last_order):
    store_order(db, last_order)
    slots, said = run_form(db, monkeypatch, tracker("the usual but no onions"))
    assert brief(slots["order_items"])[:2] == [
        (2, "pepperoni-pizza", "pepperoni-pizza-large", [], ""),
        (1, "veggie-pizza", "veggie-pizza-medium", ["mushrooms"], ""),
    ]
    assert slots["fulfillment"] == "pickup" and slots["usual_order_number"] == "1"
    assert slots["customer_phone"] == DANA and slots["requested_slot"] == "pickup_time"
    assert "onions" not in slots["order_summary"]
    assert said == ["utter_usual_loaded"]


def test_form_says_when_there_is_no_previous_order(db, monkeypatch):
    slots, said = run_form(db, monkeypatch, tracker("can I get the usual"))
    assert said == ["utter_usual_not_found"]
    assert slots.get("order_items") is None and slots["requested_slot"] == "order_items"


def test_usual_is_loaded_once_per_order(db, monkeypatch, last_order):
    store_order(db, last_order)
    draft = catalog.apply_utterance("a coke", actions.order_form.playbook_for(tracker("")).catalog, [])
    slots, said = run_form(db, monkeypatch, tracker(
        "same as last time", usual_order_number="1", order_draft=draft.lines, order_items=draft.lines))
    assert "order_items" not in slots and "utter_usual_loaded" not in said


def test_same_as_last_time_inside_a_place_order_message(db, monkeypatch, last_order):
    store_order(db, last_order)
    slots, _ = run_form(db, monkeypatch, tracker("same as last time but add a sprite", intent="place_order"))
    assert [l["item_id"] for l in slots["order_items"]] == ["pepperoni-pizza", "veggie-pizza", "coke", "sprite"]
