"""A hotel stay read from the caller's words: check-in, check-out and a number of nights.

Duckling reads the dates; this module decides what each means for a stay. "Friday to Sunday" and "the
12th to the 15th" name the check-in and check-out days; "next weekend" is Friday to Sunday; "tonight" and
"Saturday night" are one night; "Friday and Saturday night" is two; "arriving Friday, leaving Monday"
leaves on the first Monday after Friday; "3 nights", "for a week" and "two weeks" are lengths, not dates.
The first date is Duckling's first reading that is not already past, as `scheduling.when.read_when` takes it.

Duckling reads no day of the month in Spanish or Chinese ("del 12 al 15" comes back as the years 2012 to 2015,
"12号到15号" as nothing), so `days_of_month` reads those and puts them among Duckling's entities.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Dict, List, Optional, Sequence

from catalog import parse_quantity
from scheduling.when import CLOCK_GRAINS, read_when

DAY_GRAINS = ("day",) + CLOCK_GRAINS
EVENING = time(17, 0)
JUST_BEFORE = timedelta(microseconds=1)

WORDS = {
    "en": {
        "nights_after": re.compile(r"^\s*(nights?|nites?|nts?)\b"),
        "weeks_after": re.compile(r"^\s*weeks?\b"),
        "one_night": re.compile(r"\b(a|one|single)\s+(night|nite)\b"),
        "one_week": re.compile(r"\b(a|one)\s+week\b"),
        "extra_night": re.compile(r"\b(another|one more|an extra|one extra|extra|additional)\s+(night|nite|day)\b"),
        "length_only": re.compile(r"^(for\s+)?(a|one|the)\s+(week|night)$"),
        "night": re.compile(r"\b(night|nite|tonight|evening)\b"),
        "and": re.compile(r"^\W*(and|&|\+|n)\W*$"),
        "check_out_cue": re.compile(
            r"\b(check(ing|s)?[\s-]?out|leav(e|es|ing)|depart(s|ing|ure)?|head(ing)? (out|home)|until|till|til|thru|through|out)\b"
        ),
        "check_in_cue": re.compile(r"\b(check(ing|s)?[\s-]?in|arriv(e|es|ing|al)|get(ting)? (in|there)|start(ing)?|from)\b"),
    },
    "es": {
        "nights_after": re.compile(r"^\s*noches?\b"),
        "weeks_after": re.compile(r"^\s*semanas?\b"),
        "one_night": re.compile(r"\b(una|1)\s+noche\b"),
        "one_week": re.compile(r"\b(una|1)\s+semana\b"),
        "extra_night": re.compile(r"\b(otra noche|una noche (m[aá]s|extra|adicional)|noche (extra|adicional)|un d[ií]a m[aá]s|"
                                  r"otro d[ií]a)\b"),
        "length_only": re.compile(r"^((por|durante)\s+)?((una|la)\s+semana|una\s+noche)$"),
        "night": re.compile(r"\bnoche\b"),
        "and": re.compile(r"^\W*(y|e|&|\+)\W*$"),
        "check_out_cue": re.compile(
            r"\b(sal(go|imos|dr[eé]|dremos|ida|ir|iendo)|me voy|nos vamos|nos iremos|me ir[eé]|regres\w*|check[\s-]?out|hasta)\b"
        ),
        "check_in_cue": re.compile(r"\b(lleg(o|amos|ar|ar[eé]|aremos|ada|ando)|entrada|entr(o|amos|ar)|check[\s-]?in|desde|"
                                   r"a partir de|empezando|del)\b"),
    },
    # Chinese runs words together: a number's measure word may sit inside Duckling's span ("两个") or after
    # it, and a cue is read right before the date ("住到周日").
    "zh": {
        "nights_after": re.compile(r"^\s*个?\s*(晚|夜|宿)"),
        "weeks_after": re.compile(r"^\s*个?\s*(星期|礼拜|周)"),
        "one_night": re.compile(r"(一|1)个?(晚|夜)"),
        "one_week": re.compile(r"(一|1)个?(星期|礼拜|周)"),
        "extra_night": re.compile(r"(多住|再住|加住|续住)(一|1)?个?(晚|天|夜)|(多|再加)(一|1)个?(晚|天|夜)"),
        "length_only": re.compile(r"^住?(一|1)个?(星期|礼拜|周|晚)$"),
        "night": re.compile(r"晚|夜"),
        "and": re.compile(r"^\W*(和|跟|与|还有|及|&|\+)\W*$"),
        "check_out_cue": re.compile(r"(住到|待到|直到|到|退房(是|在)?|离店(是|在)?)\s*$"),
        "check_in_cue": re.compile(r"(入住|从|抵达|到达)(是|在)?\s*$"),
    },
}


_ES_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre")
MONTH_NUMBERS = {name: number for number, name in enumerate(_ES_MONTHS, start=1)} | {"setiembre": 9}
_ES_MONTH = "|".join(MONTH_NUMBERS)
_ZH_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# Counts and times that follow a number which is then no day: "de 2 a 3 noches", "el 2 de la tarde".
_NOT_A_DAY = r"\s*(?::|de la|por la|en la|noches?|d[íi]as|semanas|personas?|hu[ée]spedes|adultos|ni[ñn]os|habitaci)"
# Days of the month, a stay's first and last: each pattern names first/last and their months where said.
DAYS_OF_MONTH: Dict[str, Sequence["re.Pattern"]] = {
    "es": (
        re.compile(
            rf"\b(?:del|desde el|de)\s+(?P<first>\d{{1,2}})(?:\s+de\s+(?P<first_month>{_ES_MONTH}))?"
            rf"\s+(?:al|hasta el|a)\s+(?P<last>\d{{1,2}})(?:\s+de\s+(?P<last_month>{_ES_MONTH}))?\b(?!{_NOT_A_DAY})"
        ),
        # The cue stays before the match ("hasta el 15", "a partir del 12"), where check_out_cue looks for it.
        re.compile(rf"\b(?:el|del)\s+(?P<first>\d{{1,2}})(?:\s+de\s+(?P<first_month>{_ES_MONTH}))?\b(?!{_NOT_A_DAY})"),
    ),
    "zh": (
        re.compile(
            rf"(?:(?P<first_month>{_ZH_NUMBER})\s*月\s*)?(?P<first>{_ZH_NUMBER})\s*[号日]?\s*(?:到|至|~|-)\s*"
            rf"(?:(?P<last_month>{_ZH_NUMBER})\s*月\s*)?(?P<last>{_ZH_NUMBER})\s*[号日]"
        ),
        re.compile(rf"(?P<first_month>{_ZH_NUMBER})\s*月\s*(?P<first>{_ZH_NUMBER})\s*[号日]"),
        re.compile(rf"(?P<first>{_ZH_NUMBER})\s*号(?!\s*[楼室房])"),
    ),
}


@dataclass(frozen=True)
class DatesSaid:
    """What one message says about the stay; None for anything it leaves out."""

    check_in: Optional[date] = None
    check_out: Optional[date] = None
    nights: Optional[int] = None
    extra_nights: int = 0

    @property
    def empty(self) -> bool:
        return self.check_in is None and self.check_out is None and self.nights is None and not self.extra_nights


def _moment(part: Dict[str, Any]) -> datetime:
    return datetime.fromisoformat(part["value"])


def _options(entity: Dict[str, Any]) -> List[Dict[str, Any]]:
    value = entity["value"]
    return value.get("values") or [value]


def _start_day(option: Dict[str, Any]) -> Optional[date]:
    part = option.get("from") if option.get("type") == "interval" else option
    return _moment(part).date() if part and part.get("value") else None


def _end_day(option: Dict[str, Any]) -> Optional[date]:
    """The last day an interval covers: Duckling ends "Friday to Sunday" at Monday 00:00, which is Sunday's end.

    An interval with no start ("until Sunday") ends where Sunday begins, so that day is the one named.
    """
    end = option.get("to")
    if not end:
        return None
    return _moment(end).date() if not option.get("from") else (_moment(end) - JUST_BEFORE).date()


def _is_night(option: Dict[str, Any]) -> bool:
    """"tonight", "Saturday night": an evening interval within one day, which names a night to sleep."""
    start = option.get("from")
    return (
        option.get("type") == "interval" and bool(start) and start.get("grain") in CLOCK_GRAINS
        and _moment(start).time() >= EVENING and _end_day(option) == _moment(start).date()
    )


def _is_day(option: Dict[str, Any]) -> bool:
    """Names a day or days; "next week" or "in December" are too vague to book."""
    if option.get("type") == "interval":
        part = option.get("from") or option.get("to")
        return bool(part) and part.get("grain") in DAY_GRAINS
    return option.get("grain") in DAY_GRAINS


def _day_of(option: Dict[str, Any]) -> Optional[date]:
    return _start_day(option) or _end_day(option)


def _on_or_after(entity: Dict[str, Any], day: date) -> Optional[Dict[str, Any]]:
    """The first reading on or after `day`: "leaving Monday" after a Friday check-in is the Monday after."""
    return next((option for option in _options(entity) if (_day_of(option) or day) >= day), None)


def _chosen(entity: Dict[str, Any], today: date) -> Dict[str, Any]:
    """The reading read_when takes for this entity: the first that does not lie before today."""
    when = read_when([entity], today)
    options = _options(entity)
    if when is None:
        return _on_or_after(entity, today) or options[0]
    wanted = when.day or when.not_before or (when.candidates[0].date() if when.candidates else None)
    return next((option for option in options if _day_of(option) == wanted), options[0])


def _month_day(said: Optional[str], language: str) -> Optional[int]:
    if not said:
        return None
    return MONTH_NUMBERS.get(said) or (int(said) if said.isdigit() else parse_quantity(said, language))


def _next_date(day: int, month: Optional[int], after: date) -> Optional[date]:
    """The first date on or after `after` with that day (and month, when said); None if there is no such day."""
    for ahead in range(13):
        year, month_now = divmod(after.month - 1 + ahead, 12)
        year, month_now = after.year + year, month_now + 1
        if month is not None and month_now != month:
            continue
        try:
            found = date(year, month_now, day)
        except ValueError:
            continue
        if found >= after:
            return found
    return None


def _day_entity(match: "re.Match", first: date, last: Optional[date]) -> Dict[str, Any]:
    midnight = "T00:00:00"
    if last is None:
        value = {"type": "value", "grain": "day", "value": first.isoformat() + midnight}
    else:
        value = {"type": "interval", "from": {"grain": "day", "value": first.isoformat() + midnight},
                 "to": {"grain": "day", "value": (last + timedelta(days=1)).isoformat() + midnight}}
    return {"dim": "time", "body": match.group(0), "start": match.start(), "end": match.end(), "value": value}


def days_of_month(entities: Sequence[Dict[str, Any]], text: str, today: date, language: str = "en") -> List[Dict[str, Any]]:
    """Duckling's entities with the days of the month said in Spanish or Chinese read as days ("del 12 al 15",
    "12号到15号", "el 12", "12月12号"): a day is the next one with that number, the last after the first; Duckling's
    readings of the same words are dropped."""
    found: List[Dict[str, Any]] = []
    lowered = text.lower()
    for pattern in DAYS_OF_MONTH.get(language, ()):
        for match in pattern.finditer(lowered):
            if any(other["start"] < match.end() and match.start() < other["end"] for other in found):
                continue
            groups = match.groupdict()
            last_month = _month_day(groups.get("last_month"), language)
            first_month = _month_day(groups.get("first_month"), language) or last_month
            first = _next_date(_month_day(groups["first"], language) or 0, first_month, today)
            last = _next_date(_month_day(groups["last"], language) or 0, last_month, first) if first and groups.get("last") else None
            if first is not None and (last is not None or not groups.get("last")):
                found.append(_day_entity(match, first, last))
    if not found:
        return list(entities)
    kept = [entity for entity in entities if not (entity.get("dim") == "time" and any(
        day["start"] < entity.get("end", 0) and entity.get("start", 0) < day["end"] for day in found))]
    return sorted(kept + found, key=lambda entity: entity.get("start", 0))


def _date_entities(entities: Sequence[Dict[str, Any]], words: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Time entities in the order said, leaving out lengths Duckling reads as dates ("for a week")."""
    found = [
        entity for entity in entities
        if entity.get("dim") == "time" and not words["length_only"].match(entity.get("body", "").strip().lower())
    ]
    return sorted(found, key=lambda entity: entity.get("start", 0))


def _inside_a_date(entity: Dict[str, Any], dates: Sequence[Dict[str, Any]]) -> bool:
    return any(d.get("start", 0) <= entity.get("start", 0) < d.get("end", 0) for d in dates)


def nights_said(entities: Sequence[Dict[str, Any]], text: str, language: str = "en") -> Optional[int]:
    """"3 nights", "two nites", "a night", "for a week", "two weeks" (Duckling's number and duration dims)."""
    words = WORDS.get(language, WORDS["en"])
    lowered = text.lower()
    dates = _date_entities(entities, words)
    for entity in entities:
        if _inside_a_date(entity, dates):
            continue
        value = entity.get("value") or {}
        if entity.get("dim") == "number":
            after = lowered[entity.get("end", 0):]
            if words["nights_after"].match(after):
                return int(value["value"])
            if words["weeks_after"].match(after):
                return 7 * int(value["value"])
        if entity.get("dim") == "duration" and value.get("unit") in ("day", "week"):
            return int(value["value"] * (7 if value["unit"] == "week" else 1))
    if words["one_night"].search(lowered):
        return 1
    if words["one_week"].search(lowered):
        return 7
    return None


def _bare_number(entities: Sequence[Dict[str, Any]]) -> Optional[int]:
    """"2" or "three" said alone when asked how many nights."""
    numbers = [entity for entity in entities if entity.get("dim") == "number"]
    if len(numbers) != 1 or not float(numbers[0]["value"]["value"]).is_integer():
        return None
    return int(numbers[0]["value"]["value"])


def _cued(text: str, entity: Dict[str, Any], cue: "re.Pattern") -> bool:
    """A cue in the few words just before the date: "checking out on the 14th", "leaving Sunday"."""
    before = text.lower()[: entity.get("start", 0)].split()[-4:]
    return bool(cue.search(" ".join(before)))


def _said_as_check_out(text: str, entity: Dict[str, Any], words: Dict[str, Any]) -> bool:
    return _cued(text, entity, words["check_out_cue"]) and not _cued(text, entity, words["check_in_cue"])


def read_dates(
    entities: Sequence[Dict[str, Any]], text: str, today: date, check_in: Optional[date] = None,
    asking_check_out: bool = False, language: str = "en",
) -> DatesSaid:
    """The stay one message describes.

    `check_in` is the day already agreed: a lone "Sunday" then is the check-out when the assistant asked
    for it or the caller says "leaving"/"until". Nothing here judges the dates (past, too far, backwards);
    the form does, so it can say why.
    """
    words = WORDS.get(language, WORDS["en"])
    nights = nights_said(entities, text, language)
    dates = _date_entities(entities, words)
    if not dates:
        if words["extra_night"].search(text.lower()):
            return DatesSaid(extra_nights=1)
        return DatesSaid(nights=nights if nights or not asking_check_out else _bare_number(entities))
    first = dates[0]
    option = _chosen(first, today)
    if not _is_day(option):
        return DatesSaid(nights=nights)
    as_check_out = _said_as_check_out(text, first, words) or option.get("from") is None and option.get("type") == "interval"
    if len(dates) == 1 and (as_check_out or (asking_check_out and check_in is not None)):
        return DatesSaid(check_out=_check_out(first, check_in or today, text, words), nights=nights)
    starts = _start_day(option)
    ends = _end_day(option) if option.get("type") == "interval" else None
    if ends is not None and ends > starts:
        return DatesSaid(starts, ends, nights)
    if len(dates) > 1:
        listed = bool(words["and"].match(text[first.get("end", 0): dates[1].get("start", 0)].lower()))
        return DatesSaid(starts, _check_out(dates[1], starts, text, words, listed), nights)
    if _is_night(option):
        return DatesSaid(starts, starts + timedelta(days=nights or 1), nights)
    return DatesSaid(starts, starts + timedelta(days=nights) if nights else None, nights)


def _check_out(
    entity: Dict[str, Any], check_in: date, text: str, words: Dict[str, Any], listed: bool = False
) -> Optional[date]:
    """A date said as the end of the stay: a night ("just tonight", "and Saturday night") is left the morning
    after, and so is the last of a list of days ("Friday and Saturday"); "leaving Monday" is that day."""
    option = _on_or_after(entity, check_in)
    if option is None:
        return None
    day = _day_of(option)
    named_night = _is_night(option) or bool(words["night"].search(entity.get("body", "").lower()))
    return day + timedelta(days=1) if named_night or listed else day
