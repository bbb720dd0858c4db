"""One contract for the moderation repository: memory, SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from havre.domain.ids import UserId
from havre.errors import ClientError
from havre.storage.memory import memory_repositories
from havre.storage.moderation import (
    Appeal,
    Case,
    CaseStatus,
    MemoryModerationRepository,
    ModerationRepository,
    Sanction,
    SanctionKind,
    audit_hash,
)
from havre.storage.sql.engine import create_engine
from havre.storage.sql.migrate import upgrade
from havre.storage.sql.moderation import SqlModerationRepository
from havre.storage.sql.repositories import SqlDatabase
from tests.conftest import fresh_postgres

T0 = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
async def store(request: pytest.FixtureRequest, sqlite_url: str) -> AsyncIterator[ModerationRepository]:
    """The moderation repository of each backend, on a fresh database."""
    if request.param == "memory":
        yield MemoryModerationRepository(memory_repositories())
        return
    async with contextlib.AsyncExitStack() as stack:
        url = sqlite_url if request.param == "sqlite" else await stack.enter_async_context(fresh_postgres())
        engine = create_engine(url)
        await upgrade(engine)
        database = SqlDatabase(engine)
        yield SqlModerationRepository(database)
        await database.dispose()


def case(case_id: str, tier: int, due_minutes: int, target: str) -> Case:
    return Case(
        case_id,
        "user",
        target,
        UserId(target),
        tier,
        CaseStatus.OPEN,
        T0,
        T0 + timedelta(minutes=due_minutes),
        T0,
    )


async def test_cases_come_in_queue_order_and_one_open_case_per_target(store: ModerationRepository) -> None:
    """Open cases sort by tier then due time; the open case of a target is found; closing hides it."""
    for item in (
        case("c1", 2, 10, "u1"),
        case("c2", 0, 50, "u2"),
        case("c3", 0, 40, "u3"),
        case("c4", 1, 1, "u4"),
    ):
        await store.save_case(item)
    assert [c.id for c in await store.list_cases(CaseStatus.OPEN, 10)] == ["c3", "c2", "c4", "c1"]
    found = await store.open_case_for("user", "u2")
    assert found is not None and found.id == "c2" and found.due_at == T0 + timedelta(minutes=50)
    await store.save_case(replace(found, status=CaseStatus.CLOSED, closed_at=T0))
    assert await store.open_case_for("user", "u2") is None
    assert [c.id for c in await store.list_cases(CaseStatus.CLOSED, 10)] == ["c2"]


async def test_bans_cover_device_and_address_until_they_end_or_are_lifted(
    store: ModerationRepository,
) -> None:
    """A ban matches its device or address hash while in force; lifting or expiry ends it."""
    ban = Sanction(
        "s1", SanctionKind.BAN, UserId("u1"), None, "m1", "raison", T0, T0 + timedelta(days=1), "dev", "adr"
    )
    await store.add_sanction(ban)
    assert (await store.entry_ban(device_hash="dev", address_hash=None, now=T0)) == ban
    assert (await store.entry_ban(device_hash=None, address_hash="adr", now=T0)) == ban
    assert await store.entry_ban(device_hash="other", address_hash="other", now=T0) is None
    assert await store.entry_ban(device_hash="dev", address_hash=None, now=T0 + timedelta(days=2)) is None
    await store.lift_sanction("s1", T0 + timedelta(hours=1))
    assert await store.entry_ban(device_hash="dev", address_hash=None, now=T0 + timedelta(hours=2)) is None
    assert [s.id for s in await store.sanctions_of(user_ids=[UserId("u1")], device_hash=None, since=T0)] == [
        "s1"
    ]


async def test_one_appeal_per_statement_and_decided_once(store: ModerationRepository) -> None:
    """A second appeal on a statement is refused; an appeal is decided only once."""
    await store.add_appeal(Appeal("a1", "st1", UserId("u1"), "texte", T0))
    with pytest.raises(ClientError) as refused:
        await store.add_appeal(Appeal("a2", "st1", UserId("u1"), "encore", T0))
    assert refused.value.code == "already_appealed"
    decided = Appeal("a1", "st1", UserId("u1"), "texte", T0, T0, "m2", "reversed", "note")
    assert await store.decide_appeal(decided)
    assert not await store.decide_appeal(decided)
    assert await store.get_appeal("a1") == decided
    assert [a.id for a in await store.list_appeals(decided=True, limit=5)] == ["a1"]


async def test_audit_links_chain_their_hashes(store: ModerationRepository) -> None:
    """Each link's hash covers its content and the previous hash, and reads back identical."""
    first = await store.append_audit(at=T0, actor="claire", action="login", target="moderator:m1", detail={})
    second = await store.append_audit(
        at=T0,
        actor="claire",
        action="decision.ban",
        target="case:c1",
        detail={"hours": 72, "ids": ["a", "b"]},
    )
    assert (first.seq, second.seq) == (1, 2) and second.prev_hash == first.hash
    assert second.hash == audit_hash(
        first.hash, 2, T0, "claire", "decision.ban", "case:c1", {"hours": 72, "ids": ["a", "b"]}
    )
    assert await store.audit_entries(after=0, limit=10) == [first, second]


async def test_totp_steps_are_used_once(store: ModerationRepository) -> None:
    """A TOTP time step is accepted once, and never an older one."""
    from havre.storage.moderation import Moderator, Role

    await store.add_moderator(Moderator("m1", "claire", Role.ADMIN, "hash", "SECRET", T0))
    assert await store.use_totp_step("m1", 100)
    assert not await store.use_totp_step("m1", 100)
    assert not await store.use_totp_step("m1", 99)
    with pytest.raises(ClientError):
        await store.add_moderator(Moderator("m2", "claire", Role.ADMIN, "hash", "SECRET", T0))
