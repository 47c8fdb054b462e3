"""The validated playbook as typed values the rest of the code reads."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from typing import Any, Dict, List, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

from catalog import Catalog
from playbooks.personas import PersonaChoice, choices_from_dict
from playbooks.rules import Rules

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _clock(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    return time.max if hours == 24 else time(hours, minutes)


@dataclass(frozen=True)
class Ordering:
    fulfillment: Tuple[str, ...] = ("pickup",)
    prep_minutes: int = 20
    delivery_minutes: int = 45
    max_days_ahead: int = 7


Span = Tuple[time, time]


@dataclass(frozen=True)
class Holiday:
    """A date the business closes (no spans) or keeps other hours: once (`year`) or every year."""

    name: str
    month: int
    day: int
    year: Optional[int] = None
    spans: Tuple[Span, ...] = ()

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Holiday":
        parts = [int(part) for part in str(data["date"]).split("-")]
        year = parts[0] if len(parts) == 3 else None
        return cls(name=data.get("name", ""), month=parts[-2], day=parts[-1], year=year,
                   spans=tuple(_span(span) for span in data.get("hours", ())))

    def falls_on(self, day: date) -> bool:
        return (day.month, day.day) == (self.month, self.day) and self.year in (None, day.year)


@dataclass(frozen=True)
class WeekHours:
    """Opening spans per weekday (0 is Monday), and the holidays that replace a weekday's spans on their date.
    A staff member's own week is only shortened by a holiday (`holidays_shorten`): Ben, who starts at noon,
    does not work the morning of a short day the shop opens 9 to 12."""

    week: Dict[int, List[Span]] = field(default_factory=dict)
    holidays: Tuple[Holiday, ...] = ()
    holidays_shorten: bool = False

    def on(self, day: date) -> List[Span]:
        usual = self.week.get(day.weekday(), [])
        holiday = self.holiday_on(day)
        if holiday is None:
            return usual
        if not self.holidays_shorten:
            return list(holiday.spans)
        overlaps = [(max(start, opens), min(end, closes)) for start, end in usual for opens, closes in holiday.spans]
        return [(start, end) for start, end in overlaps if start < end]

    def holiday_on(self, day: date) -> Optional[Holiday]:
        return next((holiday for holiday in self.holidays if holiday.falls_on(day)), None)


def _week_hours(data: Dict[str, List[str]], holidays: Tuple[Holiday, ...] = (), shorten: bool = False) -> WeekHours:
    week = {WEEKDAYS.index(day): [_span(span) for span in spans] for day, spans in data.items()}
    return WeekHours(week, holidays, shorten)


def within(hours: WeekHours, moment: datetime) -> bool:
    """Whether `moment` (local time) falls inside these hours on its date; a span ending 24:00 runs to midnight."""
    clock = moment.time()
    return any(start <= clock and (end == time.max or clock < end) for start, end in hours.on(moment.date()))


def _span(text: str) -> Tuple[time, time]:
    start, end = text.split("-")
    return _clock(start), _clock(end)


@dataclass(frozen=True)
class Staff:
    """Someone booked individually: a stylist, technician or practitioner."""

    id: str
    name: str
    aliases: Tuple[str, ...] = ()
    services: Optional[Tuple[str, ...]] = None
    hours: Optional[WeekHours] = None

    def does(self, service_id: Optional[str]) -> bool:
        return self.services is None or service_id is None or service_id in self.services


@dataclass(frozen=True)
class Booking:
    """How a bookable trade hands out time: slot grid, lead time, who can be booked, deposits."""

    slot_minutes: int = 15
    lead_minutes: int = 60
    max_days_ahead: int = 30
    capacity: int = 1
    staff: Tuple[Staff, ...] = ()
    arrival_windows: Tuple[Tuple[time, time], ...] = ()
    check_in: time = time(15, 0)
    check_out: time = time(11, 0)
    turnaround_minutes: Optional[int] = None
    deposit_percent: Optional[float] = None
    deposit_amount: Optional[float] = None
    # Only bookings with one of these services or rooms owe the deposit; none listed: every booking does.
    deposit_items: Tuple[str, ...] = ()
    # Hours an unpaid deposit holds the time before the booking is released; None: until staff act.
    deposit_hold_hours: Optional[int] = None

    @classmethod
    def from_dict(cls, data: Dict[str, Any], holidays: Tuple[Holiday, ...] = ()) -> "Booking":
        """A staff member's own week keeps the business's holidays: nobody is booked when it is closed."""
        deposit = data.get("deposit", {})
        return cls(
            slot_minutes=data.get("slot_minutes", cls.slot_minutes),
            lead_minutes=data.get("lead_minutes", cls.lead_minutes),
            max_days_ahead=data.get("max_days_ahead", cls.max_days_ahead),
            capacity=data.get("capacity", cls.capacity),
            staff=tuple(
                Staff(
                    id=person["id"],
                    name=person["name"],
                    aliases=tuple(str(alias) for alias in person.get("aliases", ())),
                    services=tuple(person["services"]) if "services" in person else None,
                    hours=_week_hours(person["hours"], holidays, shorten=True) if "hours" in person else None,
                )
                for person in data.get("staff", ())
            ),
            arrival_windows=tuple(_span(span) for span in data.get("arrival_windows", ())),
            check_in=_clock(data.get("check_in", "15:00")),
            check_out=_clock(data.get("check_out", "11:00")),
            turnaround_minutes=data.get("turnaround_minutes"),
            deposit_percent=deposit.get("percent"),
            deposit_amount=deposit.get("amount"),
            deposit_items=tuple(deposit.get("items", ())),
            deposit_hold_hours=deposit.get("hold_hours"),
        )

    def needs_deposit(self, item_ids: Sequence[str]) -> bool:
        return not self.deposit_items or any(item_id in self.deposit_items for item_id in item_ids)

    def staff_member(self, staff_id: Optional[str]) -> Optional[Staff]:
        return next((person for person in self.staff if person.id == staff_id), None)


@dataclass(frozen=True)
class Transfer:
    """Where a caller is put through to a person, by handoff reason, and who is texted when nobody answers."""

    default: str
    reasons: Dict[str, str] = field(default_factory=dict)
    notify_sms: Optional[str] = None
    ring_seconds: int = 20
    # When each number is answered: "default" for the default number, a reason for its own; absent = always.
    hours: Dict[str, WeekHours] = field(default_factory=dict)
    # Rung once when the first number does not answer, before `no_answer` applies.
    backup: Optional[str] = None
    # Nobody answers (or outside the hours): offer a callback (or carry on with the assistant), or take a voicemail.
    no_answer: str = "callback"

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Transfer":
        hours = {key: _week_hours(week) for key, week in data.get("hours", {}).items()}
        return cls(**{**data, "hours": hours})

    def number_for(self, reason: str) -> str:
        return self.reasons.get(reason, self.default)

    def answered_at(self, reason: str, moment: datetime) -> bool:
        """Whether the number a caller with this reason is put through to is staffed at `moment` (local time)."""
        hours = self.hours.get(reason if reason in self.reasons else "default")
        return hours is None or within(hours, moment)

    def notify_number(self, reason: str) -> str:
        return self.notify_sms or self.number_for(reason)


@dataclass(frozen=True)
class Channels:
    """Per-business channel settings; the channel code holds the defaults."""

    voices: Dict[str, str] = field(default_factory=dict)
    confirm_below: float = 0.45
    silence_seconds: int = 5
    extra_hints: Tuple[str, ...] = ()
    sms_session_minutes: int = 240
    email_session_days: int = 14

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Channels":
        voice, sms, email = data.get("voice", {}), data.get("sms", {}), data.get("email", {})
        return cls(
            voices=dict(voice.get("voices", {})),
            confirm_below=voice.get("confirm_below", cls.confirm_below),
            silence_seconds=voice.get("silence_seconds", cls.silence_seconds),
            extra_hints=tuple(voice.get("extra_hints", ())),
            sms_session_minutes=sms.get("session_minutes", cls.sms_session_minutes),
            email_session_days=email.get("session_days", cls.email_session_days),
        )


@dataclass(frozen=True)
class Blocked:
    """Senders never answered: numbers (digits compared) and email addresses or whole "@domain"s."""

    phones: Tuple[str, ...] = ()
    emails: Tuple[str, ...] = ()

    def phone(self, number: str) -> bool:
        digits = "".join(ch for ch in number if ch.isdigit())
        return any(digits == "".join(ch for ch in blocked if ch.isdigit()) for blocked in self.phones)

    def email(self, address: str) -> bool:
        address = address.strip().lower()
        return any(
            address.endswith(entry.lower()) if entry.startswith("@") else address == entry.lower() for entry in self.emails
        )


@dataclass(frozen=True)
class Playbook:
    id: str
    name: str
    trade: str
    timezone_name: str
    languages: Tuple[str, ...]
    currency: str
    address: str
    phone_numbers: Tuple[str, ...]
    email: Optional[str]
    hours: WeekHours
    ordering: Ordering
    booking: Booking
    pos: Dict[str, Any]
    catalog_data: Dict[str, Any] = field(repr=False)
    source: str = ""
    transfer: Optional[Transfer] = None
    channels: Channels = Channels()
    blocked: Blocked = Blocked()
    persona: Dict[str, PersonaChoice] = field(default_factory=dict)
    rules: Rules = Rules()

    @classmethod
    def from_dict(cls, data: Dict[str, Any], source: str = "") -> "Playbook":
        reaches = data.get("reaches", {})
        ordering = data.get("ordering", {})
        holidays = tuple(Holiday.from_dict(entry) for entry in data.get("holidays", ()))
        return cls(
            id=data["id"],
            name=data["name"],
            trade=data["trade"],
            timezone_name=data["timezone"],
            languages=tuple(data["languages"]),
            currency=data["currency"],
            address=data.get("address", ""),
            phone_numbers=tuple(reaches.get("phone_numbers", [])),
            email=reaches.get("email"),
            hours=_week_hours(data["hours"], holidays),
            ordering=Ordering(
                fulfillment=tuple(ordering.get("fulfillment", Ordering.fulfillment)),
                prep_minutes=ordering.get("prep_minutes", Ordering.prep_minutes),
                delivery_minutes=ordering.get("delivery_minutes", Ordering.delivery_minutes),
                max_days_ahead=ordering.get("max_days_ahead", Ordering.max_days_ahead),
            ),
            booking=Booking.from_dict(data.get("booking", {}), holidays),
            pos=dict(data["pos"]),
            catalog_data=data["catalog"],
            source=source,
            transfer=Transfer.from_dict(data["transfer"]) if "transfer" in data else None,
            channels=Channels.from_dict(data.get("channels", {})),
            persona=choices_from_dict(data.get("persona", {})),
            rules=Rules.from_dict(data.get("rules", {})),
            blocked=Blocked(
                phones=tuple(data.get("blocked", {}).get("phones", ())),
                emails=tuple(data.get("blocked", {}).get("emails", ())),
            ),
        )

    @property
    def staff_contact(self) -> str:
        """Where a customer reaches a person: the transfer line (the numbers that reach the business may be the
        assistant's own), else the business's first number, else its email."""
        if self.transfer is not None:
            return self.transfer.default
        return self.phone_numbers[0] if self.phone_numbers else (self.email or "")

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone_name)

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog.from_dict(self.catalog_data)

    def summary(self) -> Dict[str, str]:
        """What the ticket board and web chat need to list a business."""
        return {"id": self.id, "name": self.name, "trade": self.trade, "timezone": self.timezone_name}
