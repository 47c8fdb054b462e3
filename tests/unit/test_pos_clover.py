"""Contract tests for the Clover adapter against the local Clover double: what the double stored is what Clover
would have received (paths, bearer token, cents, one line item per unit, title/note, order type, open state)."""

import asyncio
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml

from pos.adapters import CATALOG, ORDERS, PermanentPosError, TransientPosError, UnclearPosError, UnsupportedByPos
from pos.adapters.clover import CloverPos, order_request
from pos.connection import PosConnection
from pos.http import PosHttp
from tests.doubles.clover import CloverDouble
from tests.doubles.tickets import ZONE, canonical, line

SCHEMA = yaml.safe_load((Path(__file__).resolve().parents[2] / "playbooks" / "schema.yml").read_text())
TOKEN_VARIABLE = "TONYS_CLOVER_TOKEN"


def run(coroutine):
    return asyncio.run(coroutine)


@pytest.fixture
def clover():
    double = CloverDouble().start()
    yield double
    double.stop()


def connect(double: CloverDouble, token: str = "clover-test-token", timeout: float = 2.0, environment=None, **account):
    return PosConnection(
        provider="clover", business_id="tonys-pizzeria", business_name="Tony's Pizzeria", currency="USD",
        timezone=ZoneInfo("America/New_York"), base_url=double.base_url,
        account={"merchant_id": double.merchant_id, "order_type_pickup": double.pickup_type,
                 "order_type_delivery": double.delivery_type, **account},
        credential_names={"access_token": TOKEN_VARIABLE}, timeout_seconds=timeout,
        environment={TOKEN_VARIABLE: token} if environment is None else environment,
    )


def pizza_order(double: CloverDouble, **options):
    """Two large cheese pizzas with extra cheese and mushrooms ('well done'), and six wings in BBQ."""
    return canonical([
        line(double.cheese_pizza, "cheese pizza", 2, "17.75", double.cheese_large, "Large",
             [(double.topping_ids[0], "Extra cheese", "1.50"), (double.topping_ids[1], "Mushrooms", "1.25")],
             note="well done"),
        line(double.wings, "chicken wings", 1, "8.00", double.wings, "regular", [(double.sauce_ids[1], "BBQ", "0")]),
    ], **options)


def recently_created(ticket):
    """The outbox pushes a ticket after storing it; the canonical fixture's date lies in the future."""
    return {**ticket, "created_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())}


# ---- the request body, pure -----------------------------------------------------------------------------------

def test_order_request_has_one_line_item_per_unit_with_modifiers_and_notes(clover):
    ticket = pizza_order(clover, notes="Ring the bell twice")
    cart = order_request(ticket, {"order_type_pickup": "PICKUPTYPE001"}, "USD", ZONE)["orderCart"]
    pizzas = [item for item in cart["lineItems"] if item["item"]["id"] == clover.cheese_large]
    assert len(pizzas) == 2 and len(cart["lineItems"]) == 3
    assert pizzas[0]["modifications"] == [{"modifier": {"id": modifier_id}} for modifier_id in clover.topping_ids[:2]]
    assert pizzas[0]["note"] == "well done" and "quantity" not in pizzas[0] and "price" not in pizzas[0]
    assert cart["title"] == "Pickup 6:30 PM – Dana W"
    assert cart["orderType"] == {"id": "PICKUPTYPE001"}
    for fact in ("Dana Whitfield", "+15551234567", "Fri Dec 4, 6:30 PM", "Ring the bell twice", "ref T7-0f3c9a6e6b"):
        assert fact in cart["note"]


def test_a_ticket_for_another_day_names_the_day_in_the_title(clover):
    ticket = {**pizza_order(clover), "business_date": "2026-12-03"}
    assert order_request(ticket, {}, "USD", ZONE)["orderCart"]["title"] == "Pickup Fri Dec 4, 6:30 PM – Dana W"


# ---- catalog --------------------------------------------------------------------------------------------------

def test_catalog_sync_maps_groups_prices_modifiers_stock_and_follows_pages(clover):
    catalog = run(CloverPos(connect(clover), page_size=3).fetch_catalog())
    jsonschema.validate(catalog, {**SCHEMA["properties"]["catalog"], "definitions": SCHEMA["definitions"]})
    items = {item["name"]: item for item in catalog["items"]}
    assert set(items) == {"Cheese Pizza", "Chicken Wings (6)", "Garlic Knots", "Coke Can"}
    pizza = items["Cheese Pizza"]
    assert pizza["id"] == clover.cheese_pizza and pizza["category"] == "Pizza"
    assert pizza["variations"] == [
        {"id": clover.cheese_small, "name": "Small", "price": 10.0},
        {"id": clover.cheese_medium, "name": "Medium", "price": 12.5},
        {"id": clover.cheese_large, "name": "Large", "price": 15.0},
    ]
    assert pizza["modifier_lists"] == [clover.toppings]
    assert items["Chicken Wings (6)"]["variations"] == [{"id": clover.wings, "name": "regular", "price": 8.0}]
    assert items["Coke Can"]["stock"] == 24 and "stock" not in items["Garlic Knots"]
    toppings = next(listed for listed in catalog["modifier_lists"] if listed["id"] == clover.toppings)
    assert [(m["name"], m["price"]) for m in toppings["modifiers"]] == [
        ("Extra cheese", 1.5), ("Mushrooms", 1.25), ("Black olives", 1.25)]
    item_pages = clover.requests_to("GET", f"/v3/merchants/{clover.merchant_id}/items")
    assert [request.query["offset"] for request in item_pages] == ["0", "3", "6", "9"]
    assert item_pages[0].query["expand"] == "modifierGroups,categories,itemStock"
    assert item_pages[0].headers["Authorization"] == "Bearer clover-test-token"


def test_a_playbook_catalog_seeds_the_double_and_syncs_back_under_clover_ids(pizzeria):
    double = CloverDouble.seeded_from_catalog(pizzeria.catalog_data).start()
    try:
        catalog = run(CloverPos(connect(double)).fetch_catalog())
        items = {item["id"]: item for item in catalog["items"]}
        pepperoni = items[double.clover_ids["pepperoni-pizza"]]
        assert pepperoni["name"] == "pepperoni pizza"
        assert [(v["id"], v["name"], v["price"]) for v in pepperoni["variations"]] == [
            (double.clover_ids["pepperoni-pizza-small"], "small", 11.5),
            (double.clover_ids["pepperoni-pizza-medium"], "medium", 14.0),
            (double.clover_ids["pepperoni-pizza-large"], "large", 17.0),
        ]
        assert pepperoni["modifier_lists"] == [double.clover_ids["pizza-extras"]]
        assert items[double.clover_ids["garlic-knots"]]["variations"][0]["price"] == 5.0
        large = double.clover_ids["pepperoni-pizza-large"]
        olives = (double.clover_ids["olives"], "black olives", "1.25")
        ticket = canonical([line(pepperoni["id"], "pepperoni pizza", 1, "17.00", large, "large", [olives])])
        run(CloverPos(connect(double)).push(ticket))
        stored = double.orders[0]["lineItems"]["elements"][0]
        assert stored["item"]["id"] == double.clover_ids["pepperoni-pizza-large"] and stored["price"] == 1700
        assert stored["modifications"]["elements"][0]["amount"] == 125
    finally:
        double.stop()


# ---- orders ---------------------------------------------------------------------------------------------------

def test_pickup_order_is_stored_open_and_unpaid_with_everything_staff_need(clover):
    result = run(CloverPos(connect(clover)).push(pizza_order(clover)))
    [order] = clover.orders
    assert result.pos_id == order["id"] and len(order["id"]) == 13
    assert order["state"] == "open" and order["paymentState"] == "OPEN"
    assert order["orderType"] == {"id": clover.pickup_type}
    assert order["title"] == "Pickup 6:30 PM – Dana W"
    lines = order["lineItems"]["elements"]
    assert [item["item"]["id"] for item in lines] == [clover.cheese_large, clover.cheese_large, clover.wings]
    assert [item["price"] for item in lines] == [1500, 1500, 800]
    assert [m["modifier"]["id"] for m in lines[0]["modifications"]["elements"]] == clover.topping_ids[:2]
    assert lines[1]["note"] == "well done" and "note" not in lines[2]
    assert order["total"] == 2 * (1500 + 150 + 125) + 800
    assert "Dana Whitfield +15551234567" in order["note"] and "unpaid" in order["note"]
    [sent] = clover.requests_to("POST", f"/v3/merchants/{clover.merchant_id}/atomic_order/orders")
    assert sent.headers["Authorization"] == "Bearer clover-test-token"
    assert clover.print_events == []


def test_delivery_order_carries_the_address_and_the_delivery_order_type(clover):
    ticket = pizza_order(clover, kind="delivery_order", address="12 Elm St, Apt 3, Springfield")
    run(CloverPos(connect(clover)).push(ticket))
    [order] = clover.orders
    assert order["orderType"] == {"id": clover.delivery_type}
    assert order["title"].startswith("Delivery 6:30 PM")
    assert "Address: 12 Elm St, Apt 3, Springfield" in order["note"] and "Deliver: Fri Dec 4, 6:30 PM" in order["note"]


def test_an_appointment_becomes_an_order_with_its_window_and_trade_details(clover):
    ticket = canonical([line(clover.garlic_knots, "garlic knots", 1, "5.00", clover.garlic_knots, "regular")],
                       kind="appointment", details={"stylist": "Jasmine", "date_of_birth": "1990-02-01"},
                       scheduled_until=datetime(2026, 12, 4, 19, 15, tzinfo=ZONE))
    run(CloverPos(connect(clover)).push(ticket))
    [order] = clover.orders
    assert order["title"] == "Appointment 6:30 PM – Dana W" and "orderType" not in order
    assert "When: Fri Dec 4, 6:30 PM to 7:15 PM" in order["note"]
    assert "Stylist: Jasmine" in order["note"] and "Date of birth: 1990-02-01" in order["note"]


def test_a_quote_request_without_lines_gets_one_zero_priced_line_naming_it(clover):
    ticket = {**canonical([], kind="quote_request", notes="Price for 40 shirts with a logo"), "scheduled_for": None}
    run(CloverPos(connect(clover)).push(ticket))
    [order] = clover.orders
    assert order["title"] == "Quote request – Dana W"
    assert [(item["name"], item["price"]) for item in order["lineItems"]["elements"]] == [("Quote request", 0)]
    assert "Price for 40 shirts with a logo" in order["note"]


def test_an_order_clover_leaves_without_state_is_opened_so_staff_see_it():
    double = CloverDouble(atomic_state=None).start()
    try:
        result = run(CloverPos(connect(double)).push(pizza_order(double)))
        assert double.orders[0]["state"] == "open"
        [update] = double.requests_to("POST", f"/v3/merchants/{double.merchant_id}/orders/{result.pos_id}")
        assert update.json() == {"state": "open"}
    finally:
        double.stop()


def test_kitchen_ticket_is_printed_when_the_playbook_asks(clover):
    result = run(CloverPos(connect(clover, print_orders="yes")).push(pizza_order(clover)))
    assert [event["orderRef"]["id"] for event in clover.print_events] == [result.pos_id]


# ---- failures -------------------------------------------------------------------------------------------------

def test_a_missing_token_variable_is_permanent_and_named(clover):
    with pytest.raises(PermanentPosError, match=TOKEN_VARIABLE):
        CloverPos(connect(clover, environment={}))


def test_a_wrong_token_is_permanent_and_creates_nothing(clover):
    with pytest.raises(PermanentPosError, match="401") as raised:
        run(CloverPos(connect(clover, token="expired")).push(pizza_order(clover)))
    assert "401 Unauthorized" in str(raised.value) and clover.orders == []


def test_rate_limit_is_transient_with_retry_after(clover):
    clover.fail_next("POST", f"/v3/merchants/{clover.merchant_id}/atomic_order", 429,
                     {"message": "Too Many Requests"}, {"Retry-After": "7"})
    with pytest.raises(TransientPosError) as raised:
        run(CloverPos(connect(clover)).push(pizza_order(clover)))
    assert raised.value.retry_after == 7 and not isinstance(raised.value, UnclearPosError)
    assert clover.orders == []


def test_503_then_a_retry_creates_exactly_one_order(clover):
    clover.fail_next("POST", f"/v3/merchants/{clover.merchant_id}/atomic_order", 503,
                     {"message": "Service Unavailable"})
    adapter = CloverPos(connect(clover))
    ticket = recently_created(pizza_order(clover))
    with pytest.raises(UnclearPosError):
        run(adapter.push(ticket))
    result = run(adapter.push(ticket, retrying=True))
    assert [order["id"] for order in clover.orders] == [result.pos_id]


def test_a_timed_out_order_that_landed_is_found_not_duplicated(clover):
    adapter = CloverPos(connect(clover, timeout=0.5), page_size=2)
    clover.delay_next("POST", f"/v3/merchants/{clover.merchant_id}/atomic_order", 1.5)
    with pytest.raises(UnclearPosError):
        run(adapter.push(recently_created(pizza_order(clover, number=9))))
    landed = clover.orders[0]
    for number in (10, 11, 12):  # newer orders push ours to the second page of the newest-first list
        run(adapter.push(recently_created(pizza_order(clover, number=number, key=f"{number:032x}"))))
    # Retried with the ticket's own (future-dated) created_at: the look-back is capped at Clover's present.
    result = run(adapter.push(pizza_order(clover, number=9), retrying=True))
    assert result.pos_id == landed["id"] and len(clover.orders) == 4
    assert len(clover.requests_to("POST", f"/v3/merchants/{clover.merchant_id}/atomic_order")) == 4
    lookups = clover.requests_to("GET", f"/v3/merchants/{clover.merchant_id}/orders")
    assert lookups[0].query["filter"].startswith("createdTime>=")
    assert [request.query["offset"] for request in lookups] == ["0", "2"]


def test_a_retry_that_finds_nothing_creates_the_order(clover):
    result = run(CloverPos(connect(clover)).push(recently_created(pizza_order(clover)), retrying=True))
    assert [order["id"] for order in clover.orders] == [result.pos_id]


@pytest.mark.parametrize("unknown", ["item", "modifier"])
def test_an_unknown_catalog_id_is_permanent(clover, unknown):
    ticket = pizza_order(clover)
    if unknown == "item":
        ticket["lines"][1]["variation_id"] = "NOSUCHITEM000"
    else:
        ticket["lines"][1]["modifiers"][0]["id"] = "NOSUCHMODIF00"
    with pytest.raises(PermanentPosError, match="NOSUCH"):
        run(CloverPos(connect(clover)).push(ticket))
    assert clover.orders == []


def test_payment_links_and_loyalty_are_not_offered(clover):
    adapter = CloverPos(connect(clover))
    assert adapter.capabilities == frozenset({ORDERS, CATALOG})
    with pytest.raises(UnsupportedByPos, match="clover: no payment links"):
        run(adapter.create_payment_link(pizza_order(clover), Decimal("10.00")))
    with pytest.raises(UnsupportedByPos, match="clover: no loyalty"):
        run(adapter.loyalty_account("+15551234567"))


# ---- the double rejects what Clover rejects -------------------------------------------------------------------

@pytest.mark.parametrize("cart, message", [
    ({"lineItems": [{"note": "no item, no price"}]}, "inventory item id or a price"),
    ({"lineItems": [{"name": "Cake", "price": "25.00"}]}, "integer amount in cents"),
    ({"lineItems": [{"item": {"id": 42}}]}, "object with an id"),
    ({"lineItems": []}, "non-empty"),
    ({"title": 7, "lineItems": [{"name": "Cake", "price": 2500}]}, "title must be a string"),
    ({"orderType": {"id": "NOSUCHTYPE000"}, "lineItems": [{"name": "Cake", "price": 2500}]}, "NOSUCHTYPE000"),
])
def test_the_double_rejects_bad_bodies_with_400_and_a_message(clover, cart, message):
    http = PosHttp("clover", clover.base_url, {"Authorization": "Bearer clover-test-token"})
    with pytest.raises(PermanentPosError, match="400") as raised:
        run(http.call("POST", f"/v3/merchants/{clover.merchant_id}/atomic_order/orders", json_body={"orderCart": cart}))
    assert message in str(raised.value) and clover.orders == []


def test_the_double_answers_401_without_a_bearer_token_and_404_for_an_unknown_order(clover):
    anonymous = PosHttp("clover", clover.base_url, {})
    with pytest.raises(PermanentPosError, match='401: {"message": "401 Unauthorized"}'):
        run(anonymous.call("GET", f"/v3/merchants/{clover.merchant_id}/items"))
    http = PosHttp("clover", clover.base_url, {"Authorization": "Bearer clover-test-token"})
    with pytest.raises(PermanentPosError, match="404"):
        run(http.call("GET", f"/v3/merchants/{clover.merchant_id}/orders/NOSUCHORDER00"))
