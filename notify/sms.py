"""Sends a text through Twilio's Messages REST API; the API address is configuration so tests can use a double.

TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN authenticate (HTTP Basic); TWILIO_API_BASE_URL defaults to Twilio.
"""

import os
from dataclasses import dataclass
from typing import Mapping, Optional

import aiohttp

from connectors.privacy import mask_phone

DEFAULT_API_BASE_URL = "https://api.twilio.com"


class SmsNotSent(Exception):
    """Twilio is not configured, refused the message, or could not be reached; the text says which."""


@dataclass(frozen=True)
class TwilioRestSms:
    account_sid: str
    auth_token: str
    api_base_url: str = DEFAULT_API_BASE_URL
    timeout_seconds: float = 10.0

    @classmethod
    def from_environment(cls, environment: Mapping[str, str] = os.environ) -> Optional["TwilioRestSms"]:
        """None when the account is not configured (the embedded default), so callers can say so instead."""
        sid, token = environment.get("TWILIO_ACCOUNT_SID"), environment.get("TWILIO_AUTH_TOKEN")
        if not sid or not token:
            return None
        return cls(sid, token, environment.get("TWILIO_API_BASE_URL") or DEFAULT_API_BASE_URL)

    async def send(self, to: str, sender: str, body: str) -> str:
        """Queues the message and returns its Twilio sid."""
        url = f"{self.api_base_url.rstrip('/')}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        auth = aiohttp.BasicAuth(self.account_sid, self.auth_token)
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout_seconds)) as session:
                async with session.post(url, data={"To": to, "From": sender, "Body": body}, auth=auth) as answer:
                    payload = await answer.json(content_type=None)
                    status = answer.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise SmsNotSent(f"text to {mask_phone(to)} not sent: {error}") from error
        if status >= 300:
            raise SmsNotSent(f"text to {mask_phone(to)} refused by Twilio ({status}): {(payload or {}).get('message')}")
        return payload["sid"]
