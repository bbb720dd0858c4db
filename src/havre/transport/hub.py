"""This node's sockets: per-socket bounded output, and the fan-out of bus deliveries.

A delivery's payload is encoded once before it reaches the hub, and the hub frames it once as a
WebSocket text frame; each recipient socket only collects the same bytes. Frames collected during one
turn of the event loop go out in one write, so a busy room costs one system call per socket per turn,
not one per message. A socket whose unsent bytes pass ``limits.send_buffer_bytes`` is closed ``4008``:
a slow reader is disconnected, never waited for.
"""

from __future__ import annotations

import asyncio
import logging
import struct
from collections.abc import Callable

from aiohttp import web

from havre.bus.protocol import Delivery, Scope
from havre.domain.ids import UserId
from havre.domain.users import AgeBand, User
from havre.transport.i18n import Language
from havre.transport.metrics import Stats
from havre.transport.status import CLOSE_GOING_AWAY, CLOSE_TOO_SLOW

log = logging.getLogger(__name__)

_CLOSE_TIMEOUT = 2.0
_DRAIN_POLL = 0.01


PING_FRAME = b"\x89\x00"  # an empty, unmasked ping


def pong_frame(payload: bytes) -> bytes:
    """The unmasked pong answering a ping with ``payload`` (at most 125 bytes by RFC 6455)."""
    return bytes((0x8A, len(payload[:125]))) + payload[:125]


def text_frame(payload: bytes) -> bytes:
    """A complete, unmasked WebSocket text frame (server to client, RFC 6455 section 5.2)."""
    size = len(payload)
    if size < 126:
        return bytes((0x81, size)) + payload
    if size < 1 << 16:
        return struct.pack("!BBH", 0x81, 126, size) + payload
    return struct.pack("!BBQ", 0x81, 127, size) + payload


class Connection:
    """One WebSocket of one user, with its bounded output.

    ``send`` never waits: frames collected during one event-loop turn are written together at the end
    of the turn, straight to the transport (whole frames, so they never interleave with the frames
    aiohttp itself writes: pongs, pings, the close frame). An idle socket holds no buffer and no task.
    """

    __slots__ = (
        "_closer",
        "_finisher",
        "_limit",
        "_pending",
        "_pending_bytes",
        "_stats",
        "_transport",
        "band",
        "closing",
        "language",
        "last_heard",
        "user",
        "ws",
    )

    def __init__(
        self,
        ws: web.WebSocketResponse,
        transport: asyncio.Transport | None,
        user: User,
        language: Language,
        limit_bytes: int,
        stats: Stats,
    ) -> None:
        self.ws = ws
        self.user = user
        self.band: AgeBand = user.band
        self.language = language
        self.closing = False
        self._transport = transport
        self._limit = limit_bytes
        self._pending: list[bytes] | None = None
        self._pending_bytes = 0
        self._closer: asyncio.Task[None] | None = None
        self._finisher: asyncio.Task[None] | None = None
        self._stats = stats
        self.last_heard = asyncio.get_running_loop().time()

    def send(self, payload: bytes) -> None:
        """Send one JSON payload as a text frame (queued until the end of this loop turn)."""
        self.send_frame(text_frame(payload))

    def send_frame(self, frame: bytes) -> None:
        """Send a complete WebSocket frame; passing the byte limit closes the socket ``4008``."""
        if self.closing:
            return
        pending = self._pending
        if pending is None:
            pending = self._pending = []
            asyncio.get_running_loop().call_soon(self._write)
        pending.append(frame)
        self._pending_bytes += len(frame)
        self._stats.frames_out += 1
        if self._pending_bytes > self._limit:
            self._too_slow()

    def _write(self) -> None:
        pending, size = self._pending, self._pending_bytes
        self._pending, self._pending_bytes = None, 0
        transport = self._transport
        if pending is None or self.closing or transport is None or transport.is_closing():
            return
        if transport.get_write_buffer_size() + size > self._limit:
            self._too_slow()
            return
        transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def _too_slow(self) -> None:
        self._stats.slow_closes += 1
        self.close_soon(CLOSE_TOO_SLOW, b"too slow")

    @property
    def backlog(self) -> int:
        """Bytes written but not yet sent, plus bytes waiting for the end of this loop turn."""
        transport = self._transport
        buffered = (
            transport.get_write_buffer_size() if transport is not None and not transport.is_closing() else 0
        )
        return buffered + self._pending_bytes

    async def drained(self, below: int = 0) -> None:
        """Wait, at most about two seconds, until the backlog is at most ``below`` bytes.

        The receive loop calls it when a client's own answers pile up, so a client that floods
        without reading is slowed down instead of filling the server's memory.
        """
        for _ in range(int(_CLOSE_TIMEOUT / _DRAIN_POLL)):
            if self.closing or self.backlog <= below:
                return
            await asyncio.sleep(_DRAIN_POLL)

    def close_soon(self, code: int, message: bytes = b"") -> None:
        """Stop sending and close the socket with ``code`` (in the background, bounded in time)."""
        if self.closing:
            return
        self.closing = True
        self._pending, self._pending_bytes = None, 0
        self._closer = asyncio.get_running_loop().create_task(self._close(code, message))

    def finish(self, code: int) -> None:
        """Close with ``code`` once the frames already sent have gone out (in the background)."""
        if self._finisher is None and not self.closing:
            self._finisher = asyncio.get_running_loop().create_task(self.close_after_queue(code))

    async def close_after_queue(self, code: int, message: bytes = b"") -> None:
        """Let the frames already sent go out (briefly), then close with ``code``."""
        await asyncio.sleep(0)  # the end of this loop turn writes what is pending
        await self.drained()
        self.close_soon(code, message)

    async def _close(self, code: int, message: bytes) -> None:
        try:
            async with asyncio.timeout(_CLOSE_TIMEOUT):
                await self.ws.close(code=code, message=message)
        except (TimeoutError, ConnectionError, RuntimeError):
            if self._transport is not None:
                self._transport.abort()

    async def wait_closed(self) -> None:
        """Wait (bounded) for a close this side started to finish its handshake.

        The handler must not return before: returning closes the TCP connection, and closing with the
        peer's frames still unread sends a reset that can destroy the close frame (and its code) on the
        way to the peer.
        """
        if self._finisher is not None and not self._finisher.done():
            await asyncio.wait({self._finisher}, timeout=2 * _CLOSE_TIMEOUT)
        if self._closer is not None and not self._closer.done():
            await asyncio.wait({self._closer}, timeout=2 * _CLOSE_TIMEOUT)

    def discard(self) -> None:
        """The socket is gone: drop what is pending."""
        self.closing = True
        self._pending, self._pending_bytes = None, 0


class Hub:
    """Routes deliveries to this node's sockets; subscribed to the bus."""

    def __init__(
        self,
        member_ids: Callable[[str], list[UserId]],
        has_blocked: Callable[[UserId, UserId], bool],
        stats: Stats,
    ) -> None:
        self._member_ids = member_ids
        self._has_blocked = has_blocked
        self._stats = stats
        # A tuple, not a set or a list: most users hold one socket, and a one-item tuple is the
        # smallest container (a third of an empty set, half a one-item list).
        self._by_user: dict[UserId, tuple[Connection, ...]] = {}

    def add(self, connection: Connection) -> None:
        """Register a socket."""
        user_id = connection.user.id
        self._by_user[user_id] = (*self._by_user.get(user_id, ()), connection)
        self._stats.sockets_open += 1

    def remove(self, connection: Connection) -> None:
        """Forget a socket."""
        user_id = connection.user.id
        connections = self._by_user.get(user_id, ())
        if connection in connections:
            others = tuple(c for c in connections if c is not connection)
            self._stats.sockets_open -= 1
            if others:
                self._by_user[user_id] = others
            else:
                del self._by_user[user_id]
        connection.discard()

    def of_user(self, user_id: UserId) -> list[Connection]:
        """This node's sockets of one user."""
        return list(self._by_user.get(user_id, ()))

    def all(self) -> list[Connection]:
        """Every socket of this node."""
        return [c for conns in self._by_user.values() for c in conns]

    def heartbeat(self, now: float, silence: float) -> int:
        """Ping every socket, and close those silent for ``silence`` seconds; returns how many closed.

        One periodic job for all sockets, rather than a timer per socket: idle sockets stay cheap.
        """
        closed = 0
        for connection in self.all():
            if now - connection.last_heard > silence:
                connection.close_soon(CLOSE_GOING_AWAY, b"no answer to pings")
                closed += 1
            else:
                connection.send_frame(PING_FRAME)
        return closed

    def deliver(self, delivery: Delivery) -> None:
        """Hand a delivery's frame to every socket in its scope (the bus handler)."""
        if delivery.scope is Scope.ROOM:
            user_ids = self._member_ids(delivery.target)
        else:
            user_ids = [UserId(delivery.target)]
        sender = UserId(delivery.sender) if delivery.sender is not None else None
        # Framed once for every recipient.
        frame = text_frame(delivery.frame)
        adult_frame = text_frame(delivery.adult_frame) if delivery.adult_frame is not None else None
        count = 0
        for user_id in user_ids:
            if user_id == delivery.exclude_user:
                continue
            if sender is not None and user_id != sender and self._has_blocked(user_id, sender):
                continue
            connections = self._by_user.get(user_id)
            if not connections:
                continue
            for connection in connections:
                if adult_frame is not None and connection.band is AgeBand.ADULTS:
                    connection.send_frame(adult_frame)
                else:
                    connection.send_frame(frame)
                count += 1
                if delivery.close_code is not None:
                    connection.finish(delivery.close_code)
        if sender is not None:
            self._stats.deliveries += count
