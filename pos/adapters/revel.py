"""Revel Systems: orders go in as unpaid web orders through the Weborders cart; the catalog is read from the REST resources.

Revel has one host per merchant (`https://{subdomain}.revelup.com`) and the legacy header
`API-AUTHENTICATION: key:secret`. `POST /specialresources/cart/submit/` is the call Revel's own online ordering
app makes: it creates an Order flagged `web_order`, which staff see in the POS's online/web orders list and which
prints to the kitchen like any online order. The payment type sent is Revel's "no payment" (4, what its own app
sends for "Pay at Store"), so no payment is recorded and the order stays due in full. Revel answers every
request with HTTP 200 and a `{"status": "OK" | "ERROR" | <reason>, "data" | "errorMsg"}` envelope, so a
rejection is read from the body, not the status; 403/404 come back as HTML pages. The body goes out as
`text/plain`: Revel is reported to answer "Unhandled error" to `application/json`.

What the cart cannot carry is written where staff read it: the order's `call_name` (shown on the order list and
tickets, in Revel's own "name / time / phone" style, plus our reference) and `orderInfo.notes` (reference,
UNPAID headline, time, customer, address, trade details, the customer's notes). Pickup and work orders use the
To Go dining option (0) unless `pos.account.dining_option_pickup` says otherwise (8 is the curbside option of
Revel 2.66); delivery uses 2 unless `dining_option_delivery` is set. Appointments, service calls, reservation
holds and quotes have no Revel counterpart (no booking API), so they raise UnsupportedByPos. No payment links,
no loyalty (Revel removed its loyalty resources in 2.66).

Revel takes no idempotency key: our reference goes into `call_name` and `notes`, and a retry first lists the
establishment's recent web orders (`GET /resources/Order/`) and returns the one carrying it.

Products are single-priced in Revel: each product is one catalog item with one variation of the same id;
modifier lists are Revel's modifier classes, linked to products through ProductModifierClass/ProductModifier.

Account settings: `establishment_id` (required), `subdomain` (required unless `base_url` is set),
`dining_option_pickup`, `dining_option_delivery` (optional). Credentials: `api_key`, `api_secret`.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Optional
from zoneinfo import ZoneInfo

from pos.adapters.base import (
    CATALOG, ORDERS, NoCustomerGroups, NoLoyalty, NoPaymentLinks, PermanentPosError, PushResult, UnsupportedByPos,
)
from pos.connection import PosConnection
from pos.http import PosHttp
from pos.staff_text import UNPAID_HEADLINE, WHEN_LABEL, day_and_clock, fact_lines, local, order_reference, when

SUBMIT_PATH = "/specialresources/cart/submit/"
ORDERS_PATH = "/resources/Order/"
PAGE_LIMIT = 200
# Revel stamps orders in the establishment's local time; our clock and Revel's may disagree.
LOOKUP_MARGIN = timedelta(hours=1)

DINING_OPTION_TO_GO = 0
DINING_OPTION_DELIVERY = 2
PAYMENT_TYPE_NO_PAYMENT = 4

CENTS = Decimal("0.01")


@dataclass(frozen=True)
class CartSettings:
    """What a cart needs besides the ticket: where it goes, how the dining options are numbered, whose clock."""

    establishment_id: int
    timezone: ZoneInfo
    dining_option_pickup: int = DINING_OPTION_TO_GO
    dining_option_delivery: int = DINING_OPTION_DELIVERY


def read_error(status: int, body: Any) -> str:
    """The envelope's errorMsg, the title of an HTML error page, or the start of whatever else came back."""
    if isinstance(body, dict):
        message = body.get("errorMsg") or body.get("error_message") or body.get("error")
        return f"{body.get('status', 'ERROR')}: {message}" if message else str(body)[:300]
    if isinstance(body, str) and body.lstrip().startswith("<"):
        title = re.search(r"<title>(.*?)</title>", body, re.IGNORECASE | re.DOTALL)
        return title.group(1).strip() if title else " ".join(re.sub(r"<[^>]+>", " ", body).split()[:20])
    return str(body)[:300] if body else "(empty body)"


def _money(amount: Any) -> float:
    return float(Decimal(str(amount)).quantize(CENTS))


def _revel_id(value: Any, what: str) -> int:
    """Revel ids are integers; a playbook id that is not one was never synced from this POS."""
    text = str(value).strip()
    if not text.isdigit():
        raise PermanentPosError(f"revel: {what} id {value!r} is not a Revel id (sync the catalog from Revel first)")
    return int(text)


def _revel_clock(moment: datetime, zone: ZoneInfo) -> str:
    """Revel keeps the establishment's wall-clock time, without an offset."""
    return moment.astimezone(zone).replace(tzinfo=None, microsecond=0).isoformat()


def _split_name(name: Optional[str]) -> Dict[str, str]:
    parts = (name or "").strip().split(maxsplit=1)
    return {"first_name": parts[0] if parts else "", "last_name": parts[1] if len(parts) > 1 else ""}


def _cart_item(line: Dict[str, Any]) -> Dict[str, Any]:
    """One line as a Weborders cart item: the product at its own price, each modifier priced separately.

    The ticket's unit price already includes the modifiers, so the product's price is what is left. Revel
    products are single-priced, so a size is its own product: the synced catalog gives it as the variation id.
    """
    modifiers = [
        {"modifier": _revel_id(modifier["id"], "modifier"), "qty": 1, "qty_type": 0, "mod_type": 0,
         "modifier_price": _money(modifier["price"])}
        for modifier in line.get("modifiers", [])
    ]
    modifiers_total = sum((Decimal(str(modifier["price"])) for modifier in line.get("modifiers", [])), Decimal(0))
    product_price = Decimal(str(line["unit_price"])) - modifiers_total
    return {
        "product": _revel_id(line.get("variation_id") or line["item_id"], "product"),
        "quantity": int(line["quantity"]),
        "price": _money(max(product_price, Decimal(0))),
        "special_request": line.get("note") or "",
        "modifieritems": modifiers,
    }


def _order_notes(ticket: Dict[str, Any], reference: str, zone: ZoneInfo) -> str:
    kind = ticket["kind"]
    customer = ticket.get("customer") or {}
    lines = [f"{reference} · {UNPAID_HEADLINE[kind]}"]
    lines.append(f"{WHEN_LABEL[kind]}: {when(ticket, zone) or 'ASAP'}")
    who = " · ".join(part for part in (customer.get("name"), customer.get("phone"), customer.get("email")) if part)
    if who:
        lines.append(f"Customer: {who}")
    lines.extend(fact_lines(ticket))
    lines.append(f"Taken by the assistant over {ticket.get('channel', 'phone')}")
    return "\n".join(lines)


def cart_body(ticket: Dict[str, Any], settings: CartSettings, now: datetime) -> Dict[str, Any]:
    """The `cart/submit` body for an order ticket; times are the establishment's local clock, as Revel keeps them."""
    kind = ticket["kind"]
    if kind not in UNPAID_HEADLINE:
        raise UnsupportedByPos(f"revel: a {kind.replace('_', ' ')} cannot be created in Revel (no booking API)")
    if not ticket.get("lines"):
        raise PermanentPosError(f"revel: ticket {ticket.get('number')} has no catalog lines to order")
    reference = order_reference(ticket)
    zone = settings.timezone
    scheduled = local(ticket["scheduled_for"], zone) if ticket.get("scheduled_for") else None
    customer = ticket.get("customer") or {}
    dining_option = settings.dining_option_delivery if kind == "delivery_order" else settings.dining_option_pickup

    revel_customer = {**_split_name(customer.get("name")), "phone": customer.get("phone") or "",
                      "email": customer.get("email") or ""}
    if kind == "delivery_order" and ticket.get("address"):
        revel_customer["address"] = {"address": ticket["address"]}
    call_name = " / ".join(part for part in (
        customer.get("name"), day_and_clock(scheduled) if scheduled else "ASAP", customer.get("phone"), reference,
    ) if part)
    order_info = {
        "dining_option": dining_option,
        "created_date": _revel_clock(now, zone),
        "asap": scheduled is None,
        "call_name": call_name,
        "notes": _order_notes(ticket, reference, zone),
        "customer": revel_customer,
    }
    if scheduled:
        order_info["pickup_time"] = _revel_clock(scheduled, zone)
    return {
        "skin": "weborder",
        "establishmentId": settings.establishment_id,
        "items": [_cart_item(line) for line in ticket["lines"]],
        "orderInfo": order_info,
        "paymentInfo": {"type": PAYMENT_TYPE_NO_PAYMENT, "tip": 0},
    }


def _uri_id(uri: Any) -> Optional[str]:
    """`/resources/Product/12/` → "12" (Tastypie links related objects by URI)."""
    if uri is None:
        return None
    match = re.search(r"(\d+)/?$", str(uri))
    return match.group(1) if match else None


def _is_active(record: Dict[str, Any]) -> bool:
    return record.get("active", True) is not False and record.get("available", True) is not False


def catalog_from(
    products: Iterable[Dict[str, Any]],
    categories: Iterable[Dict[str, Any]],
    modifier_classes: Iterable[Dict[str, Any]],
    modifiers: Iterable[Dict[str, Any]],
    product_modifier_classes: Iterable[Dict[str, Any]],
    product_modifiers: Iterable[Dict[str, Any]],
) -> Dict[str, Any]:
    """Revel's REST objects in the playbook's catalog shape; inactive products, classes and modifiers are left out."""
    category_names = {str(category["id"]): category.get("name") for category in categories}
    active_classes = {str(c["id"]): c for c in modifier_classes if _is_active(c)}
    active_modifiers = {str(m["id"]): m for m in modifiers if _is_active(m) and m.get("price") is not None}

    class_of_link: Dict[str, str] = {}
    classes_of_product: Dict[str, List[str]] = {}
    for link in product_modifier_classes:
        class_id, product_id = _uri_id(link.get("modifier_class")), _uri_id(link.get("product"))
        if not _is_active(link) or class_id not in active_classes or product_id is None:
            continue
        class_of_link[str(link["id"])] = class_id
        classes_of_product.setdefault(product_id, [])
        if class_id not in classes_of_product[product_id]:
            classes_of_product[product_id].append(class_id)

    modifiers_of_class: Dict[str, List[str]] = {}
    for link in product_modifiers:
        class_id = class_of_link.get(_uri_id(link.get("product_modifier_class")) or "")
        modifier_id = _uri_id(link.get("modifier"))
        if class_id is None or modifier_id not in active_modifiers or not _is_active(link):
            continue
        members = modifiers_of_class.setdefault(class_id, [])
        if modifier_id not in members:
            members.append(modifier_id)

    modifier_lists = [
        {"id": class_id, "name": active_classes[class_id].get("name") or f"Modifier class {class_id}",
         "modifiers": [{"id": modifier_id, "name": active_modifiers[modifier_id]["name"],
                        "price": _money(active_modifiers[modifier_id]["price"])} for modifier_id in members]}
        for class_id, members in modifiers_of_class.items() if members
    ]
    listed = {modifier_list["id"] for modifier_list in modifier_lists}

    items = []
    for product in products:
        if not _is_active(product) or product.get("price") is None:
            continue
        product_id = str(product["id"])
        item = {"id": product_id, "name": product["name"],
                "variations": [{"id": product_id, "name": "regular", "price": _money(product["price"])}],
                "modifier_lists": [c for c in classes_of_product.get(product_id, []) if c in listed]}
        category = category_names.get(_uri_id(product.get("category")) or "")
        if category:
            item["category"] = category
        items.append(item)
    return {"items": items, "modifier_lists": modifier_lists}


class RevelPos(NoPaymentLinks, NoLoyalty, NoCustomerGroups):
    """Weborders cart submit for orders, Tastypie REST resources for the catalog and for finding an order again."""

    provider = "revel"
    capabilities = frozenset({ORDERS, CATALOG})

    def __init__(self, connection: PosConnection, clock=lambda: datetime.now(timezone.utc)):
        self.connection = connection
        self.clock = clock
        self._http: Optional[PosHttp] = None

    @property
    def http(self) -> PosHttp:
        """Built on first use, so a missing secret surfaces as a PermanentPosError from the call that needs it."""
        if self._http is None:
            production = self.connection.base_url or f"https://{self.connection.setting('subdomain')}.revelup.com"
            secret = f"{self.connection.secret('api_key')}:{self.connection.secret('api_secret')}"
            self._http = PosHttp.for_connection(
                self.provider, self.connection, production, {"API-AUTHENTICATION": secret}, read_error,
            )
        return self._http

    def _establishment_id(self) -> int:
        return _revel_id(self.connection.setting("establishment_id"), "establishment")

    def _cart_settings(self) -> CartSettings:
        account = self.connection.account
        return CartSettings(
            establishment_id=self._establishment_id(),
            timezone=self.connection.timezone,
            dining_option_pickup=_revel_id(account.get("dining_option_pickup", DINING_OPTION_TO_GO), "dining option"),
            dining_option_delivery=_revel_id(account.get("dining_option_delivery", DINING_OPTION_DELIVERY), "dining option"),
        )

    async def push(self, ticket: Dict[str, Any], retrying: bool = False) -> PushResult:
        body = cart_body(ticket, self._cart_settings(), self.clock())
        if retrying:
            existing = await self._find_order(ticket)
            if existing is not None:
                return PushResult(str(existing["id"]))
        answer = await self.http.call("POST", SUBMIT_PATH, json_body=body, content_type="text/plain")
        data = self._accepted(answer)
        order_id = data.get("orderId") or data.get("order_id") or data.get("id")
        if order_id is None:  # where Revel puts the new order's id is not documented: find it by our reference
            found = await self._find_order(ticket)
            return PushResult(str(found["id"]) if found else order_reference(ticket))
        return PushResult(str(order_id))

    @staticmethod
    def _accepted(answer: Any) -> Dict[str, Any]:
        """Revel says no with HTTP 200 and a status other than OK: a rejected cart that retrying cannot fix."""
        if not isinstance(answer, dict) or answer.get("status") != "OK":
            raise PermanentPosError(f"revel POST {SUBMIT_PATH} rejected the order: {read_error(200, answer)}")
        return answer.get("data") if isinstance(answer.get("data"), dict) else {}

    async def _find_order(self, ticket: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """The web order whose call name or notes carry our reference, among those created since the ticket."""
        reference = order_reference(ticket)
        created = datetime.fromisoformat(ticket["created_at"]) - LOOKUP_MARGIN
        params = {
            "establishment": self._establishment_id(),
            "web_order": "true",
            "created_date__gte": _revel_clock(created, self.connection.timezone),
            "order_by": "-created_date",
        }
        async for order in self._objects(ORDERS_PATH, params):
            if reference in (order.get("call_name") or "") or reference in (order.get("notes") or ""):
                return order
        return None

    async def _objects(self, path: str, params: Dict[str, Any]):
        """Every object of a Tastypie list, following `meta.next` page by page."""
        offset = 0
        while True:
            page = await self.http.call("GET", path, params={**params, "limit": PAGE_LIMIT, "offset": offset})
            if not isinstance(page, dict) or not isinstance(page.get("objects"), list):
                raise PermanentPosError(f"revel GET {path}: expected a list of objects, got {read_error(200, page)}")
            for record in page["objects"]:
                yield record
            meta = page.get("meta") or {}
            if not meta.get("next") or not page["objects"]:
                return
            offset = int(meta.get("offset", offset)) + len(page["objects"])

    async def _all(self, path: str, **params: Any) -> List[Dict[str, Any]]:
        return [record async for record in self._objects(path, params)]

    async def fetch_catalog(self) -> Dict[str, Any]:
        establishment = self._establishment_id()
        return catalog_from(
            products=await self._all("/resources/Product/", establishment=establishment, active="true"),
            categories=await self._all("/products/ProductCategory/", establishment=establishment),
            modifier_classes=await self._all("/resources/ModifierClass/", establishment=establishment),
            modifiers=await self._all("/resources/Modifier/", establishment=establishment, active="true"),
            product_modifier_classes=await self._all("/resources/ProductModifierClass/", establishment=establishment),
            product_modifiers=await self._all("/resources/ProductModifier/", establishment=establishment),
        )
