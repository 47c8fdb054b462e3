"""The operator commands: `python -m pos outbox`, `history`, `replay` and `sync`, run against a real database."""

import asyncio

from pos.__main__ import main
from pos.adapters import HousePos, PermanentPosError
from pos.outbox import Outbox
from pos.ticket_store import store_ticket
from tests.unit.test_outbox import FlakyPos
from tests.unit.test_ticket_store import DAY, make_ticket


def test_outbox_history_and_replay_commands(db, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", db.url)
    pushed = store_ticket(db, make_ticket("a"), DAY)
    asyncio.run(Outbox(db, lambda business: HousePos(db)).run_once())
    failed = store_ticket(db, make_ticket("b"), DAY)
    asyncio.run(Outbox(db, lambda business: FlakyPos(db, PermanentPosError("403 the token lacks ORDERS_WRITE"))).run_once())

    assert main(["outbox"]) == 0
    shown = capsys.readouterr().out
    assert f"{failed.id:>7}  tonys-pizzeria" in shown and "failed" in shown and "403 the token lacks ORDERS_WRITE" in shown
    assert "house-tonys-pizzeria-2026-11-28-1" in shown and "1 failed, 1 pushed" in shown

    assert main(["outbox", "--state", "failed"]) == 0
    assert "house-tonys" not in capsys.readouterr().out

    assert main(["replay", str(pushed.id)]) == 1
    assert "only failed tickets are replayed" in capsys.readouterr().err
    assert main(["replay", str(failed.id)]) == 0
    assert asyncio.run(Outbox(db, lambda business: HousePos(db)).run_once()) == 1

    assert main(["history", str(failed.id)]) == 0
    states = [line.split()[2] for line in capsys.readouterr().out.splitlines() if line.strip()][-4:]
    assert states == ["stored", "failed", "pending", "pushed"]


def test_sync_refuses_the_house_pos_and_unknown_businesses(db, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", db.url)
    assert main(["sync", "no-such-business"]) == 1
    assert "no playbook for business 'no-such-business'" in capsys.readouterr().err
    assert main(["sync", "tonys-pizzeria"]) == 1
    assert "the house POS has no catalog to sync" in capsys.readouterr().err
