"""Alembic migrations build exactly the schema the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from havre.storage.sql.engine import create_engine
from havre.storage.sql.migrate import upgrade
from havre.storage.sql.tables import metadata


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


async def _check(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
        await upgrade(engine)  # idempotent
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
    finally:
        await engine.dispose()


async def test_sqlite_schema_matches_the_tables(sqlite_url: str) -> None:
    """After upgrading, SQLite's schema has no difference from the declared tables."""
    await _check(sqlite_url)


@pytest.mark.integration
async def test_postgres_schema_matches_the_tables(postgres_url: str) -> None:
    """After upgrading, PostgreSQL's schema has no difference from the declared tables."""
    await _check(postgres_url)
