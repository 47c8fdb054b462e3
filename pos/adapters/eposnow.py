"""Epos Now: a ticket becomes an unpaid API transaction on the till; the catalog comes from products and groups.

What the API is known to take (pos-apis.md §4, third-party clients; nothing here was tried on a live account):
`POST /api/v4/Transaction` with PascalCase fields, ids as integers and money as decimal major units, Basic auth
over the API device's key and secret. API transactions are recorded against the API device (`Device: "API"`).
A transaction is sent WITHOUT Tenders, so it is never recorded as paid; `StatusId` is the account's own status
for an open/unpaid order (`GET /api/v4/TransactionStatus` lists them; third-party code treats 1 as "Completed"),
so the playbook must name it: there is no safe default. Whether the till then lists it as an open order to take
payment on is not documented anywhere found; check it on the business's till. Epos Now takes no idempotency key: our
reference goes into `ReferenceCode`, a `Reference` detail and the first line's note (one real sample echoed
`ReferenceCode` as null), and a retry looks for it among recent transactions before creating another.
"""

import base64
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Optional
from zoneinfo import ZoneInfo

from pos.adapters.base import (
    CATALOG,
    ORDERS,
    NoCustomerGroups,
    NoLoyalty,
    NoPaymentLinks,
    PermanentPosError,
    PushResult,
    TransientPosError,
    UnsupportedByPos,
)
from pos.connection import PosConnection
from pos.http import PosHttp
from pos.staff_text import KIND_LABELS, facts, local, order_reference, when

DEFAULT_BASE_URL = "https://api.eposnowhq.com"
API = "/api/v4"
PAGE_SIZE = 200
# A retry looks through at most this many pages of the transactions around the ticket's time (200 a page).
LOOKUP_PAGES = 5
LOOKUP_BEFORE = timedelta(hours=6)
LOOKUP_AFTER = timedelta(days=1)
LOCAL_TIME = "%Y-%m-%dT%H:%M:%S"

# Service types seen in third-party V4 clients: 0 eat in, 1 takeaway, 2 delivery; a playbook may override them.
TAKEAWAY = 1
DELIVERY = 2

BOOKING_KINDS = ("appointment", "reservation_hold")


@dataclass(frozen=True)
class TransactionSettings:
    """The account's own ids a transaction needs, from the playbook's `pos.account`."""

    status_id: int
    service_type_pickup: int = TAKEAWAY
    service_type_delivery: int = DELIVERY
    device_id: Optional[int] = None


def _money(amount: Decimal) -> float:
    return float(amount.quantize(Decimal("0.01")))


def _product_id(value: Any, what: str) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        raise PermanentPosError(
            f"Epos Now: {what} id {value!r} is not an Epos Now product id; sync the catalog from Epos Now first"
        ) from None


def _details(ticket: Dict[str, Any], reference: str, label: str, zone: ZoneInfo) -> List[Dict[str, str]]:
    """Everything the transaction has no field for, as Name/Value pairs staff read on the transaction."""
    customer = ticket.get("customer") or {}
    pairs = [
        ("Reference", reference),
        ("Order type", f"{label} (ticket #{ticket['number']}, by {ticket['channel']})"),
        ("Customer", customer.get("name")),
        ("Phone", customer.get("phone")),
        ("Email", customer.get("email")),
        (f"{label} time" if label in ("Pickup", "Delivery") else "Scheduled for", when(ticket, zone)),
        *facts(ticket),
        ("Payment", "Not paid: nothing was taken when the order was placed"),
    ]
    return [{"Name": name, "Value": str(value)} for name, value in pairs if value not in (None, "")]


def _items(ticket: Dict[str, Any], header: str) -> List[Dict[str, Any]]:
    items = []
    for index, line in enumerate(ticket["lines"]):
        modifiers = line.get("modifiers") or []
        base = Decimal(line["unit_price"]) - sum((Decimal(m["price"]) for m in modifiers), Decimal("0"))
        if base < 0:
            raise PermanentPosError(f"Epos Now: line {line['name']!r} costs less than its modifiers")
        note = " | ".join(part for part in (header if index == 0 else "", line.get("note") or "") if part)
        item = {
            "ProductId": _product_id(line.get("variation_id") or line["item_id"], line["name"]),
            "Quantity": int(line["quantity"]),
            "UnitPrice": _money(base),
            # One modifier per unit of its line; whether Epos Now multiplies it by the line's quantity is unconfirmed.
            "MultipleChoiceItems": [
                {"ProductId": _product_id(m["id"], m["name"]), "Quantity": 1, "UnitPrice": _money(Decimal(m["price"]))}
                for m in modifiers
            ],
        }
        if note:
            item["Notes"] = note
        items.append(item)
    return items


def transaction_body(ticket: Dict[str, Any], settings: TransactionSettings, zone: ZoneInfo) -> Dict[str, Any]:
    """The `POST /api/v4/Transaction` body for an order ticket: unpaid (no Tenders), under the account's open status."""
    label = KIND_LABELS[ticket["kind"]]
    if not ticket.get("lines"):
        raise UnsupportedByPos(f"Epos Now: a transaction needs at least one product; this {label.lower()} has none")
    reference = order_reference(ticket)
    scheduled = when(ticket, zone)
    name = (ticket.get("customer") or {}).get("name")
    header = " | ".join(part for part in (reference, f"{label} {scheduled}" if scheduled else label, name) if part)
    delivery = ticket["kind"] == "delivery_order"
    total = sum((Decimal(line["unit_price"]) * int(line["quantity"]) for line in ticket["lines"]), Decimal("0"))
    body = {
        "DateTime": local(ticket["created_at"], zone).strftime(LOCAL_TIME),
        "StatusId": settings.status_id,
        "ServiceType": settings.service_type_delivery if delivery else settings.service_type_pickup,
        "ReferenceCode": reference,
        "TotalAmount": _money(total),
        "TransactionItems": _items(ticket, header),
        "TransactionDetails": _details(ticket, reference, label, zone),
    }
    if settings.device_id is not None:
        body["DeviceId"] = settings.device_id
    return body


def is_ours(transaction: Dict[str, Any], reference: str) -> bool:
    """True when a listed transaction carries our reference in any of the three places we put it."""
    if transaction.get("ReferenceCode") == reference:
        return True
    details = transaction.get("TransactionDetails") or []
    if any(detail.get("Name") == "Reference" and detail.get("Value") == reference for detail in details):
        return True
    return any((item.get("Notes") or "").startswith(reference) for item in transaction.get("TransactionItems") or [])


def read_error(status: int, body: Any) -> str:
    """Epos Now runs on ASP.NET, so `{"Message", "ModelState"}` is the likely shape; lists and text are read too."""
    prefix = "credentials refused (check pos.credentials api_key/api_secret): " if status == 401 else ""
    if isinstance(body, dict):
        parts = [str(body.get("Message") or body.get("message") or "")]
        for field, messages in (body.get("ModelState") or {}).items():
            parts.append(f"{field}: {'; '.join(map(str, messages if isinstance(messages, list) else [messages]))}")
        if body.get("ExceptionMessage"):
            parts.append(str(body["ExceptionMessage"]))
        text = " ".join(part for part in parts if part)
    elif isinstance(body, list):
        text = "; ".join(
            " ".join(str(entry.get(key)) for key in ("Field", "Message") if isinstance(entry, dict) and entry.get(key))
            or str(entry)
            for entry in body
        )
    else:
        text = (body or "").strip() if isinstance(body, str) else ""
    return prefix + (text[:300] or "(empty body)")


def _price(product: Dict[str, Any]) -> float:
    return _money(Decimal(str(product.get("SalePrice") or 0)))


def _variation_name(product: Dict[str, Any]) -> str:
    return str(product.get("Size") or "").strip() or "regular"


def _item_name(product: Dict[str, Any]) -> str:
    """Sizes are separate products in Epos Now; the size joins the name so "cheese pizza (large)" is its own item."""
    name, size = str(product["Name"]).strip(), str(product.get("Size") or "").strip()
    return f"{name} ({size})" if size and size.lower() not in name.lower() else name


def _sellable(product: Dict[str, Any]) -> bool:
    """Archived, off-the-till and open-price products are left out: the assistant must not offer or price them."""
    return not product.get("IsArchived") and product.get("SellOnTill", True) and not product.get("IsVariablePrice")


def catalog_from(
    categories: Iterable[Dict[str, Any]],
    products: Iterable[Dict[str, Any]],
    groups: Iterable[Dict[str, Any]],
    product_groups: Iterable[Dict[str, Any]],
) -> Dict[str, Any]:
    """The playbook catalog: one item per sellable product (one variation, same id); groups become modifier lists.

    Group members come from `MultipleChoiceProductGroupItems[].ProductId` (field name unconfirmed) and are priced by
    their own product's SalePrice; products that are group members are offered only as modifiers.
    """
    category_names = {c["Id"]: c["Name"] for c in categories}
    products_by_id = {p["Id"]: p for p in products}
    modifier_lists, member_ids = [], set()
    for group in groups:
        ids = [entry.get("ProductId") for entry in group.get("MultipleChoiceProductGroupItems") or []]
        member_ids.update(ids)
        modifiers = [
            {"id": str(p["Id"]), "name": str(p["Name"]), "price": _price(p)}
            for p in (products_by_id.get(product_id) for product_id in ids)
            if p is not None and _sellable(p)
        ]
        if modifiers:
            modifier_lists.append({"id": str(group["Id"]), "name": str(group["Name"]), "modifiers": modifiers})
    offered_lists = {entry["id"] for entry in modifier_lists}
    lists_by_product = {
        link["ProductId"]: [str(g["Id"]) for g in link.get("Groups") or [] if str(g["Id"]) in offered_lists]
        for link in product_groups
    }
    items = []
    for product in products_by_id.values():
        if product["Id"] in member_ids or not _sellable(product):
            continue
        item = {
            "id": str(product["Id"]),
            "name": _item_name(product),
            "variations": [{"id": str(product["Id"]), "name": _variation_name(product), "price": _price(product)}],
            "modifier_lists": lists_by_product.get(product["Id"], []),
        }
        if product.get("CategoryId") in category_names:
            item["category"] = str(category_names[product["CategoryId"]])
        items.append(item)
    return {"items": items, "modifier_lists": modifier_lists}


def _account_int(connection: PosConnection, name: str, default: Optional[int] = None) -> Optional[int]:
    value = connection.account.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise PermanentPosError(
            f"{connection.business_id}: pos.account.{name} must be an Epos Now id, not {value!r}"
        ) from None


class EposNowPos(NoPaymentLinks, NoLoyalty, NoCustomerGroups):
    """Orders and catalog sync. No bookings, payment links or loyalty: see the README's Epos Now row for why."""

    provider = "eposnow"
    capabilities = frozenset({ORDERS, CATALOG})

    def __init__(self, connection: PosConnection, page_size: int = PAGE_SIZE):
        self.connection = connection
        self.page_size = page_size
        token = base64.b64encode(f"{connection.secret('api_key')}:{connection.secret('api_secret')}".encode()).decode()
        self.http = PosHttp.for_connection(
            self.provider, connection, DEFAULT_BASE_URL, {"Authorization": f"Basic {token}"}, read_error,
        )

    def settings(self) -> TransactionSettings:
        status_id = _account_int(self.connection, "status_id")
        if status_id is None:
            raise PermanentPosError(
                f"{self.connection.business_id}: pos.account.status_id is missing; set it to the Epos Now transaction "
                "status staff see as an open, unpaid order (GET /api/v4/TransactionStatus lists them)"
            )
        return TransactionSettings(
            status_id=status_id,
            service_type_pickup=_account_int(self.connection, "service_type_pickup", TAKEAWAY),
            service_type_delivery=_account_int(self.connection, "service_type_delivery", DELIVERY),
            device_id=_account_int(self.connection, "device_id"),
        )

    async def _call(self, method: str, path: str, **kwargs) -> Any:
        """One API call; "API Limit Exceeded" comes back as a 4xx, and is a wait, not a refusal."""
        try:
            return await self.http.call(method, API + path, **kwargs)
        except TransientPosError:
            raise
        except PermanentPosError as error:
            if "api limit exceeded" in str(error).lower():
                raise TransientPosError(str(error)) from error
            raise

    async def _pages(self, path: str, params: Optional[Dict[str, Any]] = None, limit: Optional[int] = None):
        page = 1
        while limit is None or page <= limit:
            rows = await self._call("GET", path, params={**(params or {}), "page": page})
            if not isinstance(rows, list):
                raise PermanentPosError(f"Epos Now GET {path} answered {type(rows).__name__}, not a list")
            yield rows
            if len(rows) < self.page_size:
                return
            page += 1

    async def _all(self, path: str) -> List[Dict[str, Any]]:
        return [row async for rows in self._pages(path) for row in rows]

    async def _find(self, ticket: Dict[str, Any]) -> Optional[str]:
        """The Id of a transaction an earlier attempt created: the latest ones first, then the ticket's time window."""
        reference = order_reference(ticket)
        latest = await self._call("GET", "/Transaction/GetLatest")
        for transaction in latest if isinstance(latest, list) else []:
            if is_ours(transaction, reference):
                return str(transaction["Id"])
        created = local(ticket["created_at"], self.connection.timezone).replace(tzinfo=None)
        window = {
            "startDate": (created - LOOKUP_BEFORE).strftime(LOCAL_TIME),
            "endDate": (created + LOOKUP_AFTER).strftime(LOCAL_TIME),
        }
        async for rows in self._pages("/Transaction/GetByDate", window, limit=LOOKUP_PAGES):
            for transaction in rows:
                if is_ours(transaction, reference):
                    return str(transaction["Id"])
        return None

    async def push(self, ticket: Dict[str, Any], retrying: bool = False) -> PushResult:
        if ticket["kind"] in BOOKING_KINDS:
            raise UnsupportedByPos(
                f"Epos Now: {ticket['kind']} tickets are not pushed (no bookings); staff book it by hand"
            )
        body = transaction_body(ticket, self.settings(), self.connection.timezone)
        if retrying:
            existing = await self._find(ticket)
            if existing is not None:
                return PushResult(existing)
        created = await self._call("POST", "/Transaction", json_body=body)
        if not isinstance(created, dict) or "Id" not in created:
            raise PermanentPosError(f"Epos Now POST /Transaction answered without an Id: {str(created)[:200]}")
        return PushResult(str(created["Id"]))

    async def fetch_catalog(self) -> Dict[str, Any]:
        return catalog_from(
            await self._all("/Category"),
            await self._all("/Product"),
            await self._all("/MultipleChoiceProduct/Group"),
            await self._all("/MultipleChoiceProduct"),
        )
