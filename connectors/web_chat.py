"""Rasa's socket.io channel for the web chat, refusing conversation ids a browser should never send.

The browser picks its own session id; accepting anything would let a page continue another channel's
conversation (an SMS thread is keyed "sms:<business>:<phone>"). Only random 32-hex ids are accepted.
A malformed message (not an object, or metadata that is not JSON) gets an "error" event with the
reason instead of an exception in the server; text the model cannot read goes in as unclear input.
"""

import json
import logging
import re
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from compat import sanic_websockets
from connectors.readable import readable

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"[0-9a-f]{32}")


def _malformed(data: Any, metadata_key: str) -> Optional[str]:
    if not isinstance(data, dict):
        return "a message must be an object with 'message' and 'session_id'"
    if not isinstance(data.get("message", ""), str):
        return "'message' must be text"
    metadata = data.get(metadata_key)
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except json.JSONDecodeError:
            return f"'{metadata_key}' is not valid JSON"
    if metadata is not None and not isinstance(metadata, dict):
        return f"'{metadata_key}' must be an object"
    return None


class WebChatInput(SocketIOInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sanic_websockets.patch()

        async def guarded(message: UserMessage) -> Any:
            if not SESSION_ID.fullmatch(message.sender_id or ""):
                logger.warning("web chat message with a malformed session id was dropped")
                return None
            message.text = readable(message.text)
            return await on_new_message(message)

        webhook = super().blueprint(guarded)
        namespace = self.namespace or "/"
        handle_message = self.sio.handlers[namespace][self.user_message_evt]

        async def checked(sid: Text, data: Any) -> None:
            reason = _malformed(data, self.metadata_key)
            if reason:
                await self.sio.emit("error", {"reason": reason}, room=sid, namespace=namespace)
                return
            await handle_message(sid, data)

        self.sio.on(self.user_message_evt, namespace=namespace)(checked)
        return webhook

    @classmethod
    def name(cls) -> Text:
        return "socketio"
