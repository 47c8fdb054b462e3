from datetime import datetime
from zoneinfo import ZoneInfo

import catalog
from ordering.ticket_builder import build_order_ticket

SIX_THIRTY = datetime(2026, 11, 28, 18, 30, tzinfo=ZoneInfo("America/New_York"))


def build(pizzeria, fulfillment, address=None):
    lines = catalog.apply_utterance("two large pepperoni pizzas, one with extra cheese, and a coke", pizzeria.catalog, []).lines
    return build_order_ticket(pizzeria.id, lines, fulfillment, SIX_THIRTY, "Dana", "+14155550199", "sms", "en",
                              "sms:tonys-pizzeria:+14155550199", "key-1", address)


def test_pickup_ticket_carries_the_whole_order(pizzeria):
    ticket = build(pizzeria, "pickup", address="ignored for pickup")
    assert ticket.kind == "pickup_order" and ticket.address is None
    assert [(line.name, line.variation, line.quantity, [m.name for m in line.modifiers]) for line in ticket.lines] == [
        ("pepperoni pizza", "large", 1, ["extra cheese"]),
        ("pepperoni pizza", "large", 1, []),
        ("coke", "can", 1, []),
    ]
    assert str(ticket.total) == "37.50"
    assert ticket.to_dict()["scheduled_for"] == "2026-11-28T18:30:00-05:00"


def test_delivery_ticket_keeps_the_address(pizzeria):
    ticket = build(pizzeria, "delivery", address="15 Elm Road")
    assert ticket.kind == "delivery_order" and ticket.address == "15 Elm Road"
