"""Moderation: notices, the prioritised queue, decisions, statements of reasons, appeals, strikes, audit.

Modules: ``reasons`` (the fixed list of notice reasons, their safety categories and the queue tiers),
``terms`` (the versioned terms of use each decision cites), ``auth`` (moderator accounts: argon2id, TOTP,
console sessions with CSRF tokens), ``audit`` (the hash-chained audit log and its verification),
``service`` (``ModerationService``: reports with snapshots, cases, decisions and sanctions, statements of
reasons, appeals, strikes; the entry gate and the restrictions the chat reads).
"""

from havre.services.moderation.audit import AuditLog, ChainCheck, verify_chain
from havre.services.moderation.auth import Created, LoggedIn, ModeratorAuth
from havre.services.moderation.reasons import Reason
from havre.services.moderation.service import (
    Action,
    CaseView,
    Decided,
    Decision,
    ModerationRules,
    ModerationService,
    Reporter,
    ReportForm,
    SanctionNotifier,
)

__all__ = [
    "Action",
    "AuditLog",
    "CaseView",
    "ChainCheck",
    "Created",
    "Decided",
    "Decision",
    "LoggedIn",
    "ModerationRules",
    "ModerationService",
    "ModeratorAuth",
    "Reason",
    "ReportForm",
    "Reporter",
    "SanctionNotifier",
    "verify_chain",
]
