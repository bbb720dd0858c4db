"""Storage behind repository protocols.

Modules: ``repositories`` (the Protocols services depend on), ``memory`` (in-memory implementations for
unit tests), ``sql/`` (SQLAlchemy tables, queries and Alembic migrations, for SQLite and PostgreSQL).
"""
