"""PosHttp turns a POS's answers into the outbox's decisions: retry (with Retry-After), look first, or stop."""

import asyncio
from datetime import datetime, timezone

import pytest
from aiohttp import web

from pos.adapters import PermanentPosError, TransientPosError, UnclearPosError
from pos.http import PosHttp, retry_after_seconds
from tests.doubles.server import Double, free_port


class EchoDouble(Double):
    def routes(self, app):
        async def ok(request):
            return web.json_response({"seen": await request.json(), "type": request.headers["Content-Type"]})

        app.router.add_post("/v1/things", ok)


@pytest.fixture(scope="module")
def double():
    server = EchoDouble().start()
    yield server
    server.stop()


def call(double, timeout=2.0, **kwargs):
    http = PosHttp("Acme", double.base_url, {"Authorization": "Bearer t"}, timeout,
                   read_error=lambda status, body: body.get("message", "?") if isinstance(body, dict) else str(body))
    return asyncio.run(http.call("POST", "/v1/things", json_body={"a": 1}, **kwargs))


def test_a_2xx_answer_is_decoded_json(double):
    assert call(double) == {"seen": {"a": 1}, "type": "application/json"}
    assert call(double, content_type="text/plain")["type"] == "text/plain"


def test_429_is_transient_and_carries_retry_after(double):
    double.fail_next("POST", "/v1/things", 429, {"message": "slow down"}, {"Retry-After": "17"})
    with pytest.raises(TransientPosError) as raised:
        call(double)
    assert raised.value.retry_after == 17 and not isinstance(raised.value, UnclearPosError)
    assert "429: slow down" in str(raised.value)


def test_5xx_is_unclear_because_the_order_may_exist(double):
    double.fail_next("POST", "/v1/things", 503, "<html>busy</html>")
    with pytest.raises(UnclearPosError):
        call(double)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_other_4xx_are_permanent_with_the_vendor_message(double, status):
    double.fail_next("POST", "/v1/things", status, {"message": "no such item"})
    with pytest.raises(PermanentPosError, match=f"Acme POST /v1/things -> {status}: no such item"):
        call(double)


def test_no_answer_in_time_is_unclear(double):
    double.delay_next("POST", "/v1/things", 1.0)
    with pytest.raises(UnclearPosError, match="no answer within 0.3s"):
        call(double, timeout=0.3)


def test_nothing_listening_is_transient_but_not_unclear():
    http = PosHttp("Acme", f"http://127.0.0.1:{free_port()}", {})
    with pytest.raises(TransientPosError) as raised:
        asyncio.run(http.call("GET", "/v1/things"))
    assert not isinstance(raised.value, UnclearPosError)


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2026, 11, 29, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("30", now) == 30
    assert retry_after_seconds("Sun, 29 Nov 2026 12:00:45 GMT", now) == 45
    assert retry_after_seconds("Sun, 29 Nov 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None, now) is None
