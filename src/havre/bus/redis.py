"""The Redis bus: every node publishes encoded deliveries to one channel and hands what it receives
to its own sockets. The publishing node receives its own deliveries through Redis too, so every node
sees them in the same order."""

from __future__ import annotations

import logging

import msgspec
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from havre.bus.protocol import Delivery, DeliveryHandler, Scope
from havre.errors import BusUnavailable

log = logging.getLogger(__name__)

CHANNEL = "havre:deliveries"


class _Wire(msgspec.Struct, array_like=True):
    scope: str
    target: str
    frame: bytes
    sender: str | None
    adult_frame: bytes | None
    close_code: int | None
    exclude_user: str | None


_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(_Wire)


def encode_delivery(delivery: Delivery) -> bytes:
    """A delivery as bytes on the channel (MessagePack)."""
    return _encoder.encode(
        _Wire(
            delivery.scope.value,
            delivery.target,
            delivery.frame,
            delivery.sender,
            delivery.adult_frame,
            delivery.close_code,
            delivery.exclude_user,
        )
    )


def decode_delivery(data: bytes) -> Delivery:
    """Bytes from the channel as a delivery. Raises ``msgspec.DecodeError`` on garbage."""
    wire = _decoder.decode(data)
    return Delivery(
        Scope(wire.scope),
        wire.target,
        wire.frame,
        sender=wire.sender,
        adult_frame=wire.adult_frame,
        close_code=wire.close_code,
        exclude_user=wire.exclude_user,
    )


class RedisBus:
    """Implements ``Bus`` over Redis publish/subscribe; ``listen`` runs as a supervised job."""

    def __init__(self, url: str, channel: str = CHANNEL) -> None:
        self._url = url
        self._channel = channel
        self._handlers: list[DeliveryHandler] = []
        self._client: aioredis.Redis | None = None

    def subscribe(self, handler: DeliveryHandler) -> None:
        """See ``Bus.subscribe``."""
        self._handlers.append(handler)

    def _redis(self) -> aioredis.Redis:
        if self._client is None:
            self._client = aioredis.Redis.from_url(self._url, socket_connect_timeout=5, socket_timeout=None)
        return self._client

    async def start(self) -> None:
        """Check that Redis answers. Raises ``BusUnavailable``."""
        await self.ping()

    async def publish(self, delivery: Delivery) -> None:
        """See ``Bus.publish``."""
        try:
            await self._redis().publish(self._channel, encode_delivery(delivery))
        except (RedisError, OSError) as exc:
            raise BusUnavailable(f"publish failed: {type(exc).__name__}") from exc

    async def listen(self) -> None:
        """Receive deliveries forever and hand them to the handlers; raises when Redis fails (the job
        runner restarts it, which subscribes again)."""
        pubsub = self._redis().pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(self._channel)
            async for message in pubsub.listen():
                data = message.get("data")
                if not isinstance(data, bytes):
                    continue
                try:
                    delivery = decode_delivery(data)
                except (msgspec.DecodeError, ValueError):
                    log.warning("dropped an undecodable delivery of %d bytes", len(data))
                    continue
                for handler in self._handlers:
                    handler(delivery)
        except (RedisError, OSError) as exc:
            raise BusUnavailable(f"listen failed: {type(exc).__name__}") from exc
        finally:
            await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def ping(self) -> None:
        """See ``Bus.ping``."""
        try:
            await self._redis().ping()
        except (RedisError, OSError) as exc:
            raise BusUnavailable(f"ping failed: {type(exc).__name__}") from exc

    async def close(self) -> None:
        """See ``Bus.close``."""
        self._handlers.clear()
        if self._client is not None:
            await self._client.aclose()
            self._client = None
