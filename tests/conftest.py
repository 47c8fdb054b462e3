"""Test-wide setup."""

import aiohttp
import pytest


@pytest.fixture(autouse=True)
def socketio_client_on_locked_aiohttp(monkeypatch):
    """python-engineio 4.15's client builds aiohttp.ClientWSTimeout, which the locked aiohttp 3.9.5 lacks; there
    `ws_connect(timeout=...)` takes the close timeout as a float, which is what this stand-in hands it.
    Only our test clients use python-socketio's client; browsers and the servers are unaffected."""
    if not hasattr(aiohttp, "ClientWSTimeout"):
        monkeypatch.setattr(aiohttp, "ClientWSTimeout", lambda ws_close: ws_close, raising=False)
