"""The chat over real sockets on PostgreSQL: entry, room, history and private messages."""

from __future__ import annotations

import pytest

from tests.conftest import ServerFactory
from tests.support.client import ChatClient

pytestmark = pytest.mark.integration


async def test_chat_on_postgres(make_server: ServerFactory, postgres_url: str) -> None:
    """Two users chat in a room and in private with PostgreSQL storage; history survives a new server."""
    server = await make_server(database_url=postgres_url)
    alice, bob = ChatClient(server), ChatClient(server)
    try:
        await alice.enter("Alice")
        await bob.enter("Bob")
        for c in (alice, bob):
            await c.connect()
            await c.request({"type": "join", "room": "accueil"}, "joined")
        ack = await alice.request({"type": "say", "room": "accueil", "text": "Bonjour PostgreSQL"})
        await bob.expect("message", id=ack["id"])
        pm = await bob.request({"type": "pm", "to": alice.user["id"], "text": "en privé"})
        await alice.expect("message", id=pm["id"])
        await alice.request({"type": "block", "user": bob.user["id"]})
    finally:
        await alice.close()
        await bob.close()
    await server.close()
    again = await make_server(database_url=postgres_url)
    carol = ChatClient(again)
    try:
        await carol.enter("Carol")
        await carol.connect()
        joined = await carol.request({"type": "join", "room": "accueil"}, "joined")
        assert [m["text"] for m in joined["history"]] == ["Bonjour PostgreSQL"]
    finally:
        await carol.close()
