"""Makes Sanic 21.12's websockets work on Python 3.11, which socket.io's websocket transport needs.

Sanic 21.12 (pinned by Rasa 3.6) passes a bare coroutine to asyncio.wait() in WebsocketImplProtocol.recv;
Python 3.11 refuses that, so every websocket dies right after the handshake (sanic-org/sanic#2377). This
puts in the fix Sanic shipped in 22.x: wrap the coroutine in a task. Later Sanic versions are left alone.
"""

import asyncio
from typing import Optional

import sanic
from sanic.exceptions import ServerError, WebsocketClosed
from sanic.server.websockets.impl import CLOSED, WebsocketImplProtocol
from websockets.typing import Data


async def _recv(self: WebsocketImplProtocol, timeout: Optional[float] = None) -> Optional[Data]:
    """Sanic 21.12's recv, with assembler.get() wrapped in a task as in Sanic 22.x."""
    if self.recv_lock.locked():
        raise ServerError("cannot call recv while another task is already waiting for the next message")
    await self.recv_lock.acquire()
    if self.connection.state is CLOSED:
        self.recv_lock.release()
        raise WebsocketClosed("Cannot receive from websocket interface after it is closed.")
    try:
        self.recv_cancel = asyncio.Future()
        tasks = (self.recv_cancel, asyncio.ensure_future(self.assembler.get(timeout)))
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        done_task = next(iter(done))
        if done_task is self.recv_cancel:
            for task in pending:
                task.cancel()
            raise asyncio.CancelledError()
        self.recv_cancel.cancel()
        return done_task.result()
    finally:
        self.recv_cancel = None
        self.recv_lock.release()


def patch() -> None:
    if sanic.__version__.startswith("21.12."):
        WebsocketImplProtocol.recv = _recv
