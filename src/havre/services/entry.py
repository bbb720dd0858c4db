"""Anonymous entry: pseudo, gender, age and postal code in; a user and a session token out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from havre.domain.departments import PostalCodeProblem, department_for
from havre.domain.pseudo import pseudo_key, pseudo_problem
from havre.domain.users import ADULT_AGE, AGE_HOP_DAYS, AgeBand, Gender, User, band_for_age
from havre.errors import InvalidField, NotAuthenticated, RateLimited
from havre.services.clock import Clock
from havre.services.identity import keyed_hash, new_sortable_id, new_token, new_user_id, token_hash
from havre.services.limiter import KeyedLimiter
from havre.services.ports import EntryGate, SignalSink
from havre.storage.repositories import NewUser, SafetySignal, SignalRepository, UserRepository


@dataclass(frozen=True, slots=True)
class EntryForm:
    """The entry fields, typed at the edge and checked here."""

    pseudo: str
    gender: str
    age: int
    postal_code: str


@dataclass(frozen=True, slots=True)
class EntryRules:
    """The operator's entry rules (from ``ChatSettings``)."""

    min_age: int = 15
    max_age: int = 120
    adults_only: bool = False
    online_grace_seconds: int = 600
    entries_per_minute: float = 10.0
    age_hop_days: int = AGE_HOP_DAYS
    age_hop_by_address: bool = True


@dataclass(frozen=True, slots=True)
class Entered:
    """A new user and the session token to give back (shown once, stored hashed)."""

    user: User
    token: str


class EntryService:
    """Creates anonymous users and resolves session tokens."""

    def __init__(
        self,
        users: UserRepository,
        signals: SignalRepository,
        clock: Clock,
        rules: EntryRules,
        hash_key: str,
        *,
        gate: EntryGate | None = None,
        signal_sink: SignalSink | None = None,
    ) -> None:
        self._users = users
        self._gate = gate
        self._signal_sink = signal_sink
        self._signals = signals
        self._clock = clock
        self._rules = rules
        self._hash_key = hash_key
        per_second = rules.entries_per_minute / 60.0
        self._limiter = KeyedLimiter(per_second, max(1.0, rules.entries_per_minute))

    def check(self, form: EntryForm) -> tuple[Gender, str]:
        """Check every field; returns the gender and the département code.

        Raises ``InvalidField`` with the field's name and a code: ``invalid_pseudo`` (detail:
        length, characters or targeting), ``invalid_gender``, ``invalid_age``, ``too_young``,
        ``minors_not_admitted``, ``invalid_postal_code`` (detail: format, monaco or unknown).
        """
        problem = pseudo_problem(form.pseudo)
        if problem is not None:
            raise InvalidField("pseudo", "invalid_pseudo", problem.value)
        try:
            gender = Gender(form.gender)
        except ValueError:
            raise InvalidField("gender", "invalid_gender") from None
        if form.age < 0 or form.age > self._rules.max_age:
            raise InvalidField("age", "invalid_age")
        if form.age < self._rules.min_age:
            raise InvalidField("age", "too_young", str(self._rules.min_age))
        if self._rules.adults_only and form.age < ADULT_AGE:
            raise InvalidField("age", "minors_not_admitted")
        department = department_for(form.postal_code)
        if isinstance(department, PostalCodeProblem):
            raise InvalidField("postal_code", "invalid_postal_code", department.value)
        return gender, department.code

    async def enter(self, form: EntryForm, *, address: str, device: str | None = None) -> Entered:
        """Create a user from a checked form.

        ``address`` is the client's IP address (only its keyed hash is kept); ``device`` the long-lived
        device cookie, if any. Raises ``InvalidField``, ``PseudoTaken``, ``RateLimited``, ``Banned``
        (a ban covers this device or address) or ``StorageUnavailable``.
        """
        address_hash = keyed_hash(self._hash_key, address)
        if not self._limiter.allow(address_hash, self._clock.monotonic()):
            raise RateLimited()
        gender, department = self.check(form)
        now = self._clock.now()
        device_hash = keyed_hash(self._hash_key, device) if device else None
        if self._gate is not None:
            await self._gate.check_entry(device_hash, address_hash)
        hopped_from = await self._age_hop(form.age, device_hash, address_hash, now)
        pseudo = form.pseudo.strip()
        user = User(
            id=new_user_id(),
            pseudo=pseudo,
            gender=gender,
            age=form.age,
            department=department,
            created_at=now,
        )
        token = new_token()
        await self._users.create(
            NewUser(
                user=user,
                token_hash=token_hash(token),
                pseudo_key=pseudo_key(pseudo),
                device_hash=device_hash,
                address_hash=address_hash,
            ),
            now=now,
            idle_before=now - timedelta(seconds=self._rules.online_grace_seconds),
        )
        if hopped_from is not None:
            await self._hop_signal(user, hopped_from, "allow")
        return Entered(user, token)

    async def _age_hop(
        self, age: int, device_hash: str | None, address_hash: str, now: datetime
    ) -> User | None:
        """The earlier user of this device or address who declared the other band, if any.

        Raises ``InvalidField("age", "age_mismatch")`` (and records a signal) when the new declaration
        would enter the minors' band: an adult who declared 34 yesterday does not become 15 today.
        """
        band = band_for_age(age)
        other = await self._users.declared_since(
            device_hash=device_hash,
            address_hash=address_hash if self._rules.age_hop_by_address else None,
            since=now - timedelta(days=self._rules.age_hop_days),
            adults=band is AgeBand.MINORS,
        )
        if other is None:
            return None
        if band is AgeBand.MINORS:
            await self._hop_signal(other, other, "refuse", declared=age)
            raise InvalidField("age", "age_mismatch")
        return other

    async def _hop_signal(self, user: User, earlier: User, action: str, declared: int | None = None) -> None:
        now = self._clock.now()
        age = declared if declared is not None else user.age
        signal = SafetySignal(
            id=new_sortable_id(now),
            user=user.id,
            space="entry",
            message=None,
            action=action,
            categories=("age_hopping",),
            scores={},
            text=f"declared {age} after {earlier.age} ({earlier.pseudo}) from the same device or address",
            created_at=now,
        )
        await self._signals.add(signal)
        if self._signal_sink is not None and action == "refuse":
            await self._signal_sink.signal(signal)

    async def authenticate(self, token: str | None) -> User:
        """The live user holding ``token``. Raises ``NotAuthenticated``."""
        if not token or len(token) > 128:
            raise NotAuthenticated()
        user = await self._users.by_token_hash(token_hash(token))
        if user is None:
            raise NotAuthenticated()
        return user

    async def leave(self, user: User) -> None:
        """End the user's session: the token stops working and the pseudo is free."""
        await self._users.end(user.id, now=self._clock.now())
