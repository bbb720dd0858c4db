"""Alembic environment: runs on the connection handed over by ``havre.storage.sql.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from havre.storage.sql.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    # Command-line use (``alembic revision --autogenerate``): a synchronous URL from the config.
    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///var/havre.db"
    with create_engine(url).connect() as own:
        context.configure(connection=own, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
