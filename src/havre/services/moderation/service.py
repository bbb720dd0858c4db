"""The moderation use cases: notices in, cases out, decisions with statements of reasons, appeals.

DSA mapping: notices from anyone (art. 16) with an immutable snapshot; a statement of reasons for every
restriction (art. 17) sent before the socket closes; internal appeals decided by another moderator
(art. 20); trusted flaggers' notices first (art. 22); strikes and suspensions after a warning, also for
manifestly unfounded notices (art. 23).
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from havre.domain.ids import ConversationId, MessageId, RoomId, UserId
from havre.domain.users import User
from havre.errors import Banned, ClientError, InvalidField, NotFound, RateLimited
from havre.services.clock import Clock
from havre.services.identity import new_sortable_id
from havre.services.limiter import KeyedLimiter
from havre.services.moderation.audit import AuditLog, ChainCheck, verify_chain
from havre.services.moderation.reasons import (
    CATEGORY_OF,
    CHILD_ABUSE_CATEGORIES,
    LABEL_FR,
    SEVERE_CATEGORIES,
    parse_reason,
    tier_for,
)
from havre.services.moderation.terms import CURRENT, VERSIONS, Terms
from havre.services.ports import Outbound
from havre.storage.moderation import (
    Appeal,
    AuditEntry,
    Case,
    CaseStatus,
    Flagger,
    Identity,
    ModerationRepository,
    Moderator,
    Report,
    Role,
    Sanction,
    SanctionKind,
    Statement,
    TermsVersion,
)
from havre.storage.repositories import Repositories, SafetySignal, StoredMessage

log = logging.getLogger(__name__)

CONTEXT_BEFORE = 20
CONTEXT_AFTER = 10
_USER_CONTEXT = 30
_MAX_DETAILS = 4000
_MAX_FACTS = 4000
_PSEUDOS_SHOWN = 50
_QUEUE_LIMIT = 500
_AFTER_ALL = "~"  # sorts after every sortable id


class Action(enum.Enum):
    """What a moderator decides on a case."""

    DISMISS = "dismiss"
    WARN = "warn"
    DELETE_MESSAGE = "delete_message"
    REMOVE_RECENT = "remove_recent"
    MUTE = "mute"
    KICK = "kick"
    BAN = "ban"
    SHADOW_BAN = "shadow_ban"
    RELEASE_HOLD = "release_hold"
    REFUSE_HOLD = "refuse_hold"


_BASIC = frozenset(
    {
        Action.DISMISS,
        Action.WARN,
        Action.DELETE_MESSAGE,
        Action.REMOVE_RECENT,
        Action.MUTE,
        Action.KICK,
        Action.BAN,
        Action.RELEASE_HOLD,
        Action.REFUSE_HOLD,
    }
)
ALLOWED: dict[Role, frozenset[Action]] = {
    Role.MODERATOR: _BASIC,
    Role.SENIOR_MODERATOR: frozenset(Action),
    Role.LEGAL_OFFICER: frozenset(Action),
    Role.ADMIN: frozenset(Action),
}
# Who may ban without an end, decide appeals and read the audit log.
SENIOR_ROLES = frozenset({Role.SENIOR_MODERATOR, Role.LEGAL_OFFICER, Role.ADMIN})
AUDIT_ROLES = frozenset({Role.LEGAL_OFFICER, Role.ADMIN})
MAX_MODERATOR_BAN_HOURS = 30 * 24

_KIND_OF: dict[Action, SanctionKind] = {
    Action.WARN: SanctionKind.WARNING,
    Action.DELETE_MESSAGE: SanctionKind.MESSAGE_REMOVAL,
    Action.REMOVE_RECENT: SanctionKind.MESSAGE_REMOVAL,
    Action.MUTE: SanctionKind.MUTE,
    Action.KICK: SanctionKind.KICK,
    Action.BAN: SanctionKind.BAN,
    Action.SHADOW_BAN: SanctionKind.SHADOW_BAN,
    Action.REFUSE_HOLD: SanctionKind.HOLD_REFUSAL,
}
_CONTENT_STRIKES = frozenset(_KIND_OF.values())

RESTRICTION_FR: dict[SanctionKind, str] = {
    SanctionKind.WARNING: "Avertissement (aucune restriction de l'accès)",
    SanctionKind.MESSAGE_REMOVAL: "Retrait de contenu",
    SanctionKind.MUTE: "Restriction : vous ne pouvez plus écrire",
    SanctionKind.KICK: "Exclusion : votre session est terminée",
    SanctionKind.BAN: "Suspension de l'accès au service",
    SanctionKind.SHADOW_BAN: "Restriction de la visibilité de vos messages",
    SanctionKind.HOLD_REFUSAL: "Refus de publication d'un message retenu",
    SanctionKind.UNFOUNDED_NOTICE: "Signalement manifestement infondé",
    SanctionKind.NOTICE_SUSPENSION: "Suspension du traitement de vos signalements",
}


@dataclass(frozen=True, slots=True)
class ModerationRules:
    """Timers, windows and counts (from ``ModerationSettings``)."""

    sla_minutes: tuple[int, int, int] = (60, 12 * 60, 48 * 60)
    appeal_days: int = 183
    strike_window_days: int = 180
    warn_after: int = 2  # the statement of this strike warns that the next one suspends
    suspend_after: int = 3
    suspension_days: int = 7
    unfounded_warn_after: int = 2
    unfounded_suspend_after: int = 3
    notice_suspension_days: int = 30
    recent_hours: int = 24
    reports_per_minute: float = 10.0
    out_of_court: str = (
        "un organe de règlement extrajudiciaire des litiges certifié (art. 21 du règlement sur les services "
        "numériques), dont l'Arcom publie la liste"
    )


class SanctionNotifier(Protocol):
    """Delivers a statement of reasons to a user's sockets, then closes them ``4003`` when asked."""

    async def sanction(self, user_id: UserId, statement: Statement, *, close: bool) -> None:
        """Send the statement as a ``notice`` of kind ``sanction`` (then close, when ``close``)."""
        ...


@dataclass(frozen=True, slots=True)
class ReportForm:
    """A notice as the edge typed it."""

    reason: str
    details: str = ""
    message: str | None = None
    user: str | None = None
    room: str | None = None
    name: str | None = None
    email: str | None = None
    # The reporter's statement of good faith (DSA art. 16(2)(d)): ``None`` when not given (recorded as
    # such for the moderators), ``False`` refused.
    good_faith: bool | None = False


@dataclass(frozen=True, slots=True)
class Reporter:
    """Who files a notice: a session user, a device or address (keyed hashes), a trusted flagger."""

    user: User | None
    device_hash: str | None
    address_hash: str
    flagger: Flagger | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """A moderator's decision on a case, as the edge typed it."""

    action: Action
    facts: str = ""
    clause: str = ""
    ground: str = "contract"  # contract | law
    hours: int | None = None  # None: no end (bans, shadow-bans); mutes default to 24 h
    message: str | None = None
    unfounded: bool = False
    address: bool = True  # bans also cover the keyed hash of the address


@dataclass(frozen=True, slots=True)
class Decided:
    """What a decision did."""

    case: Case
    sanction: Sanction | None = None
    statement: Statement | None = None
    automatic: list[Statement] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case with what a moderator needs to decide it."""

    case: Case
    reports: list[Report]
    target: Identity | None
    pseudos: list[User]
    sanctions: list[Sanction]
    statements: list[Statement]
    held: list[StoredMessage]
    strikes: int


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def canonical(document: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 kept (the snapshot's hashed form)."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def snapshot_digest(snapshot: str) -> str:
    """The SHA-256 (hex) of a stored snapshot."""
    return hashlib.sha256(snapshot.encode()).hexdigest()


def new_flagger(name: str, now: datetime) -> tuple[Flagger, str]:
    """A new trusted flagger and its API key (only the key's SHA-256 is stored)."""
    key = "hf_" + secrets.token_urlsafe(32)
    return Flagger(
        "f_" + secrets.token_hex(12), name[:100], hashlib.sha256(key.encode()).hexdigest(), now
    ), key


class ModerationService:
    """Notices, cases, decisions, statements of reasons, appeals and strikes."""

    def __init__(
        self,
        store: ModerationRepository,
        repositories: Repositories,
        outbound: Outbound,
        notifier: SanctionNotifier,
        clock: Clock,
        rules: ModerationRules,
        audit: AuditLog,
    ) -> None:
        self._store = store
        self._repos = repositories
        self._out = outbound
        self._notifier = notifier
        self._clock = clock
        self._rules = rules
        self.audit = audit
        self._limiter = KeyedLimiter(rules.reports_per_minute / 60.0, max(1.0, rules.reports_per_minute))
        self._muted: dict[UserId, datetime | None] = {}
        self._shadow: dict[UserId, datetime | None] = {}

    @property
    def terms(self) -> Terms:
        """The terms in force."""
        return CURRENT

    async def start(self) -> None:
        """Store the terms' versions and load the mutes and shadow-bans in force."""
        for terms in VERSIONS:
            await self._store.ensure_terms(TermsVersion(terms.version, terms.effective_from, terms.text()))
        now = self._clock.now()
        for sanction in await self._store.active_sanctions([SanctionKind.MUTE, SanctionKind.SHADOW_BAN], now):
            self._restrict(sanction)

    def _restrict(self, sanction: Sanction) -> None:
        if sanction.kind is SanctionKind.MUTE:
            self._muted[sanction.user_id] = sanction.ends_at
        elif sanction.kind is SanctionKind.SHADOW_BAN:
            self._shadow[sanction.user_id] = sanction.ends_at

    # Restrictions read on the hot path (synchronous) ------------------------------------------

    def _in_force(self, table: dict[UserId, datetime | None], user_id: UserId) -> bool:
        if user_id not in table:
            return False
        until = table[user_id]
        if until is not None and until <= self._clock.now():
            del table[user_id]
            return False
        return True

    def muted(self, user_id: UserId) -> bool:
        """Whether a moderator muted the user (until the mute ends)."""
        return bool(self._muted) and self._in_force(self._muted, user_id)

    def shadow_banned(self, user_id: UserId) -> bool:
        """Whether the user's messages reach only themselves."""
        return bool(self._shadow) and self._in_force(self._shadow, user_id)

    # Entry -----------------------------------------------------------------------------------

    async def check_entry(self, device_hash: str | None, address_hash: str | None) -> None:
        """Raise ``Banned`` (with the reason and the end, if any) when a ban covers this device or address."""
        ban = await self._store.entry_ban(
            device_hash=device_hash, address_hash=address_hash, now=self._clock.now()
        )
        if ban is not None:
            raise Banned(ban.reason, ban.ends_at)

    # Notices ---------------------------------------------------------------------------------

    async def file_report(self, form: ReportForm, reporter: Reporter) -> Report:
        """Record a notice with a snapshot of its context; open or join the target's case.

        Raises ``InvalidField`` (``invalid_reason``, ``invalid_target``, ``good_faith_required``,
        ``invalid_email``, ``invalid_body``), ``RateLimited`` or ``ClientError("reports_suspended")``.
        A second notice of the same reporter on the same target is merged: its first report comes back.
        """
        reason = parse_reason(form.reason)
        if reason is None:
            raise InvalidField("reason", "invalid_reason")
        if form.good_faith is False:
            raise InvalidField("good_faith", "good_faith_required")
        if len(form.details) > _MAX_DETAILS or len(form.name or "") > 100:
            raise InvalidField("details", "invalid_body")
        if form.email and (len(form.email) > 254 or "@" not in form.email):
            raise InvalidField("email", "invalid_email")
        # One target: a message names its author too, so a client sending both (the contract allows
        # it) reports the message; a user, else a room.
        if form.message is not None:
            form = replace(form, user=None, room=None)
        elif form.user is not None:
            form = replace(form, room=None)
        elif form.room is None:
            raise InvalidField("target", "invalid_target")
        key = reporter.flagger.id if reporter.flagger else reporter.address_hash
        if reporter.flagger is None and not self._limiter.allow(key, self._clock.monotonic()):
            raise RateLimited()
        now = self._clock.now()
        if reporter.user is not None and reporter.device_hash is None:
            known = await self._store.identity(reporter.user.id)
            if known is not None and known.device_hash:
                reporter = replace(reporter, device_hash=known.device_hash)
        if reporter.flagger is None:
            await self._check_notice_suspension(reporter, now)
        target_kind, target_id, target_user, message_id, snapshot, private = await self._target(
            form, reporter, now
        )
        category = CATEGORY_OF[reason]
        case = await self._case_for(
            target_kind, target_id, target_user, {category}, trusted=reporter.flagger is not None, now=now
        )
        reporter_key = (
            reporter.flagger.id
            if reporter.flagger
            else (reporter.user.id if reporter.user else reporter.device_hash or reporter.address_hash)
        )
        earlier = await self._store.find_report(case.id, reporter_key, message_id)
        if earlier is not None:
            return earlier
        report = Report(
            id=new_sortable_id(now),
            case_id=case.id,
            source="flagger" if reporter.flagger else "notice",
            reason=reason.value,
            details=form.details,
            target_kind=target_kind,
            target_id=target_id,
            target_user=target_user,
            message_id=message_id,
            reporter_user=reporter.user.id if reporter.user else None,
            reporter_device=reporter.device_hash or reporter.address_hash,
            reporter_name=form.name or None,
            reporter_email=form.email or None,
            flagger_id=reporter.flagger.id if reporter.flagger else None,
            good_faith=bool(form.good_faith),
            private=private,
            snapshot=snapshot,
            snapshot_sha256=snapshot_digest(snapshot),
            created_at=now,
        )
        await self._store.save_case(replace(case, reports=case.reports + 1))
        await self._store.add_report(report)
        return report

    async def _check_notice_suspension(self, reporter: Reporter, now: datetime) -> None:
        users = [reporter.user.id] if reporter.user else []
        for sanction in await self._store.sanctions_of(
            user_ids=users, device_hash=reporter.device_hash, since=now - timedelta(days=366)
        ):
            if sanction.kind is SanctionKind.NOTICE_SUSPENSION and sanction.active(now):
                raise ClientError(code="reports_suspended")

    async def _target(
        self, form: ReportForm, reporter: Reporter, now: datetime
    ) -> tuple[str, str, UserId | None, MessageId | None, str, bool]:
        """The case target of a notice, and its snapshot."""
        if form.message is not None:
            stored = await self._repos.messages.get(MessageId(form.message[:64]))
            if stored is None:
                raise InvalidField("message", "invalid_target")
            message = stored.message
            context = await self._store.space_messages(
                room=message.room,
                conversation=message.conversation,
                pivot=message.id,
                before=CONTEXT_BEFORE,
                after=CONTEXT_AFTER,
            )
            snapshot = await self._snapshot(now, "message", message.id, context, reported=message.id)
            return (
                "user",
                message.sender,
                message.sender,
                message.id,
                snapshot,
                message.conversation is not None,
            )
        if form.user is not None:
            identity = await self._store.identity(UserId(form.user[:64]))
            if identity is None:
                raise InvalidField("user", "invalid_target")
            user_id = identity.user.id
            recent = await self._store.user_messages(
                user_id, since=now - timedelta(days=7), limit=_USER_CONTEXT
            )
            public = [s for s in recent if s.message.room is not None]
            between: list[StoredMessage] = []
            if reporter.user is not None:
                # Reporting someone you talked to: both sides of your private conversation with them.
                from havre.domain.ids import conversation_id_for

                conversation = conversation_id_for(reporter.user.id, user_id)
                between = await self._store.space_messages(
                    room=None, conversation=conversation, pivot=_AFTER_ALL, before=CONTEXT_BEFORE, after=0
                )
            snapshot = await self._snapshot(now, "user", user_id, public + between)
            return "user", user_id, user_id, None, snapshot, bool(between)
        room = await self._repos.rooms.get(RoomId((form.room or "")[:64]))
        if room is None:
            raise InvalidField("room", "invalid_target")
        context = await self._store.space_messages(
            room=room.id, conversation=None, pivot=_AFTER_ALL, before=_USER_CONTEXT, after=0
        )
        snapshot = await self._snapshot(now, "room", room.id, context)
        return "room", room.id, None, None, snapshot, False

    async def _snapshot(
        self,
        now: datetime,
        kind: str,
        target: str,
        context: list[StoredMessage],
        *,
        reported: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> str:
        senders = {s.message.sender for s in context} | {
            s.message.recipient for s in context if s.message.recipient
        }
        users = await self._repos.users.get_many(sorted(senders))
        document: dict[str, Any] = {
            "version": 1,
            "taken_at": _iso(now),
            "target": {"kind": kind, "id": target},
            "users": {
                u.id: {"pseudo": u.pseudo, "age": u.age, "gender": u.gender.value, "department": u.department}
                for u in users.values()
            },
            "messages": [
                {
                    "id": s.message.id,
                    "from": s.message.sender,
                    "to": s.message.recipient,
                    "room": s.message.room,
                    "conversation": s.message.conversation,
                    "text": s.message.text,
                    "original_text": s.original_text,
                    "action": s.action,
                    "ts": _iso(s.message.created_at),
                    "reported": s.message.id == reported,
                }
                for s in context
            ],
        }
        if extra:
            document.update(extra)
        return canonical(document)

    async def _case_for(
        self,
        target_kind: str,
        target_id: str,
        target_user: UserId | None,
        categories: set[str],
        *,
        trusted: bool,
        now: datetime,
    ) -> Case:
        tier = tier_for(frozenset(categories), trusted=trusted)
        due = now + timedelta(minutes=self._rules.sla_minutes[tier])
        case = await self._store.open_case_for(target_kind, target_id)
        if case is None:
            case = Case(
                id=new_sortable_id(now),
                target_kind=target_kind,
                target_id=target_id,
                target_user=target_user,
                tier=tier,
                status=CaseStatus.OPEN,
                opened_at=now,
                due_at=due,
                updated_at=now,
                categories=tuple(sorted(categories)),
            )
        else:
            case = replace(
                case,
                tier=min(case.tier, tier),
                due_at=min(case.due_at, due),
                updated_at=now,
                categories=tuple(sorted(set(case.categories) | categories)),
            )
        return case

    async def signal(self, signal: SafetySignal) -> None:
        """A safety signal from the pipeline: holds, blocks, refusals and severe categories open a case."""
        categories = set(signal.categories)
        if signal.action not in ("hold", "block", "refuse") and not categories & SEVERE_CATEGORIES:
            return
        now = signal.created_at
        room = conversation = None
        if signal.space.startswith("c_"):
            conversation = ConversationId(signal.space)
        elif signal.space != "entry":
            room = RoomId(signal.space)
        context: list[StoredMessage] = []
        if room is not None or conversation is not None:
            context = await self._store.space_messages(
                room=room,
                conversation=conversation,
                pivot=signal.message or _AFTER_ALL,
                before=CONTEXT_BEFORE,
                after=CONTEXT_AFTER,
            )
        extra = {
            "signal": {
                "action": signal.action,
                "categories": list(signal.categories),
                "scores": dict(signal.scores),
                "text": signal.text,
                "space": signal.space,
            }
        }
        snapshot = await self._snapshot(
            now, "user", signal.user, context, reported=signal.message, extra=extra
        )
        case = await self._case_for("user", signal.user, signal.user, categories, trusted=False, now=now)
        report = Report(
            id=new_sortable_id(now),
            case_id=case.id,
            source="signal",
            reason=signal.categories[0] if signal.categories else "other",
            details=f"{signal.action}: {', '.join(signal.categories)}",
            target_kind="user",
            target_id=signal.user,
            target_user=signal.user,
            message_id=signal.message,
            reporter_user=None,
            reporter_device=None,
            reporter_name=None,
            reporter_email=None,
            flagger_id=None,
            good_faith=True,
            private=conversation is not None,
            snapshot=snapshot,
            snapshot_sha256=snapshot_digest(snapshot),
            created_at=now,
        )
        await self._store.save_case(replace(case, reports=case.reports + 1))
        await self._store.add_report(report)

    # Reading ---------------------------------------------------------------------------------

    async def queue(
        self, status: CaseStatus = CaseStatus.OPEN, limit: int = _QUEUE_LIMIT
    ) -> list[tuple[Case, User | None]]:
        """Cases in queue order (tier, then due time), with the user each one is about."""
        cases = await self._store.list_cases(status, min(limit, _QUEUE_LIMIT))
        users = await self._repos.users.get_many([c.target_user for c in cases if c.target_user])
        return [(c, users.get(c.target_user) if c.target_user else None) for c in cases]

    async def flagger_for(self, key: str) -> Flagger | None:
        """The trusted flagger holding an API key, if any."""
        if not key or len(key) > 128:
            return None
        return await self._store.flagger_by_key(hashlib.sha256(key.encode()).hexdigest())

    async def add_flagger(self, name: str) -> tuple[Flagger, str]:
        """Register a trusted flagger (DSA art. 22); returns it and its API key (shown once)."""
        flagger, key = new_flagger(name, self._clock.now())
        await self._store.add_flagger(flagger)
        await self.audit.record("admin", "flagger.add", f"flagger:{flagger.id}", {"name": flagger.name})
        return flagger, key

    async def case_view(self, case_id: str) -> CaseView:
        """A case with its reports, the target's pseudos on the same device and their history.

        Raises ``NotFound``.
        """
        case = await self._store.get_case(case_id[:64])
        if case is None:
            raise NotFound()
        reports = await self._store.reports_of_case(case.id)
        identity = await self._store.identity(case.target_user) if case.target_user else None
        pseudos: list[User] = []
        sanctions: list[Sanction] = []
        statements: list[Statement] = []
        strikes = 0
        if identity is not None:
            pseudos = (
                await self._store.users_of_device(identity.device_hash, _PSEUDOS_SHOWN)
                if identity.device_hash
                else [identity.user]
            )
            ids = [u.id for u in pseudos] or [identity.user.id]
            since = self._clock.now() - timedelta(days=3650)
            sanctions = await self._store.sanctions_of(
                user_ids=ids, device_hash=identity.device_hash, since=since
            )
            statements = await self._store.statements_of(ids)
            strikes = await self._strikes(identity, _CONTENT_STRIKES)
        held: list[StoredMessage] = []
        for message_id in {r.message_id for r in reports if r.message_id}:
            stored = await self._repos.messages.get(message_id)
            if stored is not None and stored.action == "hold":
                held.append(stored)
        return CaseView(case, reports, identity, pseudos, sanctions, statements, held, strikes)

    async def private_context(self, case_id: str, moderator: Moderator) -> list[Report]:
        """The reports of a case whose snapshot holds a private conversation; the access is audited.

        Raises ``NotFound``.
        """
        case = await self._store.get_case(case_id[:64])
        if case is None:
            raise NotFound()
        reports = [r for r in await self._store.reports_of_case(case.id) if r.private]
        await self.audit.record(
            moderator.name, "private_access", f"case:{case.id}", {"reports": [r.id for r in reports]}
        )
        return reports

    # Decisions -------------------------------------------------------------------------------

    async def decide(self, case_id: str, moderator: Moderator, decision: Decision) -> Decided:
        """Apply a moderator's decision and close the case.

        Raises ``NotFound``, ``ClientError`` ``case_closed`` (409), ``forbidden`` (403: the role may not),
        ``invalid_clause``, ``facts_required``, ``invalid_duration``, ``no_target`` or ``nothing_held`` (422).
        """
        case = await self._store.get_case(case_id[:64])
        if case is None:
            raise NotFound()
        if case.status is not CaseStatus.OPEN:
            raise ClientError(code="case_closed")
        action = decision.action
        child_abuse = bool(set(case.categories) & CHILD_ABUSE_CATEGORIES)
        if action not in ALLOWED[moderator.role]:
            raise ClientError(code="forbidden")
        if (
            action is Action.BAN
            and decision.hours is None
            and moderator.role not in SENIOR_ROLES
            and not child_abuse
        ):
            # A permanent ban needs a senior, except for child sexual abuse, which goes straight to a ban.
            raise ClientError(code="forbidden")
        if decision.hours is not None and not 1 <= decision.hours <= 24 * 3650:
            raise ClientError(code="invalid_duration")
        if (
            action is Action.BAN
            and decision.hours is not None
            and decision.hours > MAX_MODERATOR_BAN_HOURS
            and moderator.role not in SENIOR_ROLES
        ):
            raise ClientError(code="forbidden")
        now = self._clock.now()
        reports = await self._store.reports_of_case(case.id)
        result: Decided
        if action is Action.DISMISS:
            automatic = await self._unfounded(reports, moderator, now) if decision.unfounded else []
            result = Decided(case, automatic=automatic)
        elif action is Action.RELEASE_HOLD:
            await self._release(reports, decision.message)
            result = Decided(case)
        else:
            result = await self._restrict_user(case, reports, moderator, decision, now)
        closed = replace(
            result.case,
            status=CaseStatus.CLOSED,
            closed_at=now,
            updated_at=now,
            decision=action.value,
            decided_by=moderator.id,
        )
        await self._store.save_case(closed)
        await self.audit.record(
            moderator.name,
            f"decision.{action.value}",
            f"case:{case.id}",
            {
                "user": case.target_user or "",
                "sanction": result.sanction.id if result.sanction else "",
                "statement": result.statement.id if result.statement else "",
                "hours": decision.hours if decision.hours is not None else -1,
                "clause": decision.clause,
                "unfounded": decision.unfounded,
                "automatic": [s.id for s in result.automatic],
            },
        )
        return replace(result, case=closed)

    def _held_ids(self, reports: list[Report], only: str | None) -> list[MessageId]:
        ids = sorted({r.message_id for r in reports if r.message_id})
        if only is not None:
            ids = [i for i in ids if i == only]
        return ids

    async def _release(self, reports: list[Report], only: str | None) -> None:
        released = 0
        for message_id in self._held_ids(reports, only):
            stored = await self._repos.messages.get(message_id)
            if stored is None or stored.action != "hold":
                continue
            await self._store.set_message_action([message_id], "allow")
            message = stored.message
            sender = await self._repos.users.get(message.sender)
            if sender is None:
                continue
            room = await self._repos.rooms.get(message.room) if message.room else None
            await self._out.message(message, sender, room)
            released += 1
        if not released:
            raise ClientError(code="nothing_held")

    async def _restrict_user(
        self, case: Case, reports: list[Report], moderator: Moderator, decision: Decision, now: datetime
    ) -> Decided:
        action = decision.action
        clause = self.terms.clause(decision.clause)
        if clause is None:
            raise ClientError(code="invalid_clause")
        facts = decision.facts.strip()
        if len(facts) < 10 or len(facts) > _MAX_FACTS:
            raise ClientError(code="facts_required")
        message_ids: list[MessageId] = []
        user_id = case.target_user
        if action in (Action.DELETE_MESSAGE, Action.REFUSE_HOLD):
            message_ids = self._held_ids(reports, decision.message)
            if action is Action.REFUSE_HOLD:
                held = [
                    m for m in message_ids if (s := await self._repos.messages.get(m)) and s.action == "hold"
                ]
                if not held:
                    raise ClientError(code="nothing_held")
                message_ids = held
            if not message_ids:
                raise ClientError(code="no_target")
            if user_id is None:
                first = await self._repos.messages.get(message_ids[0])
                user_id = first.message.sender if first else None
        if user_id is None:
            raise ClientError(code="no_target")
        identity = await self._store.identity(user_id)
        if identity is None:
            raise ClientError(code="no_target")
        if action is Action.REMOVE_RECENT:
            recent = await self._store.user_messages(
                user_id, since=now - timedelta(hours=self._rules.recent_hours), limit=1000
            )
            message_ids = [s.message.id for s in recent if s.action not in ("removed", "block")]
        if message_ids:
            await self._store.set_message_action(
                message_ids, "block" if action is Action.REFUSE_HOLD else "removed"
            )
        kind = _KIND_OF[action]
        hours = decision.hours
        if action is Action.MUTE and hours is None:
            hours = 24
        ends: datetime | None
        if kind in (SanctionKind.MUTE, SanctionKind.BAN, SanctionKind.SHADOW_BAN):
            ends = now + timedelta(hours=hours) if hours is not None else None
        else:
            ends = now
        ban = kind is SanctionKind.BAN
        prior = await self._strikes(identity, _CONTENT_STRIKES)
        strikes = prior + 1
        warning = ""
        if strikes == self._rules.warn_after and kind is not SanctionKind.BAN:
            warning = (
                "\n\nAvertissement : au prochain manquement dans les "
                f"{self._rules.strike_window_days} jours, votre accès sera suspendu "
                f"{self._rules.suspension_days} jours."
            )
        sanction = Sanction(
            id=new_sortable_id(now),
            kind=kind,
            user_id=user_id,
            case_id=case.id,
            moderator_id=moderator.id,
            reason=f"{RESTRICTION_FR[kind]} — {clause.title} (CGU {clause.number})",
            starts_at=now,
            ends_at=ends,
            device_hash=identity.device_hash,
            address_hash=identity.address_hash if (ban and decision.address) else None,
            strike=True,
            detail={"messages": ",".join(message_ids)},
        )
        await self._store.add_sanction(sanction)
        self._restrict(sanction)
        automated_detection = any(r.source == "signal" for r in reports)
        statement = await self._statement(
            sanction,
            scope=self._scope(kind, message_ids, decision.address),
            facts=facts + warning,
            from_notice=any(r.source in ("notice", "flagger") for r in reports),
            automated_detection=automated_detection,
            automated_decision=False,
            ground=decision.ground,
            clause_number=clause.number,
        )
        automatic: list[Statement] = []
        if kind in (SanctionKind.KICK, SanctionKind.BAN):
            await self._repos.users.end(user_id, now=now)
        if kind is not SanctionKind.SHADOW_BAN:
            # A shadow-ban's statement is kept for the user at GET /api/v1/me/statements, not pushed.
            await self._notifier.sanction(
                user_id, statement, close=kind in (SanctionKind.KICK, SanctionKind.BAN)
            )
        if strikes >= self._rules.suspend_after and kind is not SanctionKind.BAN:
            automatic.append(await self._suspend(identity, case, clause.number, strikes, now))
        return Decided(case, sanction, statement, automatic)

    def _scope(self, kind: SanctionKind, message_ids: list[MessageId], address: bool) -> str:
        if kind is SanctionKind.MESSAGE_REMOVAL or kind is SanctionKind.HOLD_REFUSAL:
            return f"Havre, en France : {len(message_ids)} message(s) ({', '.join(message_ids[:10])})"
        if kind is SanctionKind.BAN:
            covered = "cette session, cet appareil" + (" et cette connexion" if address else "")
            return f"Havre, en France : tout le service ({covered})"
        if kind is SanctionKind.WARNING:
            return "Havre, en France : aucune restriction"
        return "Havre, en France : tout le service (cette session)"

    async def _strikes(self, identity: Identity, kinds: frozenset[SanctionKind]) -> int:
        since = self._clock.now() - timedelta(days=self._rules.strike_window_days)
        found = await self._store.sanctions_of(
            user_ids=[identity.user.id], device_hash=identity.device_hash, since=since
        )
        return sum(1 for s in found if s.strike and s.lifted_at is None and s.kind in kinds)

    async def _suspend(
        self, identity: Identity, case: Case, clause: str, strikes: int, now: datetime
    ) -> Statement:
        """Art. 23: after a warning, repeated violations suspend the user automatically."""
        days = self._rules.suspension_days
        sanction = Sanction(
            id=new_sortable_id(now),
            kind=SanctionKind.BAN,
            user_id=identity.user.id,
            case_id=case.id,
            moderator_id=None,
            reason=f"{RESTRICTION_FR[SanctionKind.BAN]} — manquements répétés (CGU 4.4)",
            starts_at=now,
            ends_at=now + timedelta(days=days),
            device_hash=identity.device_hash,
            address_hash=None,
            strike=False,
        )
        await self._store.add_sanction(sanction)
        statement = await self._statement(
            sanction,
            scope=self._scope(SanctionKind.BAN, [], False),
            facts=(
                f"{strikes} manquements aux conditions d'utilisation en "
                f"{self._rules.strike_window_days} jours, "
                f"après un avertissement : suspension de {days} jours (art. 23 du règlement sur les services "
                f"numériques). Dernier manquement : CGU {clause}."
            ),
            from_notice=False,
            automated_detection=False,
            automated_decision=True,
            ground="contract",
            clause_number="4.4",
        )
        await self._repos.users.end(identity.user.id, now=now)
        await self._notifier.sanction(identity.user.id, statement, close=True)
        await self.audit.record("system", "suspension", f"user:{identity.user.id}", {"strikes": strikes})
        return statement

    async def _unfounded(self, reports: list[Report], moderator: Moderator, now: datetime) -> list[Statement]:
        """Strike the people whose notices were manifestly unfounded; warn, then suspend their notices."""
        statements: list[Statement] = []
        for reporter in sorted(
            {r.reporter_user for r in reports if r.reporter_user and r.source == "notice"}
        ):
            identity = await self._store.identity(reporter)
            if identity is None:
                continue
            strike = Sanction(
                id=new_sortable_id(now),
                kind=SanctionKind.UNFOUNDED_NOTICE,
                user_id=reporter,
                case_id=reports[0].case_id,
                moderator_id=moderator.id,
                reason="Signalement manifestement infondé (CGU 4.3)",
                starts_at=now,
                ends_at=now,
                device_hash=identity.device_hash,
            )
            await self._store.add_sanction(strike)
            count = await self._strikes(identity, frozenset({SanctionKind.UNFOUNDED_NOTICE}))
            if count >= self._rules.unfounded_suspend_after:
                days = self._rules.notice_suspension_days
                suspension = replace(
                    strike,
                    id=new_sortable_id(now),
                    kind=SanctionKind.NOTICE_SUSPENSION,
                    reason="Suspension du traitement de vos signalements (CGU 4.3)",
                    ends_at=now + timedelta(days=days),
                    strike=False,
                    moderator_id=None,
                )
                await self._store.add_sanction(suspension)
                facts = (
                    f"{count} signalements manifestement infondés en {self._rules.strike_window_days} jours, "
                    f"après un avertissement : vos signalements ne seront pas traités pendant {days} jours "
                    "(art. 23, paragraphe 2, du règlement sur les services numériques)."
                )
                statement = await self._statement(
                    suspension,
                    scope="Havre, en France : vos signalements",
                    facts=facts,
                    from_notice=False,
                    automated_detection=False,
                    automated_decision=True,
                    ground="contract",
                    clause_number="4.3",
                )
            elif count >= self._rules.unfounded_warn_after:
                facts = (
                    f"{count} de vos signalements ont été jugés manifestement infondés. Avertissement : "
                    "si cela continue, vos signalements ne seront plus traités pendant un temps."
                )
                statement = await self._statement(
                    replace(strike, kind=SanctionKind.WARNING),
                    scope="Havre, en France : aucune restriction",
                    facts=facts,
                    from_notice=False,
                    automated_detection=False,
                    automated_decision=False,
                    ground="contract",
                    clause_number="4.3",
                    sanction_id=strike.id,
                )
            else:
                continue
            await self._notifier.sanction(reporter, statement, close=False)
            statements.append(statement)
        return statements

    async def _statement(
        self,
        sanction: Sanction,
        *,
        scope: str,
        facts: str,
        from_notice: bool,
        automated_detection: bool,
        automated_decision: bool,
        ground: str,
        clause_number: str,
        sanction_id: str | None = None,
    ) -> Statement:
        clause = self.terms.clause(clause_number)
        assert clause is not None
        law = ground == "law" and clause.legal_reference is not None
        appeal_until = sanction.starts_at + timedelta(days=self._rules.appeal_days)
        statement = Statement(
            id=new_sortable_id(sanction.starts_at),
            user_id=sanction.user_id,
            sanction_id=sanction_id or sanction.id,
            case_id=sanction.case_id,
            decision=sanction.kind.value,
            restriction=RESTRICTION_FR[sanction.kind],
            scope=scope,
            starts_at=sanction.starts_at,
            ends_at=sanction.ends_at
            if sanction.kind
            in (SanctionKind.MUTE, SanctionKind.BAN, SanctionKind.SHADOW_BAN, SanctionKind.NOTICE_SUSPENSION)
            else None,
            facts=facts,
            from_notice=from_notice,
            automated_detection=automated_detection,
            automated_decision=automated_decision,
            ground_kind="law" if law else "contract",
            clause=clause.number,
            clause_title=clause.title,
            legal_reference=clause.legal_reference if law else None,
            terms_version=self.terms.version,
            redress=self._redress(appeal_until),
            appeal_code=secrets.token_hex(8).upper(),
            appeal_until=appeal_until,
            created_at=sanction.starts_at,
        )
        await self._store.add_statement(statement)
        return statement

    def _redress(self, appeal_until: datetime) -> str:
        return (
            "Vous pouvez contester cette décision auprès de Havre jusqu'au "
            f"{appeal_until:%d/%m/%Y} avec votre code de recours (recours interne, art. 20) ; elle sera "
            "réexaminée par un autre modérateur. Vous "
            f"pouvez aussi saisir {self._rules.out_of_court}, ou le tribunal judiciaire compétent."
        )

    # Statements and appeals ------------------------------------------------------------------

    async def statements_for(self, token_hash: bytes) -> list[tuple[Statement, Appeal | None]]:
        """The statements concerning the holder of a session token (ended sessions too).

        Raises ``NotAuthenticated`` for an unknown token.
        """
        from havre.errors import NotAuthenticated

        identity = await self._store.identity_by_token(token_hash)
        if identity is None:
            raise NotAuthenticated()
        statements = await self._store.statements_of([identity.user.id])
        return [(s, await self._store.appeal_of(s.id)) for s in statements]

    async def appeal(
        self, *, statement_id: str | None, appeal_code: str | None, text: str, token_hash: bytes | None
    ) -> Appeal:
        """File an internal complaint against a statement (by its id with a session, or by its code).

        Raises ``NotFound``, ``InvalidField`` (``invalid_body``), ``ClientError`` ``appeal_expired`` (422)
        or ``already_appealed`` (409).
        """
        text = text.strip()
        if not text or len(text) > _MAX_DETAILS:
            raise InvalidField("text", "invalid_body")
        statement: Statement | None = None
        if appeal_code:
            statement = await self._store.statement_by_code(appeal_code.strip().upper()[:32])
        elif statement_id and token_hash is not None:
            identity = await self._store.identity_by_token(token_hash)
            candidate = await self._store.get_statement(statement_id[:64])
            if identity is not None and candidate is not None and candidate.user_id == identity.user.id:
                statement = candidate
        if statement is None:
            raise NotFound()
        now = self._clock.now()
        if now > statement.appeal_until:
            raise ClientError(code="appeal_expired")
        appeal = Appeal(new_sortable_id(now), statement.id, statement.user_id, text, now)
        await self._store.add_appeal(appeal)
        return appeal

    async def appeals(
        self, *, decided: bool = False, limit: int = 200
    ) -> list[tuple[Appeal, Statement | None]]:
        """Appeals waiting for a decision (or decided), with their statements."""
        found = await self._store.list_appeals(decided=decided, limit=min(limit, _QUEUE_LIMIT))
        return [(a, await self._store.get_statement(a.statement_id)) for a in found]

    async def decide_appeal(
        self, appeal_id: str, moderator: Moderator, *, reverse: bool, note: str
    ) -> Appeal:
        """Uphold or reverse a decision; a reversal lifts its sanction at once.

        Raises ``NotFound``, ``ClientError`` ``forbidden`` (the role may not, or the moderator took the
        decision) or ``appeal_decided`` (409).
        """
        appeal = await self._store.get_appeal(appeal_id[:64])
        if appeal is None:
            raise NotFound()
        if moderator.role not in SENIOR_ROLES:
            raise ClientError(code="forbidden")
        statement = await self._store.get_statement(appeal.statement_id)
        sanction = (
            await self._store.get_sanction(statement.sanction_id)
            if statement and statement.sanction_id
            else None
        )
        if sanction is not None and sanction.moderator_id == moderator.id:
            raise ClientError("the appeal goes to another moderator", code="same_moderator")
        now = self._clock.now()
        decided = replace(
            appeal,
            decided_at=now,
            decided_by=moderator.id,
            outcome="reversed" if reverse else "upheld",
            note=note.strip()[:_MAX_DETAILS],
        )
        if not await self._store.decide_appeal(decided):
            raise ClientError(code="appeal_decided")
        if reverse and sanction is not None:
            await self._lift(sanction, now)
        await self.audit.record(
            moderator.name,
            "appeal.reversed" if reverse else "appeal.upheld",
            f"appeal:{appeal.id}",
            {"statement": appeal.statement_id, "sanction": sanction.id if sanction else ""},
        )
        return decided

    async def _lift(self, sanction: Sanction, now: datetime) -> None:
        await self._store.lift_sanction(sanction.id, now)
        if sanction.kind is SanctionKind.MUTE:
            self._muted.pop(sanction.user_id, None)
        elif sanction.kind is SanctionKind.SHADOW_BAN:
            self._shadow.pop(sanction.user_id, None)
        elif sanction.kind is SanctionKind.MESSAGE_REMOVAL:
            ids = [MessageId(m) for m in sanction.detail.get("messages", "").split(",") if m]
            await self._store.set_message_action(ids, "allow")

    async def audit_entries(self, after: int, limit: int = 200) -> list[AuditEntry]:
        """Audit links after ``after``, in order."""
        return await self._store.audit_entries(after=after, limit=min(limit, 1000))

    async def verify_audit(self) -> ChainCheck:
        """Check the whole audit chain."""
        return await verify_chain(self._store)

    def label(self, category: str) -> str:
        """A category's French label."""
        return LABEL_FR.get(category, category)
