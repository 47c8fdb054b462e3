"""Says a time the way a caller expects to hear it, relative to today in the business's timezone."""

from datetime import datetime
from typing import Sequence

WORDS = {
    "en": {"today": "today at {clock}", "tomorrow": "tomorrow at {clock}", "other": "{weekday} at {clock}", "or": " or "},
}


def clock(moment: datetime, language: str = "en") -> str:
    return moment.strftime("%I:%M %p").lstrip("0")


def spoken_time(moment: datetime, now: datetime, language: str = "en") -> str:
    words = WORDS.get(language, WORDS["en"])
    days = (moment.date() - now.astimezone(moment.tzinfo).date()).days
    key = "today" if days == 0 else "tomorrow" if days == 1 else "other"
    return words[key].format(clock=clock(moment, language), weekday=moment.strftime("%A"))


def spoken_choices(moments: Sequence[datetime], now: datetime, language: str = "en") -> str:
    words = WORDS.get(language, WORDS["en"])
    return words["or"].join(spoken_time(moment, now, language) for moment in moments)
