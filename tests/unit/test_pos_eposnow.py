"""Contract tests: the Epos Now adapter against the local Epos Now double (what it sends, what the double stored)."""

import asyncio
import base64
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from playbooks.loader import with_synced_catalog
from pos.adapters.base import CATALOG, ORDERS, PermanentPosError, TransientPosError, UnclearPosError, UnsupportedByPos
from pos.adapters.eposnow import EposNowPos, TransactionSettings, transaction_body
from pos.connection import PosConnection
from pos.staff_text import order_reference
from tests.doubles.eposnow import EposNowDouble
from tests.doubles.tickets import canonical, line

ZONE = ZoneInfo("America/New_York")
PIZZERIA = Path(__file__).resolve().parents[2] / "playbooks" / "tonys-pizzeria.yml"
ENVIRONMENT = {"EPOS_KEY": "EPOSKEY", "EPOS_SECRET": "EPOSSECRET"}


def connection(double, environment=ENVIRONMENT, account=None, timeout=2.0):
    return PosConnection(
        provider="eposnow", business_id="tonys-pizzeria", business_name="Tony's Pizzeria", currency="USD",
        timezone=ZONE, base_url=double.base_url,
        account={"status_id": 4, "device_id": "33122"} if account is None else account,
        credential_names={"api_key": "EPOS_KEY", "api_secret": "EPOS_SECRET"},
        timeout_seconds=timeout, environment=environment,
    )


@pytest.fixture
def double():
    server = EposNowDouble(page_size=5).start()
    yield server
    server.stop()


def adapter(double, **options):
    return EposNowPos(connection(double, **options), page_size=double.page_size)


def run(coroutine):
    return asyncio.run(coroutine)


def pizza_order(**options):
    return canonical(
        [
            line("14944174", "Margherita Pizza (Large)", 2, "17.75", "14944174", "Large",
                 [("14944081", "Extra Cheese", "1.50"), ("14944083", "Jalapenos", "1.25")], note="well done"),
            line("14944300", "Cola Can", 1, "2.00", "14944300", "regular"),
        ],
        **options,
    )


def posted(double):
    return [request.json() for request in double.requests_to("POST", "/api/v4/Transaction")]


def detail(transaction, name):
    return next(d["Value"] for d in transaction["TransactionDetails"] if d["Name"] == name)


def test_declares_orders_and_catalog_only(double):
    assert adapter(double).capabilities == frozenset({ORDERS, CATALOG})


def test_catalog_sync_maps_products_groups_and_leaves_out_what_cannot_be_sold(double):
    catalog = run(adapter(double).fetch_catalog())

    items = {item["name"]: item for item in catalog["items"]}
    assert items["Margherita Pizza (Large)"] == {
        "id": "14944174", "name": "Margherita Pizza (Large)", "category": "Pizza",
        "variations": [{"id": "14944174", "name": "Large", "price": 15.0}], "modifier_lists": ["301"],
    }
    assert items["Chicken Wings 6 Piece"]["variations"] == [{"id": "14944200", "name": "regular", "price": 8.0}]
    assert items["Chicken Wings 6 Piece"]["modifier_lists"] == ["302"]
    assert items["Cola Can"]["category"] == "Drinks" and items["Cola Can"]["modifier_lists"] == []
    assert not {"Calzone", "Garlic Bread", "Open Food", "Extra Cheese", "BBQ Sauce"} & set(items)
    lists = {entry["id"]: entry for entry in catalog["modifier_lists"]}
    assert lists["301"]["name"] == "Pizza Toppings"
    assert lists["301"]["modifiers"][0] == {"id": "14944081", "name": "Extra Cheese", "price": 1.5}
    assert [m["name"] for m in lists["302"]["modifiers"]] == ["Buffalo Sauce", "BBQ Sauce"]
    product_pages = [r.query["page"] for r in double.requests_to("GET", "/api/v4/Product")]
    assert product_pages == ["1", "2", "3"]
    assert all(r.headers["Authorization"] == "Basic " + base64.b64encode(b"EPOSKEY:EPOSSECRET").decode()
               for r in double.requests)


def test_pickup_order_is_an_unpaid_transaction_with_modifiers_notes_and_details(double):
    ticket = pizza_order(notes="ring the bell")
    result = run(adapter(double).push(ticket))

    stored = double.orders[-1]
    assert result.pos_id == str(stored["Id"])
    sent = posted(double)[0]
    reference = order_reference(ticket)
    assert sent["ReferenceCode"] == reference == "T7-0f3c9a6e6b"
    assert "Tenders" not in sent and stored["Tenders"] == []
    assert sent["StatusId"] == 4 and sent["ServiceType"] == 1 and sent["DeviceId"] == 33122
    assert sent["DateTime"] == "2026-12-04T17:50:00"
    assert sent["TotalAmount"] == 37.5 == stored["TotalAmount"]
    pizza, cola = stored["TransactionItems"]
    assert (pizza["ProductId"], pizza["Quantity"], pizza["UnitPrice"]) == (14944174, 2, 15.0)
    assert pizza["MultipleChoiceItems"] == [
        {"ProductId": 14944081, "Quantity": 1, "UnitPrice": 1.5},
        {"ProductId": 14944083, "Quantity": 1, "UnitPrice": 1.25},
    ]
    assert pizza["Notes"] == f"{reference} | Pickup Fri Dec 4, 6:30 PM | Dana Whitfield | well done"
    assert (cola["ProductId"], cola["Quantity"], cola["UnitPrice"], cola["Notes"]) == (14944300, 1, 2.0, None)
    assert detail(stored, "Customer") == "Dana Whitfield"
    assert detail(stored, "Phone") == "+15551234567"
    assert detail(stored, "Pickup time") == "Fri Dec 4, 6:30 PM"
    assert detail(stored, "Notes") == "ring the bell"
    assert detail(stored, "Payment").startswith("Not paid")


def test_delivery_order_carries_the_address_and_the_delivery_service_type(double):
    ticket = pizza_order(kind="delivery_order", address="12 Elm St, Apt 3", number=8)
    run(adapter(double, account={"status_id": "4", "service_type_delivery": "2"}).push(ticket))

    stored = double.orders[-1]
    assert stored["ServiceType"] == 2 and stored["DeviceId"] == 33122
    assert detail(stored, "Address") == "12 Elm St, Apt 3"
    assert detail(stored, "Delivery time") == "Fri Dec 4, 6:30 PM"
    assert stored["TransactionItems"][0]["Notes"].startswith("T8-0f3c9a6e6b | Delivery Fri Dec 4, 6:30 PM")


def test_work_order_puts_trade_details_on_the_transaction(double):
    ticket = canonical([line("14944300", "Cola Can", 1, "2.00")], kind="work_order", number=9,
                       details={"device": "iPhone 13", "symptom": "cracked screen"})
    run(adapter(double).push(ticket))

    stored = double.orders[-1]
    assert detail(stored, "Device") == "iPhone 13" and detail(stored, "Symptom") == "cracked screen"
    assert detail(stored, "Order type") == "Work order (ticket #9, by sms)"
    assert detail(stored, "Scheduled for") == "Fri Dec 4, 6:30 PM"


@pytest.mark.parametrize("kind", ["appointment", "reservation_hold"])
def test_bookings_are_not_pushed_so_staff_are_alerted(double, kind):
    with pytest.raises(UnsupportedByPos, match="no bookings"):
        run(adapter(double).push(pizza_order(kind=kind)))
    assert double.orders == []


def test_a_ticket_without_products_cannot_become_a_transaction(double):
    with pytest.raises(UnsupportedByPos, match="at least one product"):
        run(adapter(double).push(canonical([], kind="quote_request")))


def test_missing_status_id_is_a_permanent_error_that_says_what_to_set(double):
    with pytest.raises(PermanentPosError, match="pos.account.status_id"):
        run(adapter(double, account={}).push(pizza_order()))


def test_payment_links_and_loyalty_are_unsupported(double):
    pos = adapter(double)
    with pytest.raises(UnsupportedByPos, match="eposnow: no payment links"):
        run(pos.create_payment_link(pizza_order(), None))
    with pytest.raises(UnsupportedByPos, match="eposnow: no loyalty"):
        run(pos.loyalty_account("+15551234567"))


def test_missing_secret_names_the_environment_variable(double):
    with pytest.raises(PermanentPosError, match="EPOS_SECRET"):
        EposNowPos(connection(double, environment={"EPOS_KEY": "EPOSKEY"}))


def test_wrong_credentials_are_permanent(double):
    pos = EposNowPos(connection(double, environment={"EPOS_KEY": "EPOSKEY", "EPOS_SECRET": "wrong"}))
    with pytest.raises(PermanentPosError, match="401.*credentials refused.*Authorization has been denied"):
        run(pos.push(pizza_order()))
    assert double.orders == []


def test_unknown_product_is_rejected_permanently(double):
    ticket = canonical([line("99999999", "Ghost Pizza", 1, "9.00", "99999999", "regular")])
    with pytest.raises(PermanentPosError, match="400.*Product 99999999 does not exist"):
        run(adapter(double).push(ticket))
    assert double.orders == []


def test_unknown_modifier_is_rejected_permanently(double):
    ticket = canonical([line("14944172", "Margherita Pizza (Small)", 1, "11.00", "14944172", "Small",
                             [("88888888", "Gold Leaf", "1.00")])])
    with pytest.raises(PermanentPosError, match="MultipleChoiceItems.*88888888"):
        run(adapter(double).push(ticket))


def test_a_playbook_id_that_is_not_an_epos_now_id_is_permanent(double):
    with pytest.raises(PermanentPosError, match="sync the catalog"):
        run(adapter(double).push(canonical([line("cheese-pizza", "cheese pizza", 1, "10.00", "cheese-pizza-small")])))


def test_rate_limit_429_is_transient_with_retry_after(double):
    double.fail_next("POST", "/api/v4/Transaction", 429, {"Message": "API Limit Exceeded"}, {"Retry-After": "30"})
    with pytest.raises(TransientPosError) as raised:
        run(adapter(double).push(pizza_order()))
    assert raised.value.retry_after == 30 and not isinstance(raised.value, UnclearPosError)


def test_api_limit_exceeded_on_a_4xx_is_transient(double):
    double.fail_next("GET", "/api/v4/Product", 403, {"Message": "API Limit Exceeded"})
    with pytest.raises(TransientPosError, match="API Limit Exceeded"):
        run(adapter(double).fetch_catalog())


def test_503_then_retry_creates_exactly_one_transaction(double):
    pos, ticket = adapter(double), pizza_order()
    double.fail_next("POST", "/api/v4/Transaction", 503, "Service Unavailable")
    with pytest.raises(UnclearPosError):
        run(pos.push(ticket))

    result = run(pos.push(ticket, retrying=True))
    assert len(double.orders) == 1 and result.pos_id == str(double.orders[0]["Id"])
    assert double.requests_to("GET", "/api/v4/Transaction/GetLatest")


def test_timeout_then_retry_finds_the_transaction_instead_of_duplicating_it(double):
    pos, ticket = adapter(double, timeout=0.5), pizza_order()
    double.delay_next("POST", "/api/v4/Transaction", 1.5)
    with pytest.raises(UnclearPosError):
        run(pos.push(ticket))

    result = run(pos.push(ticket, retrying=True))
    assert len(double.orders) == 1 and result.pos_id == str(double.orders[0]["Id"])
    assert len(posted(double)) == 1


def test_retry_finds_an_older_transaction_by_date_from_the_line_note_alone():
    server = EposNowDouble(page_size=2, latest_count=1, details_in_lists=False).start()
    try:
        pos, ticket = adapter(server), pizza_order()
        for number in (20, 21, 22):
            run(pos.push(pizza_order(number=number, key=f"{number:032x}")))
        first = run(pos.push(ticket))
        run(pos.push(pizza_order(number=23, key=f"{23:032x}")))

        again = run(pos.push(ticket, retrying=True))
        assert again == first and len(server.orders) == 5
        assert [r.query["page"] for r in server.requests_to("GET", "/api/v4/Transaction/GetByDate")] == ["1", "2"]
    finally:
        server.stop()


def test_transaction_body_is_a_pure_mapping():
    body = transaction_body(pizza_order(), TransactionSettings(status_id=4), ZONE)
    assert body["StatusId"] == 4 and body["ServiceType"] == 1 and "DeviceId" not in body
    assert [d["Name"] for d in body["TransactionDetails"]][:3] == ["Reference", "Order type", "Customer"]


def test_seeded_from_catalog_gives_vendor_ids_the_adapter_syncs_back(pizzeria, tmp_path):
    section = yaml.safe_load(PIZZERIA.read_text())["catalog"]
    server = EposNowDouble.seeded_from_catalog(section).start()
    try:
        catalog = run(adapter(server).fetch_catalog())
        items = {item["name"]: item for item in catalog["items"]}
        assert {"cheese pizza (small)", "cheese pizza (large)", "chicken wings (6 piece)"} <= set(items)
        large = items["cheese pizza (large)"]
        assert len(large["id"]) == 8 and large["variations"] == [{"id": large["id"], "name": "large", "price": 15.0}]
        extras = next(entry for entry in catalog["modifier_lists"] if entry["id"] in large["modifier_lists"])
        assert extras["name"] == "Pizza extras"
        assert ("extra cheese", 1.5) in [(m["name"], m["price"]) for m in extras["modifiers"]]
        assert len(catalog["items"]) == sum(len(item["variations"]) for item in section["items"])
        synced = tmp_path / "synced.yml"
        synced.write_text(yaml.safe_dump({"catalog": catalog}))
        assert len(with_synced_catalog(pizzeria, synced).catalog_data["items"]) == len(section["items"])
    finally:
        server.stop()
