"""Rasa's tracker store reads the same DATABASE_URL as our tables, from endpoints.yml, on both engines."""

import asyncio
from pathlib import Path

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

ROOT = Path(__file__).resolve().parents[2]


def test_endpoints_tracker_store_follows_database_url(db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook")
    domain = Domain.load(str(ROOT / "domain"))
    store = TrackerStore.create(read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store"), domain)
    assert str(store.engine.url).split("?")[0] == db.url.split("?")[0]

    tracker = DialogueStateTracker.from_events(
        "sms:tonys-pizzeria:+15551234567",
        [UserUttered("a large cheese pizza"), SlotSet("business_id", "tonys-pizzeria")],
        domain.slots,
    )
    asyncio.run(store.save(tracker))
    loaded = asyncio.run(store.retrieve(tracker.sender_id))
    assert loaded.get_slot("business_id") == "tonys-pizzeria"
    assert loaded.latest_message.text == "a large cheese pizza"
