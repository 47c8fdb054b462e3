"""Runs a vendor API double on a loopback port in a background thread, with faults a test can queue.

A fault hits the next request whose method and path match: `fail_next` answers with a status (429 with
Retry-After, 503...) without handling the request; `delay_next` handles it (the order is created) and then
holds the answer back, so the client times out on a request that did land.
"""

import asyncio
import json
import socket
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Deque, Dict, List, Optional

from aiohttp import web


@dataclass
class Recorded:
    method: str
    path: str
    query: Dict[str, str]
    headers: Dict[str, str]
    body: Optional[str]

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class Fault:
    method: str
    path_prefix: str
    status: Optional[int] = None
    body: Any = None
    headers: Dict[str, str] = field(default_factory=dict)
    delay_seconds: float = 0.0

    def matches(self, request: web.Request) -> bool:
        return request.method == self.method and request.path.startswith(self.path_prefix)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Double:
    """Subclasses add their vendor's routes in `routes(app)` and keep their state in plain attributes."""

    def __init__(self):
        self.requests: List[Recorded] = []
        self.faults: Deque[Fault] = deque()
        self.port = free_port()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._runner: Optional[web.AppRunner] = None
        self._thread: Optional[threading.Thread] = None
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def fail_next(self, method: str, path_prefix: str, status: int, body: Any = None, headers: Optional[Dict[str, str]] = None):
        self.faults.append(Fault(method, path_prefix, status=status, body=body, headers=dict(headers or {})))

    def delay_next(self, method: str, path_prefix: str, seconds: float):
        self.faults.append(Fault(method, path_prefix, delay_seconds=seconds))

    def requests_to(self, method: str, path_prefix: str) -> List[Recorded]:
        return [r for r in self.requests if r.method == method and r.path.startswith(path_prefix)]

    def _take_fault(self, request: web.Request) -> Optional[Fault]:
        with self._lock:
            for fault in self.faults:
                if fault.matches(request):
                    self.faults.remove(fault)
                    return fault
        return None

    @web.middleware
    async def _record_and_inject(self, request: web.Request, handler):
        body = await request.text() if request.can_read_body else None
        self.requests.append(Recorded(request.method, request.path, dict(request.query), dict(request.headers), body))
        fault = self._take_fault(request)
        if fault and fault.status is not None:
            if isinstance(fault.body, (dict, list)):
                return web.json_response(fault.body, status=fault.status, headers=fault.headers)
            return web.Response(status=fault.status, text=fault.body or "", headers=fault.headers)
        answer = await handler(request)
        if fault and fault.delay_seconds:
            await asyncio.sleep(fault.delay_seconds)
        return answer

    def start(self) -> "Double":
        ready = threading.Event()

        def serve():
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            app = web.Application(middlewares=[self._record_and_inject], client_max_size=2 * 1024 * 1024)
            self.routes(app)
            self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", self.port)
            self._loop.run_until_complete(site.start())
            ready.set()
            self._loop.run_forever()
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.close()

        self._thread = threading.Thread(target=serve, name=type(self).__name__, daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError(f"{type(self).__name__} did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop = None
