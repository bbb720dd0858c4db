"""The WebSocket handshake: the session cookie, and a storm of sockets through the bounded greeting."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import make_mocked_request
from multidict import CIMultiDict

from havre.transport.session import cookie, session_token
from tests.conftest import ServerFactory
from tests.support.client import ChatClient


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ([("Cookie", "havre_session=abc")], "abc"),
        ([("Cookie", "theme=dark; havre_session=abc; havre_lang=en")], "abc"),
        ([("Cookie", 'havre_session="abc"')], "abc"),
        ([("Cookie", "xhavre_session=abc; havre_sessionx=def")], None),
        ([("Cookie", "havre_session=")], None),
        ([("Cookie", "garbage;;=;havre_session=abc")], "abc"),
        ([("Cookie", "a=1"), ("Cookie", "havre_session=abc")], "abc"),
        ([], None),
    ],
)
def test_cookie_reads_one_value(headers: list[tuple[str, str]], expected: str | None) -> None:
    """A cookie is found among others, unquoted, never matched by a prefix or suffix of its name."""
    request = make_mocked_request("GET", "/ws", headers=CIMultiDict(headers))
    assert cookie(request, "havre_session") == expected


def test_bearer_token_when_no_cookie() -> None:
    """Without the cookie, an ``Authorization: Bearer`` header carries the session token."""
    request = make_mocked_request("GET", "/ws", headers=CIMultiDict([("Authorization", "Bearer tok")]))
    assert session_token(request) == "tok"


async def test_a_storm_of_sockets_through_one_handshake_slot(make_server: ServerFactory) -> None:
    """With one handshake at a time, thirty sockets opened at once are all greeted."""
    server = await make_server(**{"limits.handshakes_in_flight": 1})
    clients = [ChatClient(server) for _ in range(30)]
    try:
        for i, client in enumerate(clients):
            await client.enter(f"Orage{i:02d}")
        hellos = await asyncio.gather(*(client.connect() for client in clients))
        assert sorted(h["user"]["pseudo"] for h in hellos) == sorted(f"Orage{i:02d}" for i in range(30))
    finally:
        for client in clients:
            await client.close()
