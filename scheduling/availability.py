"""Answers "anything Thursday afternoon?" and "a king room Friday?" from the schedule, with concrete options.

Each trade asks the schedule its own way: services and staff on the slot grid, arrival windows, room
nights, stock on the shelf, or the next pickup times. The answer is a response name plus its values, so
the wording stays in the domain (and in every language the domain speaks).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Dict, Optional, Sequence

from catalog import Item
from ordering.phrasing import spoken_list
from playbooks.facts import items_named
from playbooks.model import Playbook, Staff
from scheduling.calendar import Calendar, Offer
from scheduling.formatting import contracted, spoken_day, spoken_time, the_clock
from scheduling.hours import OpeningHours
from scheduling.when import When

WORDS = {
    "en": {"with": "{time} with {staff}", "window": "{day} between {start} and {end}", "today": "today",
           "tomorrow": "tomorrow", "stay": "{check_in} to {check_out}", "rate": "{room} at ${rate} a night"},
    "es": {"with": "{time} con {staff}", "window": "{day} entre {start} y {end}", "today": "hoy",
           "tomorrow": "mañana", "stay": "de {check_in} a {check_out}", "rate": "{room} a ${rate} por noche"},
    "zh": {"with": "{staff}{time}", "window": "{day}{start}到{end}之间", "today": "今天",
           "tomorrow": "明天", "stay": "{check_in}到{check_out}", "rate": "{room}每晚${rate}"},
}


@dataclass(frozen=True)
class Answer:
    response: str
    values: Dict[str, str] = field(default_factory=dict)


def staff_named(text: str, playbook: Playbook) -> Optional[Staff]:
    """The staff member the caller names ("with Maria", "Dr. Patel"), by whole word of name or alias."""
    words = set(text.lower().replace(".", " ").replace(",", " ").split())
    for person in playbook.booking.staff:
        for name in (person.name, *person.aliases):
            if set(name.lower().replace(".", " ").split()) & words - {"dr", "the"}:
                return person
    return None


def _day_word(day: date, now: datetime, language: str) -> str:
    words = WORDS.get(language, WORDS["en"])
    offset = (day - now.date()).days
    return words["today"] if offset == 0 else words["tomorrow"] if offset == 1 else spoken_day(day, language)


def spoken_offers(offers: Sequence[Offer], now: datetime, language: str = "en") -> str:
    words = WORDS.get(language, WORDS["en"])
    said = [
        words["with"].format(time=spoken_time(offer.start, now, language), staff=offer.staff_name)
        if offer.staff_name else spoken_time(offer.start, now, language)
        for offer in offers
    ]
    return spoken_list(said, "or", language)


def spoken_windows(offers: Sequence[Offer], now: datetime, language: str = "en") -> str:
    words = WORDS.get(language, WORDS["en"])
    local_now = now.astimezone(offers[0].start.tzinfo) if offers else now
    said = [
        words["window"].format(day=_day_word(offer.start.date(), local_now, language),
                               start=the_clock(offer.start, language), end=the_clock(offer.end, language))
        for offer in offers
    ]
    return spoken_list(said, "or", language)


def _stay(when: Optional[When], today: date) -> Optional[tuple]:
    """Check-in and check-out: "Friday to Sunday" leaves on Sunday; a single day is one night."""
    if when is None or when.day is None:
        return None
    check_in = when.day
    check_out = when.until if when.until and when.until > check_in else check_in + timedelta(days=1)
    return (check_in, check_out) if check_in >= today else None


def _rooms(playbook: Playbook, calendar: Calendar, text: str, when: Optional[When], now: datetime, language: str) -> Answer:
    local = now.astimezone(playbook.timezone)
    stay = _stay(when, local.date())
    if stay is None:
        return Answer("utter_availability_which_dates")
    check_in, check_out = stay
    words = WORDS.get(language, WORDS["en"])
    dates = contracted(words["stay"].format(check_in=_day_word(check_in, local, language),
                                            check_out=_day_word(check_out, local, language)), language)
    rooms = [item for item in items_named(text, playbook.catalog) if item.inventory]
    if rooms and calendar.rooms_free(rooms[0].id, check_in, check_out) > 0:
        return Answer("utter_availability_room_free", {"room": rooms[0].name, "dates": dates, "rate": _rate(rooms[0])})
    free = [(item, count) for item, count in calendar.free_room_types(check_in, check_out) if count > 0]
    if not free:
        return Answer("utter_availability_full", {"dates": dates})
    options = spoken_list([words["rate"].format(room=item.name, rate=_rate(item)) for item, _ in free[:3]], "or", language)
    if rooms:
        return Answer("utter_availability_room_full", {"room": rooms[0].name, "dates": dates, "options": options})
    return Answer("utter_availability_rooms", {"dates": dates, "options": options})


def _rate(item: Item) -> str:
    return f"{item.variations[0].price:.2f}"


def _windows(playbook: Playbook, calendar: Calendar, when: Optional[When], now: datetime, language: str) -> Answer:
    day = when.day if when else None
    offers = calendar.free_windows(now=now, day=day)
    if not offers and day is not None:
        offers = calendar.free_windows(now=now)
    if not offers:
        return Answer("utter_availability_none")
    return Answer("utter_availability_windows", {"options": spoken_windows(offers, now, language)})


def _slots(playbook: Playbook, calendar: Calendar, text: str, when: Optional[When], now: datetime, language: str) -> Answer:
    services = [item for item in items_named(text, playbook.catalog) if item.duration_minutes]
    service = services[0] if services else None
    duration = service.duration_minutes if service else playbook.booking.slot_minutes
    person = staff_named(text, playbook)
    ask = dict(duration_minutes=duration, now=now, staff_id=person.id if person else None,
               service_id=service.id if service else None)
    day = when.day if when else None
    between = when.between if when else None
    if when and when.candidates and day is None:
        offers = calendar.nearest_slots(when.candidates[0], **ask)
    else:
        offers = calendar.free_slots(day=day, between=between, **ask)
        if not offers and day is not None:
            offers = calendar.free_slots(day=day, **ask) or calendar.free_slots(**ask)
    if not offers:
        return Answer("utter_availability_none")
    return Answer("utter_availability_slots", {"options": spoken_offers(offers, now, language)})


def _stock(playbook: Playbook, text: str) -> Answer:
    items = items_named(text, playbook.catalog)
    if not items:
        return Answer("utter_availability_which_item")
    item = items[0]
    if item.stock is None or item.stock > 0:
        return Answer("utter_availability_in_stock", {"item": item.name})
    return Answer("utter_availability_out_of_stock", {"item": item.name})


def _pickup_times(playbook: Playbook, now: datetime, language: str) -> Answer:
    times = OpeningHours(playbook).slots_from(now, playbook.ordering.prep_minutes, 3)
    if not times:
        return Answer("utter_availability_none")
    return Answer("utter_availability_slots", {"options": spoken_list([spoken_time(t, now, language) for t in times], "or", language)})


def answer(playbook: Playbook, calendar: Calendar, text: str, when: Optional[When], now: datetime,
           language: str = "en") -> Answer:
    """Reads the schedule (a DB read: call from a worker thread) and says two or three free options."""
    if playbook.trade == "hotel":
        return _rooms(playbook, calendar, text, when, now, language)
    if playbook.trade == "home_services":
        return _windows(playbook, calendar, when, now, language)
    if playbook.trade == "retail":
        return _stock(playbook, text)
    if playbook.trade == "restaurant":
        return _pickup_times(playbook, now, language)
    return _slots(playbook, calendar, text, when, now, language)
