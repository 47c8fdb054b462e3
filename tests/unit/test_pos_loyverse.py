"""Contract tests: the Loyverse adapter against the local Loyverse double, asserting on what the double stored."""

import asyncio
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import jsonschema
import pytest
import yaml

from pos.adapters import (
    CATALOG, LOYALTY, ORDERS, PAYMENT_LINKS, PermanentPosError, TransientPosError, UnclearPosError, UnsupportedByPos,
)
from pos.adapters.loyverse import LoyversePos, ReceiptSettings, receipt_body
from pos.connection import PosConnection
from pos.staff_text import order_reference
from tests.doubles.loyverse import CASH_ID, PAY_AT_PICKUP_ID, STORE_ID, LoyverseDouble, vendor_id
from tests.doubles.tickets import ZONE, canonical, line

ROOT = Path(__file__).resolve().parents[2]
TOKEN_VARIABLE = "TONYS_LOYVERSE_TOKEN"

PIZZA = vendor_id("item", "Cheese pizza")
MEDIUM = vendor_id("variant", f"{PIZZA}:Medium")
LARGE = vendor_id("variant", f"{PIZZA}:Large")
WINGS = vendor_id("item", "Chicken wings")
WINGS_6 = vendor_id("variant", f"{WINGS}:6 piece")
COLA = vendor_id("item", "Cola")
COLA_ONLY = vendor_id("variant", f"{COLA}:None")
TOPPINGS = vendor_id("modifier", "Pizza toppings")
EXTRA_CHEESE = vendor_id("modifier_option", "Pizza toppings:Extra cheese")
MUSHROOMS = vendor_id("modifier_option", "Pizza toppings:Mushrooms")
SAUCES = vendor_id("modifier", "Wing sauce")
BBQ = vendor_id("modifier_option", "Wing sauce:BBQ")


@pytest.fixture
def double():
    server = LoyverseDouble(page_size=2).start()
    yield server
    server.stop()


def connect(double, token="loyverse-test-token", timeout=2.0, **account) -> PosConnection:
    return PosConnection(
        provider="loyverse", business_id="tonys-pizzeria", business_name="Tony's Pizzeria", currency="USD",
        timezone=ZONE, base_url=double.api_url,
        account={"store_id": STORE_ID, "payment_type_id": PAY_AT_PICKUP_ID, **account},
        credential_names={"access_token": TOKEN_VARIABLE}, timeout_seconds=timeout,
        environment={TOKEN_VARIABLE: token} if token else {},
    )


def pizza_order(**changes):
    lines = [
        line(PIZZA, "cheese pizza", 2, "12.50", MEDIUM, "Medium", [(EXTRA_CHEESE, "extra cheese", "1.50"), (MUSHROOMS, "mushrooms", "1.25")],
             note="cut in squares"),
        line(WINGS, "chicken wings", 1, "8.00", WINGS_6, "6 piece", [(BBQ, "bbq", "0")]),
    ]
    return canonical(lines, **changes)


def push(adapter, ticket, retrying=False):
    return asyncio.run(adapter.push(ticket, retrying=retrying))


def test_declares_orders_and_catalog_only():
    assert LoyversePos.capabilities == frozenset({ORDERS, CATALOG})
    assert not {LOYALTY, PAYMENT_LINKS} & LoyversePos.capabilities


def test_catalog_sync_follows_every_page_and_leaves_out_what_cannot_be_sold(double):
    catalog = asyncio.run(LoyversePos(connect(double)).fetch_catalog())

    items = {item["name"]: item for item in catalog["items"]}
    assert set(items) == {"Cheese pizza", "Chicken wings", "Cola"}
    pizza = items["Cheese pizza"]
    assert pizza["id"] == PIZZA and pizza["category"] == "Pizza" and pizza["modifier_lists"] == [TOPPINGS]
    assert [(variation["name"], variation["price"]) for variation in pizza["variations"]] == [
        ("Small", 10.0), ("Medium", 12.5), ("Large", 15.0)]
    assert pizza["variations"][1]["id"] == MEDIUM
    assert items["Cola"]["variations"] == [{"id": COLA_ONLY, "name": "Cola", "price": 2.5}]
    assert items["Cola"]["stock"] == 24 and "stock" not in pizza
    lists = {entry["id"]: entry for entry in catalog["modifier_lists"]}
    assert lists[TOPPINGS]["name"] == "Pizza toppings"
    assert lists[TOPPINGS]["modifiers"][0] == {"id": EXTRA_CHEESE, "name": "Extra cheese", "price": 1.5}
    assert items["Chicken wings"]["modifier_lists"] == [SAUCES]
    item_pages = double.requests_to("GET", "/v1.0/items")
    assert len(item_pages) == 3 and "cursor" not in item_pages[0].query and item_pages[-1].query["cursor"]
    assert double.requests_to("GET", "/v1.0/inventory")[0].query["store_ids"] == STORE_ID


def test_synced_catalog_is_valid_for_the_playbook_schema(double):
    schema = yaml.safe_load((ROOT / "playbooks" / "schema.yml").read_text())
    catalog = asyncio.run(LoyversePos(connect(double)).fetch_catalog())
    jsonschema.validate(catalog, {**schema["properties"]["catalog"], "definitions": schema["definitions"]})


def test_pickup_order_is_an_unpaid_receipt_with_variants_modifiers_and_notes(double):
    ticket = pizza_order(notes="ring the bell")
    result = push(LoyversePos(connect(double)), ticket)

    assert len(double.orders) == 1
    receipt = double.orders[0]
    assert result.pos_id == receipt["receipt_number"]
    sent = double.requests_to("POST", "/v1.0/receipts")[0]
    assert sent.headers["Authorization"] == "Bearer loyverse-test-token"
    body = sent.json()
    assert body["store_id"] == STORE_ID and body["order"] == "T7-0f3c9a6e6b" == order_reference(ticket)
    assert body["source"] == "Tony's Pizzeria assistant"
    assert body["receipt_date"] == "2026-12-04T22:50:00.000Z"
    assert body["payments"] == [{"payment_type_id": PAY_AT_PICKUP_ID}]
    assert body["line_items"][0] == {
        "variant_id": MEDIUM, "quantity": 2, "price": 12.5, "line_note": "cut in squares",
        "line_modifiers": [{"modifier_option_id": EXTRA_CHEESE, "price": 1.5}, {"modifier_option_id": MUSHROOMS, "price": 1.25}],
    }
    assert body["line_items"][1] == {"variant_id": WINGS_6, "quantity": 1, "price": 8.0,
                                     "line_modifiers": [{"modifier_option_id": BBQ, "price": 0.0}]}
    assert receipt["note"].splitlines() == [
        "UNPAID – pay at pickup", "Ticket 7 – Dana Whitfield, +15551234567", "Pickup: Fri Dec 4, 6:30 PM", "Notes: ring the bell"]
    assert receipt["total_money"] == 38.5
    assert receipt["payments"][0]["name"] == "Unpaid – pay at pickup"
    assert receipt["line_items"][0]["variant_name"] == "Medium" and receipt["line_items"][0]["line_modifiers"][0]["option"] == "Extra cheese"


def test_delivery_order_carries_window_and_address_in_the_note(double):
    ticket = pizza_order(kind="delivery_order", address="12 Elm St, Apt 3", notes="leave at the door",
                         scheduled_until=datetime(2026, 12, 4, 19, 0, tzinfo=ZONE))
    push(LoyversePos(connect(double, pos_device_id="d1c2b3a4")), ticket)

    receipt = double.orders[0]
    assert receipt["note"].splitlines()[:4] == [
        "UNPAID – pay on delivery", "Ticket 7 – Dana Whitfield, +15551234567", "Delivery: Fri Dec 4, 6:30 PM to 7:00 PM",
        "Address: 12 Elm St, Apt 3"]
    assert receipt["pos_device_id"] == "d1c2b3a4"


def test_work_order_puts_the_trade_details_in_the_note(double):
    ticket = canonical([line(COLA, "cola", 1, "2.50", COLA_ONLY)], kind="work_order",
                       details={"device": "iPhone 12", "symptom": "cracked screen"}, deposit="20.00")
    push(LoyversePos(connect(double)), ticket)

    note = double.orders[0]["note"].splitlines()
    assert note[0] == "UNPAID – pay at collection"
    assert "Device: iPhone 12" in note and "Symptom: cracked screen" in note and "Deposit asked: 20.00" in note


@pytest.mark.parametrize("kind", ["appointment", "service_call", "reservation_hold", "quote_request"])
def test_kinds_that_are_not_sales_are_refused_before_any_request(double, kind):
    with pytest.raises(UnsupportedByPos, match="not a sale"):
        push(LoyversePos(connect(double)), pizza_order(kind=kind))
    assert double.requests == [] and double.orders == []


def test_receipt_body_is_pure_and_uses_the_business_timezone():
    settings = ReceiptSettings(store_id="s", payment_type_id="p", source="Shop assistant", timezone=ZoneInfo("Europe/London"))
    body = receipt_body(pizza_order(), settings)
    assert body["note"].splitlines()[2] == "Pickup: Fri Dec 4, 11:30 PM"
    assert "pos_device_id" not in body


def test_missing_token_is_permanent_and_names_the_variable(double):
    with pytest.raises(PermanentPosError, match=TOKEN_VARIABLE):
        push(LoyversePos(connect(double, token=None)), pizza_order())
    assert double.requests == []


def test_wrong_token_is_permanent(double):
    with pytest.raises(PermanentPosError, match="401: UNAUTHORIZED") as raised:
        push(LoyversePos(connect(double, token="stale")), pizza_order())
    assert not isinstance(raised.value, TransientPosError)
    assert double.orders == []


def test_rate_limit_is_transient_with_retry_after(double):
    double.fail_next("POST", "/v1.0/receipts", 429, {"errors": [{"code": "RATE_LIMITED", "details": "Too many requests"}]},
                     {"Retry-After": "7"})
    with pytest.raises(TransientPosError, match="RATE_LIMITED") as raised:
        push(LoyversePos(connect(double)), pizza_order())
    assert raised.value.retry_after == 7.0 and not isinstance(raised.value, UnclearPosError)


def test_server_error_then_retry_creates_exactly_one_receipt(double):
    adapter = LoyversePos(connect(double))
    double.fail_next("POST", "/v1.0/receipts", 503, {"errors": [{"code": "INTERNAL_SERVER_ERROR", "details": "try later"}]})
    with pytest.raises(UnclearPosError):
        push(adapter, pizza_order())
    push(adapter, pizza_order(number=3, key="aaaaaaaaaabbbbbbbbbbccccccccccdd"))

    result = push(adapter, pizza_order(), retrying=True)

    assert [receipt["order"] for receipt in double.orders] == ["T3-aaaaaaaaaa", "T7-0f3c9a6e6b"]
    assert result.pos_id == double.orders[1]["receipt_number"]
    lookup = double.requests_to("GET", "/v1.0/receipts")[0].query
    assert lookup == {"order": "T7-0f3c9a6e6b", "store_id": STORE_ID, "limit": "250"}


def test_timeout_then_retry_finds_the_receipt_that_landed(double):
    adapter = LoyversePos(connect(double, timeout=0.5))
    double.delay_next("POST", "/v1.0/receipts", 1.0)
    with pytest.raises(UnclearPosError):
        push(adapter, pizza_order())

    result = push(adapter, pizza_order(), retrying=True)

    assert len(double.orders) == 1
    assert result.pos_id == double.orders[0]["receipt_number"]
    assert len(double.requests_to("POST", "/v1.0/receipts")) == 1


def test_unknown_variant_is_rejected_permanently(double):
    ticket = canonical([line(PIZZA, "cheese pizza", 1, "12.50", "00000000-0000-0000-0000-000000000000", "Medium")])
    with pytest.raises(PermanentPosError, match="NOT_FOUND.*line_items\\[0\\].variant_id"):
        push(LoyversePos(connect(double)), ticket)
    assert double.orders == []


def test_unknown_payment_type_is_rejected_permanently(double):
    with pytest.raises(PermanentPosError, match="NOT_FOUND.*payment_type_id"):
        push(LoyversePos(connect(double, payment_type_id="11111111-1111-1111-1111-111111111111")), pizza_order())
    assert double.orders == []


def test_double_rejects_missing_fields_and_wrong_types_with_loyverse_errors(double):
    async def post(body):
        async with aiohttp.ClientSession() as session:
            async with session.post(double.api_url + "/receipts", data=json.dumps(body),
                                    headers={"Authorization": f"Bearer {double.token}"}) as answer:
                return answer.status, await answer.json()

    valid_line = {"variant_id": MEDIUM, "quantity": 1}
    payment = [{"payment_type_id": CASH_ID}]
    assert asyncio.run(post({"line_items": [valid_line], "payments": payment})) == (
        400, {"errors": [{"code": "MISSING_REQUIRED_PARAMETER", "details": "Missing required parameter: store_id",
                          "field": "object.store_id"}]})
    status, body = asyncio.run(post({"store_id": STORE_ID, "line_items": [{"variant_id": MEDIUM, "quantity": "1"}], "payments": payment}))
    assert status == 400 and body["errors"][0]["code"] == "INCORRECT_VALUE_TYPE"
    status, body = asyncio.run(post({"store_id": STORE_ID, "line_items": [valid_line]}))
    assert status == 400 and body["errors"][0]["field"] == "object.payments"
    assert double.orders == []


def test_no_payment_links_and_no_loyalty(double):
    adapter = LoyversePos(connect(double))
    with pytest.raises(UnsupportedByPos, match="loyverse: no payment links"):
        asyncio.run(adapter.create_payment_link(pizza_order(), Decimal("5.00")))
    with pytest.raises(UnsupportedByPos, match="loyverse: no loyalty"):
        asyncio.run(adapter.loyalty_account("+15551234567"))


def test_seeded_from_a_playbook_catalog_round_trips_under_loyverse_ids(pizzeria):
    server = LoyverseDouble.seeded_from_catalog(pizzeria.catalog_data).start()
    try:
        adapter = LoyversePos(connect(server))
        catalog = asyncio.run(adapter.fetch_catalog())
        ticket = canonical([line(server.ids["cheese-pizza"], "cheese pizza", 1, "15.00", server.ids["cheese-pizza-large"], "large",
                                 [(server.ids["extra-cheese"], "extra cheese", "1.50")])])
        result = push(adapter, ticket)
    finally:
        server.stop()

    synced = {item["name"]: item for item in catalog["items"]}
    assert synced["cheese pizza"]["id"] == server.ids["cheese-pizza"]
    assert [(variation["name"], variation["price"]) for variation in synced["cheese pizza"]["variations"]] == [
        ("small", 10.0), ("medium", 12.5), ("large", 15.0)]
    assert synced["cheese pizza"]["modifier_lists"] == [server.ids["pizza-extras"]]
    assert len(synced) == len(pizzeria.catalog_data["items"])
    assert server.orders[0]["receipt_number"] == result.pos_id and server.orders[0]["total_money"] == 16.5
