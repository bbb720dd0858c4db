"""minors apart

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 05:50:31.746091
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "contact_requests",
        sa.Column("minor_id", sa.String(length=40), nullable=False),
        sa.Column("sender_id", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["minor_id"], ["users.id"], name=op.f("fk_contact_requests_minor_id_users")),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["users.id"], name=op.f("fk_contact_requests_sender_id_users")
        ),
        sa.PrimaryKeyConstraint("minor_id", "sender_id", name=op.f("pk_contact_requests")),
    )
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("adult_content", sa.Boolean(), server_default=sa.text("(false)"), nullable=False)
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("private_messages", sa.Boolean(), server_default=sa.text("(true)"), nullable=False)
        )
        batch_op.add_column(sa.Column("age_assured_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_users_address_hash", ["address_hash"], unique=False)
        batch_op.create_index("ix_users_device_hash", ["device_hash"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_device_hash")
        batch_op.drop_index("ix_users_address_hash")
        batch_op.drop_column("age_assured_at")
        batch_op.drop_column("private_messages")

    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.drop_column("adult_content")

    op.drop_table("contact_requests")
