"""What we offer and how long it takes, answered from the playbook."""

from playbooks.facts import items_named, turnaround_minutes
from playbooks.model import Playbook
from scheduling.formatting import spoken_duration


def _salon(**booking):
    return Playbook.from_dict({
        "id": "test-salon", "name": "Test Salon", "trade": "salon", "timezone": "America/Chicago", "languages": ["en"],
        "currency": "USD", "hours": {"tue": ["09:00-18:00"]}, "reaches": {}, "pos": {"provider": "house"},
        "booking": booking,
        "catalog": {"items": [
            {"id": "balayage", "name": "balayage", "duration_minutes": 180, "variations": [{"id": "b", "name": "regular", "price": 180}]},
            {"id": "keratin", "name": "keratin treatment", "aliases": ["keratin"], "duration_minutes": 150,
             "variations": [{"id": "k", "name": "regular", "price": 250}]},
            {"id": "cut", "name": "haircut", "variations": [{"id": "c", "name": "regular", "price": 40}]},
        ]},
    })


def test_items_named_in_a_question():
    salon = _salon()
    assert [item.id for item in items_named("do you do keratin?", salon.catalog)] == ["keratin"]
    assert [item.id for item in items_named("do you do balayage or a haircut", salon.catalog)] == ["balayage", "cut"]
    assert items_named("do you do tattoos", salon.catalog) == []


def test_turnaround_of_a_named_service_then_the_business_promise():
    salon = _salon(turnaround_minutes=60)
    item, minutes = turnaround_minutes("how long does balayage take", salon)
    assert (item.id, minutes) == ("balayage", 180)
    assert turnaround_minutes("how long does a haircut take", salon) == (None, 60)
    assert turnaround_minutes("how long will it take", _salon()) is None


def test_restaurant_promises_its_prep_time(pizzeria):
    assert turnaround_minutes("how long will it take?", pizzeria) == (None, pizzeria.ordering.prep_minutes)


def test_spoken_durations():
    assert [spoken_duration(m) for m in (10, 60, 90, 120, 1440, 2880)] == [
        "10 minutes", "an hour", "1.5 hours", "2 hours", "a day", "2 days"]
