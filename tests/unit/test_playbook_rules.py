"""The owner's rules in the playbook: escalation thresholds in the order written, VIPs, screening limits, and
the schema's file/line/field errors for them."""

from decimal import Decimal

import pytest
import yaml

from playbooks.errors import PlaybookError
from playbooks.loader import load_playbook
from playbooks.rules import CALLBACK, HANDOFF, TRANSFER, Rules
from safety.flags import abandoned_recently, flag_caller, rate_limited
from tests.unit.conftest import PLAYBOOKS

RULES = Rules.from_dict({
    "escalation": [
        {"when": {"items": ["water-heater-install"]}, "then": CALLBACK, "note": "owner quotes installs"},
        {"when": {"order_total_over": 300, "quantity_over": 30}, "then": HANDOFF},
        {"when": {"party_over": 6}},
    ],
    "vips": {"then": TRANSFER, "people": [{"name": "Mrs. Rossi", "phones": ["+1 (415) 555-0100"], "emails": ["Rossi@Example.com"]}]},
    "screening": {"absurd_quantity": 400, "change_limit": 8},
})


def test_the_first_rule_the_order_meets_applies_with_a_reason_staff_can_read():
    rule, reason = RULES.escalation_for(Decimal("120"), 3, 0, ["water-heater-install", "leak-repair"])
    assert rule.then == CALLBACK and reason == "water-heater-install is quoted by the owner"
    rule, reason = RULES.escalation_for(Decimal("310.50"), 2, 0, ["cheese-pizza"])
    assert rule.then == HANDOFF and reason == "order total 310.50 is over 300"
    assert RULES.escalation_for(Decimal("90"), 31, 0, [])[1] == "31 items is over 30"
    rule, reason = RULES.escalation_for(Decimal("0"), 1, 7, [])
    assert rule.then == HANDOFF and reason == "a party of 7 is over 6"
    assert RULES.escalation_for(Decimal("299.99"), 30, 6, ["cheese-pizza"]) is None


def test_vips_are_found_by_any_spelling_of_their_number_or_their_email():
    assert RULES.vip("+14155550100", None).name == "Mrs. Rossi"
    assert RULES.vip(None, "rossi@example.com").name == "Mrs. Rossi"
    assert RULES.vip("+14155550199", "someone@example.com") is None
    assert RULES.vip_then == TRANSFER


def test_screening_limits_default_by_trade_unless_the_owner_sets_them():
    assert RULES.absurd_limit("restaurant") == 400 and RULES.change_limit == 8
    assert Rules().absurd_limit("restaurant") == 300 and Rules().absurd_limit("retail") == 5000
    assert Rules().large_limit("restaurant") == 60 and RULES.large_limit("restaurant") == 60
    assert Rules(absurd_quantity=10).large_limit("salon") == 8 and Rules(absurd_quantity=5).large_limit("salon") == 5


def test_rule_mistakes_are_reported_with_file_line_and_field(tmp_path):
    data = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    data["rules"] = {"escalation": [{"when": {}, "then": "shout"}], "vips": {"then": "ignore"},
                     "screening": {"large_quantity": 500, "absurd_quantity": 200}}
    path = tmp_path / "tonys-pizzeria.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(PlaybookError) as error:
        load_playbook(path)
    fields = {problem.field for problem in error.value.problems}
    assert {"rules.escalation[0].when", "rules.escalation[0].then", "rules.vips.then"} <= fields
    only_limits = dict(data, rules={"screening": {"large_quantity": 500, "absurd_quantity": 200}})
    path.write_text(yaml.safe_dump(only_limits, sort_keys=False))
    with pytest.raises(PlaybookError) as error:
        load_playbook(path)
    assert [problem.field for problem in error.value.problems] == ["rules.screening.large_quantity"]
    assert all(problem.line for problem in error.value.problems)


def test_a_caller_declined_twice_in_a_day_is_rate_limited_and_abandoned_orders_count(db):
    caller = "+1 415 555 0123"
    flag_caller(db, "tonys-pizzeria", caller, "sms:tonys:1", "insult")
    assert not rate_limited(db, "tonys-pizzeria", "+14155550123")
    flag_caller(db, "tonys-pizzeria", caller, "sms:tonys:1", "threat")
    assert rate_limited(db, "tonys-pizzeria", "+14155550123")
    assert not rate_limited(db, "bella-salon", "+14155550123")
    for _ in range(4):
        flag_caller(db, "bella-salon", "+14155550123", "voice:bella:1", "abandoned_order")
    assert abandoned_recently(db, "bella-salon", "+14155550123") == 4
    assert not rate_limited(db, "bella-salon", "+14155550123")
    flag_caller(db, "bella-salon", "+14155550123", "voice:bella:2", "repeat_abandoned")
    assert rate_limited(db, "bella-salon", "+14155550123")


def test_a_deposit_rule_naming_services_or_rooms_applies_to_those_alone(bookable):
    salon = bookable(booking={"deposit": {"percent": 20, "items": ["colour"]}})
    assert salon.booking.needs_deposit(["haircut", "colour"]) and not salon.booking.needs_deposit(["haircut"])
    from trades import salon as salon_trade

    assert salon_trade.deposit_for(["colour"], salon) == Decimal("16.00")
    assert salon_trade.deposit_for(["haircut"], salon) is None
    everything = bookable(booking={"deposit": {"amount": 10}})
    assert everything.booking.needs_deposit(["haircut"])


def test_a_deposit_rule_must_name_catalog_items(tmp_path):
    data = yaml.safe_load((PLAYBOOKS / "bella-salon.yml").read_text())
    data["booking"]["deposit"] = {"percent": 20, "items": ["full-colour", "perm"]}
    path = tmp_path / "bella-salon.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(PlaybookError) as error:
        load_playbook(path)
    assert [(p.field, p.message) for p in error.value.problems] == [
        ("booking.deposit.items[1]", "no catalog item with id 'perm'")]


def test_holidays_replace_the_weekday_once_or_every_year_and_are_said_with_the_hours(bookable):
    from datetime import date, datetime, time
    from zoneinfo import ZoneInfo

    from playbooks.facts import hours_text
    from playbooks.model import within
    from scheduling.hours import OpeningHours

    shop = bookable(holidays=[{"date": "12-25", "name": "Christmas Day"},
                              {"date": "2026-12-24", "name": "Christmas Eve", "hours": ["09:00-13:00"]}])
    assert shop.hours.on(date(2027, 12, 25)) == [] and shop.hours.on(date(2027, 12, 24)) == [(time(9), time(17))]
    assert shop.hours.on(date(2026, 12, 24)) == [(time(9), time(13))]
    new_york = ZoneInfo("America/New_York")
    assert not within(shop.hours, datetime(2026, 12, 25, 10, 0, tzinfo=new_york))
    assert not within(shop.hours, datetime(2026, 12, 24, 14, 0, tzinfo=new_york))
    earliest = OpeningHours(shop).earliest(datetime(2026, 12, 24, 12, 45, tzinfo=new_york), 20)
    assert earliest == datetime(2026, 12, 26, 9, 20, tzinfo=new_york)
    assert hours_text(shop, "en", date(2026, 12, 20)).endswith(
        ". Coming up: Thursday December 24 9 AM–1 PM for Christmas Eve; Friday December 25 closed for Christmas Day")
    assert "12月25日（周五）（Christmas Day）休息" in hours_text(shop, "zh", date(2026, 12, 20))
    assert "Coming up" not in hours_text(shop, "en", date(2026, 11, 1)) and "Coming up" not in hours_text(shop, "en")


def test_a_holiday_that_is_not_on_the_calendar_is_reported(tmp_path):
    data = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    data["holidays"] = [{"date": "2026-02-30"}, {"date": "12-24", "hours": ["15:00-10:00"]}, {"date": "02-29"}]
    path = tmp_path / "tonys-pizzeria.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(PlaybookError) as error:
        load_playbook(path)
    assert sorted(problem.field for problem in error.value.problems) == ["holidays[0].date", "holidays[1].hours[0]"]
