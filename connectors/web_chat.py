"""Rasa's socket.io channel for the web chat, refusing conversation ids a browser should never send.

The browser picks its own session id; accepting anything would let a page continue another channel's
conversation (an SMS thread is keyed "sms:<business>:<phone>"). Only random 32-hex ids are accepted.
"""

import logging
import re
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from compat import sanic_websockets

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"[0-9a-f]{32}")


class WebChatInput(SocketIOInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sanic_websockets.patch()

        async def guarded(message: UserMessage) -> Any:
            if not SESSION_ID.fullmatch(message.sender_id or ""):
                logger.warning("web chat message with a malformed session id was dropped")
                return None
            return await on_new_message(message)

        return super().blueprint(guarded)

    @classmethod
    def name(cls) -> Text:
        return "socketio"
