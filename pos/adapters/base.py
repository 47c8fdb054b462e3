"""What every POS adapter promises: push a ticket once, say what it supports, and whether a failure is worth retrying."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, FrozenSet, Optional, Protocol, Tuple

ORDERS = "orders"
BOOKINGS = "bookings"
PAYMENT_LINKS = "payment_links"
LOYALTY = "loyalty"
CATALOG = "catalog"
CUSTOMER_GROUPS = "customer_groups"
CAPABILITIES = (ORDERS, BOOKINGS, PAYMENT_LINKS, LOYALTY, CATALOG, CUSTOMER_GROUPS)


@dataclass(frozen=True)
class PushResult:
    pos_id: str


@dataclass(frozen=True)
class PaymentLink:
    """A hosted checkout page for a deposit or prepayment; `order_id` is what the POS's payment webhook names."""

    id: str
    url: str
    amount: Decimal
    order_id: Optional[str] = None


@dataclass(frozen=True)
class Reward:
    id: str
    name: str
    points: int


@dataclass(frozen=True)
class LoyaltyAccount:
    id: str
    points: int
    rewards: Tuple[Reward, ...] = field(default_factory=tuple)

    def affordable(self) -> Tuple[Reward, ...]:
        return tuple(reward for reward in self.rewards if reward.points <= self.points)


@dataclass(frozen=True)
class GroupMember:
    """A customer in a POS customer group as the POS holds them: the phone as typed there, not yet normalised."""

    name: str
    phone: Optional[str] = None
    email: Optional[str] = None


class TransientPosError(Exception):
    """Timeouts, 5xx and 429: the outbox retries, honouring retry_after when the POS gave one."""

    def __init__(self, message: str, retry_after: Optional[float] = None):
        super().__init__(message)
        self.retry_after = retry_after


class UnclearPosError(TransientPosError):
    """The request left but no answer came (timeout, dropped connection, 5xx): the order may exist already."""


class PermanentPosError(Exception):
    """Bad credentials, a rejected item: retrying cannot help, so staff are alerted with the whole order."""


class UnsupportedByPos(PermanentPosError):
    """The business's POS cannot do this (a booking, a payment link, loyalty); callers are never offered it."""


class NoPaymentLinks:
    """For a POS whose API cannot take a deposit or prepayment on an order we pushed; `provider` names it."""

    provider: str

    async def create_payment_link(self, ticket: Dict[str, Any], amount: Decimal) -> PaymentLink:
        raise UnsupportedByPos(f"{self.provider}: no payment links through the API")


class NoLoyalty:
    """For a POS whose API cannot find a caller's points by phone or put a reward on an order; `provider` names it."""

    provider: str

    async def loyalty_account(self, phone: str) -> Optional[LoyaltyAccount]:
        raise UnsupportedByPos(f"{self.provider}: no loyalty lookup through the API")

    async def redeem_reward(self, account: LoyaltyAccount, reward: Reward, pos_order_id: str, key: str) -> None:
        raise UnsupportedByPos(f"{self.provider}: no loyalty rewards through the API")


class NoCustomerGroups:
    """For a POS whose customer groups the assistant cannot read; `provider` names it."""

    provider: str

    async def customer_group_members(self, group_name: str) -> Tuple[GroupMember, ...]:
        raise UnsupportedByPos(f"{self.provider}: customer groups cannot be read from this POS; "
                               "list these VIPs under rules.vips.people instead")


class PosAdapter(Protocol):
    capabilities: FrozenSet[str]

    async def push(self, ticket: Dict[str, Any], retrying: bool = False) -> PushResult:
        """Creates the ticket's order (or booking) in the POS exactly once.

        `retrying` is true when an earlier attempt may have landed; adapters whose API takes no idempotency
        key look the order up by our reference first and return it instead of creating a second.
        """

    async def fetch_catalog(self) -> Dict[str, Any]:
        """The POS's sellable catalog in the playbook's `catalog:` shape, ids being the POS's own."""

    async def create_payment_link(self, ticket: Dict[str, Any], amount: Decimal) -> PaymentLink:
        """A checkout link for `amount` tied to the ticket; the same ticket always gets the same link."""

    async def loyalty_account(self, phone: str) -> Optional[LoyaltyAccount]:
        """The caller's points and the rewards the program offers; None when the number is not enrolled."""

    async def redeem_reward(self, account: LoyaltyAccount, reward: Reward, pos_order_id: str, key: str) -> None:
        """Applies the reward to the pushed order (the POS discounts it and takes the points)."""

    async def customer_group_members(self, group_name: str) -> Tuple[GroupMember, ...]:
        """Everyone in the POS customer group with this name; a group the POS does not have is a permanent error."""
