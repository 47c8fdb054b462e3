"""One line for staff saying what a caller had asked for so far, from the conversation's slots.

Used when a call is transferred, when nobody answers, and when a caller hangs up mid-order: staff read it
in a text or on the board and call back without asking everything again.
"""

from typing import Any, Iterable, Mapping

SKIPPED = {"confirmed", "requested_slot"}


def _readable(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return ""
    return " ".join(str(value).split())


def conversation_summary(slots: Mapping[str, Any], form_slots: Iterable[str]) -> str:
    """A read-back slot (`*_summary`) first, then each filled form slot in the form's order; a slot with a
    spoken form (`pickup_time_spoken`) is shown as spoken."""
    parts = [_readable(value) for name, value in slots.items() if name.endswith("_summary") and _readable(value)]
    for name in form_slots:
        if name in SKIPPED:
            continue
        value = _readable(slots.get(f"{name}_spoken")) or _readable(slots.get(name))
        if value:
            parts.append(f"{name.replace('_', ' ')}: {value}")
    return "; ".join(parts)
