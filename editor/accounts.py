"""Owner logins for the playbook editor: scrypt-hashed passwords, the businesses each owner may edit, and a lock
after repeated failed logins so a password cannot be found by trying many."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone
from typing import List, Optional, Tuple

from sqlalchemy import delete, insert, select, update

from storage import Database
from storage.tables import editor_login_failures, editor_owner_businesses, editor_owners

# scrypt at n=2**14, r=8, p=1: 16 MB and some tens of milliseconds per guess (OWASP's floor for scrypt).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 10
# Five wrong passwords for one email within the window lock that email for the window; one address gets
# more tries, as owners of several businesses may share an office connection.
EMAIL_FAILURES_BEFORE_LOCK = 5
IP_FAILURES_BEFORE_LOCK = 20
LOCK_WINDOW = timedelta(minutes=15)


class LockedOut(Exception):
    """Too many recent failed logins for this email or address; no password is checked until the lock ends."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(moment: datetime) -> datetime:
    """SQLite hands back the stored UTC times without their zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def normal_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    """Checks with the cost stored in the hash, so raising the cost later keeps old passwords working."""
    _scheme, n, r, p, salt, digest = stored.split("$")
    expected = bytes.fromhex(digest)
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(expected))
    return hmac.compare_digest(candidate, expected)


# Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
_UNKNOWN_OWNER_HASH = hash_password(secrets.token_urlsafe(16))


def set_owner(db: Database, business_id: str, email: str, password: str) -> None:
    """Creates the owner, or sets a new password for an existing one, and lets them edit `business_id`."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    email = normal_email(email)
    row = {"password_hash": hash_password(password), "updated_at": _now()}
    with db.engine.begin() as connection:
        exists = connection.execute(select(editor_owners.c.email).where(editor_owners.c.email == email)).first()
        if exists:
            connection.execute(update(editor_owners).where(editor_owners.c.email == email).values(**row))
        else:
            connection.execute(insert(editor_owners).values(email=email, **row))
        owns = connection.execute(select(editor_owner_businesses.c.email).where(
            editor_owner_businesses.c.email == email, editor_owner_businesses.c.business_id == business_id)).first()
        if not owns:
            connection.execute(insert(editor_owner_businesses).values(email=email, business_id=business_id))
        connection.execute(delete(editor_login_failures).where(editor_login_failures.c.key == f"email:{email}"))


def owned_businesses(db: Database, email: str) -> List[str]:
    with db.engine.connect() as connection:
        rows = connection.execute(select(editor_owner_businesses.c.business_id)
                                  .where(editor_owner_businesses.c.email == normal_email(email))
                                  .order_by(editor_owner_businesses.c.business_id))
        return [row.business_id for row in rows]


def has_owner(db: Database, business_id: str) -> bool:
    with db.engine.connect() as connection:
        return connection.execute(select(editor_owner_businesses.c.email)
                                  .where(editor_owner_businesses.c.business_id == business_id)).first() is not None


def _locked(connection, key: str, limit: int, now: datetime) -> bool:
    """Locked while the last `limit` failures fell within one window and the newest is less than a window old."""
    recent = [_utc(row.failed_at) for row in connection.execute(
        select(editor_login_failures.c.failed_at).where(editor_login_failures.c.key == key)
        .order_by(editor_login_failures.c.failed_at.desc()).limit(limit))]
    return len(recent) == limit and recent[0] - recent[-1] <= LOCK_WINDOW and now - recent[0] < LOCK_WINDOW


def log_in(db: Database, email: str, password: str, ip: str, now: Optional[datetime] = None) -> Optional[str]:
    """The owner's email when the password is right, None when not; raises LockedOut while the email or the
    address is locked, without checking the password."""
    now = now or _now()
    email = normal_email(email)
    keys = {f"email:{email}": EMAIL_FAILURES_BEFORE_LOCK, f"ip:{ip}": IP_FAILURES_BEFORE_LOCK}
    with db.engine.connect() as connection:
        if any(_locked(connection, key, limit, now) for key, limit in keys.items()):
            raise LockedOut(email)
        row = connection.execute(select(editor_owners.c.password_hash).where(editor_owners.c.email == email)).first()
    if password_matches(password, row.password_hash if row else _UNKNOWN_OWNER_HASH) and row:
        with db.engine.begin() as connection:
            connection.execute(delete(editor_login_failures).where(editor_login_failures.c.key == f"email:{email}"))
        return email
    with db.engine.begin() as connection:
        connection.execute(delete(editor_login_failures).where(editor_login_failures.c.failed_at < now - 2 * LOCK_WINDOW))
        connection.execute(insert(editor_login_failures), [{"key": key, "failed_at": now} for key in keys])
    return None


def demo_owner(db: Database, business_id: str) -> Optional[Tuple[str, str]]:
    """For `make run`: when nobody can edit `business_id` yet, creates owner@<business_id>.example with a random
    password and returns (email, password) to be shown once; None when the business already has an owner."""
    if has_owner(db, business_id):
        return None
    email, password = f"owner@{business_id}.example", secrets.token_urlsafe(12)
    set_owner(db, business_id, email, password)
    return email, password
