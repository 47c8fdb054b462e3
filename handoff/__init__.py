"""Requests for a person: recorded for staff now; live transfer and staff alerts hang on this hook."""

from handoff.requests import open_handoffs, request_handoff

__all__ = ["open_handoffs", "request_handoff"]
