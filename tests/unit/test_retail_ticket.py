"""The canonical ticket a shop conversation becomes: a held pickup order or a quote request."""

from datetime import datetime
from zoneinfo import ZoneInfo

from trades.retail_ticket import RetailRequest, build_retail_ticket

NY = ZoneInfo("America/New_York")
LINE = {"item_id": "extension-cord", "name": "extension cord", "variation_id": "extension-cord-50ft", "variation": "50 foot",
        "quantity": 2, "unit_price": "24.98", "modifiers": [], "note": ""}


def test_a_pickup_hold_runs_from_the_pickup_time_until_the_hold_ends():
    request = RetailRequest(kind="pickup_order", lines=[LINE], customer_name="Dana", customer_phone="+16175550142",
                            pickup=datetime(2026, 12, 1, 10, 0, tzinfo=NY), held_until=datetime(2026, 12, 2, 19, 0, tzinfo=NY),
                            quote_request="ignored for a hold")
    ticket = build_retail_ticket(request, "corner-hardware", "sms", "en", "caller-1", "key-1")
    assert (ticket.kind, ticket.business_id, ticket.channel, ticket.idempotency_key) == ("pickup_order", "corner-hardware", "sms", "key-1")
    assert ticket.scheduled_for == datetime(2026, 12, 1, 10, 0, tzinfo=NY)
    assert ticket.scheduled_until == datetime(2026, 12, 2, 19, 0, tzinfo=NY)
    assert ticket.details == {} and ticket.address is None
    assert [(line.item_id, line.variation, line.quantity) for line in ticket.lines] == [("extension-cord", "50 foot", 2)]
    assert str(ticket.total) == "49.96"
    assert (ticket.customer.name, ticket.customer.phone) == ("Dana", "+16175550142")


def test_a_quote_request_has_no_time_and_keeps_the_callers_words():
    words = "can you quote me 40 bags of concrete and rebar for a patio"
    request = RetailRequest(kind="quote_request", lines=[LINE], customer_name="Sam", customer_phone="+16175550142",
                            pickup=datetime(2026, 12, 1, 10, 0, tzinfo=NY), quote_request=words)
    ticket = build_retail_ticket(request, "corner-hardware", "web", "en", "caller-2", "key-2")
    assert ticket.kind == "quote_request"
    assert ticket.scheduled_for is None and ticket.scheduled_until is None
    assert ticket.details == {"quote_request": words}
    assert len(ticket.lines) == 1
