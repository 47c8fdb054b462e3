"""What every POS adapter promises the outbox: push a ticket once, and say whether a failure is worth retrying."""

from dataclasses import dataclass
from typing import Any, Dict, Optional, Protocol


@dataclass(frozen=True)
class PushResult:
    pos_id: str


class TransientPosError(Exception):
    """Timeouts, 5xx and 429: the outbox retries, honouring retry_after when the POS gave one."""

    def __init__(self, message: str, retry_after: Optional[float] = None):
        super().__init__(message)
        self.retry_after = retry_after


class PermanentPosError(Exception):
    """Bad credentials, a rejected item: retrying cannot help, so staff are alerted with the whole order."""


class PosAdapter(Protocol):
    async def push(self, ticket: Dict[str, Any]) -> PushResult:
        """Creates the order in the POS; calling it twice with one idempotency key creates it once."""
