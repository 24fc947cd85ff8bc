"""A stand-in for another service (documents, bulk) in its own OS process: its own database, the
chassis' authorization replica fed from the accounts topics, answering questions on stdin.

Usage: ``python accounts_replica_process.py DATABASE_URL KAFKA_BOOTSTRAP CONSUMER_GROUP``. It
prints ``{"ready": true}`` once consuming, then answers one JSON question per line:
``{"ask": "may", "user_id", "action", "account_id", "min_version"?,
"min_association_version"?}`` or
``{"ask": "filable", "user_id"}``, each with ``{"answer": ...}``.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from cers_chassis.authorization import AUTHORIZATION_METADATA, REPLICA_SUBSCRIPTIONS, Authorizer
from cers_chassis.broker import create_broker
from cers_chassis.db import create_engine, session_factory
from cers_chassis.inbox import InboxConsumer
from cers_chassis.settings import ServiceSettings
from cers_chassis.tables import PLATFORM_METADATA
from cers_contracts.authorization import Action


async def answer(authorizer: Authorizer, question: dict[str, Any]) -> Any:
    if question["ask"] == "may":
        return await authorizer.may(
            question["user_id"],
            Action(question["action"]),
            question["account_id"],
            min_version=question.get("min_version"),
            min_association_version=question.get("min_association_version"),
        )
    found = await authorizer.accounts_filable_by(question["user_id"])
    return [access.account.business_account_id for access in found]


async def main(database_url: str, bootstrap: str, group: str) -> None:
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(PLATFORM_METADATA.create_all)
        await connection.run_sync(AUTHORIZATION_METADATA.create_all)
    sessions = session_factory(engine)
    broker = create_broker(ServiceSettings(service_name="replica", kafka_bootstrap=bootstrap))
    for suffix, topic, handlers in REPLICA_SUBSCRIPTIONS:
        consumer = InboxConsumer(
            name=f"{group}.{suffix}", topic=topic, handlers=handlers, sessions=sessions
        )
        consumer.register(broker)
    await broker.start()
    authorizer = Authorizer(sessions, max_wait_s=5.0)
    print(json.dumps({"ready": True}), flush=True)
    loop = asyncio.get_running_loop()
    try:
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            result = await answer(authorizer, json.loads(line))
            print(json.dumps({"answer": result}), flush=True)
    finally:
        await broker.stop()
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
