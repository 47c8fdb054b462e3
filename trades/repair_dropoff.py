"""When the caller drops the device off: a slot on the shop's grid with a seat free, or the nearest ones that are.

A drop-off takes one slot of `booking.slot_minutes` on the shop as a whole (`booking.capacity` seats).
"Tomorrow around 10" books 10:00 if a seat is free; a full slot gets the nearest free ones; "Thursday
morning" gets a few to choose from; "the first one" or "the 3pm one" picks from what was just offered.
These read the reservations table: call them from a worker thread.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Dict, List, Optional, Pattern, Sequence, Tuple

from scheduling.calendar import Calendar, Offer
from scheduling.hours import OpeningHours
from scheduling.reservations import Hold
from scheduling.when import When

ORDINALS: Dict[str, Dict[str, int]] = {
    "en": {"first": 0, "1st": 0, "earlier": 0, "earliest": 0, "second": 1, "2nd": 1, "middle": 1,
           "third": 2, "3rd": 2, "last": -1, "later": -1, "latest": -1},
    # Read without accents: "el último" is "ultimo". "Temprano"/"tarde" alone are parts of the day, not a pick.
    "es": {"primero": 0, "primera": 0, "primer": 0, "1ro": 0, "1ra": 0, "segundo": 1, "segunda": 1, "2do": 1, "2da": 1,
           "tercero": 2, "tercera": 2, "tercer": 2, "3ro": 2, "3ra": 2, "ultimo": -1, "ultima": -1},
    # Chinese words are patterns found inside the text, not between spaces; "第一次" is "the first time".
    "zh": {"第[一1](?!次)": 0, "最早": 0, "早的那": 0, "第[二2](?!次)": 1, "中间": 1, "第[三3](?!次)": 2, "最后": -1,
           "最晚": -1, "晚的那": -1},
}
# Spanish picks that are more than one word: "el más temprano", "la de en medio".
ORDINAL_PHRASES: Dict[str, Dict[str, int]] = {
    "es": {"mas temprano": 0, "mas temprana": 0, "mas pronto": 0, "de en medio": 1, "del medio": 1, "mas tarde": -1},
}
DAY_WORDS: Dict[str, Pattern] = {
    "en": re.compile(
        r"\b(today|tomorrow|tmrw|tonight|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|"
        r"jan\w*|feb\w*|mar(?:ch)?|apr\w*|may|june?|july?|aug\w*|sept?\w*|oct\w*|nov\w*|dec\w*|"
        r"\d{1,2}/\d{1,2}|\d{1,2}(?:st|nd|rd|th)|next week|weekend)\b",
        re.I,
    ),
    "es": re.compile(
        r"\b(hoy|(?<!la )ma[ñn]ana|pasado ma[ñn]ana|esta (?:tarde|noche)|lunes|martes|mi[ée]rcoles|jueves|viernes|"
        r"s[áa]bado|domingo|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|"
        r"diciembre|\d{1,2}/\d{1,2}|(?:el|del) \d{1,2}|(?:la )?(?:pr[óo]xima semana|semana que viene)|fin de semana)\b",
        re.I,
    ),
    "zh": re.compile(
        r"今天|今晚|明天|明早|明晚|后天|周[一二三四五六日天末]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|下周|下个?星期|下个?礼拜"
        r"|这周|本周|[0-9一二三四五六七八九十]+\s*[号日]|\d{1,2}/\d{1,2}"
    ),
}

SAME_READING = timedelta(hours=24)


@dataclass(frozen=True)
class DropOff:
    """The booked drop-off, or why not (`full`, `unavailable`, `choose`, `none`, `not_understood`) with options."""

    offer: Optional[Offer] = None
    reason: Optional[str] = None
    options: Tuple[Offer, ...] = ()


def _plain(text: str) -> str:
    """Lower case without accents: "el último" -> "el ultimo"."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in text if not unicodedata.combining(char))


def ordinal_pick(text: str, language: str = "en") -> Optional[int]:
    """ "the first one", "the later one", "la primera", "第一个": which of the offered times, counted from 0 (-1 for
    the last)."""
    plain = _plain(text)
    if language == "zh":
        found = [(match.start(), place) for word, place in ORDINALS["zh"].items() if (match := re.search(word, plain))]
        return min(found)[1] if found else None
    phrases = ORDINAL_PHRASES.get(language, {})
    said = [(plain.find(phrase), place) for phrase, place in phrases.items() if re.search(rf"\b{phrase}\b", plain)]
    if said:
        return min(said)[1]
    words = {**ORDINALS["en"], **ORDINALS.get(language, {})}
    found = [words[word] for word in re.findall(r"[a-z0-9]+", plain) if word in words]
    return found[0] if found else None


def names_a_day(text: str, language: str = "en") -> bool:
    return bool(DAY_WORDS.get(language, DAY_WORDS["en"]).search(text))


def offers_from(starts: Sequence[str], calendar: Calendar) -> List[Offer]:
    """Offers kept in a slot as ISO start times."""
    step = timedelta(minutes=calendar.booking.slot_minutes)
    return [Offer(start, start + step) for start in map(datetime.fromisoformat, starts)]


def holds_for(calendar: Calendar, start: datetime) -> Tuple[Hold, ...]:
    """What the drop-off takes: its slot on the shop."""
    return calendar.holds_for(Offer(start, start + timedelta(minutes=calendar.booking.slot_minutes)))


class DropOffBooking:
    """Reads drop-off times for one shop against its calendar and opening hours."""

    def __init__(self, calendar: Calendar, now: datetime):
        self.calendar = calendar
        self.now = now
        self.zone = calendar.zone
        self.slot = calendar.booking.slot_minutes
        self.hours = OpeningHours(calendar.playbook)

    def _on_grid(self, moment: datetime) -> datetime:
        """The grid line at or before `moment`: "10:10" is the 10:00 drop-off."""
        local = moment.astimezone(self.zone).replace(second=0, microsecond=0)
        return local - timedelta(minutes=(local.hour * 60 + local.minute) % self.slot)

    def _bookable_but_for_seats(self, start: datetime) -> bool:
        """Open for the whole slot, after the lead time and within the days booked ahead."""
        booking = self.calendar.booking
        last_day = self.now.astimezone(self.zone).date() + timedelta(days=booking.max_days_ahead)
        end = start + timedelta(minutes=self.slot - 1)
        return (
            start >= self.now + timedelta(minutes=booking.lead_minutes)
            and start.date() <= last_day
            and self.hours.is_open(start)
            and self.hours.is_open(end)
        )

    def is_free(self, start: datetime) -> Optional[Offer]:
        return self.calendar.is_free(start, duration_minutes=self.slot, now=self.now)

    def nearest(self, wanted: datetime) -> Tuple[Offer, ...]:
        found = self.calendar.nearest_slots(wanted, duration_minutes=self.slot, now=self.now)
        return tuple(found or self.calendar.free_slots(duration_minutes=self.slot, now=self.now))

    def _taken_instead(self, wanted: Sequence[datetime]) -> DropOff:
        """None of the wanted times can be booked: full if one was a real slot, else not a drop-off time."""
        real = next((start for start in wanted if self._bookable_but_for_seats(start)), None)
        options = self.nearest(real or wanted[0])
        if not options:
            return DropOff(reason="none")
        return DropOff(reason="full" if real else "unavailable", options=options)

    def pick(self, offered: Sequence[Offer], index: int) -> DropOff:
        """One of the times just offered, by position."""
        if not offered or not -len(offered) <= index < len(offered):
            return DropOff(reason="not_understood")
        chosen = offered[index]
        offer = self.is_free(chosen.start)
        return DropOff(offer=offer) if offer else self._taken_instead([chosen.start])

    def earliest(self) -> DropOff:
        """ "As soon as possible": the first free slot."""
        found = self.calendar.free_slots(duration_minutes=self.slot, now=self.now, limit=1)
        return DropOff(offer=found[0]) if found else DropOff(reason="none")

    def _candidates(self, when: When, offered: Sequence[Offer], day_said: bool, day_hint: Optional[date]) -> List[datetime]:
        """The instants to try: Duckling's readings of one time ("at 10": 10 PM, then 10 AM), never the same time
        a week on. A clock time alone ("the 3pm one") means that time among the offered ones, or on the day
        the caller asked about, before it means today."""
        first = when.candidates[0]
        wanted = [moment.astimezone(self.zone) for moment in when.candidates if moment - first < SAME_READING]
        if day_said:
            return wanted
        matching = [offer.start for moment in wanted for offer in offered if offer.start.time() == moment.time()]
        if matching:
            return matching
        if day_hint is not None:
            return [datetime.combine(day_hint, moment.time(), self.zone) for moment in wanted]
        return wanted

    def at(self, when: When, offered: Sequence[Offer] = (), day_said: bool = True, day_hint: Optional[date] = None) -> DropOff:
        """A time or a day the caller said, checked against the grid, the hours and the seats left."""
        if when.candidates:
            wanted = [self._on_grid(moment) for moment in self._candidates(when, offered, day_said, day_hint)]
            for start in wanted:
                offer = self.is_free(start)
                if offer:
                    return DropOff(offer=offer)
            return self._taken_instead(wanted)
        return self.on_day(when)

    def on_day(self, when: When) -> DropOff:
        """ "Thursday morning", "next week": a few free slots then, else the nearest after."""
        ask = dict(duration_minutes=self.slot, now=self.now)
        if when.day is not None:
            found = self.calendar.free_slots(day=when.day, between=when.between, **ask)
            if not found and when.between:
                found = self.calendar.free_slots(day=when.day, **ask)
            if found:
                return DropOff(reason="choose", options=tuple(found))
            start = datetime.combine(when.day, when.between[0] if when.between else datetime.min.time(), self.zone)
            options = self.nearest(start)
            if not options:
                return DropOff(reason="none")
            return DropOff(reason="full" if self.hours.windows(start) else "unavailable", options=options)
        if when.not_before is not None:
            found = self.calendar.nearest_slots(
                datetime.combine(when.not_before, datetime.min.time(), self.zone), **ask)
            return DropOff(reason="choose", options=tuple(found)) if found else DropOff(reason="none")
        return DropOff(reason="not_understood")
