"""One adapter per POS; `adapter_for` builds the one a business's playbook names."""

import importlib

from pos.adapters.base import (
    BOOKINGS,
    CAPABILITIES,
    CATALOG,
    LOYALTY,
    ORDERS,
    PAYMENT_LINKS,
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
    "BOOKINGS", "CAPABILITIES", "CATALOG", "LOYALTY", "ORDERS", "PAYMENT_LINKS", "HousePos", "LoyaltyAccount",
    "PaymentLink", "PermanentPosError", "PosAdapter", "PushResult", "Reward", "TransientPosError", "UnclearPosError",
    "UnsupportedByPos", "adapter_for", "PROVIDERS",
]

# Imported on first use, so a business on one POS never loads the others' code.
PROVIDERS = {
    "square": "pos.adapters.square:SquarePos",
    "clover": "pos.adapters.clover:CloverPos",
    "loyverse": "pos.adapters.loyverse:LoyversePos",
    "eposnow": "pos.adapters.eposnow:EposNowPos",
    "revel": "pos.adapters.revel:RevelPos",
}


def adapter_for(playbook, db) -> PosAdapter:
    """The adapter for the playbook's `pos:` section: the house POS, or a vendor's API at its configured address."""
    from pos.connection import PosConnection

    provider = playbook.pos["provider"]
    if provider == "house":
        return HousePos(db)
    if provider not in PROVIDERS:
        raise PermanentPosError(f"no adapter for POS provider '{provider}'")
    module_name, class_name = PROVIDERS[provider].split(":")
    adapter_class = getattr(importlib.import_module(module_name), class_name)
    return adapter_class(PosConnection.from_playbook(playbook))
