"""``build_app(settings)``: the one place that builds and wires Havre's objects, and runs its life cycle."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

from aiohttp import web

from havre.bus.memory import InProcessBus
from havre.bus.protocol import Bus
from havre.bus.redis import RedisBus
from havre.config import Settings
from havre.errors import ConfigError
from havre.jobs.runner import Job, JobRunner
from havre.services.age_assurance import AgeAssurance, SharedSecretAgeAssurance
from havre.services.chat import ChatRules, ChatService
from havre.services.clock import Clock, SystemClock
from havre.services.entry import EntryRules, EntryService
from havre.services.message_log import MessageLog
from havre.services.moderation import AuditLog, ModerationRules, ModerationService, ModeratorAuth
from havre.services.ports import NoScreen, Screen
from havre.services.presence import Presence
from havre.services.rooms import RoomService
from havre.storage.memory import memory_repositories
from havre.storage.moderation import MemoryModerationRepository, ModerationRepository
from havre.storage.repositories import Repositories
from havre.storage.sql.engine import create_engine
from havre.storage.sql.migrate import upgrade
from havre.storage.sql.moderation import SqlModerationRepository
from havre.storage.sql.repositories import SqlDatabase, sql_repositories
from havre.transport import http, pages, ws
from havre.transport import moderation as moderation_http
from havre.transport.context import CONTEXT, Context
from havre.transport.hub import Hub
from havre.transport.metrics import build_metrics
from havre.transport.outbound import BusOutbound
from havre.transport.status import CLOSE_GOING_AWAY

log = logging.getLogger(__name__)

MEMORY_URL = "memory://"
_TOUCH_SECONDS = 60.0
_EXPIRE_SECONDS = 300.0


def build_screen(settings: Settings) -> Screen:
    """The safety pipeline when screening is on, else a screen that allows everything."""
    if not settings.safety.enabled:
        return NoScreen()
    from havre.safety import build_pipeline

    return build_pipeline()


def build_age_assurance(settings: Settings) -> AgeAssurance | None:
    """The age-assurance provider named by ``age_assurance.provider``, or ``None``."""
    if settings.age_assurance.provider == "test":
        return SharedSecretAgeAssurance(settings.age_assurance.test_secret.reveal())
    return None


def moderation_rules(settings: Settings) -> ModerationRules:
    """The moderation service's rules from the ``moderation`` settings."""
    m = settings.moderation
    return ModerationRules(
        sla_minutes=(m.sla_life_minutes, m.sla_trusted_minutes, m.sla_other_minutes),
        appeal_days=m.appeal_days,
        strike_window_days=m.strike_window_days,
        warn_after=m.warn_after,
        suspend_after=m.suspend_after,
        suspension_days=m.suspension_days,
        unfounded_warn_after=m.unfounded_warn_after,
        unfounded_suspend_after=m.unfounded_suspend_after,
        notice_suspension_days=m.notice_suspension_days,
        recent_hours=m.recent_hours,
        reports_per_minute=m.reports_per_minute,
        out_of_court=m.out_of_court,
    )


def build_bus(settings: Settings) -> Bus:
    """The bus named by ``bus.url``."""
    if settings.bus.url == "memory://":
        return InProcessBus()
    if settings.bus.url.startswith(("redis://", "rediss://", "unix://")):
        return RedisBus(settings.bus.url)
    raise ConfigError("must be memory:// or a redis:// URL", "bus.url")


def build_app(
    settings: Settings, *, clock: Clock | None = None, screen: Screen | None = None
) -> web.Application:
    """An aiohttp application serving Havre with ``settings``; storage opens when the app starts."""
    app = web.Application(
        middlewares=[pages.security_headers, http.errors_middleware], client_max_size=64 * 1024
    )
    http.add_routes(app)
    moderation_http.add_routes(app)
    app.router.add_get(pages.WEBSOCKET_PATH, ws.websocket)
    pages.add_routes(app)

    async def life(app: web.Application) -> AsyncIterator[None]:
        async with _Running(app, settings, clock or SystemClock(), screen):
            yield

    async def close_sockets(app: web.Application) -> None:
        # On shutdown, before aiohttp waits for handlers to finish: say goodbye to every socket.
        if CONTEXT in app:
            for connection in app[CONTEXT].hub.all():
                connection.close_soon(CLOSE_GOING_AWAY, b"server shutting down")

    app.cleanup_ctx.append(life)
    app.on_shutdown.append(close_sockets)
    return app


class _Running:
    """Opens storage and the bus, wires the services, starts the jobs; undoes it all on exit."""

    def __init__(self, app: web.Application, settings: Settings, clock: Clock, screen: Screen | None) -> None:
        self.app = app
        self.settings = settings
        self.clock = clock
        self.screen = screen
        self.database: SqlDatabase | None = None
        self.jobs = JobRunner()

    async def __aenter__(self) -> None:
        settings, clock = self.settings, self.clock
        repos = await self._open_storage()
        bus = build_bus(settings)
        presence = Presence()
        age_assurance = build_age_assurance(settings)
        rooms = RoomService(
            repos.rooms,
            presence,
            clock,
            allow_mixed_rooms=settings.chat.allow_mixed_rooms,
            age_assurance=age_assurance is not None,
        )
        if settings.chat.seed_default_rooms:
            created = await rooms.seed_defaults()
            if created:
                log.info("created %d default rooms", created)
        message_log = MessageLog(
            repos.messages,
            batch_max=settings.storage.write_batch_max,
            queue_max=settings.storage.write_queue_max,
        )
        metrics = build_metrics(pending=lambda: message_log.pending)
        outbound = BusOutbound(bus)
        store: ModerationRepository = MemoryModerationRepository(repos)
        if self.database is not None:
            store = SqlModerationRepository(self.database)
        moderation = ModerationService(
            store,
            repos,
            outbound,
            moderation_http.BusSanctionNotifier(bus, outbound.language_of),
            clock,
            moderation_rules(settings),
            AuditLog(store, clock),
        )
        await moderation.start()
        chat = ChatService(
            repos,
            rooms,
            presence,
            message_log,
            outbound,
            self.screen or build_screen(settings),
            clock,
            ChatRules(
                history_size=settings.chat.history_size,
                max_text_length=settings.chat.max_text_length,
                messages_per_second=settings.limits.messages_per_second,
                messages_burst=settings.limits.messages_burst,
                rooms_per_user=settings.limits.rooms_per_user,
            ),
            age_assurance,
            restrictions=moderation,
            signal_sink=moderation,
        )
        entry = EntryService(
            repos.users,
            repos.signals,
            clock,
            EntryRules(
                min_age=settings.chat.min_age,
                max_age=settings.chat.max_age,
                adults_only=settings.chat.mode.value == "adults_only",
                online_grace_seconds=settings.chat.online_grace_seconds,
                entries_per_minute=settings.limits.entries_per_minute,
                age_hop_days=settings.chat.age_hop_days,
                age_hop_by_address=settings.chat.age_hop_by_address,
            ),
            settings.secrets.ip_hash_key.reveal(),
            gate=moderation,
            signal_sink=moderation,
        )
        hub = Hub(presence.member_ids, chat.has_blocked, metrics.stats)  # type: ignore[arg-type]
        bus.subscribe(hub.deliver)
        await bus.start()
        self.app[CONTEXT] = Context(
            settings=settings,
            clock=clock,
            entry=entry,
            rooms=rooms,
            chat=chat,
            presence=presence,
            hub=hub,
            outbound=outbound,
            bus=bus,
            health=repos.health,
            metrics=metrics,
            handshakes=asyncio.Semaphore(settings.limits.handshakes_in_flight),
        )
        self.app[moderation_http.MODERATION] = moderation_http.ModerationContext(
            moderation,
            ModeratorAuth(store, clock, session_hours=settings.moderation.console_session_hours),
        )
        self.message_log = message_log
        self.bus = bus
        self.hub = hub

        async def touch_online() -> None:
            await repos.users.touch(presence.online_ids(), now=clock.now())

        async def end_idle_sessions() -> None:
            now = clock.now()
            ended = await repos.users.end_idle(
                idle_before=now - timedelta(seconds=settings.chat.session_ttl_seconds), now=now
            )
            if ended:
                log.info("ended %d idle sessions", ended)

        self.jobs.start(Job("message_writer", message_log.run))
        self.jobs.start(Job("bus_listener", bus.listen))
        heartbeat = settings.limits.heartbeat_seconds

        async def ping_sockets() -> None:
            hub.heartbeat(asyncio.get_running_loop().time(), silence=2.5 * heartbeat)

        self.jobs.start(Job("ping_sockets", ping_sockets, every=heartbeat))
        self.jobs.start(Job("touch_online_users", touch_online, every=_TOUCH_SECONDS))
        self.jobs.start(Job("end_idle_sessions", end_idle_sessions, every=_EXPIRE_SECONDS))

    async def _open_storage(self) -> Repositories:
        url = self.settings.storage.database_url
        if url == MEMORY_URL:
            return memory_repositories()
        engine = create_engine(url)
        await upgrade(engine)
        self.database = SqlDatabase(engine)
        return sql_repositories(self.database)

    async def __aexit__(self, *exc: object) -> None:
        # Let the writer finish what is queued before it stops.
        for _ in range(100):
            if not self.message_log.pending:
                break
            await asyncio.sleep(0.01)
        await self.jobs.stop()
        self.message_log.fail_pending()
        await self.bus.close()
        if self.database is not None:
            await self.database.dispose()
