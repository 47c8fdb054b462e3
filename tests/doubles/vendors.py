"""How to put the demo pizzeria on each POS's double: the `pos:` section, the secrets, and how to read orders back.

The crash test and the end-to-end tests use this to run one scenario on every POS.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple
from zoneinfo import ZoneInfo

import yaml

from tests.doubles.clover import CloverDouble
from tests.doubles.eposnow import EposNowDouble
from tests.doubles.loyverse import PAY_AT_PICKUP_ID, STORE_ID, LoyverseDouble
from tests.doubles.revel import RevelDouble
from tests.doubles.server import Double
from tests.doubles.square import LOCATION_ID, TOKEN, SquareDouble

PLAYBOOKS = Path(__file__).resolve().parents[2] / "playbooks"


def demo_playbook(business_id: str = "tonys-pizzeria") -> Dict[str, Any]:
    return yaml.safe_load((PLAYBOOKS / f"{business_id}.yml").read_text())


@dataclass(frozen=True)
class Vendor:
    provider: str
    make_double: Callable[[Dict[str, Any]], Double]
    base_url: Callable[[Double], str]
    credentials: Dict[str, str]
    environment: Dict[str, str]
    account: Dict[str, Any]
    order_call: Tuple[str, str]
    order_id: Callable[[Dict[str, Any]], str]
    # One (variation id, modifier ids) pair per unit sold, read from an order as the double stored it.
    units: Callable[[Double, Dict[str, Any]], List[Tuple[str, List[str]]]]
    orders: Callable[[Double], list] = field(default=lambda double: double.orders)

    def double_for_demo_menu(self, business_id: str = "tonys-pizzeria") -> Double:
        return self.make_double(demo_playbook(business_id)["catalog"])

    def pos_section(self, double: Double, **extra) -> Dict[str, Any]:
        return {"provider": self.provider, "base_url": self.base_url(double), "credentials": dict(self.credentials),
                "account": dict(self.account), "timeout_seconds": 5, **extra}

    @staticmethod
    def today(zone: str = "America/New_York") -> date:
        return datetime.now(ZoneInfo(zone)).date()


def _clover_units(_double, order):
    return [(line["item"]["id"], [m["modifier"]["id"] for m in line["modifications"]["elements"]])
            for line in order["lineItems"]["elements"]]


def _loyverse_units(_double, receipt):
    return [(line["variant_id"], [m["modifier_option_id"] for m in line.get("line_modifiers") or []])
            for line in receipt["line_items"] for _unit in range(int(line["quantity"]))]


def _eposnow_units(_double, transaction):
    return [(str(item["ProductId"]), [str(m["ProductId"]) for m in item.get("MultipleChoiceItems") or []])
            for item in transaction["TransactionItems"] for _unit in range(int(item["Quantity"]))]


def _revel_units(double, order):
    return [(item["product"].rstrip("/").rsplit("/", 1)[-1], [str(m["modifier"]) for m in item["modifieritems"]])
            for item in double.items_of(order) for _unit in range(int(item["quantity"]))]


def _square_units(_double, order):
    return [(line["catalog_object_id"], [m["catalog_object_id"] for m in line.get("modifiers") or []])
            for line in order["line_items"] for _unit in range(int(line["quantity"]))]


VENDORS: Dict[str, Vendor] = {
    "square": Vendor(
        "square", SquareDouble.seeded_from_catalog, lambda double: double.base_url,
        {"access_token": "TEST_SQUARE_TOKEN"}, {"TEST_SQUARE_TOKEN": TOKEN},
        {"location_id": LOCATION_ID}, ("POST", "/v2/orders"), lambda order: order["id"], _square_units,
    ),
    "clover": Vendor(
        "clover", CloverDouble.seeded_from_catalog, lambda double: double.base_url,
        {"access_token": "TEST_CLOVER_TOKEN"}, {"TEST_CLOVER_TOKEN": "clover-test-token"},
        {"merchant_id": "MRCHNT7TONYS1"}, ("POST", "/v3/merchants/MRCHNT7TONYS1/atomic_order/orders"),
        lambda order: order["id"], _clover_units,
    ),
    "loyverse": Vendor(
        "loyverse", LoyverseDouble.seeded_from_catalog, lambda double: double.api_url,
        {"access_token": "TEST_LOYVERSE_TOKEN"}, {"TEST_LOYVERSE_TOKEN": "loyverse-test-token"},
        {"store_id": STORE_ID, "payment_type_id": PAY_AT_PICKUP_ID}, ("POST", "/v1.0/receipts"),
        lambda receipt: receipt["receipt_number"], _loyverse_units,
    ),
    "eposnow": Vendor(
        "eposnow", EposNowDouble.seeded_from_catalog, lambda double: double.base_url,
        {"api_key": "TEST_EPOSNOW_KEY", "api_secret": "TEST_EPOSNOW_SECRET"},
        {"TEST_EPOSNOW_KEY": "EPOSKEY", "TEST_EPOSNOW_SECRET": "EPOSSECRET"},
        {"status_id": 2}, ("POST", "/api/v4/Transaction"), lambda transaction: str(transaction["Id"]),
        _eposnow_units,
    ),
    "revel": Vendor(
        "revel", RevelDouble.seeded_from_catalog, lambda double: double.base_url,
        {"api_key": "TEST_REVEL_KEY", "api_secret": "TEST_REVEL_SECRET"},
        {"TEST_REVEL_KEY": "revel-key", "TEST_REVEL_SECRET": "revel-secret"},
        {"establishment_id": 1}, ("POST", "/specialresources/cart/submit/"), lambda order: str(order["id"]),
        _revel_units,
    ),
}


def business_on(vendor: Vendor, double: Double, directory: Path, business_id: str = "tonys-pizzeria") -> Tuple[Path, Path]:
    """A playbooks folder holding the demo business switched to `vendor` (its POS section only), and an empty
    synced-catalog folder."""
    playbooks, catalogs = directory / "playbooks", directory / "catalogs"
    playbooks.mkdir(parents=True, exist_ok=True)
    catalogs.mkdir(parents=True, exist_ok=True)
    data = demo_playbook(business_id)
    data["pos"] = vendor.pos_section(double)
    (playbooks / f"{business_id}.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return playbooks, catalogs
