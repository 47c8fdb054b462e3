"""A local Loyverse API (v1.0) for contract tests: items, modifiers, categories, inventory and receipts.

Follows the public reference: paths under `/v1.0`, `Authorization: Bearer`, snake_case JSON, money as decimal
major units, UUID ids, `{"<resource>": [...], "cursor": "..."}` pages (no cursor on the last page), errors as
`{"errors": [{"code", "details", "field"}]}`. Receipts are finished sales; there is no order queue. Point an
adapter at `api_url` (the base URL plus `/v1.0`). `page_size` caps pages below the requested `limit` so tests
see several pages; the real API honours `limit` (1-250).
"""

import base64
import json
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from aiohttp import web

from tests.doubles.server import Double

PREFIX = "/v1.0"
IDS = uuid.UUID("6f1d3c5e-2b7a-4c1e-9a0d-4b3e2f1a0c9d")
STORE_ID = str(uuid.uuid5(IDS, "store:main"))
OTHER_STORE_ID = str(uuid.uuid5(IDS, "store:other"))
CASH_ID = str(uuid.uuid5(IDS, "payment:cash"))
PAY_AT_PICKUP_ID = str(uuid.uuid5(IDS, "payment:pay-at-pickup"))
STAMP = "2026-11-01T09:00:00.000Z"


def vendor_id(kind: str, name: str) -> str:
    """A stable UUID per object, so failures are readable and runs repeat."""
    return str(uuid.uuid5(IDS, f"{kind}:{name}"))


def now_stamp() -> str:
    moment = datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def variant(item_id: str, name: Optional[str], price: Optional[float], store_price: Optional[float] = None,
            available: bool = True, store_id: str = STORE_ID) -> Dict[str, Any]:
    """A variant sold at one store; `name` is its first option value (None for a single-variant item)."""
    variant_id = vendor_id("variant", f"{item_id}:{name}")
    return {
        "variant_id": variant_id, "item_id": item_id, "sku": variant_id[:5], "reference_variant_id": None,
        "option1_value": name, "option2_value": None, "option3_value": None, "barcode": None, "cost": 0,
        "purchase_cost": 0, "default_pricing_type": "FIXED" if price is not None else "VARIABLE", "default_price": price,
        "stores": [{"store_id": store_id, "pricing_type": "FIXED" if price is not None else "VARIABLE",
                    "price": store_price if store_price is not None else price, "available_for_sale": available,
                    "optimal_stock": None, "low_stock": None}],
        "created_at": STAMP, "updated_at": STAMP, "deleted_at": None,
    }


def item(name: str, variants: List[Tuple[Optional[str], Optional[float]]], category_id: Optional[str] = None,
         modifiers_ids: Tuple[str, ...] = (), option_name: Optional[str] = "Size", track_stock: bool = False,
         available: bool = True, deleted: bool = False, key: Optional[str] = None) -> Dict[str, Any]:
    """An item and its variants; `key` (default the name) seeds its UUID."""
    item_id = vendor_id("item", key or name)
    return {
        "id": item_id, "handle": name.lower().replace(" ", "-"), "item_name": name, "description": None,
        "reference_id": None, "category_id": category_id, "track_stock": track_stock, "sold_by_weight": False,
        "is_composite": False, "use_production": False, "components": [], "primary_supplier_id": None, "tax_ids": [],
        "modifiers_ids": list(modifiers_ids), "form": "SQUARE", "color": "GREY", "image_url": None,
        "option1_name": option_name if any(value for value, _ in variants) else None, "option2_name": None,
        "option3_name": None, "created_at": STAMP, "updated_at": STAMP, "deleted_at": STAMP if deleted else None,
        "variants": [variant(item_id, value, price, available=available) for value, price in variants],
    }


def modifier(name: str, options: List[Tuple[str, float]]) -> Dict[str, Any]:
    modifier_id = vendor_id("modifier", name)
    return {
        "id": modifier_id, "name": name, "position": 0, "stores": [STORE_ID],
        "modifier_options": [{"id": vendor_id("modifier_option", f"{name}:{option}"), "name": option, "price": price,
                              "position": position} for position, (option, price) in enumerate(options)],
        "created_at": STAMP, "updated_at": STAMP, "deleted_at": None,
    }


def category(name: str) -> Dict[str, Any]:
    return {"id": vendor_id("category", name), "name": name, "color": "GREY", "created_at": STAMP, "deleted_at": None}


def restaurant() -> Dict[str, List[Dict[str, Any]]]:
    """A small pizzeria: three pizza sizes with toppings, wings with sauces, a drink with stock, and things not to offer."""
    pizza, sides, drinks = category("Pizza"), category("Sides"), category("Drinks")
    toppings = modifier("Pizza toppings", [("Extra cheese", 1.5), ("Mushrooms", 1.25), ("Olives", 1.25)])
    sauces = modifier("Wing sauce", [("Buffalo", 0), ("BBQ", 0)])
    cheese_pizza = item("Cheese pizza", [("Small", 10.0), ("Medium", 12.5), ("Large", 14.0)], pizza["id"], (toppings["id"],))
    cheese_pizza["variants"][2]["stores"][0]["price"] = 15.0
    items = [
        cheese_pizza,
        item("Chicken wings", [("6 piece", 8.0), ("12 piece", 14.5)], sides["id"], (sauces["id"],), option_name="Pieces"),
        item("Cola", [(None, 2.5)], drinks["id"], track_stock=True),
        item("Garlic knots", [(None, 4.0)], sides["id"], available=False),
        item("Tiramisu", [(None, 6.0)], sides["id"], track_stock=True),
        item("Market price lobster", [(None, None)], sides["id"]),
        item("Calzone", [(None, 11.0)], pizza["id"], deleted=True),
    ]
    stock = {items[2]["variants"][0]["variant_id"]: 24, items[4]["variants"][0]["variant_id"]: 0}
    return {"items": items, "modifiers": [toppings, sauces], "categories": [pizza, sides, drinks], "stock": stock}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class LoyverseRejection(Exception):
    def __init__(self, status: int, code: str, details: str, field: Optional[str] = None):
        super().__init__(details)
        self.status, self.code, self.details, self.field = status, code, details, field

    def response(self) -> web.Response:
        error = {"code": self.code, "details": self.details}
        if self.field:
            error["field"] = self.field
        return web.json_response({"errors": [error]}, status=self.status)


def _required(body: Dict[str, Any], name: str, path: str, kind: type) -> Any:
    if body.get(name) is None:
        raise LoyverseRejection(400, "MISSING_REQUIRED_PARAMETER", f"Missing required parameter: {name}", path)
    if not isinstance(body[name], kind):
        raise LoyverseRejection(400, "INCORRECT_VALUE_TYPE", f"Incorrect value type of {name}", path)
    return body[name]


def _optional(body: Dict[str, Any], name: str, path: str, kind: type) -> Any:
    if body.get(name) is not None and not isinstance(body[name], kind):
        raise LoyverseRejection(400, "INCORRECT_VALUE_TYPE", f"Incorrect value type of {name}", path)
    return body.get(name)


def _price(body: Dict[str, Any], path: str) -> Optional[Decimal]:
    if body.get("price") is None:
        return None
    if not _number(body["price"]):
        raise LoyverseRejection(400, "INCORRECT_VALUE_TYPE", "Incorrect value type of price", path)
    if body["price"] < 0:
        raise LoyverseRejection(400, "INVALID_VALUE", "price must not be negative", path)
    return Decimal(str(body["price"]))


class LoyverseDouble(Double):
    """State is plain attributes: `items`, `modifiers`, `categories`, `stock` (variant id -> in_stock at the store),
    `payment_types`, and `orders`, the receipts as stored (also `receipts`)."""

    def __init__(self, token: str = "loyverse-test-token", catalog: Optional[Dict[str, Any]] = None,
                 page_size: Optional[int] = None, store_id: str = STORE_ID):
        super().__init__()
        catalog = catalog if catalog is not None else restaurant()
        self.token = token
        self.page_size = page_size
        self.store_id = store_id
        self.stores = {store_id: {"id": store_id, "name": "Main street"},
                       OTHER_STORE_ID: {"id": OTHER_STORE_ID, "name": "Airport kiosk"}}
        self.payment_types = {CASH_ID: {"id": CASH_ID, "name": "Cash", "type": "CASH"},
                              PAY_AT_PICKUP_ID: {"id": PAY_AT_PICKUP_ID, "name": "Unpaid – pay at pickup", "type": "OTHER"}}
        self.items: List[Dict[str, Any]] = catalog["items"]
        self.modifiers: List[Dict[str, Any]] = catalog.get("modifiers", [])
        self.categories: List[Dict[str, Any]] = catalog.get("categories", [])
        self.stock: Dict[str, float] = dict(catalog.get("stock", {}))
        self.ids: Dict[str, str] = dict(catalog.get("ids", {}))
        self.orders: List[Dict[str, Any]] = []

    @property
    def receipts(self) -> List[Dict[str, Any]]:
        return self.orders

    @property
    def api_url(self) -> str:
        """What a playbook's `pos.base_url` is set to for this double."""
        return self.base_url + PREFIX

    @classmethod
    def seeded_from_catalog(cls, catalog_section: Dict[str, Any], **options) -> "LoyverseDouble":
        """A double selling a playbook's catalog under Loyverse ids; `double.ids` maps each playbook id to its UUID.

        Each variation becomes a variant named by its option value; an item's `stock` is put on every variant,
        so the synced item's stock is that figure times its variations (Loyverse counts stock per variant)."""
        ids: Dict[str, str] = {}
        modifiers, categories, stock = [], {}, {}
        for modifier_list in catalog_section.get("modifier_lists") or []:
            built = modifier(modifier_list["id"], [(entry["name"], float(entry["price"])) for entry in modifier_list["modifiers"]])
            built["name"] = modifier_list["name"]
            ids[modifier_list["id"]] = built["id"]
            for entry, option in zip(modifier_list["modifiers"], built["modifier_options"]):
                ids[entry["id"]] = option["id"]
            modifiers.append(built)
        items = []
        for entry in catalog_section["items"]:
            if entry.get("category") and entry["category"] not in categories:
                categories[entry["category"]] = category(entry["category"])
            built = item(entry["name"], [(variation["name"], float(variation["price"])) for variation in entry["variations"]],
                         categories[entry["category"]]["id"] if entry.get("category") else None,
                         tuple(ids[list_id] for list_id in entry.get("modifier_lists") or []),
                         option_name="Option", track_stock="stock" in entry, key=entry["id"])
            ids[entry["id"]] = built["id"]
            for variation, built_variant in zip(entry["variations"], built["variants"]):
                ids[variation["id"]] = built_variant["variant_id"]
                if "stock" in entry:
                    stock[built_variant["variant_id"]] = entry["stock"]
            items.append(built)
        return cls(catalog={"items": items, "modifiers": modifiers, "categories": list(categories.values()),
                            "stock": stock, "ids": ids}, **options)

    def routes(self, app: web.Application) -> None:
        app.router.add_get(PREFIX + "/items", self._list_items)
        app.router.add_get(PREFIX + "/modifiers", self._list_modifiers)
        app.router.add_get(PREFIX + "/categories", self._list_categories)
        app.router.add_get(PREFIX + "/inventory", self._list_inventory)
        app.router.add_get(PREFIX + "/receipts", self._list_receipts)
        app.router.add_post(PREFIX + "/receipts", self._create_receipt)
        app.router.add_get(PREFIX + "/receipts/{receipt_number}", self._get_receipt)

    @staticmethod
    def _handled(handler):
        async def run(self, request: web.Request) -> web.Response:
            try:
                self._authorize(request)
                return await handler(self, request)
            except LoyverseRejection as rejection:
                return rejection.response()
        return run

    def _authorize(self, request: web.Request) -> None:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            raise LoyverseRejection(401, "UNAUTHORIZED", "The access token is missing, invalid or expired")

    def _page(self, request: web.Request, key: str, rows: List[Dict[str, Any]]) -> web.Response:
        limit_text = request.query.get("limit", "50")
        if not limit_text.isdigit():
            raise LoyverseRejection(400, "INCORRECT_VALUE_TYPE", "limit must be an integer", "limit")
        limit = int(limit_text)
        if not 1 <= limit <= 250:
            raise LoyverseRejection(400, "INVALID_RANGE", "limit must be between 1 and 250", "limit")
        start = 0
        if request.query.get("cursor"):
            try:
                start = int(json.loads(base64.urlsafe_b64decode(request.query["cursor"]))["offset"])
            except (ValueError, KeyError, TypeError):
                raise LoyverseRejection(400, "INVALID_CURSOR", "The cursor is invalid", "cursor")
        size = min(limit, self.page_size or limit)
        page: Dict[str, Any] = {key: rows[start:start + size]}
        if start + size < len(rows):
            page["cursor"] = base64.urlsafe_b64encode(json.dumps({"offset": start + size}).encode()).decode()
        return web.json_response(page)

    @staticmethod
    def _live(rows: List[Dict[str, Any]], request: Optional[web.Request] = None) -> List[Dict[str, Any]]:
        """Deleted objects are listed only when the request asks for them with `show_deleted=true`."""
        if request is not None and request.query.get("show_deleted") == "true":
            return rows
        return [row for row in rows if not row.get("deleted_at")]

    @_handled
    async def _list_items(self, request: web.Request) -> web.Response:
        return self._page(request, "items", self._live(self.items, request))

    @_handled
    async def _list_modifiers(self, request: web.Request) -> web.Response:
        return self._page(request, "modifiers", self._live(self.modifiers, request))

    @_handled
    async def _list_categories(self, request: web.Request) -> web.Response:
        return self._page(request, "categories", self._live(self.categories, request))

    @_handled
    async def _list_inventory(self, request: web.Request) -> web.Response:
        stores = [store for store in request.query.get("store_ids", "").split(",") if store]
        levels = [{"variant_id": variant_id, "store_id": self.store_id, "in_stock": in_stock, "updated_at": STAMP}
                  for variant_id, in_stock in self.stock.items()]
        return self._page(request, "inventory_levels", [level for level in levels if not stores or level["store_id"] in stores])

    @_handled
    async def _list_receipts(self, request: web.Request) -> web.Response:
        query = request.query
        rows = [
            receipt for receipt in reversed(self.orders)
            if (not query.get("store_id") or receipt["store_id"] == query["store_id"])
            and (not query.get("order") or receipt["order"] == query["order"])
            and (not query.get("source") or receipt["source"] == query["source"])
            and (not query.get("created_at_min") or receipt["created_at"] >= query["created_at_min"])
            and (not query.get("receipt_numbers") or receipt["receipt_number"] in query["receipt_numbers"].split(","))
        ]
        return self._page(request, "receipts", rows)

    @_handled
    async def _get_receipt(self, request: web.Request) -> web.Response:
        number = request.match_info["receipt_number"]
        for receipt in self.orders:
            if receipt["receipt_number"] == number:
                return web.json_response(receipt)
        raise LoyverseRejection(404, "NOT_FOUND", f"The resource with ID '{number}' not found", "receipt_number")

    def _variants(self) -> Dict[str, Tuple[Dict[str, Any], Dict[str, Any]]]:
        return {variant_row["variant_id"]: (item_row, variant_row) for item_row in self._live(self.items)
                for variant_row in item_row["variants"] if not variant_row.get("deleted_at")}

    def _options(self) -> Dict[str, Tuple[Dict[str, Any], Dict[str, Any]]]:
        return {option["id"]: (modifier_row, option) for modifier_row in self._live(self.modifiers)
                for option in modifier_row["modifier_options"]}

    def _line(self, line: Any, path: str, store_id: str) -> Dict[str, Any]:
        if not isinstance(line, dict):
            raise LoyverseRejection(400, "INCORRECT_VALUE_TYPE", "A line item must be an object", path)
        variant_id = _required(line, "variant_id", f"{path}.variant_id", str)
        known = self._variants().get(variant_id)
        if known is None:
            raise LoyverseRejection(404, "NOT_FOUND", f"The resource with ID '{variant_id}' not found", f"{path}.variant_id")
        item_row, variant_row = known
        quantity = line.get("quantity")
        if quantity is None:
            raise LoyverseRejection(400, "MISSING_REQUIRED_PARAMETER", "Missing required parameter: quantity", f"{path}.quantity")
        if not _number(quantity):
            raise LoyverseRejection(400, "INCORRECT_VALUE_TYPE", "Incorrect value type of quantity", f"{path}.quantity")
        if quantity <= 0:
            raise LoyverseRejection(400, "INVALID_VALUE", "quantity must be positive", f"{path}.quantity")
        here = next((entry for entry in variant_row["stores"] if entry["store_id"] == store_id), {})
        default = here.get("price") if here.get("price") is not None else variant_row["default_price"]
        price = _price(line, f"{path}.price")
        if price is None and default is None:
            raise LoyverseRejection(400, "MISSING_REQUIRED_PARAMETER", "A variable-price item needs a price", f"{path}.price")
        price = price if price is not None else Decimal(str(default))
        note = _optional(line, "line_note", f"{path}.line_note", str)
        modifiers = _optional(line, "line_modifiers", f"{path}.line_modifiers", list) or []
        options = self._options()
        stored_modifiers = []
        for position, entry in enumerate(modifiers):
            where = f"{path}.line_modifiers[{position}]"
            if not isinstance(entry, dict):
                raise LoyverseRejection(400, "INCORRECT_VALUE_TYPE", "A line modifier must be an object", where)
            option_id = _required(entry, "modifier_option_id", f"{where}.modifier_option_id", str)
            if option_id not in options:
                raise LoyverseRejection(404, "NOT_FOUND", f"The resource with ID '{option_id}' not found", f"{where}.modifier_option_id")
            modifier_row, option = options[option_id]
            option_price = _price(entry, f"{where}.price")
            option_price = option_price if option_price is not None else Decimal(str(option["price"]))
            stored_modifiers.append({"id": str(uuid.uuid4()), "modifier_option_id": option_id, "name": modifier_row["name"],
                                     "option": option["name"], "price": float(option_price),
                                     "money_amount": float(option_price * Decimal(str(quantity)))})
        unit = price + sum((Decimal(str(entry["price"])) for entry in stored_modifiers), Decimal(0))
        total = unit * Decimal(str(quantity))
        return {
            "id": str(uuid.uuid4()), "item_id": item_row["id"], "variant_id": variant_id, "item_name": item_row["item_name"],
            "variant_name": variant_row["option1_value"], "sku": variant_row["sku"], "quantity": quantity,
            "price": float(price), "gross_total_money": float(total), "total_money": float(total), "cost": 0,
            "cost_total": 0, "line_note": note, "line_taxes": [], "total_discount": 0, "line_discounts": [],
            "line_modifiers": stored_modifiers,
        }

    def _payment(self, payment: Any, path: str, total: Decimal) -> Dict[str, Any]:
        if not isinstance(payment, dict):
            raise LoyverseRejection(400, "INCORRECT_VALUE_TYPE", "A payment must be an object", path)
        type_id = _required(payment, "payment_type_id", f"{path}.payment_type_id", str)
        if type_id not in self.payment_types:
            raise LoyverseRejection(404, "NOT_FOUND", f"The resource with ID '{type_id}' not found", f"{path}.payment_type_id")
        paid_at = _optional(payment, "paid_at", f"{path}.paid_at", str)
        kind = self.payment_types[type_id]
        return {"payment_type_id": type_id, "name": kind["name"], "type": kind["type"], "money_amount": float(total),
                "paid_at": paid_at, "payment_details": None}

    @_handled
    async def _create_receipt(self, request: web.Request) -> web.Response:
        try:
            body = json.loads(await request.text())
        except ValueError:
            raise LoyverseRejection(400, "BAD_REQUEST", "The request body is not valid JSON")
        if not isinstance(body, dict):
            raise LoyverseRejection(400, "BAD_REQUEST", "The request body must be an object")
        store_id = _required(body, "store_id", "object.store_id", str)
        if store_id not in self.stores:
            raise LoyverseRejection(404, "NOT_FOUND", f"The resource with ID '{store_id}' not found", "object.store_id")
        lines = _required(body, "line_items", "object.line_items", list)
        if not lines:
            raise LoyverseRejection(400, "INVALID_VALUE", "At least one line item is required", "object.line_items")
        payments = _required(body, "payments", "object.payments", list)
        if len(payments) != 1:
            raise LoyverseRejection(400, "INVALID_VALUE", "Exactly one payment is supported", "object.payments")
        for name in ("order", "source", "note", "receipt_date", "pos_device_id", "customer_id"):
            _optional(body, name, f"object.{name}", str)
        stored_lines = [self._line(line, f"object.line_items[{position}]", store_id) for position, line in enumerate(lines)]
        total = sum((Decimal(str(line["total_money"])) for line in stored_lines), Decimal(0))
        created = now_stamp()
        receipt = {
            "receipt_number": f"1-{1001 + len(self.orders)}", "note": body.get("note"), "receipt_type": "SALE",
            "refund_for": None, "order": body.get("order"), "created_at": created, "updated_at": created,
            "source": body.get("source") or "API", "receipt_date": body.get("receipt_date") or created, "cancelled_at": None,
            "total_money": float(total), "total_tax": 0, "points_earned": 0, "points_deducted": 0, "points_balance": 0,
            "customer_id": body.get("customer_id"), "total_discount": 0, "employee_id": None, "store_id": store_id,
            "pos_device_id": body.get("pos_device_id"), "dining_option": None, "total_discounts": [], "total_taxes": [],
            "tip": 0, "surcharge": 0, "line_items": stored_lines,
            "payments": [self._payment(payments[0], "object.payments[0]", total)],
        }
        self.orders.append(receipt)
        return web.json_response(receipt)

