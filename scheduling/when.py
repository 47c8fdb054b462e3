"""What a caller's time expression pins down, read from Duckling: exact times to try, or a day to search.

"Tomorrow at 2" gives instants (02:00 and 14:00, the caller's hours decide); "Thursday afternoon" gives a
day and a part of it; "Friday to Sunday" gives a first and last day (a hotel stay); "next week" a start.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Dict, List, Optional, Sequence, Tuple

CLOCK_GRAINS = ("hour", "minute", "second")


@dataclass(frozen=True)
class When:
    candidates: Tuple[datetime, ...] = ()
    day: Optional[date] = None
    between: Optional[Tuple[time, time]] = None
    until: Optional[date] = None
    not_before: Optional[date] = None


def _moment(part: Dict[str, Any]) -> datetime:
    return datetime.fromisoformat(part["value"])


def _interval(value: Dict[str, Any]) -> Optional[When]:
    start, end = value.get("from"), value.get("to")
    if not start:
        return None
    begins = _moment(start)
    if not end:
        return When(not_before=begins.date()) if start.get("grain") not in CLOCK_GRAINS else When(candidates=(begins,))
    ends = _moment(end)
    if start.get("grain") not in CLOCK_GRAINS:
        return When(day=begins.date(), until=(ends - timedelta(days=1)).date())
    closes = ends.time() if ends.date() == begins.date() else time.max
    return When(day=begins.date(), between=(begins.time(), closes))


def _single(value: Dict[str, Any]) -> When:
    moment = _moment(value)
    grain = value.get("grain")
    if grain in CLOCK_GRAINS:
        return When(candidates=(moment,))
    if grain == "day":
        return When(day=moment.date())
    return When(not_before=moment.date())


def _starts(value: Dict[str, Any]) -> Optional[date]:
    part = value.get("from") if value.get("type") == "interval" else value
    return _moment(part).date() if part and part.get("value") else None


def read_when(entities: Sequence[Dict[str, Any]], today: date) -> Optional[When]:
    """The first time expression, taking Duckling's first reading that does not lie before today."""
    entity = next((e for e in entities if e.get("dim") == "time"), None)
    if entity is None:
        return None
    value = entity["value"]
    options: List[Dict[str, Any]] = value.get("values") or [value]
    upcoming = [option for option in options if (_starts(option) or today) >= today] or options
    if all(option.get("type") != "interval" and option.get("grain") in CLOCK_GRAINS for option in upcoming):
        return When(candidates=tuple(_moment(option) for option in upcoming))
    chosen = upcoming[0]
    return _interval(chosen) if chosen.get("type") == "interval" else _single(chosen)
