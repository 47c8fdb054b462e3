"""The board's Sanic app: per-business ticket boards that update live, the web chat page, and their assets.

Live insert: a board page joins the socket.io room named after its business id. `publish_ticket` emits a
"ticket" event to that room carrying the ticket dict plus `card_html`, the card rendered by the same
`render.card` that renders the page, in the business's timezone; the browser only inserts that markup.

Staff mark a ticket "ready" or "done" with the card's buttons (POST /board/<business>/tickets/<id>/status);
every board of the business hears a "status" event, and the caller hears the state when they ask.
There is no staff login yet: anyone who can reach the board can set a state. Cross-site forms are
refused (Origin / Sec-Fetch-Site must be this site), so a page elsewhere cannot set states through a
staff member's browser.

Above the tickets, "Needs a person" lists the business's open handoffs (a caller who hung up mid-order,
asked for a callback, an emergency...), urgent first. They are not pushed: the page re-fetches
/api/board/<business>/handoffs every 30 seconds. Staff close one with its Done button
(POST /board/<business>/handoffs/<id>/done), under the same same-site rule.
"""

import asyncio
import logging
import os
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

import socketio
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, file, html, json, redirect, text

from board import render
from customers.status import STAFF_STATES
from compat import sanic_websockets
from board.render import Business

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).resolve().parent / "static"
DEFAULT_SOCKETIO_CLIENT = "var/static/socket.io.min.js"

TicketLoader = Callable[[str], Awaitable[List[Dict[str, Any]]]]
# (business id, ticket id, state) -> whether that business has that ticket
StatusSetter = Callable[[str, int, str], Awaitable[bool]]
# business id -> its open handoffs (rows as `handoff.open_handoffs` returns them), urgent first
HandoffLoader = Callable[[str], Awaitable[List[Dict[str, Any]]]]
# (business id, handoff id) -> whether that business had that handoff open (it is closed now)
HandoffCloser = Callable[[str, int], Awaitable[bool]]


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


def _same_site(request: Request) -> bool:
    """Browsers send Origin (and Sec-Fetch-Site) with every cross-site POST; requests without them
    (curl, tests, old browsers on this site) pass."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.host


def _reply_to_action(request: Request, business_id: str, update: Dict[str, Any]) -> HTTPResponse:
    """A script (Accept: application/json) gets the update; a plain form post is sent back to the board."""
    if "application/json" in request.headers.get("accept", ""):
        return json({"ok": True, **update})
    return redirect(f"/board/{business_id}", status=303)


async def _nobody_waiting(_business_id: str) -> List[Dict[str, Any]]:
    """The handoff loader of a board run without a handoff store: it shows none."""
    return []


def create_app(
    businesses: List[Dict[str, Any]],
    load_tickets: TicketLoader,
    rasa_url: str,
    set_status: Optional[StatusSetter] = None,
    load_handoffs: HandoffLoader = _nobody_waiting,
    close_handoff: Optional[HandoffCloser] = None,
) -> Tuple[Sanic, socketio.AsyncServer]:
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
        tickets, handoffs = await asyncio.gather(load_tickets(business_id), load_handoffs(business_id))
        return html(render.board_page(business, tickets, handoffs))

    @app.get("/api/board/<business_id>/tickets")
    async def tickets(request: Request, business_id: str) -> HTTPResponse:
        if business_id not in by_id:
            return json({"error": "unknown business", "reason": unknown(business_id)}, status=404)
        return json(await load_tickets(business_id))

    @app.post("/board/<business_id>/tickets/<ticket_id:int>/status")
    async def ticket_status(request: Request, business_id: str, ticket_id: int) -> HTTPResponse:
        """Sets a staff state; a browser form is sent back to the board, a script gets JSON."""
        if business_id not in by_id or set_status is None:
            return json({"error": "unknown business", "reason": unknown(business_id)}, status=404)
        if not _same_site(request):
            return json({"error": "cross-site request", "reason": "set ticket states from the board itself"}, status=403)
        state = request.form.get("state") if request.form else None
        if state not in STAFF_STATES:
            return json({"error": "bad state", "reason": f"state must be one of {', '.join(STAFF_STATES)}"}, status=400)
        if not await set_status(business_id, ticket_id, state):
            return json({"error": "unknown ticket", "reason": f"{business_id} has no ticket {ticket_id}"}, status=404)
        update = {"business_id": business_id, "id": ticket_id, "state": state, "label": render.state_label(state)}
        await sio.emit("status", update, room=business_id)
        return _reply_to_action(request, business_id, update)

    @app.get("/api/board/<business_id>/handoffs")
    async def handoff_list(request: Request, business_id: str) -> HTTPResponse:
        business = by_id.get(business_id)
        if business is None:
            return json({"error": "unknown business", "reason": unknown(business_id)}, status=404)
        return json([render.handoff_view(handoff, business.zone) for handoff in await load_handoffs(business_id)])

    @app.post("/board/<business_id>/handoffs/<handoff_id:int>/done")
    async def handoff_done(request: Request, business_id: str, handoff_id: int) -> HTTPResponse:
        """Closes a request for a person once staff have dealt with it."""
        if business_id not in by_id or close_handoff is None:
            return json({"error": "unknown business", "reason": unknown(business_id)}, status=404)
        if not _same_site(request):
            return json({"error": "cross-site request", "reason": "close handoffs from the board itself"}, status=403)
        if not await close_handoff(business_id, handoff_id):
            return json({"error": "unknown handoff", "reason": f"{business_id} has no open handoff {handoff_id}"}, status=404)
        return _reply_to_action(request, business_id, {"business_id": business_id, "id": handoff_id, "state": "closed"})

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
