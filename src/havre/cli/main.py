"""Argument parsing and the ``havre`` commands."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from havre import __version__
from havre.cli import moderation
from havre.config import Settings, load_settings
from havre.domain.rooms import Audience
from havre.errors import ClientError, HavreError

log = logging.getLogger("havre")


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {
        "server.host": getattr(args, "host", None),
        "server.port": getattr(args, "port", None),
        "storage.database_url": getattr(args, "database_url", None),
    }
    return load_settings(os.environ, Path(args.config) if args.config else None, **overrides)


def _serve(args: argparse.Namespace) -> int:
    from aiohttp import web

    from havre.app import build_app

    settings = _settings(args)
    try:
        import uvloop

        loop: asyncio.AbstractEventLoop = uvloop.new_event_loop()
    except ImportError:  # pragma: no cover - uvloop is a dependency on Linux and macOS
        loop = asyncio.new_event_loop()
    app = build_app(settings)
    print(f"Havre sert sur http://{settings.server.host}:{settings.server.port}", flush=True)
    # run_app turns SIGINT and SIGTERM into a graceful shutdown (sockets closed 1001, writes flushed).
    web.run_app(
        app,
        host=settings.server.host,
        port=settings.server.port,
        print=None,
        loop=loop,
        access_log=logging.getLogger("aiohttp.access") if settings.server.access_log else None,
    )
    return 0


async def _with_rooms(settings: Settings, action: Any) -> Any:
    from havre.services.clock import SystemClock
    from havre.services.presence import Presence
    from havre.services.rooms import RoomService
    from havre.storage.sql.engine import create_engine
    from havre.storage.sql.migrate import upgrade
    from havre.storage.sql.repositories import SqlDatabase, sql_repositories

    engine = create_engine(settings.storage.database_url)
    try:
        await upgrade(engine)
        repos = sql_repositories(SqlDatabase(engine))
        rooms = RoomService(
            repos.rooms,
            Presence(),
            SystemClock(),
            allow_mixed_rooms=settings.chat.allow_mixed_rooms,
            age_assurance=settings.age_assurance.provider != "none",
        )
        if settings.chat.seed_default_rooms:
            await rooms.seed_defaults()
        return await action(rooms)
    finally:
        await engine.dispose()


def _db_upgrade(args: argparse.Namespace) -> int:
    from havre.storage.sql.engine import create_engine
    from havre.storage.sql.migrate import upgrade

    settings = _settings(args)

    async def run() -> None:
        engine = create_engine(settings.storage.database_url)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()

    asyncio.run(run())
    print("Base de données à jour.")
    return 0


def _rooms_list(args: argparse.Namespace) -> int:
    async def action(rooms: Any) -> Any:
        return await rooms.list_all()

    for room in asyncio.run(_with_rooms(_settings(args), action)):
        state = " (archivé)" if room.archived else ""
        print(f"{room.id}\t{room.audience.value}\t{room.name}{state}")
    return 0


def _rooms_create(args: argparse.Namespace) -> int:
    async def action(rooms: Any) -> Any:
        return await rooms.create(
            args.slug,
            args.name,
            args.topic,
            Audience(args.audience),
            adult_content=args.adult_content,
            theme=args.theme,
        )

    room = asyncio.run(_with_rooms(_settings(args), action))
    print(f"Salon créé : {room.id}")
    return 0


def _rooms_archive(args: argparse.Namespace) -> int:
    async def action(rooms: Any) -> Any:
        await rooms.archive(args.slug)

    asyncio.run(_with_rooms(_settings(args), action))
    print(f"Salon archivé : {args.slug}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The ``havre`` argument parser."""
    parser = argparse.ArgumentParser(prog="havre", description="Havre : le chat anonyme sûr.")
    parser.add_argument("--version", action="version", version=f"havre {__version__}")
    parser.add_argument("--config", help="a TOML settings file (also HAVRE_CONFIG)")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the chat")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--database-url", dest="database_url")
    serve.set_defaults(func=_serve)

    db = commands.add_parser("db", help="database commands")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_upgrade = db_commands.add_parser("upgrade", help="migrate the schema to the latest version")
    db_upgrade.add_argument("--database-url", dest="database_url")
    db_upgrade.set_defaults(func=_db_upgrade)

    rooms = commands.add_parser("rooms", help="manage rooms")
    rooms.add_argument("--database-url", dest="database_url")
    room_commands = rooms.add_subparsers(dest="rooms_command", required=True)
    room_commands.add_parser("list", help="list every room").set_defaults(func=_rooms_list)
    create = room_commands.add_parser("create", help="create a room")
    create.add_argument("slug", help="stable id: a-z, 0-9 and -")
    create.add_argument("name")
    create.add_argument("--topic", default="")
    create.add_argument("--theme", default="", help="the catalogue heading it goes under")
    create.add_argument("--audience", choices=[a.value for a in Audience], default=Audience.ADULTS.value)
    create.add_argument(
        "--adult-content",
        action="store_true",
        help="adults with an age-assurance proof only (needs a provider)",
    )
    create.set_defaults(func=_rooms_create)
    archive = room_commands.add_parser("archive", help="archive a room")
    archive.add_argument("slug")
    archive.set_defaults(func=_rooms_archive)

    try:
        from havre.cli import safety
    except ImportError:  # pragma: no cover - the safety commands ship with the safety package
        pass
    else:
        safety.add_parser(commands)
    moderation.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``havre`` command; returns the exit status."""
    logging.basicConfig(
        level=os.environ.get("HAVRE_LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its per-step INFO lines drown the start-up log
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except ClientError as exc:
        print(f"havre: {exc.code}: {exc.detail or ''}", file=sys.stderr)
        return 2
    except HavreError as exc:
        print(f"havre: {exc}", file=sys.stderr)
        return 1
    return code
