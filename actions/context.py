"""What every action needs from the conversation: the business's playbook, the database, the clock."""

import dataclasses
import hashlib
import os
from datetime import datetime, timezone
from typing import Optional

from rasa_sdk import Tracker

from playbooks import Playbook, default_registry
from playbooks.facts import hours_text
from pos.ticket import Ticket
from scheduling.duckling_client import inside_a_word
from storage import Database

_database: Optional[Database] = None

QUESTION_INTENTS = {
    "ask_price",
    "ask_hours",
    "ask_address",
    "ask_menu",
    "ask_availability",
    "ask_if_offered",
    "ask_turnaround",
    "check_status",
    "bot_challenge",
    "request_human",
    "out_of_scope",
    "ask_points",
    "redeem_reward",
    "ask_language",
    "abusive_or_prank",
}


def database() -> Database:
    global _database
    if _database is None:
        _database = Database()
    return _database


def playbook_for(tracker: Tracker) -> Optional[Playbook]:
    business_id = tracker.get_slot("business_id")
    return default_registry().by_id(business_id) if business_id else None


def default_business_id() -> Optional[str]:
    """For channels that carry no business (rasa shell, rasa interactive): the one named in DEFAULT_BUSINESS_ID."""
    return os.environ.get("DEFAULT_BUSINESS_ID") or None


def now() -> datetime:
    return datetime.now(timezone.utc)


def hours_said(playbook: Playbook, language: str) -> str:
    """The week's hours and the holidays of the next two weeks, counted from today at the business."""
    return hours_text(playbook, language, now().astimezone(playbook.timezone).date())


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_entity(tracker: Tracker, entity: str) -> Optional[str]:
    """The first value of `entity` in the latest message, skipping spans found inside a word ("mar" in "Omar")."""
    text = latest_text(tracker)
    for found in tracker.latest_message.get("entities") or []:
        if found.get("entity") != entity:
            continue
        if "start" in found and "end" in found and inside_a_word(text, found["start"], found["end"]):
            continue
        return found.get("value")
    return None


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def language_of(tracker: Tracker) -> str:
    """The conversation's language ("en", "es", "zh"), so forms read answers in the caller's own words."""
    return tracker.get_slot("language") or "en"


def previous_availability_question(tracker: Tracker) -> str:
    """The caller's message just before the latest one when it asked what is free ("anything Tuesday?"), so
    "book it" or "the 3pm one" can take the day, stylist or room from it; else empty."""
    said = [event for event in reversed(tracker.events) if event.get("event") == "user"]
    if len(said) < 2:
        return ""
    before = said[1]
    intent = ((before.get("parse_data") or {}).get("intent") or {}).get("name")
    return before.get("text") or "" if intent == "ask_availability" else ""


def idempotency_key(tracker: Tracker) -> str:
    """Same conversation and same confirming message give the same key, so a retried action stores once."""
    confirming = next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})
    return hashlib.sha256(f"{tracker.sender_id}:{confirming.get('timestamp')}".encode()).hexdigest()[:32]


def with_caller_email(ticket: Ticket, tracker: Tracker) -> Ticket:
    """An emailer's ticket carries their address (the trade's builder knows only name and phone), so staff and
    the POS can answer by email."""
    email = tracker.get_slot("caller_email")
    if not email or ticket.customer.email:
        return ticket
    return dataclasses.replace(ticket, customer=dataclasses.replace(ticket.customer, email=email))
