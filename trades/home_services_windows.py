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

from catalog import parse_quantity
from playbooks.model import Playbook
from scheduling.calendar import Calendar, Offer
from scheduling.when import read_when

HOUR = timedelta(hours=1)
Span = Tuple[time, time]

# The caller's words per language. Spanish callers mix in English ("mañana, the afternoon one"), so Spanish is read
# with the English words too (after its own); Chinese has no spaces, so its patterns never lean on \b.
PARTS_OF_DAY: Dict[str, Sequence[Tuple[re.Pattern, Span]]] = {
    "en": (
        (re.compile(r"\blate afternoon\b|\bafter work\b|\bend of the day\b|\bafter (?:4|four)\b", re.I), (time(15, 0), time(19, 0))),
        (re.compile(r"\bmornings?\b|\bam one\b|\bin the am\b|\bearly\b|\bbefore (?:noon|lunch)\b", re.I), (time(4, 0), time(12, 0))),
        (re.compile(r"\bafternoons?\b|\bmidday\b|\bmid-day\b|\baround lunch\b|\bafter lunch\b|\bpm one\b", re.I), (time(12, 0), time(17, 0))),
        (re.compile(r"\bevenings?\b|\btonight\b|\blate one\b|\blater one\b", re.I), (time(17, 0), time.max)),
    ),
    # "mañana" alone is tomorrow; the morning is "en/por/de la mañana".
    "es": (
        (re.compile(r"\btarde-?noche\b|\bal final de la tarde\b|\bya tarde\b|\b(?:despu[ée]s del|saliendo del) trabajo\b"
                    r"|\bdespu[ée]s de las (?:4|cuatro)\b", re.I), (time(15, 0), time(19, 0))),
        (re.compile(r"\b(?:en|por|de|a) la ma[ñn]ana\b|\bma[ñn]anita\b|(?<!m[áa]s )\btemprano\b|\bantes del? (?:mediod[íi]a|almuerzo|comer)\b",
                    re.I), (time(4, 0), time(12, 0))),
        (re.compile(r"(?<!m[áa]s )\btarde\b|\bmediod[íi]a\b|\bdespu[ée]s (?:del almuerzo|de comer)\b|\ba la hora de (?:la )?comida\b", re.I),
         (time(12, 0), time(17, 0))),
        (re.compile(r"\bnoche\b", re.I), (time(17, 0), time.max)),
    ),
    "zh": (
        (re.compile(r"傍晚|下班(?:以)?后|(?:4|四)点(?:以后|之后)|下午晚(?:些|一点)"), (time(15, 0), time(19, 0))),
        (re.compile(r"上午|早上|早晨|一早|清早|明早|早(?:一)?点|中午(?:以|之)前|午饭前"), (time(4, 0), time(12, 0))),
        (re.compile(r"下午|中午|午后|午饭后"), (time(12, 0), time(17, 0))),
        (re.compile(r"晚上|今晚|明晚|夜里|晚(?:一)?点"), (time(17, 0), time.max)),
    ),
}
# "12 to 4", "de 8 a 12", "8点到12点": the start and end hours, each with its part of the day when said.
CLOCK_SPAN = {
    "en": re.compile(
        r"\b(?:between\s+|from\s+)?(?P<start>\d{1,2}|noon)(?::00)?\s*(?P<start_m>am|pm|a\.m\.|p\.m\.)?\s*(?:-|–|to|till|til|until|and)\s*"
        r"(?P<end>\d{1,2}|noon)(?::00)?\s*(?P<end_m>am|pm|a\.m\.|p\.m\.)?\b",
        re.I,
    ),
    "es": re.compile(
        r"\b(?:entre\s+|de\s+|desde\s+)?(?:las?\s+)?(?P<start>1[0-2]|0?[1-9]|mediod[íi]a)(?::00)?\s*"
        r"(?P<start_m>am|pm|a\.m\.|p\.m\.|de la ma[ñn]ana|de la tarde|de la noche)?\s*(?:-|–|a|y|hasta)\s*(?:las?\s+)?"
        r"(?P<end>1[0-2]|0?[1-9]|mediod[íi]a)(?::00)?\s*(?P<end_m>am|pm|a\.m\.|p\.m\.|de la ma[ñn]ana|de la tarde|de la noche)?\b",
        re.I,
    ),
    "zh": re.compile(
        r"(?:从)?(?P<start_m>上午|早上|早晨|中午|下午|晚上)?\s*(?P<start>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:点|:00)?钟?\s*"
        r"(?:-|–|~|到|至)\s*(?P<end_m>上午|早上|中午|下午|晚上)?\s*(?P<end>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:点|:00)?钟?"
        r"(?![\d一二两三四五六七八九十]|\s*(?:天|个|号|日|周|月|年|人|位|次|分))(?:之间)?"
    ),
}
NOON = {"noon", "mediodia", "mediodía"}
PM = ("p", "de la tarde", "de la noche", "下午", "晚上")
ORDINALS = {
    "en": (
        (re.compile(r"\b(?:first|1st|earliest|earlier)\b", re.I), 0),
        (re.compile(r"\b(?:second|2nd|middle)\b", re.I), 1),
        (re.compile(r"\b(?:third|3rd)\b", re.I), 2),
        (re.compile(r"\b(?:last|latest)\b", re.I), -1),
    ),
    "es": (
        (re.compile(r"\b(?:primer[oa]?|1(?:ro|ra|º|ª)|m[áa]s temprano|m[áa]s pronto)\b", re.I), 0),
        (re.compile(r"\b(?:segund[oa]|2(?:do|da|º|ª)|del? (?:en )?medio)\b", re.I), 1),
        (re.compile(r"\b(?:tercer[oa]?|3(?:ro|ra|º|ª))\b", re.I), 2),
        (re.compile(r"\b(?:[úu]ltim[oa]|m[áa]s tarde)\b", re.I), -1),
    ),
    "zh": (
        (re.compile(r"第[一1](?!次)|最早|头一个"), 0),
        (re.compile(r"第[二2](?!次)|中间"), 1),
        (re.compile(r"第[三3](?!次)"), 2),
        (re.compile(r"最后|最晚|最迟"), -1),
    ),
}
PICK = {
    "en": re.compile(r"\b(?:one|window|slot|option)\b|^\W*(?:the\s+)?\w+\W*$", re.I),
    "es": re.compile(r"\b(?:uno|una|horario|opci[óo]n|turno|ventana|ese|esa)\b|^\W*(?:el|la|lo)?(?:\s*\w+){1,2}\W*$", re.I),
    "zh": re.compile(r"个|时段|时间段|选项|那|这|的"),
}
# A pick is short: "let's do the last one", "el de la tarde", "下午那个就行".
PICK_LENGTH = {"en": 8, "es": 8, "zh": 15}
ASAP = {
    "en": re.compile(
        r"\basap\b|as soon as (?:possible|you can)|\bsoonest\b|\bfirst available\b|\bearliest (?:you|possible|available|window)\b"
        r"|\bright away\b|\bquick as you can\b",
        re.I,
    ),
    "es": re.compile(
        r"\blo (?:antes|m[áa]s pronto|m[áa]s r[áa]pido) (?:posible|que (?:se )?puedan?)\b|\bcuanto antes\b|\blo m[áa]s pronto\b"
        r"|\b(?:el primer|la primera)(?:o)? (?:horario |hora )?(?:disponible|libre|que (?:tenga|haya)n?)\b"
        r"|\blo m[áa]s temprano posible\b|\ben cuanto (?:puedan|pueda|se pueda)\b|\bde inmediato\b|\bya mismo\b",
        re.I,
    ),
    "zh": re.compile(r"尽快|尽早|越快越好|越早越好|最快|立刻|马上|赶紧|能多早就多早|asap", re.I),
}
# Words that name a day in Duckling's reading of a time ("tomorrow morning" names one, "the morning" does not).
DAY_WORDS = {
    "en": re.compile(
        r"\b(?:today|tonight|tomorrow|tmrw|tmr|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b|day\b|\bweek|\d(?:st|nd|rd|th)\b"
        r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\d/\d",
        re.I,
    ),
    "es": re.compile(
        r"\b(?:hoy|(?<!la )ma[ñn]ana|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|semana|esta (?:noche|tarde)|"
        r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b|\d/\d"
        r"|\b(?:el|del) \d{1,2}\b",
        re.I,
    ),
    "zh": re.compile(
        r"今天|今晚|明天|明早|明晚|后天|周[一二三四五六日天末]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|下周|下个?星期|下个?礼拜"
        r"|这周|本周|[0-9一二三四五六七八九十]+\s*[号日月]|\d/\d"
    ),
}


def _tables(table: Dict[str, Any], language: str) -> List[Any]:
    """The language's entry, and for Spanish the English one after it."""
    return [table.get(language, table["en"])] + ([table["en"]] if language == "es" else [])


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


def _number(word: str) -> int:
    """An hour said in digits or in Chinese numerals ("12", "十二", "两")."""
    return int(word) if word.isdigit() else parse_quantity(word, "zh") or 0


def _hour(number: str, meridiem: Optional[str]) -> int:
    hour = 12 if number.lower() in NOON else _number(number)
    if meridiem and meridiem.lower().startswith(PM) and hour < 12:
        hour += 12
    return hour % 24


def clock_span(text: str, language: str = "en") -> Tuple[Optional[Tuple[int, int]], str]:
    """"12 to 4", "between 8 and 12", "4-7pm", "de 8 a 12", "8点到12点" as two hours (12-hour clock ambiguity
    kept), and the text without it."""
    for pattern in _tables(CLOCK_SPAN, language):
        match = pattern.search(text or "")
        if match:
            start, end = _hour(match["start"], match["start_m"]), _hour(match["end"], match["end_m"])
            return (start, end), (text[: match.start()] + " " + text[match.end():]).strip()
    return None, text


def part_of_day(text: str, language: str = "en") -> Optional[Span]:
    for parts in _tables(PARTS_OF_DAY, language):
        for pattern, span in parts:
            if pattern.search(text or ""):
                return span
    return None


def _short(text: str, language: str) -> bool:
    size = len(text) if language == "zh" else len(text.split())
    return size <= PICK_LENGTH.get(language, PICK_LENGTH["en"])


def ordinal(text: str, language: str = "en") -> Optional[int]:
    """"the first one", "the last window", "la primera", "第一个": a position in the options just offered; only in
    a short pick."""
    text = text or ""
    if not _short(text, language):
        return None
    for picks, ordinals in zip(_tables(PICK, language), _tables(ORDINALS, language)):
        if picks.search(text):
            found = next((position for pattern, position in ordinals if pattern.search(text)), None)
            if found is not None:
                return found
    return None


def asap(text: str, language: str = "en") -> bool:
    """"as soon as possible", "lo antes posible", "尽快"."""
    return any(pattern.search(text or "") for pattern in _tables(ASAP, language))


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
    remembered_day: Optional[date] = None, language: str = "en",
) -> WindowWords:
    """The day, part of day, clock time or pick in `text`; `duckling_entities` are Duckling's reading of `text`
    with any clock span taken out. A time said without a day ("at 4", "the afternoon one") belongs to the day
    already being talked about; a message with no time in it ("yes", "Sam") says nothing about when."""
    hours, _ = clock_span(text, language)
    span = _window_for_hours(playbook, hours) if hours else None
    span = span or part_of_day(text, language)
    when = read_when(duckling_entities, today)
    said_day = any(
        pattern.search(entity.get("body", ""))
        for entity in duckling_entities if entity.get("dim") == "time" for pattern in _tables(DAY_WORDS, language)
    )
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
    picked, soonest = ordinal(text, language), asap(text, language)
    said_time = bool(span or instants or picked is not None or soonest)
    if not said_day and remembered_day and said_time:
        day = remembered_day
        instants = tuple(instant.replace(year=day.year, month=day.month, day=day.day) for instant in instants)
    return WindowWords(day=day, from_day=from_day, span=span, instants=instants, ordinal=picked, asap=soonest)


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
        return bool(self.playbook.hours.on(day)) and window.end - HOUR > cutoff and day <= last


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


def without_clock_span(text: str, language: str = "en") -> str:
    """What Duckling should read: "tomorrow between 8 and 12" as "tomorrow" (it misreads the span)."""
    return clock_span(text, language)[1]


def window_from_iso(start: str, end: str) -> Offer:
    return Offer(datetime.fromisoformat(start), datetime.fromisoformat(end))

