"""Contract tests for the Square adapter against the local Square double, which validates every request body
against Square's official OpenAPI file: what the double stored is what Square would have received (bearer token,
Square-Version, string quantities, catalog ids, cents, one PICKUP fulfillment with its note, idempotency keys)."""

import asyncio
import json
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml

from pos.adapters import BOOKINGS, CATALOG, CUSTOMER_GROUPS, LOYALTY, ORDERS, PAYMENT_LINKS
from pos.adapters import PermanentPosError, TransientPosError, UnclearPosError, UnsupportedByPos
from pos.adapters.square import (
    SQUARE_VERSION,
    SquarePos,
    catalog_from_objects,
    order_request,
    paid_order_id,
    pickup_note,
    read_square_error,
    signature_valid,
)
from pos.connection import PosConnection
from pos.http import PosHttp
from tests.doubles.openapi import load_spec
from tests.doubles.square import LOCATION_ID, TEAM_MEMBERS, SquareDouble
from tests.doubles.tickets import ZONE, canonical, line

SCHEMA = yaml.safe_load((Path(__file__).resolve().parents[2] / "playbooks" / "schema.yml").read_text())
TOKEN_VARIABLE = "TONYS_SQUARE_TOKEN"
NOTIFICATION_URL = "https://board.example.com/webhooks/square/tonys-pizzeria"
SALON = {
    "items": [
        {"id": "haircut", "name": "haircut", "category": "Cuts", "duration_minutes": 60,
         "variations": [{"id": "haircut-regular", "name": "regular", "price": 45.00}]},
        {"id": "blow-dry", "name": "blow-dry", "category": "Styling", "duration_minutes": 30,
         "variations": [{"id": "blow-dry-regular", "name": "regular", "price": 30.00}]},
    ],
}


def run(coroutine):
    return asyncio.run(coroutine)


@pytest.fixture
def square():
    double = SquareDouble().start()
    yield double
    double.stop()
    assert double.answer_violations == []


@pytest.fixture
def salon():
    double = SquareDouble.seeded_from_catalog(SALON).start()
    yield double
    double.stop()
    assert double.answer_violations == []


def connect(double: SquareDouble, token: str = "EAAAl-square-test-token", timeout: float = 2.0, environment=None,
            **account) -> PosConnection:
    return PosConnection(
        provider="square", business_id="tonys-pizzeria", business_name="Tony's Pizzeria", currency="USD",
        timezone=ZoneInfo("America/New_York"), base_url=double.base_url,
        account={"location_id": double.location_id, **account}, credential_names={"access_token": TOKEN_VARIABLE},
        timeout_seconds=timeout, environment={TOKEN_VARIABLE: token} if environment is None else environment,
    )


def pizza_order(double: SquareDouble, **options):
    """Two large cheese pizzas with extra cheese and mushrooms ('well done'), and six wings in BBQ."""
    return canonical([
        line(double.id("item", "cheese-pizza"), "cheese pizza", 2, "17.75", double.id("variation", "cheese-pizza-large"),
             "Large", [(double.id("modifier", "extra-cheese"), "Extra cheese", "1.50"),
                       (double.id("modifier", "mushrooms"), "Mushrooms", "1.25")], note="well done"),
        line(double.id("item", "wings"), "chicken wings", 1, "8.00", double.id("variation", "wings-6"), "6 piece",
             [(double.id("modifier", "bbq"), "BBQ", "0")]),
    ], **options)


def appointment(double: SquareDouble, stylist: str = "Maria", **options):
    return canonical(
        [line(double.id("item", "haircut"), "haircut", 1, "45.00", double.id("variation", "haircut-regular"), "regular")],
        kind="appointment", business_id="bella-salon", deposit="9.00", notes="Curly hair, bring photos",
        details={"stylist": stylist, "stylist_requested": "anyone", "duration_minutes": "60"}, **options)


def no_violations(double: SquareDouble):
    assert double.spec_violations == [], double.spec_violations


# ---- the request body, pure -----------------------------------------------------------------------------------

def test_order_request_uses_catalog_ids_string_quantities_and_one_pickup_fulfillment(square):
    body = order_request(pizza_order(square, notes="Ring the bell twice"), LOCATION_ID, "USD", ZONE)
    assert body["idempotency_key"] == "0f3c9a6e6b1f4b8e9d2e0c5f7a1e2b44"
    order = body["order"]
    assert order["location_id"] == LOCATION_ID and order["state"] == "OPEN"
    assert order["reference_id"] == "T7-0f3c9a6e6b" and order["ticket_name"] == "Pickup #7 Dana W"
    assert order["source"] == {"name": "Assistant (sms)"}
    pizza = order["line_items"][0]
    assert pizza == {
        "quantity": "2", "catalog_object_id": square.id("variation", "cheese-pizza-large"), "note": "well done",
        "modifiers": [{"catalog_object_id": square.id("modifier", "extra-cheese"), "quantity": "1"},
                      {"catalog_object_id": square.id("modifier", "mushrooms"), "quantity": "1"}],
    }
    [fulfillment] = order["fulfillments"]
    assert fulfillment["type"] == "PICKUP" and fulfillment["state"] == "PROPOSED"
    details = fulfillment["pickup_details"]
    assert details["schedule_type"] == "SCHEDULED" and details["pickup_at"] == "2026-12-04T23:30:00Z"
    assert details["recipient"] == {"display_name": "Dana Whitfield", "phone_number": "+15551234567",
                                    "email_address": "dana@example.com"}
    for fact in ("Notes: Ring the bell twice", "UNPAID - quoted total 43.50 USD", "Via sms, ref T7-0f3c9a6e6b"):
        assert fact in details["note"]
    assert load_spec().request_violations("POST", "/v2/orders", body) == []


def test_a_long_note_is_cut_to_squares_limit_but_keeps_the_reference(square):
    ticket = pizza_order(square, notes="no onions " * 80)
    note = pickup_note(ticket, "USD", ZONE)
    assert len(note) <= 500 and note.endswith("Via sms, ref T7-0f3c9a6e6b") and "…" in note


def test_a_line_without_a_square_variation_goes_ad_hoc_with_its_price_in_cents():
    ticket = canonical([line("house-special", "house special", 1, "13.25", None, None, [("x", "extra sauce", "0.75")])])
    [item] = order_request(ticket, LOCATION_ID, "USD", ZONE)["order"]["line_items"]
    assert item["name"] == "house special" and item["base_price_money"] == {"amount": 1250, "currency": "USD"}
    assert item["modifiers"] == [{"name": "extra sauce", "base_price_money": {"amount": 75, "currency": "USD"}, "quantity": "1"}]


# ---- orders -----------------------------------------------------------------------------------------------------

def test_pickup_order_is_stored_open_and_unpaid_with_squares_totals(square):
    result = run(SquarePos(connect(square)).push(pizza_order(square)))
    [order] = square.orders
    assert result.pos_id == order["id"]
    assert order["state"] == "OPEN" and "tenders" not in order
    pizza, wings = order["line_items"]
    assert (pizza["name"], pizza["variation_name"], pizza["quantity"]) == ("Cheese pizza", "Large", "2")
    assert pizza["base_price_money"]["amount"] == 1500
    modifiers = [(modifier["name"], modifier["total_price_money"]["amount"]) for modifier in pizza["modifiers"]]
    assert modifiers == [("Extra cheese", 300), ("Mushrooms", 250)]
    assert pizza["total_money"]["amount"] == 3550 and pizza["note"] == "well done"
    assert wings["total_money"]["amount"] == 800
    assert order["total_money"] == {"amount": 4350, "currency": "USD"}
    assert order["fulfillments"][0]["pickup_details"]["pickup_at"] == "2026-12-04T23:30:00Z"
    [sent] = square.requests_to("POST", "/v2/orders")
    assert sent.headers["Authorization"] == "Bearer EAAAl-square-test-token"
    assert sent.headers["Square-Version"] == SQUARE_VERSION
    no_violations(square)


def test_delivery_becomes_a_pickup_fulfillment_whose_note_says_deliver_and_where(square):
    ticket = pizza_order(square, kind="delivery_order", address="12 Elm St, Apt 3, Brooklyn NY 11201")
    run(SquarePos(connect(square)).push(ticket))
    [fulfillment] = square.orders[0]["fulfillments"]
    assert fulfillment["type"] == "PICKUP"
    note = fulfillment["pickup_details"]["note"]
    assert note.startswith("DELIVERY - not a pickup")
    assert "Deliver: Fri Dec 4, 6:30 PM" in note and "Address: 12 Elm St, Apt 3, Brooklyn NY 11201" in note
    assert square.orders[0]["ticket_name"] == "Delivery #7 Dana W"
    no_violations(square)


def test_a_service_call_without_priced_lines_gets_a_free_line_and_its_details_in_the_note(square):
    # `canonical` needs a time; a call-us-when-you-can service call has none.
    ticket = {**canonical([], kind="service_call", address="9 Oak Ave",
                          details={"symptom": "kitchen sink backs up", "urgency": "today"}), "scheduled_for": None}
    run(SquarePos(connect(square)).push(ticket))
    [order] = square.orders
    assert [(item["name"], item["total_money"]["amount"]) for item in order["line_items"]] == [("Service call", 0)]
    details = order["fulfillments"][0]["pickup_details"]
    assert details["schedule_type"] == "ASAP" and "pickup_at" not in details
    for fact in ("SERVICE CALL - not a pickup", "Address: 9 Oak Ave", "Symptom: kitchen sink backs up", "Urgency: today"):
        assert fact in details["note"]
    no_violations(square)


def test_the_same_ticket_twice_replays_the_first_order(square):
    adapter = SquarePos(connect(square))
    first = run(adapter.push(pizza_order(square)))
    again = run(adapter.push(pizza_order(square), retrying=True))
    assert again.pos_id == first.pos_id and len(square.orders) == 1


def test_the_same_key_with_another_body_is_refused_as_reused(square):
    adapter = SquarePos(connect(square))
    run(adapter.push(pizza_order(square)))
    with pytest.raises(PermanentPosError, match="IDEMPOTENCY_KEY_REUSED"):
        run(adapter.push(pizza_order(square, notes="changed my mind")))
    assert len(square.orders) == 1


def test_an_unknown_catalog_id_is_a_permanent_rejection(square):
    ticket = canonical([line("GONE", "ghost pizza", 1, "9.00", "NOSUCHVARIATION000000000", "Large")])
    with pytest.raises(PermanentPosError, match="NOT_FOUND.*line_items\\[0\\].catalog_object_id"):
        run(SquarePos(connect(square)).push(ticket))
    assert square.orders == []


def test_an_unknown_modifier_id_is_a_permanent_rejection(square):
    ticket = canonical([line(square.id("item", "wings"), "wings", 1, "8.00", square.id("variation", "wings-6"), "6 piece",
                             [("NOSUCHMODIFIER0000000000", "ghost sauce", "0")])])
    with pytest.raises(PermanentPosError, match="Modifier .* not found"):
        run(SquarePos(connect(square)).push(ticket))
    assert square.orders == []


# ---- failures ---------------------------------------------------------------------------------------------------

def test_a_missing_token_variable_is_a_permanent_error_naming_it(square):
    with pytest.raises(PermanentPosError, match=TOKEN_VARIABLE):
        SquarePos(connect(square, environment={}))


def test_a_missing_location_is_a_permanent_error_naming_the_setting(square):
    connection = connect(square)
    with pytest.raises(PermanentPosError, match="pos.account.location_id"):
        SquarePos(PosConnection(**{**connection.__dict__, "account": {}}))


def test_a_wrong_token_is_a_permanent_error(square):
    with pytest.raises(PermanentPosError, match="401.*UNAUTHORIZED"):
        run(SquarePos(connect(square, token="EAAAl-wrong")).push(pizza_order(square)))
    assert square.orders == []


def test_rate_limited_is_transient_with_retry_after(square):
    square.fail_next("POST", "/v2/orders", 429, {"errors": [{"category": "RATE_LIMIT_ERROR", "code": "RATE_LIMITED",
                                                             "detail": "Rate limit exceeded."}]}, {"Retry-After": "7"})
    with pytest.raises(TransientPosError) as raised:
        run(SquarePos(connect(square)).push(pizza_order(square)))
    assert raised.value.retry_after == 7 and "RATE_LIMITED" in str(raised.value)
    assert not isinstance(raised.value, UnclearPosError)


def test_a_503_is_unclear_and_the_retry_creates_exactly_one_order(square):
    adapter = SquarePos(connect(square))
    square.fail_next("POST", "/v2/orders", 503, {"errors": [{"category": "API_ERROR", "code": "SERVICE_UNAVAILABLE",
                                                             "detail": "Service unavailable."}]})
    with pytest.raises(UnclearPosError):
        run(adapter.push(pizza_order(square)))
    result = run(adapter.push(pizza_order(square), retrying=True))
    assert [order["id"] for order in square.orders] == [result.pos_id]


def test_a_timeout_after_the_order_landed_does_not_duplicate_it(square):
    adapter = SquarePos(connect(square, timeout=0.5))
    square.delay_next("POST", "/v2/orders", 1.5)
    with pytest.raises(UnclearPosError):
        run(adapter.push(pizza_order(square)))
    assert len(square.orders) == 1
    result = run(adapter.push(pizza_order(square), retrying=True))
    assert len(square.orders) == 1 and result.pos_id == square.orders[0]["id"]


def test_square_errors_are_read_with_code_detail_and_field():
    body = {"errors": [{"category": "INVALID_REQUEST_ERROR", "code": "VALUE_TOO_LONG", "detail": "Too long",
                        "field": "order.ticket_name"}]}
    assert read_square_error(400, body) == "VALUE_TOO_LONG: Too long (order.ticket_name)"


# ---- the double holds the adapter to Square's spec ------------------------------------------------------------

def test_the_spec_validator_catches_a_quantity_sent_as_a_number():
    body = {"idempotency_key": "k", "order": {"location_id": LOCATION_ID, "line_items": [{"quantity": 2, "name": "x"}]}}
    [violation] = load_spec().request_violations("POST", "/v2/orders", body)
    assert (violation.field, violation.keyword) == ("order.line_items[0].quantity", "type")


def test_the_double_refuses_and_records_a_body_the_spec_forbids(square):
    headers = {"Authorization": f"Bearer {square.access_token}", "Square-Version": SQUARE_VERSION}
    http = PosHttp("square", square.base_url, headers, 2.0, read_square_error)
    bad = {"idempotency_key": "k1", "order": {"location_id": LOCATION_ID, "line_items": [
        {"catalog_object_id": square.id("variation", "wings-6"), "quantity": 2}]}}
    with pytest.raises(PermanentPosError, match="EXPECTED_STRING.*order.line_items\\[0\\].quantity"):
        run(http.call("POST", "/v2/orders", json_body=bad))
    [(method, path, violations)] = square.spec_violations
    assert (method, path, violations[0].field) == ("POST", "/v2/orders", "order.line_items[0].quantity")
    assert square.orders == []


def test_the_double_refuses_a_request_without_square_version(square):
    http = PosHttp("square", square.base_url, {"Authorization": f"Bearer {square.access_token}"}, 2.0, read_square_error)
    with pytest.raises(PermanentPosError, match="INVALID_SQUARE_VERSION_FORMAT"):
        run(http.call("GET", "/v2/catalog/list"))


# ---- catalog ----------------------------------------------------------------------------------------------------

def test_catalog_sync_follows_the_cursor_and_keeps_only_what_sells_here():
    double = SquareDouble(page_size=5).start()
    try:
        catalog = run(SquarePos(connect(double)).fetch_catalog())
        pages = double.requests_to("GET", "/v2/catalog/list")
    finally:
        double.stop()
    assert len(pages) == 3 and "cursor" not in pages[0].query and pages[1].query["cursor"] and pages[2].query["cursor"]
    assert pages[0].query["types"] == "ITEM,MODIFIER_LIST,CATEGORY"
    items = {item["name"]: item for item in catalog["items"]}
    # Tiramisu is sold out here, calzone archived, garlic knots absent from this location, the tray open-priced.
    assert set(items) == {"Cheese pizza", "Pepperoni pizza", "Chicken wings", "Soda"}
    pizza = items["Cheese pizza"]
    assert pizza["id"] == double.id("item", "cheese-pizza") and pizza["category"] == "Pizza"
    assert pizza["variations"] == [
        {"id": double.id("variation", "cheese-pizza-small"), "name": "Small", "price": 10.0},
        {"id": double.id("variation", "cheese-pizza-medium"), "name": "Medium", "price": 12.5},
        {"id": double.id("variation", "cheese-pizza-large"), "name": "Large", "price": 15.0},
    ]
    assert pizza["modifier_lists"] == [double.id("modifier_list", "toppings")]
    assert [v["name"] for v in items["Pepperoni pizza"]["variations"]] == ["Medium", "Large"]  # party size sold out
    assert [v["name"] for v in items["Soda"]["variations"]] == ["Can"]  # the case is not sellable
    toppings = next(ml for ml in catalog["modifier_lists"] if ml["id"] == double.id("modifier_list", "toppings"))
    assert [(modifier["name"], modifier["price"]) for modifier in toppings["modifiers"]] == [
        ("Extra cheese", 1.5), ("Mushrooms", 1.25), ("Pepperoni", 1.5)]  # anchovies are sold out here
    jsonschema.validate(catalog, SCHEMA["properties"]["catalog"], resolver=jsonschema.RefResolver.from_schema(SCHEMA))


def test_catalog_mapping_leaves_out_deleted_objects_and_variations_absent_here():
    objects = [
        {"type": "ITEM", "id": "DELETED", "is_deleted": True, "item_data": {"name": "old", "variations": [
            {"type": "ITEM_VARIATION", "id": "V0", "item_variation_data": {"price_money": {"amount": 100}}}]}},
        {"type": "ITEM", "id": "TEA", "item_data": {"name": "tea", "variations": [
            {"type": "ITEM_VARIATION", "id": "V1", "item_variation_data": {"name": "hot", "price_money": {"amount": 250}}},
            {"type": "ITEM_VARIATION", "id": "V2", "absent_at_location_ids": [LOCATION_ID],
             "item_variation_data": {"name": "iced", "price_money": {"amount": 300}}},
            {"type": "ITEM_VARIATION", "id": "V3", "item_variation_data": {"name": "pot", "price_money": {"amount": 900},
             "location_overrides": [{"location_id": LOCATION_ID, "price_money": {"amount": 800}}]}}]}},
    ]
    catalog = catalog_from_objects(objects, LOCATION_ID)
    assert catalog["items"] == [{"id": "TEA", "name": "tea", "variations": [
        {"id": "V1", "name": "hot", "price": 2.5}, {"id": "V3", "name": "pot", "price": 8.0}]}]


def test_services_carry_their_duration_in_minutes(salon):
    catalog = run(SquarePos(connect(salon)).fetch_catalog())
    assert {item["name"]: item["duration_minutes"] for item in catalog["items"]} == {"haircut": 60, "blow-dry": 30}


# ---- bookings ---------------------------------------------------------------------------------------------------

def test_an_appointment_becomes_a_booking_for_a_customer_found_or_created_by_phone(salon):
    adapter = SquarePos(connect(salon, team_members={"maria": TEAM_MEMBERS[0], "derek": TEAM_MEMBERS[1]}))
    result = run(adapter.push(appointment(salon)))
    [booking] = salon.bookings
    assert result.pos_id == f"booking:{booking['id']}"
    [customer] = salon.customers
    assert (customer["given_name"], customer["family_name"], customer["phone_number"]) == ("Dana", "Whitfield", "+15551234567")
    assert booking["customer_id"] == customer["id"] and booking["location_id"] == LOCATION_ID
    assert booking["start_at"] == "2026-12-04T23:30:00Z"
    variation = salon.objects[salon.id("variation", "haircut-regular")]
    assert booking["appointment_segments"][0] == {
        "team_member_id": TEAM_MEMBERS[0], "service_variation_id": variation["id"],
        "service_variation_version": variation["version"], "duration_minutes": 60,
        "intermission_minutes": 0, "any_team_member": False,
    }
    for fact in ("Notes: Curly hair, bring photos", "Stylist requested: anyone", "Deposit asked: 9.00", "ref T7-0f3c9a6e6b"):
        assert fact in booking["customer_note"]
    assert salon.orders == []
    run(adapter.push(appointment(salon, key="1" * 32, number=8)))
    assert len(salon.customers) == 1 and len(salon.bookings) == 2
    no_violations(salon)


def test_a_retried_booking_is_not_booked_twice(salon):
    adapter = SquarePos(connect(salon, team_members={"maria": TEAM_MEMBERS[0]}))
    salon.delay_next("POST", "/v2/bookings", 1.5)
    with pytest.raises(UnclearPosError):
        run(SquarePos(connect(salon, timeout=0.5, team_members={"maria": TEAM_MEMBERS[0]})).push(appointment(salon)))
    result = run(adapter.push(appointment(salon), retrying=True))
    assert [f"booking:{booking['id']}" for booking in salon.bookings] == [result.pos_id]
    assert len(salon.customers) == 1


def test_a_stylist_without_a_square_team_member_is_a_permanent_error(salon):
    adapter = SquarePos(connect(salon, team_members={"maria": TEAM_MEMBERS[0]}))
    with pytest.raises(PermanentPosError, match="'Lena'.*pos.account.team_members"):
        run(adapter.push(appointment(salon, stylist="Lena")))
    assert salon.bookings == []


def test_a_booking_finds_the_team_member_by_our_staff_id_and_leaves_the_id_out_of_the_note(salon):
    adapter = SquarePos(connect(salon, team_members={"maria": TEAM_MEMBERS[0]}))
    ticket = appointment(salon, stylist="Maria Russo")
    ticket["details"]["stylist_id"] = "maria"
    run(adapter.push(ticket))
    [booking] = salon.bookings
    assert booking["appointment_segments"][0]["team_member_id"] == TEAM_MEMBERS[0]
    assert "Stylist: Maria Russo" in booking["customer_note"] and "Stylist id" not in booking["customer_note"]


# ---- payment links and the payment webhook ----------------------------------------------------------------------

def test_a_deposit_link_is_made_once_per_ticket_and_its_payment_names_its_order(square):
    adapter = SquarePos(connect(square))
    ticket = pizza_order(square, deposit="10.00")
    link = run(adapter.create_payment_link(ticket, Decimal("10.00")))
    again = run(adapter.create_payment_link(ticket, Decimal("10.00")))
    assert again == link and len(square.payment_links) == 1
    [stored] = square.payment_links
    assert (link.id, link.url, link.amount, link.order_id) == (stored["id"], stored["url"], Decimal("10.00"), stored["order_id"])
    first = square.requests_to("POST", "/v2/online-checkout/payment-links")[0]
    assert first.json()["quick_pay"] == {"name": "Deposit for ticket 7 – Tony's Pizzeria",
                                        "price_money": {"amount": 1000, "currency": "USD"}, "location_id": LOCATION_ID}
    assert stored["pre_populated_data"] == {"buyer_phone_number": "+15551234567"}
    assert stored["payment_note"] == "Pickup ref T7-0f3c9a6e6b"
    assert square.orders == [] and square.link_orders[0]["state"] == "DRAFT"

    event = square.payment_completed_event(link.order_id)
    raw = json.dumps(event).encode()
    assert signature_valid(square.signature_key, NOTIFICATION_URL, raw, square.sign(NOTIFICATION_URL, raw))
    assert not signature_valid(square.signature_key, NOTIFICATION_URL, raw + b" ", square.sign(NOTIFICATION_URL, raw))
    assert not signature_valid(square.signature_key, NOTIFICATION_URL, raw, "")
    assert paid_order_id(json.loads(raw)) == link.order_id
    no_violations(square)


def test_only_completed_payments_name_a_paid_order():
    example = load_spec().document["components"]["schemas"]["PaymentUpdatedEvent"]["example"]
    assert paid_order_id(example) == "03O3USaPaAaFnI6kkwB1JxGgBsUZY"
    pending = {**example, "data": {**example["data"], "object": {"payment": {
        **example["data"]["object"]["payment"], "status": "APPROVED"}}}}
    assert paid_order_id(pending) is None
    assert paid_order_id({**example, "type": "order.updated"}) is None
    assert paid_order_id({"type": "payment.created"}) is None


# ---- loyalty ----------------------------------------------------------------------------------------------------

def test_loyalty_account_by_phone_with_the_programs_rewards(square):
    square.enroll("+15551234567", 180)
    adapter = SquarePos(connect(square))
    account = run(adapter.loyalty_account("+15551234567"))
    assert account.points == 180
    assert [(reward.name, reward.points) for reward in account.rewards] == [
        ("$5 off entire sale", 100), ("Free large pizza", 250)]
    assert [reward.name for reward in account.affordable()] == ["$5 off entire sale"]
    assert run(adapter.loyalty_account("+15559999999")) is None
    no_violations(square)


def test_redeeming_a_reward_attaches_it_to_the_pushed_order_and_takes_the_points(square):
    square.enroll("+15551234567", 180)
    adapter = SquarePos(connect(square))
    order_id = run(adapter.push(pizza_order(square))).pos_id
    account = run(adapter.loyalty_account("+15551234567"))
    reward = account.affordable()[0]
    run(adapter.redeem_reward(account, reward, order_id, "reward-0f3c9a6e"))
    run(adapter.redeem_reward(account, reward, order_id, "reward-0f3c9a6e"))
    [stored] = square.rewards
    assert (stored["loyalty_account_id"], stored["reward_tier_id"], stored["order_id"]) == (account.id, reward.id, order_id)
    assert square.orders[0]["rewards"] == [{"id": stored["id"], "reward_tier_id": reward.id}]
    assert square.loyalty_accounts[0]["balance"] == 80
    with pytest.raises(UnsupportedByPos):
        run(adapter.redeem_reward(account, reward, "booking:abc123", "reward-x"))
    no_violations(square)


def test_square_declares_every_capability(square):
    assert SquarePos(connect(square)).capabilities == {ORDERS, BOOKINGS, PAYMENT_LINKS, LOYALTY, CATALOG, CUSTOMER_GROUPS}
