"""The validated playbook as typed values the rest of the code reads."""

from dataclasses import dataclass, field
from datetime import time
from functools import cached_property
from typing import Any, Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

from catalog import Catalog

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _clock(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    return time.max if hours == 24 else time(hours, minutes)


@dataclass(frozen=True)
class Ordering:
    fulfillment: Tuple[str, ...] = ("pickup",)
    prep_minutes: int = 20
    delivery_minutes: int = 45
    max_days_ahead: int = 7


@dataclass(frozen=True)
class Playbook:
    id: str
    name: str
    trade: str
    timezone_name: str
    languages: Tuple[str, ...]
    currency: str
    address: str
    phone_numbers: Tuple[str, ...]
    email: Optional[str]
    hours: Dict[int, List[Tuple[time, time]]]
    ordering: Ordering
    pos: Dict[str, Any]
    catalog_data: Dict[str, Any] = field(repr=False)
    source: str = ""

    @classmethod
    def from_dict(cls, data: Dict[str, Any], source: str = "") -> "Playbook":
        reaches = data.get("reaches", {})
        hours = {
            WEEKDAYS.index(day): [tuple(_clock(part) for part in span.split("-")) for span in spans]
            for day, spans in data["hours"].items()
        }
        ordering = data.get("ordering", {})
        return cls(
            id=data["id"],
            name=data["name"],
            trade=data["trade"],
            timezone_name=data["timezone"],
            languages=tuple(data["languages"]),
            currency=data["currency"],
            address=data.get("address", ""),
            phone_numbers=tuple(reaches.get("phone_numbers", [])),
            email=reaches.get("email"),
            hours=hours,
            ordering=Ordering(
                fulfillment=tuple(ordering.get("fulfillment", Ordering.fulfillment)),
                prep_minutes=ordering.get("prep_minutes", Ordering.prep_minutes),
                delivery_minutes=ordering.get("delivery_minutes", Ordering.delivery_minutes),
                max_days_ahead=ordering.get("max_days_ahead", Ordering.max_days_ahead),
            ),
            pos=dict(data["pos"]),
            catalog_data=data["catalog"],
            source=source,
        )

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone_name)

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog.from_dict(self.catalog_data)

    def summary(self) -> Dict[str, str]:
        """What the ticket board and web chat need to list a business."""
        return {"id": self.id, "name": self.name, "trade": self.trade, "timezone": self.timezone_name}
