"""When a held order can be picked up, and how long the shop keeps it.

The pickup time is any time the shop is open, at least the playbook's `ordering.prep_minutes` ahead (the
restaurant's rule, through `OpeningHours`). A held order waits until closing on the next day the shop is
open after the pickup day, so a caller who is late has the whole of the following day.
"""

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any, Dict, List, Optional, Sequence

from playbooks.model import Playbook
from scheduling import duckling_client
from scheduling.hours import OpeningHours, TimeChoice
from scheduling.when import read_when


def pickup_candidates(playbook: Playbook, entities: Sequence[Dict[str, Any]], now: datetime) -> List[datetime]:
    """The times Duckling read; for a day ("tomorrow") or part of one ("Saturday morning"), the first time
    that day the order can be ready, since a held order can be collected any time after."""
    candidates = duckling_client.time_candidates(list(entities))
    if candidates:
        return candidates
    zone = playbook.timezone
    when = read_when(entities, now.astimezone(zone).date())
    if when is None or when.day is None:
        return []
    starts = datetime.combine(when.day, when.between[0] if when.between else time(0, 0), zone)
    found = OpeningHours(playbook).slots_from(max(starts, now.astimezone(zone)), playbook.ordering.prep_minutes, 1)
    return found if found and found[0].date() == when.day else [starts]


def choose_pickup(playbook: Playbook, candidates: Sequence[datetime], now: datetime, asap: bool = False) -> TimeChoice:
    """The caller's time if the shop is open then with enough notice; else why not, with the nearest times."""
    hours = OpeningHours(playbook)
    lead = playbook.ordering.prep_minutes
    if asap:
        soonest = hours.earliest(now, lead)
        candidates = [soonest] if soonest else []
    choice = hours.choose(candidates, now, lead)
    return replace(choice, alternatives=tuple(_ready(hours, moment, now, lead) for moment in choice.alternatives))


def _ready(hours: OpeningHours, moment: datetime, now: datetime, lead: int) -> datetime:
    """`OpeningHours.choose` may offer the next opening itself; the order needs its prep time after opening too."""
    if hours.can_be_ready(moment, now, lead):
        return moment
    later = hours.slots_from(moment, lead, 1)
    return later[0] if later else moment


def held_until(playbook: Playbook, pickup: datetime) -> datetime:
    """Closing time on the next open day after the pickup day (the pickup day's closing if none is in sight)."""
    hours = OpeningHours(playbook)
    local = pickup.astimezone(playbook.timezone)
    for offset in range(1, 8):
        windows = hours.windows(local + timedelta(days=offset))
        if windows:
            return windows[-1][1]
    same_day = hours.windows(local)
    return same_day[-1][1] if same_day else local


def parsed_pickup(value: Optional[str]) -> Optional[datetime]:
    return datetime.fromisoformat(value) if value else None
