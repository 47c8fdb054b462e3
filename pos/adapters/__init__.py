"""One adapter per POS; `adapter_for` builds the one a business's playbook names."""

import importlib
from typing import FrozenSet

from pos.adapters.base import (
    BOOKINGS,
    CAPABILITIES,
    CATALOG,
    CUSTOMER_GROUPS,
    LOYALTY,
    ORDERS,
    PAYMENT_LINKS,
    GroupMember,
    LoyaltyAccount,
    PaymentLink,
    PermanentPosError,
    PosAdapter,
    PushResult,
    Reward,
    TransientPosError,
    UnclearPosError,
    UnsupportedByPos,
)
from pos.adapters.house import HousePos

__all__ = [
    "BOOKINGS", "CAPABILITIES", "CATALOG", "CUSTOMER_GROUPS", "LOYALTY", "ORDERS", "PAYMENT_LINKS", "GroupMember",
    "HousePos", "LoyaltyAccount", "PaymentLink", "PermanentPosError", "PosAdapter", "PushResult", "Reward",
    "TransientPosError", "UnclearPosError", "UnsupportedByPos", "adapter_for", "provider_capabilities", "PROVIDERS",
]

# Imported on first use, so a business on one POS never loads the others' code.
PROVIDERS = {
    "square": "pos.adapters.square:SquarePos",
    "clover": "pos.adapters.clover:CloverPos",
    "loyverse": "pos.adapters.loyverse:LoyversePos",
    "eposnow": "pos.adapters.eposnow:EposNowPos",
    "revel": "pos.adapters.revel:RevelPos",
}


def _vendor_adapter_class(provider: str):
    if provider not in PROVIDERS:
        raise PermanentPosError(f"no adapter for POS provider '{provider}'")
    module_name, class_name = PROVIDERS[provider].split(":")
    return getattr(importlib.import_module(module_name), class_name)


def provider_capabilities(provider: str) -> FrozenSet[str]:
    """What a provider's adapter can do, known without credentials, so a playbook is checked before any POS is called."""
    return HousePos.capabilities if provider == "house" else _vendor_adapter_class(provider).capabilities


def adapter_for(playbook, db) -> PosAdapter:
    """The adapter for the playbook's `pos:` section: the house POS, or a vendor's API at its configured address."""
    from pos.connection import PosConnection

    provider = playbook.pos["provider"]
    if provider == "house":
        return HousePos(db)
    return _vendor_adapter_class(provider)(PosConnection.from_playbook(playbook))
