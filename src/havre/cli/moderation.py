"""``havre moderators add``, ``havre flaggers add`` and ``havre audit verify``."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from havre.config import load_settings
from havre.storage.moderation import Role

_T = TypeVar("_T")


async def _with_store(args: argparse.Namespace, action: Callable[[Any], Awaitable[_T]]) -> _T:
    from havre.storage.sql.engine import create_engine
    from havre.storage.sql.migrate import upgrade
    from havre.storage.sql.moderation import SqlModerationRepository
    from havre.storage.sql.repositories import SqlDatabase

    settings = load_settings(
        os.environ,
        Path(args.config) if args.config else None,
        **{"storage.database_url": getattr(args, "database_url", None)},
    )
    engine = create_engine(settings.storage.database_url)
    try:
        await upgrade(engine)
        return await action(SqlModerationRepository(SqlDatabase(engine)))
    finally:
        await engine.dispose()


def _moderators_add(args: argparse.Namespace) -> int:
    from havre.services.clock import SystemClock
    from havre.services.moderation import AuditLog, ModeratorAuth

    if not args.password_stdin:
        print("havre: give the password on standard input with --password-stdin", file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\r\n")

    async def action(store: Any) -> str:
        clock = SystemClock()
        created = await ModeratorAuth(store, clock).create(args.name, Role(args.role), password)
        await AuditLog(store, clock).record(
            "cli",
            "moderator.add",
            f"moderator:{created.moderator.id}",
            {"name": args.name, "role": args.role},
        )
        return created.provisioning_uri

    uri = asyncio.run(_with_store(args, action))
    print(f"Modérateur créé : {args.name} ({args.role}).")
    print("Ajoutez ce compte à votre application TOTP (affiché une seule fois) :")
    print(uri)
    return 0


def _flaggers_add(args: argparse.Namespace) -> int:
    from havre.services.clock import SystemClock
    from havre.services.moderation import AuditLog
    from havre.services.moderation.service import new_flagger

    async def action(store: Any) -> str:
        clock = SystemClock()
        flagger, key = new_flagger(args.name, clock.now())
        await store.add_flagger(flagger)
        audit = AuditLog(store, clock)
        await audit.record("cli", "flagger.add", f"flagger:{flagger.id}", {"name": args.name})
        return key

    key = asyncio.run(_with_store(args, action))
    print(f"Signaleur de confiance enregistré : {args.name}.")
    print("Clé d'API (en-tête X-Havre-Flagger-Key), affichée une seule fois :")
    print(key)
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    from havre.services.moderation import verify_chain

    check = asyncio.run(_with_store(args, verify_chain))
    if check.ok:
        print(f"Journal d'audit intègre : {check.checked} maillons vérifiés.")
        return 0
    print(
        f"Journal d'audit rompu au maillon {check.broken_at} : {check.problem} "
        f"({check.checked} maillons intègres avant lui).",
        file=sys.stderr,
    )
    return 1


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``moderators``, ``flaggers`` and ``audit``; each sets ``func(args) -> int``."""
    moderators = subparsers.add_parser("moderators", help="moderator accounts")
    moderators.add_argument("--database-url", dest="database_url")
    moderator_commands = moderators.add_subparsers(dest="moderators_command", required=True)
    add = moderator_commands.add_parser("add", help="create a moderator; prints the TOTP URI once")
    add.add_argument("name")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.MODERATOR.value)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--database-url", dest="database_url")
    add.set_defaults(func=_moderators_add)

    flaggers = subparsers.add_parser("flaggers", help="trusted flaggers (DSA art. 22)")
    flagger_commands = flaggers.add_subparsers(dest="flaggers_command", required=True)
    add_flagger = flagger_commands.add_parser("add", help="register an organisation; prints its API key once")
    add_flagger.add_argument("name")
    add_flagger.add_argument("--database-url", dest="database_url")
    add_flagger.set_defaults(func=_flaggers_add)

    audit = subparsers.add_parser("audit", help="the moderation audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="check the hash chain; names the first broken link")
    verify.add_argument("--database-url", dest="database_url")
    verify.set_defaults(func=_audit_verify)
