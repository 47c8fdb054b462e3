"""Runs the board for every business in the playbooks, with the POS worker (outbox, deposits, catalog refresh),
the POS payment webhooks and the owners' playbook editor (/editor).

In the embedded default the worker lives in this process, so a ticket pushed to the house POS reaches
its board's socket the moment it is stored.
"""

import asyncio
import logging
import os
from datetime import datetime

from board.server import create_app, publish_ticket
from customers.status import set_ticket_status, ticket_statuses
from editor.app import editor_blueprint
from editor.sessions import secret_from_environment
from handoff import close_handoff, held, open_handoffs, taken_over
from playbooks import default_registry
from payments.webhooks import payment_webhooks
from pos.adapters.house import HousePos
from pos.ticket_store import pushed_tickets_for_day
from pos.worker import worker_tasks
from storage import Database


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    registry = default_registry()
    playbooks = registry.load_all()
    db = Database()
    house = HousePos(db)

    async def load_tickets(business_id: str):
        """Today's tickets with the state staff last set on each."""
        playbook = registry.by_id(business_id)
        today = datetime.now(playbook.timezone).date()
        if playbook.pos["provider"] == "house":
            orders = await asyncio.to_thread(house.orders_for_day, business_id, today)
        else:
            orders = await asyncio.to_thread(pushed_tickets_for_day, db, business_id, today)
        states = await asyncio.to_thread(ticket_statuses, db, [order["id"] for order in orders if "id" in order])
        return [{**order, "status": states.get(order.get("id"))} for order in orders]

    async def set_status(business_id: str, ticket_id: int, state: str) -> bool:
        return await asyncio.to_thread(set_ticket_status, db, business_id, ticket_id, state)

    async def load_handoffs(business_id: str):
        """Open requests; for one whose conversation staff took over, what the customer wrote since."""
        requests = await asyncio.to_thread(open_handoffs, db, business_id)
        ids = [request["id"] for request in requests]
        with_staff = await asyncio.to_thread(taken_over, db, ids)
        kept = await asyncio.to_thread(held, db, ids)
        return [{**request, "with_staff": request["id"] in with_staff, "held": kept.get(request["id"], [])}
                for request in requests]

    async def mark_handoff_done(business_id: str, handoff_id: int) -> bool:
        return await asyncio.to_thread(close_handoff, db, business_id, handoff_id)

    app, sio = create_app(
        [p.summary() for p in playbooks], load_tickets, os.environ.get("RASA_URL", "http://127.0.0.1:5005"), set_status,
        load_handoffs, mark_handoff_done,
    )

    async def on_pushed(ticket):
        await publish_ticket(sio, ticket)

    app.blueprint(payment_webhooks(registry.by_id, db))
    app.blueprint(editor_blueprint(db, registry, secret_from_environment(), os.environ.get("EDITOR_SECURE_COOKIES") == "1"))
    stop = asyncio.Event()

    @app.after_server_start
    async def start_worker(_app, _loop):
        _app.ctx.workers = worker_tasks(db, registry, stop, on_pushed)

    @app.before_server_stop
    async def stop_worker(_app, _loop):
        stop.set()
        await asyncio.gather(*_app.ctx.workers)

    app.run(host=os.environ.get("BOARD_HOST", "127.0.0.1"), port=int(os.environ.get("BOARD_PORT", "8080")), workers=1, access_log=False)


if __name__ == "__main__":
    main()
