"""One contract suite for every bus: in-process and Redis."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator

import pytest

from havre.bus.memory import InProcessBus
from havre.bus.protocol import Bus, Delivery, Scope
from havre.bus.redis import RedisBus, decode_delivery, encode_delivery
from havre.errors import BusUnavailable
from tests.conftest import REDIS_URL, unavailable


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.integration)])
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Bus, list[Delivery]]]:
    """A started bus listening in the background, and what its handler received."""
    received: list[Delivery] = []
    if request.param == "memory":
        made: Bus = InProcessBus()
    else:
        made = RedisBus(REDIS_URL, channel="havre:test:" + secrets.token_hex(4))
    made.subscribe(received.append)
    try:
        await made.start()
    except BusUnavailable as exc:
        unavailable(f"Redis at {REDIS_URL} does not answer: {exc}")
    listener = asyncio.create_task(made.listen())
    await asyncio.sleep(0.05)  # let the subscription settle
    yield made, received
    listener.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await listener
    await made.close()


async def _until(received: list[Delivery], count: int) -> None:
    for _ in range(1000):
        if len(received) >= count:
            return
        await asyncio.sleep(0.005)


async def test_deliveries_arrive_whole_and_in_order(bus: tuple[Bus, list[Delivery]]) -> None:
    """Published deliveries reach the handler unchanged, in publication order."""
    made, received = bus
    sent = [
        Delivery(Scope.ROOM, "accueil", b'{"type":"message","n":%d}' % i, sender="u_a", exclude_user=None)
        for i in range(50)
    ]
    sent.append(
        Delivery(Scope.USER, "u_b", b"{}", adult_frame=b'{"a":1}', close_code=4003, exclude_user="u_c")
    )
    for delivery in sent:
        await made.publish(delivery)
    await _until(received, len(sent))
    assert received == sent


async def test_the_bus_answers_its_health_check(bus: tuple[Bus, list[Delivery]]) -> None:
    """A started bus answers ping."""
    await bus[0].ping()


def test_wire_encoding_round_trips() -> None:
    """A delivery survives the Redis wire encoding."""
    delivery = Delivery(Scope.USER, "u_x", "é".encode(), sender=None, adult_frame=None, close_code=4001)
    assert decode_delivery(encode_delivery(delivery)) == delivery


async def test_an_unreachable_redis_is_reported() -> None:
    """Publishing to a Redis that does not answer raises BusUnavailable."""
    dead = RedisBus("redis://127.0.0.1:1/0")
    with pytest.raises(BusUnavailable):
        await dead.publish(Delivery(Scope.USER, "u", b""))
    await dead.close()
