"""Acknowledged means stored: messages wait in a bounded queue and are written in group commits.

``append`` returns only once the message's transaction has committed, so an ``ack`` sent after it
survives a SIGKILL. One writer drains the queue and writes up to ``batch_max`` messages per
transaction, which keeps SQLite fast under load without weakening the promise.
"""

from __future__ import annotations

import asyncio
import logging

from havre.errors import RateLimited, StorageUnavailable
from havre.storage.repositories import MessageRepository, StoredMessage

log = logging.getLogger(__name__)


class MessageLog:
    """A bounded queue in front of ``MessageRepository.add_many``; run ``run()`` as a supervised job."""

    def __init__(self, repository: MessageRepository, *, batch_max: int, queue_max: int) -> None:
        self._repository = repository
        self._batch_max = batch_max
        self._queue: asyncio.Queue[tuple[StoredMessage, asyncio.Future[None]]] = asyncio.Queue(queue_max)

    async def append(self, stored: StoredMessage) -> None:
        """Store a message; returns once committed.

        Raises ``RateLimited`` when the queue is full (the server is overloaded: the client may retry)
        and ``StorageUnavailable`` when the write failed.
        """
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        try:
            self._queue.put_nowait((stored, future))
        except asyncio.QueueFull:
            raise RateLimited("write queue full") from None
        await future

    @property
    def pending(self) -> int:
        """Messages waiting to be written."""
        return self._queue.qsize()

    async def run(self) -> None:
        """Write batches forever; a failed batch fails its waiters, and the writer goes on."""
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self._batch_max and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await self._repository.add_many([stored for stored, _ in batch])
            except StorageUnavailable as exc:
                log.warning("message batch of %d not stored: %s", len(batch), exc)
                for _, future in batch:
                    if not future.done():
                        future.set_exception(StorageUnavailable(str(exc)))
            else:
                for _, future in batch:
                    if not future.done():
                        future.set_result(None)

    def fail_pending(self) -> None:
        """At shutdown: fail whatever is still queued, so no waiter hangs."""
        while not self._queue.empty():
            _, future = self._queue.get_nowait()
            if not future.done():
                future.set_exception(StorageUnavailable("shutting down"))
