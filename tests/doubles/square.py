"""A local Square API (version 2025-08-20) for contract tests: orders, catalog, customers and customer groups,
bookings, payment links and loyalty, with Square's paths, bearer auth, `Square-Version` header, cents,
`{"errors": [...]}` bodies, cursor paging and idempotency replay.

Every request body is validated against Square's official OpenAPI file (`specs/square/api.json`) before it is
handled: a body the spec forbids gets 400 `INVALID_REQUEST_ERROR` and lands in `spec_violations`, so a test fails
when the adapter sends something Square would refuse. Beyond the spec it refuses what Square refuses by rule:
unknown catalog ids (404 `NOT_FOUND`), missing order or ad hoc price, more than one fulfillment, an idempotency
key reused with a different body (400 `IDEMPOTENCY_KEY_REUSED`).

Modelled, not confirmed against the live API: the HTTP status of `NOT_FOUND` on create calls (404), a pickup
fulfillment needing a recipient display name, and a missing `Square-Version` being refused (Square itself falls
back to the application's default version; the double insists so the adapter always pins one), and a
ListCustomerGroups `limit` that is not a number answered 400 `EXPECTED_INTEGER`. SearchCustomers applies exact phone
and email filters and `group_ids`; any other filter is refused (400 `INVALID_VALUE`) rather than silently ignored.
"""

import base64
import hashlib
import hmac
import json
import re
import secrets
import string
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

from aiohttp import web

from tests.doubles.openapi import OpenApiSpec, Violation, load_spec
from tests.doubles.server import Double

TOKEN = "EAAAl-square-test-token"
LOCATION_ID = "L8Q2X4EXAMPLE"
MERCHANT_ID = "6SSW7HV8K2ST5"
TEAM_MEMBERS = ("TMXUrsBWWcHTt79t", "TMaJcbiRqPIGZuS9")
SIGNATURE_KEY = "asdf1234-signature-key"
PAGE_SIZE = 100
# ListCustomerGroups answers at most 50 groups a page (its `limit` must be 1 to 50).
GROUP_PAGE_SIZE = 50
# The SearchCustomers filters the double applies; any other is refused rather than ignored.
CUSTOMER_FILTERS = ("phone_number", "email_address", "group_ids")
VERSION_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CATALOG_VERSION = 1733856000000

# A pizzeria in the playbook's catalog shape, plus the states Square can put things in (sold out at this
# location, archived, absent here, not sellable, variable price) that the adapter must leave out.
RESTAURANT = {
    "modifier_lists": [
        {"id": "toppings", "name": "Toppings", "modifiers": [
            {"id": "extra-cheese", "name": "Extra cheese", "price": 1.50},
            {"id": "mushrooms", "name": "Mushrooms", "price": 1.25},
            {"id": "pepperoni-topping", "name": "Pepperoni", "price": 1.50},
            {"id": "anchovies", "name": "Anchovies", "price": 1.75, "sold_out": True},
        ]},
        {"id": "wing-sauce", "name": "Wing sauce", "modifiers": [
            {"id": "buffalo", "name": "Buffalo", "price": 0},
            {"id": "bbq", "name": "BBQ", "price": 0},
        ]},
    ],
    "items": [
        {"id": "cheese-pizza", "name": "Cheese pizza", "category": "Pizza", "modifier_lists": ["toppings"], "variations": [
            {"id": "cheese-pizza-small", "name": "Small", "price": 10.00},
            {"id": "cheese-pizza-medium", "name": "Medium", "price": 12.50},
            {"id": "cheese-pizza-large", "name": "Large", "price": 15.00},
        ]},
        {"id": "pepperoni-pizza", "name": "Pepperoni pizza", "category": "Pizza", "modifier_lists": ["toppings"], "variations": [
            {"id": "pepperoni-pizza-medium", "name": "Medium", "price": 14.00},
            {"id": "pepperoni-pizza-large", "name": "Large", "price": 17.00},
            {"id": "pepperoni-pizza-party", "name": "Party", "price": 29.00, "sold_out": True},
        ]},
        {"id": "wings", "name": "Chicken wings", "category": "Sides", "modifier_lists": ["wing-sauce"], "variations": [
            {"id": "wings-6", "name": "6 piece", "price": 8.00},
            {"id": "wings-12", "name": "12 piece", "price": 14.50},
        ]},
        {"id": "soda", "name": "Soda", "category": "Drinks", "variations": [
            {"id": "soda-can", "name": "Can", "price": 2.00},
            {"id": "soda-case", "name": "Case", "price": 18.00, "sellable": False},
        ]},
        {"id": "tiramisu", "name": "Tiramisu", "category": "Desserts", "variations": [
            {"id": "tiramisu-slice", "name": "Slice", "price": 6.50, "sold_out": True},
        ]},
        {"id": "calzone", "name": "Calzone", "category": "Pizza", "archived": True, "variations": [
            {"id": "calzone-regular", "name": "Regular", "price": 11.00},
        ]},
        {"id": "garlic-knots", "name": "Garlic knots", "category": "Sides", "absent": True, "variations": [
            {"id": "garlic-knots-6", "name": "Regular", "price": 5.00},
        ]},
        {"id": "catering-tray", "name": "Catering tray", "category": "Sides", "variations": [
            {"id": "catering-tray-regular", "name": "Regular", "price": 0, "variable_price": True},
        ]},
    ],
}

# What each JSON Schema keyword a body broke is called in Square's ErrorCode enum.
VIOLATION_CODES = {
    "required": "MISSING_REQUIRED_PARAMETER",
    "maxLength": "VALUE_TOO_LONG",
    "minLength": "VALUE_TOO_SHORT",
    "maximum": "VALUE_TOO_HIGH",
    "minimum": "VALUE_TOO_LOW",
    "enum": "INVALID_ENUM_VALUE",
    "maxItems": "ARRAY_LENGTH_TOO_LONG",
}
TYPE_CODES = {
    "string": "EXPECTED_STRING", "integer": "EXPECTED_INTEGER", "number": "EXPECTED_FLOAT",
    "boolean": "EXPECTED_BOOLEAN", "array": "EXPECTED_ARRAY", "object": "EXPECTED_OBJECT",
}


def square_id(seed: str) -> str:
    """A stable catalog-style id (24 upper-case base32 characters, like `BEMYCSMIJL46OCDV4KYIKXIB`)."""
    return base64.b32encode(hashlib.sha1(seed.encode()).digest()).decode()[:24]


def _random(length: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _cents(amount: Any) -> int:
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass
class SquareError(Exception):
    status: int
    code: str
    detail: str
    field: Optional[str] = None
    category: str = "INVALID_REQUEST_ERROR"

    def response(self) -> web.Response:
        error = {"category": self.category, "code": self.code, "detail": self.detail}
        if self.field:
            error["field"] = self.field
        return web.json_response({"errors": [error]}, status=self.status)


def _not_found(detail: str, field: Optional[str] = None) -> SquareError:
    return SquareError(404, "NOT_FOUND", detail, field)


def _public(customer: Dict[str, Any]) -> bool:
    return any(customer.get(name) for name in ("given_name", "family_name", "company_name", "email_address", "phone_number"))


def _meets(customer: Dict[str, Any], wanted: Dict[str, Any]) -> bool:
    """Exact phone (as stored), exact email (ignoring case) and group membership: `all`, `any` and `none` of the ids."""
    phone = (wanted.get("phone_number") or {}).get("exact")
    email = (wanted.get("email_address") or {}).get("exact")
    groups = wanted.get("group_ids") or {}
    member_of = set(customer.get("group_ids") or [])
    return ((phone is None or customer.get("phone_number") == phone)
            and (email is None or (customer.get("email_address") or "").casefold() == email.casefold())
            and set(groups.get("all") or []) <= member_of
            and (not groups.get("any") or bool(member_of & set(groups["any"])))
            and not member_of & set(groups.get("none") or []))


def _present(absent: bool) -> Dict[str, Any]:
    if absent:
        return {"present_at_all_locations": False, "present_at_location_ids": ["LOTHERLOCATION1"]}
    return {"present_at_all_locations": True}


def catalog_objects(section: Dict[str, Any], location_id: str,
                    currency: str = "USD") -> Tuple[List[Dict[str, Any]], Dict[str, Dict[str, str]]]:
    """Square CatalogObjects (CATEGORY, MODIFIER_LIST with MODIFIERs, ITEM with ITEM_VARIATIONs) for a catalog in the
    playbook's shape, and `{kind: {our id: Square id}}`. Items with `duration_minutes` become bookable services."""
    ids: Dict[str, Dict[str, str]] = {"item": {}, "variation": {}, "modifier_list": {}, "modifier": {}, "category": {}}
    objects: List[Dict[str, Any]] = []

    def base(kind: str, seed: str, version_offset: int, absent: bool = False) -> Dict[str, Any]:
        return {"type": kind, "id": square_id(f"{kind}:{seed}"), "updated_at": "2024-12-10T18:40:00.000Z",
                "version": CATALOG_VERSION + version_offset, "is_deleted": False, **_present(absent)}

    def sold_out(entry: Dict[str, Any]) -> Dict[str, Any]:
        """Square marks a variation or modifier sold out per location; only the seller can set it."""
        return {"location_overrides": [{"location_id": location_id, "sold_out": True}]} if entry.get("sold_out") else {}

    for name in dict.fromkeys(item["category"] for item in section.get("items", []) if item.get("category")):
        category = {**base("CATEGORY", name, 1), "category_data": {"name": name, "is_top_level": True}}
        ids["category"][name] = category["id"]
        objects.append(category)
    for list_ordinal, modifier_list in enumerate(section.get("modifier_lists", [])):
        list_object = base("MODIFIER_LIST", modifier_list["id"], 2)
        modifiers = []
        for ordinal, modifier in enumerate(modifier_list["modifiers"]):
            modifier_object = {**base("MODIFIER", modifier["id"], 3), "modifier_data": {
                "name": modifier["name"], "price_money": {"amount": _cents(modifier["price"]), "currency": currency},
                "on_by_default": False, "ordinal": ordinal, "modifier_list_id": list_object["id"], **sold_out(modifier)}}
            ids["modifier"][modifier["id"]] = modifier_object["id"]
            modifiers.append(modifier_object)
        list_object["modifier_list_data"] = {"name": modifier_list["name"], "ordinal": list_ordinal, "selection_type": "MULTIPLE",
                                             "modifiers": modifiers, "modifier_type": "LIST"}
        ids["modifier_list"][modifier_list["id"]] = list_object["id"]
        objects.append(list_object)
    for item in section.get("items", []):
        item_object = base("ITEM", item["id"], 4, item.get("absent", False))
        service = bool(item.get("duration_minutes"))
        variations = []
        for ordinal, variation in enumerate(item["variations"]):
            data: Dict[str, Any] = {
                "item_id": item_object["id"], "name": variation["name"], "ordinal": ordinal,
                "pricing_type": "VARIABLE_PRICING" if variation.get("variable_price") else "FIXED_PRICING",
                "sellable": variation.get("sellable", True), "stockable": True, **sold_out(variation),
            }
            if not variation.get("variable_price"):
                data["price_money"] = {"amount": _cents(variation["price"]), "currency": currency}
            if service:
                data.update(service_duration=int(item["duration_minutes"]) * 60000, available_for_booking=True,
                            team_member_ids=list(TEAM_MEMBERS))
            variation_object = {**base("ITEM_VARIATION", variation["id"], 5, item.get("absent", False)),
                                "item_variation_data": data}
            ids["variation"][variation["id"]] = variation_object["id"]
            variations.append(variation_object)
        item_data: Dict[str, Any] = {
            "name": item["name"], "is_taxable": True, "variations": variations,
            "product_type": "APPOINTMENTS_SERVICE" if service else "FOOD_AND_BEV",
            "modifier_list_info": [{"modifier_list_id": ids["modifier_list"][list_id], "enabled": True}
                                   for list_id in item.get("modifier_lists", [])],
            "is_archived": bool(item.get("archived")),
        }
        if item.get("category"):
            item_data["categories"] = [{"id": ids["category"][item["category"]], "ordinal": 0}]
            item_data["reporting_category"] = {"id": ids["category"][item["category"]], "ordinal": 0}
        item_object["item_data"] = item_data
        ids["item"][item["id"]] = item_object["id"]
        objects.append(item_object)
    return objects, ids


class SquareDouble(Double):
    """State is public for tests: `orders` (created through CreateOrder), `link_orders` (made by payment links),
    `customers`, `customer_groups`, `bookings`, `payment_links`, `payments`, `loyalty_accounts`, `rewards`, and the requests that
    broke the spec in `spec_violations`."""

    def __init__(self, catalog: Optional[Dict[str, Any]] = None, page_size: int = PAGE_SIZE, access_token: str = TOKEN,
                 location_id: str = LOCATION_ID, currency: str = "USD", team_members: Iterable[str] = TEAM_MEMBERS,
                 loyalty_program: bool = True, signature_key: str = SIGNATURE_KEY, spec: Optional[OpenApiSpec] = None):
        super().__init__()
        self.access_token = access_token
        self.location_id = location_id
        self.merchant_id = MERCHANT_ID
        self.currency = currency
        self.page_size = page_size
        self.team_members = tuple(team_members)
        self.signature_key = signature_key
        self.spec = spec or load_spec()
        self.catalog, self.ids = catalog_objects(catalog if catalog is not None else RESTAURANT, location_id, currency)
        self.objects = self._index(self.catalog)
        self.orders: List[Dict[str, Any]] = []
        self.link_orders: List[Dict[str, Any]] = []
        self.customers: List[Dict[str, Any]] = []
        self.customer_groups: List[Dict[str, Any]] = []
        self.bookings: List[Dict[str, Any]] = []
        self.payment_links: List[Dict[str, Any]] = []
        self.payments: List[Dict[str, Any]] = []
        self.loyalty_accounts: List[Dict[str, Any]] = []
        self.rewards: List[Dict[str, Any]] = []
        self.spec_violations: List[Tuple[str, str, List[Violation]]] = []
        # Where the double's own answers stray from Square's documented response schemas (a bug in the double).
        self.answer_violations: List[Violation] = []
        self.program = self._program() if loyalty_program else None
        self._replies: Dict[Tuple[str, str], Tuple[Any, Dict[str, Any]]] = {}

    @classmethod
    def seeded_from_catalog(cls, catalog_section: Dict[str, Any], **options) -> "SquareDouble":
        """A double whose catalog holds a playbook's items, variations and modifier lists under Square-style ids
        (see `ids`); items with `duration_minutes` become bookable services."""
        return cls(catalog=catalog_section, **options)

    # ---- helpers for tests ------------------------------------------------------------------------------------

    def id(self, kind: str, our_id: str) -> str:
        """The Square id the seeded catalog gave one of our ids (`kind`: item, variation, modifier_list, modifier)."""
        return self.ids[kind][our_id]

    def enroll(self, phone: str, balance: int) -> Dict[str, Any]:
        """A loyalty account for `phone` with `balance` points."""
        now = _now()
        account = {"id": str(uuid.uuid4()), "program_id": self.program["id"], "balance": balance, "lifetime_points": balance,
                   "enrolled_at": now, "created_at": now, "updated_at": now,
                   "mapping": {"id": str(uuid.uuid4()), "created_at": now, "phone_number": phone}}
        self.loyalty_accounts.append(account)
        return account

    def add_customer_group(self, name: str) -> Dict[str, Any]:
        """A customer group as the seller makes one in the Dashboard."""
        now = _now()
        group = {"id": _random(26, string.ascii_uppercase + string.digits), "name": name, "created_at": now, "updated_at": now}
        self.customer_groups.append(group)
        return group

    def add_customer(self, groups: Iterable[Dict[str, Any]] = (), **profile: str) -> Dict[str, Any]:
        """A customer profile (`given_name`, `family_name`, `phone_number`, `email_address`... as Square names them)
        in these groups, as the seller files one at the counter."""
        now = _now()
        customer = {"id": _random(26, string.ascii_uppercase + string.digits), "created_at": now, "updated_at": now,
                    **profile, "group_ids": [group["id"] for group in groups],
                    "preferences": {"email_unsubscribed": False}, "creation_source": "DIRECTORY", "version": 0}
        self.customers.append(customer)
        return customer

    def order(self, order_id: str) -> Dict[str, Any]:
        return next(order for order in self.orders + self.link_orders if order["id"] == order_id)

    def payment_completed_event(self, order_id: str) -> Dict[str, Any]:
        """Pays the order (a payment link's, usually) and returns the `payment.updated` event Square would send."""
        order = self.order(order_id)
        now = _now()
        payment_id = _random(29)
        payment = {
            "id": payment_id, "created_at": now, "updated_at": now,
            "amount_money": dict(order["total_money"]), "total_money": dict(order["total_money"]),
            "approved_money": dict(order["total_money"]), "status": "COMPLETED", "source_type": "CARD",
            "location_id": self.location_id, "order_id": order_id, "receipt_number": payment_id[:4],
            "receipt_url": f"https://squareup.com/receipt/preview/{payment_id}", "version_token": _random(45),
            "card_details": {"status": "CAPTURED", "entry_method": "KEYED", "card": {"card_brand": "VISA", "last_4": "1111"}},
        }
        self.payments.append(payment)
        order.update(state="COMPLETED", tenders=[{"id": payment_id, "type": "CARD", "amount_money": dict(order["total_money"])}],
                     net_amount_due_money={"amount": 0, "currency": self.currency}, updated_at=now, closed_at=now,
                     version=order["version"] + 1)
        return {"merchant_id": self.merchant_id, "type": "payment.updated", "event_id": str(uuid.uuid4()), "created_at": now,
                "data": {"type": "payment", "id": payment_id, "object": {"payment": payment}}}

    def sign(self, notification_url: str, body: bytes) -> str:
        """The `x-square-hmacsha256-signature` Square would send with `body` to `notification_url`."""
        digest = hmac.new(self.signature_key.encode(), notification_url.encode() + body, hashlib.sha256).digest()
        return base64.b64encode(digest).decode()

    # ---- plumbing ---------------------------------------------------------------------------------------------

    @staticmethod
    def _index(objects: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
        index = {}
        for obj in objects:
            index[obj["id"]] = obj
            for child in (obj.get("item_data") or {}).get("variations") or []:
                index[child["id"]] = child
            for child in (obj.get("modifier_list_data") or {}).get("modifiers") or []:
                index[child["id"]] = child
        return index

    def _program(self) -> Dict[str, Any]:
        now = _now()
        tiers = [("$5 off entire sale", 100), ("Free large pizza", 250)]
        return {
            "id": str(uuid.uuid4()), "status": "ACTIVE", "location_ids": [self.location_id], "created_at": now, "updated_at": now,
            "terminology": {"one": "Point", "other": "Points"},
            "accrual_rules": [{"accrual_type": "VISIT", "points": 1, "visit_data": {"tax_mode": "BEFORE_TAX"}}],
            "reward_tiers": [{"id": str(uuid.uuid4()), "name": name, "points": points, "created_at": now,
                              "pricing_rule_reference": {"object_id": square_id(f"rule:{name}"),
                                                         "catalog_version": CATALOG_VERSION}}
                             for name, points in tiers],
        }

    def routes(self, app: web.Application) -> None:
        table: List[Tuple[str, str, Callable]] = [
            ("POST", "/v2/orders", self._create_order),
            ("GET", "/v2/orders/{order_id}", self._retrieve_order),
            ("GET", "/v2/catalog/list", self._list_catalog),
            ("GET", "/v2/catalog/object/{object_id}", self._retrieve_catalog_object),
            ("POST", "/v2/customers/search", self._search_customers),
            ("GET", "/v2/customers/groups", self._list_customer_groups),
            ("POST", "/v2/customers", self._create_customer),
            ("POST", "/v2/bookings", self._create_booking),
            ("POST", "/v2/online-checkout/payment-links", self._create_payment_link),
            ("GET", "/v2/loyalty/programs/{program_id}", self._retrieve_program),
            ("POST", "/v2/loyalty/accounts/search", self._search_loyalty_accounts),
            ("POST", "/v2/loyalty/rewards", self._create_reward),
        ]
        for method, path, handler in table:
            app.router.add_route(method, path, self._square(handler))

    def _square(self, handler: Callable) -> Callable:
        """Auth, version and spec checks every Square endpoint shares, then the handler; errors in Square's shape."""

        async def handle(request: web.Request) -> web.Response:
            try:
                self._check_headers(request)
                body = await self._checked_body(request)
                answer = handler(request, body)
            except SquareError as error:
                return error.response()
            self.answer_violations.extend(self.spec.response_violations(request.method, request.path, answer))
            return web.json_response(answer)

        return handle

    def _check_headers(self, request: web.Request) -> None:
        if request.headers.get("Authorization") != f"Bearer {self.access_token}":
            raise SquareError(401, "UNAUTHORIZED", "This request could not be authorized.", category="AUTHENTICATION_ERROR")
        version = request.headers.get("Square-Version", "")
        if not VERSION_FORMAT.match(version):
            raise SquareError(400, "INVALID_SQUARE_VERSION_FORMAT",
                              f"Invalid Square-Version format {version!r}: it must be a date like 2025-08-20.")

    async def _checked_body(self, request: web.Request) -> Any:
        if request.method not in ("POST", "PUT"):
            return None
        if not request.content_type == "application/json":
            raise SquareError(400, "INVALID_CONTENT_TYPE", "Content-Type must be application/json.")
        try:
            body = json.loads(await request.text())
        except ValueError:
            raise SquareError(400, "EXPECTED_JSON_BODY", "The request body is not valid JSON.") from None
        violations = self.spec.request_violations(request.method, request.path, body)
        if violations:
            self.spec_violations.append((request.method, request.path, violations))
            first = violations[0]
            if first.keyword == "type":
                code = TYPE_CODES.get(first.expected, "INVALID_VALUE")
            else:
                code = VIOLATION_CODES.get(first.keyword, "INVALID_VALUE")
            raise SquareError(400, code, first.message, first.field)
        return body

    def _idempotent(self, scope: str, body: Dict[str, Any], create: Callable[[], Dict[str, Any]]) -> Dict[str, Any]:
        """Same key and body: the first answer again, nothing created. Same key, other body: refused."""
        key = body.get("idempotency_key")
        if key and (scope, key) in self._replies:
            first_body, answer = self._replies[(scope, key)]
            if first_body != body:
                raise SquareError(400, "IDEMPOTENCY_KEY_REUSED",
                                  f"The idempotency key {key!r} was already used for a different request.", "idempotency_key")
            return answer
        answer = create()
        if key:
            self._replies[(scope, key)] = (body, answer)
        return answer

    def _money(self, value: Dict[str, Any], field: str) -> int:
        if value.get("currency", self.currency) != self.currency:
            raise SquareError(400, "INVALID_VALUE", f"Currency must be {self.currency} for this location.", f"{field}.currency")
        return int(value.get("amount") or 0)

    def _check_location(self, location_id: Optional[str], field: str) -> None:
        if location_id != self.location_id:
            raise _not_found(f"Location `{location_id}` not found.", field)

    def _of_type(self, object_id: str, kind: str, field: str, label: str) -> Dict[str, Any]:
        found = self.objects.get(object_id)
        if found is None or found["type"] != kind or found.get("is_deleted"):
            raise _not_found(f"{label} with catalog object ID `{object_id}` not found.", field)
        return found

    # ---- orders -----------------------------------------------------------------------------------------------

    def _create_order(self, request: web.Request, body: Dict[str, Any]) -> Dict[str, Any]:
        if not body.get("order"):
            raise SquareError(400, "MISSING_REQUIRED_PARAMETER", "Field must be set", "order")
        return self._idempotent("orders", body, lambda: {"order": self._build_order(body["order"], self.orders)})

    def _build_order(self, order_in: Dict[str, Any], store: List[Dict[str, Any]], state: str = "OPEN") -> Dict[str, Any]:
        self._check_location(order_in.get("location_id"), "order.location_id")
        state = order_in.get("state") or state
        if state not in ("OPEN", "DRAFT"):
            raise SquareError(400, "INVALID_VALUE", f"An order cannot be created in state {state}.", "order.state")
        fulfillments = order_in.get("fulfillments") or []
        if len(fulfillments) > 1:
            raise SquareError(400, "INVALID_VALUE", "Only one fulfillment can be added to an order.", "order.fulfillments")
        line_items = [self._line_item(line, index) for index, line in enumerate(order_in.get("line_items") or [])]
        now = _now()
        total = sum(line["total_money"]["amount"] for line in line_items)
        zero = {"amount": 0, "currency": self.currency}
        order = {
            key: order_in[key] for key in ("reference_id", "source", "customer_id", "ticket_name", "metadata") if key in order_in
        }
        order.update(
            id=_random(27) + "Y", location_id=self.location_id, line_items=line_items,
            fulfillments=[self._fulfillment(fulfillment, index) for index, fulfillment in enumerate(fulfillments)],
            state=state, version=1, created_at=now, updated_at=now,
            total_money={"amount": total, "currency": self.currency}, total_tax_money=dict(zero),
            total_discount_money=dict(zero), total_tip_money=dict(zero), total_service_charge_money=dict(zero),
            net_amount_due_money={"amount": total, "currency": self.currency},
        )
        store.append(order)
        return order

    def _line_item(self, line: Dict[str, Any], index: int) -> Dict[str, Any]:
        """Names and prices from the catalog, totals computed as Square does: (base + modifiers) × quantity."""
        field = f"order.line_items[{index}]"
        quantity = self._quantity(line["quantity"], f"{field}.quantity", positive=True)
        item = {"uid": line.get("uid") or _random(22), "quantity": line["quantity"]}
        if line.get("catalog_object_id"):
            variation = self._of_type(line["catalog_object_id"], "ITEM_VARIATION", f"{field}.catalog_object_id", "Item variation")
            data = variation["item_variation_data"]
            parent = self.objects[data["item_id"]]
            if data.get("pricing_type") == "VARIABLE_PRICING":
                if not line.get("base_price_money"):
                    raise SquareError(400, "MISSING_REQUIRED_PARAMETER", "A variable-priced variation needs base_price_money.",
                                      f"{field}.base_price_money")
                base = self._money(line["base_price_money"], f"{field}.base_price_money")
            else:
                base = int(data["price_money"]["amount"])
            item.update(catalog_object_id=variation["id"], catalog_version=variation["version"], name=parent["item_data"]["name"],
                        variation_name=data.get("name", ""), item_type="ITEM")
        else:
            if not line.get("name") or not line.get("base_price_money"):
                missing = "name" if not line.get("name") else "base_price_money"
                raise SquareError(400, "MISSING_REQUIRED_PARAMETER", "An ad hoc line item needs a name and base_price_money.",
                                  f"{field}.{missing}")
            base = self._money(line["base_price_money"], f"{field}.base_price_money")
            item.update(name=line["name"], item_type="ITEM")
            if line.get("variation_name"):
                item["variation_name"] = line["variation_name"]
        modifiers = [self._modifier(modifier, quantity, f"{field}.modifiers[{position}]")
                     for position, modifier in enumerate(line.get("modifiers") or [])]
        variation_total = self._round(Decimal(base) * quantity)
        modifiers_total = sum(modifier["total_price_money"]["amount"] for modifier in modifiers)
        item.update(
            base_price_money={"amount": base, "currency": self.currency},
            variation_total_price_money={"amount": variation_total, "currency": self.currency},
            gross_sales_money={"amount": variation_total + modifiers_total, "currency": self.currency},
            total_tax_money={"amount": 0, "currency": self.currency},
            total_discount_money={"amount": 0, "currency": self.currency},
            total_money={"amount": variation_total + modifiers_total, "currency": self.currency},
        )
        if modifiers:
            item["modifiers"] = modifiers
        if line.get("note"):
            item["note"] = line["note"]
        return item

    def _modifier(self, modifier: Dict[str, Any], line_quantity: Decimal, field: str) -> Dict[str, Any]:
        quantity = self._quantity(modifier.get("quantity") or "1", f"{field}.quantity", positive=False)
        if modifier.get("catalog_object_id"):
            found = self._of_type(modifier["catalog_object_id"], "MODIFIER", f"{field}.catalog_object_id", "Modifier")
            base = int((found["modifier_data"].get("price_money") or {}).get("amount") or 0)
            stored = {"catalog_object_id": found["id"], "catalog_version": found["version"],
                      "name": found["modifier_data"]["name"]}
        else:
            if not modifier.get("name") or not modifier.get("base_price_money"):
                raise SquareError(400, "MISSING_REQUIRED_PARAMETER",
                                  "An ad hoc modifier needs a name and base_price_money.", field)
            base = self._money(modifier["base_price_money"], f"{field}.base_price_money")
            stored = {"name": modifier["name"]}
        return {"uid": modifier.get("uid") or _random(22), **stored, "quantity": str(quantity),
                "base_price_money": {"amount": base, "currency": self.currency},
                "total_price_money": {"amount": self._round(Decimal(base) * quantity * line_quantity), "currency": self.currency}}

    @staticmethod
    def _quantity(text: str, field: str, positive: bool) -> Decimal:
        try:
            quantity = Decimal(text)
        except InvalidOperation:
            raise SquareError(400, "INVALID_VALUE", f"Quantity {text!r} is not a decimal number.", field) from None
        if quantity < 0 or (positive and quantity == 0):
            raise SquareError(400, "INVALID_VALUE", f"Quantity {text!r} is out of range.", field)
        return quantity

    @staticmethod
    def _round(amount: Decimal) -> int:
        return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @staticmethod
    def _fulfillment(fulfillment: Dict[str, Any], index: int) -> Dict[str, Any]:
        field = f"order.fulfillments[{index}]"
        if not fulfillment.get("type"):
            raise SquareError(400, "MISSING_REQUIRED_PARAMETER", "A fulfillment needs a type.", f"{field}.type")
        if fulfillment["type"] == "PICKUP":
            recipient = (fulfillment.get("pickup_details") or {}).get("recipient") or {}
            if not recipient.get("display_name") and not recipient.get("customer_id"):
                raise SquareError(400, "MISSING_REQUIRED_PARAMETER", "A pickup fulfillment needs a recipient.",
                                  f"{field}.pickup_details.recipient.display_name")
        return {"uid": fulfillment.get("uid") or _random(22), "state": "PROPOSED", **fulfillment}

    def _retrieve_order(self, request: web.Request, body: Any) -> Dict[str, Any]:
        order_id = request.match_info["order_id"]
        for order in self.orders + self.link_orders:
            if order["id"] == order_id:
                return {"order": order}
        raise _not_found(f"Order `{order_id}` not found.")

    # ---- catalog ----------------------------------------------------------------------------------------------

    def _list_catalog(self, request: web.Request, body: Any) -> Dict[str, Any]:
        types = {kind.strip().upper() for kind in request.query.get("types", "").split(",") if kind.strip()}
        listed = [obj for obj in self.catalog if not obj.get("is_deleted") and (not types or obj["type"] in types)]
        return self._page(listed, "objects", request.query.get("cursor"), self.page_size)

    @staticmethod
    def _page(listed: List[Dict[str, Any]], key: str, cursor: Optional[str], size: int) -> Dict[str, Any]:
        """One page of `listed` under `key`, with the `cursor` for the next while there is one; nothing at all is `{}`."""
        start = 0
        if cursor:
            try:
                start = int(base64.urlsafe_b64decode(cursor.encode()).decode())
            except ValueError:
                raise SquareError(400, "INVALID_CURSOR", "The cursor is not valid.", "cursor") from None
        page = listed[start:start + size]
        answer: Dict[str, Any] = {key: page} if page else {}
        if start + size < len(listed):
            answer["cursor"] = base64.urlsafe_b64encode(str(start + size).encode()).decode()
        return answer

    def _retrieve_catalog_object(self, request: web.Request, body: Any) -> Dict[str, Any]:
        object_id = request.match_info["object_id"]
        found = self.objects.get(object_id)
        if found is None:
            raise _not_found(f"Object with ID `{object_id}` not found.")
        return {"object": found}

    # ---- customers and bookings -------------------------------------------------------------------------------

    def _search_customers(self, request: web.Request, body: Dict[str, Any]) -> Dict[str, Any]:
        """Filters combine as AND; results come by given then family name, `limit` (default 100) at a time. A search
        nothing meets (a group id that does not exist included) answers `{}`, and profiles without a name, phone or
        email are never returned, as Square documents."""
        wanted = (body.get("query") or {}).get("filter") or {}
        unmodelled = sorted(set(wanted) - set(CUSTOMER_FILTERS))
        if unmodelled:
            raise SquareError(400, "INVALID_VALUE", f"The Square double does not model the {unmodelled[0]} filter.",
                              f"query.filter.{unmodelled[0]}")
        for name in ("phone_number", "email_address"):
            if (wanted.get(name) or {}).get("fuzzy") is not None:
                raise SquareError(400, "INVALID_VALUE", "The Square double models exact matching only.",
                                  f"query.filter.{name}.fuzzy")
        found = sorted((customer for customer in self.customers if _public(customer) and _meets(customer, wanted)),
                       key=lambda customer: (customer.get("given_name") or "", customer.get("family_name") or ""))
        return self._page(found, "customers", body.get("cursor"), min(body.get("limit") or PAGE_SIZE, self.page_size))

    def _list_customer_groups(self, request: web.Request, body: Any) -> Dict[str, Any]:
        limit = request.query.get("limit", str(GROUP_PAGE_SIZE))
        if not re.fullmatch(r"-?\d+", limit):
            raise SquareError(400, "EXPECTED_INTEGER", f"Expected an integer value, got {limit!r}.", "limit")
        if not 1 <= int(limit) <= GROUP_PAGE_SIZE:
            code = "VALUE_TOO_LOW" if int(limit) < 1 else "VALUE_TOO_HIGH"
            raise SquareError(400, code, f"`limit` must be between 1 and {GROUP_PAGE_SIZE}.", "limit")
        return self._page(self.customer_groups, "groups", request.query.get("cursor"), min(int(limit), self.page_size))

    def _create_customer(self, request: web.Request, body: Dict[str, Any]) -> Dict[str, Any]:
        names = ("given_name", "family_name", "company_name", "email_address", "phone_number")
        if not any(body.get(name) for name in names):
            raise SquareError(400, "MISSING_REQUIRED_PARAMETER", f"At least one of {', '.join(names)} must be set.")
        if body.get("phone_number") and not re.fullmatch(r"\+?[0-9 ().-]{7,20}", body["phone_number"]):
            raise SquareError(400, "INVALID_PHONE_NUMBER", "The phone number is not valid.", "phone_number")

        def create() -> Dict[str, Any]:
            now = _now()
            customer = {"id": _random(26, string.ascii_uppercase + string.digits), "created_at": now, "updated_at": now,
                        **{key: body[key] for key in names + ("nickname", "note", "reference_id") if body.get(key)},
                        "preferences": {"email_unsubscribed": False}, "creation_source": "THIRD_PARTY", "version": 0}
            self.customers.append(customer)
            return {"customer": customer}

        return self._idempotent("customers", body, create)

    def _create_booking(self, request: web.Request, body: Dict[str, Any]) -> Dict[str, Any]:
        booking_in = body["booking"]
        self._check_location(booking_in.get("location_id"), "booking.location_id")
        for required in ("start_at", "customer_id", "appointment_segments"):
            if not booking_in.get(required):
                raise SquareError(400, "MISSING_REQUIRED_PARAMETER", "Field must be set", f"booking.{required}")
        if not any(customer["id"] == booking_in["customer_id"] for customer in self.customers):
            raise _not_found(f"Customer `{booking_in['customer_id']}` not found.", "booking.customer_id")
        segments = [self._segment(segment, index) for index, segment in enumerate(booking_in["appointment_segments"])]

        def create() -> Dict[str, Any]:
            now = _now()
            booking = {"id": _random(14, string.ascii_lowercase + string.digits), "version": 0, "status": "ACCEPTED",
                       "created_at": now, "updated_at": now, "start_at": booking_in["start_at"], "location_id": self.location_id,
                       "customer_id": booking_in["customer_id"], "appointment_segments": segments,
                       "location_type": "BUSINESS_LOCATION", "transition_time_minutes": 0, "all_day": False,
                       "creator_details": {"creator_type": "TEAM_MEMBER"}, "source": "API"}
            if booking_in.get("customer_note"):
                booking["customer_note"] = booking_in["customer_note"]
            self.bookings.append(booking)
            return {"booking": booking}

        return self._idempotent("bookings", body, create)

    def _segment(self, segment: Dict[str, Any], index: int) -> Dict[str, Any]:
        field = f"booking.appointment_segments[{index}]"
        if segment["team_member_id"] not in self.team_members:
            raise _not_found(f"Team member `{segment['team_member_id']}` not found.", f"{field}.team_member_id")
        for required in ("service_variation_id", "service_variation_version"):
            if not segment.get(required):
                raise SquareError(400, "MISSING_REQUIRED_PARAMETER", "Field must be set", f"{field}.{required}")
        variation = self._of_type(segment["service_variation_id"], "ITEM_VARIATION", f"{field}.service_variation_id",
                                  "Service variation")
        service = self.objects[variation["item_variation_data"]["item_id"]]["item_data"]
        if service.get("product_type") != "APPOINTMENTS_SERVICE":
            raise SquareError(400, "INVALID_VALUE", "The variation is not a bookable service.", f"{field}.service_variation_id")
        if segment["service_variation_version"] != variation["version"]:
            raise SquareError(400, "INVALID_VALUE", "The service variation version is not the current one.",
                              f"{field}.service_variation_version")
        minutes = segment.get("duration_minutes") or variation["item_variation_data"]["service_duration"] // 60000
        return {**segment, "duration_minutes": minutes, "intermission_minutes": 0, "any_team_member": False}

    # ---- payment links ----------------------------------------------------------------------------------------

    def _create_payment_link(self, request: web.Request, body: Dict[str, Any]) -> Dict[str, Any]:
        if body.get("quick_pay") and body.get("order"):
            raise SquareError(400, "CONFLICTING_PARAMETERS", "Set only one of quick_pay and order.", "quick_pay")
        if not body.get("quick_pay"):
            raise SquareError(400, "MISSING_REQUIRED_PARAMETER", "Set one of quick_pay and order.", "quick_pay")
        quick_pay = body["quick_pay"]
        self._check_location(quick_pay["location_id"], "quick_pay.location_id")
        if self._money(quick_pay["price_money"], "quick_pay.price_money") <= 0:
            raise SquareError(400, "INVALID_VALUE", "The price must be more than zero.", "quick_pay.price_money.amount")

        def create() -> Dict[str, Any]:
            order = self._build_order({"location_id": self.location_id, "source": {"name": "Payment link"}, "line_items": [
                {"name": quick_pay["name"], "quantity": "1", "base_price_money": quick_pay["price_money"]}]},
                self.link_orders, state="DRAFT")
            now = _now()
            link = {"id": _random(16, string.ascii_uppercase + string.digits), "version": 1, "order_id": order["id"],
                    "url": f"https://square.link/u/{_random(8)}",
                    "long_url": f"https://checkout.square.site/merchant/{self.merchant_id}/order/{order['id']}",
                    "created_at": now, "updated_at": now,
                    **{key: body[key] for key in ("description", "payment_note", "pre_populated_data", "checkout_options")
                       if key in body}}
            self.payment_links.append(link)
            return {"payment_link": link, "related_resources": {"orders": [order]}}

        return self._idempotent("payment-links", body, create)

    # ---- loyalty ----------------------------------------------------------------------------------------------

    def _retrieve_program(self, request: web.Request, body: Any) -> Dict[str, Any]:
        wanted = request.match_info["program_id"]
        if self.program is None or wanted not in ("main", self.program["id"]):
            raise _not_found(f"Loyalty program `{wanted}` not found.")
        return {"program": self.program}

    def _search_loyalty_accounts(self, request: web.Request, body: Dict[str, Any]) -> Dict[str, Any]:
        phones = {mapping.get("phone_number") for mapping in (body.get("query") or {}).get("mappings") or []}
        found = [account for account in self.loyalty_accounts if account["mapping"]["phone_number"] in phones]
        return {"loyalty_accounts": found[: body.get("limit") or 30]} if found else {}

    def _create_reward(self, request: web.Request, body: Dict[str, Any]) -> Dict[str, Any]:
        reward_in = body["reward"]
        account = next((a for a in self.loyalty_accounts if a["id"] == reward_in["loyalty_account_id"]), None)
        if account is None:
            raise _not_found("Loyalty account not found.", "reward.loyalty_account_id")
        tier = next((t for t in (self.program or {}).get("reward_tiers", []) if t["id"] == reward_in["reward_tier_id"]), None)
        if tier is None:
            raise _not_found("Reward tier not found.", "reward.reward_tier_id")
        order = next((o for o in self.orders if o["id"] == reward_in.get("order_id")), None)
        if reward_in.get("order_id") and (order is None or order["state"] != "OPEN"):
            raise _not_found("Open order not found.", "reward.order_id")

        def create() -> Dict[str, Any]:
            if account["balance"] < tier["points"]:
                raise SquareError(400, "BAD_REQUEST", "The account has too few points for this reward.", "reward.reward_tier_id")
            now = _now()
            reward = {"id": str(uuid.uuid4()), "status": "ISSUED", "loyalty_account_id": account["id"],
                      "reward_tier_id": tier["id"], "points": tier["points"], "created_at": now, "updated_at": now}
            if order is not None:
                reward["order_id"] = order["id"]
                order.setdefault("rewards", []).append({"id": reward["id"], "reward_tier_id": tier["id"]})
                order.update(version=order["version"] + 1, updated_at=now)
            account["balance"] -= tier["points"]
            self.rewards.append(reward)
            return {"reward": reward}

        return self._idempotent("rewards", body, create)
