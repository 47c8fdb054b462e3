"""Business facts callers ask about, phrased from the playbook: hours, the menu, what we offer, how long it takes."""

from collections import OrderedDict
from datetime import date, time, timedelta
from typing import List, Optional, Tuple

from catalog import Catalog, Item
from catalog.matching import singular, tag, tokenize
from ordering.phrasing import spoken_list
from playbooks.model import Playbook
from scheduling.formatting import WORDS as TIME_WORDS, clock, spoken_day

WEEKDAYS = {language: words["weekdays"] for language, words in TIME_WORDS.items()}

# How a group of days, a span and a day's hours are said: "Monday to Thursday 11 AM–10 PM",
# "lunes a viernes de 11:00 a. m. a 10:00 p. m.", "周一至周五上午11点到晚上10点".
WORDS = {
    "en": {"days": WEEKDAYS["en"], "closed": "closed", "through": "{first} to {last}", "span": "{opens}–{closes}",
           "spans": ", ", "day_hours": "{days} {hours}", "groups": "; ", "category": "{category}: {items}",
           "holiday": "{day} {hours}{name}", "named": " for {name}", "except": ". Coming up: {dates}"},
    "es": {"days": WEEKDAYS["es"], "closed": "cerrado", "through": "{first} a {last}", "span": "de {opens} a {closes}",
           "day_hours": "{days} {hours}", "groups": "; ", "category": "{category}: {items}",
           "holiday": "{day} {hours}{name}", "named": " por {name}", "except": ". Próximamente: {dates}"},
    "zh": {"days": WEEKDAYS["zh"], "closed": "休息", "through": "{first}至{last}", "span": "{opens}到{closes}",
           "day_hours": "{days}{hours}", "groups": "；", "category": "{category}：{items}",
           "holiday": "{day}{name}{hours}", "named": "（{name}）", "except": "。近期：{dates}"},
}
# How far ahead a holiday is mentioned with the weekly hours.
HOLIDAY_NOTICE_DAYS = 14
MIDNIGHT = time(0)


def _clock(moment) -> str:
    return moment.strftime("%I:%M %p").lstrip("0").replace(":00", "")


def _spoken_clock(moment: time, language: str) -> str:
    """English keeps its short "11 AM"; Spanish and Chinese say the clock as their times are said elsewhere
    ("11:00 a. m.", "上午11点"), and a day open until midnight closes at "12:00 a. m." / "午夜12点"."""
    if language not in ("es", "zh"):
        return _clock(moment)
    return clock(MIDNIGHT if moment == time.max else moment, language)


def _spans(spans, language: str) -> str:
    words = WORDS.get(language, WORDS["en"])
    said = [words["span"].format(opens=_spoken_clock(start, language), closes=_spoken_clock(end, language))
            for start, end in spans]
    return words["spans"].join(said) if "spans" in words else spoken_list(said, "and", language)


def hours_text(playbook: Playbook, language: str = "en", today: Optional[date] = None) -> str:
    """"Monday to Thursday 11 AM–10 PM, Friday and Saturday 11 AM–11 PM, Sunday 12 PM–9 PM", then (from
    `today`) the holidays of the next two weeks: ". Coming up: Friday December 25 closed for Christmas"."""
    words = WORDS.get(language, WORDS["en"])
    names = words["days"]
    groups: "OrderedDict[str, List[str]]" = OrderedDict()
    for day in range(7):
        spans = playbook.hours.week.get(day, [])
        text = _spans(spans, language) if spans else words["closed"]
        groups.setdefault(text, []).append(names[day])
    parts = []
    for text, days in groups.items():
        indexes = [names.index(day) for day in days]
        consecutive = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
        label = words["through"].format(first=days[0], last=days[-1]) if consecutive and len(days) > 2 \
            else spoken_list(days, "and", language)
        parts.append(words["day_hours"].format(days=label, hours=text))
    said = words["groups"].join(parts)
    coming = _holidays_text(playbook, language, today) if today else ""
    return said + words["except"].format(dates=coming) if coming else said


def _holidays_text(playbook: Playbook, language: str, today: date) -> str:
    words = WORDS.get(language, WORDS["en"])
    said = []
    for offset in range(HOLIDAY_NOTICE_DAYS):
        day = today + timedelta(days=offset)
        holiday = playbook.hours.holiday_on(day)
        if holiday is not None:
            hours = _spans(holiday.spans, language) if holiday.spans else words["closed"]
            name = words["named"].format(name=holiday.name) if holiday.name else ""
            said.append(words["holiday"].format(day=spoken_day(day, language), hours=hours, name=name))
    return words["groups"].join(said)


def menu_text(menu: Catalog, language: str = "en") -> str:
    """Categories with their items (named in the caller's language), short enough to read out."""
    words = WORDS.get(language, WORDS["en"])
    by_category: "OrderedDict[str, List[str]]" = OrderedDict()
    for item in menu.items:
        by_category.setdefault(item.category or "Other", []).append(item.spoken_name(language))
    return words["groups"].join(words["category"].format(category=category, items=spoken_list(names, "and", language))
                                for category, names in by_category.items())


def items_named(text: str, menu: Catalog, language: str = "en") -> List[Item]:
    """Catalog items the text names, in the order said: "do you do keratin or a blow-dry?", "¿hacen keratina?".

    The tagger reads order phrases; a question can run a name into other words ("a king room friday"),
    so a name or alias said word for word (or the item's name in the caller's language) also counts.
    """
    named = {item.id: item for mention in tag(text, menu, language) if mention.kind in ("item", "generic")
             for item in mention.items}
    said = " ".join(singular(token) for token in tokenize(text))
    for item in menu.items:
        phrases = (" ".join(singular(token) for token in tokenize(phrase)) for phrase in item.phrases(language))
        if item.id not in named and any(phrase and f" {phrase} " in f" {said} " for phrase in phrases):
            named[item.id] = item
    return sorted(named.values(), key=lambda item: _first_position(said, item, language))


def _first_position(said: str, item: Item, language: str = "en") -> int:
    positions = [said.find(" ".join(singular(t) for t in tokenize(phrase))) for phrase in item.phrases(language)]
    found = [position for position in positions if position >= 0]
    return min(found) if found else len(said)


def turnaround_minutes(text: str, playbook: Playbook, language: str = "en") -> Optional[Tuple[Optional[Item], int]]:
    """How long the thing asked about takes: the named item's turnaround or duration, else the business's promise.

    Restaurants promise their prep time; bookable trades their `booking.turnaround_minutes`. None if the
    playbook makes no promise at all.
    """
    for item in items_named(text, playbook.catalog, language):
        minutes = item.turnaround_minutes or item.duration_minutes
        if minutes:
            return item, minutes
    if playbook.booking.turnaround_minutes:
        return None, playbook.booking.turnaround_minutes
    if playbook.trade in ("restaurant", "retail"):
        return None, playbook.ordering.prep_minutes
    return None
