"""Owner logins: scrypt hashes, which businesses an owner reaches, the lock after failed logins, session cookies."""

from datetime import datetime, timedelta, timezone

import pytest

from editor import accounts, sessions
from editor.accounts import LockedOut, log_in, owned_businesses, set_owner

PASSWORD = "correct horse battery"
T0 = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


def test_the_hash_is_salted_scrypt_and_only_the_right_password_matches():
    first, second = accounts.hash_password(PASSWORD), accounts.hash_password(PASSWORD)
    assert first.startswith("scrypt$16384$8$1$") and first != second
    assert accounts.password_matches(PASSWORD, first) and accounts.password_matches(PASSWORD, second)
    assert not accounts.password_matches(PASSWORD + "!", first)


def test_an_owner_logs_in_and_reaches_only_their_businesses(db):
    set_owner(db, "tonys-pizzeria", "Tony@Example.com ", PASSWORD)
    set_owner(db, "lucky-noodle", "other@example.com", "another password")
    assert log_in(db, "tony@example.com", PASSWORD, "10.0.0.1") == "tony@example.com"
    assert owned_businesses(db, "tony@example.com") == ["tonys-pizzeria"]
    assert log_in(db, "tony@example.com", "another password", "10.0.0.1") is None
    assert log_in(db, "nobody@example.com", PASSWORD, "10.0.0.1") is None
    assert accounts.has_owner(db, "lucky-noodle") and not accounts.has_owner(db, "bella-salon")


def test_adding_again_resets_the_password_and_adds_the_business(db):
    set_owner(db, "tonys-pizzeria", "tony@example.com", PASSWORD)
    set_owner(db, "lucky-noodle", "tony@example.com", "a new password")
    assert log_in(db, "tony@example.com", PASSWORD, "10.0.0.1") is None
    assert log_in(db, "tony@example.com", "a new password", "10.0.0.1") == "tony@example.com"
    assert owned_businesses(db, "tony@example.com") == ["lucky-noodle", "tonys-pizzeria"]


def test_a_short_password_is_refused(db):
    with pytest.raises(ValueError):
        set_owner(db, "tonys-pizzeria", "tony@example.com", "short")


def test_five_failures_lock_the_email_for_fifteen_minutes_even_with_the_right_password(db):
    set_owner(db, "tonys-pizzeria", "tony@example.com", PASSWORD)
    for minute in range(5):
        assert log_in(db, "tony@example.com", "guess", f"10.0.0.{minute}", now=T0 + timedelta(minutes=minute)) is None
    with pytest.raises(LockedOut):
        log_in(db, "tony@example.com", PASSWORD, "10.0.0.9", now=T0 + timedelta(minutes=5))
    with pytest.raises(LockedOut):
        log_in(db, "tony@example.com", PASSWORD, "10.0.0.9", now=T0 + timedelta(minutes=18))
    assert log_in(db, "tony@example.com", PASSWORD, "10.0.0.9", now=T0 + timedelta(minutes=19, seconds=1)) == "tony@example.com"


def test_four_failures_and_a_success_start_the_count_again(db):
    set_owner(db, "tonys-pizzeria", "tony@example.com", PASSWORD)
    for _ in range(4):
        log_in(db, "tony@example.com", "guess", "10.0.0.1", now=T0)
    assert log_in(db, "tony@example.com", PASSWORD, "10.0.0.1", now=T0) == "tony@example.com"
    for _ in range(4):
        log_in(db, "tony@example.com", "guess", "10.0.0.2", now=T0)
    assert log_in(db, "tony@example.com", PASSWORD, "10.0.0.2", now=T0) == "tony@example.com"


def test_one_address_trying_many_emails_is_locked(db):
    set_owner(db, "tonys-pizzeria", "tony@example.com", PASSWORD)
    for number in range(accounts.IP_FAILURES_BEFORE_LOCK):
        log_in(db, f"guess{number}@example.com", "guess", "203.0.113.7", now=T0)
    with pytest.raises(LockedOut):
        log_in(db, "tony@example.com", PASSWORD, "203.0.113.7", now=T0)
    assert log_in(db, "tony@example.com", PASSWORD, "198.51.100.1", now=T0) == "tony@example.com"


def test_the_demo_owner_is_made_once(db):
    email, password = accounts.demo_owner(db, "tonys-pizzeria")
    assert email == "owner@tonys-pizzeria.example"
    assert log_in(db, email, password, "127.0.0.1") == email
    assert accounts.demo_owner(db, "tonys-pizzeria") is None


def test_a_session_cookie_is_only_good_signed_with_the_secret_and_unexpired():
    cookie = sessions.sign(b"secret", "tony@example.com", issued=1_000_000)
    assert sessions.email_in(b"secret", cookie, now=1_000_060) == "tony@example.com"
    assert sessions.email_in(b"other secret", cookie, now=1_000_060) is None
    assert sessions.email_in(b"secret", cookie, now=1_000_000 + sessions.SESSION_SECONDS + 1) is None
    forged = sessions.sign(b"secret", "other@example.com", issued=1_000_000).split(".")[0] + cookie[cookie.index("."):]
    assert sessions.email_in(b"secret", forged, now=1_000_060) is None
    assert sessions.email_in(b"secret", "garbage", now=1_000_060) is None
