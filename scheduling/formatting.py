"""Says a time the way a caller expects to hear it, relative to today in the business's timezone.

Day and month names come from these tables rather than strftime's %A/%B, which follow the server's
locale, not the caller's language.
"""

import re
from datetime import date, datetime
from typing import Sequence

from ordering.phrasing import spoken_list

WORDS = {
    "en": {
        "today": "today at {clock}",
        "tomorrow": "tomorrow at {clock}",
        "other": "{weekday} at {clock}",
        "date": "{weekday} {month} {day}",
        "weekdays": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"),
        "am": "{hour}:{minute:02d} AM",
        "pm": "{hour}:{minute:02d} PM",
        "the_clock": "{clock}",
        "the_clock_one": "{clock}",
        "contractions": (),
        "minute": "1 minute",
        "minutes": "{n} minutes",
        "hour": "an hour",
        "hours": "{n} hours",
        "hour_half": "1.5 hours",
        "hours_half": "{n}.5 hours",
        "day": "a day",
        "days": "{n} days",
    },
    "es": {
        "today": "hoy a {clock}",
        "tomorrow": "mañana a {clock}",
        "other": "el {weekday} a {clock}",
        "date": "el {weekday} {day} de {month}",
        "weekdays": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
        "months": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                   "octubre", "noviembre", "diciembre"),
        "am": "{hour}:{minute:02d} a. m.",
        "pm": "{hour}:{minute:02d} p. m.",
        "the_clock": "las {clock}",
        "the_clock_one": "la {clock}",
        "contractions": ((r"\bde el\b", "del"), (r"\ba el\b", "al")),
        "minute": "1 minuto",
        "minutes": "{n} minutos",
        "hour": "una hora",
        "hours": "{n} horas",
        "hour_half": "1 hora y 30 minutos",
        "hours_half": "{n} horas y 30 minutos",
        "day": "un día",
        "days": "{n} días",
    },
    "zh": {
        "today": "今天{clock}",
        "tomorrow": "明天{clock}",
        "other": "{weekday}{clock}",
        "date": "{month}{day}日（{weekday}）",
        "weekdays": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
        "months": tuple(f"{number}月" for number in range(1, 13)),
        # The part of the day from each hour on, said before a 12-hour clock: "下午3点" is 15:00.
        "parts": ((0, "午夜"), (1, "凌晨"), (5, "上午"), (12, "中午"), (13, "下午"), (18, "晚上")),
        "o_clock": "{part}{hour}点",
        "half": "{part}{hour}点半",
        "past": "{part}{hour}点{minute:02d}分",
        "the_clock": "{clock}",
        "the_clock_one": "{clock}",
        "contractions": (),
        "minute": "1分钟",
        "minutes": "{n}分钟",
        "hour": "1小时",
        "hours": "{n}小时",
        "hour_half": "1小时30分钟",
        "hours_half": "{n}小时30分钟",
        "day": "1天",
        "days": "{n}天",
    },
}


def _words(language: str) -> dict:
    return WORDS.get(language, WORDS["en"])


def _chinese_clock(moment: datetime, words: dict) -> str:
    """"上午10点15分", "下午3点半", "中午12点": the part of the day first, then a 12-hour clock."""
    part = next(name for first, name in reversed(words["parts"]) if moment.hour >= first)
    key = "o_clock" if moment.minute == 0 else "half" if moment.minute == 30 else "past"
    return words[key].format(part=part, hour=moment.hour % 12 or 12, minute=moment.minute)


def clock(moment: datetime, language: str = "en") -> str:
    """"3:00 PM", "3:00 p. m.", "下午3点"."""
    words = _words(language)
    if "parts" in words:
        return _chinese_clock(moment, words)
    hour = moment.hour % 12 or 12
    return words["am" if moment.hour < 12 else "pm"].format(hour=hour, minute=moment.minute)


def the_clock(moment: datetime, language: str = "en") -> str:
    """The clock after "at", "from" or "between": Spanish puts the article before it ("a las 3:00 p. m.",
    "a la 1:00 p. m.")."""
    words = _words(language)
    key = "the_clock_one" if moment.hour % 12 == 1 else "the_clock"
    return words[key].format(clock=clock(moment, language))


def weekday_name(day: date, language: str = "en") -> str:
    return _words(language)["weekdays"][day.weekday()]


def month_name(month: int, language: str = "en") -> str:
    return _words(language)["months"][month - 1]


def spoken_day(day: date, language: str = "en") -> str:
    """"Friday December 11", "el viernes 11 de diciembre", "12月11日（周五）"."""
    return _words(language)["date"].format(weekday=weekday_name(day, language), month=month_name(day.month, language),
                                           day=day.day)


def contracted(text: str, language: str = "en") -> str:
    """Spanish contracts a preposition with the article of the day after it: "del viernes ... al domingo"."""
    for pattern, short in _words(language)["contractions"]:
        text = re.sub(pattern, short, text)
    return text


def spoken_time(moment: datetime, now: datetime, language: str = "en") -> str:
    words = _words(language)
    days = (moment.date() - now.astimezone(moment.tzinfo).date()).days
    key = "today" if days == 0 else "tomorrow" if days == 1 else "other"
    return words[key].format(clock=the_clock(moment, language), weekday=weekday_name(moment.date(), language))


def spoken_choices(moments: Sequence[datetime], now: datetime, language: str = "en") -> str:
    return spoken_list([spoken_time(moment, now, language) for moment in moments], "or", language)


def spoken_duration(minutes: int, language: str = "en") -> str:
    """45 -> "45 minutes", 90 -> "1.5 hours", 120 -> "2 hours", 1440 -> "a day": rounded the way people say it.

    The half hour is said in each language's way: "1 hora y 30 minutos", "1小时30分钟".
    """
    words = _words(language)
    if minutes < 60:
        return words["minute"] if minutes == 1 else words["minutes"].format(n=minutes)
    if minutes < 24 * 60:
        hours, half = divmod(round(minutes / 30), 2)
        key = ("hour" if hours == 1 else "hours") + ("_half" if half else "")
        return words[key].format(n=hours)
    days = round(minutes / (24 * 60))
    return words["day"] if days == 1 else words["days"].format(n=days)
