"""Shared fixtures: databases (SQLite files, throw-away PostgreSQL databases) and live servers."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from havre.app import build_app
from havre.config import load_settings
from havre.services.clock import Clock
from havre.services.ports import NoScreen, Screen

REQUIRE_SERVICES = os.environ.get("HAVRE_REQUIRE_SERVICES") == "1"
PG_ADMIN_URL = os.environ.get("HAVRE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("HAVRE_TEST_REDIS", "redis://127.0.0.1:6379/0")


def unavailable(reason: str) -> None:
    """Skip with a visible reason, or fail when CI requires the services."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database file."""
    return f"sqlite+aiosqlite:///{tmp_path / 'havre.db'}"


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A throw-away PostgreSQL database, dropped after the test."""
    async with fresh_postgres() as url:
        yield url


@contextlib.asynccontextmanager
async def fresh_postgres() -> AsyncIterator[str]:
    """Create a throw-away PostgreSQL database; skip (or fail under CI) when PostgreSQL is down."""
    import asyncpg

    admin = PG_ADMIN_URL.replace("postgresql+asyncpg://", "postgresql://")
    try:
        connection = await asyncpg.connect(admin, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        unavailable(f"PostgreSQL at {admin} does not answer: {exc}")
        raise AssertionError("unreachable") from exc
    name = "havre_test_" + secrets.token_hex(6)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    base = admin.rsplit("/", 1)[0]
    yield f"postgresql+asyncpg://{base.split('://', 1)[1]}/{name}"
    connection = await asyncpg.connect(admin, timeout=5)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


ServerFactory = Callable[..., Awaitable[TestServer]]


@pytest.fixture
async def make_server(sqlite_url: str) -> AsyncIterator[ServerFactory]:
    """Start live Havre servers on real loopback sockets; every one stops after the test.

    Keyword arguments are dotted settings (``**{"chat.min_age": 16}``); ``screen`` replaces the
    safety pipeline (default: screening off, so core tests do not depend on detectors).
    """
    servers: list[TestServer] = []

    async def start(
        screen: Screen | None = None,
        database_url: str | None = None,
        clock: Clock | None = None,
        **overrides: Any,
    ) -> TestServer:
        settings = load_settings(
            {},
            **{"storage.database_url": database_url or sqlite_url, "server.trust_proxy": "true", **overrides},
        )
        server = TestServer(build_app(settings, screen=screen or NoScreen(), clock=clock), host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.close()
