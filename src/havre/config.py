"""Settings: the only module that reads the environment.

Sources, later ones winning: defaults, an optional TOML file (``HAVRE_CONFIG`` or ``--config``), then
``HAVRE_<SECTION>_<KEY>`` environment variables (``HAVRE_SERVER_PORT=8080``,
``HAVRE_STORAGE_DATABASE_URL=...``; ``HAVRE_DATABASE_URL`` is accepted as a short form). Values are
checked at load time; a wrong one raises :class:`~havre.errors.ConfigError` naming its key.
"""

from __future__ import annotations

import dataclasses
import enum
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints

from havre.errors import ConfigError


class Secret:
    """A secret string whose repr and str are masked, so it never lands in a log."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself: call only where it is used."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class ChatMode(enum.Enum):
    """Which age bands an operator admits."""

    MIXED = "mixed"  # minors and adults, kept apart
    ADULTS_ONLY = "adults_only"


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """The HTTP listener."""

    host: str = "127.0.0.1"
    port: int = 8000
    # Origins allowed for browser WebSocket handshakes, besides the server's own host.
    allowed_origins: tuple[str, ...] = ()
    # Trust X-Forwarded-For from a reverse proxy on loopback.
    trust_proxy: bool = False
    secure_cookies: bool = False
    # One log line per HTTP request, with the client's address: off by default (anonymity, and cost).
    access_log: bool = False


@dataclass(frozen=True, slots=True)
class StorageSettings:
    """Where data lives. The default is an SQLite file under ``./var/``."""

    database_url: str = "sqlite+aiosqlite:///var/havre.db"
    write_batch_max: int = 256  # messages written in one transaction at most
    write_queue_max: int = 10_000  # messages waiting to be written at most


@dataclass(frozen=True, slots=True)
class BusSettings:
    """Fan-out between nodes: ``memory`` for one process; Redis comes with the scale-out work."""

    url: str = "memory://"


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """The chat's rules."""

    mode: ChatMode = ChatMode.MIXED
    min_age: int = 15
    max_age: int = 120
    history_size: int = 50
    max_text_length: int = 1000
    # How long a session with no open socket keeps its pseudo, in seconds.
    online_grace_seconds: int = 600
    # A session unused for this long ends, in seconds.
    session_ttl_seconds: int = 7 * 24 * 3600
    seed_default_rooms: bool = True
    allow_mixed_rooms: bool = False
    # Days during which a device or an address that declared one band cannot enter the minors' band.
    age_hop_days: int = 30
    # Match earlier declarations by address too (not only by device). Addresses are shared by
    # households and mobile carriers' NAT: turning this off trades protection for fewer refusals.
    age_hop_by_address: bool = True


@dataclass(frozen=True, slots=True)
class LimitsSettings:
    """Flood and resource limits."""

    max_frame_bytes: int = 64 * 1024
    # Bytes waiting for a socket (written but unsent, or pending) before it is closed 4008.
    send_buffer_bytes: int = 1024 * 1024
    # Kernel send buffer of each WebSocket, in bytes (0: the system's default, which grows to MBs).
    socket_send_buffer: int = 0
    messages_per_second: float = 3.0
    messages_burst: int = 10
    frames_per_second: float = 20.0
    frames_burst: int = 60
    entries_per_minute: float = 10.0  # per client address
    sockets_per_user: int = 8
    rooms_per_user: int = 10
    heartbeat_seconds: float = 30.0
    # Sockets authenticated and greeted at once; the others wait their turn (a reconnection storm).
    handshakes_in_flight: int = 4


@dataclass(frozen=True, slots=True)
class SafetySettings:
    """The message-screening pipeline."""

    enabled: bool = True


@dataclass(frozen=True, slots=True)
class AgeAssuranceSettings:
    """The provider that lets adults into adult-content rooms: ``none`` (no such room) or ``test``."""

    provider: str = "none"
    test_secret: Secret = field(default_factory=lambda: Secret(""))


@dataclass(frozen=True, slots=True)
class ModerationSettings:
    """Moderation: queue timers, appeal period, strikes (DSA art. 23) and the moderator console."""

    # Time to a decision per tier, in minutes: life, safety and children; trusted flaggers; the rest.
    sla_life_minutes: int = 60
    sla_trusted_minutes: int = 12 * 60
    sla_other_minutes: int = 48 * 60
    appeal_days: int = 183  # six months to appeal (DSA art. 20)
    strike_window_days: int = 180
    warn_after: int = 2  # this strike's statement warns that the next ones suspend
    suspend_after: int = 3  # this many strikes in the window suspend automatically
    suspension_days: int = 7
    unfounded_warn_after: int = 2  # manifestly unfounded notices before a warning
    unfounded_suspend_after: int = 3  # ... and before their notices are not processed for a while
    notice_suspension_days: int = 30
    recent_hours: int = 24  # "remove recent messages" reaches this far back
    reports_per_minute: float = 10.0  # notices per client address
    console_session_hours: int = 12
    out_of_court: str = (
        "un organe de règlement extrajudiciaire des litiges certifié (art. 21 du règlement sur les services "
        "numériques), dont l'Arcom publie la liste"
    )


@dataclass(frozen=True, slots=True)
class SecretSettings:
    """Keys. ``ip_hash_key`` keys the hash of client addresses; set it in production."""

    ip_hash_key: Secret = field(default_factory=lambda: Secret("havre-development-key-change-me"))


@dataclass(frozen=True, slots=True)
class Settings:
    """The whole settings tree."""

    server: ServerSettings = field(default_factory=ServerSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    bus: BusSettings = field(default_factory=BusSettings)
    chat: ChatSettings = field(default_factory=ChatSettings)
    limits: LimitsSettings = field(default_factory=LimitsSettings)
    safety: SafetySettings = field(default_factory=SafetySettings)
    age_assurance: AgeAssuranceSettings = field(default_factory=AgeAssuranceSettings)
    moderation: ModerationSettings = field(default_factory=ModerationSettings)
    secrets: SecretSettings = field(default_factory=SecretSettings)


_ALIASES = {"HAVRE_DATABASE_URL": "storage.database_url"}


def load_settings(environ: Mapping[str, str], config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build and check the settings from a TOML file, the environment and explicit overrides.

    ``overrides`` are dotted keys (``{"server.port": 9000}``) set last, as the command line does.
    Raises ``ConfigError`` naming the first wrong key.
    """
    raw: dict[str, dict[str, Any]] = {}
    path = config_file or (Path(environ["HAVRE_CONFIG"]) if environ.get("HAVRE_CONFIG") else None)
    if path is not None:
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read {path}: {exc}", "config") from exc
        for section, values in document.items():
            if not isinstance(values, dict):
                raise ConfigError("must be a table", section)
            raw.setdefault(section, {}).update(values)
    sections = {f.name: f for f in dataclasses.fields(Settings)}
    for name, value in environ.items():
        dotted = _ALIASES.get(name)
        if dotted is None and name.startswith("HAVRE_") and name != "HAVRE_CONFIG":
            rest = name[len("HAVRE_") :].lower()
            prefix = next((s for s in sections if rest.startswith(s + "_")), None)
            if prefix is None:
                continue
            dotted = f"{prefix}.{rest[len(prefix) + 1 :]}"
        if dotted is not None:
            section, key = dotted.split(".", 1)
            raw.setdefault(section, {})[key] = value
    for dotted, value in overrides.items():
        if value is not None:
            section, key = dotted.split(".", 1)
            raw.setdefault(section, {})[key] = value
    built: dict[str, Any] = {}
    for section, values in raw.items():
        if section not in sections:
            raise ConfigError("unknown section", section)
        section_type = get_type_hints(Settings)[section]
        built[section] = _build_section(section, section_type, values)
    settings = Settings(**built)
    _check(settings)
    return settings


def _build_section(section: str, cls: type[Any], values: Mapping[str, Any]) -> Any:
    hints = get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError("unknown key", f"{section}.{key}")
        kwargs[key] = _coerce(value, hints[key], f"{section}.{key}")
    return cls(**kwargs)


def _coerce(value: Any, kind: Any, key: str) -> Any:
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(value)
        if kind is int:
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
        if kind is float:
            return float(value)
        if kind is str:
            return str(value)
        if kind is Secret:
            return Secret(str(value))
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return kind(str(value))
        if getattr(kind, "__origin__", None) is tuple:
            items = value if isinstance(value, list) else [v for v in str(value).split(",") if v.strip()]
            return tuple(str(v).strip() for v in items)
    except ValueError as exc:
        raise ConfigError(f"invalid value {value!r}", key) from exc
    raise ConfigError(f"unsupported type {kind!r}", key)


def _check(settings: Settings) -> None:
    if not 1 <= settings.server.port <= 65535:
        raise ConfigError("must be between 1 and 65535", "server.port")
    if not 13 <= settings.chat.min_age <= 18:
        raise ConfigError("must be between 13 and 18", "chat.min_age")
    if settings.chat.history_size < 0:
        raise ConfigError("must be >= 0", "chat.history_size")
    if not 1 <= settings.chat.max_text_length <= 10_000:
        raise ConfigError("must be between 1 and 10000", "chat.max_text_length")
    for key in (
        "send_buffer_bytes",
        "max_frame_bytes",
        "frames_burst",
        "messages_burst",
        "sockets_per_user",
        "handshakes_in_flight",
    ):
        if getattr(settings.limits, key) <= 0:
            raise ConfigError("must be > 0", f"limits.{key}")
    for key in ("messages_per_second", "frames_per_second", "entries_per_minute", "heartbeat_seconds"):
        if getattr(settings.limits, key) <= 0:
            raise ConfigError("must be > 0", f"limits.{key}")
    if settings.storage.write_batch_max <= 0 or settings.storage.write_queue_max <= 0:
        raise ConfigError("must be > 0", "storage.write_batch_max")
    if settings.age_assurance.provider not in ("none", "test"):
        raise ConfigError("must be none or test", "age_assurance.provider")
    if settings.age_assurance.provider == "test" and len(settings.age_assurance.test_secret.reveal()) < 16:
        raise ConfigError("must be at least 16 characters", "age_assurance.test_secret")
    if not 0 <= settings.chat.age_hop_days <= 365:
        raise ConfigError("must be between 0 and 365", "chat.age_hop_days")
    moderation = settings.moderation
    for key in (
        "sla_life_minutes",
        "sla_trusted_minutes",
        "sla_other_minutes",
        "appeal_days",
        "strike_window_days",
        "suspension_days",
        "notice_suspension_days",
        "recent_hours",
        "console_session_hours",
    ):
        if getattr(moderation, key) <= 0:
            raise ConfigError("must be > 0", f"moderation.{key}")
    if not 1 <= moderation.warn_after < moderation.suspend_after:
        raise ConfigError("must be >= 1 and below moderation.suspend_after", "moderation.warn_after")
    if not 1 <= moderation.unfounded_warn_after < moderation.unfounded_suspend_after:
        raise ConfigError(
            "must be >= 1 and below moderation.unfounded_suspend_after", "moderation.unfounded_warn_after"
        )
    if moderation.reports_per_minute <= 0:
        raise ConfigError("must be > 0", "moderation.reports_per_minute")
    if not settings.storage.database_url:
        raise ConfigError("must not be empty", "storage.database_url")
