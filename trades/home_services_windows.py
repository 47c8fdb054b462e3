"""Which arrival window a caller means, and whether a technician is still free in it.

Callers name windows loosely: "tomorrow morning", "the afternoon one", "Thursday at 4", "12 to 4", "the
first one", "sometime next week". Duckling reads days and clock times; the part of a day, clock spans
and "the first one" are read here, because Duckling reads "12 to 4" as 3:48 and "the afternoon one" as
nothing. A window is only ever offered or taken from the schedule (`Calendar.free_windows`), so no
technician is promised outside the business's windows.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Dict, List, Optional, Sequence, Tuple

from playbooks.model import Playbook
from scheduling.calendar import Calendar, Offer
from scheduling.when import read_when

HOUR = timedelta(hours=1)
Span = Tuple[time, time]

PARTS_OF_DAY: Sequence[Tuple[re.Pattern, Span]] = (
    (re.compile(r"\blate afternoon\b|\bafter work\b|\bend of the day\b|\bafter (?:4|four)\b", re.I), (time(15, 0), time(19, 0))),
    (re.compile(r"\bmornings?\b|\bam one\b|\bin the am\b|\bearly\b|\bbefore (?:noon|lunch)\b", re.I), (time(4, 0), time(12, 0))),
    (re.compile(r"\bafternoons?\b|\bmidday\b|\bmid-day\b|\baround lunch\b|\bafter lunch\b|\bpm one\b", re.I), (time(12, 0), time(17, 0))),
    (re.compile(r"\bevenings?\b|\btonight\b|\blate one\b|\blater one\b", re.I), (time(17, 0), time.max)),
)
CLOCK_SPAN = re.compile(
    r"\b(?:between\s+|from\s+)?(\d{1,2}|noon)(?::00)?\s*(am|pm|a\.m\.|p\.m\.)?\s*(?:-|–|to|till|til|until|and)\s*"
    r"(\d{1,2}|noon)(?::00)?\s*(am|pm|a\.m\.|p\.m\.)?\b",
    re.I,
)
ORDINALS = (
    (re.compile(r"\b(?:first|1st|earliest|earlier)\b", re.I), 0),
    (re.compile(r"\b(?:second|2nd|middle)\b", re.I), 1),
    (re.compile(r"\b(?:third|3rd)\b", re.I), 2),
    (re.compile(r"\b(?:last|latest)\b", re.I), -1),
)
PICK = re.compile(r"\b(?:one|window|slot|option)\b|^\W*(?:the\s+)?\w+\W*$", re.I)
ASAP = re.compile(
    r"\basap\b|as soon as (?:possible|you can)|\bsoonest\b|\bfirst available\b|\bearliest (?:you|possible|available|window)\b"
    r"|\bright away\b|\bquick as you can\b",
    re.I,
)
DAY_WORDS = re.compile(
    r"\b(?:today|tonight|tomorrow|tmrw|tmr|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b|day\b|\bweek|\d(?:st|nd|rd|th)\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\d/\d",
    re.I,
)


@dataclass(frozen=True)
class WindowWords:
    """What the caller said about when, before looking at the schedule."""

    day: Optional[date] = None
    from_day: Optional[date] = None
    span: Optional[Span] = None
    instants: Tuple[datetime, ...] = ()
    ordinal: Optional[int] = None
    asap: bool = False

    @property
    def said_anything(self) -> bool:
        return bool(self.day or self.from_day or self.span or self.instants or self.ordinal is not None or self.asap)


@dataclass(frozen=True)
class Pick:
    """The free window the caller chose, or what to offer instead and why.

    reason: None (chosen, or nothing said), "choose" (a day without a window: offer that day's windows),
    "full" (that window is booked up), "unavailable" (closed, past, too far ahead or outside every window).
    """

    window: Optional[Offer] = None
    day: Optional[date] = None
    options: Tuple[Offer, ...] = ()
    reason: Optional[str] = None
    wanted: Optional[Offer] = None


def _hour(number: str, meridiem: Optional[str]) -> int:
    hour = 12 if number.lower() == "noon" else int(number)
    if meridiem and meridiem.lower().startswith("p") and hour < 12:
        hour += 12
    return hour % 24


def clock_span(text: str) -> Tuple[Optional[Tuple[int, int]], str]:
    """"12 to 4", "between 8 and 12", "4-7pm" as two hours (12-hour clock ambiguity kept), and the text without it."""
    match = CLOCK_SPAN.search(text or "")
    if not match:
        return None, text
    start, end = _hour(match.group(1), match.group(2)), _hour(match.group(3), match.group(4))
    return (start, end), (text[: match.start()] + " " + text[match.end():]).strip()


def part_of_day(text: str) -> Optional[Span]:
    for pattern, span in PARTS_OF_DAY:
        if pattern.search(text or ""):
            return span
    return None


def ordinal(text: str) -> Optional[int]:
    """"the first one", "the last window": a position in the options just offered; only in a short pick."""
    if not PICK.search(text or "") or len((text or "").split()) > 8:
        return None
    return next((position for pattern, position in ORDINALS if pattern.search(text)), None)


def _window_for_hours(playbook: Playbook, hours: Tuple[int, int]) -> Optional[Span]:
    """The configured window whose start and end hours are the ones said, on a 12-hour clock."""
    start, end = hours
    for opens, closes in playbook.booking.arrival_windows:
        closing = 24 if closes == time.max else closes.hour
        if opens.hour % 12 == start % 12 and closing % 12 == end % 12:
            return opens, closes
    return None


def read_window_words(
    text: str, duckling_entities: List[Dict[str, Any]], playbook: Playbook, today: date,
    remembered_day: Optional[date] = None,
) -> WindowWords:
    """The day, part of day, clock time or pick in `text`; `duckling_entities` are Duckling's reading of `text`
    with any clock span taken out. A time said without a day ("at 4", "the afternoon one") belongs to the day
    already being talked about; a message with no time in it ("yes", "Sam") says nothing about when."""
    hours, _ = clock_span(text)
    span = _window_for_hours(playbook, hours) if hours else None
    span = span or part_of_day(text)
    when = read_when(duckling_entities, today)
    said_day = any(DAY_WORDS.search(entity.get("body", "")) for entity in duckling_entities if entity.get("dim") == "time")
    day, from_day, instants = None, None, ()
    if when is not None:
        if when.candidates:
            instants = when.candidates
            day = instants[0].date() if said_day else None
        elif when.day and said_day:
            day = when.day
        elif when.not_before and said_day:
            from_day = when.not_before
        if when.between and span is None and day is not None:
            span = when.between
    picked, asap = ordinal(text), bool(ASAP.search(text or ""))
    said_time = bool(span or instants or picked is not None or asap)
    if not said_day and remembered_day and said_time:
        day = remembered_day
        instants = tuple(instant.replace(year=day.year, month=day.month, day=day.day) for instant in instants)
    return WindowWords(day=day, from_day=from_day, span=span, instants=instants, ordinal=picked, asap=asap)


class WindowSchedule:
    """The business's arrival windows on each day, and which of them still have a technician free."""

    def __init__(self, playbook: Playbook, calendar: Calendar):
        self.playbook = playbook
        self.calendar = calendar
        self.zone = playbook.timezone
        self.windows = playbook.booking.arrival_windows

    def window_on(self, day: date, span: Span) -> Offer:
        opens, closes = span
        end = datetime.combine(day + timedelta(days=1), time(0, 0), self.zone) if closes == time.max else datetime.combine(day, closes, self.zone)
        return Offer(datetime.combine(day, opens, self.zone), end)

    def windows_on(self, day: date) -> List[Offer]:
        return [self.window_on(day, span) for span in self.windows]

    def free_on(self, day: date, now: datetime) -> List[Offer]:
        return self.calendar.free_windows(now=now, day=day, limit=len(self.windows))

    def today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def free_from(self, day: date, now: datetime, limit: int = 3) -> List[Offer]:
        """The first free windows on `day` or after it, up to the booking horizon."""
        last = self.today(now) + timedelta(days=self.playbook.booking.max_days_ahead)
        found: List[Offer] = []
        each = max(day, self.today(now))
        while each <= last and len(found) < limit:
            found += self.free_on(each, now)
            each += timedelta(days=1)
        return found[:limit]

    def nearest(self, wanted: Offer, now: datetime, limit: int = 3) -> List[Offer]:
        """For a window that is taken: the day's other free windows closest to it, then the next days' first ones."""
        day = wanted.start.date()
        same_day = sorted(self.free_on(day, now), key=lambda offer: abs(offer.start - wanted.start))[:limit]
        later = self.free_from(day + timedelta(days=1), now, limit - len(same_day)) if len(same_day) < limit else []
        return sorted(same_day + later, key=lambda offer: offer.start)

    def bookable(self, window: Offer, now: datetime) -> bool:
        """Open that day, still ahead of the lead time and inside the horizon: a technician could be booked there."""
        day = window.start.date()
        cutoff = now + timedelta(minutes=self.playbook.booking.lead_minutes)
        last = self.today(now) + timedelta(days=self.playbook.booking.max_days_ahead)
        return bool(self.playbook.hours.get(day.weekday())) and window.end - HOUR > cutoff and day <= last


def _overlap(a: Span, b: Span) -> timedelta:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    today = date.min
    return max(datetime.combine(today, end) - datetime.combine(today, start), timedelta(0))


def best_window(schedule: WindowSchedule, span: Span) -> Optional[Span]:
    """The configured window that overlaps the span most ("morning" is 8-12, "afternoon" 12-4); earliest on a tie."""
    scored = [(_overlap(window, span), index) for index, window in enumerate(schedule.windows)]
    overlap, index = max(scored, key=lambda pair: (pair[0], -pair[1]), default=(timedelta(0), -1))
    return schedule.windows[index] if overlap > timedelta(0) else None


def _containing(schedule: WindowSchedule, instant: datetime) -> Optional[Offer]:
    local = instant.astimezone(schedule.zone)
    return next((w for w in schedule.windows_on(local.date()) if w.start <= local < w.end), None)


def _check(schedule: WindowSchedule, wanted: Offer, now: datetime) -> Pick:
    day = wanted.start.date()
    if any(offer.start == wanted.start for offer in schedule.free_on(day, now)):
        return Pick(window=wanted, day=day)
    reason = "full" if schedule.bookable(wanted, now) else "unavailable"
    return Pick(day=day, options=tuple(schedule.nearest(wanted, now)), reason=reason, wanted=wanted)


def _on_day_or_after(schedule: WindowSchedule, day: date, now: datetime) -> Pick:
    free = schedule.free_on(day, now)
    if free:
        return Pick(day=day, options=tuple(free), reason="choose")
    return Pick(day=day, options=tuple(schedule.free_from(day + timedelta(days=1), now)), reason="unavailable")


def pick_window(schedule: WindowSchedule, words: WindowWords, now: datetime) -> Pick:
    """Reads the schedule (DB reads: call from a worker thread) for the window the caller's words point at."""
    today = schedule.today(now)
    if words.asap:
        first = schedule.free_from(words.day or today, now, 1)
        return Pick(window=first[0], day=first[0].start.date()) if first else Pick(reason="unavailable")
    if words.ordinal is not None and not words.instants and words.span is None:
        offered = schedule.free_on(words.day, now) if words.day else schedule.free_from(today, now)
        if offered:
            chosen = offered[words.ordinal] if -len(offered) <= words.ordinal < len(offered) else offered[-1]
            return Pick(window=chosen, day=chosen.start.date())
    for instant in words.instants:
        window = _containing(schedule, instant)
        if window is not None:
            return _check(schedule, window, now)
    if words.span is not None:
        span = best_window(schedule, words.span)
        if span is None:
            return _outside(schedule, words, now)
        if words.day is not None:
            return _check(schedule, schedule.window_on(words.day, span), now)
        matching = [offer for offer in schedule.free_from(today, now, 3 * len(schedule.windows)) if
                    (offer.start.time(), offer.end.time()) == (span[0], span[1] if span[1] != time.max else time(0, 0))]
        if matching:
            return Pick(window=matching[0], day=matching[0].start.date())
        return Pick(options=tuple(schedule.free_from(today, now)), reason="unavailable")
    if words.instants:
        return _outside(schedule, words, now)
    if words.day is not None:
        return _on_day_or_after(schedule, words.day, now)
    if words.from_day is not None:
        return Pick(day=words.from_day, options=tuple(schedule.free_from(words.from_day, now)), reason="choose")
    return Pick()


def _outside(schedule: WindowSchedule, words: WindowWords, now: datetime) -> Pick:
    """A time no window covers ("at 7am", "9pm"): the windows of that day, or the next free ones."""
    day = words.day or (words.instants[0].astimezone(schedule.zone).date() if words.instants else schedule.today(now))
    free = schedule.free_on(day, now) or schedule.free_from(day + timedelta(days=1), now)
    return Pick(day=words.day, options=tuple(free), reason="unavailable")


def earliest_today(schedule: WindowSchedule, now: datetime) -> Optional[Offer]:
    """For an emergency: the first window today with a technician free, if there is one."""
    free = schedule.free_on(schedule.today(now), now)
    return free[0] if free else None


def without_clock_span(text: str) -> str:
    """What Duckling should read: "tomorrow between 8 and 12" as "tomorrow" (it misreads the span)."""
    return clock_span(text)[1]


def window_from_iso(start: str, end: str) -> Offer:
    return Offer(datetime.fromisoformat(start), datetime.fromisoformat(end))

