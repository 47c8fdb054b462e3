"""Says a time the way a caller expects to hear it, relative to today in the business's timezone."""

from datetime import datetime
from typing import Sequence

WORDS = {
    "en": {
        "today": "today at {clock}",
        "tomorrow": "tomorrow at {clock}",
        "other": "{weekday} at {clock}",
        "or": " or ",
        "minutes": "{n} minutes",
        "hour": "an hour",
        "hours": "{n} hours",
        "day": "a day",
        "days": "{n} days",
    },
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


def spoken_duration(minutes: int, language: str = "en") -> str:
    """45 -> "45 minutes", 90 -> "1.5 hours", 120 -> "2 hours", 1440 -> "a day": rounded the way people say it."""
    words = WORDS.get(language, WORDS["en"])
    if minutes < 60:
        return words["minutes"].format(n=minutes)
    if minutes < 24 * 60:
        hours = round(minutes / 30) / 2
        return words["hour"] if hours == 1 else words["hours"].format(n=f"{hours:g}")
    days = round(minutes / (24 * 60))
    return words["day"] if days == 1 else words["days"].format(n=days)
