"""Contract tests: the Revel adapter against the local Revel double (Weborders cart submit, Tastypie resources)."""

import asyncio
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from pos.adapters.base import CATALOG, ORDERS, PermanentPosError, TransientPosError, UnclearPosError, UnsupportedByPos
from pos.adapters.revel import RevelPos, read_error
from pos.connection import PosConnection
from pos.ticket import Customer
from tests.doubles.revel import RevelDouble
from tests.doubles.tickets import canonical, line

# The canonical tickets are created at 22:50 UTC on 2026-12-04; the double's clock runs a minute later.
REVEL_NOW = datetime(2026, 12, 4, 22, 51, tzinfo=timezone.utc)
SUBMIT = "/specialresources/cart/submit/"
PLAYBOOKS = Path(__file__).resolve().parents[2] / "playbooks"


@pytest.fixture
def revel():
    double = RevelDouble(page_size=2, clock=lambda: REVEL_NOW).start()
    yield double
    double.stop()


def connect(double, key="revel-key", secret="revel-secret", timeout=2.0, **account) -> PosConnection:
    return PosConnection(
        provider="revel",
        business_id="tonys-pizzeria",
        business_name="Tony's Pizzeria",
        currency="USD",
        timezone=ZoneInfo("America/New_York"),
        base_url=double.base_url,
        account={"establishment_id": 1, **account},
        credential_names={"api_key": "TONYS_REVEL_KEY", "api_secret": "TONYS_REVEL_SECRET"},
        timeout_seconds=timeout,
        environment={"TONYS_REVEL_KEY": key, "TONYS_REVEL_SECRET": secret},
    )


def adapter(double, **options) -> RevelPos:
    return RevelPos(connect(double, **options), clock=lambda: REVEL_NOW)


def push(pos, ticket, retrying=False):
    return asyncio.run(pos.push(ticket, retrying=retrying))


def pizza_order(**options):
    return canonical([
        line("102", "Cheese Pizza Medium", 2, "13.75", "102", "regular",
             [("201", "Extra Cheese", "1.50"), ("202", "Mushrooms", "1.25")], note="well done"),
        line("105", "Fountain Soda", 1, "2.50", "105", "regular"),
    ], **options)


def test_catalog_follows_paging_and_leaves_out_what_is_switched_off(revel):
    catalog = asyncio.run(adapter(revel).fetch_catalog())

    items = {item["id"]: item for item in catalog["items"]}
    assert set(items) == {"101", "102", "103", "104", "105"}
    assert items["102"] == {"id": "102", "name": "Cheese Pizza Medium", "category": "Pizza",
                            "variations": [{"id": "102", "name": "regular", "price": 12.5}], "modifier_lists": ["11"]}
    assert items["105"]["modifier_lists"] == [] and items["105"]["variations"][0]["price"] == 2.5
    lists = {modifier_list["id"]: modifier_list for modifier_list in catalog["modifier_lists"]}
    assert lists["11"] == {"id": "11", "name": "Toppings", "modifiers": [
        {"id": "201", "name": "Extra Cheese", "price": 1.5}, {"id": "202", "name": "Mushrooms", "price": 1.25}]}
    assert [m["name"] for m in lists["12"]["modifiers"]] == ["Buffalo", "BBQ"]
    products = revel.requests_to("GET", "/resources/Product/")
    assert [r.query["offset"] for r in products] == ["0", "2", "4"]
    assert all(r.query["establishment"] == "1" and r.query["active"] == "true" for r in products)


def test_pickup_order_is_an_unpaid_web_order_with_modifiers_notes_and_time(revel):
    ticket = pizza_order(notes="ring the bell")
    result = push(adapter(revel), ticket)

    assert len(revel.orders) == 1
    order = revel.orders[0]
    assert result.pos_id == str(order["id"])
    assert order["web_order"] is True and order["dining_option"] == 0
    assert order["pickup_time"] == "2026-12-04T18:30:00"
    assert order["final_total"] == 30.0 and order["remaining_due"] == 30.0
    assert order["call_name"] == "Dana Whitfield / Fri Dec 4, 6:30 PM / +15551234567 / T7-0f3c9a6e6b"
    assert order["notes"].splitlines()[:3] == ["T7-0f3c9a6e6b · UNPAID – pay at pickup", "Pickup: Fri Dec 4, 6:30 PM",
                                               "Customer: Dana Whitfield · +15551234567 · dana@example.com"]
    assert "Notes: ring the bell" in order["notes"]
    pizza, soda = revel.items_of(order)
    assert pizza["product"] == "/resources/Product/102/" and pizza["quantity"] == 2 and pizza["price"] == 11.0
    assert pizza["special_request"] == "well done"
    assert pizza["modifieritems"] == [
        {"modifier": 201, "qty": 1, "qty_type": 0, "mod_type": 0, "modifier_price": 1.5},
        {"modifier": 202, "qty": 1, "qty_type": 0, "mod_type": 0, "modifier_price": 1.25}]
    assert soda["price"] == 2.5 and soda["modifieritems"] == []
    cart = revel.carts[order["id"]]
    assert cart["paymentInfo"] == {"type": 4, "tip": 0}
    assert cart["orderInfo"]["customer"] == {"first_name": "Dana", "last_name": "Whitfield", "phone": "+15551234567",
                                             "email": "dana@example.com"}
    assert cart["orderInfo"]["asap"] is False
    request = revel.requests_to("POST", SUBMIT)[0]
    assert request.headers["Content-Type"] == "text/plain"
    assert request.headers["API-AUTHENTICATION"] == "revel-key:revel-secret"


def test_delivery_order_carries_address_and_dining_option(revel):
    ticket = pizza_order(kind="delivery_order", address="12 Elm St, Apt 3, Springfield")
    push(adapter(revel, dining_option_delivery=2), ticket)

    order = revel.orders[0]
    assert order["dining_option"] == 2
    assert "Address: 12 Elm St, Apt 3, Springfield" in order["notes"]
    assert "UNPAID – pay on delivery" in order["notes"]
    assert revel.carts[order["id"]]["orderInfo"]["customer"]["address"] == {"address": "12 Elm St, Apt 3, Springfield"}


def test_asap_order_without_time_with_the_line_note_as_special_request(revel):
    ticket = canonical([line("104", "Buffalo Wings 10 pc", 1, "11.99", "104", "10 pc", [("204", "Buffalo", "0")], "extra hot")],
                       customer=Customer("Cher", "+15550001111", None))
    ticket["scheduled_for"] = None
    push(adapter(revel), ticket)

    order = revel.orders[0]
    assert order["pickup_time"] is None and "Pickup: ASAP" in order["notes"]
    assert revel.carts[order["id"]]["orderInfo"]["asap"] is True
    assert revel.items_of(order)[0]["special_request"] == "extra hot"
    assert order["call_name"] == "Cher / ASAP / +15550001111 / T7-0f3c9a6e6b"
    assert revel.carts[order["id"]]["orderInfo"]["customer"] == {
        "first_name": "Cher", "last_name": "", "phone": "+15550001111", "email": ""}


def test_work_order_keeps_trade_details_in_notes(revel):
    ticket = canonical([line("105", "Fountain Soda", 1, "2.50")], kind="work_order",
                       details={"device": "espresso machine", "symptom": "no steam"})
    push(adapter(revel, dining_option_pickup=8), ticket)

    order = revel.orders[0]
    assert order["dining_option"] == 8
    assert "Device: espresso machine" in order["notes"] and "Symptom: no steam" in order["notes"]
    assert "Drop-off: Fri Dec 4, 6:30 PM" in order["notes"]


@pytest.mark.parametrize("kind", ["appointment", "service_call", "reservation_hold", "quote_request"])
def test_bookings_and_quotes_are_not_revel_orders(revel, kind):
    with pytest.raises(UnsupportedByPos):
        push(adapter(revel), canonical([line("105", "Fountain Soda", 1, "2.50")], kind=kind))
    assert revel.requests == []


def test_capabilities_and_unsupported_extras(revel):
    pos = adapter(revel)
    assert pos.capabilities == frozenset({ORDERS, CATALOG})
    with pytest.raises(UnsupportedByPos, match="revel: no payment links"):
        asyncio.run(pos.create_payment_link(pizza_order(), 5))
    with pytest.raises(UnsupportedByPos, match="revel: no loyalty"):
        asyncio.run(pos.loyalty_account("+15551234567"))


def test_missing_credential_names_the_variable(revel):
    connection = replace(connect(revel), environment={"TONYS_REVEL_KEY": "revel-key"})
    with pytest.raises(PermanentPosError, match="TONYS_REVEL_SECRET"):
        push(RevelPos(connection), pizza_order())


def test_wrong_key_is_permanent(revel):
    with pytest.raises(PermanentPosError, match="401"):
        push(adapter(revel, secret="wrong"), pizza_order())
    assert revel.orders == []


def test_rate_limit_is_transient_with_retry_after(revel):
    revel.fail_next("POST", SUBMIT, 429, "Too Many Requests", {"Retry-After": "7"})
    with pytest.raises(TransientPosError) as raised:
        push(adapter(revel), pizza_order())
    assert not isinstance(raised.value, UnclearPosError) and raised.value.retry_after == 7


def test_unavailable_then_retry_creates_one_order(revel):
    revel.fail_next("POST", SUBMIT, 503, "<html><title>Service Unavailable</title></html>")
    pos = adapter(revel)
    with pytest.raises(UnclearPosError, match="Service Unavailable"):
        push(pos, pizza_order())
    result = push(pos, pizza_order(), retrying=True)

    assert len(revel.orders) == 1 and result.pos_id == str(revel.orders[0]["id"])
    lookup = revel.requests_to("GET", "/resources/Order/")[0]
    assert lookup.query["created_date__gte"] == "2026-12-04T16:50:00" and lookup.query["web_order"] == "true"


def test_timeout_then_retry_finds_the_order_that_landed(revel):
    revel.delay_next("POST", SUBMIT, 1.0)
    pos = adapter(revel, timeout=0.5)
    with pytest.raises(UnclearPosError):
        push(pos, pizza_order())
    result = push(pos, pizza_order(), retrying=True)

    assert len(revel.orders) == 1 and result.pos_id == str(revel.orders[0]["id"])
    assert len(revel.requests_to("POST", SUBMIT)) == 1


def test_retry_looks_past_other_orders_on_earlier_pages(revel):
    pos = adapter(revel)
    push(pos, pizza_order())
    for number in (8, 9, 10):
        push(pos, pizza_order(number=number, key=f"{number:02d}" + "ab" * 15))
    result = push(pos, pizza_order(), retrying=True)

    assert len(revel.orders) == 4 and result.pos_id == str(revel.orders[0]["id"])


def test_an_answer_without_an_order_id_is_resolved_by_our_reference():
    double = RevelDouble(clock=lambda: REVEL_NOW, returns_order_id=False).start()
    try:
        result = push(adapter(double), pizza_order())
    finally:
        double.stop()
    assert result.pos_id == str(double.orders[0]["id"]) and len(double.orders) == 1


def test_unknown_product_is_rejected_permanently(revel):
    ticket = canonical([line("999", "Calzone", 1, "9.00")])
    with pytest.raises(PermanentPosError, match="Product with id 999 does not exist"):
        push(adapter(revel), ticket)
    assert revel.orders == []


def test_switched_off_modifier_is_rejected(revel):
    ticket = canonical([line("101", "Cheese Pizza Small", 1, "11.00", modifiers=[("203", "Anchovies", "1.00")])])
    with pytest.raises(PermanentPosError, match="Anchovies is not available"):
        push(adapter(revel), ticket)


def test_ids_that_are_not_revel_ids_never_leave(revel):
    with pytest.raises(PermanentPosError, match="cheese-pizza"):
        push(adapter(revel), canonical([line("cheese-pizza", "cheese pizza", 1, "10.00")]))
    assert revel.requests == []


def test_double_rejects_malformed_carts(revel):
    pos = adapter(revel)
    http = pos.http
    good = {"skin": "weborder", "establishmentId": 1, "orderInfo": {"dining_option": 0},
            "items": [{"product": 101, "quantity": 1, "price": 10.0, "modifieritems": []}]}
    cases = [
        ({**good, "items": []}, "at least one item"),
        ({**good, "items": [{"product": "101", "quantity": 1, "price": 10.0}]}, "product must be an integer"),
        ({**good, "items": [{"product": 101, "price": 10.0}]}, "quantity must be a positive integer"),
        ({**good, "items": [{"product": 101, "quantity": 1, "price": "10"}]}, "price must be a number"),
        ({**good, "orderInfo": {}}, "dining_option"),
        ({**good, "establishmentId": 2}, "Establishment 2"),
    ]
    for body, message in cases:
        answer = asyncio.run(http.call("POST", SUBMIT, json_body=body, content_type="application/json"))
        assert answer["status"] == "ERROR" and message in answer["errorMsg"]
    assert revel.orders == []


def test_double_answers_unknown_paths_with_an_html_page(revel):
    with pytest.raises(PermanentPosError, match="404: Page not found"):
        asyncio.run(adapter(revel).http.call("GET", "/resources/Nope/"))


def test_read_error_handles_the_envelope_and_html():
    assert read_error(200, {"status": "ERROR", "errorMsg": "Bad cart"}) == "ERROR: Bad cart"
    assert read_error(403, "<html><head><title>Forbidden</title></head></html>") == "Forbidden"
    assert read_error(401, None) == "(empty body)"


def test_seeded_from_a_playbook_catalog_syncs_back_with_revel_ids():
    section = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())["catalog"]
    double = RevelDouble.seeded_from_catalog(section).start()
    try:
        catalog = asyncio.run(adapter(double).fetch_catalog())
    finally:
        double.stop()

    names = {item["name"]: item for item in catalog["items"]}
    small = names["cheese pizza (small)"]
    assert small["id"].isdigit() and small["variations"][0]["price"] == 10.0 and small["category"] == "Pizza"
    extras = next(m for m in catalog["modifier_lists"] if m["name"] == "Pizza extras")
    assert small["modifier_lists"] == [extras["id"]]
    assert {"name": "extra cheese", "price": 1.5} in [{k: m[k] for k in ("name", "price")} for m in extras["modifiers"]]
