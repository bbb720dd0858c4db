"""The chat with deliveries going through Redis: every frame makes the round trip and arrives."""

from __future__ import annotations

import pytest

from havre.bus.redis import RedisBus
from havre.errors import BusUnavailable
from tests.conftest import REDIS_URL, ServerFactory, unavailable
from tests.support.client import ChatClient

pytestmark = pytest.mark.integration


async def test_chat_over_the_redis_bus(make_server: ServerFactory) -> None:
    """Room messages, private messages and presence reach their sockets through Redis."""
    probe = RedisBus(REDIS_URL)
    try:
        await probe.ping()
    except BusUnavailable as exc:
        unavailable(f"Redis at {REDIS_URL} does not answer: {exc}")
    finally:
        await probe.close()
    server = await make_server(**{"bus.url": REDIS_URL})
    alice, bob = ChatClient(server), ChatClient(server)
    try:
        await alice.enter("Alice")
        await bob.enter("Bob")
        for client in (alice, bob):
            await client.connect()
            await client.request({"type": "join", "room": "cinema-series"}, "joined")
        assert (await alice.expect("presence"))["user"]["pseudo"] == "Bob"
        ack = await alice.request({"type": "say", "room": "cinema-series", "text": "via Redis"})
        assert (await bob.expect("message", id=ack["id"]))["text"] == "via Redis"
        pm = await bob.request({"type": "pm", "to": alice.user["id"], "text": "en privé"})
        assert (await alice.expect("message", id=pm["id"]))["text"] == "en privé"
        ready = await alice.http.get(alice.url("/readyz"))
        assert ready.status == 200
    finally:
        await alice.close()
        await bob.close()
