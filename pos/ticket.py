"""The one canonical ticket every trade ends in; adapters map it to each POS's API."""

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Dict, List, Optional

KINDS = (
    "pickup_order",
    "delivery_order",
    "work_order",
    "appointment",
    "service_call",
    "reservation_hold",
    "quote_request",
)


@dataclass(frozen=True)
class Customer:
    name: Optional[str] = None
    phone: Optional[str] = None
    email: Optional[str] = None


@dataclass(frozen=True)
class Modifier:
    id: str
    name: str
    price: str


@dataclass(frozen=True)
class LineItem:
    item_id: str
    name: str
    quantity: int
    unit_price: str
    variation_id: Optional[str] = None
    variation: Optional[str] = None
    modifiers: List[Modifier] = field(default_factory=list)
    note: str = ""

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "LineItem":
        return cls(
            item_id=data["item_id"],
            name=data["name"],
            quantity=int(data["quantity"]),
            unit_price=str(data["unit_price"]),
            variation_id=data.get("variation_id"),
            variation=data.get("variation"),
            modifiers=[Modifier(**modifier) for modifier in data.get("modifiers", [])],
            note=data.get("note", ""),
        )

    @property
    def total(self) -> Decimal:
        return Decimal(self.unit_price) * self.quantity


@dataclass(frozen=True)
class Ticket:
    """`scheduled_for`/`scheduled_until` hold a time, a window or a stay; `details` the trade's own fields
    (device, symptom, stylist, urgency, guests, date of birth...) under the names the trade's form uses."""

    business_id: str
    kind: str
    customer: Customer
    lines: List[LineItem]
    scheduled_for: Optional[datetime]
    channel: str
    language: str
    conversation_id: str
    address: Optional[str] = None
    notes: str = ""
    deposit: Optional[str] = None
    scheduled_until: Optional[datetime] = None
    details: Dict[str, str] = field(default_factory=dict)
    idempotency_key: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown ticket kind {self.kind!r}")
        for moment in (self.scheduled_for, self.scheduled_until):
            if moment is not None and moment.tzinfo is None:
                raise ValueError("scheduled times must carry the business's timezone")

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00")).quantize(Decimal("0.01"))

    def to_dict(self) -> Dict[str, Any]:
        data = asdict(self)
        data["scheduled_for"] = self.scheduled_for.isoformat() if self.scheduled_for else None
        data["scheduled_until"] = self.scheduled_until.isoformat() if self.scheduled_until else None
        data["total"] = str(self.total)
        return data

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Ticket":
        scheduled = data.get("scheduled_for")
        until = data.get("scheduled_until")
        return cls(
            business_id=data["business_id"],
            kind=data["kind"],
            customer=Customer(**data.get("customer", {})),
            lines=[LineItem.from_dict(line) for line in data.get("lines", [])],
            scheduled_for=datetime.fromisoformat(scheduled) if scheduled else None,
            channel=data["channel"],
            language=data["language"],
            conversation_id=data["conversation_id"],
            address=data.get("address"),
            notes=data.get("notes", ""),
            deposit=data.get("deposit"),
            scheduled_until=datetime.fromisoformat(until) if until else None,
            details=dict(data.get("details") or {}),
            idempotency_key=data["idempotency_key"],
        )
