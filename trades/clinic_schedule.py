"""Turns what the caller says about time into a free appointment, or into two or three options to pick from.

The caller may name an exact time ("Thursday at 4"), only a day or part of one ("Tuesday morning", "next
week"), ask for the soonest, or pick one of the options just offered ("the first one", "the 3pm one"). A
clock time without a day belongs to the day being talked about (the day just offered, or the day of the
last availability question), not to today. These are synchronous schedule reads: call from a worker thread.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, Dict, List, Optional, Sequence, Tuple

from catalog import Item
from scheduling.calendar import Calendar, Offer
from scheduling.when import CLOCK_GRAINS, When

# Per language: words that name a day, asking for the soonest, and picking one of the options just offered.
# Spanish is matched on the text folded (lower case, no accents); Chinese has no spaces, so its phrases are
# matched anywhere. English is understood in every language.
DAY_WORDS = {
    "en": re.compile(
        r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?s?\b|\b(?:today|tomorrow|tonight|tmrw|tmr)\b|"
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2}/\d{1,2}\b|"
        r"\bthe \d{1,2}(?:st|nd|rd|th)\b|\bnext (?:week|month)\b|\bthis (?:week|weekend)\b|\bweekend\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)s?\b|\bhoy\b|(?<!la )\b(?:pasado )?manana\b|"
        r"\b\d{1,2} de (?:ene|feb|mar|abr|may|jun|jul|ago|sep|set|oct|nov|dic)[a-z]*\b|\b\d{1,2}/\d{1,2}\b|"
        r"\bel (?:dia )?\d{1,2}\b(?! de la)|\b(?:la semana|el mes) (?:que viene|proxim[oa])\b|"
        r"\b(?:proxima semana|proximo mes|esta semana|este fin de semana|fin de semana)\b"
    ),
    "zh": re.compile(
        r"(?:星期|礼拜|周)[一二三四五六日天末]|今天|明天|后天|今晚|明早|明晚|下(?:个)?(?:星期|礼拜|周|月)|这(?:个)?(?:星期|礼拜|周)|"
        r"周末|\d{1,2}\s*[号日]|[一二三四五六七八九十]+\s*[号日]|\d{1,2}\s*月"
    ),
}
SOONEST = {
    "en": re.compile(
        r"\b(?:as soon as (?:possible|you can)|asap|soonest|earliest|first available|next available|"
        r"first (?:opening|slot|appointment)|next (?:opening|slot|appointment))\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\blo (?:antes|mas pronto|mas temprano|primero)\b|\bcuanto antes\b|\b(?:la|el) (?:primer[oa]?|proxim[oa]) "
        r"(?:cita|hora|espacio|lugar|turno)? ?(?:libre|disponible)\b|\b(?:la|el) mas pronto\b|\blo que (?:tenga|haya) "
        r"(?:mas pronto|primero)\b|\ben cuanto (?:se )?pued\w*\b|\bya mismo\b|\bhoy mismo\b"
    ),
    "zh": re.compile(r"尽快|尽早|越快越好|越早越好|最早|最快|最近(?:的|有空|哪天|什么时候|能约)|第一个有空|马上|早点|快点"),
}
ORDINAL_PICKS = {
    "en": (
        (re.compile(r"\b(?:first|1st|earliest|earlier|sooner) (?:one|option|time|slot)\b|\bthe first\b|\boption (?:one|1)\b", re.I), 0),
        (re.compile(r"\b(?:second|2nd|middle) (?:one|option|time|slot)\b|\bthe second\b|\boption (?:two|2)\b", re.I), 1),
        (re.compile(r"\b(?:third|3rd) (?:one|option|time|slot)\b|\bthe third\b|\boption (?:three|3)\b", re.I), 2),
        (re.compile(r"\b(?:last|latest|later) (?:one|option|time|slot)\b|\bthe last\b", re.I), -1),
    ),
    "es": (
        (re.compile(r"\b(?:la|el) primer[oa]?\b(?! (?:vez|consulta|cita|visita|disponible|libre|que))|"
                    r"\b(?:la|el) (?:mas temprano|mas temprana)\b|\bopcion (?:uno|1)\b"), 0),
        (re.compile(r"\b(?:la|el) segund[oa]\b|\b(?:la|el) de (?:en )?medio\b|\b(?:la|el) del medio\b|\bopcion (?:dos|2)\b"), 1),
        (re.compile(r"\b(?:la|el) tercer[oa]?\b|\bopcion (?:tres|3)\b"), 2),
        (re.compile(r"\b(?:la|el) ultim[oa]\b|\b(?:la|el) mas tarde\b|\b(?:la|el) mas tardia\b"), -1),
    ),
    "zh": (
        (re.compile(r"第一(?!次)(?!个有空)|头一个|最早的|早一点的|早点的|早的那个"), 0),
        (re.compile(r"第二|中间"), 1),
        (re.compile(r"第三"), 2),
        (re.compile(r"最后|最晚的|晚一点的|晚点的|晚的那个"), -1),
    ),
}
LIKELY_HOURS = (time(7, 0), time(20, 0))
DAYS_IN_A_WEEK = 7


@dataclass(frozen=True)
class TimeChoice:
    """What to do with the caller's words: book `offer`, or say `options` with a `note` (why there is no
    booking yet: options, taken, none, not_understood). `day` is the day the talk is now about."""

    offer: Optional[Offer] = None
    options: Tuple[Offer, ...] = ()
    note: Optional[str] = None
    day: Optional[date] = None


@dataclass(frozen=True)
class Visit:
    """What the calendar needs to know about the appointment being booked."""

    item: Item
    staff_id: Optional[str] = None

    @property
    def minutes(self) -> int:
        return self.item.duration_minutes or 0

    def ask(self, now: datetime) -> Dict[str, Any]:
        return {"duration_minutes": self.minutes, "now": now, "service_id": self.item.id}


@dataclass
class _Search:
    calendar: Calendar
    visit: Visit
    now: datetime
    said: List[Offer] = field(default_factory=list)

    def is_free(self, start: datetime, staff_id: Optional[str] = None) -> Optional[Offer]:
        return self.calendar.is_free(start, staff_id=staff_id or self.visit.staff_id, **self.visit.ask(self.now))

    def nearest(self, wanted: datetime) -> List[Offer]:
        return self.calendar.nearest_slots(wanted, staff_id=self.visit.staff_id, **self.visit.ask(self.now))

    def free(self, day: Optional[date] = None, between: Optional[Tuple[time, time]] = None, limit: int = 3) -> List[Offer]:
        return self.calendar.free_slots(day=day, between=between, staff_id=self.visit.staff_id, limit=limit,
                                        **self.visit.ask(self.now))


def upcoming_times(entities: Sequence[Dict[str, Any]], today: date) -> List[Dict[str, Any]]:
    """Duckling's time entities without those wholly in the past (a date of birth in the same message is no
    appointment time), the ones with a clock time first: in "Tuesday at 10, sore since Sunday" the
    appointment is Tuesday at 10."""
    def starts(value: Dict[str, Any]) -> List[date]:
        options = value.get("values") or [value]
        parts = [option.get("from") if option.get("type") == "interval" else option for option in options]
        return [datetime.fromisoformat(part["value"]).date() for part in parts if part and part.get("value")]

    kept = []
    for entity in entities:
        if entity.get("dim") != "time":
            continue
        days = starts(entity.get("value") or {})
        if days and all(day < today for day in days):
            continue
        kept.append(entity)
    return sorted(kept, key=lambda entity: (entity["value"].get("grain") not in CLOCK_GRAINS, entity.get("start", 0)))


def _folded(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))


def _said(table: dict, text: str, language: str) -> bool:
    """The English words on the text as said, and the language's own on it folded."""
    own = table.get(language) if language != "en" else None
    return bool(table["en"].search(text) or (own is not None and own.search(_folded(text))))


def names_a_day(text: str, language: str = "en") -> bool:
    return _said(DAY_WORDS, text, language)


def wants_soonest(text: str, language: str = "en") -> bool:
    """"As soon as possible", "lo más pronto que tenga", "越快越好"."""
    return _said(SOONEST, text, language)


def ordinal_pick(text: str, offers: Sequence[Offer], language: str = "en") -> Optional[Offer]:
    """"The first one", "la segunda", "最后一个": an option by its place in what was just offered."""
    own = ORDINAL_PICKS.get(language, ()) if language != "en" else ()
    picks = [(pattern, index, _folded(text)) for pattern, index in own]
    picks += [(pattern, index, text) for pattern, index in ORDINAL_PICKS["en"]]
    for pattern, index, said in picks:
        if pattern.search(said) and offers and (index < len(offers)):
            return offers[index]
    return None


def _clock_pick(candidates: Sequence[datetime], offers: Sequence[Offer], with_day: bool) -> Optional[Offer]:
    """"The 3pm one", "Thursday at 4 works": the option at that clock time (and on that day, if one was said)."""
    for candidate in candidates:
        for offer in offers:
            local = candidate.astimezone(offer.start.tzinfo)
            same_clock = (local.hour, local.minute) == (offer.start.hour, offer.start.minute)
            if same_clock and (not with_day or local.date() == offer.start.date()):
                return offer
    return None


def _on_day(candidates: Sequence[datetime], day: date, zone: tzinfo) -> List[datetime]:
    return [datetime.combine(day, candidate.astimezone(zone).time(), zone) for candidate in candidates]


def _likely_first(candidates: Sequence[datetime]) -> List[datetime]:
    """Duckling's readings of "at 4" (04:00, 16:00...) with the ones in clinic hours first."""
    return sorted(candidates, key=lambda moment: not LIKELY_HOURS[0] <= moment.time() < LIKELY_HOURS[1])


def _exact(search: _Search, candidates: Sequence[datetime]) -> TimeChoice:
    ordered = _likely_first(candidates)
    for candidate in ordered:
        offer = search.is_free(candidate)
        if offer:
            return TimeChoice(offer=offer, day=offer.start.date())
    options = search.nearest(ordered[0])
    return TimeChoice(options=tuple(options), note="taken" if options else "none", day=ordered[0].date())


def _offer_days(search: _Search, first: date, last: date) -> TimeChoice:
    """One option on each of the first days with room in [first, last]: "next week" gets a spread."""
    picked: List[Offer] = []
    day = first
    while day <= last and len(picked) < 3:
        picked += search.free(day=day, limit=1)
        day += timedelta(days=1)
    if not picked:
        picked = search.free()
        return TimeChoice(options=tuple(picked), note="nearest" if picked else "none")
    return TimeChoice(options=tuple(picked), note="options")


def _around(search: _Search, when: When) -> TimeChoice:
    """A day, part of a day or a range of days: the free options then, else the nearest ones."""
    if when.day is None and when.not_before is not None:
        return _offer_days(search, when.not_before, when.not_before + timedelta(days=DAYS_IN_A_WEEK - 1))
    if when.until is not None and when.day is not None:
        return _offer_days(search, when.day, when.until)
    options = search.free(day=when.day, between=when.between)
    if options:
        return TimeChoice(options=tuple(options), note="options", day=when.day)
    options = (search.free(day=when.day) if when.between else []) or search.free()
    return TimeChoice(options=tuple(options), note="nearest" if options else "none", day=when.day)


def choose_time(
    calendar: Calendar, visit: Visit, text: str, when: Optional[When], now: datetime,
    offered: Sequence[Offer] = (), day_in_focus: Optional[date] = None, language: str = "en",
) -> TimeChoice:
    search = _Search(calendar, visit, now)
    picked = ordinal_pick(text, offered, language)
    if picked is None and when is not None and when.candidates and offered:
        picked = _clock_pick(when.candidates, offered, names_a_day(text, language))
    if picked is not None:
        offer = search.is_free(picked.start, picked.staff_id)
        if offer:
            return TimeChoice(offer=offer, day=offer.start.date())
        return _exact(search, [picked.start])
    if when is not None and when.candidates:
        candidates = when.candidates
        if day_in_focus is not None and not names_a_day(text, language):
            candidates = _on_day(candidates, day_in_focus, calendar.zone)
        return _exact(search, candidates)
    if when is not None and (when.day or when.not_before):
        return _around(search, when)
    if wants_soonest(text, language):
        options = search.free()
        return TimeChoice(options=tuple(options), note="options" if options else "none")
    return TimeChoice(note="not_understood")


def recheck(calendar: Calendar, visit: Visit, start: datetime, now: datetime) -> TimeChoice:
    """The visit type or practitioner changed after a time was chosen: keep the time if it still fits."""
    search = _Search(calendar, visit, now)
    offer = search.is_free(start)
    if offer:
        return TimeChoice(offer=offer, day=offer.start.date())
    options = search.nearest(start)
    return TimeChoice(options=tuple(options), note="no_longer_free" if options else "none", day=start.date())


def offers_to_slot(offers: Sequence[Offer]) -> List[Dict[str, Optional[str]]]:
    return [{"start": offer.start.isoformat(), "end": offer.end.isoformat(), "staff_id": offer.staff_id,
             "staff_name": offer.staff_name} for offer in offers]


def offers_from_slot(value: Optional[Sequence[Dict[str, Optional[str]]]]) -> List[Offer]:
    return [
        Offer(datetime.fromisoformat(entry["start"]), datetime.fromisoformat(entry["end"]),
              entry.get("staff_id"), entry.get("staff_name"))
        for entry in value or ()
    ]


def same_day(offers: Sequence[Offer]) -> Optional[date]:
    days = {offer.start.date() for offer in offers}
    return days.pop() if len(days) == 1 else None


def alternatives(calendar: Calendar, visit: Visit, start: datetime, now: datetime) -> TimeChoice:
    """The time went to someone else while the caller was talking: the nearest free ones instead."""
    options = _Search(calendar, visit, now).nearest(start)
    return TimeChoice(options=tuple(options), note="taken" if options else "none", day=start.date())
