"""entry lookup indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 06:45:12.437694
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_address_hash"))
        batch_op.drop_index(batch_op.f("ix_users_device_hash"))
        batch_op.create_index(
            "ix_users_address_hash_created_at", ["address_hash", "created_at"], unique=False
        )
        batch_op.create_index("ix_users_device_hash_created_at", ["device_hash", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_device_hash_created_at")
        batch_op.drop_index("ix_users_address_hash_created_at")
        batch_op.create_index(batch_op.f("ix_users_device_hash"), ["device_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_users_address_hash"), ["address_hash"], unique=False)
