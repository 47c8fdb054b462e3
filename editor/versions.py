"""Saving an owner's playbook and keeping every version of it.

A save is checked as `python -m playbooks validate` checks the file, plus the numbers and email address other
businesses already have; only then is the file replaced (a temporary file in the same folder, then
os.replace, so the registry never reads half a file) and the version recorded with what changed. The file's
text before the first save, or after anyone changed it by hand, is recorded too (by "file"), so every
version in the history can be rolled back to.
"""

import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Optional, Tuple

import yaml
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from editor.changes import changed_fields
from playbooks.errors import PlaybookError, PlaybookProblem
from playbooks.loader import problem_at, problems_in_text
from playbooks.model import Playbook
from playbooks.registry import PlaybookRegistry
from storage import Database
from storage.tables import playbook_versions

FILE_AUTHOR = "file"
AS_FOUND = "as found on disk"
CHANGED_ON_DISK = "changed on disk outside the editor"
# One save at a time in this process: read the file, record, replace the file.
_saving = threading.Lock()


@dataclass(frozen=True)
class Version:
    business_id: str
    number: int
    text: str
    saved_by: str
    saved_at: datetime
    changes: Tuple[str, ...]


def fingerprint(text: str) -> str:
    """Names the text an owner started editing, so a save over someone else's newer change is noticed."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def playbook_path(registry: PlaybookRegistry, business_id: str) -> Path:
    return registry.directory / f"{business_id}.yml"


def _version(row) -> Version:
    saved_at = row.saved_at if row.saved_at.tzinfo else row.saved_at.replace(tzinfo=timezone.utc)
    return Version(row.business_id, row.version, row.text, row.saved_by, saved_at,
                   tuple(line for line in row.changes.split("\n") if line))


def history(db: Database, business_id: str) -> List[Version]:
    """Every version of the business's playbook, newest first."""
    with db.engine.connect() as connection:
        rows = connection.execute(select(playbook_versions).where(playbook_versions.c.business_id == business_id)
                                  .order_by(playbook_versions.c.version.desc()))
        return [_version(row) for row in rows]


def get_version(db: Database, business_id: str, number: int) -> Optional[Version]:
    with db.engine.connect() as connection:
        row = connection.execute(select(playbook_versions).where(
            playbook_versions.c.business_id == business_id, playbook_versions.c.version == number)).first()
        return _version(row) if row else None


def problems(registry: PlaybookRegistry, business_id: str, text: str) -> List[PlaybookProblem]:
    """Everything that stops `text` from being the business's playbook, each with its line and field."""
    file = str(playbook_path(registry, business_id))
    found = problems_in_text(text, file)
    if found:
        return found
    playbook = Playbook.from_dict(yaml.safe_load(text), source=file)
    return [problem_at(text, file, path, message) for path, message in registry.taken_reaches(playbook)]


def _differences(before: str, after: str) -> List[str]:
    try:
        return changed_fields(yaml.safe_load(before), yaml.safe_load(after))
    except yaml.YAMLError:
        return ["whole file replaced (the text before was not valid YAML)"]


def _record(connection, business_id: str, text: str, saved_by: str, changes: List[str]) -> int:
    latest = connection.execute(select(func.max(playbook_versions.c.version))
                                .where(playbook_versions.c.business_id == business_id)).scalar()
    number = (latest or 0) + 1
    connection.execute(insert(playbook_versions).values(
        business_id=business_id, version=number, text=text, saved_by=saved_by,
        saved_at=datetime.now(timezone.utc), changes="\n".join(changes)))
    return number


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def save(db: Database, registry: PlaybookRegistry, business_id: str, text: str, saved_by: str,
         started_from: Optional[str] = None, note: Optional[str] = None) -> Optional[Version]:
    """Replaces the business's playbook with `text` and records it; None when the text is already the file's.

    `started_from` is the fingerprint of the text the owner began with: if the file changed since, nothing is
    saved. Raises PlaybookError with every problem when the text cannot be saved.
    """
    path = playbook_path(registry, business_id)
    file = str(path)
    with _saving:
        current = path.read_text(encoding="utf-8")
        if started_from is not None and started_from != fingerprint(current):
            raise PlaybookError([PlaybookProblem(file, None, "", (
                "the playbook changed since you opened it (see the newest version below); your text is kept here: "
                "save again to replace that change with it"))])
        found = problems(registry, business_id, text)
        if found:
            raise PlaybookError(found)
        if text == current:
            return None
        try:
            with db.engine.begin() as connection:
                row = connection.execute(select(playbook_versions.c.text).where(playbook_versions.c.business_id == business_id)
                                         .order_by(playbook_versions.c.version.desc()).limit(1)).first()
                if row is None:
                    _record(connection, business_id, current, FILE_AUTHOR, [AS_FOUND])
                elif row.text != current:
                    _record(connection, business_id, current, FILE_AUTHOR, [CHANGED_ON_DISK] + _differences(row.text, current))
                number = _record(connection, business_id, text, saved_by, ([note] if note else []) + _differences(current, text))
                _write_atomically(path, text)
        except IntegrityError:
            raise PlaybookError([PlaybookProblem(file, None, "", "another editor saved this playbook at the same moment; "
                                                                 "reload the page and make your change again")])
    return get_version(db, business_id, number)


def roll_back(db: Database, registry: PlaybookRegistry, business_id: str, number: int, saved_by: str) -> Optional[Version]:
    """Saves version `number`'s text as a new version, checked like any save; None when it is the file's text already.

    Raises LookupError for an unknown version and PlaybookError when that version no longer passes the checks.
    """
    old = get_version(db, business_id, number)
    if old is None:
        raise LookupError(f"{business_id} has no version {number}")
    return save(db, registry, business_id, old.text, saved_by, note=f"rolled back to version {number}")
