"""One table from errors to HTTP statuses and WebSocket close codes, and their user-facing bodies."""

from __future__ import annotations

from typing import Any

from havre.errors import Banned, ClientError, HavreError, InvalidField, PseudoTaken
from havre.transport.i18n import Language, error_text

HTTP_STATUS: dict[str, int] = {
    "bad_frame": 422,
    "invalid_body": 422,
    "invalid_pseudo": 422,
    "invalid_gender": 422,
    "invalid_age": 422,
    "too_young": 422,
    "minors_not_admitted": 422,
    "age_mismatch": 422,
    "invalid_postal_code": 422,
    "pseudo_taken": 409,
    "not_authenticated": 401,
    "banned": 403,
    "origin_forbidden": 403,
    "forbidden_audience": 403,
    "not_found": 404,
    "room_not_found": 404,
    "rate_limited": 429,
    # Moderation: notices, statements, appeals and the moderators' API.
    "invalid_reason": 422,
    "invalid_target": 422,
    "invalid_email": 422,
    "good_faith_required": 422,
    "reports_suspended": 403,
    "appeal_expired": 422,
    "already_appealed": 409,
    "invalid_credentials": 401,
    "forbidden": 403,
    "csrf_failed": 403,
    "same_moderator": 403,
    "case_closed": 409,
    "appeal_decided": 409,
    "invalid_clause": 422,
    "facts_required": 422,
    "invalid_duration": 422,
    "no_target": 422,
    "nothing_held": 422,
    "moderator_exists": 409,
    "not_implemented": 501,
    "unavailable": 503,
}

# WebSocket close codes of the contract.
CLOSE_NOT_AUTHENTICATED = 4001
CLOSE_BANNED = 4003
CLOSE_TOO_SLOW = 4008
CLOSE_TOO_LARGE = 1009
CLOSE_GOING_AWAY = 1001

# Codes whose detail is itself the text to show (a reason written for the user).
_DETAIL_IS_TEXT = frozenset({"rejected", "held"})


def error_message(error: HavreError, language: Language) -> tuple[str, str]:
    """The code and the user-facing text of an error; service errors say only ``unavailable``."""
    if not isinstance(error, ClientError):
        return "unavailable", error_text(language, "unavailable")
    if error.code in _DETAIL_IS_TEXT and error.detail:
        return error.code, error.detail
    return error.code, error_text(language, error.code, error.detail)


def error_body(error: HavreError, language: Language) -> tuple[int, dict[str, Any]]:
    """The HTTP status and JSON body ``{"error": {"code", "message", ...}}`` of an error."""
    code, message = error_message(error, language)
    body: dict[str, Any] = {"code": code, "message": message}
    if isinstance(error, InvalidField | PseudoTaken):
        body["field"] = error.field
    if isinstance(error, Banned):
        body["reason"] = error.reason
        body["until"] = error.until.isoformat() if error.until else None
    return HTTP_STATUS.get(code, 400 if isinstance(error, ClientError) else 503), {"error": body}
