"""Moderation tables (on the shared ``metadata``) and ``SqlModerationRepository``.

The tables are declared here, next to their queries; ``tables`` imports this module at its end so that
Alembic and the schema test see them. ``mod_audit`` is append-only: this module never updates or deletes
a link, and every link's hash covers the previous one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    and_,
    delete,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from havre.domain.ids import MessageId, UserId
from havre.domain.users import User
from havre.errors import ClientError, StorageUnavailable
from havre.storage.moderation import (
    GENESIS_HASH,
    Appeal,
    AuditEntry,
    Case,
    CaseStatus,
    Flagger,
    Identity,
    Moderator,
    ModSession,
    Report,
    Role,
    Sanction,
    SanctionKind,
    Statement,
    TermsVersion,
    audit_hash,
)
from havre.storage.repositories import StoredMessage
from havre.storage.sql.rows import message_from_row, user_from_row
from havre.storage.sql.tables import UTCDateTime, messages, metadata, users

if TYPE_CHECKING:
    # Only for types: ``tables`` imports this module, and ``repositories`` imports ``tables``.
    from havre.storage.sql.repositories import SqlDatabase

mod_cases = Table(
    "mod_cases",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("target_kind", String(8), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("target_user", String(40)),
    Column("tier", Integer, nullable=False),
    Column("status", String(8), nullable=False),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime),
    Column("reports", Integer, nullable=False),
    Column("categories", JSON, nullable=False),
    Column("decision", String(20)),
    Column("decided_by", String(40)),
    Index("ix_mod_cases_status_tier_due_at", "status", "tier", "due_at"),
    Index("ix_mod_cases_target_kind_target_id", "target_kind", "target_id"),
)

mod_reports = Table(
    "mod_reports",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("case_id", String(26), ForeignKey("mod_cases.id"), nullable=False),
    Column("source", String(8), nullable=False),
    Column("reason", String(32), nullable=False),
    Column("details", Text, nullable=False),
    Column("target_kind", String(8), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("target_user", String(40)),
    Column("message_id", String(26)),
    Column("reporter_user", String(40)),
    Column("reporter_device", String(64)),
    Column("reporter_name", String(100)),
    Column("reporter_email", String(254)),
    Column("flagger_id", String(40)),
    Column("good_faith", Boolean, nullable=False),
    Column("private", Boolean, nullable=False),
    Column("snapshot", Text, nullable=False),
    Column("snapshot_sha256", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_mod_reports_case_id", "case_id"),
)

moderators = Table(
    "moderators",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("totp_secret", String(64), nullable=False),
    Column("totp_last_step", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("disabled", Boolean, nullable=False),
)

mod_sessions = Table(
    "mod_sessions",
    metadata,
    Column("token_hash", LargeBinary(32), primary_key=True),
    Column("moderator_id", String(40), ForeignKey("moderators.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

mod_sanctions = Table(
    "mod_sanctions",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("user_id", String(40), nullable=False),
    Column("case_id", String(26)),
    Column("moderator_id", String(40)),
    Column("reason", Text, nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime),
    Column("device_hash", String(64)),
    Column("address_hash", String(64)),
    Column("strike", Boolean, nullable=False),
    Column("lifted_at", UTCDateTime),
    Column("detail", JSON, nullable=False),
    Index("ix_mod_sanctions_user_id", "user_id"),
    Index("ix_mod_sanctions_device_hash", "device_hash"),
    Index("ix_mod_sanctions_address_hash", "address_hash"),
)

mod_statements = Table(
    "mod_statements",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("user_id", String(40), nullable=False),
    Column("sanction_id", String(26)),
    Column("case_id", String(26)),
    Column("decision", String(20), nullable=False),
    Column("restriction", Text, nullable=False),
    Column("scope", Text, nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime),
    Column("facts", Text, nullable=False),
    Column("from_notice", Boolean, nullable=False),
    Column("automated_detection", Boolean, nullable=False),
    Column("automated_decision", Boolean, nullable=False),
    Column("ground_kind", String(10), nullable=False),
    Column("clause", String(16), nullable=False),
    Column("clause_title", String(200), nullable=False),
    Column("legal_reference", Text),
    Column("terms_version", String(20), nullable=False),
    Column("redress", Text, nullable=False),
    Column("appeal_code", String(32), nullable=False, unique=True),
    Column("appeal_until", UTCDateTime, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_mod_statements_user_id", "user_id"),
)

mod_appeals = Table(
    "mod_appeals",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("statement_id", String(26), nullable=False, unique=True),
    Column("user_id", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime),
    Column("decided_by", String(40)),
    Column("outcome", String(10)),
    Column("note", Text),
)

mod_audit = Table(
    "mod_audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", String(100), nullable=False),
    Column("detail", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

mod_terms = Table(
    "mod_terms",
    metadata,
    Column("version", String(20), primary_key=True),
    Column("effective_from", UTCDateTime, nullable=False),
    Column("text", Text, nullable=False),
)

mod_flaggers = Table(
    "mod_flaggers",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

_AUDIT_RETRIES = 5


def _stored(row: Any) -> StoredMessage:
    return StoredMessage(message_from_row(row), action=row.action, original_text=row.original_text)


def _case(row: Any) -> Case:
    return Case(
        id=row.id,
        target_kind=row.target_kind,
        target_id=row.target_id,
        target_user=UserId(row.target_user) if row.target_user else None,
        tier=row.tier,
        status=CaseStatus(row.status),
        opened_at=row.opened_at,
        due_at=row.due_at,
        updated_at=row.updated_at,
        reports=row.reports,
        categories=tuple(row.categories),
        closed_at=row.closed_at,
        decision=row.decision,
        decided_by=row.decided_by,
    )


def _report(row: Any) -> Report:
    return Report(
        id=row.id,
        case_id=row.case_id,
        source=row.source,
        reason=row.reason,
        details=row.details,
        target_kind=row.target_kind,
        target_id=row.target_id,
        target_user=UserId(row.target_user) if row.target_user else None,
        message_id=MessageId(row.message_id) if row.message_id else None,
        reporter_user=UserId(row.reporter_user) if row.reporter_user else None,
        reporter_device=row.reporter_device,
        reporter_name=row.reporter_name,
        reporter_email=row.reporter_email,
        flagger_id=row.flagger_id,
        good_faith=row.good_faith,
        private=row.private,
        snapshot=row.snapshot,
        snapshot_sha256=row.snapshot_sha256,
        created_at=row.created_at,
    )


def _moderator(row: Any) -> Moderator:
    return Moderator(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        password_hash=row.password_hash,
        totp_secret=row.totp_secret,
        created_at=row.created_at,
        totp_last_step=row.totp_last_step,
        disabled=row.disabled,
    )


def _sanction(row: Any) -> Sanction:
    return Sanction(
        id=row.id,
        kind=SanctionKind(row.kind),
        user_id=UserId(row.user_id),
        case_id=row.case_id,
        moderator_id=row.moderator_id,
        reason=row.reason,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        device_hash=row.device_hash,
        address_hash=row.address_hash,
        strike=row.strike,
        lifted_at=row.lifted_at,
        detail=dict(row.detail),
    )


def _statement(row: Any) -> Statement:
    return Statement(
        **{name: getattr(row, name) for name in Statement.__dataclass_fields__ if name != "user_id"},
        user_id=UserId(row.user_id),
    )


def _appeal(row: Any) -> Appeal:
    return Appeal(
        id=row.id,
        statement_id=row.statement_id,
        user_id=UserId(row.user_id),
        text=row.text,
        created_at=row.created_at,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        outcome=row.outcome,
        note=row.note,
    )


def _audit(row: Any) -> AuditEntry:
    return AuditEntry(
        row.seq, row.at, row.actor, row.action, row.target, dict(row.detail), row.prev_hash, row.hash
    )


def _identity(row: Any) -> Identity:
    return Identity(user_from_row(row), row.device_hash, row.address_hash, row.ended_at is not None)


class SqlModerationRepository:
    """See ``havre.storage.moderation.ModerationRepository``: the same contract over SQL."""

    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def space_messages(
        self, *, room: str | None, conversation: str | None, pivot: str, before: int, after: int
    ) -> list[StoredMessage]:
        """See ``ModerationRepository.space_messages``."""
        m = messages.c
        space = m.room_id == room if room is not None else m.conversation_id == conversation
        async with self._db.transaction("space_messages") as c:
            older = (
                await c.execute(
                    select(messages).where(space, m.id < pivot).order_by(m.id.desc()).limit(before)
                )
            ).all()
            rest = (
                await c.execute(select(messages).where(space, m.id >= pivot).order_by(m.id).limit(after + 1))
            ).all()
        newer = [r for r in rest if r.id != pivot][:after]
        same = [r for r in rest if r.id == pivot]
        return [_stored(r) for r in [*reversed(older), *same, *newer]]

    async def user_messages(self, user_id: UserId, *, since: datetime, limit: int) -> list[StoredMessage]:
        """See ``ModerationRepository.user_messages``."""
        m = messages.c
        async with self._db.transaction("user_messages") as c:
            rows = (
                await c.execute(
                    select(messages)
                    .where(m.sender_id == user_id, m.created_at >= since)
                    .order_by(m.id.desc())
                    .limit(limit)
                )
            ).all()
        return [_stored(r) for r in reversed(rows)]

    async def set_message_action(self, message_ids: Sequence[MessageId], action: str) -> int:
        """See ``ModerationRepository.set_message_action``."""
        if not message_ids:
            return 0
        async with self._db.transaction("set_message_action") as c:
            result = await c.execute(
                update(messages).where(messages.c.id.in_(list(message_ids))).values(action=action)
            )
        return int(result.rowcount or 0)

    async def identity(self, user_id: UserId) -> Identity | None:
        """See ``ModerationRepository.identity``."""
        async with self._db.transaction("identity") as c:
            row = (await c.execute(select(users).where(users.c.id == user_id))).first()
        return _identity(row) if row else None

    async def identity_by_token(self, token_hash: bytes) -> Identity | None:
        """See ``ModerationRepository.identity_by_token``."""
        async with self._db.transaction("identity_by_token") as c:
            row = (await c.execute(select(users).where(users.c.token_hash == token_hash))).first()
        return _identity(row) if row else None

    async def users_of_device(self, device_hash: str, limit: int) -> list[User]:
        """See ``ModerationRepository.users_of_device``."""
        async with self._db.transaction("users_of_device") as c:
            rows = (
                await c.execute(
                    select(users)
                    .where(users.c.device_hash == device_hash)
                    .order_by(users.c.created_at.desc())
                    .limit(limit)
                )
            ).all()
        return [user_from_row(r) for r in rows]

    async def open_case_for(self, target_kind: str, target_id: str) -> Case | None:
        """See ``ModerationRepository.open_case_for``."""
        k = mod_cases.c
        async with self._db.transaction("open_case_for") as c:
            row = (
                await c.execute(
                    select(mod_cases).where(
                        k.target_kind == target_kind, k.target_id == target_id, k.status == "open"
                    )
                )
            ).first()
        return _case(row) if row else None

    async def save_case(self, case: Case) -> None:
        """See ``ModerationRepository.save_case``."""
        values = {
            "target_kind": case.target_kind,
            "target_id": case.target_id,
            "target_user": case.target_user,
            "tier": case.tier,
            "status": case.status.value,
            "opened_at": case.opened_at,
            "due_at": case.due_at,
            "updated_at": case.updated_at,
            "closed_at": case.closed_at,
            "reports": case.reports,
            "categories": list(case.categories),
            "decision": case.decision,
            "decided_by": case.decided_by,
        }
        async with self._db.transaction("save_case") as c:
            result = await c.execute(update(mod_cases).where(mod_cases.c.id == case.id).values(**values))
            if not result.rowcount:
                await c.execute(insert(mod_cases).values(id=case.id, **values))

    async def get_case(self, case_id: str) -> Case | None:
        """See ``ModerationRepository.get_case``."""
        async with self._db.transaction("get_case") as c:
            row = (await c.execute(select(mod_cases).where(mod_cases.c.id == case_id))).first()
        return _case(row) if row else None

    async def list_cases(self, status: CaseStatus, limit: int) -> list[Case]:
        """See ``ModerationRepository.list_cases``."""
        k = mod_cases.c
        query = select(mod_cases).where(k.status == status.value)
        if status is CaseStatus.OPEN:
            query = query.order_by(k.tier, k.due_at, k.opened_at, k.id)
        else:
            query = query.order_by(k.closed_at.desc(), k.id.desc())
        async with self._db.transaction("list_cases") as c:
            rows = (await c.execute(query.limit(limit))).all()
        return [_case(r) for r in rows]

    async def add_report(self, report: Report) -> None:
        """See ``ModerationRepository.add_report``."""
        values = {name: getattr(report, name) for name in Report.__dataclass_fields__}
        async with self._db.transaction("add_report") as c:
            await c.execute(insert(mod_reports).values(**values))

    async def find_report(self, case_id: str, reporter_key: str, message_id: str | None) -> Report | None:
        """See ``ModerationRepository.find_report``."""
        r = mod_reports.c
        same_message = r.message_id.is_(None) if message_id is None else r.message_id == message_id
        by = or_(
            r.reporter_user == reporter_key, r.reporter_device == reporter_key, r.flagger_id == reporter_key
        )
        async with self._db.transaction("find_report") as c:
            row = (
                await c.execute(select(mod_reports).where(r.case_id == case_id, same_message, by).limit(1))
            ).first()
        return _report(row) if row else None

    async def reports_of_case(self, case_id: str) -> list[Report]:
        """See ``ModerationRepository.reports_of_case``."""
        async with self._db.transaction("reports_of_case") as c:
            rows = (
                await c.execute(
                    select(mod_reports).where(mod_reports.c.case_id == case_id).order_by(mod_reports.c.id)
                )
            ).all()
        return [_report(r) for r in rows]

    async def get_report(self, report_id: str) -> Report | None:
        """See ``ModerationRepository.get_report``."""
        async with self._db.transaction("get_report") as c:
            row = (await c.execute(select(mod_reports).where(mod_reports.c.id == report_id))).first()
        return _report(row) if row else None

    async def add_moderator(self, moderator: Moderator) -> None:
        """See ``ModerationRepository.add_moderator``."""
        try:
            async with self._db.transaction("add_moderator") as c:
                await c.execute(
                    insert(moderators).values(
                        id=moderator.id,
                        name=moderator.name,
                        role=moderator.role.value,
                        password_hash=moderator.password_hash,
                        totp_secret=moderator.totp_secret,
                        totp_last_step=moderator.totp_last_step,
                        created_at=moderator.created_at,
                        disabled=moderator.disabled,
                    )
                )
        except IntegrityError as exc:
            raise ClientError(code="moderator_exists") from exc

    async def moderator_by_name(self, name: str) -> Moderator | None:
        """See ``ModerationRepository.moderator_by_name``."""
        async with self._db.transaction("moderator_by_name") as c:
            row = (await c.execute(select(moderators).where(moderators.c.name == name))).first()
        return _moderator(row) if row else None

    async def get_moderator(self, moderator_id: str) -> Moderator | None:
        """See ``ModerationRepository.get_moderator``."""
        async with self._db.transaction("get_moderator") as c:
            row = (await c.execute(select(moderators).where(moderators.c.id == moderator_id))).first()
        return _moderator(row) if row else None

    async def use_totp_step(self, moderator_id: str, step: int) -> bool:
        """See ``ModerationRepository.use_totp_step``."""
        k = moderators.c
        async with self._db.transaction("use_totp_step") as c:
            result = await c.execute(
                update(moderators)
                .where(k.id == moderator_id, k.totp_last_step < step)
                .values(totp_last_step=step)
            )
        return bool(result.rowcount)

    async def add_session(self, session: ModSession) -> None:
        """See ``ModerationRepository.add_session``."""
        async with self._db.transaction("add_mod_session") as c:
            await c.execute(
                insert(mod_sessions).values(
                    token_hash=session.token_hash,
                    moderator_id=session.moderator_id,
                    csrf=session.csrf,
                    created_at=session.created_at,
                    expires_at=session.expires_at,
                )
            )

    async def get_session(self, token_hash: bytes) -> ModSession | None:
        """See ``ModerationRepository.get_session``."""
        async with self._db.transaction("get_mod_session") as c:
            row = (
                await c.execute(select(mod_sessions).where(mod_sessions.c.token_hash == token_hash))
            ).first()
        if row is None:
            return None
        return ModSession(row.token_hash, row.moderator_id, row.csrf, row.created_at, row.expires_at)

    async def end_session(self, token_hash: bytes) -> None:
        """See ``ModerationRepository.end_session``."""
        async with self._db.transaction("end_mod_session") as c:
            await c.execute(delete(mod_sessions).where(mod_sessions.c.token_hash == token_hash))

    async def add_sanction(self, sanction: Sanction) -> None:
        """See ``ModerationRepository.add_sanction``."""
        values = {name: getattr(sanction, name) for name in Sanction.__dataclass_fields__}
        values["kind"] = sanction.kind.value
        async with self._db.transaction("add_sanction") as c:
            await c.execute(insert(mod_sanctions).values(**values))

    async def get_sanction(self, sanction_id: str) -> Sanction | None:
        """See ``ModerationRepository.get_sanction``."""
        async with self._db.transaction("get_sanction") as c:
            row = (await c.execute(select(mod_sanctions).where(mod_sanctions.c.id == sanction_id))).first()
        return _sanction(row) if row else None

    async def lift_sanction(self, sanction_id: str, at: datetime) -> None:
        """See ``ModerationRepository.lift_sanction``."""
        s = mod_sanctions.c
        async with self._db.transaction("lift_sanction") as c:
            await c.execute(
                update(mod_sanctions).where(s.id == sanction_id, s.lifted_at.is_(None)).values(lifted_at=at)
            )

    def _active(self, now: datetime) -> Any:
        s = mod_sanctions.c
        return and_(s.lifted_at.is_(None), s.starts_at <= now, or_(s.ends_at.is_(None), s.ends_at > now))

    async def active_sanctions(self, kinds: Sequence[SanctionKind], now: datetime) -> list[Sanction]:
        """See ``ModerationRepository.active_sanctions``."""
        s = mod_sanctions.c
        async with self._db.transaction("active_sanctions") as c:
            rows = (
                await c.execute(
                    select(mod_sanctions)
                    .where(s.kind.in_([k.value for k in kinds]), self._active(now))
                    .order_by(s.id)
                )
            ).all()
        return [_sanction(r) for r in rows]

    async def entry_ban(
        self, *, device_hash: str | None, address_hash: str | None, now: datetime
    ) -> Sanction | None:
        """See ``ModerationRepository.entry_ban``."""
        s = mod_sanctions.c
        matches: list[Any] = []
        if device_hash is not None:
            matches.append(s.device_hash == device_hash)
        if address_hash is not None:
            matches.append(s.address_hash == address_hash)
        if not matches:
            return None
        async with self._db.transaction("entry_ban") as c:
            rows = (
                await c.execute(
                    select(mod_sanctions)
                    .where(s.kind == SanctionKind.BAN.value, self._active(now), or_(*matches))
                    .limit(100)
                )
            ).all()
        if not rows:
            return None
        found = [_sanction(r) for r in rows]
        return max(found, key=lambda x: (x.ends_at is None, x.ends_at or now))

    async def sanctions_of(
        self, *, user_ids: Sequence[UserId], device_hash: str | None, since: datetime
    ) -> list[Sanction]:
        """See ``ModerationRepository.sanctions_of``."""
        s = mod_sanctions.c
        who: list[Any] = [s.user_id.in_(list(user_ids))] if user_ids else []
        if device_hash is not None:
            who.append(s.device_hash == device_hash)
        if not who:
            return []
        async with self._db.transaction("sanctions_of") as c:
            rows = (
                await c.execute(
                    select(mod_sanctions).where(or_(*who), s.starts_at >= since).order_by(s.id).limit(1000)
                )
            ).all()
        return [_sanction(r) for r in rows]

    async def add_statement(self, statement: Statement) -> None:
        """See ``ModerationRepository.add_statement``."""
        values = {name: getattr(statement, name) for name in Statement.__dataclass_fields__}
        async with self._db.transaction("add_statement") as c:
            await c.execute(insert(mod_statements).values(**values))

    async def get_statement(self, statement_id: str) -> Statement | None:
        """See ``ModerationRepository.get_statement``."""
        async with self._db.transaction("get_statement") as c:
            row = (await c.execute(select(mod_statements).where(mod_statements.c.id == statement_id))).first()
        return _statement(row) if row else None

    async def statement_by_code(self, appeal_code: str) -> Statement | None:
        """See ``ModerationRepository.statement_by_code``."""
        async with self._db.transaction("statement_by_code") as c:
            row = (
                await c.execute(select(mod_statements).where(mod_statements.c.appeal_code == appeal_code))
            ).first()
        return _statement(row) if row else None

    async def statements_of(self, user_ids: Sequence[UserId]) -> list[Statement]:
        """See ``ModerationRepository.statements_of``."""
        if not user_ids:
            return []
        s = mod_statements.c
        async with self._db.transaction("statements_of") as c:
            rows = (
                await c.execute(
                    select(mod_statements)
                    .where(s.user_id.in_(list(user_ids)))
                    .order_by(s.id.desc())
                    .limit(500)
                )
            ).all()
        return [_statement(r) for r in rows]

    async def add_appeal(self, appeal: Appeal) -> None:
        """See ``ModerationRepository.add_appeal``."""
        values = {name: getattr(appeal, name) for name in Appeal.__dataclass_fields__}
        try:
            async with self._db.transaction("add_appeal") as c:
                await c.execute(insert(mod_appeals).values(**values))
        except IntegrityError as exc:
            raise ClientError(code="already_appealed") from exc

    async def get_appeal(self, appeal_id: str) -> Appeal | None:
        """See ``ModerationRepository.get_appeal``."""
        async with self._db.transaction("get_appeal") as c:
            row = (await c.execute(select(mod_appeals).where(mod_appeals.c.id == appeal_id))).first()
        return _appeal(row) if row else None

    async def appeal_of(self, statement_id: str) -> Appeal | None:
        """See ``ModerationRepository.appeal_of``."""
        async with self._db.transaction("appeal_of") as c:
            row = (
                await c.execute(select(mod_appeals).where(mod_appeals.c.statement_id == statement_id))
            ).first()
        return _appeal(row) if row else None

    async def list_appeals(self, *, decided: bool, limit: int) -> list[Appeal]:
        """See ``ModerationRepository.list_appeals``."""
        a = mod_appeals.c
        state = a.decided_at.is_not(None) if decided else a.decided_at.is_(None)
        async with self._db.transaction("list_appeals") as c:
            rows = (await c.execute(select(mod_appeals).where(state).order_by(a.id).limit(limit))).all()
        return [_appeal(r) for r in rows]

    async def decide_appeal(self, appeal: Appeal) -> bool:
        """See ``ModerationRepository.decide_appeal``."""
        a = mod_appeals.c
        async with self._db.transaction("decide_appeal") as c:
            result = await c.execute(
                update(mod_appeals)
                .where(a.id == appeal.id, a.decided_at.is_(None))
                .values(
                    decided_at=appeal.decided_at,
                    decided_by=appeal.decided_by,
                    outcome=appeal.outcome,
                    note=appeal.note,
                )
            )
        return bool(result.rowcount)

    async def append_audit(
        self, *, at: datetime, actor: str, action: str, target: str, detail: dict[str, Any]
    ) -> AuditEntry:
        """See ``ModerationRepository.append_audit``: retried when another writer took the same ``seq``."""
        a = mod_audit.c
        for _ in range(_AUDIT_RETRIES):
            try:
                async with self._db.transaction("append_audit") as c:
                    last = (await c.execute(select(a.seq, a.hash).order_by(a.seq.desc()).limit(1))).first()
                    seq = (last.seq + 1) if last else 1
                    prev = last.hash if last else GENESIS_HASH
                    entry = AuditEntry(
                        seq,
                        at,
                        actor,
                        action,
                        target,
                        detail,
                        prev,
                        audit_hash(prev, seq, at, actor, action, target, detail),
                    )
                    await c.execute(
                        insert(mod_audit).values(
                            seq=seq,
                            at=at,
                            actor=actor,
                            action=action,
                            target=target,
                            detail=detail,
                            prev_hash=prev,
                            hash=entry.hash,
                        )
                    )
                return entry
            except IntegrityError:
                continue
        raise StorageUnavailable("append_audit: too many concurrent writers")

    async def audit_entries(self, *, after: int, limit: int) -> list[AuditEntry]:
        """See ``ModerationRepository.audit_entries``."""
        a = mod_audit.c
        async with self._db.transaction("audit_entries") as c:
            rows = (
                await c.execute(select(mod_audit).where(a.seq > after).order_by(a.seq).limit(limit))
            ).all()
        return [_audit(r) for r in rows]

    async def ensure_terms(self, terms: TermsVersion) -> None:
        """See ``ModerationRepository.ensure_terms``."""
        async with self._db.transaction("ensure_terms") as c:
            await c.execute(
                self._db.insert_ignore(mod_terms).values(
                    version=terms.version, effective_from=terms.effective_from, text=terms.text
                )
            )

    async def terms_versions(self) -> list[TermsVersion]:
        """See ``ModerationRepository.terms_versions``."""
        async with self._db.transaction("terms_versions") as c:
            rows = (await c.execute(select(mod_terms).order_by(mod_terms.c.effective_from))).all()
        return [TermsVersion(r.version, r.effective_from, r.text) for r in rows]

    async def add_flagger(self, flagger: Flagger) -> None:
        """See ``ModerationRepository.add_flagger``."""
        async with self._db.transaction("add_flagger") as c:
            await c.execute(
                insert(mod_flaggers).values(
                    id=flagger.id, name=flagger.name, key_hash=flagger.key_hash, created_at=flagger.created_at
                )
            )

    async def flagger_by_key(self, key_hash: str) -> Flagger | None:
        """See ``ModerationRepository.flagger_by_key``."""
        async with self._db.transaction("flagger_by_key") as c:
            row = (await c.execute(select(mod_flaggers).where(mod_flaggers.c.key_hash == key_hash))).first()
        return Flagger(row.id, row.name, row.key_hash, row.created_at) if row else None


__all__ = ["SqlModerationRepository"]
