"""Opening hours and the pickup times they allow: "at 2" is 14:00 at a place open 11-22, "ASAP" is now plus prep."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import List, Optional, Sequence, Tuple

from playbooks.model import Playbook

SLOT_MINUTES = 15


def _round_up(moment: datetime, minutes: int = 5) -> datetime:
    moment = moment.replace(second=0, microsecond=0)
    extra = (-moment.minute) % minutes
    return moment + timedelta(minutes=extra)


@dataclass(frozen=True)
class TimeChoice:
    """Either an accepted time, or why not and the nearest times that would work."""

    accepted: Optional[datetime] = None
    reason: Optional[str] = None
    alternatives: Tuple[datetime, ...] = field(default_factory=tuple)


class OpeningHours:
    def __init__(self, playbook: Playbook):
        self.playbook = playbook
        self.zone = playbook.timezone

    def windows(self, day: datetime) -> List[Tuple[datetime, datetime]]:
        """The open windows of the local calendar day containing `day`, as aware datetimes."""
        local = day.astimezone(self.zone)
        windows = []
        for start, end in self.playbook.hours.on(local.date()):
            opens = datetime.combine(local.date(), start, self.zone)
            closes = (
                datetime.combine(local.date() + timedelta(days=1), time(0, 0), self.zone)
                if end == time.max
                else datetime.combine(local.date(), end, self.zone)
            )
            windows.append((opens, closes))
        return windows

    def is_open(self, moment: datetime) -> bool:
        return any(opens <= moment < closes for opens, closes in self.windows(moment))

    def can_be_ready(self, moment: datetime, now: datetime, lead_minutes: int) -> bool:
        """Open then, and the kitchen has had its lead time since now and since it opened."""
        lead = timedelta(minutes=lead_minutes)
        return moment >= now + lead - timedelta(minutes=1) and any(
            opens + lead <= moment < closes for opens, closes in self.windows(moment)
        )

    def earliest(self, now: datetime, lead_minutes: int) -> Optional[datetime]:
        """What "as soon as possible" means: now plus lead time, or the next opening plus lead time."""
        lead = timedelta(minutes=lead_minutes)
        local = now.astimezone(self.zone)
        for day_offset in range(self.playbook.ordering.max_days_ahead + 1):
            for opens, closes in self.windows(local + timedelta(days=day_offset)):
                soonest = _round_up(max(opens, local) + lead)
                if soonest < closes:
                    return soonest
        return None

    def _day_slots(self, day: datetime, not_before: datetime, lead_minutes: int) -> List[datetime]:
        """Quarter-hour pickup times on the local day of `day`, no earlier than `not_before`."""
        slots = []
        for opens, closes in self.windows(day):
            candidate = _round_up(max(opens + timedelta(minutes=lead_minutes), not_before), SLOT_MINUTES)
            while candidate < closes:
                slots.append(candidate)
                candidate += timedelta(minutes=SLOT_MINUTES)
        return slots

    def slots_from(self, start: datetime, lead_minutes: int, count: int) -> List[datetime]:
        """The next `count` pickup times at or after `start` plus lead, each inside an open window."""
        not_before = start.astimezone(self.zone) + timedelta(minutes=lead_minutes)
        found: List[datetime] = []
        for day_offset in range(self.playbook.ordering.max_days_ahead + 1):
            day = start.astimezone(self.zone) + timedelta(days=day_offset)
            found += self._day_slots(day, not_before, lead_minutes)[: count - len(found)]
            if len(found) >= count:
                break
        return found

    def _soonest_two(self, now: datetime, lead_minutes: int) -> Tuple[datetime, ...]:
        soonest = self.earliest(now, lead_minutes)
        if soonest is None:
            return ()
        following = [slot for slot in self.slots_from(soonest, 0, 2) if slot > soonest][:1]
        return (soonest, *following)

    def choose(self, candidates: Sequence[datetime], now: datetime, lead_minutes: int) -> TimeChoice:
        """Picks the first candidate that is open, not too soon and not too far ahead; else offers the nearest."""
        if not candidates:
            return TimeChoice(reason="no_time")
        earliest = now + timedelta(minutes=lead_minutes)
        latest = now + timedelta(days=self.playbook.ordering.max_days_ahead + 1)
        for candidate in candidates:
            local = candidate.astimezone(self.zone)
            if local <= latest and self.can_be_ready(local, now, lead_minutes):
                return TimeChoice(accepted=local)
        wanted = candidates[0].astimezone(self.zone)
        if wanted > latest or wanted < earliest:
            return TimeChoice(reason="too_far" if wanted > latest else "too_soon", alternatives=self._soonest_two(now, lead_minutes))
        same_day = self._day_slots(wanted, earliest, lead_minutes)
        before = [slot for slot in same_day if slot < wanted][-1:]
        after = [slot for slot in same_day if slot > wanted][:1] or self.slots_from(wanted, 0, 1)
        return TimeChoice(reason="closed", alternatives=tuple(before + after))
