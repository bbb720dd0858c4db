"""moderation: notices, cases, moderators, sanctions, statements of reasons, appeals, audit

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 06:00:01.293581
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "mod_appeals",
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("statement_id", sa.String(length=26), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=40), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mod_appeals")),
        sa.UniqueConstraint("statement_id", name=op.f("uq_mod_appeals_statement_id")),
    )
    op.create_table(
        "mod_audit",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=100), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_mod_audit")),
    )
    op.create_table(
        "mod_cases",
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("target_kind", sa.String(length=8), nullable=False),
        sa.Column("target_id", sa.String(length=64), nullable=False),
        sa.Column("target_user", sa.String(length=40), nullable=True),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("decided_by", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mod_cases")),
    )
    with op.batch_alter_table("mod_cases", schema=None) as batch_op:
        batch_op.create_index("ix_mod_cases_status_tier_due_at", ["status", "tier", "due_at"], unique=False)
        batch_op.create_index(
            "ix_mod_cases_target_kind_target_id", ["target_kind", "target_id"], unique=False
        )

    op.create_table(
        "mod_flaggers",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mod_flaggers")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_mod_flaggers_key_hash")),
    )
    op.create_table(
        "mod_sanctions",
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.String(length=26), nullable=True),
        sa.Column("moderator_id", sa.String(length=40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("device_hash", sa.String(length=64), nullable=True),
        sa.Column("address_hash", sa.String(length=64), nullable=True),
        sa.Column("strike", sa.Boolean(), nullable=False),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mod_sanctions")),
    )
    with op.batch_alter_table("mod_sanctions", schema=None) as batch_op:
        batch_op.create_index("ix_mod_sanctions_address_hash", ["address_hash"], unique=False)
        batch_op.create_index("ix_mod_sanctions_device_hash", ["device_hash"], unique=False)
        batch_op.create_index("ix_mod_sanctions_user_id", ["user_id"], unique=False)

    op.create_table(
        "mod_statements",
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("sanction_id", sa.String(length=26), nullable=True),
        sa.Column("case_id", sa.String(length=26), nullable=True),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("restriction", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("from_notice", sa.Boolean(), nullable=False),
        sa.Column("automated_detection", sa.Boolean(), nullable=False),
        sa.Column("automated_decision", sa.Boolean(), nullable=False),
        sa.Column("ground_kind", sa.String(length=10), nullable=False),
        sa.Column("clause", sa.String(length=16), nullable=False),
        sa.Column("clause_title", sa.String(length=200), nullable=False),
        sa.Column("legal_reference", sa.Text(), nullable=True),
        sa.Column("terms_version", sa.String(length=20), nullable=False),
        sa.Column("redress", sa.Text(), nullable=False),
        sa.Column("appeal_code", sa.String(length=32), nullable=False),
        sa.Column("appeal_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mod_statements")),
        sa.UniqueConstraint("appeal_code", name=op.f("uq_mod_statements_appeal_code")),
    )
    with op.batch_alter_table("mod_statements", schema=None) as batch_op:
        batch_op.create_index("ix_mod_statements_user_id", ["user_id"], unique=False)

    op.create_table(
        "mod_terms",
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("effective_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_mod_terms")),
    )
    op.create_table(
        "moderators",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("totp_secret", sa.String(length=64), nullable=False),
        sa.Column("totp_last_step", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderators")),
        sa.UniqueConstraint("name", name=op.f("uq_moderators_name")),
    )
    op.create_table(
        "mod_reports",
        sa.Column("id", sa.String(length=26), nullable=False),
        sa.Column("case_id", sa.String(length=26), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("target_kind", sa.String(length=8), nullable=False),
        sa.Column("target_id", sa.String(length=64), nullable=False),
        sa.Column("target_user", sa.String(length=40), nullable=True),
        sa.Column("message_id", sa.String(length=26), nullable=True),
        sa.Column("reporter_user", sa.String(length=40), nullable=True),
        sa.Column("reporter_device", sa.String(length=64), nullable=True),
        sa.Column("reporter_name", sa.String(length=100), nullable=True),
        sa.Column("reporter_email", sa.String(length=254), nullable=True),
        sa.Column("flagger_id", sa.String(length=40), nullable=True),
        sa.Column("good_faith", sa.Boolean(), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("snapshot_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["mod_cases.id"], name=op.f("fk_mod_reports_case_id_mod_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mod_reports")),
    )
    with op.batch_alter_table("mod_reports", schema=None) as batch_op:
        batch_op.create_index("ix_mod_reports_case_id", ["case_id"], unique=False)

    op.create_table(
        "mod_sessions",
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("moderator_id", sa.String(length=40), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["moderator_id"], ["moderators.id"], name=op.f("fk_mod_sessions_moderator_id_moderators")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_mod_sessions")),
    )


def downgrade() -> None:

    op.drop_table("mod_sessions")
    with op.batch_alter_table("mod_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_mod_reports_case_id")

    op.drop_table("mod_reports")
    op.drop_table("moderators")
    op.drop_table("mod_terms")
    with op.batch_alter_table("mod_statements", schema=None) as batch_op:
        batch_op.drop_index("ix_mod_statements_user_id")

    op.drop_table("mod_statements")
    with op.batch_alter_table("mod_sanctions", schema=None) as batch_op:
        batch_op.drop_index("ix_mod_sanctions_user_id")
        batch_op.drop_index("ix_mod_sanctions_device_hash")
        batch_op.drop_index("ix_mod_sanctions_address_hash")

    op.drop_table("mod_sanctions")
    op.drop_table("mod_flaggers")
    with op.batch_alter_table("mod_cases", schema=None) as batch_op:
        batch_op.drop_index("ix_mod_cases_target_kind_target_id")
        batch_op.drop_index("ix_mod_cases_status_tier_due_at")

    op.drop_table("mod_cases")
    op.drop_table("mod_audit")
    op.drop_table("mod_appeals")
