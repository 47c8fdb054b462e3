"""Dates the end-to-end conversations say, picked from today in the business's timezone so each test means
the same thing whenever the suite runs."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def upcoming(zone: ZoneInfo, weekday: int, weeks_ahead: int = 1) -> date:
    """A date `weeks_ahead` weeks on that falls on `weekday` (Monday is 0), never today or tomorrow."""
    today = datetime.now(zone).date()
    ahead = (weekday - today.weekday()) % 7 + 7 * weeks_ahead
    return today + timedelta(days=ahead if ahead > 1 else ahead + 7)


def said(day: date) -> str:
    """"December 4": a date as a caller writes it."""
    return f"{day:%B} {day.day}"


def local(iso: str, zone: ZoneInfo) -> datetime:
    return datetime.fromisoformat(iso).astimezone(zone)
