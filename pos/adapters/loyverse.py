"""Loyverse: orders become receipts recorded under the owner's "pay at pickup" tender; the catalog is read from items.

Loyverse's public API (base `https://api.loyverse.com/v1.0`, so paths here are `/receipts`, `/items`...; a
double or proxy is configured as `pos.base_url` including the `/v1.0` prefix) has no open-ticket or order
queue: `POST /receipts` records a finished sale with a payment. Open tickets exist only inside the POS app.
So an order is recorded as a receipt whose single payment is the tender named by `pos.account.payment_type_id`,
which the owner creates for this purpose (e.g. "Unpaid - pay at pickup", type Other), and whose note starts
with "UNPAID - ..." so nobody reads it as settled. Staff find it in the Back Office receipts report and the POS
app's receipts list; nothing prints and nothing waits in a queue. Everything else the receipt cannot hold
(customer, phone, time, address, trade details, notes) goes into the receipt note.

Only pickup, delivery and work orders become receipts (each needs catalog lines). Appointments, service calls,
reservation holds and quotes are not sales and Loyverse has no booking API, so they raise UnsupportedByPos and
the outbox hands them to staff. Without an idempotency key, the receipt's `order` field carries our reference
and a retry looks it up first. Loyalty points exist but cannot be looked up by phone nor redeemed through the
API, and there are no payment links.

Account settings: `store_id` (required), `payment_type_id` (required to push), `pos_device_id` (optional).
Credential: `access_token` (personal access token or OAuth token).
"""

from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, List, Optional
from zoneinfo import ZoneInfo

from pos.adapters.base import (
    CATALOG, ORDERS, NoCustomerGroups, NoLoyalty, NoPaymentLinks, PermanentPosError, PushResult, UnsupportedByPos,
)
from pos.connection import PosConnection
from pos.http import PosHttp
from pos.staff_text import UNPAID_HEADLINE, WHEN_LABEL, fact_lines, order_reference, when

DEFAULT_BASE_URL = "https://api.loyverse.com/v1.0"
PAGE_LIMIT = 250


@dataclass(frozen=True)
class ReceiptSettings:
    """What a receipt needs besides the ticket: the store, the tender, the device and how times are shown."""

    store_id: str
    payment_type_id: str
    source: str
    timezone: ZoneInfo
    pos_device_id: Optional[str] = None


def read_error(status: int, body: Any) -> str:
    """`{"errors": [{"code", "details", "field"}]}` as one line."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not errors:
        return str(body)[:300] if body else "(empty body)"
    parts = []
    for error in errors:
        text = f"{error.get('code', 'ERROR')}: {error.get('details') or ''}".rstrip(": ")
        parts.append(text + (f" (field {error['field']})" if error.get("field") else ""))
    return "; ".join(parts)


def _money(amount: str) -> float:
    return float(Decimal(str(amount)).quantize(Decimal("0.01")))


def _utc_stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def receipt_note(ticket: Dict[str, Any], zone: ZoneInfo) -> str:
    """The unpaid headline, then who, when and where, the trade's details, the customer's notes and any deposit."""
    customer = ticket.get("customer") or {}
    who = ", ".join(value for value in (customer.get("name"), customer.get("phone")) if value)
    lines = [
        UNPAID_HEADLINE[ticket["kind"]],
        f"Ticket {ticket['number']}" + (f" – {who}" if who else ""),
        f"{WHEN_LABEL[ticket['kind']]}: {when(ticket, zone) or 'ASAP'}",
    ]
    lines.extend(fact_lines(ticket))
    return "\n".join(lines)


def _line_item(line: Dict[str, Any], position: int) -> Dict[str, Any]:
    if not line.get("variation_id"):
        raise PermanentPosError(f"loyverse: line {position + 1} ({line['name']}) has no Loyverse variant id; sync the catalog")
    item = {"variant_id": line["variation_id"], "quantity": line["quantity"], "price": _money(line["unit_price"])}
    if line.get("note"):
        item["line_note"] = line["note"]
    if line.get("modifiers"):
        item["line_modifiers"] = [
            {"modifier_option_id": modifier["id"], "price": _money(modifier["price"])} for modifier in line["modifiers"]
        ]
    return item


def receipt_body(ticket: Dict[str, Any], settings: ReceiptSettings) -> Dict[str, Any]:
    """The `POST /receipts` body for an order ticket; other kinds are not sales and are refused."""
    if ticket["kind"] not in UNPAID_HEADLINE:
        raise UnsupportedByPos(
            f"loyverse: a {ticket['kind'].replace('_', ' ')} is not a sale and Loyverse has no booking API; staff take it by hand"
        )
    if not ticket.get("lines"):
        raise UnsupportedByPos(f"loyverse: a receipt needs at least one catalog item; ticket {ticket['number']} has none")
    body = {
        "store_id": settings.store_id,
        "order": order_reference(ticket),
        "source": settings.source,
        "receipt_date": _utc_stamp(datetime.fromisoformat(ticket["created_at"])),
        "note": receipt_note(ticket, settings.timezone),
        "line_items": [_line_item(line, position) for position, line in enumerate(ticket["lines"])],
        "payments": [{"payment_type_id": settings.payment_type_id}],
    }
    if settings.pos_device_id:
        body["pos_device_id"] = settings.pos_device_id
    return body


def _variation_name(item: Dict[str, Any], variant: Dict[str, Any]) -> str:
    values = [variant.get(f"option{number}_value") for number in (1, 2, 3)]
    return " / ".join(str(value) for value in values if value) or item["item_name"]


def _sellable_variation(item: Dict[str, Any], variant: Dict[str, Any], store_id: str,
                        stock: Dict[str, float]) -> Optional[Dict[str, Any]]:
    """The variant as a variation if it is sold at this store, has a fixed price and (when tracked) is in stock."""
    if variant.get("deleted_at"):
        return None
    here = next((entry for entry in variant.get("stores") or [] if entry.get("store_id") == store_id), None)
    if here is None or not here.get("available_for_sale"):
        return None
    price = here.get("price") if here.get("price") is not None else variant.get("default_price")
    if price is None:
        return None
    if item.get("track_stock") and stock.get(variant["variant_id"], 0) <= 0:
        return None
    return {"id": variant["variant_id"], "name": _variation_name(item, variant), "price": round(float(price), 2)}


def _modifier_list(modifier: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    options = [option for option in modifier.get("modifier_options") or [] if not option.get("deleted_at")]
    if modifier.get("deleted_at") or not options:
        return None
    options.sort(key=lambda option: option.get("position") or 0)
    return {
        "id": modifier["id"],
        "name": modifier["name"],
        "modifiers": [{"id": option["id"], "name": option["name"], "price": round(float(option.get("price") or 0), 2)}
                      for option in options],
    }


def catalog_from(items: List[Dict[str, Any]], modifiers: List[Dict[str, Any]], categories: List[Dict[str, Any]],
                 stock: Dict[str, float], store_id: str) -> Dict[str, Any]:
    """The playbook catalog: deleted, unavailable-here, variable-price and sold-out variants and items left out."""
    modifier_lists = [entry for entry in map(_modifier_list, modifiers) if entry]
    known_lists = {entry["id"] for entry in modifier_lists}
    category_names = {category["id"]: category["name"] for category in categories if not category.get("deleted_at")}
    catalog_items = []
    for item in items:
        if item.get("deleted_at"):
            continue
        variations = [found for variant in item.get("variants") or []
                      if (found := _sellable_variation(item, variant, store_id, stock))]
        if not variations:
            continue
        entry: Dict[str, Any] = {"id": item["id"], "name": item["item_name"]}
        if item.get("category_id") in category_names:
            entry["category"] = category_names[item["category_id"]]
        entry["variations"] = variations
        lists = [list_id for list_id in item.get("modifiers_ids") or [] if list_id in known_lists]
        if lists:
            entry["modifier_lists"] = lists
        if item.get("track_stock"):
            entry["stock"] = min(1_000_000, int(sum(stock[variation["id"]] for variation in variations)))
        catalog_items.append(entry)
    return {"items": catalog_items, "modifier_lists": modifier_lists}


class LoyversePos(NoPaymentLinks, NoLoyalty, NoCustomerGroups):
    provider = "loyverse"
    capabilities = frozenset({ORDERS, CATALOG})

    def __init__(self, connection: PosConnection):
        self.connection = connection
        self._http: Optional[PosHttp] = None

    @property
    def http(self) -> PosHttp:
        """Built on first use, so a missing token surfaces as the push's permanent error naming the variable."""
        if self._http is None:
            self._http = PosHttp.for_connection(
                self.provider, self.connection, DEFAULT_BASE_URL,
                {"Authorization": f"Bearer {self.connection.secret('access_token')}"}, read_error,
            )
        return self._http

    def _store_id(self) -> str:
        return str(self.connection.setting("store_id"))

    def receipt_settings(self) -> ReceiptSettings:
        device = self.connection.account.get("pos_device_id")
        return ReceiptSettings(
            store_id=self._store_id(),
            payment_type_id=str(self.connection.setting("payment_type_id")),
            source=f"{self.connection.business_name} assistant",
            timezone=self.connection.timezone,
            pos_device_id=str(device) if device else None,
        )

    async def push(self, ticket: Dict[str, Any], retrying: bool = False) -> PushResult:
        body = receipt_body(ticket, self.receipt_settings())
        if retrying:
            existing = await self._receipt_with_order(body["order"])
            if existing is not None:
                return PushResult(existing["receipt_number"])
        receipt = await self.http.call("POST", "/receipts", json_body=body)
        return PushResult(receipt["receipt_number"])

    async def _receipt_with_order(self, reference: str) -> Optional[Dict[str, Any]]:
        """Our earlier receipt, if it landed. The `order` filter is checked again here, and only the newest page is
        read: a retry comes minutes after the attempt, so even an ignored filter would find the receipt there."""
        params = {"store_id": self._store_id(), "order": reference, "limit": str(PAGE_LIMIT)}
        page = await self.http.call("GET", "/receipts", params=params)
        return next((receipt for receipt in page.get("receipts") or [] if receipt.get("order") == reference), None)

    async def _all(self, path: str, key: str, params: Optional[Dict[str, str]] = None) -> List[Dict[str, Any]]:
        """Every page of a cursor-paged list."""
        found: List[Dict[str, Any]] = []
        cursor = None
        while True:
            query = {**(params or {}), "limit": str(PAGE_LIMIT), **({"cursor": cursor} if cursor else {})}
            page = await self.http.call("GET", path, params=query)
            found.extend(page.get(key) or [])
            cursor = page.get("cursor")
            if not cursor:
                return found

    async def fetch_catalog(self) -> Dict[str, Any]:
        store_id = self._store_id()
        items = await self._all("/items", "items")
        modifiers = await self._all("/modifiers", "modifiers")
        categories = await self._all("/categories", "categories")
        stock: Dict[str, float] = {}
        if any(item.get("track_stock") for item in items):
            for level in await self._all("/inventory", "inventory_levels", {"store_ids": store_id}):
                if level.get("store_id") == store_id:
                    stock[level["variant_id"]] = float(level.get("in_stock") or 0)
        return catalog_from(items, modifiers, categories, stock, store_id)
