"""Requests for a person: recorded for staff (the board lists them), raised by actions and by the channels."""

from handoff.requests import close_handoff, handoffs_for_conversation, open_handoffs, request_handoff
from handoff.summary import conversation_summary

__all__ = ["close_handoff", "conversation_summary", "handoffs_for_conversation", "open_handoffs", "request_handoff"]
