"""A local Clover `/v3` double: merchant-scoped paths, bearer auth, cents, `{"elements": [...]}` lists with
limit/offset paging, `expand=` and `filter=`, atomic orders (one line item per unit), order updates and print
events, and Clover's rejections (401 for a bad token or another merchant, 400 for a bad body or an unknown
catalog id, 404 for an unknown order) with a `{"message": ...}` body.
"""

import random
import re
import time
from typing import Any, Dict, List, Optional, Sequence, Tuple

from aiohttp import web

from tests.doubles.server import Double

ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MAX_LIMIT = 1000
# Filterable order fields, as Clover's reference lists them for GET /orders.
ORDER_FILTER_FIELDS = {
    "employee.id", "note", "modifiedTime", "orderType", "touched", "manualTransaction", "title", "device.id",
    "externalReferenceId", "clientCreatedTime", "total", "payType", "testMode", "createdTime", "id", "state",
    "deletedTime",
}
FILTER = re.compile(r"^\s*([A-Za-z][\w.]*)\s*(>=|<=|!=|=|>|<)\s*(.*)$")
UPDATABLE_ORDER_FIELDS = {
    "state", "title", "note", "orderType", "taxRemoved", "testMode", "manualTransaction", "groupLineItems",
}


class CloverRejection(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _compare(left: Any, operator: str, right: str) -> bool:
    if isinstance(left, (int, float)) and not isinstance(left, bool):
        try:
            right_value: Any = float(right)
        except ValueError:
            raise CloverRejection(400, f"Invalid filter value {right!r}")
    else:
        left, right_value = ("" if left is None else str(left)), right
    return {
        "=": left == right_value, "!=": left != right_value, ">": left > right_value,
        "<": left < right_value, ">=": left >= right_value, "<=": left <= right_value,
    }[operator]


class CloverDouble(Double):
    """One merchant's inventory and orders. `seed_demo` loads a small pizzeria; tests may add their own with the
    `add_*` methods before `start()`. `atomic_state` is the state Clover gives an atomic order (None = hidden)."""

    def __init__(self, merchant_id: str = "MRCHNT7TONYS1", token: str = "clover-test-token", seed_demo: bool = True,
                 atomic_state: Optional[str] = "open", currency: str = "USD", id_seed: int = 7):
        super().__init__()
        self.merchant_id = merchant_id
        self.token = token
        self.atomic_state = atomic_state
        self.currency = currency
        self._ids = random.Random(id_seed)
        self.categories: Dict[str, Dict[str, Any]] = {}
        self.item_groups: Dict[str, Dict[str, Any]] = {}
        self.modifier_groups: Dict[str, Dict[str, Any]] = {}
        self.modifiers: Dict[str, Dict[str, Any]] = {}
        self.items: Dict[str, Dict[str, Any]] = {}
        self.item_links: Dict[str, Dict[str, List[str]]] = {}
        self.item_stocks: Dict[str, float] = {}
        self.order_types: Dict[str, Dict[str, Any]] = {}
        self.orders: List[Dict[str, Any]] = []
        self.print_events: List[Dict[str, Any]] = []
        # Playbook catalog ids → the Clover ids they were seeded under (see `seeded_from_catalog`).
        self.clover_ids: Dict[str, str] = {}
        self.pickup_type = self.add_order_type("Pick Up")
        self.delivery_type = self.add_order_type("Delivery")
        if seed_demo:
            self._seed_pizzeria()

    # ---- seeding -------------------------------------------------------------------------------------------

    def new_id(self) -> str:
        return "".join(self._ids.choice(ID_ALPHABET) for _ in range(13))

    def add_order_type(self, label: str) -> str:
        type_id = self.new_id()
        self.order_types[type_id] = {"id": type_id, "label": label, "taxable": True, "isDefault": False,
                                     "filterCategories": False, "isHidden": False, "hoursAvailable": "ALL"}
        return type_id

    def add_category(self, name: str) -> str:
        for category in self.categories.values():
            if category["name"] == name:
                return category["id"]
        category_id = self.new_id()
        self.categories[category_id] = {"id": category_id, "name": name, "sortOrder": len(self.categories)}
        return category_id

    def add_item_group(self, name: str) -> str:
        group_id = self.new_id()
        self.item_groups[group_id] = {"id": group_id, "name": name}
        return group_id

    def add_modifier_group(self, name: str, modifiers: Sequence[Tuple[str, int, bool]],
                           min_required: int = 0, max_allowed: Optional[int] = None) -> Tuple[str, List[str]]:
        """`modifiers` as (name, price in cents, available) triples; returns the group id and modifier ids."""
        group_id = self.new_id()
        self.modifier_groups[group_id] = {"id": group_id, "name": name, "showByDefault": True,
                                          "minRequired": min_required, "maxAllowed": max_allowed or len(modifiers)}
        modifier_ids = []
        for modifier_name, price, available in modifiers:
            modifier_id = self.new_id()
            self.modifiers[modifier_id] = {"id": modifier_id, "name": modifier_name, "price": price,
                                           "available": available, "modifierGroup": {"id": group_id}}
            modifier_ids.append(modifier_id)
        return group_id, modifier_ids

    def add_item(self, name: str, price: int, category: Optional[str] = None, modifier_groups: Sequence[str] = (),
                 group: Optional[str] = None, hidden: bool = False, available: bool = True,
                 stock: Optional[float] = None, price_type: str = "FIXED") -> str:
        """Price in cents; `stock` set means the item is auto-managed (tracked) with that quantity."""
        item_id = self.new_id()
        if group:
            # Clover generates a grouped item's name from the group name and its options.
            name = f"{self.item_groups[group]['name']} {name}"
        item = {"id": item_id, "hidden": hidden, "available": available, "autoManage": stock is not None,
                "name": name, "alternateName": "", "code": "", "sku": "", "price": price, "priceType": price_type,
                "defaultTaxRates": True, "isRevenue": True, "modifiedTime": int(time.time() * 1000), "deleted": False}
        if group:
            item["itemGroup"] = {"id": group}
        self.items[item_id] = item
        self.item_links[item_id] = {"categories": [self.add_category(category)] if category else [],
                                    "modifierGroups": list(modifier_groups)}
        self.item_stocks[item_id] = float(stock) if stock is not None else 0.0
        return item_id

    def _seed_pizzeria(self) -> None:
        self.toppings, self.topping_ids = self.add_modifier_group(
            "Toppings", [("Extra cheese", 150, True), ("Mushrooms", 125, True), ("Black olives", 125, True),
                         ("Anchovies", 150, False)])
        self.sauces, self.sauce_ids = self.add_modifier_group("Wing sauce", [("Buffalo", 0, True), ("BBQ", 0, True)],
                                                              min_required=1, max_allowed=1)
        self.cheese_pizza = self.add_item_group("Cheese Pizza")
        self.cheese_small = self.add_item("Small", 1000, "Pizza", [self.toppings], group=self.cheese_pizza)
        self.cheese_medium = self.add_item("Medium", 1250, "Pizza", [self.toppings], group=self.cheese_pizza)
        self.cheese_large = self.add_item("Large", 1500, "Pizza", [self.toppings], group=self.cheese_pizza)
        self.wings = self.add_item("Chicken Wings (6)", 800, "Sides", [self.sauces])
        self.garlic_knots = self.add_item("Garlic Knots", 500, "Sides")
        self.coke = self.add_item("Coke Can", 200, "Drinks", stock=24)
        self.lemonade = self.add_item("Lemonade", 300, "Drinks", stock=0)
        self.tiramisu = self.add_item("Tiramisu", 650, "Desserts", available=False)
        self.staff_meal = self.add_item("Staff Meal", 0, hidden=True)
        self.open_price = self.add_item("Catering Tray", 0, "Catering", price_type="VARIABLE")

    @classmethod
    def seeded_from_catalog(cls, catalog_section: Dict[str, Any], **options) -> "CloverDouble":
        """A double selling a playbook's `catalog:` under Clover ids: an item with several variations becomes an
        item group whose member items are the variations; `clover_ids` maps each playbook id to its Clover id."""
        double = cls(seed_demo=False, **options)
        for modifier_list in catalog_section.get("modifier_lists") or []:
            group_id, modifier_ids = double.add_modifier_group(
                modifier_list["name"], [(modifier["name"], round(float(modifier["price"]) * 100), True)
                                        for modifier in modifier_list["modifiers"]])
            double.clover_ids[modifier_list["id"]] = group_id
            for modifier, modifier_id in zip(modifier_list["modifiers"], modifier_ids):
                double.clover_ids[modifier["id"]] = modifier_id
        for item in catalog_section["items"]:
            groups = [double.clover_ids[list_id] for list_id in item.get("modifier_lists") or []]
            variations = item["variations"]
            group = double.add_item_group(item["name"]) if len(variations) > 1 else None
            for variation in variations:
                item_id = double.add_item(variation["name"] if group else item["name"],
                                          round(float(variation["price"]) * 100), item.get("category"), groups,
                                          group=group, stock=item.get("stock"))
                double.clover_ids[variation["id"]] = item_id
            double.clover_ids[item["id"]] = group or double.clover_ids[variations[0]["id"]]
        return double

    # ---- HTTP ----------------------------------------------------------------------------------------------

    def routes(self, app: web.Application) -> None:
        base = "/v3/merchants/{mId}"
        app.router.add_get(base + "/items", self._guard(self._get_items))
        app.router.add_get(base + "/item_groups", self._guard(self._get_item_groups))
        app.router.add_get(base + "/modifier_groups", self._guard(self._get_modifier_groups))
        app.router.add_get(base + "/order_types", self._guard(self._get_order_types))
        app.router.add_post(base + "/atomic_order/orders", self._guard(self._create_atomic_order))
        app.router.add_get(base + "/orders", self._guard(self._get_orders))
        app.router.add_get(base + "/orders/{orderId}", self._guard(self._get_order))
        app.router.add_post(base + "/orders/{orderId}", self._guard(self._update_order))
        app.router.add_post(base + "/print_event", self._guard(self._print_event))

    def _guard(self, handler):
        """Bearer token for this merchant, else 401 (Clover says 401 for permissions too); rejections as JSON."""

        async def guarded(request: web.Request) -> web.Response:
            authorized = request.headers.get("Authorization") == f"Bearer {self.token}"
            if not authorized or request.match_info["mId"] != self.merchant_id:
                return web.json_response({"message": "401 Unauthorized"}, status=401)
            try:
                return web.json_response(await handler(request))
            except CloverRejection as rejection:
                return web.json_response({"message": rejection.message}, status=rejection.status)

        return guarded

    def _href(self, path: str) -> str:
        return f"{self.base_url}/v3/merchants/{self.merchant_id}{path}"

    @staticmethod
    def _expansions(request: web.Request) -> set:
        fields = (field.strip() for value in request.query.getall("expand", []) for field in value.split(","))
        return {field for field in fields if field}

    @staticmethod
    def _page(request: web.Request, elements: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        try:
            limit = int(request.query.get("limit", 100))
            offset = int(request.query.get("offset", 0))
        except ValueError:
            raise CloverRejection(400, "limit and offset must be integers")
        if limit < 0 or offset < 0:
            raise CloverRejection(400, "limit and offset must not be negative")
        return elements[offset:offset + min(limit, MAX_LIMIT)]

    def _listing(self, request: web.Request, path: str, elements: List[Dict[str, Any]]) -> Dict[str, Any]:
        return {"elements": self._page(request, elements), "href": self._href(path)}

    async def _get_items(self, request: web.Request) -> Dict[str, Any]:
        expand = self._expansions(request)
        return self._listing(request, "/items", [self._render_item(item_id, expand) for item_id in self.items])

    def _render_item(self, item_id: str, expand: set) -> Dict[str, Any]:
        item = dict(self.items[item_id])
        links = self.item_links[item_id]
        if "categories" in expand:
            item["categories"] = {"elements": [dict(self.categories[c]) for c in links["categories"]]}
        if "modifierGroups" in expand:
            item["modifierGroups"] = {"elements": [dict(self.modifier_groups[g]) for g in links["modifierGroups"]]}
        if "itemStock" in expand:
            quantity = self.item_stocks[item_id]
            item["itemStock"] = {"item": {"id": item_id}, "stockCount": round(quantity), "quantity": quantity}
        return item

    async def _get_item_groups(self, request: web.Request) -> Dict[str, Any]:
        return self._listing(request, "/item_groups", [dict(group) for group in self.item_groups.values()])

    async def _get_modifier_groups(self, request: web.Request) -> Dict[str, Any]:
        expand = self._expansions(request)
        groups = []
        for group_id, group in self.modifier_groups.items():
            rendered = dict(group)
            if "modifiers" in expand:
                rendered["modifiers"] = {"elements": [dict(modifier) for modifier in self.modifiers.values()
                                                      if modifier["modifierGroup"]["id"] == group_id]}
            groups.append(rendered)
        return self._listing(request, "/modifier_groups", groups)

    async def _get_order_types(self, request: web.Request) -> Dict[str, Any]:
        return self._listing(request, "/order_types", [dict(order_type) for order_type in self.order_types.values()])

    async def _json_object(self, request: web.Request) -> Dict[str, Any]:
        try:
            body = await request.json()
        except ValueError:
            raise CloverRejection(400, "Request body is not valid JSON")
        if not isinstance(body, dict):
            raise CloverRejection(400, "Request body must be a JSON object")
        return body

    async def _create_atomic_order(self, request: web.Request) -> Dict[str, Any]:
        body = await self._json_object(request)
        cart = body.get("orderCart")
        if not isinstance(cart, dict):
            raise CloverRejection(400, "orderCart is required")
        for field in ("title", "note"):
            if field in cart and not isinstance(cart[field], str):
                raise CloverRejection(400, f"orderCart.{field} must be a string")
        order_type = cart.get("orderType")
        if order_type is not None:
            if not isinstance(order_type, dict) or not isinstance(order_type.get("id"), str):
                raise CloverRejection(400, "orderCart.orderType must be an object with an id")
            if order_type["id"] not in self.order_types:
                raise CloverRejection(400, f"Order type {order_type['id']} does not exist")
        lines = cart.get("lineItems")
        if not isinstance(lines, list) or not lines:
            raise CloverRejection(400, "orderCart.lineItems must be a non-empty array")
        line_items = [self._line_item(line, index) for index, line in enumerate(lines)]
        now = int(time.time() * 1000)
        order_id = self.new_id()
        order = {
            "href": self._href(f"/orders/{order_id}"), "id": order_id, "currency": self.currency,
            "total": sum(line["price"] + sum(modification["amount"] for modification in line["modifications"]["elements"])
                         for line in line_items),
            "paymentState": "OPEN", "taxRemoved": False, "isVat": False, "manualTransaction": False,
            "groupLineItems": False, "testMode": False,
            "createdTime": now, "clientCreatedTime": now, "modifiedTime": now,
            "lineItems": {"elements": line_items},
        }
        for field in ("title", "note"):
            if field in cart:
                order[field] = cart[field]
        if order_type is not None:
            order["orderType"] = {"id": order_type["id"]}
        if self.atomic_state is not None:
            order["state"] = self.atomic_state
        self.orders.append(order)
        return order

    def _line_item(self, line: Any, index: int) -> Dict[str, Any]:
        where = f"orderCart.lineItems[{index}]"
        if not isinstance(line, dict):
            raise CloverRejection(400, f"{where} must be an object")
        item_ref, price = line.get("item"), line.get("price")
        if item_ref is None and price is None:
            raise CloverRejection(400, f"{where} must have an inventory item id or a price")
        if price is not None and not _is_int(price):
            raise CloverRejection(400, f"{where}.price must be an integer amount in cents")
        for field in ("name", "note"):
            if field in line and not isinstance(line[field], str):
                raise CloverRejection(400, f"{where}.{field} must be a string")
        item = None
        if item_ref is not None:
            if not isinstance(item_ref, dict) or not isinstance(item_ref.get("id"), str):
                raise CloverRejection(400, f"{where}.item must be an object with an id")
            item = self.items.get(item_ref["id"])
            if item is None or item["deleted"]:
                raise CloverRejection(400, f"Item {item_ref['id']} does not exist")
        modifications = line.get("modifications", [])
        if not isinstance(modifications, list):
            raise CloverRejection(400, f"{where}.modifications must be an array")
        rendered_modifications = []
        for position, modification in enumerate(modifications):
            modifier_ref = modification.get("modifier") if isinstance(modification, dict) else None
            if not isinstance(modifier_ref, dict) or not isinstance(modifier_ref.get("id"), str):
                raise CloverRejection(400, f"{where}.modifications[{position}].modifier must be an object with an id")
            modifier = self.modifiers.get(modifier_ref["id"])
            if modifier is None:
                raise CloverRejection(400, f"Modifier {modifier_ref['id']} does not exist")
            rendered_modifications.append({"id": self.new_id(), "name": modification.get("name", modifier["name"]),
                                           "amount": modification.get("amount", modifier["price"]),
                                           "modifier": {"id": modifier["id"]}})
        rendered = {"id": self.new_id(), "name": line.get("name") or (item["name"] if item else ""),
                    "price": price if price is not None else item["price"], "printed": False, "exchanged": False,
                    "refunded": False, "isRevenue": True,
                    "modifications": {"elements": rendered_modifications}}
        if item is not None:
            rendered["item"] = {"id": item["id"]}
        if line.get("note"):
            rendered["note"] = line["note"]
        return rendered

    def _find_order(self, request: web.Request) -> Dict[str, Any]:
        for order in self.orders:
            if order["id"] == request.match_info["orderId"]:
                return order
        raise CloverRejection(404, "Not Found")

    @staticmethod
    def _render_order(order: Dict[str, Any], expand: set) -> Dict[str, Any]:
        return order if "lineItems" in expand else {k: v for k, v in order.items() if k != "lineItems"}

    async def _get_orders(self, request: web.Request) -> Dict[str, Any]:
        filters = []
        for expression in request.query.getall("filter", []):
            match = FILTER.match(expression)
            if not match or match.group(1) not in ORDER_FILTER_FIELDS:
                raise CloverRejection(400, f"Invalid filter: {expression}")
            filters.append(match.groups())
        expand = self._expansions(request)
        newest_first = sorted(enumerate(self.orders), key=lambda pair: (pair[1]["createdTime"], pair[0]), reverse=True)
        selected = [self._render_order(order, expand) for _, order in newest_first
                    if all(_compare(order.get(field), operator, value) for field, operator, value in filters)]
        return self._listing(request, "/orders", selected)

    async def _get_order(self, request: web.Request) -> Dict[str, Any]:
        return self._render_order(self._find_order(request), self._expansions(request))

    async def _update_order(self, request: web.Request) -> Dict[str, Any]:
        order = self._find_order(request)
        body = await self._json_object(request)
        for field, value in body.items():
            if field in UPDATABLE_ORDER_FIELDS:
                order[field] = value
        order["modifiedTime"] = int(time.time() * 1000)
        return self._render_order(order, set())

    async def _print_event(self, request: web.Request) -> Dict[str, Any]:
        body = await self._json_object(request)
        reference = body.get("orderRef")
        if not isinstance(reference, dict) or not isinstance(reference.get("id"), str):
            raise CloverRejection(400, "orderRef with an order id is required")
        if not any(order["id"] == reference["id"] for order in self.orders):
            raise CloverRejection(400, f"Order {reference['id']} does not exist")
        event = {"id": self.new_id(), "orderRef": {"id": reference["id"]}, "state": "CREATED",
                 "createdTime": int(time.time() * 1000)}
        self.print_events.append(event)
        return event
