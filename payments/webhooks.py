"""Receives the POS's payment notifications (Square's `payment.created` / `payment.updated`) for deposits.

Each business has its own URL, `/webhooks/square/<business id>`, the notification URL registered with Square;
the signature is checked with that business's signature key against that URL (WEBHOOK_BASE_URL is the public
address the board is reached at, so the check holds behind a proxy). A bad or missing signature gets 403 and
changes nothing; a paid deposit is recorded once however often Square delivers the event.
"""

import asyncio
import json
import logging
import os
from typing import Callable, Optional

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from payments.deposits import mark_paid
from pos.adapters import PermanentPosError
from pos.adapters.square import paid_order_id, signature_valid
from pos.connection import PosConnection
from storage import Database

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024


def _error(status: int, reason: str) -> HTTPResponse:
    return json_response({"error": reason}, status=status)


def webhook_base_url(request: Request) -> str:
    return os.environ.get("WEBHOOK_BASE_URL") or f"{request.scheme}://{request.host}"


def payment_webhooks(playbook_by_id: Callable[[str], Optional[object]], db: Database) -> Blueprint:
    blueprint = Blueprint("payment_webhooks")

    @blueprint.post("/webhooks/square/<business_id>")
    async def square(request: Request, business_id: str) -> HTTPResponse:
        playbook = playbook_by_id(business_id)
        if playbook is None or playbook.pos["provider"] != "square":
            return _error(404, f"no business {business_id!r} on Square here")
        body = request.body or b""
        if len(body) > MAX_BODY_BYTES:
            return _error(413, f"webhook bodies are at most {MAX_BODY_BYTES} bytes")
        try:
            key = PosConnection.from_playbook(playbook).secret("webhook_signature_key")
        except PermanentPosError as error:
            logger.error("Square webhook for %s refused: %s", business_id, error)
            return _error(503, "this business has no webhook signature key configured")
        url = webhook_base_url(request) + request.path
        if not signature_valid(key, url, body, request.headers.get("x-square-hmacsha256-signature", "")):
            return _error(403, "bad or missing x-square-hmacsha256-signature")
        try:
            event = json.loads(body)
        except ValueError:
            return _error(400, "the body is not JSON")
        if not isinstance(event, dict):
            return _error(400, "the body is not a Square event object")
        order_id = paid_order_id(event)
        if order_id:
            ticket_id = await asyncio.to_thread(mark_paid, db, business_id, order_id)
            logger.info("Square says order %s is paid: ticket %s", order_id, ticket_id)
        return json_response({"ok": True})

    return blueprint
