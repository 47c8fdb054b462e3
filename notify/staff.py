"""Texts staff about a conversation that needs them, through Twilio's REST API, from one of the business's own
numbers to the playbook's transfer number for that reason (`transfer.notify_sms` when set)."""

import logging
import os
from typing import Optional

from notify.sms import SmsNotSent, TwilioRestSms
from playbooks import Playbook

logger = logging.getLogger(__name__)


def board_link(business_id: str) -> str:
    """Where staff open the business's board: the board's public address (WEBHOOK_BASE_URL)."""
    base = os.environ.get("WEBHOOK_BASE_URL") or f"http://127.0.0.1:{os.environ.get('BOARD_PORT', '8080')}"
    return f"{base.rstrip('/')}/board/{business_id}"


async def text_staff(playbook: Playbook, reason: str, body: str, sender: Optional[str] = None) -> bool:
    """False (and a log line) when it could not be sent: Twilio REST or the transfer number not configured,
    or Twilio refused. `sender` defaults to the business's first number."""
    sms = TwilioRestSms.from_environment()
    sender = sender or (playbook.phone_numbers[0] if playbook.phone_numbers else None)
    if sms is None or playbook.transfer is None or sender is None:
        logger.warning("no staff text for %s (%s): Twilio REST, a transfer number or a business number is missing",
                       playbook.id, reason)
        return False
    try:
        await sms.send(playbook.transfer.notify_number(reason), sender, body)
    except SmsNotSent as error:
        logger.error("staff text for %s not sent: %s", playbook.id, error)
        return False
    return True
