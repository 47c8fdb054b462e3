"""One adapter per POS; `adapter_for` picks the one a business's playbook names."""

from pos.adapters.base import PermanentPosError, PosAdapter, PushResult, TransientPosError
from pos.adapters.house import HousePos

__all__ = ["PermanentPosError", "PosAdapter", "PushResult", "TransientPosError", "HousePos", "adapter_for"]


def adapter_for(provider: str, db) -> PosAdapter:
    if provider == "house":
        return HousePos(db)
    raise PermanentPosError(f"no adapter for POS provider '{provider}' yet")
