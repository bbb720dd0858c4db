"""Moderator accounts and console sessions: argon2id passwords, TOTP second factor, roles.

Passwords are hashed with argon2id (argon2-cffi's defaults) in a worker thread, so a login never stalls
the event loop. A TOTP code is accepted once (its time step is recorded), within one step of drift.
Session tokens are random; only their SHA-256 is stored. Each session carries a CSRF token that every
mutating request must echo in ``X-CSRF-Token``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from havre.errors import ClientError, NotAuthenticated, RateLimited
from havre.services.clock import Clock
from havre.services.limiter import KeyedLimiter
from havre.storage.moderation import ModerationRepository, Moderator, ModSession, Role

_NAME = re.compile(r"^[A-Za-z0-9_.-]{3,64}$")
MIN_PASSWORD = 12
ISSUER = "Havre modération"
_TOTP_STEP = 30


@dataclass(frozen=True, slots=True)
class LoggedIn:
    """A new console session: the token for the cookie and the CSRF token for the page."""

    moderator: Moderator
    token: str
    csrf: str


@dataclass(frozen=True, slots=True)
class Created:
    """A new moderator and the TOTP provisioning URI, shown once."""

    moderator: Moderator
    provisioning_uri: str


def session_hash(token: str) -> bytes:
    """The stored form of a console session token."""
    return hashlib.sha256(token.encode()).digest()


class ModeratorAuth:
    """Creates moderators, logs them in and resolves console sessions."""

    def __init__(self, store: ModerationRepository, clock: Clock, *, session_hours: int = 12) -> None:
        self._store = store
        self._clock = clock
        self._session = timedelta(hours=session_hours)
        self._hasher = PasswordHasher()
        self._dummy: str | None = None
        # Five attempts a minute per name and per address, then one every 12 s.
        self._limiter = KeyedLimiter(5 / 60, 5)

    async def create(self, name: str, role: Role, password: str) -> Created:
        """A new moderator with a fresh TOTP secret.

        Raises ``ClientError`` ``invalid_name``, ``weak_password`` or ``moderator_exists``.
        """
        if not _NAME.match(name):
            raise ClientError("3-64 letters, digits, _ . -", code="invalid_name")
        if len(password) < MIN_PASSWORD:
            raise ClientError(f"at least {MIN_PASSWORD} characters", code="weak_password")
        secret = pyotp.random_base32()
        password_hash = await asyncio.to_thread(self._hasher.hash, password)
        moderator = Moderator(
            id="m_" + secrets.token_hex(12),
            name=name,
            role=role,
            password_hash=password_hash,
            totp_secret=secret,
            created_at=self._clock.now(),
        )
        await self._store.add_moderator(moderator)
        uri = pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)
        return Created(moderator, uri)

    def _verify_password(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    async def login(self, name: str, password: str, code: str, *, address: str) -> LoggedIn:
        """Check the password and the TOTP code; open a session.

        Raises ``RateLimited`` (too many attempts for this name or address) or ``ClientError``
        ``invalid_credentials`` (never says which factor failed).
        """
        now_mono = self._clock.monotonic()
        if not (
            self._limiter.allow("n:" + name[:64], now_mono) and self._limiter.allow("a:" + address, now_mono)
        ):
            raise RateLimited()
        moderator = await self._store.moderator_by_name(name[:64])
        if moderator is None or moderator.disabled:
            # Spend the same time as a real check, so names cannot be told apart by timing.
            if self._dummy is None:
                self._dummy = await asyncio.to_thread(self._hasher.hash, secrets.token_hex(8))
            await asyncio.to_thread(self._verify_password, self._dummy, password)
            raise ClientError(code="invalid_credentials")
        if not await asyncio.to_thread(self._verify_password, moderator.password_hash, password):
            raise ClientError(code="invalid_credentials")
        step = self._totp_step(moderator.totp_secret, code)
        if step is None or not await self._store.use_totp_step(moderator.id, step):
            raise ClientError(code="invalid_credentials")
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(24)
        now = self._clock.now()
        await self._store.add_session(
            ModSession(session_hash(token), moderator.id, csrf, now, now + self._session)
        )
        return LoggedIn(moderator, token, csrf)

    def _totp_step(self, secret: str, code: str) -> int | None:
        """The time step whose code matches (one step of drift either way), or ``None``."""
        code = code.strip()
        if not code.isdigit() or len(code) != 6:
            return None
        totp = pyotp.TOTP(secret)
        current = int(self._clock.now().timestamp()) // _TOTP_STEP
        for step in (current - 1, current, current + 1):
            if hmac.compare_digest(totp.generate_otp(step), code):
                return step
        return None

    async def authenticate(self, token: str | None) -> tuple[Moderator, ModSession]:
        """The moderator and session of a console token. Raises ``NotAuthenticated``."""
        if not token or len(token) > 128:
            raise NotAuthenticated()
        session = await self._store.get_session(session_hash(token))
        if session is None or session.expires_at <= self._clock.now():
            raise NotAuthenticated()
        moderator = await self._store.get_moderator(session.moderator_id)
        if moderator is None or moderator.disabled:
            raise NotAuthenticated()
        return moderator, session

    async def logout(self, token: str) -> None:
        """End a console session (idempotent)."""
        await self._store.end_session(session_hash(token))
