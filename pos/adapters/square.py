"""Square: tickets become open, unpaid PICKUP orders; appointments become Square bookings; deposits are payment links.

Square shows an API-created order in the POS Order Manager and the Dashboard only once it has a fulfillment AND is
paid, and never shows a DELIVERY fulfillment without a partnership with Square. We never fake a payment, so every
order carries a PICKUP fulfillment (delivery and service tickets say what they really are at the top of its note)
and stays OPEN and unpaid. Staff therefore work from our board and the staff alert; Square holds the order (Orders
API, reporting) and surfaces it in the Order Manager, with time, name, phone and note, only if it gets paid through
Square. The pickup note is the only order-level text staff read there, so it carries what Square has no field for:
delivery address, trade details, notes, deposit and our reference.

Every create sends an idempotency key derived from the ticket's, so a retried push returns the order, booking or
link the first attempt made instead of a second one.
"""

import base64
import hashlib
import hmac
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, AsyncIterator, Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

from pos.adapters.base import (
    BOOKINGS, CATALOG, CUSTOMER_GROUPS, LOYALTY, ORDERS, PAYMENT_LINKS, GroupMember, LoyaltyAccount, PaymentLink,
    PermanentPosError, PushResult, Reward, UnsupportedByPos,
)
from pos.connection import PosConnection
from pos.http import PosHttp
from pos.staff_text import KIND_LABELS, fact_lines, order_reference, short_name, when

# The sandbox (https://connect.squareupsandbox.com) or a local double goes in the playbook's `pos.base_url`.
PRODUCTION_URL = "https://connect.squareup.com"
SQUARE_VERSION = "2025-08-20"
CATALOG_TYPES = "ITEM,MODIFIER_LIST,CATEGORY"
# The most customers SearchCustomers returns in one page.
CUSTOMER_PAGE_MAX = 100

# Field limits from Square's OpenAPI spec.
TICKET_NAME_MAX = 30
REFERENCE_MAX = 40
PICKUP_NOTE_MAX = 500
LINE_NOTE_MAX = 2000
PHONE_MAX = 17

# Who an appointment is with, as the trades write it in `details`: our staff id first, then the name.
STAFF_ID_DETAILS = ("staff_id", "stylist_id", "practitioner_id")
STAFF_NAME_DETAILS = ("stylist", "practitioner", "staff")
PAID_EVENTS = ("payment.created", "payment.updated")


def read_square_error(status: int, body: Any) -> str:
    """Square answers `{"errors": [{"category", "code", "detail", "field"}]}`; every error is worth reading."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not errors:
        return str(body).strip()[:300] if body else "(empty body)"
    parts = []
    for error in errors:
        text = f"{error.get('code', '?')}: {error.get('detail', '')}".rstrip(": ")
        if error.get("field"):
            text += f" ({error['field']})"
        parts.append(text)
    message = "; ".join(parts)
    if status == 401:
        message += " (check the access token and its scopes)"
    return message


def cents(amount: Any) -> int:
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def money(amount: Any, currency: str) -> Dict[str, Any]:
    return {"amount": cents(amount), "currency": currency}


def rfc3339_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def pickup_note(ticket: Dict[str, Any], currency: str, zone: ZoneInfo) -> str:
    """What Square has no field for, one fact a line, headed by what the ticket really is; the reference always
    survives Square's 500-character limit."""
    kind = ticket["kind"]
    lines = []
    if kind != "pickup_order":
        lines.append(f"{KIND_LABELS[kind].upper()} - not a pickup")
    scheduled = when(ticket, zone)
    if scheduled and kind != "pickup_order":
        lines.append(f"{'Deliver' if kind == 'delivery_order' else 'When'}: {scheduled}")
    lines.extend(fact_lines(ticket))
    lines.append(f"UNPAID - quoted total {ticket['total']} {currency}")
    tail = f"Via {ticket.get('channel') or 'assistant'}, ref {order_reference(ticket)}"
    body = "\n".join(lines)
    room = PICKUP_NOTE_MAX - len(tail) - 1
    if len(body) > room:
        body = body[: room - 1] + "…"
    return f"{body}\n{tail}"


def _recipient(customer: Dict[str, Any]) -> Dict[str, Any]:
    recipient: Dict[str, Any] = {"display_name": customer.get("name") or "Guest"}
    if customer.get("phone"):
        recipient["phone_number"] = customer["phone"][:PHONE_MAX]
    if customer.get("email"):
        recipient["email_address"] = customer["email"]
    return recipient


def _line_item(line: Dict[str, Any], currency: str) -> Dict[str, Any]:
    """A catalog line by variation id, its modifiers by catalog id; a line without a Square variation goes ad hoc."""
    item: Dict[str, Any] = {"quantity": str(int(line["quantity"]))}
    if line.get("variation_id"):
        item["catalog_object_id"] = str(line["variation_id"])
        modifiers = [{"catalog_object_id": str(modifier["id"]), "quantity": "1"} for modifier in line.get("modifiers") or []]
    else:
        item["name"] = line["name"]
        if line.get("variation"):
            item["variation_name"] = line["variation"]
        modifiers_total = sum((Decimal(str(modifier["price"])) for modifier in line.get("modifiers") or []), Decimal(0))
        item["base_price_money"] = money(Decimal(str(line["unit_price"])) - modifiers_total, currency)
        modifiers = [
            {"name": modifier["name"], "base_price_money": money(modifier["price"], currency), "quantity": "1"}
            for modifier in line.get("modifiers") or []
        ]
    if modifiers:
        item["modifiers"] = modifiers
    if line.get("note"):
        item["note"] = line["note"][:LINE_NOTE_MAX]
    return item


def order_request(ticket: Dict[str, Any], location_id: str, currency: str, zone: ZoneInfo) -> Dict[str, Any]:
    """The body of `POST /v2/orders` for any ticket kind except appointments; pure, so it is tested alone."""
    line_items = [_line_item(line, currency) for line in ticket["lines"]]
    if not line_items:
        # A quote request or a service call with nothing priced yet: a free line names what it is.
        line_items.append({"name": KIND_LABELS[ticket["kind"]], "quantity": "1", "base_price_money": money(0, currency)})
    details: Dict[str, Any] = {"recipient": _recipient(ticket["customer"]), "note": pickup_note(ticket, currency, zone)}
    if ticket.get("scheduled_for"):
        details["schedule_type"] = "SCHEDULED"
        details["pickup_at"] = rfc3339_utc(datetime.fromisoformat(ticket["scheduled_for"]))
    else:
        details["schedule_type"] = "ASAP"
    label = KIND_LABELS[ticket["kind"]]
    return {
        "idempotency_key": ticket["idempotency_key"],
        "order": {
            "location_id": location_id,
            "reference_id": order_reference(ticket)[:REFERENCE_MAX],
            "ticket_name": f"{label} #{ticket['number']} {short_name(ticket['customer'].get('name'))}"[:TICKET_NAME_MAX],
            "source": {"name": f"Assistant ({ticket.get('channel') or 'chat'})"},
            "state": "OPEN",
            "line_items": line_items,
            "fulfillments": [{"type": "PICKUP", "state": "PROPOSED", "pickup_details": details}],
        },
    }


def team_member_for(ticket: Dict[str, Any], team_members: Dict[str, Any]) -> str:
    """The Square team member the appointment is with: `pos.account.team_members` maps our staff ids (or names)
    to Square's; the ticket names the person by id where the trade records one, else by name."""
    details = ticket.get("details") or {}
    wanted = [details.get(key) for key in STAFF_ID_DETAILS + STAFF_NAME_DETAILS]
    by_key = {str(key).casefold(): str(value) for key, value in (team_members or {}).items()}
    for name in filter(None, wanted):
        if str(name).casefold() in by_key:
            return by_key[str(name).casefold()]
    who = next(filter(None, wanted), "nobody")
    raise PermanentPosError(f"square: no Square team member for {who!r}; add it to pos.account.team_members")


def booking_note(ticket: Dict[str, Any]) -> str:
    lines = fact_lines(ticket)
    lines.append(f"Booked via {ticket.get('channel') or 'assistant'}, ref {order_reference(ticket)}")
    return "\n".join(lines)


def booking_request(ticket: Dict[str, Any], location_id: str, customer_id: str,
                    segments: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The body of `POST /v2/bookings`; `segments` carry each service's variation id, version and minutes."""
    return {
        "idempotency_key": f"{ticket['idempotency_key']}-booking",
        "booking": {
            "location_id": location_id,
            "start_at": rfc3339_utc(datetime.fromisoformat(ticket["scheduled_for"])),
            "customer_id": customer_id,
            "customer_note": booking_note(ticket),
            "appointment_segments": segments,
        },
    }


def customer_request(ticket: Dict[str, Any]) -> Dict[str, Any]:
    customer = ticket["customer"]
    names = (customer.get("name") or "").split()
    body: Dict[str, Any] = {"idempotency_key": f"{ticket['idempotency_key']}-customer", "phone_number": customer["phone"]}
    if names:
        body["given_name"] = names[0]
    if len(names) > 1:
        body["family_name"] = " ".join(names[1:])
    if customer.get("email"):
        body["email_address"] = customer["email"]
    return body


# ---- catalog ----------------------------------------------------------------------------------------------------

def _present_at(catalog_object: Dict[str, Any], location_id: str) -> bool:
    if catalog_object.get("is_deleted"):
        return False
    if catalog_object.get("present_at_all_locations", True) is False:
        return location_id in (catalog_object.get("present_at_location_ids") or [])
    return location_id not in (catalog_object.get("absent_at_location_ids") or [])


def _override_here(data: Dict[str, Any], location_id: str) -> Dict[str, Any]:
    for override in data.get("location_overrides") or []:
        if override.get("location_id") == location_id:
            return override
    return {}


def _dollars(money_object: Optional[Dict[str, Any]]) -> float:
    return float(Decimal(int((money_object or {}).get("amount") or 0)) / 100)


def _variation(variation: Dict[str, Any], location_id: str, service: bool) -> Optional[Dict[str, Any]]:
    """A variation the assistant may offer: present here, sellable, fixed-priced and not sold out here."""
    data = variation.get("item_variation_data") or {}
    override = _override_here(data, location_id)
    if not _present_at(variation, location_id) or data.get("sellable") is False or override.get("sold_out"):
        return None
    if (override.get("pricing_type") or data.get("pricing_type") or "FIXED_PRICING") != "FIXED_PRICING":
        return None
    if service and data.get("available_for_booking") is False:
        return None
    return {"id": variation["id"], "name": data.get("name") or "regular",
            "price": _dollars(override.get("price_money") or data.get("price_money"))}


def _modifier_list(modifier_list: Dict[str, Any], location_id: str) -> Optional[Dict[str, Any]]:
    data = modifier_list.get("modifier_list_data") or {}
    if not _present_at(modifier_list, location_id) or data.get("modifier_type") == "TEXT":
        return None
    modifiers = []
    for modifier in data.get("modifiers") or []:
        modifier_data = modifier.get("modifier_data") or {}
        override = _override_here(modifier_data, location_id)
        if _present_at(modifier, location_id) and not override.get("sold_out"):
            modifiers.append({"id": modifier["id"], "name": modifier_data.get("name") or modifier["id"],
                              "price": _dollars(override.get("price_money") or modifier_data.get("price_money"))})
    if not modifiers:
        return None
    return {"id": modifier_list["id"], "name": data.get("name") or modifier_list["id"], "modifiers": modifiers}


def _category_id(item_data: Dict[str, Any]) -> Optional[str]:
    categories = item_data.get("categories") or []
    if categories and categories[0].get("id"):
        return categories[0]["id"]
    return (item_data.get("reporting_category") or {}).get("id") or item_data.get("category_id")


def _of_type(objects: List[Dict[str, Any]], kind: str) -> List[Dict[str, Any]]:
    return [obj for obj in objects if obj.get("type") == kind]


def catalog_from_objects(objects: List[Dict[str, Any]], location_id: str) -> Dict[str, Any]:
    """Square catalog objects (ITEM, MODIFIER_LIST, CATEGORY) as the playbook's catalog, keeping only what can be
    sold at this location today; pure, so the filtering is tested alone."""
    categories = {obj["id"]: (obj.get("category_data") or {}).get("name") for obj in _of_type(objects, "CATEGORY")}
    modifier_lists = [found for found in (_modifier_list(obj, location_id) for obj in _of_type(objects, "MODIFIER_LIST"))
                      if found]
    offered_lists = {modifier_list["id"] for modifier_list in modifier_lists}
    items = []
    for obj in _of_type(objects, "ITEM"):
        data = obj.get("item_data") or {}
        if not _present_at(obj, location_id) or data.get("is_archived"):
            continue
        service = data.get("product_type") == "APPOINTMENTS_SERVICE"
        variations = [found for found in (_variation(variation, location_id, service)
                                          for variation in data.get("variations") or []) if found]
        if not variations:
            continue
        item: Dict[str, Any] = {"id": obj["id"], "name": data.get("name") or obj["id"], "variations": variations}
        category = categories.get(_category_id(data))
        if category:
            item["category"] = category
        lists = [info["modifier_list_id"] for info in data.get("modifier_list_info") or []
                 if info.get("enabled", True) and info.get("modifier_list_id") in offered_lists]
        if lists:
            item["modifier_lists"] = lists
        if service:
            durations = [(v.get("item_variation_data") or {}).get("service_duration") for v in data.get("variations") or []]
            duration = next((int(ms) for ms in durations if ms), None)
            if duration:
                item["duration_minutes"] = max(1, round(duration / 60000))
        items.append(item)
    return {"items": items, "modifier_lists": modifier_lists}


# ---- customer groups --------------------------------------------------------------------------------------------

def group_id_named(groups: List[Dict[str, Any]], name: str) -> str:
    """The id of the one customer group called `name` (case and outer spaces aside, as owners type it)."""
    wanted = name.strip().casefold()
    matching = [group["id"] for group in groups if (group.get("name") or "").strip().casefold() == wanted]
    if len(matching) > 1:
        raise PermanentPosError(f"square: {len(matching)} customer groups are named {name!r}; rename all but one in Square")
    if not matching:
        names = ", ".join(sorted(repr(group.get("name")) for group in groups)) or "none"
        raise PermanentPosError(f"square: no customer group named {name!r} (the seller's groups: {names})")
    return matching[0]


def group_member(customer: Dict[str, Any]) -> GroupMember:
    """A Square customer profile as a group member, named as staff would greet them."""
    full_name = " ".join(filter(None, (customer.get("given_name"), customer.get("family_name"))))
    name = full_name or customer.get("nickname") or customer.get("company_name") or ""
    return GroupMember(name.strip(), customer.get("phone_number") or None, customer.get("email_address") or None)


# ---- webhooks ---------------------------------------------------------------------------------------------------

def signature_valid(signature_key: str, notification_url: str, raw_body: bytes, header_value: str) -> bool:
    """Square signs `notification_url + body` with HMAC-SHA256 under the subscription's key, base64-encoded."""
    if not signature_key or not header_value:
        return False
    digest = hmac.new(signature_key.encode(), notification_url.encode() + raw_body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest), header_value.strip().encode())


def paid_order_id(event: Dict[str, Any]) -> Optional[str]:
    """The order a completed payment paid (a payment link's order names the deposit); None for any other event."""
    if event.get("type") not in PAID_EVENTS:
        return None
    payment = ((event.get("data") or {}).get("object") or {}).get("payment")
    if not isinstance(payment, dict) or payment.get("status") != "COMPLETED":
        return None
    return payment.get("order_id") or None


class SquarePos:
    """Orders, bookings, payment links, loyalty, catalog and customer groups through Square's v2 API, pinned to one
    API version."""

    provider = "square"
    capabilities = frozenset({ORDERS, BOOKINGS, PAYMENT_LINKS, LOYALTY, CATALOG, CUSTOMER_GROUPS})

    def __init__(self, connection: PosConnection):
        self.connection = connection
        self.location_id = str(connection.setting("location_id"))
        self.http = PosHttp.for_connection(
            self.provider, connection, PRODUCTION_URL,
            {"Authorization": f"Bearer {connection.secret('access_token')}", "Square-Version": SQUARE_VERSION},
            read_square_error,
        )

    @property
    def currency(self) -> str:
        return self.connection.currency

    async def push(self, ticket: Dict[str, Any], retrying: bool = False) -> PushResult:
        """Creates the order (or booking) once; Square's idempotency key makes a retry return the first one."""
        if ticket["kind"] == "appointment":
            return await self._book(ticket)
        body = order_request(ticket, self.location_id, self.currency, self.connection.timezone)
        answer = await self.http.call("POST", "/v2/orders", json_body=body)
        order = (answer or {}).get("order") if isinstance(answer, dict) else None
        if not order or not order.get("id"):
            raise PermanentPosError(f"square: the order answer carried no id: {str(answer)[:200]}")
        return PushResult(order["id"])

    async def _book(self, ticket: Dict[str, Any]) -> PushResult:
        if not ticket.get("scheduled_for"):
            raise PermanentPosError("square: an appointment without a start time cannot be booked")
        if not ticket["customer"].get("phone"):
            raise PermanentPosError("square: a booking needs a customer, found by phone, and the ticket has no phone")
        team_member = team_member_for(ticket, self.connection.account.get("team_members") or {})
        segments = [await self._segment(line, ticket, team_member) for line in ticket["lines"]]
        if not segments:
            raise PermanentPosError("square: an appointment without a service cannot be booked")
        customer_id = await self._customer_id(ticket)
        body = booking_request(ticket, self.location_id, customer_id, segments)
        answer = await self.http.call("POST", "/v2/bookings", json_body=body)
        booking = (answer or {}).get("booking") if isinstance(answer, dict) else None
        if not booking or not booking.get("id"):
            raise PermanentPosError(f"square: the booking answer carried no id: {str(answer)[:200]}")
        return PushResult(f"booking:{booking['id']}")

    async def _segment(self, line: Dict[str, Any], ticket: Dict[str, Any], team_member: str) -> Dict[str, Any]:
        """Square wants the service variation's current catalog version and takes its length from us."""
        if not line.get("variation_id"):
            raise PermanentPosError(f"square: service {line['name']!r} has no Square variation id; sync the catalog")
        answer = await self.http.call("GET", f"/v2/catalog/object/{line['variation_id']}")
        variation = (answer or {}).get("object") or {}
        data = variation.get("item_variation_data") or {}
        segment: Dict[str, Any] = {
            "team_member_id": team_member,
            "service_variation_id": str(line["variation_id"]),
            "service_variation_version": int(variation.get("version") or 0),
        }
        minutes = round(int(data["service_duration"]) / 60000) if data.get("service_duration") else None
        if minutes is None and len(ticket["lines"]) == 1 and (ticket.get("details") or {}).get("duration_minutes"):
            minutes = int(ticket["details"]["duration_minutes"])
        if minutes:
            segment["duration_minutes"] = minutes
        return segment

    async def _customer_id(self, ticket: Dict[str, Any]) -> str:
        """The Square customer with the caller's phone number, created the first time."""
        phone = ticket["customer"]["phone"]
        found = await self.http.call(
            "POST", "/v2/customers/search", json_body={"query": {"filter": {"phone_number": {"exact": phone}}}, "limit": 1}
        )
        customers = (found or {}).get("customers") or []
        if customers:
            return customers[0]["id"]
        created = await self.http.call("POST", "/v2/customers", json_body=customer_request(ticket))
        return created["customer"]["id"]

    async def fetch_catalog(self) -> Dict[str, Any]:
        objects = [obj async for obj in self._catalog_objects()]
        return catalog_from_objects(objects, self.location_id)

    async def _catalog_objects(self) -> AsyncIterator[Dict[str, Any]]:
        """Every page of `GET /v2/catalog/list`, following `cursor` until Square stops sending one."""
        cursor = None
        while True:
            params = {"types": CATALOG_TYPES, **({"cursor": cursor} if cursor else {})}
            page = await self.http.call("GET", "/v2/catalog/list", params=params) or {}
            for obj in page.get("objects") or []:
                yield obj
            cursor = page.get("cursor")
            if not cursor:
                return

    async def customer_group_members(self, group_name: str) -> Tuple[GroupMember, ...]:
        """ListCustomerGroups finds the group's id by name, then SearchCustomers filtered on it gives its members."""
        groups = [group async for group in self._every_page("GET", "/v2/customers/groups", "groups", {})]
        query = {"query": {"filter": {"group_ids": {"all": [group_id_named(groups, group_name)]}}}, "limit": CUSTOMER_PAGE_MAX}
        return tuple([group_member(customer)
                      async for customer in self._every_page("POST", "/v2/customers/search", "customers", query)])

    async def _every_page(self, method: str, path: str, key: str, request: Dict[str, Any]) -> AsyncIterator[Dict[str, Any]]:
        """Every entry under `key` on every page, handing Square's `cursor` back (in the query of a GET, the body of a
        POST) until it stops sending one."""
        cursor = None
        while True:
            sent = {**request, **({"cursor": cursor} if cursor else {})}
            where = {"params": sent} if method == "GET" else {"json_body": sent}
            page = await self.http.call(method, path, **where) or {}
            for entry in page.get(key) or []:
                yield entry
            cursor = page.get("cursor")
            if not cursor:
                return

    async def create_payment_link(self, ticket: Dict[str, Any], amount: Decimal) -> PaymentLink:
        """A Square-hosted checkout for `amount`; its own order is what the `payment.updated` webhook names."""
        purpose = "Deposit" if ticket.get("deposit") and Decimal(str(ticket["deposit"])) == Decimal(amount) else "Payment"
        body: Dict[str, Any] = {
            "idempotency_key": f"{ticket['idempotency_key']}-link",
            "quick_pay": {
                "name": f"{purpose} for ticket {ticket['number']} – {self.connection.business_name}"[:255],
                "price_money": money(amount, self.currency),
                "location_id": self.location_id,
            },
            "payment_note": f"{KIND_LABELS[ticket['kind']]} ref {order_reference(ticket)}",
        }
        phone = ticket["customer"].get("phone")
        if phone:
            body["pre_populated_data"] = {"buyer_phone_number": phone[:PHONE_MAX]}
        answer = await self.http.call("POST", "/v2/online-checkout/payment-links", json_body=body)
        link = (answer or {}).get("payment_link") if isinstance(answer, dict) else None
        if not link or not link.get("url"):
            raise PermanentPosError(f"square: the payment link answer carried no url: {str(answer)[:200]}")
        return PaymentLink(link["id"], link["url"], Decimal(amount), link.get("order_id"))

    async def loyalty_account(self, phone: str) -> Optional[LoyaltyAccount]:
        found = await self.http.call(
            "POST", "/v2/loyalty/accounts/search", json_body={"query": {"mappings": [{"phone_number": phone}]}, "limit": 1}
        )
        accounts = (found or {}).get("loyalty_accounts") or []
        if not accounts:
            return None
        program = ((await self.http.call("GET", "/v2/loyalty/programs/main")) or {}).get("program") or {}
        rewards = tuple(
            Reward(tier["id"], tier.get("name") or tier["id"], int(tier["points"]))
            for tier in program.get("reward_tiers") or []
        )
        return LoyaltyAccount(accounts[0]["id"], int(accounts[0].get("balance") or 0), rewards)

    async def redeem_reward(self, account: LoyaltyAccount, reward: Reward, pos_order_id: str, key: str) -> None:
        """Creates the reward on the open order: Square discounts the order and locks the points."""
        if pos_order_id.startswith("booking:"):
            raise UnsupportedByPos("square: loyalty rewards apply to orders, not bookings")
        body = {
            "reward": {"loyalty_account_id": account.id, "reward_tier_id": reward.id, "order_id": pos_order_id},
            "idempotency_key": key[:128],
        }
        await self.http.call("POST", "/v2/loyalty/rewards", json_body=body)
