"""When the caller wants to come in, and what the schedule can give them with the stylists who do the work.

Duckling reads "Friday at 3" as 03:00 and 15:00 on Friday; the salon's opening hours pick 15:00, as "at 2"
is 14:00. A bare clock time ("the 3pm one", "what about 5?") carries no day of its own (Duckling spreads
its readings over consecutive days), so it lands on the day already being talked about, or on one of the
times just offered. Availability is asked of the booking engine per staff member, because a booking of
several services needs someone who does all of them.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Dict, List, Optional, Sequence, Tuple

from catalog.matching import normalize
from playbooks.model import Playbook, Staff, WeekHours, within
from scheduling.calendar import Calendar, Offer
from scheduling.duckling_client import inside_a_word
from scheduling.formatting import spoken_day, the_clock, weekday_name
from ordering.phrasing import spoken_list

HOUR = timedelta(hours=1)
NEAREST_POOL = 16
DAYTIME = (time(7, 0), time(21, 0))
# Which of the times just offered: "the first one", "la segunda", "最后一个". Spanish is read without
# accents; Chinese words run together, so its phrases are matched anywhere ("第一" but not "第一次").
ORDINALS = {
    "en": {
        "first": 0, "1st": 0, "earliest": 0, "earlier": 0, "second": 1, "2nd": 1, "middle": 1,
        "third": 2, "3rd": 2, "last": -1, "later": -1, "latest": -1,
    },
    "es": {
        "primera": 0, "primero": 0, "primer": 0, "1a": 0, "1ra": 0, "1era": 0, "mas temprano": 0, "mas temprana": 0,
        "segunda": 1, "segundo": 1, "2a": 1, "2da": 1, "de en medio": 1, "del medio": 1, "de enmedio": 1,
        "tercera": 2, "tercero": 2, "tercer": 2, "3a": 2, "3ra": 2,
        "ultima": -1, "ultimo": -1, "mas tarde": -1, "mas tardia": -1,
    },
    "zh": {
        "第一(?!次)": 0, "头一个": 0, "最早": 0, "早一点的": 0, "早点的": 0, "早的那个": 0,
        "第二": 1, "中间": 1, "第三": 2,
        "最后": -1, "最晚": -1, "晚一点的": -1, "晚点的": -1, "晚的那个": -1,
    },
}
# A lone clock number ("make it 4 instead") said the way Duckling reads a time in each language.
AT_HOUR = {"en": "at {hour}", "es": "a las {hour}", "zh": "{hour}点"}
AT_ONE = {"es": "a la {hour}"}
WORDS = {
    "en": {"today": "today at {clock}", "tomorrow": "tomorrow at {clock}", "this_week": "{weekday} at {clock}",
           "later": "{date} at {clock}", "same_day": "{clock}", "with": "{time} with {staff}"},
    "es": {"today": "hoy a {clock}", "tomorrow": "mañana a {clock}", "this_week": "el {weekday} a {clock}",
           "later": "{date} a {clock}", "same_day": "a {clock}", "with": "{time} con {staff}"},
    "zh": {"today": "今天{clock}", "tomorrow": "明天{clock}", "this_week": "{weekday}{clock}",
           "later": "{date}{clock}", "same_day": "{clock}", "with": "{staff}{time}"},
}


@dataclass(frozen=True)
class TimeAsk:
    """What a message asks for: exact starts to try, or a day (and part of it) to offer times on."""

    candidates: Tuple[datetime, ...] = ()
    day: Optional[date] = None
    between: Optional[Tuple[time, time]] = None


@dataclass(frozen=True)
class Decision:
    """A bookable offer for the wanted time, or why not and the nearest ones that are free."""

    offer: Optional[Offer] = None
    reason: Optional[str] = None
    alternatives: Tuple[Offer, ...] = ()


def day_is_pinned(candidates: Sequence[datetime]) -> bool:
    """True when the expression named a day: its readings never sit on consecutive days."""
    days = sorted({moment.date() for moment in candidates})
    return len(days) < 2 or (days[1] - days[0]).days != 1


def _on_day(candidates: Sequence[datetime], day: date) -> Tuple[datetime, ...]:
    moved = [moment.replace(year=day.year, month=day.month, day=day.day) for moment in candidates]
    return tuple(dict.fromkeys(sorted(moved, key=lambda moment: (moment.time() != candidates[0].time(), moment))))


def whole_words(text: str, entities: Sequence[Dict]) -> List[Dict]:
    """Duckling's finds that start and end on word boundaries: "Omar" holds "mar", which is not March."""
    return [entity for entity in entities if not inside_a_word(text, entity.get("start", 0), entity.get("end", len(text)))]


def bare_hour(text: str, language: str = "en") -> Optional[str]:
    """"make it 4 instead", "mejor a las 4", "改成4吧": a lone clock number Duckling leaves alone, said the
    way it reads a time ("at 4", "a las 4", "4点"). Chinese writes digits right after words, so only Latin
    letters and digits around the number make it part of something else."""
    numbers = re.findall(r"(?<![\d:/.$A-Za-z_])(\d{1,2}(?::\d{2})?)(?![\d:/.%A-Za-z_])", text)
    hours = [n for n in numbers if 1 <= int(n.split(":")[0]) <= 12]
    if len(numbers) != 1 or not hours:
        return None
    hour = hours[0]
    if language == "zh" and ":" in hour:
        return hour
    template = AT_ONE.get(language) if hour.split(":")[0] == "1" else None
    return (template or AT_HOUR.get(language, AT_HOUR["en"])).format(hour=hour)


def read_time(
    candidates: Sequence[datetime], day: Optional[date], between: Optional[Tuple[time, time]],
    not_before: Optional[date], context_day: Optional[date], now: datetime,
) -> Optional[TimeAsk]:
    """Turns a read time expression into what to try; a bare clock time goes on `context_day` when there is one."""
    if candidates:
        upcoming = [moment for moment in candidates if moment >= now] or list(candidates)
        if context_day and not day_is_pinned(upcoming):
            return TimeAsk(candidates=_on_day(upcoming, context_day))
        return TimeAsk(candidates=tuple(upcoming))
    if day or not_before:
        return TimeAsk(day=day or not_before, between=between)
    return None


def _spans(hours: WeekHours, moment: datetime) -> List[Tuple[datetime, datetime]]:
    spans = []
    for opens, closes in hours.on(moment.date()):
        start = datetime.combine(moment.date(), opens, moment.tzinfo)
        end = datetime.combine(moment.date() + timedelta(days=1), time(0), moment.tzinfo) if closes == time.max \
            else datetime.combine(moment.date(), closes, moment.tzinfo)
        spans.append((start, end))
    return spans


def is_open(hours: WeekHours, moment: datetime) -> bool:
    return within(hours, moment)


def choose_start(candidates: Sequence[datetime], playbook: Playbook) -> datetime:
    """The reading that falls inside opening hours ("at 2" is 14:00); else one in the daytime ("4" on a day
    that closes at 4 is 16:00, not 04:00), else the first one."""
    local = [moment.astimezone(playbook.timezone) for moment in candidates]
    return next((moment for moment in local if is_open(playbook.hours, moment)), None) \
        or next((moment for moment in local if DAYTIME[0] <= moment.time() <= DAYTIME[1]), local[0])


def _fits(hours: WeekHours, start: datetime, end: datetime) -> bool:
    return any(opens <= start and end <= closes for opens, closes in _spans(hours, start))


def why_not(playbook: Playbook, wanted: datetime, minutes: int, staff: Sequence[Staff], now: datetime) -> str:
    """Why `wanted` cannot be booked: too_soon, too_far, closed, runs_late, staff_off or taken."""
    booking = playbook.booking
    local = wanted.astimezone(playbook.timezone)
    end = local + timedelta(minutes=minutes)
    today = now.astimezone(playbook.timezone).date()
    if wanted < now + timedelta(minutes=booking.lead_minutes):
        return "too_soon"
    if local.date() > today + timedelta(days=booking.max_days_ahead):
        return "too_far"
    if not is_open(playbook.hours, local):
        return "closed"
    if not _fits(playbook.hours, local, end):
        return "runs_late"
    if not any(_fits(playbook.hours if person.hours is None else person.hours, local, end) for person in staff):
        return "staff_off"
    return "taken"


def _merged(per_staff: Sequence[Sequence[Offer]]) -> List[Offer]:
    """One offer per start time, with the first staff member (in playbook order) who is free then."""
    starts: Dict[datetime, Offer] = {}
    for offers in per_staff:
        for offer in offers:
            starts.setdefault(offer.start, offer)
    return [starts[start] for start in sorted(starts)]


def nearest(calendar: Calendar, wanted: datetime, minutes: int, staff: Sequence[Staff], now: datetime,
            limit: int = 3) -> Tuple[Offer, ...]:
    """The free starts closest to `wanted` on its day, either side and an hour apart (so the caller hears
    real choices, not 1:45 and 2:00), then the earliest on the days after."""
    offers = _merged([
        calendar.nearest_slots(wanted, duration_minutes=minutes, now=now, staff_id=person.id, limit=NEAREST_POOL)
        for person in staff
    ])
    wanted_day = wanted.astimezone(calendar.zone).date()
    same_day = sorted((o for o in offers if o.start.date() == wanted_day), key=lambda o: abs(o.start - wanted))
    later = [o for o in offers if o.start.date() > wanted_day]
    ranked = same_day + later
    picked: List[Offer] = []
    for offer in ranked:
        if len(picked) < limit and all(abs(offer.start - other.start) >= HOUR for other in picked):
            picked.append(offer)
    picked += [offer for offer in ranked if offer not in picked][: limit - len(picked)]
    return tuple(sorted(picked, key=lambda offer: offer.start))


def _spread(offers: Sequence[Offer], limit: int) -> Tuple[Offer, ...]:
    """Options worth saying aloud: each at least an hour after the last, filled up with the rest if short."""
    picked: List[Offer] = []
    for offer in offers:
        if len(picked) < limit and (not picked or offer.start - picked[-1].start >= HOUR):
            picked.append(offer)
    picked += [offer for offer in offers if offer not in picked][: limit - len(picked)]
    return tuple(sorted(picked, key=lambda offer: offer.start))


def offers_on(calendar: Calendar, day: date, between: Optional[Tuple[time, time]], minutes: int,
              staff: Sequence[Staff], now: datetime, limit: int = 3) -> Tuple[Offer, ...]:
    """Two or three free starts on `day` (in its part of the day); if it is full, the nearest after it."""
    found = _merged([
        calendar.free_slots(duration_minutes=minutes, now=now, day=day, between=between, staff_id=person.id, limit=50)
        for person in staff
    ])
    if found:
        return _spread(found, limit)
    opening = datetime.combine(day, between[0] if between else time(0), calendar.zone)
    return nearest(calendar, opening, minutes, staff, now, limit)


def book_at(calendar: Calendar, wanted: datetime, minutes: int, staff: Sequence[Staff], now: datetime) -> Decision:
    """The wanted start with the first of `staff` free for the whole duration, else the reason and nearest offers."""
    for person in staff:
        offer = calendar.is_free(wanted, duration_minutes=minutes, now=now, staff_id=person.id)
        if offer is not None:
            return Decision(offer=offer)
    reason = why_not(calendar.playbook, wanted, minutes, staff, now)
    return Decision(reason=reason, alternatives=nearest(calendar, wanted, minutes, staff, now))


def _ordinals_said(text: str, language: str) -> List[int]:
    """The places ("first" 0, "last" -1) the text names, in the order said; English in every language."""
    found = [(match.start(), ORDINALS["en"][match.group()]) for match in re.finditer(r"[\w]+", text.lower())
             if match.group() in ORDINALS["en"]]
    if language != "en" and language in ORDINALS:
        said = normalize(text)
        for phrase, place in ORDINALS[language].items():
            pattern = phrase if language == "zh" else rf"(?<![a-z0-9]){phrase}(?![a-z0-9])"
            found += [(match.start(), place) for match in re.finditer(pattern, said)]
    return [place for _, place in sorted(found, key=lambda pair: pair[0])]


def pick_offer(text: str, offers: Sequence[Offer], candidates: Sequence[datetime], staff: Optional[Staff],
               language: str = "en") -> Optional[Offer]:
    """Which of the times just offered the caller took: "the first one", "la segunda", "最后一个", "3:15 works",
    "the one with Derek"."""
    if not offers:
        return None
    for place in _ordinals_said(text, language):
        if place < len(offers):
            return offers[place]
    for moment in candidates:
        exact = [offer for offer in offers if offer.start == moment]
        same_clock = [offer for offer in offers if offer.start.astimezone(moment.tzinfo).time() == moment.time()]
        if exact or len(same_clock) == 1:
            return (exact or same_clock)[0]
    with_staff = [offer for offer in offers if staff is not None and offer.staff_id == staff.id]
    return with_staff[0] if len(with_staff) == 1 and not candidates else None


def spoken_start(moment: datetime, now: datetime, language: str = "en") -> str:
    """"today at 3:00 PM", "Friday at 3:00 PM" within the week, "Friday December 11 at 3:00 PM" after it."""
    words = WORDS.get(language, WORDS["en"])
    days = (moment.date() - now.astimezone(moment.tzinfo).date()).days
    key = "today" if days == 0 else "tomorrow" if days == 1 else "this_week" if days < 7 else "later"
    return words[key].format(clock=the_clock(moment, language), weekday=weekday_name(moment.date(), language),
                             date=spoken_day(moment.date(), language))


def spoken_options(offers: Sequence[Offer], now: datetime, with_staff: bool, language: str = "en") -> str:
    """"Friday at 2:00 PM, 3:00 PM or 4:00 PM": a shared day is said once, short enough to hear."""
    words = WORDS.get(language, WORDS["en"])
    one_day = len({offer.start.date() for offer in offers}) == 1
    said = []
    for position, offer in enumerate(offers):
        moment = spoken_start(offer.start, now, language) if position == 0 or not one_day \
            else words["same_day"].format(clock=the_clock(offer.start, language))
        said.append(words["with"].format(time=moment, staff=offer.staff_name) if with_staff and offer.staff_name else moment)
    return spoken_list(said, "or", language)
