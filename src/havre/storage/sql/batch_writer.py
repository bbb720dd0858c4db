"""SQLite's message writer: one thread, one connection, one hop per batch.

Through aiosqlite, one batch of messages costs several round trips to its worker thread (checkout,
``BEGIN``, ``executemany``, ``COMMIT``), each a thread wake-up and a hand-off of the GIL; at a few hundred
messages a second, with batches of one or two messages, that dominated the server's CPU. Here a batch is
one call into a dedicated thread that owns a synchronous SQLAlchemy engine on the same file, so the
statement, the types and the durability (WAL, ``synchronous=NORMAL``) are those of every other write.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import create_engine, event, insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from havre.errors import StorageUnavailable
from havre.storage.sql import tables as t
from havre.storage.sql.engine import sqlite_pragmas


class SqliteBatchWriter:
    """Inserts batches of message rows into an SQLite file from its own thread."""

    def __init__(self, url: str) -> None:
        sync_url = make_url(url).set(drivername="sqlite+pysqlite")
        # One connection, used by the one thread of the executor only.
        self._engine = create_engine(
            sync_url,
            poolclass=StaticPool,
            connect_args={"timeout": 30, "check_same_thread": False},
        )
        event.listen(self._engine, "connect", sqlite_pragmas)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="havre-sqlite-writer")

    def _write(self, rows: Sequence[dict[str, Any]]) -> None:
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(t.messages), list(rows))
        except (SQLAlchemyError, OSError) as exc:
            raise StorageUnavailable(f"add_messages failed: {type(exc).__name__}") from exc

    async def write(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert the rows in one transaction; returns once committed. Raises ``StorageUnavailable``."""
        await asyncio.get_running_loop().run_in_executor(self._executor, self._write, rows)

    def close(self) -> None:
        """Finish the batch in progress, then close the connection and the thread."""
        self._executor.shutdown(wait=True)
        self._engine.dispose()
