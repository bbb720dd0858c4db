"""room themes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 06:23:04.591433
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("theme", sa.String(length=40), server_default="", nullable=False))
    # Headings for the default catalogue of databases created before themes existed.
    rooms = sa.table("rooms", sa.column("id", sa.String), sa.column("theme", sa.String))
    op.execute(rooms.update().where(rooms.c.id.like("region-%")).values(theme="Régions"))
    for slug, theme in (
        ("accueil", "Discussion"),
        ("ados-accueil", "Discussion"),
        ("ados-devoirs", "Entraide"),
        ("lgbt", "Communautés"),
        ("60-ans-et-plus", "Communautés"),
    ):
        op.execute(rooms.update().where(rooms.c.id == slug).values(theme=theme))
    op.execute(rooms.update().where(rooms.c.theme == "").values(theme="Loisirs"))


def downgrade() -> None:
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.drop_column("theme")
