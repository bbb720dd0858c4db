"""One contract suite for every storage backend: memory, SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from havre.domain.ids import ConversationId, MessageId, RoomId, UserId, conversation_id_for
from havre.domain.messages import Message
from havre.domain.rooms import Audience, Room, default_catalogue
from havre.domain.users import Gender, User
from havre.errors import ClientError, PseudoTaken
from havre.storage.memory import memory_repositories
from havre.storage.repositories import NewUser, Repositories, SafetySignal, StoredMessage
from havre.storage.sql.engine import create_engine
from havre.storage.sql.migrate import upgrade
from havre.storage.sql.repositories import SqlDatabase, sql_repositories
from tests.conftest import fresh_postgres

T0 = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
async def repos(request: pytest.FixtureRequest, sqlite_url: str) -> AsyncIterator[Repositories]:
    """Repositories of each backend, on a fresh database."""
    if request.param == "memory":
        yield memory_repositories()
        return
    async with contextlib.AsyncExitStack() as stack:
        url = sqlite_url if request.param == "sqlite" else await stack.enter_async_context(fresh_postgres())
        engine = create_engine(url)
        await upgrade(engine)
        database = SqlDatabase(engine)
        yield sql_repositories(database)
        await database.dispose()


def new_user(user_id: str, pseudo: str, token: bytes, age: int = 30) -> NewUser:
    user = User(UserId(user_id), pseudo, Gender.F, age, "75", T0)
    return NewUser(user, token.ljust(32, b"\0"), pseudo.casefold())


async def test_users_round_trip_and_tokens_resolve(repos: Repositories) -> None:
    """A created user is found by id and by token hash, with a timezone-aware creation time."""
    await repos.users.create(new_user("u1", "Alice", b"t1"), now=T0, idle_before=T0 - timedelta(minutes=10))
    found = await repos.users.by_token_hash(b"t1".ljust(32, b"\0"))
    assert found is not None and found.pseudo == "Alice" and found.created_at == T0
    assert await repos.users.get(UserId("u1")) == found
    assert await repos.users.by_token_hash(b"nope".ljust(32, b"\0")) is None
    assert await repos.users.get_many([UserId("u1"), UserId("zz")]) == {UserId("u1"): found}


async def test_a_live_pseudo_cannot_be_taken_twice(repos: Repositories) -> None:
    """Two live sessions never share a pseudo key; an idle one gives it up."""
    await repos.users.create(new_user("u1", "Alice", b"t1"), now=T0, idle_before=T0 - timedelta(minutes=10))
    with pytest.raises(PseudoTaken):
        await repos.users.create(
            new_user("u2", "alice", b"t2"), now=T0, idle_before=T0 - timedelta(minutes=10)
        )
    later = T0 + timedelta(minutes=20)
    await repos.users.create(
        new_user("u3", "ALICE", b"t3"), now=later, idle_before=later - timedelta(minutes=10)
    )
    assert await repos.users.by_token_hash(b"t1".ljust(32, b"\0")) is None
    assert await repos.users.by_token_hash(b"t3".ljust(32, b"\0")) is not None


async def test_touch_keeps_a_pseudo_and_end_frees_it(repos: Repositories) -> None:
    """Touched users stay live; ended ones free their pseudo and token."""
    await repos.users.create(new_user("u1", "Alice", b"t1"), now=T0, idle_before=T0)
    later = T0 + timedelta(minutes=20)
    await repos.users.touch([UserId("u1")], now=later)
    with pytest.raises(PseudoTaken):
        await repos.users.create(
            new_user("u2", "Alice", b"t2"), now=later, idle_before=later - timedelta(minutes=10)
        )
    await repos.users.end(UserId("u1"), now=later)
    assert await repos.users.by_token_hash(b"t1".ljust(32, b"\0")) is None
    await repos.users.create(
        new_user("u3", "Alice", b"t3"), now=later, idle_before=later - timedelta(minutes=10)
    )


async def test_end_idle_ends_only_idle_sessions(repos: Repositories) -> None:
    """Sessions unused since the cut-off end; the others stay."""
    await repos.users.create(new_user("u1", "Alice", b"t1"), now=T0, idle_before=T0)
    await repos.users.create(new_user("u2", "Bob", b"t2"), now=T0 + timedelta(hours=2), idle_before=T0)
    ended = await repos.users.end_idle(idle_before=T0 + timedelta(hours=1), now=T0 + timedelta(hours=2))
    assert ended == 1
    assert await repos.users.by_token_hash(b"t2".ljust(32, b"\0")) is not None


async def test_rooms_seed_once_add_and_archive(repos: Repositories) -> None:
    """Seeding fills an empty catalogue once; rooms can be added, refused twice, and archived."""
    seeds = default_catalogue()
    assert await repos.rooms.seed(seeds, now=T0) == len(seeds)
    assert await repos.rooms.seed(seeds, now=T0) == 0
    rooms = await repos.rooms.all()
    assert [r.id for r in rooms] == [s.slug for s in seeds]
    room = Room(RoomId("jardinage"), "Jardinage", "Potagers", Audience.ADULTS, 99)
    await repos.rooms.add(room, now=T0)
    with pytest.raises(ClientError) as exists:
        await repos.rooms.add(room, now=T0)
    assert exists.value.code == "room_exists"
    assert await repos.rooms.set_archived(RoomId("jardinage"), True)
    assert not await repos.rooms.set_archived(RoomId("nowhere"), True)
    assert RoomId("jardinage") not in [r.id for r in await repos.rooms.all()]
    archived = await repos.rooms.get(RoomId("jardinage"))
    assert archived is not None and archived.archived


async def test_message_history_is_ordered_and_skips_held(repos: Repositories) -> None:
    """History returns the last N delivered messages oldest first; held and blocked ones stay out."""
    await repos.rooms.seed(default_catalogue(), now=T0)
    await repos.users.create(new_user("u1", "Alice", b"t1"), now=T0, idle_before=T0)
    stored = [
        StoredMessage(
            Message(
                MessageId(f"01J{i:023d}"),
                UserId("u1"),
                f"m{i}",
                T0 + timedelta(seconds=i),
                room=RoomId("accueil"),
            ),
            action="hold" if i == 4 else "allow",
        )
        for i in range(6)
    ]
    await repos.messages.add_many(stored)
    history = await repos.messages.room_history(RoomId("accueil"), 3)
    assert [m.text for m in history] == ["m2", "m3", "m5"]
    assert history[-1].created_at == T0 + timedelta(seconds=5)
    got = await repos.messages.get(MessageId("01J" + "4".zfill(23)))
    assert got is not None and got.action == "hold"
    assert await repos.messages.room_history(RoomId("cuisine"), 50) == []


async def test_private_conversations_and_their_history(repos: Repositories) -> None:
    """A conversation is recorded once per pair and keeps its messages with the masked original."""
    for uid, pseudo in (("u1", "Alice"), ("u2", "Bob")):
        await repos.users.create(new_user(uid, pseudo, uid.encode()), now=T0, idle_before=T0)
    conversation = conversation_id_for(UserId("u1"), UserId("u2"))
    await repos.conversations.ensure(conversation, UserId("u1"), UserId("u2"), now=T0)
    await repos.conversations.ensure(conversation, UserId("u2"), UserId("u1"), now=T0)
    message = Message(
        MessageId("01J" + "1".zfill(23)),
        UserId("u1"),
        "mon snap ••••",
        T0,
        conversation=conversation,
        recipient=UserId("u2"),
    )
    await repos.messages.add_many([StoredMessage(message, action="mask", original_text="mon snap lea_75")])
    assert await repos.messages.conversation_history(conversation, 50) == [message]
    got = await repos.messages.get(message.id)
    assert got is not None and got.original_text == "mon snap lea_75"
    assert await repos.messages.conversation_history(ConversationId("c_other"), 50) == []


async def test_blocks_are_idempotent(repos: Repositories) -> None:
    """Blocking twice and unblocking twice are harmless."""
    for uid, pseudo in (("u1", "Alice"), ("u2", "Bob"), ("u3", "Carl")):
        await repos.users.create(new_user(uid, pseudo, uid.encode()), now=T0, idle_before=T0)
    await repos.blocks.add(UserId("u1"), UserId("u2"), now=T0)
    await repos.blocks.add(UserId("u1"), UserId("u2"), now=T0)
    await repos.blocks.add(UserId("u1"), UserId("u3"), now=T0)
    assert await repos.blocks.blocked_by(UserId("u1")) == {UserId("u2"), UserId("u3")}
    await repos.blocks.remove(UserId("u1"), UserId("u2"))
    await repos.blocks.remove(UserId("u1"), UserId("u2"))
    assert await repos.blocks.blocked_by(UserId("u1")) == {UserId("u3")}
    assert await repos.blocks.blocked_by(UserId("u2")) == set()


async def test_signals_newest_first(repos: Repositories) -> None:
    """Safety signals are stored with their scores and listed newest first."""
    await repos.users.create(new_user("u1", "Alice", b"t1"), now=T0, idle_before=T0)
    for i in range(3):
        await repos.signals.add(
            SafetySignal(
                f"s{i}", UserId("u1"), "accueil", None, "warn", ("hate",), {"hate": 0.5 + i / 10}, "x", T0
            )
        )
    recent = await repos.signals.recent(2)
    assert [s.id for s in recent] == ["s2", "s1"] and recent[0].scores == {"hate": 0.7}


async def test_health_answers(repos: Repositories) -> None:
    """A working backend answers its health check."""
    await repos.health.ping()


async def test_declarations_by_device_or_address_since_a_date(repos: Repositories) -> None:
    """Users who entered from a device or an address since a date are found; others are not."""
    base = new_user("u1", "Alice", b"t1", age=34)
    await repos.users.create(
        NewUser(base.user, base.token_hash, base.pseudo_key, device_hash="dev1", address_hash="ip1"),
        now=T0,
        idle_before=T0,
    )
    other = new_user("u2", "Bob", b"t2", age=16)
    await repos.users.create(
        NewUser(other.user, other.token_hash, other.pseudo_key, device_hash="dev2", address_hash="ip2"),
        now=T0,
        idle_before=T0,
    )
    since = T0 - timedelta(days=30)
    found = await repos.users.declared_since(
        device_hash="dev1", address_hash="nope", since=since, adults=True
    )
    assert found is not None and found.id == "u1"
    assert (
        await repos.users.declared_since(device_hash="dev1", address_hash=None, since=since, adults=False)
        is None
    )
    found = await repos.users.declared_since(device_hash=None, address_hash="ip2", since=since, adults=False)
    assert found is not None and found.age == 16
    later = T0 + timedelta(days=1)
    assert (
        await repos.users.declared_since(device_hash="dev1", address_hash=None, since=later, adults=True)
        is None
    )
    assert (
        await repos.users.declared_since(device_hash=None, address_hash=None, since=since, adults=True)
        is None
    )


async def test_private_message_setting_and_age_assurance(repos: Repositories) -> None:
    """Private messages are on until turned off; age assurance is recorded."""
    await repos.users.create(new_user("u1", "Lina", b"t1", age=15), now=T0, idle_before=T0)
    assert await repos.users.private_messages(UserId("u1"))
    await repos.users.set_private_messages(UserId("u1"), False)
    assert not await repos.users.private_messages(UserId("u1"))
    assert not await repos.users.age_assured(UserId("u1"))
    await repos.users.set_age_assured(UserId("u1"), now=T0)
    assert await repos.users.age_assured(UserId("u1"))


async def test_contact_requests(repos: Repositories) -> None:
    """A request opens once, pending until the minor decides."""
    from havre.storage.repositories import ContactState

    for uid, pseudo in (("u1", "Lina"), ("u2", "Hugo")):
        await repos.users.create(new_user(uid, pseudo, uid.encode(), age=15), now=T0, idle_before=T0)
    assert await repos.contacts.state(UserId("u1"), UserId("u2")) is None
    assert await repos.contacts.open(UserId("u1"), UserId("u2"), now=T0)
    assert not await repos.contacts.open(UserId("u1"), UserId("u2"), now=T0)
    assert await repos.contacts.state(UserId("u1"), UserId("u2")) is ContactState.PENDING
    assert await repos.contacts.decide(UserId("u1"), UserId("u2"), ContactState.ACCEPTED, now=T0)
    assert await repos.contacts.state(UserId("u1"), UserId("u2")) is ContactState.ACCEPTED
    assert not await repos.contacts.decide(UserId("u2"), UserId("u1"), ContactState.DECLINED, now=T0)


async def test_adult_content_flag_is_stored(repos: Repositories) -> None:
    """A room's adult-content flag survives storage."""
    await repos.rooms.add(Room(RoomId("vip"), "VIP", "", Audience.ADULTS, 1, adult_content=True), now=T0)
    room = await repos.rooms.get(RoomId("vip"))
    assert room is not None and room.adult_content


async def test_seeded_rooms_keep_their_theme(repos: Repositories) -> None:
    """The catalogue's headings survive storage."""
    await repos.rooms.seed(default_catalogue(), now=T0)
    rooms = {r.id: r for r in await repos.rooms.all()}
    assert rooms[RoomId("accueil")].theme == "Discussion" and rooms[RoomId("region-corse")].theme == "Régions"
