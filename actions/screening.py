"""What the forms and actions share for declining pranks and abuse, for orders the owner's rules keep for a
person, and for the owner's after-hours rule.

Declining is calm and short, takes nothing (no ticket, no slot, nothing for the POS), and flags the
conversation for staff with the reason; the caller of `decline` ends what was in progress. A caller declined
twice in a day is then turned away by the channels (safety/flags.py). The screen itself is safety/screening.py.
"""

import asyncio
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from decimal import Decimal

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import database, hours_said, latest_text
from handoff import QUIET_CHANNELS, conversation_summary, request_handoff, take_over
from notify.staff import board_link, text_staff
from playbooks import Playbook
from playbooks.rules import CALLBACK, HANDOFF, Escalation
from pos.ticket import Ticket
from safety.flags import abandoned_recently, flag_caller
from safety.screening import large_request, screen_conversation

REASON_WORDS = {
    "insult": "insults", "threat": "a threat", "sexual": "sexual remarks", "joke_name": "a prank name",
    "absurd_order": "an absurd order", "constant_changes": "changing everything over and over",
    "repeat_abandoned": "many abandoned orders today",
}


def caller_of(tracker: Tracker) -> str:
    return tracker.get_slot("caller_phone") or tracker.get_slot("caller_email") or ""


def said_so_far(tracker: Tracker) -> List[str]:
    """The caller's messages in this session, oldest first."""
    texts: List[str] = []
    for event in tracker.events:
        if event.get("event") == "session_started":
            texts = []
        elif event.get("event") == "user" and event.get("text") and not str(event["text"]).startswith("/"):
            texts.append(event["text"])
    return texts


async def decline(dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook, kind: str,
                  form_slots: Sequence[str] = ()) -> List[EventType]:
    """Say no calmly, flag it for staff, keep nothing of the request (the running form ends, `form_slots` empty)."""
    db = database()
    caller = caller_of(tracker)
    if caller:
        await asyncio.to_thread(flag_caller, db, playbook.id, caller, tracker.sender_id, kind)
    quote = latest_text(tracker)[:200]
    await asyncio.to_thread(
        request_handoff, db, playbook.id, tracker.sender_id, "declined", kind == "threat",
        f"Declined for {REASON_WORDS.get(kind, kind)}: \"{quote}\"",
    )
    dispatcher.utter_message(response="utter_decline_abuse" if kind in ("insult", "threat", "sexual") else "utter_decline_prank")
    if tracker.get_slot("channel") == "voice":
        dispatcher.utter_message(json_message={"hangup": True})
    if not tracker.active_loop.get("name"):
        return []
    return [ActiveLoop(None), SlotSet("requested_slot", None)] + [SlotSet(slot, None) for slot in form_slots]


async def screened(tracker: Tracker, playbook: Playbook) -> Optional[str]:
    """What the whole conversation shows so far, with the caller's abandoned orders today."""
    caller = caller_of(tracker)
    abandoned = await asyncio.to_thread(abandoned_recently, database(), playbook.id, caller) if caller else 0
    return screen_conversation(said_so_far(tracker), playbook, abandoned)


def escalation_of(ticket: Ticket, playbook: Playbook, said: Sequence[str] = ()) -> Optional[Tuple[Escalation, str]]:
    """The owner's first escalation rule this ticket meets, with the reason staff read; failing that, a request
    above the business's large line (in the ticket or in what the caller `said`) goes to a person to check, so
    a real catering order is neither declined nor sent to the POS unchecked."""
    quantity = sum(line.quantity for line in ticket.lines)
    party = int(ticket.details.get("guests") or 0)
    total = Decimal(str(ticket.total))
    owners = playbook.rules.escalation_for(total, quantity, party, [line.item_id for line in ticket.lines])
    if owners is not None:
        return owners
    large = max(quantity, party, large_request(said, playbook) or 0)
    if large > playbook.rules.large_limit(playbook.trade):
        return Escalation(then=HANDOFF), f"a very large request ({large}): check it with the caller"
    return None


async def escalate(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any], playbook: Playbook,
                   then: str, reason: str) -> None:
    """An order the owner's rule keeps for a person: staff get every detail; on a call the caller is put through,
    by text staff take the conversation over, or (a `callback` rule, or the web chat) staff call back."""
    form = tracker.active_loop.get("name")
    form_slots = domain.get("forms", {}).get(form, {}).get("required_slots", []) if form else []
    summary = f"{reason}. {conversation_summary(tracker.current_slot_values(), form_slots)}"
    channel = tracker.get_slot("channel")
    handoff_id = await asyncio.to_thread(
        request_handoff, database(), playbook.id, tracker.sender_id, "playbook_rule" if then != CALLBACK else "callback",
        False, summary)
    if then == CALLBACK or channel == "web" or not channel:
        dispatcher.utter_message(response="utter_escalated_callback", phone=playbook.staff_contact)
        return
    if channel in QUIET_CHANNELS:
        await asyncio.to_thread(take_over, database(), handoff_id, tracker.sender_id)
        await text_staff(playbook, "playbook_rule", (
            f"{playbook.name}: an order for a person by {'text' if channel == 'sms' else 'email'} from "
            f"{caller_of(tracker) or 'a customer'}: {summary} Reply in the thread, then press Done: {board_link(playbook.id)}"
        ))
    dispatcher.utter_message(response="utter_escalated", phone=playbook.staff_contact)


async def take_message(dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook) -> None:
    """Closed, and the owner wants only messages after hours: staff get what the caller asked for and how to
    reach them, the caller hears the hours and that someone will call back."""
    caller = caller_of(tracker)
    await asyncio.to_thread(
        request_handoff, database(), playbook.id, tracker.sender_id, "callback", False,
        f"After hours: \"{latest_text(tracker)[:300]}\"" + (f" · call back {caller}" if caller else ""),
    )
    dispatcher.utter_message(response="utter_after_hours_message",
                             hours=hours_said(playbook, tracker.get_slot("language") or "en"))
