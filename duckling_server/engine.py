"""Starts the JVM once and parses with the Clojure Duckling, shaped like the Haskell server's answers."""

import json
import os
import threading
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional
from zoneinfo import ZoneInfo

import duckling
import jpype

SUPPORTED_LANGUAGES = ("en", "es", "zh")


class DucklingEngine:
    def __init__(self, languages: Iterable[str] = SUPPORTED_LANGUAGES):
        self.languages = [language for language in languages if language in SUPPORTED_LANGUAGES]
        self._lock = threading.Lock()
        self._duckling: Optional[duckling.Duckling] = None

    def start(self) -> None:
        """JPype 1.5+ needs the JVM started by us with convertStrings=True (see RASA-ON-PY311.md)."""
        if not jpype.isJVMStarted():
            jars = os.path.join(os.path.dirname(duckling.__file__), "jars")
            classpath = [os.path.join(jars, name) for name in sorted(os.listdir(jars)) if name.endswith(".jar")]
            jpype.startJVM(jpype.getDefaultJVMPath(), "-Xmx768m", classpath=classpath, convertStrings=True)
        engine = duckling.Duckling(jvm_started=True)
        engine.load(self.languages)
        self._duckling = engine

    def parse(
        self,
        text: str,
        locale: str = "en_US",
        tz: str = "UTC",
        reftime_ms: Optional[int] = None,
        dims: Optional[List[str]] = None,
    ) -> List[Dict[str, Any]]:
        language = locale.split("_")[0].lower()
        if language not in self.languages:
            raise ValueError(f"locale {locale!r} is not loaded; loaded: {', '.join(self.languages)}")
        zone = ZoneInfo(tz)
        reference = (
            datetime.fromtimestamp(reftime_ms / 1000, timezone.utc) if reftime_ms is not None else datetime.now(timezone.utc)
        ).astimezone(zone)
        with self._lock:
            if self._duckling is None:
                raise RuntimeError("engine not started")
            found = self._duckling.parse(
                text, language=language, dim_filter=dims or None, reference_time=reference.isoformat()
            )
        return _as_server_answer(found)


def _as_server_answer(found: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Like the Haskell server: latent guesses dropped, and spans inside a longer match dropped."""
    kept = [entry for entry in found if not entry.get("latent")]
    answer = []
    for entry in kept:
        inside_longer = any(
            other["start"] <= entry["start"]
            and entry["end"] <= other["end"]
            and (other["end"] - other["start"]) > (entry["end"] - entry["start"])
            for other in kept
        )
        if not inside_longer:
            answer.append(
                {
                    "body": entry["body"],
                    "start": entry["start"],
                    "end": entry["end"],
                    "dim": entry["dim"],
                    "latent": False,
                    "value": json.loads(json.dumps(entry["value"], default=str)),
                }
            )
    return answer
