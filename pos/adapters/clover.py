"""Clover: tickets become open, unpaid orders in the merchant's Orders app; the inventory is the catalog.

Clover's `/v3` API has no quantity on a line item (two pizzas are two line items), no idempotency key and
no field for a pickup time or the customer's contact, so the order carries a short `title` staff read in
the Orders app and a `note` with who, when, where and our reference; a retried push looks that reference up
among recent orders before creating anything. Clover has no booking API for third parties: every ticket kind
becomes an order, its appointment or window written into the title and note.
"""

import logging
import time
from datetime import datetime
from decimal import Decimal
from typing import Any, AsyncIterator, Dict, List, Optional
from zoneinfo import ZoneInfo

from pos.adapters.base import (
    CATALOG, ORDERS, NoCustomerGroups, NoLoyalty, NoPaymentLinks, PermanentPosError, PushResult, TransientPosError,
)
from pos.connection import PosConnection
from pos.http import PosHttp
from pos.staff_text import KIND_LABELS, day_and_clock, fact_lines, local, order_reference, short_name, when
from scheduling.formatting import clock

logger = logging.getLogger(__name__)

# North America; the sandbox (https://apisandbox.dev.clover.com) and EU/LATAM hosts go in `pos.base_url`.
PRODUCTION_URL = "https://api.clover.com"
PAGE_SIZE = 100
# How far before the ticket's creation a retried push looks for the order it may already have made.
LOOKBACK_MS = 60 * 60 * 1000

# The merchant's order type per kind, named in the playbook's `pos.account`; kinds without one get none.
ORDER_TYPE_SETTINGS = {"pickup_order": "order_type_pickup", "delivery_order": "order_type_delivery"}
FALSE_WORDS = {"", "0", "false", "no", "off"}


def read_clover_error(status: int, body: Any) -> str:
    """Clover answers errors with `{"message": ...}`; a 401 means a bad token or a permission the app lacks."""
    if isinstance(body, dict) and body.get("message"):
        message = str(body["message"])
    elif isinstance(body, str) and body.strip():
        message = body.strip()[:300]
    else:
        message = "(no message)"
    if status == 401:
        message += " (check the access token and that the app has ORDERS_W and INVENTORY_R)"
    return message


def _title(ticket: Dict[str, Any], zone: ZoneInfo) -> str:
    """'Pickup 6:30 PM – Dana W': the line staff scan in the Orders app; the day is added when it is not today."""
    label = KIND_LABELS[ticket["kind"]]
    if ticket.get("scheduled_for"):
        moment = local(ticket["scheduled_for"], zone)
        same_day = moment.date().isoformat() == ticket.get("business_date")
        label += " " + (clock(moment) if same_day else day_and_clock(moment))
    return f"{label} – {short_name(ticket['customer'].get('name'))}"


def _note(ticket: Dict[str, Any], currency: str, zone: ZoneInfo) -> str:
    """Everything Clover has no field for, one fact a line, ending with our reference."""
    customer = ticket["customer"]
    contact = " ".join(part for part in (customer.get("name"), customer.get("phone"), customer.get("email")) if part)
    label = KIND_LABELS[ticket["kind"]]
    lines = [f"{label} for {contact or 'guest'}"]
    scheduled = when(ticket, zone)
    if scheduled:
        lines.append(f"{'Deliver' if ticket['kind'] == 'delivery_order' else 'When'}: {scheduled}")
    lines.extend(fact_lines(ticket))
    lines.append(f"Quoted total {ticket['total']} {currency}, unpaid")
    lines.append(f"Via {ticket.get('channel', 'assistant')}, ref {order_reference(ticket)}")
    return "\n".join(lines)


def _line_items(ticket: Dict[str, Any]) -> List[Dict[str, Any]]:
    """One Clover line item per unit; the variation id is the Clover item id (see `fetch_catalog`)."""
    line_items = []
    for line in ticket["lines"]:
        clover_item = {"item": {"id": str(line.get("variation_id") or line["item_id"])}}
        if line.get("modifiers"):
            clover_item["modifications"] = [{"modifier": {"id": str(modifier["id"])}} for modifier in line["modifiers"]]
        if line.get("note"):
            clover_item["note"] = line["note"]
        line_items.extend(dict(clover_item) for _ in range(int(line["quantity"])))
    if not line_items:
        # A quote request or a service call without a priced service: a zero-priced line names what it is.
        line_items.append({"name": KIND_LABELS[ticket["kind"]], "price": 0})
    return line_items


def order_request(ticket: Dict[str, Any], account: Dict[str, Any], currency: str, zone: ZoneInfo) -> Dict[str, Any]:
    """The body of `POST /v3/merchants/{mId}/atomic_order/orders` for a ticket; pure, so it is tested alone."""
    cart: Dict[str, Any] = {
        "title": _title(ticket, zone),
        "note": _note(ticket, currency, zone),
        "lineItems": _line_items(ticket),
    }
    order_type = account.get(ORDER_TYPE_SETTINGS.get(ticket["kind"], f"order_type_{ticket['kind']}"))
    if order_type not in (None, ""):
        cart["orderType"] = {"id": str(order_type)}
    return {"orderCart": cart}


def _elements(wrapper: Any) -> List[Dict[str, Any]]:
    """Clover wraps lists, nested ones too, as `{"elements": [...]}`."""
    if isinstance(wrapper, dict):
        return list(wrapper.get("elements") or [])
    return list(wrapper or [])


def _dollars(cents: Any) -> float:
    return float(Decimal(int(cents or 0)) / 100)


def _sellable(item: Dict[str, Any]) -> bool:
    """Hidden, unavailable, deleted, open-priced or weighed items, and tracked items out of stock, are not offered."""
    if item.get("hidden") or item.get("available") is False or item.get("deleted"):
        return False
    if item.get("priceType", "FIXED") != "FIXED":
        return False
    if item.get("autoManage") and item.get("itemStock") is not None:
        return float(item["itemStock"].get("quantity") or 0) > 0
    return True


def _variation_name(item: Dict[str, Any], group_name: str) -> str:
    """Clover names a grouped item '<group> <options>'; the options are the variation's name."""
    name = item.get("name") or ""
    if group_name and name.lower().startswith(group_name.lower()):
        rest = name[len(group_name):].strip(" -–/,:")
        if rest:
            return rest
    return name or "regular"


class CloverPos(NoPaymentLinks, NoLoyalty, NoCustomerGroups):
    """Orders and catalog through Clover's `/v3` REST API. No bookings and no loyalty for third parties; its hosted
    checkout sells a cart of its own, not a link to pay an existing order."""

    provider = "clover"
    capabilities = frozenset({ORDERS, CATALOG})

    def __init__(self, connection: PosConnection, page_size: int = PAGE_SIZE):
        self.connection = connection
        self.merchant_id = str(connection.setting("merchant_id"))
        self.page_size = page_size
        self.http = PosHttp.for_connection(
            self.provider, connection, PRODUCTION_URL, {"Authorization": f"Bearer {connection.secret('access_token')}"},
            read_clover_error,
        )

    @property
    def _merchant_path(self) -> str:
        return f"/v3/merchants/{self.merchant_id}"

    async def push(self, ticket: Dict[str, Any], retrying: bool = False) -> PushResult:
        """Creates the order once: a retry first looks for our reference among the merchant's recent orders."""
        if retrying:
            existing = await self._find_order(ticket)
            if existing is not None:
                await self._ensure_open(existing)
                return PushResult(existing["id"])
        body = order_request(ticket, self.connection.account, self.connection.currency, self.connection.timezone)
        order = await self.http.call("POST", f"{self._merchant_path}/atomic_order/orders", json_body=body)
        if not isinstance(order, dict) or not order.get("id"):
            raise PermanentPosError(f"clover: the order answer carried no id: {str(order)[:200]}")
        await self._ensure_open(order)
        if self._prints_orders():
            await self._print(order["id"])
        return PushResult(order["id"])

    async def _ensure_open(self, order: Dict[str, Any]) -> None:
        """An order whose state is not 'open' is hidden from the Clover apps, so staff would never see it."""
        if str(order.get("state") or "").lower() != "open":
            await self.http.call("POST", f"{self._merchant_path}/orders/{order['id']}", json_body={"state": "open"})

    def _prints_orders(self) -> bool:
        return str(self.connection.account.get("print_orders", "")).strip().lower() not in FALSE_WORDS

    async def _print(self, order_id: str) -> None:
        """Fires the kitchen ticket. The order already stands, so a failed print is logged, not retried:
        a retried push must never print a second ticket for the kitchen."""
        try:
            await self.http.call("POST", f"{self._merchant_path}/print_event", json_body={"orderRef": {"id": order_id}})
        except (TransientPosError, PermanentPosError) as error:
            logger.warning("clover order %s created but the print request failed: %s", order_id, error)

    async def _find_order(self, ticket: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        reference = order_reference(ticket)
        created = datetime.fromisoformat(ticket["created_at"]).timestamp() * 1000
        since = int(min(created, time.time() * 1000)) - LOOKBACK_MS
        async for order in self._pages("/orders", {"filter": f"createdTime>={since}"}):
            if reference in (order.get("note") or ""):
                return order
        return None

    async def _pages(self, path: str, params: Dict[str, Any]) -> AsyncIterator[Dict[str, Any]]:
        """Every element of a Clover list, following limit/offset until a short page."""
        offset = 0
        while True:
            answer = await self.http.call(
                "GET", self._merchant_path + path, params={**params, "limit": self.page_size, "offset": offset}
            )
            page = _elements(answer)
            for element in page:
                yield element
            if len(page) < self.page_size:
                return
            offset += len(page)

    async def fetch_catalog(self) -> Dict[str, Any]:
        """Sellable inventory items with their modifier groups; an item group (Clover's 'item with variants')
        becomes one item whose variations are its member items, so a variation id is always a Clover item id."""
        items = [item async for item in self._pages("/items", {"expand": "modifierGroups,categories,itemStock"})]
        modifier_lists = await self._modifier_lists()
        group_names = {}
        if any((item.get("itemGroup") or {}).get("id") for item in items):
            group_names = {group["id"]: group.get("name") or "" async for group in self._pages("/item_groups", {})}
        return {"items": self._catalog_items(items, group_names, modifier_lists), "modifier_lists": modifier_lists}

    async def _modifier_lists(self) -> List[Dict[str, Any]]:
        lists = []
        async for group in self._pages("/modifier_groups", {"expand": "modifiers"}):
            modifiers = [
                {"id": modifier["id"], "name": modifier.get("name") or modifier["id"],
                 "price": _dollars(modifier.get("price"))}
                for modifier in _elements(group.get("modifiers"))
                if modifier.get("available") is not False
            ]
            if modifiers:
                lists.append({"id": group["id"], "name": group.get("name") or group["id"], "modifiers": modifiers})
        return lists

    @staticmethod
    def _catalog_items(items: List[Dict[str, Any]], group_names: Dict[str, str],
                       modifier_lists: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        offered_lists = {modifier_list["id"] for modifier_list in modifier_lists}
        catalog: Dict[str, Dict[str, Any]] = {}
        for item in filter(_sellable, items):
            group_id = (item.get("itemGroup") or {}).get("id")
            group_name = group_names.get(group_id, "") if group_id else ""
            key = group_id or item["id"]
            name = group_name or item.get("name") or key
            entry = catalog.setdefault(key, {"id": key, "name": name, "variations": []})
            categories = [category["name"] for category in _elements(item.get("categories")) if category.get("name")]
            if categories and "category" not in entry:
                entry["category"] = categories[0]
            entry["variations"].append({
                "id": item["id"],
                "name": _variation_name(item, group_name) if group_id else "regular",
                "price": _dollars(item.get("price")),
            })
            for group in _elements(item.get("modifierGroups")):
                if group.get("id") in offered_lists and group["id"] not in entry.setdefault("modifier_lists", []):
                    entry["modifier_lists"].append(group["id"])
            if not group_id and item.get("autoManage") and item.get("itemStock") is not None:
                entry["stock"] = max(0, int(float(item["itemStock"].get("quantity") or 0)))
        return list(catalog.values())
