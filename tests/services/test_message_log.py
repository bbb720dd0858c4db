"""Acknowledged means stored: the group-committing message log."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from havre.domain.ids import MessageId, RoomId, UserId
from havre.domain.messages import Message
from havre.errors import RateLimited, StorageUnavailable
from havre.services.message_log import MessageLog
from havre.storage.memory import MemoryMessageRepository
from havre.storage.repositories import StoredMessage


def stored(i: int) -> StoredMessage:
    return StoredMessage(
        Message(MessageId(f"m{i:04d}"), UserId("u"), "x", datetime.now(UTC), room=RoomId("r"))
    )


class CountingRepository(MemoryMessageRepository):
    """Records the size of each batch; can be told to fail."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[int] = []
        self.fail = False

    async def add_many(self, messages: Sequence[StoredMessage]) -> None:
        await asyncio.sleep(0)
        if self.fail:
            raise StorageUnavailable("disk on fire")
        self.batches.append(len(messages))
        await super().add_many(messages)


async def test_append_returns_once_stored_in_group_commits() -> None:
    """Concurrent appends return after their batch is written, and batches group them."""
    repo = CountingRepository()
    log = MessageLog(repo, batch_max=50, queue_max=1000)
    writer = asyncio.create_task(log.run())
    await asyncio.gather(*(log.append(stored(i)) for i in range(120)))
    assert sum(repo.batches) == 120 and max(repo.batches) <= 50 and len(repo.batches) < 120
    assert await repo.get(MessageId("m0119")) is not None
    writer.cancel()


async def test_failed_write_fails_its_waiters_and_the_writer_goes_on() -> None:
    """A failed batch raises StorageUnavailable to its waiters; later batches still succeed."""
    repo = CountingRepository()
    log = MessageLog(repo, batch_max=10, queue_max=100)
    writer = asyncio.create_task(log.run())
    repo.fail = True
    with pytest.raises(StorageUnavailable):
        await log.append(stored(1))
    repo.fail = False
    await log.append(stored(2))
    assert await repo.get(MessageId("m0002")) is not None
    writer.cancel()


async def test_a_full_queue_refuses_instead_of_growing() -> None:
    """Past its bound the queue refuses with RateLimited."""
    log = MessageLog(CountingRepository(), batch_max=10, queue_max=2)
    waiting = [asyncio.create_task(log.append(stored(i))) for i in range(2)]
    await asyncio.sleep(0)
    with pytest.raises(RateLimited):
        await log.append(stored(3))
    log.fail_pending()
    for task in waiting:
        with pytest.raises(StorageUnavailable):
            await task
