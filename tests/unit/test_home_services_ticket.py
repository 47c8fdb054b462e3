"""The service-call ticket: window, address, service or visit fee, emergency surcharge and the caller's words."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from trades.home_services_ticket import ServiceCall, service_call_ticket

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def rooter(registry):
    return registry.by_id("rapid-rooter")


def _call(**changes):
    values = dict(problem="my kitchen sink is backed up", urgency="soon", address="14 Elm St",
                  window_start=datetime(2026, 12, 1, 8, tzinfo=CHICAGO), window_end=datetime(2026, 12, 1, 12, tzinfo=CHICAGO),
                  access_notes="gate code 4411", customer_name="Dana", customer_phone="+13125550144",
                  service_id="drain-cleaning")
    return ServiceCall(**{**values, **changes})


def test_a_service_call_carries_every_field_the_technician_needs(rooter):
    ticket = service_call_ticket(rooter, _call(), channel="web", language="en", conversation_id="c1", key="k1")
    assert ticket.kind == "service_call" and ticket.address == "14 Elm St"
    assert ticket.scheduled_for.isoformat() == "2026-12-01T08:00:00-06:00"
    assert ticket.scheduled_until.isoformat() == "2026-12-01T12:00:00-06:00"
    assert [(line.item_id, line.unit_price) for line in ticket.lines] == [("drain-cleaning", "149.00")]
    assert ticket.details == {"problem": "my kitchen sink is backed up", "urgency": "soon", "access_notes": "gate code 4411"}
    assert ticket.notes == "my kitchen sink is backed up / gate code 4411"
    assert ticket.customer.name == "Dana" and ticket.customer.phone == "+13125550144"


def test_no_matched_service_is_a_diagnostic_visit_and_an_emergency_adds_the_surcharge(rooter):
    call = _call(service_id=None, urgency="emergency", access_notes="none", problem="water everywhere")
    ticket = service_call_ticket(rooter, call, channel="sms", language="en", conversation_id="c2", key="k2")
    assert [line.item_id for line in ticket.lines] == ["diagnostic-visit", "emergency-callout"]
    assert str(ticket.total) == "239.00"
    assert ticket.notes == "water everywhere"
