"""The work order a repair conversation becomes."""

from datetime import datetime
from zoneinfo import ZoneInfo

from trades.repair import read_device
from trades.repair_ticket import RepairRequest, build_work_order

NY = ZoneInfo("America/New_York")


def test_work_order_carries_device_symptom_repair_and_drop_off():
    request = RepairRequest(
        device=read_device("my iphone 13 pro"),
        symptom="my iphone 12 screen is cracked",
        lines=[{"item_id": "screen-replacement", "name": "screen replacement", "quantity": 1, "unit_price": "129.00",
                "variation_id": "screen-phone", "variation": "phone"}],
        dropoff=datetime(2026, 12, 1, 10, 0, tzinfo=NY),
        slot_minutes=30,
        quote_wanted="yes",
        customer_name="Dana",
        customer_phone="+14155550199",
    )
    ticket = build_work_order(request, "fixit-repair", "web", "en", "conversation-1", "key-1")
    assert ticket.kind == "work_order"
    assert ticket.customer.name == "Dana" and ticket.customer.phone == "+14155550199"
    assert ticket.scheduled_for == datetime(2026, 12, 1, 10, 0, tzinfo=NY)
    assert ticket.scheduled_until == datetime(2026, 12, 1, 10, 30, tzinfo=NY)
    assert [(line.name, line.variation, line.unit_price) for line in ticket.lines] == [("screen replacement", "phone", "129.00")]
    assert str(ticket.total) == "129.00"
    assert ticket.details == {"device_kind": "phone", "brand": "Apple", "model": "iPhone 13 Pro",
                              "symptom": "my iphone 12 screen is cracked", "quote_wanted": "yes"}
    assert ticket.idempotency_key == "key-1"
