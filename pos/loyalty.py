"""Applying a loyalty reward the caller chose to their order in the POS, once the order exists there.

The reward is named on the ticket (`details`); the worker looks the account up again at push time, because
points may have moved since the call, and records whether the reward went on.
"""

import asyncio
from datetime import datetime, timezone
from typing import Any, Dict, Optional, Sequence

from sqlalchemy import insert

from pos.adapters import LOYALTY, LoyaltyAccount, PermanentPosError, PosAdapter, Reward, TransientPosError
from storage import Database
from storage.tables import ticket_events

REWARD_DETAIL = "loyalty_reward"
REWARD_ID_DETAIL = "loyalty_reward_id"


def best_reward(account: LoyaltyAccount) -> Optional[Reward]:
    """The most valuable reward the points cover."""
    affordable = account.affordable()
    return max(affordable, key=lambda reward: reward.points) if affordable else None


def spoken_rewards(rewards: Sequence[Reward]) -> str:
    names = [reward.name for reward in rewards]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _event(db: Database, ticket_id: int, detail: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(insert(ticket_events).values(ticket_id=ticket_id, at=datetime.now(timezone.utc),
                                                        state="loyalty", detail=detail))


async def apply_chosen_reward(db: Database, adapter: PosAdapter, ticket: Dict[str, Any]) -> None:
    """Puts the ticket's chosen reward on its pushed order; a reward that no longer fits is recorded, not forced."""
    reward_id = (ticket.get("details") or {}).get(REWARD_ID_DETAIL)
    phone = (ticket.get("customer") or {}).get("phone")
    if not reward_id or LOYALTY not in adapter.capabilities:
        return
    try:
        account = await adapter.loyalty_account(phone) if phone else None
        reward = next((r for r in account.affordable() if r.id == reward_id), None) if account else None
        if reward is None:
            await asyncio.to_thread(_event, db, ticket["id"], "reward not applied: the points no longer cover it")
            return
        await adapter.redeem_reward(account, reward, ticket["pos_id"], f"{ticket['idempotency_key']}-reward")
    except (TransientPosError, PermanentPosError) as error:
        await asyncio.to_thread(_event, db, ticket["id"], f"reward not applied: {error}")
        return
    await asyncio.to_thread(_event, db, ticket["id"], f"reward applied: {reward.name}")
