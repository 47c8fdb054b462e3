"""What a bookable trade can still offer: time slots, arrival windows and hotel nights, read from its playbook.

The playbook says what is bookable (hours, slot grid, lead time, staff, windows, room inventory); the
reservations table says what is taken. These are plain synchronous reads: async callers wrap them in
`asyncio.to_thread`. Offers are in the business's timezone; internally instants are UTC, so a DST change
never stretches or shrinks a booking.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from catalog.model import Item
from playbooks.model import Playbook, Staff, WeekHours
from scheduling.reservations import Hold, minute_unit, night_unit, taken_seats
from storage import Database

UTC = timezone.utc
HOUR = timedelta(hours=1)
SHOP = "shop"
WINDOWS = "windows"
AFTERNOON, EVENING = time(12, 0), time(17, 0)

Taken = Dict[Tuple[str, str], int]


def staff_resource(staff_id: str) -> str:
    return f"staff:{staff_id}"


def room_resource(item_id: str) -> str:
    return f"room:{item_id}"


@dataclass(frozen=True)
class Offer:
    """A bookable start and end in the business's timezone, and who it is with when staff are booked by name."""

    start: datetime
    end: datetime
    staff_id: Optional[str] = None
    staff_name: Optional[str] = None


@dataclass(frozen=True)
class _Resource:
    """What a slot is booked on: one staff member (one seat) or the shop as a whole (`capacity` seats)."""

    id: str
    capacity: int
    hours: WeekHours
    staff: Optional[Staff] = None


def _instant(offer: Offer) -> datetime:
    return offer.start.astimezone(UTC)


def _part_of_day(moment: datetime) -> int:
    return (moment.time() >= AFTERNOON) + (moment.time() >= EVENING)


def _later_part(last: Offer, offer: Offer) -> bool:
    return offer.start.date() > last.start.date() or _part_of_day(offer.start) > _part_of_day(last.start)


def _next_pick(picked: List[Offer], rest: List[Offer]) -> Offer:
    if not picked:
        return rest[0]
    last = picked[-1]
    later = [offer for offer in rest if _instant(offer) > _instant(last)]
    if len(picked) >= 2:
        other_part = next((offer for offer in later if _later_part(last, offer)), None)
        if other_part:
            return other_part
    an_hour_on = next((offer for offer in later if _instant(offer) - _instant(last) >= HOUR), None)
    return an_hour_on or (later or rest)[0]


def _spread(offers: Sequence[Offer], limit: int) -> List[Offer]:
    """Offers worth saying on the phone, rather than three consecutive quarter hours.

    The earliest free start; then the earliest at least an hour after it; then each next one in a later
    part of the day (morning, afternoon from 12, evening from 17) or on a later day, else an hour on.
    When the schedule is too full for that, the next free starts fill the remaining places.
    """
    picked: List[Offer] = []
    rest = list(offers)
    while rest and len(picked) < limit:
        choice = _next_pick(picked, rest)
        picked.append(choice)
        rest.remove(choice)
    return sorted(picked, key=_instant)


def _nights(check_in: date, check_out: date) -> List[date]:
    return [check_in + timedelta(days=offset) for offset in range((check_out - check_in).days)]


class Calendar:
    """One business's bookable time and rooms, answered as a few concrete offers."""

    def __init__(self, playbook: Playbook, db: Database):
        self.playbook = playbook
        self.db = db
        self.booking = playbook.booking
        self.zone = playbook.timezone
        self.step = timedelta(minutes=self.booking.slot_minutes)

    def _taken(self, resource_ids: Sequence[str], units_from: str, units_to: str) -> Taken:
        return taken_seats(self.db, self.playbook.id, resource_ids, units_from, units_to)

    def _days(self, now: datetime, day: Optional[date] = None) -> List[date]:
        """The local days bookable from now (today to max_days_ahead), or just `day` if it is one of them."""
        today = now.astimezone(self.zone).date()
        last = today + timedelta(days=self.booking.max_days_ahead)
        if day is not None:
            return [day] if today <= day <= last else []
        return [today + timedelta(days=offset) for offset in range(self.booking.max_days_ahead + 1)]

    def _at(self, day: date, clock: time) -> datetime:
        """A local wall-clock time on `day` as a UTC instant; 24:00 is the next midnight."""
        if clock == time.max:
            return datetime.combine(day + timedelta(days=1), time(0, 0), self.zone).astimezone(UTC)
        return datetime.combine(day, clock, self.zone).astimezone(UTC)

    def _day_units(self, day: date) -> Tuple[str, str]:
        return minute_unit(self._at(day, time(0, 0))), minute_unit(self._at(day, time.max))

    def _spans(self, week: WeekHours, day: date) -> List[Tuple[datetime, datetime]]:
        return [(self._at(day, opens), self._at(day, closes)) for opens, closes in week.on(day)]

    def _grid_offset(self, moment: datetime) -> timedelta:
        """How far past a slot-grid line `moment` is. The grid counts from local midnight, whatever the hours,
        so every booking of a resource lands on the same units and overlapping ones always collide."""
        local = moment.astimezone(self.zone)
        since_midnight = timedelta(
            hours=local.hour, minutes=local.minute, seconds=local.second, microseconds=local.microsecond
        )
        return since_midnight % self.step

    def _grid_ceil(self, moment: datetime) -> datetime:
        offset = self._grid_offset(moment)
        return moment + (self.step - offset) if offset else moment

    def _units(self, start: datetime, end: datetime) -> Tuple[str, ...]:
        """The slot-grid minutes covering [start, end): a 60-minute service on a 15-minute grid takes four."""
        moment = start.astimezone(UTC) - self._grid_offset(start)
        units = []
        while moment < end:
            units.append(minute_unit(moment))
            moment += self.step
        return tuple(units)

    def _resources(self, staff_id: Optional[str], service_id: Optional[str]) -> List[_Resource]:
        """Who can take the booking, in playbook order: matching staff members, or the shop when none are named."""
        if not self.booking.staff:
            return [_Resource(SHOP, self.booking.capacity, self.playbook.hours)] if staff_id is None else []
        people = [person for person in self.booking.staff if person.does(service_id) and staff_id in (None, person.id)]
        hours = self.playbook.hours
        return [_Resource(staff_resource(p.id), 1, hours if p.hours is None else p.hours, p) for p in people]

    def _starts(
        self, resource: _Resource, day: date, duration: timedelta, earliest: datetime,
        between: Optional[Tuple[time, time]],
    ) -> Iterator[datetime]:
        """Grid starts on `day`, not before `earliest`, whose whole duration is inside the resource's hours."""
        for opens, closes in self._spans(resource.hours, day):
            start = self._grid_ceil(max(opens, earliest))
            while start + duration <= closes:
                if between is None or between[0] <= start.astimezone(self.zone).time() < between[1]:
                    yield start
                start += self.step

    def _free_on(
        self, day: date, duration: timedelta, now: datetime, resources: Sequence[_Resource],
        between: Optional[Tuple[time, time]] = None,
    ) -> List[Offer]:
        """Every free start of one local day, earliest first; a start free with several staff goes to the first."""
        earliest = now.astimezone(UTC) + timedelta(minutes=self.booking.lead_minutes)
        candidates = [
            (start, resource)
            for resource in resources
            for start in self._starts(resource, day, duration, earliest, between)
        ]
        if not candidates:
            return []
        taken = self._taken([resource.id for resource in resources], *self._day_units(day))
        offers: Dict[datetime, Offer] = {}
        for start, resource in candidates:
            end = start + duration
            if start not in offers and all(
                taken.get((resource.id, unit), 0) < resource.capacity for unit in self._units(start, end)
            ):
                staff = resource.staff
                offers[start] = Offer(
                    start.astimezone(self.zone), end.astimezone(self.zone),
                    staff.id if staff else None, staff.name if staff else None,
                )
        return [offers[start] for start in sorted(offers)]

    def free_slots(
        self, *, duration_minutes: int, now: datetime, day: Optional[date] = None,
        between: Optional[Tuple[time, time]] = None, staff_id: Optional[str] = None,
        service_id: Optional[str] = None, limit: int = 3,
    ) -> List[Offer]:
        """Up to `limit` free starts, spread out as `_spread` says; `between` narrows the start to part of a day.

        With staff, `staff_id=None` means anyone who does the service. Days are read one at a time and
        reading stops once `limit` days have room, which is all the spreading can use.
        """
        resources = self._resources(staff_id, service_id)
        duration = timedelta(minutes=duration_minutes)
        found: List[Offer] = []
        days_with_room = 0
        for each in self._days(now, day):
            offers = self._free_on(each, duration, now, resources, between)
            if offers:
                found += offers
                days_with_room += 1
                if days_with_room >= limit:
                    break
        return _spread(found, limit)

    def nearest_slots(
        self, wanted: datetime, *, duration_minutes: int, now: datetime, staff_id: Optional[str] = None,
        service_id: Optional[str] = None, limit: int = 3,
    ) -> List[Offer]:
        """For "that time is taken": the free starts closest to `wanted` on its day, either side, then the
        earliest ones on the following days; in time order."""
        resources = self._resources(staff_id, service_id)
        duration = timedelta(minutes=duration_minutes)
        wanted_day = wanted.astimezone(self.zone).date()
        target = wanted.astimezone(UTC)
        same_day = self._free_on(wanted_day, duration, now, resources) if self._days(now, wanted_day) else []
        picked = sorted(same_day, key=lambda offer: abs(_instant(offer) - target))[:limit]
        for each in self._days(now):
            if len(picked) >= limit:
                break
            if each > wanted_day:
                picked += self._free_on(each, duration, now, resources)[: limit - len(picked)]
        return sorted(picked, key=_instant)

    def is_free(
        self, start: datetime, *, duration_minutes: int, now: datetime, staff_id: Optional[str] = None,
        service_id: Optional[str] = None,
    ) -> Optional[Offer]:
        """The offer for exactly `start` if it can be booked now (with the first free staff member when none is
        named); None when taken, off the grid, outside hours, inside the lead time or too far ahead."""
        day = start.astimezone(self.zone).date()
        if not self._days(now, day):
            return None
        offers = self._free_on(day, timedelta(minutes=duration_minutes), now, self._resources(staff_id, service_id))
        return next((offer for offer in offers if _instant(offer) == start.astimezone(UTC)), None)

    def holds_for(self, offer: Offer) -> Tuple[Hold, ...]:
        """What booking the offer takes: its grid units on its staff member (one seat), or on the shop."""
        units = self._units(offer.start, offer.end)
        if offer.staff_id:
            return (Hold(staff_resource(offer.staff_id), units, 1),)
        return (Hold(SHOP, units, self.booking.capacity),)

    def _window_capacity(self) -> int:
        """One visit per window per crew member; a business without named staff says its capacity."""
        return len(self.booking.staff) or self.booking.capacity

    def free_windows(self, *, now: datetime, day: Optional[date] = None, limit: int = 3) -> List[Offer]:
        """Arrival windows with a crew free, on days the business is open, earliest first.

        A window is offered while its last hour still starts after now plus the lead time, so the afternoon
        window can be offered in the morning and the crew still has an hour to get there.
        """
        cutoff = now.astimezone(UTC) + timedelta(minutes=self.booking.lead_minutes)
        capacity = self._window_capacity()
        found: List[Offer] = []
        for each in self._days(now, day):
            if len(found) >= limit:
                break
            if not self.playbook.hours.on(each):
                continue
            windows = [(self._at(each, starts), self._at(each, ends)) for starts, ends in self.booking.arrival_windows]
            windows = [(starts, ends) for starts, ends in windows if ends - HOUR > cutoff]
            if not windows:
                continue
            taken = self._taken([WINDOWS], *self._day_units(each))
            found += [
                Offer(starts.astimezone(self.zone), ends.astimezone(self.zone))
                for starts, ends in windows
                if taken.get((WINDOWS, minute_unit(starts)), 0) < capacity
            ]
        return found[:limit]

    def holds_for_window(self, offer: Offer) -> Tuple[Hold, ...]:
        """A window is one unit, its start minute, with a seat per crew member."""
        return (Hold(WINDOWS, (minute_unit(offer.start),), self._window_capacity()),)

    def _room_types(self) -> List[Item]:
        return [item for item in self.playbook.catalog.items if item.inventory]

    def _nights_taken(self, rooms: Sequence[Item], first: date, last: date) -> Taken:
        return self._taken([room_resource(item.id) for item in rooms], night_unit(first), night_unit(last))

    @staticmethod
    def _free_rooms(item: Item, taken: Taken, check_in: date, check_out: date) -> int:
        """Rooms free on every night of the stay: the check-in night up to the night before check-out."""
        resource = room_resource(item.id)
        nights = _nights(check_in, check_out)
        free = min((item.inventory - taken.get((resource, night_unit(night)), 0) for night in nights), default=0)
        return max(free, 0)

    def _room_type(self, item_id: str) -> Optional[Item]:
        item = self.playbook.catalog.item(item_id)
        return item if item is not None and item.inventory else None

    def rooms_free(self, item_id: str, check_in: date, check_out: date) -> int:
        """How many rooms of that type are free for the whole stay; 0 for an item that is not a room type."""
        item = self._room_type(item_id)
        if item is None:
            return 0
        return self._free_rooms(item, self._nights_taken([item], check_in, check_out), check_in, check_out)

    def free_room_types(self, check_in: date, check_out: date) -> List[Tuple[Item, int]]:
        """Every room type (catalog item with inventory) and how many are free for the whole stay, even 0."""
        rooms = self._room_types()
        taken = self._nights_taken(rooms, check_in, check_out)
        return [(item, self._free_rooms(item, taken, check_in, check_out)) for item in rooms]

    def holds_for_stay(self, item_id: str, check_in: date, check_out: date) -> Tuple[Hold, ...]:
        """A stay takes one room of the type on every night, out of the type's inventory."""
        item = self._room_type(item_id)
        if item is None:
            raise ValueError(f"{item_id} is not a room type: it has no inventory")
        units = tuple(night_unit(night) for night in _nights(check_in, check_out))
        return (Hold(room_resource(item.id), units, item.inventory),)

    def nearest_stays(
        self, item_id: str, check_in: date, nights: int, limit: int = 3, *, now: Optional[datetime] = None
    ) -> List[date]:
        """Check-in dates closest to `check_in`, either side, from today up to max_days_ahead, with that room
        type free for all `nights`; in date order. `now` defaults to the clock."""
        item = self._room_type(item_id)
        if item is None or nights < 1:
            return []
        days = self._days(now or datetime.now(UTC))
        taken = self._nights_taken([item], days[0], days[-1] + timedelta(days=nights))
        free = [day for day in days if self._free_rooms(item, taken, day, day + timedelta(days=nights)) > 0]
        return sorted(sorted(free, key=lambda day: abs((day - check_in).days))[:limit])
