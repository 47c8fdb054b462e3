"""JSON over HTTP to a POS, turning what comes back into the outbox's retry decisions.

Timeouts, dropped connections and 5xx are "unclear": the order may have been created, so the adapter looks
before it retries. 429 carries Retry-After. Other 4xx (bad credentials, a rejected item) are permanent.
"""

import asyncio
import json
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Dict, Mapping, Optional

import aiohttp

from pos.adapters.base import PermanentPosError, TransientPosError, UnclearPosError
from pos.connection import PosConnection

ErrorReader = Callable[[int, Any], str]


def retry_after_seconds(value: Optional[str], now: Optional[datetime] = None) -> Optional[float]:
    """Retry-After as delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _first_text(body: Any) -> str:
    if isinstance(body, str):
        return body.strip()[:300] or "(empty body)"
    return json.dumps(body)[:300]


class PosHttp:
    def __init__(
        self,
        vendor: str,
        base_url: str,
        headers: Mapping[str, str],
        timeout_seconds: float = 10.0,
        read_error: ErrorReader = lambda status, body: _first_text(body),
    ):
        self.vendor = vendor
        self.base_url = base_url.rstrip("/")
        self.headers = dict(headers)
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self.read_error = read_error

    @classmethod
    def for_connection(cls, vendor: str, connection: PosConnection, production_url: str, headers: Mapping[str, str],
                       read_error: ErrorReader) -> "PosHttp":
        """The client for one business's POS: the playbook's `base_url` (a sandbox or double) before the vendor's
        production host, the playbook's timeout, JSON answers."""
        return cls(vendor, connection.url(production_url), {"Accept": "application/json", **headers},
                   connection.timeout_seconds, read_error)

    async def call(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Optional[Dict[str, Any]] = None,
        content_type: str = "application/json",
    ) -> Any:
        """Sends one request and returns the decoded JSON (or text) of a 2xx answer; raises the POS errors otherwise."""
        headers = dict(self.headers)
        data = None
        if json_body is not None:
            data = json.dumps(json_body)
            headers["Content-Type"] = content_type
        where = f"{self.vendor} {method} {path}"
        try:
            async with aiohttp.ClientSession(timeout=self.timeout) as session:
                async with session.request(method, self.base_url + path, data=data, params=params, headers=headers) as answer:
                    status, text, answer_headers = answer.status, await answer.text(), answer.headers
        except asyncio.TimeoutError as error:
            raise UnclearPosError(f"{where}: no answer within {self.timeout.total:g}s") from error
        except aiohttp.ClientConnectorError as error:
            raise TransientPosError(f"{where}: cannot connect ({error})") from error
        except aiohttp.ClientError as error:
            raise UnclearPosError(f"{where}: connection lost ({error})") from error
        body = self._decode(text)
        if status < 300:
            return body
        message = f"{where} -> {status}: {self.read_error(status, body)}"
        retry_after = retry_after_seconds(answer_headers.get("Retry-After"))
        if status == 429:
            raise TransientPosError(message, retry_after)
        if status >= 500 or status == 408:
            raise UnclearPosError(message, retry_after)
        raise PermanentPosError(message)

    @staticmethod
    def _decode(text: str) -> Any:
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError:
            return text
