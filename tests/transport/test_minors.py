"""Minors kept apart from adults, at every entry point, over real sockets (issue: minors apart)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestServer

from havre.domain.rooms import Audience
from havre.services.age_assurance import SharedSecretAgeAssurance
from havre.transport.context import CONTEXT
from tests.conftest import ServerFactory
from tests.support.client import ChatClient
from tests.support.clock import FakeClock

ADULT_ROOM, MINOR_ROOM = "accueil", "ados-accueil"


@pytest.fixture
async def clients() -> AsyncIterator[Callable[[TestServer], ChatClient]]:
    """Clients of any server, closed after the test."""
    made: list[ChatClient] = []

    def new(server: TestServer, address: str | None = None) -> ChatClient:
        client = ChatClient(server, address)
        made.append(client)
        return client

    yield new
    for client in made:
        await client.close()


async def person(clients: Callable[..., ChatClient], server: TestServer, pseudo: str, age: int) -> ChatClient:
    client = clients(server)
    await client.enter(pseudo, age=age)
    await client.connect()
    return client


# band × room audience × action: what each band may do in each kind of room.
MATRIX = [
    # (band, room, join, say)
    ("adult", ADULT_ROOM, "joined", "ack"),
    ("adult", MINOR_ROOM, "forbidden_audience", "not_member"),
    ("minor", ADULT_ROOM, "forbidden_audience", "not_member"),
    ("minor", MINOR_ROOM, "joined", "ack"),
    ("adult", "pour-tous", "joined", "ack"),
    ("minor", "pour-tous", "joined", "ack"),
]


@pytest.mark.parametrize(("band", "room", "join", "say"), MATRIX)
async def test_join_and_say_by_band_and_audience(
    make_server: ServerFactory, clients: Callable[..., ChatClient], band: str, room: str, join: str, say: str
) -> None:
    """Each band joins and speaks only in its own rooms and in operator-enabled rooms for all."""
    server = await make_server(**{"chat.allow_mixed_rooms": "true"})
    await server.app[CONTEXT].rooms.create("pour-tous", "Pour tous", "Salon mixte", Audience.ALL)
    user = await person(clients, server, "Sam", 34 if band == "adult" else 16)
    answer = await user.request({"type": "join", "room": room}, "joined")
    assert answer.get("code", answer["type"]) == join
    answer = await user.request({"type": "say", "room": room, "text": "bonjour"})
    assert answer.get("code", answer["type"]) == say


@pytest.fixture
async def two_bands(
    make_server: ServerFactory, clients: Callable[..., ChatClient]
) -> tuple[TestServer, ChatClient, ChatClient, ChatClient]:
    """A server with an adult, a minor, and a second minor, each in their band's welcome room."""
    server = await make_server(**{"chat.allow_mixed_rooms": "true"})
    adult = await person(clients, server, "Marc", 34)
    minor = await person(clients, server, "Lina", 15)
    friend = await person(clients, server, "Hugo", 16)
    await adult.request({"type": "join", "room": ADULT_ROOM}, "joined")
    for m in (minor, friend):
        await m.request({"type": "join", "room": MINOR_ROOM}, "joined")
    return server, adult, minor, friend


async def test_nothing_of_one_band_reaches_the_other(
    two_bands: tuple[TestServer, ChatClient, ChatClient, ChatClient],
) -> None:
    """Room lists, presence, messages, history: no frame carries one band's data to the other."""
    server, adult, minor, friend = two_bands
    await friend.request({"type": "say", "room": MINOR_ROOM, "text": "qqn joue à Minecraft ?"})
    await adult.request({"type": "say", "room": ADULT_ROOM, "text": "bonsoir"})
    late_adult = ChatClient(server)
    await late_adult.enter("Paul", age=40)
    hello = await late_adult.connect()
    assert all(r["audience"] == "adults" for r in hello["rooms"])
    response = await late_adult.http.get(late_adult.url("/api/v1/rooms"))
    assert all(r["audience"] == "adults" for r in await response.json())
    joined = await late_adult.request({"type": "join", "room": ADULT_ROOM}, "joined")
    assert {m["pseudo"] for m in joined["members"]} == {"Marc", "Paul"}
    assert [m["text"] for m in joined["history"]] == ["bonsoir"]
    frames = await adult.quiet(0.3) + await late_adult.quiet(0.1)
    text = repr(frames)
    for secret in (minor.user["id"], friend.user["id"], "Lina", "Hugo", "Minecraft"):
        assert secret not in text
    frames = await minor.quiet(0.2)
    for secret in (adult.user["id"], "Marc", "Paul", "bonsoir"):
        assert secret not in repr(frames)
    await late_adult.close()


async def test_across_bands_every_contact_looks_like_offline(
    two_bands: tuple[TestServer, ChatClient, ChatClient, ChatClient],
) -> None:
    """Private messages and blocks across bands get exactly the answer an offline user gets."""
    _, adult, minor, _ = two_bands
    offline = await adult.request({"type": "pm", "to": "u_" + "0" * 32, "text": "salut"})
    for frame in (
        {"type": "pm", "to": minor.user["id"], "text": "salut"},
        {"type": "block", "user": minor.user["id"]},
        {"type": "unblock", "user": minor.user["id"]},
    ):
        answer = await adult.request(frame)
        assert (answer["code"], answer["message"]) == (offline["code"], offline["message"])
    answer = await minor.request({"type": "pm", "to": adult.user["id"], "text": "salut"})
    assert answer["code"] == "recipient_unavailable"


async def test_mixed_room_hides_minors_ages_and_keeps_private_messages_closed(
    two_bands: tuple[TestServer, ChatClient, ChatClient, ChatClient],
) -> None:
    """In an operator-enabled room for all, adults never see a minor's age and cannot write privately."""
    server, adult, minor, _ = two_bands
    await server.app[CONTEXT].rooms.create("pour-tous", "Pour tous", "Salon mixte", Audience.ALL)
    await minor.request({"type": "join", "room": "pour-tous"}, "joined")
    joined = await adult.request({"type": "join", "room": "pour-tous"}, "joined")
    seen = {m["pseudo"]: m for m in joined["members"]}
    assert "age" not in seen["Lina"] and seen["Marc"]["age"] == 34
    ack = await minor.request({"type": "say", "room": "pour-tous", "text": "coucou"})
    message = await adult.expect("message", id=ack["id"])
    assert "age" not in message["from"]
    presence = await minor.expect("presence", room="pour-tous")
    assert presence["user"]["age"] == 34
    answer = await adult.request({"type": "pm", "to": minor.user["id"], "text": "salut"})
    assert answer["code"] == "recipient_unavailable"


async def test_first_private_message_to_a_minor_is_a_request(
    two_bands: tuple[TestServer, ChatClient, ChatClient, ChatClient],
) -> None:
    """A first pm reaches a minor as a request; nothing more until accepted; then both ways."""
    _, _, minor, friend = two_bands
    ack = await friend.request({"type": "pm", "to": minor.user["id"], "text": "salut, ça va ?"})
    request = await minor.expect("contact_request")
    assert request["from"]["id"] == friend.user["id"] and request["message"]["id"] == ack["id"]
    again = await friend.request({"type": "pm", "to": minor.user["id"], "text": "tu réponds ?"})
    assert again["code"] == "awaiting_acceptance"
    assert (await minor.request({"type": "contact_accept", "user": friend.user["id"]}))["type"] == "ack"
    assert (await friend.expect("notice"))["data"]["key"] == "contact_accepted"
    ack = await friend.request({"type": "pm", "to": minor.user["id"], "text": "cool"})
    assert (await minor.expect("message", id=ack["id"]))["text"] == "cool"
    back = await minor.request({"type": "pm", "to": friend.user["id"], "text": "oui ça va"})
    assert (await friend.expect("message", id=back["id"]))["text"] == "oui ça va"


async def test_a_declined_request_looks_like_offline(
    two_bands: tuple[TestServer, ChatClient, ChatClient, ChatClient],
) -> None:
    """After a decline the sender only ever gets recipient_unavailable."""
    _, _, minor, friend = two_bands
    await friend.request({"type": "pm", "to": minor.user["id"], "text": "salut"})
    await minor.expect("contact_request")
    assert (await minor.request({"type": "contact_decline", "user": friend.user["id"]}))["type"] == "ack"
    answer = await friend.request({"type": "pm", "to": minor.user["id"], "text": "?"})
    assert answer["code"] == "recipient_unavailable"
    assert (await minor.request({"type": "contact_accept", "user": "u_nobody"}))["code"] == "not_found"


async def test_a_minor_can_turn_private_messages_off(
    two_bands: tuple[TestServer, ChatClient, ChatClient, ChatClient],
) -> None:
    """With private messages off, nobody can start or continue a private conversation."""
    _, _, minor, friend = two_bands
    assert (await minor.request({"type": "settings", "private_messages": False}))["type"] == "ack"
    answer = await friend.request({"type": "pm", "to": minor.user["id"], "text": "salut"})
    assert answer["code"] == "recipient_unavailable"
    await minor.request({"type": "settings", "private_messages": True})
    assert (await friend.request({"type": "pm", "to": minor.user["id"], "text": "salut"}))["type"] == "ack"


async def test_age_hopping_from_the_same_device_is_refused(
    make_server: ServerFactory, clients: Callable[..., ChatClient]
) -> None:
    """An adult's device cannot enter the minors' band within 30 days; moderators get a signal."""
    clock = FakeClock()
    server = await make_server(clock=clock)
    device = clients(server, "203.0.113.7")
    await device.enter("Marc", age=34)
    await device.http.delete(device.url("/api/v1/session"))
    response = await device.http.post(
        device.url("/api/v1/session"),
        json={"pseudo": "Lina", "gender": "f", "age": 15, "postal_code": "75011"},
    )
    body = await response.json()
    assert (
        response.status == 422
        and body["error"]["code"] == "age_mismatch"
        and "119" in body["error"]["message"]
    )
    signals = await server.app[CONTEXT].chat._repos.signals.recent(5)
    assert signals[0].categories == ("age_hopping",) and signals[0].action == "refuse"
    # Another device on another address is a different person.
    assert (await clients(server).enter("Lina", age=15))["age"] == 15
    # The same address, after 30 days, is free again.
    clock.advance(timedelta(days=31).total_seconds())
    assert (await clients(server, "203.0.113.7").enter("Lou", age=15))["age"] == 15


async def test_age_hopping_by_address_and_the_other_way(
    make_server: ServerFactory, clients: Callable[..., ChatClient]
) -> None:
    """The same address counts too; a minor's device declaring an adult is let in but signalled."""
    server = await make_server()
    await clients(server, "203.0.113.9").enter("Marc", age=34)
    with pytest.raises(AssertionError, match="age_mismatch"):
        await clients(server, "203.0.113.9").enter("Lina", age=15)
    await clients(server, "203.0.113.10").enter("Zoe", age=16)
    assert (await clients(server, "203.0.113.10").enter("Zoe_pro", age=25))["age"] == 25
    signals = await server.app[CONTEXT].chat._repos.signals.recent(5)
    assert [s.action for s in signals if s.categories == ("age_hopping",)][:1] == ["allow"]


async def test_adult_content_rooms_need_a_provider_and_a_proof(
    make_server: ServerFactory, clients: Callable[..., ChatClient]
) -> None:
    """Without a provider such rooms cannot exist; with one, only adults holding a valid proof enter."""
    plain = await make_server()
    with pytest.raises(Exception, match=r"invalid_room|adult"):
        await plain.app[CONTEXT].rooms.create("vip", "VIP", "", Audience.ADULTS, adult_content=True)
    secret = "test-secret-of-sixteen+"
    server = await make_server(**{"age_assurance.provider": "test", "age_assurance.test_secret": secret})
    await server.app[CONTEXT].rooms.create(
        "vip", "VIP", "Adultes vérifiés", Audience.ADULTS, adult_content=True
    )
    adult = await person(clients, server, "Marc", 34)
    minor = await person(clients, server, "Lina", 15)
    assert (await adult.request({"type": "join", "room": "vip"}, "joined"))[
        "code"
    ] == "age_assurance_required"
    provider = SharedSecretAgeAssurance(secret)
    token = provider.issue(server.app[CONTEXT].clock.now())
    assert (await adult.request({"type": "age_assurance", "token": "v1.1.x.y"}))[
        "code"
    ] == "age_assurance_invalid"
    assert (await adult.request({"type": "age_assurance", "token": token}))["type"] == "ack"
    assert (await adult.request({"type": "join", "room": "vip"}, "joined"))["type"] == "joined"
    other = await person(clients, server, "Paul", 40)
    assert (await other.request({"type": "age_assurance", "token": token}))["code"] == "age_assurance_invalid"
    assert (
        await minor.request(
            {"type": "age_assurance", "token": provider.issue(server.app[CONTEXT].clock.now())}
        )
    )["code"] == "forbidden_audience"
    assert (await minor.request({"type": "join", "room": "vip"}, "joined"))["code"] == "forbidden_audience"


async def test_contact_details_are_masked_between_minors_with_the_real_pipeline(
    make_server: ServerFactory, clients: Callable[..., ChatClient]
) -> None:
    """With the shipped pipeline, a snap handle between minors arrives masked, both sides are told,
    and the same words between adults pass."""
    from havre.safety import build_pipeline

    server = await make_server(screen=build_pipeline())
    lina, hugo = await person(clients, server, "Lina", 15), await person(clients, server, "Hugo", 16)
    for c in (lina, hugo):
        await c.request({"type": "join", "room": MINOR_ROOM}, "joined")
    ack = await hugo.request({"type": "say", "room": MINOR_ROOM, "text": "ajoute moi sur snap : hugo.du.69"})
    masked = (await lina.expect("message", id=ack["id"]))["text"]
    assert "hugo.du.69" not in masked and "ajoute" in masked
    for c in (lina, hugo):
        notice = await c.expect("notice", kind="safety")
        assert notice["data"]["key"] == "contact_details_masked" and "3018" in notice["text"]
    marc, lea = await person(clients, server, "Marc", 34), await person(clients, server, "Lea", 31)
    for c in (marc, lea):
        await c.request({"type": "join", "room": ADULT_ROOM}, "joined")
    ack = await marc.request({"type": "say", "room": ADULT_ROOM, "text": "ajoute moi sur snap : marc.du.69"})
    assert (await lea.expect("message", id=ack["id"]))["text"] == "ajoute moi sur snap : marc.du.69"
