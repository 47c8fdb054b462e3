from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from pos.ticket import Customer, LineItem, Modifier, Ticket
from pos.ticket_store import load_ticket, pushed_tickets_for_day, store_ticket, ticket_count
from storage.tables import customers, outbox, ticket_events, tickets

DAY = date(2026, 11, 28)


def make_ticket(key="k1", business="tonys-pizzeria", phone="+15551234567"):
    return Ticket(
        business_id=business,
        kind="pickup_order",
        customer=Customer(name="Dana", phone=phone),
        lines=[
            LineItem("pepperoni-pizza", "pepperoni pizza", 1, "18.50", "pepperoni-pizza-large", "large",
                     [Modifier("extra-cheese", "extra cheese", "1.50")]),
            LineItem("coke", "coke", 2, "2.00", "coke-can", "can"),
        ],
        scheduled_for=datetime(2026, 11, 28, 18, 30, tzinfo=ZoneInfo("America/New_York")),
        channel="web",
        language="en",
        conversation_id="conv-1",
        idempotency_key=key,
    )


def test_ticket_total_and_round_trip():
    ticket = make_ticket()
    assert str(ticket.total) == "22.50"
    assert Ticket.from_dict(ticket.to_dict()) == ticket


def test_store_writes_ticket_outbox_event_and_customer_together(db):
    stored = store_ticket(db, make_ticket(), DAY)
    assert stored.created and stored.number == 1
    with db.engine.connect() as connection:
        assert connection.execute(select(outbox.c.state).where(outbox.c.ticket_id == stored.id)).scalar_one() == "pending"
        assert connection.execute(select(ticket_events.c.state)).scalars().all() == ["stored"]
        assert connection.execute(select(customers.c.name)).scalars().all() == ["Dana"]
    loaded = load_ticket(db, stored.id)
    assert loaded["number"] == 1 and loaded["lines"][0]["modifiers"][0]["name"] == "extra cheese"
    assert loaded["scheduled_for"] == "2026-11-28T18:30:00-05:00"


def test_same_idempotency_key_stores_once(db):
    first = store_ticket(db, make_ticket("same"), DAY)
    second = store_ticket(db, make_ticket("same"), DAY)
    assert (second.id, second.number, second.created) == (first.id, first.number, False)
    assert ticket_count(db, "tonys-pizzeria") == 1


def test_numbers_are_per_business_per_day(db):
    assert store_ticket(db, make_ticket("a"), DAY).number == 1
    assert store_ticket(db, make_ticket("b"), DAY).number == 2
    assert store_ticket(db, make_ticket("c", business="lucky-noodle"), DAY).number == 1
    assert store_ticket(db, make_ticket("d"), date(2026, 11, 29)).number == 1


def test_concurrent_writers_get_distinct_numbers(db):
    db.engine  # create tables before the threads race
    with ThreadPoolExecutor(max_workers=6) as pool:
        numbers = list(pool.map(lambda i: store_ticket(db, make_ticket(f"race-{i}", phone=f"+1555000{i:04d}"), DAY).number, range(12)))
    assert sorted(numbers) == list(range(1, 13))


def test_returning_customer_is_updated_not_duplicated(db):
    store_ticket(db, make_ticket("x"), DAY)
    store_ticket(db, make_ticket("y"), DAY)
    with db.engine.connect() as connection:
        assert len(connection.execute(select(customers)).all()) == 1


def test_the_day_of_pushed_tickets_for_a_board_of_an_outside_pos(db):
    first, second, _waiting = (store_ticket(db, make_ticket(key), DAY) for key in ("p1", "p2", "p3"))
    with db.engine.begin() as connection:
        for stored, pos_id in ((first, "SQ-1"), (second, "SQ-2")):
            connection.execute(update(tickets).where(tickets.c.id == stored.id).values(pos_id=pos_id))
    shown = pushed_tickets_for_day(db, "tonys-pizzeria", DAY)
    assert [(t["number"], t["pos_id"], t["customer"]["name"]) for t in shown] == [(2, "SQ-2", "Dana"), (1, "SQ-1", "Dana")]
    assert pushed_tickets_for_day(db, "tonys-pizzeria", DAY.replace(day=DAY.day - 1)) == []
