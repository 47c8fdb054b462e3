"""A local Revel Systems: the Weborders cart submit, and the Tastypie REST resources the adapter reads.

Follows what Revel publishes and what its own online-ordering app sends: `API-AUTHENTICATION: key:secret`
(anything else is a 401 with an empty body, as Tastypie answers), the cart answered with HTTP 200 and
`{"status": "OK", "data": {...}}` or `{"status": "ERROR", "errorMsg": "..."}`, list resources as
`{"meta": {limit, offset, next, previous, total_count}, "objects": [...]}` with `limit`/`offset` paging and
field filters, related objects as URIs (`/resources/Product/12/`), money in decimal major units, order times
in the establishment's local clock without an offset, and unknown paths answered by an HTML 404 page. The cart
body is read as JSON whether it came as text/plain or application/json.

A submitted cart becomes an Order (in `orders`, shaped like `/resources/Order/` objects) and its lines become
OrderItems (in `order_items`, linked by the order's URI); the submitted carts are kept in `carts` by order id.
Payment type 4 ("no payment", Revel's "Pay at Store") leaves the order due in full (`remaining_due` =
`final_total`); any other type lowers `remaining_due` by `paymentInfo.amount`.
"""

import json
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from itertools import count
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from aiohttp import web

from tests.doubles.server import Double

NOT_FOUND_PAGE = "<html><head><title>Page not found</title></head><body><h1>Not Found</h1></body></html>"
NO_PAYMENT = 4


def _uri(resource: str, record_id: int) -> str:
    prefix = "/products" if resource == "ProductCategory" else "/resources"
    return f"{prefix}/{resource}/{record_id}/"


def _id_of(uri: Any) -> Optional[str]:
    text = str(uri or "").rstrip("/")
    return text.rsplit("/", 1)[-1] if text else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class CartRejected(Exception):
    """A cart the Weborders validators refuse; answered as HTTP 200 with status ERROR."""


class RevelDouble(Double):
    """Seeded with a small pizzeria unless `catalog` (the REST objects by resource name) is given.

    Where Revel's submit answer puts the new order's id is not documented; this double answers `data.orderId`,
    or an empty `data` with `returns_order_id=False` so the adapter's fallback can be tested.
    """

    def __init__(
        self,
        api_key: str = "revel-key",
        api_secret: str = "revel-secret",
        establishment_id: int = 1,
        page_size: int = 50,
        catalog: Optional[Dict[str, List[Dict[str, Any]]]] = None,
        timezone_name: str = "America/New_York",
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        returns_order_id: bool = True,
    ):
        super().__init__()
        self.api_key = api_key
        self.api_secret = api_secret
        self.establishment_id = establishment_id
        self.page_size = page_size
        self.zone = ZoneInfo(timezone_name)
        self.clock = clock
        self.returns_order_id = returns_order_id
        self.resources: Dict[str, List[Dict[str, Any]]] = catalog if catalog is not None else pizzeria(establishment_id)
        self.resources.setdefault("Order", [])
        self.orders: List[Dict[str, Any]] = self.resources["Order"]
        self.order_items: List[Dict[str, Any]] = []
        self.carts: Dict[int, Dict[str, Any]] = {}
        self._order_ids = count(5001)
        self._item_ids = count(90001)

    @classmethod
    def seeded_from_catalog(cls, catalog_section: Dict[str, Any], **options: Any) -> "RevelDouble":
        """A double selling a playbook's catalog under Revel ids: one product per variation (Revel products are
        single-priced; an item with several variations becomes "name (variation)"), modifier lists as classes."""
        establishment_id = options.get("establishment_id", 1)
        return cls(catalog=catalog_objects(catalog_section, establishment_id), **options)

    @property
    def establishment_uri(self) -> str:
        return f"/enterprise/Establishment/{self.establishment_id}/"

    def items_of(self, order: Dict[str, Any]) -> List[Dict[str, Any]]:
        return [item for item in self.order_items if item["order"] == order["resource_uri"]]

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/specialresources/cart/submit/", self._submit)
        for resource in ("Product", "Modifier", "ModifierClass", "ProductModifierClass", "ProductModifier", "Order"):
            app.router.add_get(f"/resources/{resource}/", self._lister(resource))
        app.router.add_get("/products/ProductCategory/", self._lister("ProductCategory"))
        app.router.add_route("*", "/{tail:.*}", self._not_found)

    def _authorized(self, request: web.Request) -> bool:
        return request.headers.get("API-AUTHENTICATION") == f"{self.api_key}:{self.api_secret}"

    async def _not_found(self, request: web.Request) -> web.Response:
        return web.Response(status=404, text=NOT_FOUND_PAGE, content_type="text/html")

    def _lister(self, resource: str):
        async def handle(request: web.Request) -> web.Response:
            if not self._authorized(request):
                return web.Response(status=401)
            query = dict(request.query)
            limit = min(int(query.pop("limit", self.page_size)), self.page_size)
            offset = int(query.pop("offset", 0))
            order_by = query.pop("order_by", None)
            query.pop("format", None)
            matching = [record for record in self.resources.get(resource, []) if self._matches(record, query)]
            if order_by:
                field = order_by.lstrip("-")
                matching.sort(key=lambda record: str(record.get(field) or ""), reverse=order_by.startswith("-"))
            page = matching[offset:offset + limit]
            has_more = offset + limit < len(matching)
            base = request.path
            more = {**query, **({"order_by": order_by} if order_by else {})}
            meta = {
                "limit": limit, "offset": offset, "total_count": len(matching),
                "next": f"{base}?{urlencode({**more, 'limit': limit, 'offset': offset + limit})}" if has_more else None,
                "previous": (f"{base}?{urlencode({**more, 'limit': limit, 'offset': max(0, offset - limit)})}"
                             if offset else None),
            }
            return web.json_response({"meta": meta, "objects": page})

        return handle

    @staticmethod
    def _matches(record: Dict[str, Any], filters: Dict[str, str]) -> bool:
        for name, wanted in filters.items():
            field, _, lookup = name.partition("__")
            value = record.get(field)
            if lookup == "gte":
                if value is None or str(value) < wanted:
                    return False
            elif isinstance(value, bool):
                if value != (wanted.lower() == "true"):
                    return False
            elif isinstance(value, str) and value.startswith("/"):
                if _id_of(value) != wanted:
                    return False
            elif str(value) != wanted:
                return False
        return True

    def _find(self, resource: str, record_id: Any) -> Optional[Dict[str, Any]]:
        return next((r for r in self.resources.get(resource, []) if r["id"] == record_id), None)

    async def _submit(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return web.Response(status=401)
        try:
            cart = json.loads(await request.text())
            order = self._create_order(cart)
        except ValueError:
            return web.json_response({"status": "ERROR", "errorMsg": "Unhandled error"})
        except CartRejected as rejection:
            return web.json_response({"status": "ERROR", "errorMsg": str(rejection)})
        return web.json_response({"status": "OK", "data": {"orderId": order["id"]} if self.returns_order_id else {}})

    def _create_order(self, cart: Any) -> Dict[str, Any]:
        if not isinstance(cart, dict):
            raise CartRejected("Request body must be a JSON object")
        if cart.get("skin") != "weborder":
            raise CartRejected("skin is required")
        if not _is_int(cart.get("establishmentId")):
            raise CartRejected("establishmentId must be an integer")
        if cart["establishmentId"] != self.establishment_id:
            raise CartRejected(f"Establishment {cart['establishmentId']} does not exist or has online ordering disabled")
        items = cart.get("items")
        if not isinstance(items, list) or not items:
            raise CartRejected("items: at least one item is required")
        order_info = cart.get("orderInfo")
        if not isinstance(order_info, dict) or not _is_int(order_info.get("dining_option")):
            raise CartRejected("orderInfo.dining_option must be an integer")
        for field in ("call_name", "notes", "pickup_time", "created_date"):
            if field in order_info and not isinstance(order_info[field], str):
                raise CartRejected(f"orderInfo.{field} must be a string")
        if order_info.get("pickup_time"):
            try:
                datetime.fromisoformat(order_info["pickup_time"])
            except ValueError:
                raise CartRejected("orderInfo.pickup_time is not a valid date") from None
        payment = cart.get("paymentInfo") or {}
        if not isinstance(payment, dict) or not _is_int(payment.get("type", NO_PAYMENT)):
            raise CartRejected("paymentInfo.type must be an integer")
        paid = Decimal(0)
        if payment.get("type", NO_PAYMENT) != NO_PAYMENT:
            if not _is_number(payment.get("amount")):
                raise CartRejected("paymentInfo.amount must be a number")
            paid = Decimal(str(payment["amount"]))
        lines = [self._checked_item(item, index) for index, item in enumerate(items)]

        subtotal = sum((line["total"] for line in lines), Decimal(0))
        order_id = next(self._order_ids)
        created = self.clock().astimezone(self.zone).replace(tzinfo=None, microsecond=0).isoformat()
        order = {
            "id": order_id,
            "uuid": str(uuid.uuid4()),
            "resource_uri": _uri("Order", order_id),
            "establishment": self.establishment_uri,
            "created_date": created,
            "updated_date": created,
            "web_order": True,
            "dining_option": order_info["dining_option"],
            "pickup_time": order_info.get("pickup_time"),
            "call_name": order_info.get("call_name", ""),
            "notes": order_info.get("notes", ""),
            "closed": False,
            "printed": False,
            "subtotal": float(subtotal),
            "tax": 0.0,
            "final_total": float(subtotal),
            "remaining_due": float(max(subtotal - paid, Decimal(0))),
        }
        self.orders.append(order)
        self.carts[order_id] = cart
        for line in lines:
            self.order_items.append({
                "id": next(self._item_ids), "order": order["resource_uri"],
                "product": _uri("Product", line["product"]), "quantity": line["quantity"], "price": line["price"],
                "special_request": line["special_request"], "modifieritems": line["modifieritems"],
            })
        return order

    def _checked_item(self, item: Any, index: int) -> Dict[str, Any]:
        where = f"items[{index}]"
        if not isinstance(item, dict):
            raise CartRejected(f"{where} must be an object")
        if not _is_int(item.get("product")):
            raise CartRejected(f"{where}.product must be an integer product id")
        product = self._find("Product", item["product"])
        if product is None or _id_of(product["establishment"]) != str(self.establishment_id):
            raise CartRejected(f"Product with id {item['product']} does not exist")
        if not product["active"]:
            raise CartRejected(f"Product {product['name']} is not available")
        if not _is_int(item.get("quantity")) or item["quantity"] < 1:
            raise CartRejected(f"{where}.quantity must be a positive integer")
        if not _is_number(item.get("price")):
            raise CartRejected(f"{where}.price must be a number")
        if not isinstance(item.get("special_request", ""), str):
            raise CartRejected(f"{where}.special_request must be a string")
        modifier_items = item.get("modifieritems", [])
        if not isinstance(modifier_items, list):
            raise CartRejected(f"{where}.modifieritems must be a list")
        unit = Decimal(str(item["price"]))
        for position, modifier_item in enumerate(modifier_items):
            unit += self._checked_modifier(modifier_item, f"{where}.modifieritems[{position}]")
        return {"product": item["product"], "quantity": item["quantity"], "price": item["price"],
                "special_request": item.get("special_request", ""), "modifieritems": modifier_items,
                "total": unit * item["quantity"]}

    def _checked_modifier(self, modifier_item: Any, where: str) -> Decimal:
        if not isinstance(modifier_item, dict) or not _is_int(modifier_item.get("modifier")):
            raise CartRejected(f"{where}.modifier must be an integer modifier id")
        modifier = self._find("Modifier", modifier_item["modifier"])
        if modifier is None:
            raise CartRejected(f"Modifier with id {modifier_item['modifier']} does not exist")
        if not modifier["active"]:
            raise CartRejected(f"Modifier {modifier['name']} is not available")
        for field in ("qty", "qty_type", "mod_type"):
            if not _is_int(modifier_item.get(field)):
                raise CartRejected(f"{where}.{field} must be an integer")
        price = modifier_item.get("modifier_price", modifier["price"])
        if not _is_number(price):
            raise CartRejected(f"{where}.modifier_price must be a number")
        return Decimal(str(price)) * modifier_item["qty"]


class _Catalog:
    """Builds REST objects with sequential ids, linked by URI the way Revel links them."""

    def __init__(self, establishment_id: int):
        self.establishment = f"/enterprise/Establishment/{establishment_id}/"
        first_ids = {"ProductCategory": 1, "Product": 101, "ModifierClass": 11, "Modifier": 201,
                     "ProductModifierClass": 301, "ProductModifier": 401}
        self.objects: Dict[str, List[Dict[str, Any]]] = {name: [] for name in first_ids}
        self._ids = {name: count(start) for name, start in first_ids.items()}

    def add(self, resource: str, **fields: Any) -> Dict[str, Any]:
        record_id = next(self._ids[resource])
        record = {"id": record_id, "resource_uri": _uri(resource, record_id), "establishment": self.establishment, **fields}
        self.objects[resource].append(record)
        return record

    def category(self, name: str) -> Dict[str, Any]:
        return self.add("ProductCategory", name=name, active=True)

    def product(self, name: str, price: str, category: Optional[Dict[str, Any]], active: bool = True) -> Dict[str, Any]:
        return self.add("Product", name=name, price=float(Decimal(price)), active=active, uuid=str(uuid.uuid4()),
                        category=category["resource_uri"] if category else None, sku="", barcode="")

    def modifier_class(self, name: str, modifiers: List[tuple]) -> Dict[str, Any]:
        """`modifiers` as (name, price, active) triples."""
        group = self.add("ModifierClass", name=name, active=True)
        group["modifiers"] = [self.add("Modifier", name=m_name, price=float(Decimal(price)), active=active)
                              for m_name, price, active in modifiers]
        return group

    def offer(self, product: Dict[str, Any], group: Dict[str, Any]) -> None:
        link = self.add("ProductModifierClass", product=product["resource_uri"], modifier_class=group["resource_uri"],
                        active=True, amount_free=0.0)
        for modifier in group["modifiers"]:
            self.add("ProductModifier", product_modifier_class=link["resource_uri"], modifier=modifier["resource_uri"],
                     default_modifier=False, active=True)

    def done(self) -> Dict[str, List[Dict[str, Any]]]:
        for group in self.objects["ModifierClass"]:
            group.pop("modifiers", None)
        return self.objects


def pizzeria(establishment_id: int = 1) -> Dict[str, List[Dict[str, Any]]]:
    """Cheese pizza in three sizes (three products, as Revel sells sizes), toppings, wings with sauces, a soda,
    garlic knots that are switched off, and anchovies that are out."""
    catalog = _Catalog(establishment_id)
    pizza, wings, drinks, sides = (catalog.category(name) for name in ("Pizza", "Wings", "Drinks", "Sides"))
    toppings = catalog.modifier_class("Toppings", [("Extra Cheese", "1.50", True), ("Mushrooms", "1.25", True),
                                                   ("Anchovies", "1.00", False)])
    sauces = catalog.modifier_class("Wing Sauce", [("Buffalo", "0", True), ("BBQ", "0", True)])
    for size, price in (("Small", "10.00"), ("Medium", "12.50"), ("Large", "15.00")):
        catalog.offer(catalog.product(f"Cheese Pizza {size}", price, pizza), toppings)
    catalog.offer(catalog.product("Buffalo Wings 10 pc", "11.99", wings), sauces)
    catalog.product("Fountain Soda", "2.50", drinks)
    catalog.product("Garlic Knots", "4.99", sides, active=False)
    return catalog.done()


def catalog_objects(catalog_section: Dict[str, Any], establishment_id: int = 1) -> Dict[str, List[Dict[str, Any]]]:
    """A playbook `catalog:` section as Revel REST objects."""
    catalog = _Catalog(establishment_id)
    groups = {
        modifier_list["id"]: catalog.modifier_class(
            modifier_list["name"], [(m["name"], str(m["price"]), True) for m in modifier_list["modifiers"]])
        for modifier_list in catalog_section.get("modifier_lists", [])
    }
    categories: Dict[str, Dict[str, Any]] = {}
    for item in catalog_section["items"]:
        category = None
        if item.get("category"):
            category = categories.setdefault(item["category"], catalog.category(item["category"]))
        for variation in item["variations"]:
            name = item["name"] if len(item["variations"]) == 1 else f"{item['name']} ({variation['name']})"
            product = catalog.product(name, str(variation["price"]), category)
            for list_id in item.get("modifier_lists", []):
                catalog.offer(product, groups[list_id])
    return catalog.done()
