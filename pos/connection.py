"""How to reach one business's POS, from its playbook's `pos:` section; secrets are read from the environment by name.

The playbook names environment variables (`credentials: {access_token: TONYS_SQUARE_TOKEN}`), never the
secrets themselves, so a playbook can be shared, versioned and shown in an editor safely.
"""

import os
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional
from zoneinfo import ZoneInfo

from pos.adapters.base import PermanentPosError


@dataclass(frozen=True)
class PosConnection:
    provider: str
    business_id: str
    business_name: str
    currency: str
    timezone: ZoneInfo
    base_url: Optional[str] = None
    account: Dict[str, Any] = field(default_factory=dict)
    credential_names: Dict[str, str] = field(default_factory=dict)
    timeout_seconds: float = 10.0
    sync_minutes: int = 0
    environment: Mapping[str, str] = field(default_factory=lambda: os.environ, repr=False, compare=False)

    @classmethod
    def from_playbook(cls, playbook, environment: Mapping[str, str] = os.environ) -> "PosConnection":
        section = playbook.pos
        return cls(
            provider=section["provider"],
            business_id=playbook.id,
            business_name=playbook.name,
            currency=playbook.currency,
            timezone=playbook.timezone,
            base_url=section.get("base_url"),
            account=dict(section.get("account") or {}),
            credential_names=dict(section.get("credentials") or {}),
            timeout_seconds=float(section.get("timeout_seconds", 10)),
            sync_minutes=int(section.get("sync_minutes", 0)),
            environment=environment,
        )

    def secret(self, name: str) -> str:
        """The credential the playbook names; a missing one is a permanent error that says which variable to set."""
        variable = self.credential_names.get(name)
        if not variable:
            raise PermanentPosError(f"{self.business_id}: pos.credentials.{name} names no environment variable")
        value = self.environment.get(variable)
        if not value:
            raise PermanentPosError(f"{self.business_id}: environment variable {variable} (pos.credentials.{name}) is not set")
        return value

    def setting(self, name: str) -> Any:
        if name not in self.account or self.account[name] in (None, ""):
            raise PermanentPosError(f"{self.business_id}: pos.account.{name} is missing")
        return self.account[name]

    def url(self, default: str) -> str:
        return (self.base_url or default).rstrip("/")
