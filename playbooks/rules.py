"""The owner's rules in a playbook: when a person takes over an order (escalation), who is a VIP, what to
suggest with what (upsells), what happens after hours, and the limits beyond which a request is a prank rather than a big order.

Plain values and plain checks, so every channel and trade applies the same rule the same way; the actions
only read the tracker and ask these.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Dict, Iterable, Optional, Tuple

HANDOFF, CALLBACK = "handoff", "callback"
OFFER_PERSON, TRANSFER = "offer_person", "transfer"
NEXT_OPENING, TAKE_MESSAGE = "next_opening", "take_message"

# Per trade, since 300 screws is a normal order and 300 haircuts is not. Above the large line a person checks
# the request before anything is kept (a real catering order is not lost); above the absurd line it is a prank.
DEFAULT_LARGE_QUANTITY = {
    "restaurant": 60, "retail": 1000, "salon": 8, "hotel": 15, "repair": 10, "home_services": 6, "clinic": 6,
}
DEFAULT_ABSURD_QUANTITY = {
    "restaurant": 300, "retail": 5000, "salon": 20, "hotel": 40, "repair": 100, "home_services": 20, "clinic": 20,
}
DEFAULT_CHANGE_LIMIT = 4


@dataclass(frozen=True)
class Escalation:
    """One rule: above any of these, the order goes to a person (`handoff`) or is taken for a callback."""

    then: str
    order_total_over: Optional[Decimal] = None
    quantity_over: Optional[int] = None
    party_over: Optional[int] = None
    items: Tuple[str, ...] = ()
    note: str = ""

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Escalation":
        when = data["when"]
        total = when.get("order_total_over")
        return cls(
            then=data.get("then", HANDOFF),
            order_total_over=Decimal(str(total)) if total is not None else None,
            quantity_over=when.get("quantity_over"),
            party_over=when.get("party_over"),
            items=tuple(when.get("items", ())),
            note=data.get("note", ""),
        )

    def reason(self, total: Decimal, quantity: int, party: int, item_ids: Iterable[str]) -> Optional[str]:
        """Why this rule applies to the request, in words staff read on the board; None when it does not."""
        if self.order_total_over is not None and total > self.order_total_over:
            return f"order total {total} is over {self.order_total_over}"
        if self.quantity_over is not None and quantity > self.quantity_over:
            return f"{quantity} items is over {self.quantity_over}"
        if self.party_over is not None and party > self.party_over:
            return f"a party of {party} is over {self.party_over}"
        named = [item for item in item_ids if item in self.items]
        if named:
            return f"{', '.join(named)} is quoted by the owner"
        return None


@dataclass(frozen=True)
class Vip:
    name: str
    phones: Tuple[str, ...] = ()
    emails: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Upsell:
    """Suggest `suggest` once to a caller who chose any of `when_items`; `say` is the owner's line per language."""

    when_items: Tuple[str, ...]
    suggest: str
    say: Dict[str, str]


@dataclass(frozen=True)
class Rules:
    escalations: Tuple[Escalation, ...] = ()
    vips: Tuple[Vip, ...] = ()
    vip_then: str = OFFER_PERSON
    # A POS customer group whose members are VIPs too; synced into the database (pos/vip_group.py), not read here.
    vip_pos_group: Optional[str] = None
    upsells: Tuple[Upsell, ...] = ()
    large_quantity: Optional[int] = None
    absurd_quantity: Optional[int] = None
    change_limit: int = DEFAULT_CHANGE_LIMIT
    # Outside opening hours: take the order or booking for when the business is open, or only a message.
    after_hours: str = NEXT_OPENING

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Rules":
        vips = data.get("vips", {})
        screening = data.get("screening", {})
        return cls(
            escalations=tuple(Escalation.from_dict(rule) for rule in data.get("escalation", ())),
            vips=tuple(
                Vip(name=person["name"], phones=tuple(person.get("phones", ())), emails=tuple(person.get("emails", ())))
                for person in vips.get("people", ())
            ),
            vip_then=vips.get("then", OFFER_PERSON),
            vip_pos_group=vips.get("pos_group"),
            upsells=tuple(Upsell(tuple(rule["when_items"]), rule["suggest"], dict(rule.get("say", {})))
                          for rule in data.get("upsells", ())),
            large_quantity=screening.get("large_quantity"),
            absurd_quantity=screening.get("absurd_quantity"),
            change_limit=screening.get("change_limit", DEFAULT_CHANGE_LIMIT),
            after_hours=data.get("after_hours", NEXT_OPENING),
        )

    def escalation_for(self, total: Decimal, quantity: int, party: int, item_ids: Iterable[str]) -> Optional[Tuple[Escalation, str]]:
        """The first rule the request meets, with the reason; rules are read in the order the owner wrote them."""
        item_ids = tuple(item_ids)
        for rule in self.escalations:
            reason = rule.reason(total, quantity, party, item_ids)
            if reason:
                return rule, reason
        return None

    def vip(self, phone: Optional[str], email: Optional[str]) -> Optional[Vip]:
        digits = "".join(ch for ch in phone or "" if ch.isdigit())
        address = (email or "").strip().lower()
        for person in self.vips:
            if digits and any(digits == "".join(ch for ch in number if ch.isdigit()) for number in person.phones):
                return person
            if address and address in (entry.lower() for entry in person.emails):
                return person
        return None

    def upsell_for(self, chosen: Iterable[str]) -> Optional[Upsell]:
        """The first suggestion that fits what the caller chose and that they have not chosen already."""
        chosen = set(chosen)
        return next((rule for rule in self.upsells if chosen & set(rule.when_items) and rule.suggest not in chosen), None)

    def absurd_limit(self, trade: str) -> int:
        return self.absurd_quantity or DEFAULT_ABSURD_QUANTITY.get(trade, 100)

    def large_limit(self, trade: str) -> int:
        """Never above the absurd line, so an owner who lowers only that one still has a band for a person."""
        return min(self.large_quantity or DEFAULT_LARGE_QUANTITY.get(trade, 20), self.absurd_limit(trade))
