"""SQL storage through SQLAlchemy 2 (async): SQLite by default (aiosqlite, WAL), PostgreSQL (asyncpg).

Modules: ``tables`` (the schema, portable: nothing SQLite-only), ``engine`` (engines and connection
settings), ``repositories`` (the repository implementations, with named transactions), ``migrate``
(Alembic upgrades run from code), ``migrations/`` (the Alembic environment and versions).
"""
