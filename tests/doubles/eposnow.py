"""A local Epos Now V4 API: products, categories, multiple-choice groups and transactions, for contract tests.

Follows what is known of the real API (pos-apis.md §4): Basic auth over the API device's key and secret, PascalCase
bodies, integer ids, decimal major-unit money, bare JSON arrays paged by `?page=N` (200 a page unless a test asks
for fewer), `201` with the stored transaction on create. Errors use the ASP.NET Web API shape
(`{"Message", "ModelState"}`), which is a guess from the server it runs on. Like the one real sample, the stored
transaction echoes `ReferenceCode` as null; whether list endpoints carry `TransactionDetails` is unknown, so
`details_in_lists` lets a test take them away.
"""

import base64
import itertools
import threading
from datetime import datetime
from decimal import Decimal
from typing import Any, Dict, List, Optional

from aiohttp import web

from tests.doubles.server import Double

API = "/api/v4"
API_DEVICE_ID = 33122
API_STAFF_ID = 139448


def product(id: int, name: str, price: str, category_id: int, size: Optional[str] = None, **fields) -> Dict[str, Any]:
    """A product as V4 lists it (fields from a public client's model of `GET /api/v4/Product`)."""
    return {
        "Id": id, "Name": name, "Description": None, "CostPrice": None, "IsCostPriceIncTax": False,
        "SalePrice": float(price), "IsSalePriceIncTax": True, "EatOutPrice": float(price), "IsEatOutPriceIncTax": True,
        "CategoryId": category_id, "Barcode": None, "VariantGroupId": None, "Size": size, "Sku": None,
        "SellOnWeb": False, "SellOnTill": True, "ProductType": 0, "ReferenceCode": None, "IsVariablePrice": False,
        "IsArchived": False, "IsMultipleChoiceProductOptional": True, **fields,
    }


def group(id: int, name: str, product_ids: List[int]) -> Dict[str, Any]:
    """A multiple-choice group; the member list's field name is a guess (V2 called these group items)."""
    return {
        "Id": id, "Name": name, "Description": None,
        "MultipleChoiceProductGroupItems": [{"ProductId": pid, "SortPosition": n} for n, pid in enumerate(product_ids)],
    }


def restaurant() -> Dict[str, List[Dict[str, Any]]]:
    """Tony's-style menu: a pizza in three sizes (separate products), toppings, wings with sauces, a drink, and
    three products the assistant must not offer (archived, off the till, open price)."""
    pizza_sizes = [(14944172, "Small", "10.00"), (14944173, "Medium", "12.50"), (14944174, "Large", "15.00")]
    products = [
        *(product(pid, "Margherita Pizza", price, 1001, size, VariantGroupId=501) for pid, size, price in pizza_sizes),
        product(14944081, "Extra Cheese", "1.50", 1004),
        product(14944082, "Mushrooms", "1.25", 1004),
        product(14944083, "Jalapenos", "1.00", 1004),
        product(14944200, "Chicken Wings 6 Piece", "8.00", 1002),
        product(14944201, "Chicken Wings 12 Piece", "14.50", 1002),
        product(14944090, "Buffalo Sauce", "0.00", 1004),
        product(14944091, "BBQ Sauce", "0.00", 1004),
        product(14944300, "Cola Can", "2.00", 1003),
        product(14944400, "Calzone", "11.00", 1001, IsArchived=True),
        product(14944401, "Garlic Bread", "4.50", 1002, SellOnTill=False),
        product(14944402, "Open Food", "0.00", 1002, IsVariablePrice=True),
    ]
    groups = [
        group(301, "Pizza Toppings", [14944081, 14944082, 14944083]),
        group(302, "Wing Sauce", [14944090, 14944091]),
    ]
    product_groups = [
        *({"ProductId": pid, "Groups": [{"Id": 301, "Name": "Pizza Toppings"}]} for pid, _, _ in pizza_sizes),
        *({"ProductId": pid, "Groups": [{"Id": 302, "Name": "Wing Sauce"}]} for pid in (14944200, 14944201)),
    ]
    categories = [{"Id": cid, "Name": name, "ParentId": None, "Description": None}
                  for cid, name in ((1001, "Pizza"), (1002, "Sides"), (1003, "Drinks"), (1004, "Extras"))]
    return {"categories": categories, "products": products, "groups": groups, "product_groups": product_groups}


class _Invalid(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def _int(value: Any, field: str, required: bool = True) -> Optional[int]:
    """Json.NET takes an integer or a string of digits for an int field; anything else fails model binding."""
    if value is None:
        if required:
            raise _Invalid(field, f"The {field.split('.')[-1]} field is required.")
        return None
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise _Invalid(field, f"Could not convert {value!r} to an integer.")
    try:
        return int(str(value)) if not isinstance(value, float) else int(value)
    except ValueError:
        raise _Invalid(field, f"Could not convert {value!r} to an integer.") from None


def _number(value: Any, field: str, required: bool = True) -> Optional[Decimal]:
    if value is None:
        if required:
            raise _Invalid(field, f"The {field.split('.')[-1]} field is required.")
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _Invalid(field, f"Could not convert {value!r} to a decimal.")
    try:
        return Decimal(str(value))
    except ArithmeticError:
        raise _Invalid(field, f"Could not convert {value!r} to a decimal.") from None


class EposNowDouble(Double):
    def __init__(self, api_key: str = "EPOSKEY", api_secret: str = "EPOSSECRET",
                 catalog: Optional[Dict[str, Any]] = None, page_size: int = 200, latest_count: int = 20,
                 details_in_lists: bool = True):
        super().__init__()
        seed = catalog or restaurant()
        self.authorization = "Basic " + base64.b64encode(f"{api_key}:{api_secret}".encode()).decode()
        self.categories: List[Dict[str, Any]] = list(seed["categories"])
        self.products: List[Dict[str, Any]] = list(seed["products"])
        self.groups: List[Dict[str, Any]] = list(seed["groups"])
        self.product_groups: List[Dict[str, Any]] = list(seed["product_groups"])
        self.page_size = page_size
        self.latest_count = latest_count
        self.details_in_lists = details_in_lists
        self.orders: List[Dict[str, Any]] = []
        self._ids = itertools.count(205968687)
        self._item_ids = itertools.count(695060906)
        self._store_lock = threading.Lock()

    @classmethod
    def seeded_from_catalog(cls, catalog_section: Dict[str, Any], **options) -> "EposNowDouble":
        """A double selling a playbook's catalog the Epos Now way: each variation its own 8-digit product (sized
        items carry `Size`), each modifier a product in a multiple-choice group linked to its items' products."""
        ids = itertools.count(30000001)
        categories, category_ids, products, groups, product_groups, group_ids = [], {}, [], [], [], {}
        for modifier_list in catalog_section.get("modifier_lists") or []:
            members = []
            for modifier in modifier_list["modifiers"]:
                members.append(next(ids))
                products.append(product(members[-1], modifier["name"], str(modifier["price"]), 0))
            group_ids[modifier_list["id"]] = 400 + len(groups) + 1
            groups.append(group(group_ids[modifier_list["id"]], modifier_list["name"], members))
        group_names = {g["Id"]: g["Name"] for g in groups}
        for item in catalog_section["items"]:
            category = item.get("category") or "Menu"
            if category not in category_ids:
                category_ids[category] = 1000 + len(category_ids) + 1
                categories.append({"Id": category_ids[category], "Name": category, "ParentId": None})
            sized = len(item["variations"]) > 1
            links = [{"Id": group_ids[list_id], "Name": group_names[group_ids[list_id]]}
                     for list_id in item.get("modifier_lists") or [] if list_id in group_ids]
            for variation in item["variations"]:
                pid = next(ids)
                products.append(product(pid, item["name"], str(variation["price"]), category_ids[category],
                                        variation["name"] if sized else None))
                if links:
                    product_groups.append({"ProductId": pid, "Groups": links})
        return cls(catalog={"categories": categories, "products": products, "groups": groups,
                            "product_groups": product_groups}, **options)

    def routes(self, app: web.Application) -> None:
        guarded = self._guarded
        app.router.add_get(API + "/Category", guarded(self._lister(lambda: self.categories)))
        app.router.add_get(API + "/Product", guarded(self._lister(lambda: self.products)))
        app.router.add_get(API + "/MultipleChoiceProduct/Group", guarded(self._lister(lambda: self.groups)))
        app.router.add_get(API + "/MultipleChoiceProduct", guarded(self._lister(lambda: self.product_groups)))
        app.router.add_post(API + "/Transaction", guarded(self._create_transaction))
        app.router.add_get(API + "/Transaction/GetLatest", guarded(self._latest))
        app.router.add_get(API + "/Transaction/GetByDate", guarded(self._by_date))
        app.router.add_get(API + r"/Transaction/{id:\d+}", guarded(self._transaction))

    def _guarded(self, handler):
        async def checked(request: web.Request) -> web.StreamResponse:
            if request.headers.get("Authorization") != self.authorization:
                return web.json_response({"Message": "Authorization has been denied for this request."}, status=401)
            return await handler(request)
        return checked

    @staticmethod
    def _bad_request(field: str, message: str) -> web.Response:
        return web.json_response({"Message": "The request is invalid.", "ModelState": {field: [message]}}, status=400)

    def _page(self, request: web.Request, rows: List[Any]) -> web.Response:
        try:
            page = int(request.query.get("page", "1"))
        except ValueError:
            return self._bad_request("page", "The value is not valid for page.")
        if page < 1:
            return self._bad_request("page", "Page must be 1 or more.")
        return web.json_response(rows[(page - 1) * self.page_size: page * self.page_size])

    def _lister(self, rows):
        async def listed(request: web.Request) -> web.Response:
            return self._page(request, rows())
        return listed

    def _listed(self, transaction: Dict[str, Any]) -> Dict[str, Any]:
        if self.details_in_lists:
            return transaction
        return {key: value for key, value in transaction.items() if key != "TransactionDetails"}

    async def _latest(self, request: web.Request) -> web.Response:
        return web.json_response([self._listed(t) for t in reversed(self.orders[-self.latest_count:])])

    async def _by_date(self, request: web.Request) -> web.Response:
        try:
            start = datetime.fromisoformat(request.query["startDate"])
            end = datetime.fromisoformat(request.query["endDate"])
        except (KeyError, ValueError):
            return self._bad_request("startDate", "startDate and endDate are required dates.")
        return self._page(request, [self._listed(t) for t in self.orders
                                    if start <= datetime.fromisoformat(t["DateTime"]) <= end])

    async def _transaction(self, request: web.Request) -> web.Response:
        found = next((t for t in self.orders if t["Id"] == int(request.match_info["id"])), None)
        if found is None:
            return web.json_response({"Message": "Transaction not found."}, status=404)
        return web.json_response(found)

    async def _create_transaction(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
        except ValueError:
            return web.json_response({"Message": "The request is invalid."}, status=400)
        if not isinstance(body, dict):
            return self._bad_request("transaction", "A transaction object is required.")
        try:
            transaction = self._validated(body)
        except _Invalid as invalid:
            return self._bad_request(f"transaction.{invalid.field}", invalid.message)
        with self._store_lock:
            transaction["Id"] = next(self._ids)
            for item in transaction["TransactionItems"]:
                item.update(Id=next(self._item_ids), TransactionId=transaction["Id"])
            self.orders.append(transaction)
        return web.json_response(transaction, status=201)

    def _validated(self, body: Dict[str, Any]) -> Dict[str, Any]:
        """The stored transaction, or `_Invalid` for what model binding or Epos Now's checks would refuse."""
        products = {p["Id"]: p for p in self.products}
        items = body.get("TransactionItems")
        if not isinstance(items, list) or not items:
            raise _Invalid("TransactionItems", "A transaction must have at least one TransactionItem.")
        stored_items, total = [], Decimal("0")
        for n, item in enumerate(items):
            where = f"TransactionItems[{n}]"
            if not isinstance(item, dict):
                raise _Invalid(where, "A TransactionItem object is required.")
            product_id = _int(item.get("ProductId"), f"{where}.ProductId")
            if product_id not in products:
                raise _Invalid(f"{where}.ProductId", f"Product {product_id} does not exist.")
            quantity = _number(item.get("Quantity"), f"{where}.Quantity")
            if quantity <= 0:
                raise _Invalid(f"{where}.Quantity", "Quantity must be greater than 0.")
            price = _number(item.get("UnitPrice"), f"{where}.UnitPrice", required=False)
            price = Decimal(str(products[product_id]["SalePrice"])) if price is None else price
            notes = item.get("Notes")
            if notes is not None and not isinstance(notes, str):
                raise _Invalid(f"{where}.Notes", "Notes must be text.")
            choices = []
            for m, choice in enumerate(item.get("MultipleChoiceItems") or []):
                at = f"{where}.MultipleChoiceItems[{m}]"
                choice_id = _int(choice.get("ProductId"), f"{at}.ProductId")
                if choice_id not in products:
                    raise _Invalid(f"{at}.ProductId", f"Product {choice_id} does not exist.")
                choice_quantity = _number(choice.get("Quantity"), f"{at}.Quantity")
                choice_price = _number(choice.get("UnitPrice"), f"{at}.UnitPrice", required=False)
                choice_price = Decimal(str(products[choice_id]["SalePrice"])) if choice_price is None else choice_price
                choices.append({"ProductId": choice_id, "Quantity": float(choice_quantity),
                                "UnitPrice": float(choice_price)})
                total += choice_price * choice_quantity * quantity
            total += price * quantity
            stored_items.append({"ProductId": product_id, "Quantity": float(quantity), "UnitPrice": float(price),
                                 "Notes": notes, "MultipleChoiceItems": choices})
        status_id = _int(body.get("StatusId"), "StatusId")
        service_type = _int(body.get("ServiceType"), "ServiceType", required=False)
        if service_type not in (None, 0, 1, 2):
            raise _Invalid("ServiceType", f"ServiceType {service_type} is not valid.")
        when = body.get("DateTime")
        try:
            moment = datetime.fromisoformat(when) if isinstance(when, str) else datetime.now()
        except ValueError:
            raise _Invalid("DateTime", f"Could not convert {when!r} to a date.") from None
        details = body.get("TransactionDetails") or []
        if not isinstance(details, list) or not all(
            isinstance(d, dict) and isinstance(d.get("Name"), str) and isinstance(d.get("Value"), str) for d in details
        ):
            raise _Invalid("TransactionDetails", "Each TransactionDetail needs a Name and a Value.")
        tenders = body.get("Tenders") or []
        for n, tender in enumerate(tenders):
            _int(tender.get("TenderTypeId"), f"Tenders[{n}].TenderTypeId")
            _number(tender.get("Amount"), f"Tenders[{n}].Amount")
        claimed = _number(body.get("TotalAmount"), "TotalAmount", required=False)
        if claimed is not None and abs(claimed - total) > Decimal("0.005"):
            raise _Invalid("TotalAmount", f"TotalAmount {claimed} does not match the items' total {total}.")
        return {
            "CustomerId": _int(body.get("CustomerId"), "CustomerId", required=False),
            "StaffId": API_STAFF_ID, "TableId": None,
            "DeviceId": _int(body.get("DeviceId"), "DeviceId", required=False) or API_DEVICE_ID, "Device": "API",
            "DateTime": moment.replace(tzinfo=None).isoformat(timespec="seconds"),
            "StatusId": status_id, "Barcode": "REC" + moment.strftime("%d%m%y%H%M%S") + "00000",
            "ServiceType": service_type, "TotalAmount": float(total), "ReferenceCode": None,
            "TransactionItems": stored_items, "Tenders": tenders,
            "TransactionDetails": [{"Name": d["Name"], "Value": d["Value"]} for d in details],
        }
