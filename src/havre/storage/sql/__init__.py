"""SQL storage through SQLAlchemy 2 (async): SQLite by default (aiosqlite, WAL), PostgreSQL (asyncpg).

Modules: ``tables`` (the schema, portable: nothing SQLite-only), ``engine`` (engines and connection
settings), ``repositories`` (the repository implementations, with named transactions), ``rows`` (rows
as domain values), ``batch_writer`` (SQLite's message writer thread), ``moderation`` (the moderation
tables and repository), ``migrate`` (Alembic upgrades run from code), ``migrations/`` (the Alembic
environment and versions).
"""
