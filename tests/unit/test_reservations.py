import threading
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from pos.ticket import Customer, Ticket
from pos.ticket_store import store_ticket, ticket_count
from scheduling import reservations as reservations_module
from scheduling import Calendar, Hold, SlotTaken, minute_unit, night_unit, taken_seats
from storage.tables import outbox, reservations, ticket_counters

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=NY)


def at(day, hour, minute=0):
    """Local New York time in December 2026 (the 1st is a Tuesday)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=NY)


def booking(key, start=None):
    return Ticket(
        business_id="test-salon",
        kind="appointment",
        customer=Customer(name="Dana"),
        lines=[],
        scheduled_for=start or at(1, 14),
        channel="web",
        language="en",
        conversation_id=f"conv-{key}",
        idempotency_key=key,
    )


def count(db, table):
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def hold(*units, resource="shop", capacity=1):
    return Hold(resource, tuple(minute_unit(unit) for unit in units), capacity)


def race(db, bookings):
    """Every (ticket, business date, holds) calls store_ticket at the same moment; returns what each got."""
    db.engine  # create the tables before the threads start
    barrier = threading.Barrier(len(bookings))
    results = [None] * len(bookings)

    def book(index, ticket, business_date, holds):
        barrier.wait()
        try:
            results[index] = store_ticket(db, ticket, business_date, holds=holds)
        except SlotTaken as taken:
            results[index] = taken

    threads = [threading.Thread(target=book, args=(index, *each)) for index, each in enumerate(bookings)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_units_are_utc_minutes_and_local_dates():
    assert minute_unit(at(1, 10)) == "2026-12-01T15:00"
    assert minute_unit(datetime(2026, 12, 1, 15, 0, 59, tzinfo=timezone.utc)) == "2026-12-01T15:00"
    assert night_unit(date(2026, 12, 1)) == "2026-12-01"


def test_racing_for_the_last_seat_books_once_and_the_others_hear_the_nearest_free_slots(db, bookable):
    calendar = Calendar(bookable(booking={"capacity": 2}), db)
    offer = calendar.is_free(at(1, 14), duration_minutes=60, now=NOW)
    store_ticket(db, booking("first"), DAY, holds=calendar.holds_for(offer))
    assert calendar.is_free(at(1, 14), duration_minutes=60, now=NOW) == offer

    results = race(db, [(booking(f"racer-{index}"), DAY, calendar.holds_for(offer)) for index in range(8)])

    assert sum(not isinstance(result, SlotTaken) for result in results) == 1
    assert all(result.hold.resource_id == "shop" for result in results if isinstance(result, SlotTaken))
    assert ticket_count(db, "test-salon") == 2
    assert calendar.is_free(at(1, 14), duration_minutes=60, now=NOW) is None
    nearest = calendar.nearest_slots(at(1, 14), duration_minutes=60, now=NOW)
    assert [offer.start for offer in nearest] == [at(1, 12, 45), at(1, 13), at(1, 15)]


def test_racers_not_queued_by_the_ticket_counter_still_fill_every_seat_and_no_more(db):
    """Different business dates lock different counter rows, so only the seats' unique constraint decides."""
    slot = hold(at(1, 10), at(1, 10, 15), capacity=3)
    results = race(db, [(booking(f"racer-{index}"), date(2026, 11, index + 1), [slot]) for index in range(8)])
    assert sum(not isinstance(result, SlotTaken) for result in results) == 3
    with db.engine.connect() as connection:
        seats = connection.execute(select(reservations.c.unit, reservations.c.seat)).all()
    assert sorted(seats) == sorted((unit, seat) for unit in slot.units for seat in range(3))


def test_a_seat_lost_after_reading_it_free_is_retried_on_the_next_seat(db, monkeypatch):
    """The insert that hits the unique constraint rolls back to its savepoint; the ticket still commits."""
    slot = hold(at(1, 10), capacity=2)
    store_ticket(db, booking("first"), DAY, holds=[slot])
    reads = []

    def stale_once(connection, business_id, hold):
        reads.append(hold)
        return {unit: set() for unit in hold.units} if len(reads) == 1 else real_read(connection, business_id, hold)

    real_read = reservations_module._seats_in_use
    monkeypatch.setattr(reservations_module, "_seats_in_use", stale_once)
    assert store_ticket(db, booking("second"), DAY, holds=[slot]).created
    assert len(reads) == 2 and ticket_count(db, "test-salon") == 2
    with db.engine.connect() as connection:
        assert sorted(connection.execute(select(reservations.c.seat)).scalars()) == [0, 1]


def test_two_seats_take_two_bookings_and_refuse_a_third(db):
    slot = hold(at(1, 10), capacity=2)
    store_ticket(db, booking("a"), DAY, holds=[slot])
    store_ticket(db, booking("b"), DAY, holds=[slot])
    with pytest.raises(SlotTaken) as raised:
        store_ticket(db, booking("c"), DAY, holds=[slot])
    assert raised.value.hold == slot
    with db.engine.connect() as connection:
        assert sorted(connection.execute(select(reservations.c.seat)).scalars()) == [0, 1]


def test_a_booking_overlapping_by_one_unit_is_refused(db):
    store_ticket(db, booking("colour"), DAY, holds=[hold(at(1, 10), at(1, 10, 15), at(1, 10, 30), at(1, 10, 45))])
    with pytest.raises(SlotTaken):
        store_ticket(db, booking("late"), DAY, holds=[hold(at(1, 10, 45), at(1, 11))])
    store_ticket(db, booking("after"), DAY, holds=[hold(at(1, 11), at(1, 11, 15))])
    assert count(db, reservations) == 6


def test_slot_taken_leaves_no_ticket_outbox_row_reservation_or_number(db):
    store_ticket(db, booking("first"), DAY, holds=[hold(at(1, 14))])
    with pytest.raises(SlotTaken):
        store_ticket(db, booking("second"), DAY, holds=[hold(at(1, 9)), hold(at(1, 14))])
    assert (ticket_count(db, "test-salon"), count(db, outbox), count(db, reservations)) == (1, 1, 1)
    with db.engine.connect() as connection:
        assert connection.execute(select(ticket_counters.c.last_number)).scalar_one() == 1
    assert store_ticket(db, booking("third"), DAY, holds=[hold(at(1, 9))]).number == 2


def test_a_repeated_idempotency_key_returns_the_stored_ticket_and_reserves_nothing(db):
    first = store_ticket(db, booking("same"), DAY, holds=[hold(at(1, 14))])
    again = store_ticket(db, booking("same"), DAY, holds=[hold(at(1, 14))])
    assert (again.id, again.created) == (first.id, False)
    assert count(db, reservations) == 1


def test_taken_seats_counts_per_resource_and_unit_in_a_half_open_range(db):
    store_ticket(db, booking("a"), DAY, holds=[hold(at(1, 10), at(1, 10, 15), capacity=3)])
    store_ticket(db, booking("b"), DAY, holds=[hold(at(1, 10), capacity=3), hold(at(1, 10), resource="staff:ana")])
    taken = taken_seats(db, "test-salon", ["shop", "staff:ana"], minute_unit(at(1, 10)), minute_unit(at(1, 10, 15)))
    assert taken == {("shop", "2026-12-01T15:00"): 2, ("staff:ana", "2026-12-01T15:00"): 1}
    assert taken_seats(db, "other-business", ["shop"], "2026-12-01", "2026-12-02") == {}


def test_nights_are_held_per_date(db):
    stay = Hold("room:king", (night_unit(date(2026, 12, 4)), night_unit(date(2026, 12, 5))), 1)
    store_ticket(db, booking("stay"), DAY, holds=[stay])
    assert taken_seats(db, "test-salon", ["room:king"], "2026-12-05", "2026-12-07") == {("room:king", "2026-12-05"): 1}
