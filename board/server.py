"""The board's Sanic app: per-business ticket boards that update live, the web chat page, and their assets.

Live insert: a board page joins the socket.io room named after its business id. `publish_ticket` emits a
"ticket" event to that room carrying the ticket dict plus `card_html`, the card rendered by the same
`render.card` that renders the page, in the business's timezone; the browser only inserts that markup.
"""

import logging
import os
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Tuple
from urllib.parse import urlsplit

import socketio
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, file, html, json, text

from board import render
from compat import sanic_websockets
from board.render import Business

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).resolve().parent / "static"
DEFAULT_SOCKETIO_CLIENT = "var/static/socket.io.min.js"

TicketLoader = Callable[[str], Awaitable[List[Dict[str, Any]]]]


class BoardSocketServer(socketio.AsyncServer):
    """The socket.io server, knowing each business so `publish_ticket` can render cards in local time."""

    def __init__(self, businesses: Dict[str, Business]):
        super().__init__(async_mode="sanic")
        self.businesses = businesses


def socketio_client_path() -> Path:
    """Where `make install` puts the browser client; a relative SOCKETIO_CLIENT_JS is taken from the repo root."""
    return ROOT / os.environ.get("SOCKETIO_CLIENT_JS", DEFAULT_SOCKETIO_CLIENT)


def _content_security_policy(rasa_url: str) -> str:
    """Scripts and styles only from this server; sockets to it and to Rasa (the chat page)."""
    parts = urlsplit(rasa_url)
    rasa = ""
    if parts.netloc:
        socket_scheme = "wss" if parts.scheme == "https" else "ws"
        rasa = f" {parts.scheme}://{parts.netloc} {socket_scheme}://{parts.netloc}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'{rasa}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


def create_app(businesses: List[Dict[str, Any]], load_tickets: TicketLoader, rasa_url: str) -> Tuple[Sanic, socketio.AsyncServer]:
    sanic_websockets.patch()
    by_id = {business.id: business for business in map(Business.from_dict, businesses)}
    sio = BoardSocketServer(by_id)
    app = Sanic("board")
    sio.attach(app)
    app.static("/assets", str(ASSETS))
    client_js = socketio_client_path()
    policy = _content_security_policy(rasa_url)

    def unknown(business_id: str) -> str:
        return f"There is no business with id {business_id!r} here."

    @app.get("/")
    async def index(request: Request) -> HTTPResponse:
        return html(render.index_page(by_id.values()))

    @app.get("/board/<business_id>")
    async def board(request: Request, business_id: str) -> HTTPResponse:
        business = by_id.get(business_id)
        if business is None:
            return html(render.not_found_page(unknown(business_id)), status=404)
        return html(render.board_page(business, await load_tickets(business_id)))

    @app.get("/api/board/<business_id>/tickets")
    async def tickets(request: Request, business_id: str) -> HTTPResponse:
        if business_id not in by_id:
            return json({"error": "unknown business", "reason": unknown(business_id)}, status=404)
        return json(await load_tickets(business_id))

    @app.get("/chat/<business_id>")
    async def chat(request: Request, business_id: str) -> HTTPResponse:
        business = by_id.get(business_id)
        if business is None:
            return html(render.not_found_page(unknown(business_id)), status=404)
        return html(render.chat_page(business, rasa_url))

    @app.get("/static/socket.io.min.js")
    async def socketio_client(request: Request) -> HTTPResponse:
        if not client_js.is_file():
            return text(f"The socket.io browser client is missing ({client_js}); run `make install` to fetch it.", status=503)
        return await file(client_js, mime_type="application/javascript", headers={"Cache-Control": "max-age=3600"})

    @app.on_response
    async def security_headers(request: Request, response: HTTPResponse) -> None:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if (response.content_type or "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = policy

    @sio.on("join")
    async def join(sid: str, data: Any) -> Dict[str, Any]:
        """Puts a board in its business's room (and out of any other), so it only hears its own tickets."""
        business_id = data.get("business_id") if isinstance(data, dict) else None
        if not isinstance(business_id, str) or business_id not in by_id:
            reason = f"unknown business id {business_id!r}"
            await sio.emit("error", {"reason": reason}, to=sid)
            return {"ok": False, "reason": reason}
        for room in sio.rooms(sid):
            if room != sid:
                sio.leave_room(sid, room)
        sio.enter_room(sid, business_id)
        return {"ok": True, "business_id": business_id}

    return app, sio


async def publish_ticket(sio: BoardSocketServer, ticket: Dict[str, Any]) -> None:
    """Sends a new ticket to every board of its business: the ticket dict plus its rendered `card_html`."""
    business = sio.businesses.get(ticket["business_id"])
    if business is None:
        logger.warning("ticket %s is for unknown business %r; no board can show it", ticket.get("number"), ticket["business_id"])
        return
    await sio.emit("ticket", {**ticket, "card_html": render.card(ticket, business.zone)}, room=business.id)
