"""Asks the Duckling service for times in the business's timezone, without blocking the event loop."""

import json
import os
import unicodedata
from datetime import datetime
from typing import Any, Dict, List, Optional

import aiohttp

DEFAULT_URL = "http://127.0.0.1:8000"
LOCALES = {"en": "en_US", "es": "es_ES", "zh": "zh_CN"}


def duckling_url() -> str:
    return os.environ.get("DUCKLING_URL", DEFAULT_URL).rstrip("/")


async def parse(text: str, timezone: str, language: str = "en", now: Optional[datetime] = None,
                dims: Optional[List[str]] = None) -> List[Dict[str, Any]]:
    form = {"text": text, "locale": LOCALES.get(language, "en_US"), "tz": timezone}
    if now is not None:
        form["reftime"] = str(int(now.timestamp() * 1000))
    if dims:
        form["dims"] = json.dumps(dims)
    timeout = aiohttp.ClientTimeout(total=5)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.post(f"{duckling_url()}/parse", data=form) as reply:
            reply.raise_for_status()
            return whole_words(text, await reply.json())


def _glued(char: str) -> bool:
    """A letter or digit that runs on into the span. Chinese writes words without spaces, so a Chinese
    character beside a span ("我想明天下午两点来") says nothing about where words end."""
    return char.isalnum() and not unicodedata.name(char, "").startswith(("CJK", "IDEOGRAPHIC"))


def inside_a_word(text: str, start: int, end: int) -> bool:
    """Duckling finds "mar" (March) in "Omar" and "sun" in "Sunita"; a span glued to letters is no time."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return _glued(before) or _glued(after)


def whole_words(text: str, entities: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [entity for entity in entities if not inside_a_word(text, entity.get("start", 0), entity.get("end", 0))]


def time_candidates(entities: List[Dict[str, Any]]) -> List[datetime]:
    """Every instant Duckling offers for the first time expression, in its order ("at 2" -> 02:00, 14:00 ...).

    Day-grain answers ("tomorrow") carry no clock time and give no candidates. "By 6" or "I'll come by
    tomorrow at 10" is read by Duckling as from this very second until then; the time said is the end.
    """
    for entity in entities:
        if entity.get("dim") != "time":
            continue
        value = entity["value"]
        if value.get("type") == "interval":
            start, end = value.get("from"), value.get("to")
            if end and (not start or start.get("grain") == "second"):
                return [datetime.fromisoformat(end["value"])]
            return [datetime.fromisoformat(start["value"])] if start else []
        options = value.get("values") or [value]
        return [
            datetime.fromisoformat(option["value"])
            for option in options
            if option.get("grain") in ("hour", "minute", "second")
        ]
    return []


def duration_minutes(entities: List[Dict[str, Any]]) -> Optional[int]:
    for entity in entities:
        if entity.get("dim") == "duration":
            return int(entity["value"]["normalized"]["value"] // 60)
    return None
