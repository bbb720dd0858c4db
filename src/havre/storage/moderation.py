"""Moderation storage: notices, cases, moderators, sanctions, statements of reasons, appeals, audit.

``ModerationRepository`` is the Protocol the moderation service depends on; ``MemoryModerationRepository``
is its in-memory implementation (the SQL one is ``havre.storage.sql.moderation``). Records are frozen
values; the audit log is append-only and hash-chained (:func:`audit_hash`), and snapshots of reported
context are stored once and never updated.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from havre.domain.ids import MessageId, UserId
from havre.domain.users import User
from havre.errors import ClientError
from havre.storage.memory import MemoryMessageRepository, MemoryUserRepository
from havre.storage.repositories import Repositories, StoredMessage

GENESIS_HASH = "0" * 64


class CaseStatus(enum.Enum):
    """Whether a case waits for a moderator."""

    OPEN = "open"
    CLOSED = "closed"


class Role(enum.Enum):
    """Moderator roles, from the narrowest to the widest."""

    MODERATOR = "moderator"
    SENIOR_MODERATOR = "senior_moderator"
    LEGAL_OFFICER = "legal_officer"
    ADMIN = "admin"


class SanctionKind(enum.Enum):
    """What a sanction restricts."""

    WARNING = "warning"
    MESSAGE_REMOVAL = "message_removal"
    MUTE = "mute"
    KICK = "kick"
    BAN = "ban"
    SHADOW_BAN = "shadow_ban"
    HOLD_REFUSAL = "hold_refusal"
    UNFOUNDED_NOTICE = "unfounded_notice"  # a strike against someone who filed a manifestly unfounded notice
    NOTICE_SUSPENSION = "notice_suspension"  # their notices are not processed for a while (DSA art. 23(2))


@dataclass(frozen=True, slots=True)
class Report:
    """A notice (from a person or a trusted flagger) or a safety signal, with its immutable snapshot."""

    id: str
    case_id: str
    source: str  # notice | flagger | signal
    reason: str
    details: str
    target_kind: str  # message | user | room
    target_id: str
    target_user: UserId | None
    message_id: MessageId | None
    reporter_user: UserId | None
    reporter_device: str | None
    reporter_name: str | None
    reporter_email: str | None
    flagger_id: str | None
    good_faith: bool
    private: bool  # the snapshot holds a private conversation
    snapshot: str  # canonical JSON
    snapshot_sha256: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Case:
    """Everything reported about one target, waiting for (or closed by) one decision."""

    id: str
    target_kind: str
    target_id: str
    target_user: UserId | None
    tier: int  # 0: life, safety, children; 1: trusted flaggers; 2: the rest
    status: CaseStatus
    opened_at: datetime
    due_at: datetime
    updated_at: datetime
    reports: int = 0
    categories: tuple[str, ...] = ()
    closed_at: datetime | None = None
    decision: str | None = None
    decided_by: str | None = None


@dataclass(frozen=True, slots=True)
class Moderator:
    """A moderator account: argon2id password hash and TOTP secret."""

    id: str
    name: str
    role: Role
    password_hash: str
    totp_secret: str
    created_at: datetime
    totp_last_step: int = 0
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class ModSession:
    """A moderator's console session (the cookie holds the token; only its hash is stored)."""

    token_hash: bytes
    moderator_id: str
    csrf: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Sanction:
    """A restriction on a user (and on their device and address hash for bans); ``ends_at`` None: no end."""

    id: str
    kind: SanctionKind
    user_id: UserId
    case_id: str | None
    moderator_id: str | None  # None: applied automatically (strikes)
    reason: str
    starts_at: datetime
    ends_at: datetime | None
    device_hash: str | None = None
    address_hash: str | None = None
    strike: bool = True
    lifted_at: datetime | None = None
    detail: dict[str, str] = field(default_factory=dict)

    def active(self, now: datetime) -> bool:
        """Whether the sanction applies at ``now``."""
        return (
            self.lifted_at is None and self.starts_at <= now and (self.ends_at is None or now < self.ends_at)
        )


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement of reasons (DSA art. 17(3)), as issued: never edited."""

    id: str
    user_id: UserId
    sanction_id: str | None
    case_id: str | None
    decision: str  # a SanctionKind value
    restriction: str  # what is restricted, in French
    scope: str
    starts_at: datetime
    ends_at: datetime | None
    facts: str
    from_notice: bool
    automated_detection: bool
    automated_decision: bool
    ground_kind: str  # contract | law
    clause: str
    clause_title: str
    legal_reference: str | None
    terms_version: str
    redress: str
    appeal_code: str
    appeal_until: datetime
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Appeal:
    """An internal complaint (DSA art. 20) against one statement, and its outcome."""

    id: str
    statement_id: str
    user_id: UserId
    text: str
    created_at: datetime
    decided_at: datetime | None = None
    decided_by: str | None = None
    outcome: str | None = None  # upheld | reversed
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One link of the audit chain."""

    seq: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Flagger:
    """A trusted flagger (DSA art. 22): an organisation whose notices go before the rest."""

    id: str
    name: str
    key_hash: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TermsVersion:
    """A version of the terms of use (in French) and the date it took effect."""

    version: str
    effective_from: datetime
    text: str


@dataclass(frozen=True, slots=True)
class Identity:
    """A user with the keyed hashes of their device and address (for bans and history)."""

    user: User
    device_hash: str | None
    address_hash: str | None
    ended: bool


def audit_hash(
    prev_hash: str, seq: int, at: datetime, actor: str, action: str, target: str, detail: Any
) -> str:
    """The SHA-256 (hex) of one audit link: its fields in canonical JSON, chained to ``prev_hash``."""
    body = json.dumps(
        [prev_hash, seq, at.astimezone(UTC).isoformat(), actor, action, target, detail],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


class ModerationRepository(Protocol):
    """Storage for the moderation service. Methods may raise ``StorageUnavailable``."""

    # Chat data, read for snapshots and history ------------------------------------------------

    async def space_messages(
        self, *, room: str | None, conversation: str | None, pivot: str, before: int, after: int
    ) -> list[StoredMessage]:
        """Up to ``before`` messages older than id ``pivot``, the pivot if stored, and ``after`` newer,
        of one room or conversation, oldest first, whatever their action."""
        ...

    async def user_messages(self, user_id: UserId, *, since: datetime, limit: int) -> list[StoredMessage]:
        """The newest messages of a user since ``since`` (up to ``limit``), oldest first."""
        ...

    async def set_message_action(self, message_ids: Sequence[MessageId], action: str) -> int:
        """Set the stored action of messages (``removed``, ``allow``, ``block``); returns how many."""
        ...

    async def identity(self, user_id: UserId) -> Identity | None:
        """A user with their device and address hashes, live or ended."""
        ...

    async def identity_by_token(self, token_hash: bytes) -> Identity | None:
        """The user holding a session token, even when the session has ended."""
        ...

    async def users_of_device(self, device_hash: str, limit: int) -> list[User]:
        """Every pseudo used from one device, newest first."""
        ...

    # Reports and cases --------------------------------------------------------------------------

    async def open_case_for(self, target_kind: str, target_id: str) -> Case | None:
        """The open case about a target, if any."""
        ...

    async def save_case(self, case: Case) -> None:
        """Insert or replace a case."""
        ...

    async def get_case(self, case_id: str) -> Case | None:
        """A case by id."""
        ...

    async def list_cases(self, status: CaseStatus, limit: int) -> list[Case]:
        """Cases of a status, in queue order: tier, then due time, then age."""
        ...

    async def add_report(self, report: Report) -> None:
        """Store a report (never updated afterwards)."""
        ...

    async def find_report(self, case_id: str, reporter_key: str, message_id: str | None) -> Report | None:
        """An earlier report in the case by the same reporter (user, device, flagger) on one message."""
        ...

    async def reports_of_case(self, case_id: str) -> list[Report]:
        """The reports of a case, oldest first."""
        ...

    async def get_report(self, report_id: str) -> Report | None:
        """A report by id."""
        ...

    # Moderators --------------------------------------------------------------------------------

    async def add_moderator(self, moderator: Moderator) -> None:
        """Store a moderator. Raises ``ClientError(code="moderator_exists")`` when the name is taken."""
        ...

    async def moderator_by_name(self, name: str) -> Moderator | None:
        """A moderator by name."""
        ...

    async def get_moderator(self, moderator_id: str) -> Moderator | None:
        """A moderator by id."""
        ...

    async def use_totp_step(self, moderator_id: str, step: int) -> bool:
        """Record a used TOTP time step; False when it is not newer than the last one (a replay)."""
        ...

    async def add_session(self, session: ModSession) -> None:
        """Store a console session."""
        ...

    async def get_session(self, token_hash: bytes) -> ModSession | None:
        """A console session by token hash (expired ones included: the caller checks)."""
        ...

    async def end_session(self, token_hash: bytes) -> None:
        """Forget a console session."""
        ...

    # Sanctions, statements, appeals -------------------------------------------------------------

    async def add_sanction(self, sanction: Sanction) -> None:
        """Store a sanction."""
        ...

    async def get_sanction(self, sanction_id: str) -> Sanction | None:
        """A sanction by id."""
        ...

    async def lift_sanction(self, sanction_id: str, at: datetime) -> None:
        """Lift a sanction at ``at`` (a reversed appeal)."""
        ...

    async def active_sanctions(self, kinds: Sequence[SanctionKind], now: datetime) -> list[Sanction]:
        """Sanctions of these kinds in force at ``now``."""
        ...

    async def entry_ban(
        self, *, device_hash: str | None, address_hash: str | None, now: datetime
    ) -> Sanction | None:
        """A ban in force on this device or address hash at ``now`` (the one ending last)."""
        ...

    async def sanctions_of(
        self, *, user_ids: Sequence[UserId], device_hash: str | None, since: datetime
    ) -> list[Sanction]:
        """Sanctions since ``since`` on any of these users or on this device, oldest first."""
        ...

    async def add_statement(self, statement: Statement) -> None:
        """Store a statement of reasons."""
        ...

    async def get_statement(self, statement_id: str) -> Statement | None:
        """A statement by id."""
        ...

    async def statement_by_code(self, appeal_code: str) -> Statement | None:
        """A statement by its appeal code."""
        ...

    async def statements_of(self, user_ids: Sequence[UserId]) -> list[Statement]:
        """Statements concerning these users, newest first."""
        ...

    async def add_appeal(self, appeal: Appeal) -> None:
        """Store an appeal. Raises ``ClientError(code="already_appealed")`` for a second one."""
        ...

    async def get_appeal(self, appeal_id: str) -> Appeal | None:
        """An appeal by id."""
        ...

    async def appeal_of(self, statement_id: str) -> Appeal | None:
        """The appeal against a statement, if any."""
        ...

    async def list_appeals(self, *, decided: bool, limit: int) -> list[Appeal]:
        """Appeals waiting (or decided), oldest first."""
        ...

    async def decide_appeal(self, appeal: Appeal) -> bool:
        """Record an appeal's outcome; False when it was decided already."""
        ...

    # Audit, terms, flaggers ---------------------------------------------------------------------

    async def append_audit(
        self, *, at: datetime, actor: str, action: str, target: str, detail: dict[str, Any]
    ) -> AuditEntry:
        """Append one link to the audit chain (in one transaction with reading the last link)."""
        ...

    async def audit_entries(self, *, after: int, limit: int) -> list[AuditEntry]:
        """Links with ``seq > after``, in order."""
        ...

    async def ensure_terms(self, terms: TermsVersion) -> None:
        """Store a version of the terms if it is not stored yet."""
        ...

    async def terms_versions(self) -> list[TermsVersion]:
        """Every stored version, oldest first."""
        ...

    async def add_flagger(self, flagger: Flagger) -> None:
        """Store a trusted flagger."""
        ...

    async def flagger_by_key(self, key_hash: str) -> Flagger | None:
        """A trusted flagger by the hash of its API key."""
        ...


_QUEUE_CAP = 10_000


@dataclass
class MemoryModerationRepository:
    """Moderation records in dicts, reading chat data from in-memory repositories."""

    repos: Repositories
    cases: dict[str, Case] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    moderators: dict[str, Moderator] = field(default_factory=dict)
    sessions: dict[bytes, ModSession] = field(default_factory=dict)
    sanctions: dict[str, Sanction] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    appeals: dict[str, Appeal] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    terms: dict[str, TermsVersion] = field(default_factory=dict)
    flaggers: dict[str, Flagger] = field(default_factory=dict)

    def _messages(self) -> dict[MessageId, StoredMessage]:
        messages = self.repos.messages
        assert isinstance(messages, MemoryMessageRepository)
        return messages._messages

    def _user_rows(self) -> dict[UserId, Any]:
        users = self.repos.users
        assert isinstance(users, MemoryUserRepository)
        return users._rows

    async def space_messages(
        self, *, room: str | None, conversation: str | None, pivot: str, before: int, after: int
    ) -> list[StoredMessage]:
        """See ``ModerationRepository.space_messages``."""
        found = sorted(
            (
                s
                for s in self._messages().values()
                if (room is not None and s.message.room == room)
                or (conversation is not None and s.message.conversation == conversation)
            ),
            key=lambda s: s.message.id,
        )
        older = [s for s in found if s.message.id < pivot][-before:] if before else []
        same = [s for s in found if s.message.id == pivot]
        newer = [s for s in found if s.message.id > pivot][:after]
        return older + same + newer

    async def user_messages(self, user_id: UserId, *, since: datetime, limit: int) -> list[StoredMessage]:
        """See ``ModerationRepository.user_messages``."""
        found = sorted(
            (
                s
                for s in self._messages().values()
                if s.message.sender == user_id and s.message.created_at >= since
            ),
            key=lambda s: s.message.id,
        )
        return found[-limit:] if limit else []

    async def set_message_action(self, message_ids: Sequence[MessageId], action: str) -> int:
        """See ``ModerationRepository.set_message_action``."""
        messages = self._messages()
        count = 0
        for message_id in message_ids:
            stored = messages.get(message_id)
            if stored is not None:
                messages[message_id] = replace(stored, action=action)
                count += 1
        return count

    def _identity(self, row: Any) -> Identity:
        return Identity(row.new.user, row.new.device_hash, row.new.address_hash, row.ended is not None)

    async def identity(self, user_id: UserId) -> Identity | None:
        """See ``ModerationRepository.identity``."""
        row = self._user_rows().get(user_id)
        return self._identity(row) if row is not None else None

    async def identity_by_token(self, token_hash: bytes) -> Identity | None:
        """See ``ModerationRepository.identity_by_token``."""
        for row in self._user_rows().values():
            if row.new.token_hash == token_hash:
                return self._identity(row)
        return None

    async def users_of_device(self, device_hash: str, limit: int) -> list[User]:
        """See ``ModerationRepository.users_of_device``."""
        users = [r.new.user for r in self._user_rows().values() if r.new.device_hash == device_hash]
        return sorted(users, key=lambda u: u.created_at, reverse=True)[:limit]

    async def open_case_for(self, target_kind: str, target_id: str) -> Case | None:
        """See ``ModerationRepository.open_case_for``."""
        for case in self.cases.values():
            if case.status is CaseStatus.OPEN and (case.target_kind, case.target_id) == (
                target_kind,
                target_id,
            ):
                return case
        return None

    async def save_case(self, case: Case) -> None:
        """See ``ModerationRepository.save_case``."""
        self.cases[case.id] = case

    async def get_case(self, case_id: str) -> Case | None:
        """See ``ModerationRepository.get_case``."""
        return self.cases.get(case_id)

    async def list_cases(self, status: CaseStatus, limit: int) -> list[Case]:
        """See ``ModerationRepository.list_cases``."""
        found = [c for c in self.cases.values() if c.status is status]
        found.sort(key=lambda c: (c.tier, c.due_at, c.opened_at, c.id))
        return found[: min(limit, _QUEUE_CAP)]

    async def add_report(self, report: Report) -> None:
        """See ``ModerationRepository.add_report``."""
        self.reports[report.id] = report

    async def find_report(self, case_id: str, reporter_key: str, message_id: str | None) -> Report | None:
        """See ``ModerationRepository.find_report``."""
        for report in self.reports.values():
            if (
                report.case_id == case_id
                and reporter_key in (report.reporter_user, report.reporter_device, report.flagger_id)
                and report.message_id == message_id
            ):
                return report
        return None

    async def reports_of_case(self, case_id: str) -> list[Report]:
        """See ``ModerationRepository.reports_of_case``."""
        return sorted((r for r in self.reports.values() if r.case_id == case_id), key=lambda r: r.id)

    async def get_report(self, report_id: str) -> Report | None:
        """See ``ModerationRepository.get_report``."""
        return self.reports.get(report_id)

    async def add_moderator(self, moderator: Moderator) -> None:
        """See ``ModerationRepository.add_moderator``."""
        if any(m.name == moderator.name for m in self.moderators.values()):
            raise ClientError(code="moderator_exists")
        self.moderators[moderator.id] = moderator

    async def moderator_by_name(self, name: str) -> Moderator | None:
        """See ``ModerationRepository.moderator_by_name``."""
        return next((m for m in self.moderators.values() if m.name == name), None)

    async def get_moderator(self, moderator_id: str) -> Moderator | None:
        """See ``ModerationRepository.get_moderator``."""
        return self.moderators.get(moderator_id)

    async def use_totp_step(self, moderator_id: str, step: int) -> bool:
        """See ``ModerationRepository.use_totp_step``."""
        moderator = self.moderators.get(moderator_id)
        if moderator is None or step <= moderator.totp_last_step:
            return False
        self.moderators[moderator_id] = replace(moderator, totp_last_step=step)
        return True

    async def add_session(self, session: ModSession) -> None:
        """See ``ModerationRepository.add_session``."""
        self.sessions[session.token_hash] = session

    async def get_session(self, token_hash: bytes) -> ModSession | None:
        """See ``ModerationRepository.get_session``."""
        return self.sessions.get(token_hash)

    async def end_session(self, token_hash: bytes) -> None:
        """See ``ModerationRepository.end_session``."""
        self.sessions.pop(token_hash, None)

    async def add_sanction(self, sanction: Sanction) -> None:
        """See ``ModerationRepository.add_sanction``."""
        self.sanctions[sanction.id] = sanction

    async def get_sanction(self, sanction_id: str) -> Sanction | None:
        """See ``ModerationRepository.get_sanction``."""
        return self.sanctions.get(sanction_id)

    async def lift_sanction(self, sanction_id: str, at: datetime) -> None:
        """See ``ModerationRepository.lift_sanction``."""
        sanction = self.sanctions.get(sanction_id)
        if sanction is not None and sanction.lifted_at is None:
            self.sanctions[sanction_id] = replace(sanction, lifted_at=at)

    async def active_sanctions(self, kinds: Sequence[SanctionKind], now: datetime) -> list[Sanction]:
        """See ``ModerationRepository.active_sanctions``."""
        return sorted(
            (s for s in self.sanctions.values() if s.kind in kinds and s.active(now)), key=lambda s: s.id
        )

    async def entry_ban(
        self, *, device_hash: str | None, address_hash: str | None, now: datetime
    ) -> Sanction | None:
        """See ``ModerationRepository.entry_ban``."""
        found = [
            s
            for s in self.sanctions.values()
            if s.kind is SanctionKind.BAN
            and s.active(now)
            and (
                (device_hash is not None and s.device_hash == device_hash)
                or (address_hash is not None and s.address_hash == address_hash)
            )
        ]
        if not found:
            return None
        return max(found, key=lambda s: (s.ends_at is None, s.ends_at or now))

    async def sanctions_of(
        self, *, user_ids: Sequence[UserId], device_hash: str | None, since: datetime
    ) -> list[Sanction]:
        """See ``ModerationRepository.sanctions_of``."""
        return sorted(
            (
                s
                for s in self.sanctions.values()
                if s.starts_at >= since
                and (s.user_id in user_ids or (device_hash is not None and s.device_hash == device_hash))
            ),
            key=lambda s: s.id,
        )

    async def add_statement(self, statement: Statement) -> None:
        """See ``ModerationRepository.add_statement``."""
        self.statements[statement.id] = statement

    async def get_statement(self, statement_id: str) -> Statement | None:
        """See ``ModerationRepository.get_statement``."""
        return self.statements.get(statement_id)

    async def statement_by_code(self, appeal_code: str) -> Statement | None:
        """See ``ModerationRepository.statement_by_code``."""
        return next((s for s in self.statements.values() if s.appeal_code == appeal_code), None)

    async def statements_of(self, user_ids: Sequence[UserId]) -> list[Statement]:
        """See ``ModerationRepository.statements_of``."""
        return sorted((s for s in self.statements.values() if s.user_id in user_ids), key=lambda s: s.id)[
            ::-1
        ]

    async def add_appeal(self, appeal: Appeal) -> None:
        """See ``ModerationRepository.add_appeal``."""
        if any(a.statement_id == appeal.statement_id for a in self.appeals.values()):
            raise ClientError(code="already_appealed")
        self.appeals[appeal.id] = appeal

    async def get_appeal(self, appeal_id: str) -> Appeal | None:
        """See ``ModerationRepository.get_appeal``."""
        return self.appeals.get(appeal_id)

    async def appeal_of(self, statement_id: str) -> Appeal | None:
        """See ``ModerationRepository.appeal_of``."""
        return next((a for a in self.appeals.values() if a.statement_id == statement_id), None)

    async def list_appeals(self, *, decided: bool, limit: int) -> list[Appeal]:
        """See ``ModerationRepository.list_appeals``."""
        found = [a for a in self.appeals.values() if (a.decided_at is not None) == decided]
        return sorted(found, key=lambda a: a.id)[:limit]

    async def decide_appeal(self, appeal: Appeal) -> bool:
        """See ``ModerationRepository.decide_appeal``."""
        current = self.appeals.get(appeal.id)
        if current is None or current.decided_at is not None:
            return False
        self.appeals[appeal.id] = appeal
        return True

    async def append_audit(
        self, *, at: datetime, actor: str, action: str, target: str, detail: dict[str, Any]
    ) -> AuditEntry:
        """See ``ModerationRepository.append_audit``."""
        prev = self.audit[-1].hash if self.audit else GENESIS_HASH
        seq = len(self.audit) + 1
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
        self.audit.append(entry)
        return entry

    async def audit_entries(self, *, after: int, limit: int) -> list[AuditEntry]:
        """See ``ModerationRepository.audit_entries``."""
        return [e for e in self.audit if e.seq > after][:limit]

    async def ensure_terms(self, terms: TermsVersion) -> None:
        """See ``ModerationRepository.ensure_terms``."""
        self.terms.setdefault(terms.version, terms)

    async def terms_versions(self) -> list[TermsVersion]:
        """See ``ModerationRepository.terms_versions``."""
        return sorted(self.terms.values(), key=lambda t: t.effective_from)

    async def add_flagger(self, flagger: Flagger) -> None:
        """See ``ModerationRepository.add_flagger``."""
        self.flaggers[flagger.id] = flagger

    async def flagger_by_key(self, key_hash: str) -> Flagger | None:
        """See ``ModerationRepository.flagger_by_key``."""
        return next((f for f in self.flaggers.values() if f.key_hash == key_hash), None)
