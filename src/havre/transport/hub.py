"""This node's sockets: per-socket bounded send queues, and the fan-out of bus deliveries.

A delivery's frame is encoded once, before it reaches the hub; the hub only appends the same bytes to
each recipient socket's queue. A socket whose queue overflows is closed ``4008``: a slow reader is
disconnected, never waited for.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable

from aiohttp import WSMsgType, web

from havre.bus.protocol import Delivery, Scope
from havre.domain.ids import UserId
from havre.domain.users import AgeBand, User
from havre.transport.i18n import Language
from havre.transport.metrics import Stats
from havre.transport.status import CLOSE_TOO_SLOW

log = logging.getLogger(__name__)

_CLOSE_TIMEOUT = 2.0


class Connection:
    """One WebSocket of one user, with its bounded outgoing queue.

    ``send`` never waits: it queues the frame, and a flush task (started only while frames are
    waiting, so an idle socket costs no task) writes them out.
    """

    __slots__ = (
        "_closer",
        "_drained",
        "_finisher",
        "_flusher",
        "_limit",
        "_queue",
        "_stats",
        "band",
        "closing",
        "language",
        "user",
        "ws",
    )

    def __init__(
        self, ws: web.WebSocketResponse, user: User, language: Language, limit: int, stats: Stats
    ) -> None:
        self.ws = ws
        self.user = user
        self.band: AgeBand = user.band
        self.language = language
        self.closing = False
        self._limit = limit
        self._queue: deque[bytes] = deque()
        self._flusher: asyncio.Task[None] | None = None
        self._closer: asyncio.Task[None] | None = None
        self._finisher: asyncio.Task[None] | None = None
        self._drained: asyncio.Event | None = None
        self._stats = stats

    def send(self, data: bytes) -> None:
        """Queue a text frame; overflowing the queue closes the socket ``4008``."""
        if self.closing:
            return
        if len(self._queue) >= self._limit:
            self._stats.slow_closes += 1
            self.close_soon(CLOSE_TOO_SLOW, b"too slow")
            return
        self._queue.append(data)
        self._stats.frames_out += 1
        if self._flusher is None:
            self._flusher = asyncio.get_running_loop().create_task(self._flush())

    async def _flush(self) -> None:
        try:
            while self._queue and not self.closing:
                await self.ws.send_frame(self._queue.popleft(), WSMsgType.TEXT)
        except (ConnectionError, RuntimeError):
            # The peer went away mid-write: the receive loop sees the close and cleans up.
            self._queue.clear()
        finally:
            self._flusher = None
            if self._drained is not None:
                self._drained.set()

    @property
    def backlog(self) -> int:
        """Frames waiting to be written."""
        return len(self._queue)

    async def drained(self) -> None:
        """Wait until every queued frame is written (or the socket closes).

        The receive loop calls it when a client's own answers pile up, so a client that floods
        without reading is slowed down instead of filling the server's memory.
        """
        while self._queue and not self.closing:
            self._drained = asyncio.Event()
            await self._drained.wait()
        self._drained = None

    def close_soon(self, code: int, message: bytes = b"") -> None:
        """Stop sending and close the socket with ``code`` (in the background, bounded in time)."""
        if self.closing:
            return
        self.closing = True
        self._queue.clear()
        if self._flusher is not None:
            self._flusher.cancel()
        if self._drained is not None:
            self._drained.set()
        self._closer = asyncio.get_running_loop().create_task(self._close(code, message))

    def finish(self, code: int) -> None:
        """Close with ``code`` once the frames already queued have gone out (in the background)."""
        if self._finisher is None and not self.closing:
            self._finisher = asyncio.get_running_loop().create_task(self.close_after_queue(code))

    async def close_after_queue(self, code: int, message: bytes = b"") -> None:
        """Let the queued frames go out (briefly), then close with ``code``."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(_CLOSE_TIMEOUT):
                await self.drained()
        self.close_soon(code, message)

    async def _close(self, code: int, message: bytes) -> None:
        try:
            async with asyncio.timeout(_CLOSE_TIMEOUT):
                await self.ws.close(code=code, message=message)
        except (TimeoutError, ConnectionError, RuntimeError):
            transport = self.ws._req.transport if self.ws._req is not None else None
            if transport is not None:
                transport.abort()

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
        """The socket is gone: drop what is queued and stop the flush task."""
        self.closing = True
        self._queue.clear()
        if self._flusher is not None:
            self._flusher.cancel()


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
        self._by_user: dict[UserId, set[Connection]] = {}

    def add(self, connection: Connection) -> None:
        """Register a socket."""
        self._by_user.setdefault(connection.user.id, set()).add(connection)
        self._stats.sockets_open += 1

    def remove(self, connection: Connection) -> None:
        """Forget a socket."""
        connections = self._by_user.get(connection.user.id)
        if connections is not None and connection in connections:
            connections.discard(connection)
            self._stats.sockets_open -= 1
            if not connections:
                del self._by_user[connection.user.id]
        connection.discard()

    def of_user(self, user_id: UserId) -> list[Connection]:
        """This node's sockets of one user."""
        return list(self._by_user.get(user_id, ()))

    def all(self) -> list[Connection]:
        """Every socket of this node."""
        return [c for conns in self._by_user.values() for c in conns]

    def deliver(self, delivery: Delivery) -> None:
        """Hand a delivery's frame to every socket in its scope (the bus handler)."""
        if delivery.scope is Scope.ROOM:
            user_ids = self._member_ids(delivery.target)
        else:
            user_ids = [UserId(delivery.target)]
        sender = UserId(delivery.sender) if delivery.sender is not None else None
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
                frame = delivery.frame
                if delivery.adult_frame is not None and connection.band is AgeBand.ADULTS:
                    frame = delivery.adult_frame
                connection.send(frame)
                count += 1
                if delivery.close_code is not None:
                    connection.finish(delivery.close_code)
        if sender is not None:
            self._stats.deliveries += count
