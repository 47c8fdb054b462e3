"""Requests for a person: recorded for staff (the board lists them), raised by actions and by the channels; on
SMS and email, staff take the conversation over until they hand it back."""

from handoff.requests import close_handoff, handoffs_for_conversation, open_handoffs, request_handoff
from handoff.summary import conversation_summary
from handoff.takeover import QUIET_CHANNELS, held, hold, staff_have, take_over, taken_over

__all__ = [
    "QUIET_CHANNELS", "close_handoff", "conversation_summary", "handoffs_for_conversation", "held", "hold",
    "open_handoffs", "request_handoff", "staff_have", "take_over", "taken_over",
]
