"""Finds the playbook for an inbound message: by business id, the number called or texted, or the email address.

Files are re-read when they change on disk, so an owner's edit takes effect without a restart; so are the
catalogs synced from each business's POS (`CATALOG_CACHE_DIR`, written by `python -m pos sync`). A file
with problems is logged and its last good version kept, so one bad edit never stops the other businesses.
"""

import logging
import os
import threading
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from playbooks.errors import PlaybookError, PlaybookProblem
from playbooks.loader import load_playbook, with_synced_catalog
from playbooks.model import Playbook

DEFAULT_DIRECTORY = Path(__file__).resolve().parent
DEFAULT_SYNCED_DIRECTORY = DEFAULT_DIRECTORY.parent / "var" / "catalogs"
logger = logging.getLogger(__name__)


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


class PlaybookRegistry:
    def __init__(self, directory: Path = DEFAULT_DIRECTORY, synced_directory: Optional[Path] = None):
        self.directory = Path(directory)
        self.synced_directory = Path(synced_directory) if synced_directory else None
        self._lock = threading.Lock()
        self._stamp: Tuple[Tuple[str, float], ...] = ()
        self._by_id: Dict[str, Playbook] = {}
        self._by_phone: Dict[str, Playbook] = {}
        self._by_email: Dict[str, Playbook] = {}
        self._by_path: Dict[str, Playbook] = {}
        self._problems: List[PlaybookProblem] = []

    def _files(self) -> List[Path]:
        return sorted(path for path in self.directory.glob("*.yml") if path.name != "schema.yml")

    def synced_catalog_path(self, business_id: str) -> Optional[Path]:
        return self.synced_directory / f"{business_id}.yml" if self.synced_directory else None

    def _synced_files(self) -> List[Path]:
        if not self.synced_directory or not self.synced_directory.is_dir():
            return []
        return sorted(self.synced_directory.glob("*.yml"))

    def _with_synced_catalog(self, playbook: Playbook) -> Playbook:
        """A business on an outside POS sells what its POS last said; a bad sync keeps the owner's catalog."""
        synced = self.synced_catalog_path(playbook.id)
        if playbook.pos["provider"] == "house" or synced is None or not synced.exists():
            return playbook
        try:
            return with_synced_catalog(playbook, synced)
        except PlaybookError as error:
            logger.error("keeping the playbook's own catalog for %s: %s", playbook.id, error)
            return playbook

    def _refresh(self) -> List[PlaybookProblem]:
        """Re-reads the folder when a file changed. A file with problems never takes the other businesses down:
        its last good version stays in service (or it stays out until fixed), and the problems are logged."""
        files = self._files()
        stamp = tuple((str(path), path.stat().st_mtime) for path in files + self._synced_files())
        if stamp == self._stamp:
            return self._problems
        problems: List[PlaybookProblem] = []
        by_id, by_phone, by_email, by_path = {}, {}, {}, {}
        for path in files:
            try:
                playbook = self._with_synced_catalog(load_playbook(path))
            except PlaybookError as error:
                problems += error.problems
                playbook = self._by_path.get(str(path))
                if playbook is None:
                    continue
            by_id[playbook.id] = by_path[str(path)] = playbook
            for phone in playbook.phone_numbers:
                other = by_phone.setdefault(_digits(phone), playbook)
                if other is not playbook:
                    problems.append(PlaybookProblem(str(path), None, "reaches.phone_numbers", f"{phone} already reaches {other.id}"))
            if playbook.email:
                other = by_email.setdefault(playbook.email.lower(), playbook)
                if other is not playbook:
                    problems.append(PlaybookProblem(str(path), None, "reaches.email", f"{playbook.email} already reaches {other.id}"))
        for problem in problems:
            logger.error("playbook problem; other businesses are unaffected, a broken file's last good version stays in service: %s", problem)
        self._by_id, self._by_phone, self._by_email, self._by_path = by_id, by_phone, by_email, by_path
        self._stamp, self._problems = stamp, problems
        return problems

    def load_all(self) -> List[Playbook]:
        """Loads every playbook now; raises PlaybookError naming each bad file, line and field."""
        with self._lock:
            problems = self._refresh()
            if problems:
                raise PlaybookError(problems)
            return list(self._by_id.values())

    def by_id(self, business_id: str) -> Optional[Playbook]:
        with self._lock:
            self._refresh()
            return self._by_id.get(business_id)

    def by_phone(self, phone: str) -> Optional[Playbook]:
        with self._lock:
            self._refresh()
            return self._by_phone.get(_digits(phone))

    def by_email(self, address: str) -> Optional[Playbook]:
        with self._lock:
            self._refresh()
            return self._by_email.get(address.strip().lower())

    def taken_reaches(self, playbook: Playbook) -> List[Tuple[Tuple[Any, ...], str]]:
        """The numbers and email of `playbook` that already reach another business here, with their path in the
        playbook: a change `_refresh` would report as a clash, found before the file is written."""
        with self._lock:
            self._refresh()
            taken = []
            for index, phone in enumerate(playbook.phone_numbers):
                other = self._by_phone.get(_digits(phone))
                if other is not None and other.id != playbook.id:
                    taken.append((("reaches", "phone_numbers", index), f"{phone} already reaches {other.id}"))
            other = self._by_email.get(playbook.email.lower()) if playbook.email else None
            if other is not None and other.id != playbook.id:
                taken.append((("reaches", "email"), f"{playbook.email} already reaches {other.id}"))
            return taken


_default: Optional[PlaybookRegistry] = None


def default_registry() -> PlaybookRegistry:
    """The registry for PLAYBOOKS_DIR (or this folder), shared by the process."""
    global _default
    if _default is None:
        _default = PlaybookRegistry(
            Path(os.environ.get("PLAYBOOKS_DIR", DEFAULT_DIRECTORY)),
            Path(os.environ.get("CATALOG_CACHE_DIR", DEFAULT_SYNCED_DIRECTORY)),
        )
    return _default
