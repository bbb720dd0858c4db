"""Engines: SQLite in WAL mode (aiosqlite) or PostgreSQL (asyncpg), from one URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from havre.errors import ConfigError


def normalize_url(url: str) -> str:
    """Add the async driver to a plain ``sqlite://`` or ``postgresql://`` URL."""
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url[len("sqlite:///") :]
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    return url


def create_engine(url: str) -> AsyncEngine:
    """An async engine for ``url``; creates the folder of an SQLite file.

    Raises ``ConfigError`` for a URL of another database.
    """
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # Every transaction here ends in an explicit commit or rollback (``engine.begin()``), so the
        # pool's reset-on-return rollback is a wasted round trip to aiosqlite's thread.
        engine = create_async_engine(url, connect_args={"timeout": 30}, pool_reset_on_return=None)
        event.listen(engine.sync_engine, "connect", sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_async_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)
    raise ConfigError("only sqlite and postgresql are supported", "storage.database_url")


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Set a new SQLite connection up: WAL, durable commits, foreign keys, a generous busy timeout."""
    cursor = dbapi_connection.cursor()
    # WAL lets readers go on while the writer commits; NORMAL is durable across process crashes
    # (SIGKILL) in WAL mode, losing at most the last transactions on a power cut.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
