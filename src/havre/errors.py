"""The error tree. Every error Havre raises on purpose is a ``HavreError``::

    HavreError
    ├── ClientError            stable ``code``, safe to show users (text from the message catalogues)
    │   ├── BadFrame           bad_frame: not JSON, unknown type, missing or ill-typed field
    │   ├── InvalidField       invalid_pseudo / invalid_gender / invalid_age / too_young /
    │   │                      invalid_postal_code / minors_not_admitted / invalid_body (with ``field``)
    │   ├── PseudoTaken        pseudo_taken
    │   ├── NotAuthenticated   not_authenticated
    │   ├── Banned             banned (with ``until`` and ``reason``)
    │   ├── NotFound           not_found, room_not_found
    │   ├── NotMember          not_member
    │   ├── ForbiddenAudience  forbidden_audience
    │   ├── RecipientUnavailable recipient_unavailable
    │   ├── Blocked            blocked
    │   ├── TextTooLong        text_too_long
    │   ├── EmptyText          empty_text
    │   ├── RateLimited        rate_limited
    │   ├── Muted              muted
    │   ├── Rejected           rejected (the safety pipeline refused the message; ``reason`` says why)
    │   ├── Held               held
    │   ├── Forbidden          forbidden (and moderation's same_moderator, reports_suspended)
    │   └── NotImplementedYet  not_implemented
    └── ServiceError           never shown to users
        ├── ConfigError        a setting is wrong (names the key)
        ├── StorageUnavailable
        └── BusUnavailable

``transport.status`` maps codes to HTTP statuses and WebSocket close codes.
"""

from __future__ import annotations

from datetime import datetime


class HavreError(Exception):
    """Root of every error Havre raises on purpose."""


class ClientError(HavreError):
    """An error caused by the client's request; ``code`` is stable and part of the wire contract."""

    code = "client_error"

    def __init__(self, detail: str | None = None, *, code: str | None = None) -> None:
        super().__init__(detail or code or self.code)
        if code is not None:
            self.code = code
        self.detail = detail


class BadFrame(ClientError):
    """The frame or body is malformed: not JSON, unknown type, missing or ill-typed field."""

    code = "bad_frame"


class InvalidField(ClientError):
    """One entry field is refused; ``field`` names it and ``code`` says why."""

    code = "invalid_field"

    def __init__(self, field: str, code: str, detail: str | None = None) -> None:
        super().__init__(detail, code=code)
        self.field = field


class PseudoTaken(ClientError):
    """Someone online already uses that pseudo (after folding case, accents and look-alikes)."""

    code = "pseudo_taken"

    def __init__(self) -> None:
        super().__init__()
        self.field = "pseudo"


class NotAuthenticated(ClientError):
    """No session, or the session has ended."""

    code = "not_authenticated"


class Banned(ClientError):
    """Entry refused by a sanction; ``until`` is ``None`` for a permanent ban."""

    code = "banned"

    def __init__(self, reason: str, until: datetime | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.until = until


class NotFound(ClientError):
    """The thing asked for does not exist (or is not visible to the caller)."""

    code = "not_found"


class RoomNotFound(NotFound):
    """No such room, or not one the caller may know of."""

    code = "room_not_found"


class NotMember(ClientError):
    """The user is not in that room."""

    code = "not_member"


class ForbiddenAudience(ClientError):
    """The room is not for the user's age band."""

    code = "forbidden_audience"


class RecipientUnavailable(ClientError):
    """Offline, unknown, or not reachable by this user: deliberately never says which."""

    code = "recipient_unavailable"


class Blocked(ClientError):
    """The sender has blocked the recipient (unblock first)."""

    code = "blocked"


class TextTooLong(ClientError):
    """The text is over the limit."""

    code = "text_too_long"


class EmptyText(ClientError):
    """The text is empty or blank."""

    code = "empty_text"


class RateLimited(ClientError):
    """Too many requests; try again later."""

    code = "rate_limited"


class Muted(ClientError):
    """The user is muted by a moderator."""

    code = "muted"


class Rejected(ClientError):
    """The safety pipeline refused the message; ``detail`` says why, in French."""

    code = "rejected"


class Held(ClientError):
    """The message waits for a moderator and reaches nobody until then."""

    code = "held"


class Forbidden(ClientError):
    """The caller may not do this (a moderator's role, another moderator's appeal, a CSRF check)."""

    code = "forbidden"


class NotImplementedYet(ClientError):
    """An endpoint of the contract that this version does not serve yet."""

    code = "not_implemented"


class ServiceError(HavreError):
    """A failure of Havre or of a service it needs; never shown to users in detail."""


class ConfigError(ServiceError):
    """A setting is wrong; ``key`` names it (``"chat.min_age"``)."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key


class StorageUnavailable(ServiceError):
    """The database did not answer or failed."""


class BusUnavailable(ServiceError):
    """The message bus did not answer or failed."""
