"""The hand-off record staff work from: reasons checked, urgent first."""

from datetime import datetime, timedelta, timezone

import pytest

from handoff import open_handoffs, request_handoff


def test_urgent_requests_come_first_then_oldest(db):
    start = datetime(2026, 12, 1, 15, 0, tzinfo=timezone.utc)
    request_handoff(db, "maple-clinic", "web:1", "unclear", now=start)
    request_handoff(db, "maple-clinic", "sms:2", "medical_emergency", urgent=True, summary="chest pain", now=start + timedelta(minutes=5))
    request_handoff(db, "tonys-pizzeria", "web:3", "asked", now=start)
    waiting = open_handoffs(db, "maple-clinic")
    assert [(row["conversation_id"], row["reason"], row["urgent"]) for row in waiting] == [
        ("sms:2", "medical_emergency", True),
        ("web:1", "unclear", False),
    ]
    assert waiting[0]["summary"] == "chest pain"


def test_unknown_reason_is_refused(db):
    with pytest.raises(ValueError):
        request_handoff(db, "maple-clinic", "web:1", "bored")
