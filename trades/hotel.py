"""A hotel reservation hold: one room type for a run of nights, checked against the inn's rules and rooms.

The form keeps a `Stay` (room type, check-in, check-out, guests). Each message is read into a `Said`
(`read`), laid over the stay (`apply`: a new check-in keeps the length of the stay, nights said before a
date wait for it, a room that was full comes back when the caller picks other dates), and the result is
checked (`check`): dates not past, not beyond max_days_ahead, check-out after check-in; guests within the
room type's max_guests; the room type free for every night. Each problem is a response name with its
values and clears what it is about, so the form asks for it again. The room question then offers what
is free. One booking holds one room; a larger party is offered a larger room type.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Dict, List, Optional, Sequence, Tuple

from catalog import Item
from catalog.matching import tag
from ordering.phrasing import spoken_list
from playbooks.facts import items_named
from playbooks.model import Playbook
from pos.ticket import Customer, LineItem, Ticket
from scheduling.calendar import Calendar
from scheduling.formatting import clock, contracted, spoken_day
from scheduling.reservations import Hold
from trades.hotel_dates import DatesSaid, days_of_month, read_dates
from trades.hotel_guests import guests_said

MAX_NIGHTS = 28
MAX_SPOKEN_OPTIONS = 4
CENTS = Decimal("0.01")

WORDS = {
    "en": {
        "stay": "{check_in} to {check_out}",
        "room_at": "the {room} at ${rate}",
        "room_on": "the {room} {dates}",
        "ordinals": {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
                     "last": -1, "cheaper": 0, "cheapest": 0, "other": 1},
        "choice": re.compile(r"\b(first|second|third|fourth|last|cheaper|cheapest)\b|\b(1st|2nd|3rd|4th|other) (one|option)\b"),
        # No preference among the rooms offered: the first (cheapest) one.
        "any": re.compile(r"\b(either (one|is fine|works)|whichever|(it )?doesn'?t matter|don'?t mind|no preference|"
                          r"any of (them|those)|any (one|is fine|will do))\b"),
    },
    "es": {
        "stay": "de {check_in} a {check_out}",
        "room_at": "{room} a ${rate}",
        "room_on": "{room} {dates}",
        # "cuarto" is also a room, so the fourth option is only "la cuarta".
        "ordinals": {"primera": 0, "primero": 0, "primer": 0, "segunda": 1, "segundo": 1, "tercera": 2, "tercero": 2,
                     "tercer": 2, "cuarta": 3, "última": -1, "último": -1, "ultima": -1, "ultimo": -1, "barata": 0,
                     "barato": 0, "económica": 0, "economica": 0, "otra": 1, "otro": 1},
        "choice": re.compile(r"\b(primer[ao]?|segund[ao]|tercer[ao]?|cuarta|[úu]ltim[ao]|barat[ao]|econ[óo]mica)\b|"
                             r"\b(?:la|el) (otr[ao])\b"),
        "any": re.compile(r"\b(cualquier[ao]?|(la|el|lo) que sea|me da igual|da igual|no importa|(me es|es) indiferente|"
                          r"no tengo preferencia)\b"),
    },
    "zh": {
        "stay": "{check_in}到{check_out}",
        "room_at": "{room}（${rate}）",
        "room_on": "{dates}的{room}",
        "ordinals": {"第一": 0, "第1": 0, "第二": 1, "第2": 1, "第三": 2, "第3": 2, "第四": 3, "第4": 3, "最后": -1,
                     "便宜": 0, "另一": 1, "另外": 1},
        "choice": re.compile(r"(第[一二三四1-4]|最后|便宜)|(另一|另外)(?:个|间|种)"),
        "any": re.compile(r"都(可以|行|好|没问题)|随便|哪(个|间|种)都(可以|行)|无所谓|没有?偏好|不挑"),
    },
}


@dataclass(frozen=True)
class Stay:
    """What the form holds so far; dates are local calendar days."""

    room_id: Optional[str] = None
    check_in: Optional[date] = None
    check_out: Optional[date] = None
    guests: Optional[int] = None

    @property
    def nights(self) -> Optional[int]:
        if self.check_in and self.check_out:
            return (self.check_out - self.check_in).days
        return None

    @property
    def dated(self) -> bool:
        return self.check_in is not None and self.check_out is not None


@dataclass(frozen=True)
class Option:
    """A room type free for a stay, as offered to the caller."""

    room_id: str
    check_in: date
    check_out: date


@dataclass(frozen=True)
class Said:
    """What one message says: dates, guests, a room type by name, or one of the options just offered."""

    dates: DatesSaid = DatesSaid()
    guests: Optional[int] = None
    room_id: Optional[str] = None
    choice: Optional[Option] = None


@dataclass(frozen=True)
class Note:
    """Something to tell the caller: a response name and its values."""

    response: str
    values: Dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Checked:
    stay: Stay
    notes: Tuple[Note, ...] = ()
    options: Tuple[Option, ...] = ()
    wanted_room: Optional[str] = None


def rooms(playbook: Playbook) -> List[Item]:
    """Room types: catalog items with an inventory. Parking or breakfast are items too, never rooms."""
    return [item for item in playbook.catalog.items if item.inventory]


def room_named(text: str, playbook: Playbook, language: str = "en") -> Optional[Item]:
    """The room type the caller names first ("the ocean view king", "two queens", "the suite"); "a room" or
    "any room" names every room type, so none."""
    for mention in tag(text, playbook.catalog, language):
        named = [item for item in mention.items if item.inventory]
        if mention.kind in ("item", "generic") and len(named) == 1:
            return named[0]
    named = [item for item in items_named(text, playbook.catalog, language) if item.inventory]
    return named[0] if len(named) == 1 else None


def choice_said(text: str, language: str = "en") -> Optional[int]:
    """"the first one", "the second", "the cheaper one": which of the options just offered, by position;
    "either is fine", "cualquiera", "都可以" take the first, the cheapest."""
    words = WORDS.get(language, WORDS["en"])
    found = words["choice"].search(text.lower())
    if found:
        return words["ordinals"][found.group(1) or found.group(2)]
    return 0 if words["any"].search(text.lower()) else None


def read(
    entities: Sequence[Dict], text: str, playbook: Playbook, stay: Stay, today: date, asked: Optional[str] = None,
    options: Sequence[Option] = (), agreed: bool = False, language: str = "en",
) -> Said:
    """What one message says about the stay. `entities` are Duckling's (time, number, duration); `asked`
    is the form slot just asked for; `agreed` is a plain yes, which takes the only option offered."""
    entities = days_of_month(entities, text, today, language)
    room = room_named(text, playbook, language)
    position = choice_said(text, language) if room is None and options else None
    choice = options[position] if position is not None and -len(options) <= position < len(options) else None
    if position is not None:
        dates = DatesSaid()
    else:
        dates = read_dates(entities, text, today, stay.check_in, asked == "hotel_check_out", language)
    if room is not None:
        same_room = [option for option in options if option.room_id == room.id]
        choice = same_room[0] if same_room and dates.empty else None
    elif choice is None and agreed and asked == "hotel_room" and len(options) == 1:
        choice = options[0]
    return Said(
        dates=dates,
        guests=guests_said(entities, text, asked == "hotel_guests", language),
        room_id=room.id if room else None,
        choice=choice,
    )


def rate(item: Item) -> Decimal:
    variation = item.default_variation or item.variations[0]
    return variation.price


def apply(stay: Stay, said: Said, wanted_room: Optional[str] = None, nights_wanted: Optional[int] = None) -> Tuple[Stay, Optional[int]]:
    """The stay after this message, and a number of nights still waiting for a check-in date."""
    if said.choice:
        chosen = said.choice
        return replace(stay, room_id=chosen.room_id, check_in=chosen.check_in, check_out=chosen.check_out,
                       guests=said.guests or stay.guests), None
    dates = said.dates
    nights = dates.nights or nights_wanted
    check_in, check_out = stay.check_in, stay.check_out
    if dates.check_in:
        if dates.check_out:
            check_out = dates.check_out
        elif nights:
            check_out = dates.check_in + timedelta(days=nights)
        elif stay.dated:
            check_out = dates.check_in + timedelta(days=stay.nights)
        elif check_out is not None and check_out <= dates.check_in:
            check_out = None
        check_in = dates.check_in
    elif dates.check_out:
        check_out = dates.check_out
    elif dates.nights:
        if check_in:
            check_out = check_in + timedelta(days=dates.nights)
        elif check_out:
            check_in = check_out - timedelta(days=dates.nights)
    elif dates.extra_nights and check_out:
        check_out += timedelta(days=dates.extra_nights)
    waiting = nights if check_in is None and nights else None
    moved = (check_in, check_out) != (stay.check_in, stay.check_out)
    room = said.room_id or stay.room_id or (wanted_room if moved else None)
    return Stay(room, check_in, check_out, said.guests or stay.guests), waiting


def spoken_stay(check_in: date, check_out: date, language: str = "en") -> str:
    """"Saturday December 5 to Monday December 7", "del sábado 5 de diciembre al lunes 7 de diciembre"."""
    words = WORDS.get(language, WORDS["en"])
    said = words["stay"].format(check_in=spoken_day(check_in, language), check_out=spoken_day(check_out, language))
    return contracted(said, language)


def _fits(item: Item, guests: Optional[int]) -> bool:
    return guests is None or item.max_guests is None or guests <= item.max_guests


def free_options(calendar: Calendar, stay: Stay, now: datetime, wanted_room: Optional[str] = None) -> List[Option]:
    """Room types free for the stay's dates that sleep the party, cheapest first; then, for a room type that
    was full, the nearest other dates it is free for as many nights. A DB read: call from a worker thread."""
    free = [
        item for item, count in calendar.free_room_types(stay.check_in, stay.check_out)
        if count > 0 and _fits(item, stay.guests)
    ]
    options = [Option(item.id, stay.check_in, stay.check_out) for item in sorted(free, key=rate)][:MAX_SPOKEN_OPTIONS - 1]
    if wanted_room:
        nights = stay.nights
        later = calendar.nearest_stays(wanted_room, stay.check_in, nights, limit=1, now=now)
        options += [Option(wanted_room, day, day + timedelta(days=nights)) for day in later]
    return options


def money(amount: Decimal) -> str:
    """149.00 -> "149", 89.50 -> "89.50": whole dollars are said without cents."""
    text = f"{amount:.2f}"
    return text[:-3] if text.endswith(".00") else text


def spoken_options(options: Sequence[Option], stay: Stay, playbook: Playbook, language: str = "en") -> Tuple[str, str]:
    """The options as said: room types free for the stay asked for ("the queen room at $149 or the family
    suite at $289"), and the same room on other dates ("the king room Saturday December 5 to Monday December 7")."""
    words = WORDS.get(language, WORDS["en"])
    same, other = [], []
    for option in options:
        item = playbook.catalog.item(option.room_id)
        if (option.check_in, option.check_out) == (stay.check_in, stay.check_out):
            same.append(words["room_at"].format(room=item.name, rate=money(rate(item))))
        else:
            other.append(words["room_on"].format(room=item.name, dates=spoken_stay(option.check_in, option.check_out, language)))
    return spoken_list(same, "or", language), spoken_list(other, "or", language)


def _check_dates(stay: Stay, playbook: Playbook, today: date, language: str) -> Tuple[Stay, List[Note]]:
    last = today + timedelta(days=playbook.booking.max_days_ahead)
    if stay.check_in and stay.check_in < today:
        return replace(stay, check_in=None, check_out=None), [Note("utter_hotel_date_past")]
    if stay.check_in and stay.check_in > last:
        return replace(stay, check_in=None, check_out=None), [Note("utter_hotel_date_too_far", {"last_date": spoken_day(last, language)})]
    if stay.check_out and stay.check_in and stay.check_out <= stay.check_in:
        return replace(stay, check_out=None), [Note("utter_hotel_check_out_before_check_in", {"check_in": spoken_day(stay.check_in, language)})]
    if stay.nights and stay.nights > MAX_NIGHTS:
        return replace(stay, check_out=None), [Note("utter_hotel_stay_too_long", {"max_nights": str(MAX_NIGHTS)})]
    if stay.check_out and stay.check_in is None and stay.check_out <= today:
        return replace(stay, check_out=None), [Note("utter_hotel_date_past")]
    return stay, []


def _check_guests(stay: Stay, playbook: Playbook) -> Tuple[Stay, List[Note]]:
    if stay.guests is None:
        return stay, []
    largest = max((item.max_guests or 0 for item in rooms(playbook)), default=0)
    if stay.guests < 1:
        return replace(stay, guests=None), []
    if largest and stay.guests > largest:
        return replace(stay, guests=None), [Note("utter_hotel_too_many_guests", {"max_guests": str(largest)})]
    room = playbook.catalog.item(stay.room_id) if stay.room_id else None
    if room is not None and not _fits(room, stay.guests):
        return replace(stay, room_id=None), [Note("utter_hotel_room_too_small", {"room": room.name, "max_guests": str(room.max_guests)})]
    return stay, []


def check(
    stay: Stay, playbook: Playbook, calendar: Calendar, now: datetime, wanted_room: Optional[str] = None,
    language: str = "en",
) -> Checked:
    """The stay with whatever cannot be booked cleared, what to tell the caller, and the room options for
    the next question. A DB read: call from a worker thread."""
    stay, notes = _check_dates(stay, playbook, now.astimezone(playbook.timezone).date(), language)
    stay, guest_notes = _check_guests(stay, playbook)
    notes += guest_notes
    if stay.room_id and stay.dated and calendar.rooms_free(stay.room_id, stay.check_in, stay.check_out) <= 0:
        room = playbook.catalog.item(stay.room_id)
        notes.append(Note("utter_hotel_room_full", {"room": room.name, "dates": spoken_stay(stay.check_in, stay.check_out, language)}))
        wanted_room, stay = stay.room_id, replace(stay, room_id=None)
    if stay.room_id or not stay.dated:
        return Checked(stay, tuple(notes), (), wanted_room if not stay.room_id else None)
    options = free_options(calendar, stay, now, wanted_room)
    if not options:
        notes.append(Note("utter_hotel_sold_out", {"dates": spoken_stay(stay.check_in, stay.check_out, language)}))
        return Checked(replace(stay, check_in=None, check_out=None), tuple(notes), (), wanted_room)
    return Checked(stay, tuple(notes), tuple(options), wanted_room)


def stay_total(item: Item, nights: int) -> Decimal:
    return (rate(item) * nights).quantize(CENTS)


def deposit(playbook: Playbook, total: Decimal, room_id: str) -> Optional[Decimal]:
    """The booking's deposit: a percent of the stay, or a fixed amount (never more than the stay); none for a
    room the owner's deposit rule does not name."""
    booking = playbook.booking
    if not booking.needs_deposit([room_id]):
        return None
    if booking.deposit_percent:
        return (total * Decimal(str(booking.deposit_percent)) / 100).quantize(CENTS, rounding=ROUND_HALF_UP)
    if booking.deposit_amount:
        return min(Decimal(str(booking.deposit_amount)).quantize(CENTS), total)
    return None


def read_back(stay: Stay, playbook: Playbook, language: str = "en") -> Dict[str, Optional[str]]:
    """The values the read-back and the booked message say, each a helper slot of the form."""
    item = playbook.catalog.item(stay.room_id)
    total = stay_total(item, stay.nights)
    held = deposit(playbook, total, stay.room_id)
    return {
        "hotel_room_name": item.name,
        "hotel_stay_spoken": spoken_stay(stay.check_in, stay.check_out, language),
        "hotel_nights": str(stay.nights),
        "hotel_rate": money(rate(item)),
        "hotel_total": money(total),
        "hotel_deposit": money(held) if held is not None else None,
        "hotel_check_in_time": clock(datetime.combine(stay.check_in, playbook.booking.check_in), language),
        "hotel_check_out_time": clock(datetime.combine(stay.check_out, playbook.booking.check_out), language),
    }


def holds(stay: Stay, calendar: Calendar) -> Tuple[Hold, ...]:
    return calendar.holds_for_stay(stay.room_id, stay.check_in, stay.check_out)


def build_ticket(
    stay: Stay, playbook: Playbook, customer: Customer, channel: str, language: str, conversation_id: str,
    idempotency_key: str,
) -> Ticket:
    """A reservation hold: the room type as one line (nights × nightly rate), the stay from check-in time on
    the first day to check-out time on the last, the deposit, and the stay's fields in `details`."""
    item = playbook.catalog.item(stay.room_id)
    variation = item.default_variation or item.variations[0]
    zone = playbook.timezone
    held = deposit(playbook, stay_total(item, stay.nights), stay.room_id)
    return Ticket(
        business_id=playbook.id,
        kind="reservation_hold",
        customer=customer,
        lines=[LineItem(item_id=item.id, name=item.name, quantity=stay.nights, unit_price=f"{variation.price:.2f}",
                        variation_id=variation.id, variation=variation.name)],
        scheduled_for=datetime.combine(stay.check_in, playbook.booking.check_in, zone),
        scheduled_until=datetime.combine(stay.check_out, playbook.booking.check_out, zone),
        channel=channel,
        language=language,
        conversation_id=conversation_id,
        deposit=f"{held:.2f}" if held is not None else None,
        details={"check_in": stay.check_in.isoformat(), "check_out": stay.check_out.isoformat(),
                 "nights": str(stay.nights), "guests": str(stay.guests)},
        idempotency_key=idempotency_key,
    )
