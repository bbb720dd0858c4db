"""The wire contract over real sockets: every frame and error code of shared/spec/protocol.md."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import ServerFactory
from tests.support.client import ChatClient


@pytest.fixture
async def server(make_server: ServerFactory) -> TestServer:
    """A live server on SQLite with screening off."""
    return await make_server()


@pytest.fixture
async def clients(server: TestServer) -> AsyncIterator[Callable[..., ChatClient]]:
    """A factory of clients (of ``server`` unless another is given), all closed after the test."""
    made: list[ChatClient] = []

    def new(on: TestServer | None = None) -> ChatClient:
        client = ChatClient(on or server)
        made.append(client)
        return client

    yield new
    for client in made:
        await client.close()


async def entered(clients: Callable[..., ChatClient], pseudo: str, age: int = 30) -> ChatClient:
    return await entered_on(clients(), pseudo, age)


async def entered_on(client: ChatClient, pseudo: str, age: int = 30) -> ChatClient:
    await client.enter(pseudo, age=age)
    await client.connect()
    return client


async def test_hello_lists_only_rooms_of_the_users_band(clients: Callable[..., ChatClient]) -> None:
    """The hello frame carries the user and only the rooms of their age band."""
    adult = clients()
    await adult.enter("Adulte", age=34)
    hello = await adult.connect()
    assert hello["user"]["pseudo"] == "Adulte" and hello["user"]["age"] == 34
    audiences = {room["audience"] for room in hello["rooms"]}
    assert audiences == {"adults"}
    assert {"id", "name", "topic", "audience", "members"} <= set(hello["rooms"][0])
    themes = {room["id"]: room["theme"] for room in hello["rooms"]}
    assert themes["accueil"] == "Discussion" and themes["region-bretagne"] == "Régions"
    assert hello["settings"] == {"private_messages": True}
    minor = clients()
    await minor.enter("Lina", age=16)
    hello = await minor.connect()
    assert {room["audience"] for room in hello["rooms"]} == {"minors"}
    assert any(room["name"] == "Ados – Devoirs" for room in hello["rooms"])


async def test_two_users_chat_in_a_room(clients: Callable[..., ChatClient]) -> None:
    """Join shows members; say is acked and reaches every member, sender included."""
    alice = await entered(clients, "Alice")
    bob = await entered(clients, "Bob_75")
    joined = await alice.request({"type": "join", "room": "cuisine"}, "joined")
    assert joined["room"] == "cuisine" and [m["pseudo"] for m in joined["members"]] == ["Alice"]
    joined = await bob.request({"type": "join", "room": "cuisine"}, "joined")
    assert {m["pseudo"] for m in joined["members"]} == {"Alice", "Bob_75"}
    presence = await alice.expect("presence")
    assert presence == {"type": "presence", "room": "cuisine", "user": bob.user, "event": "join"}

    ack = await alice.request({"type": "say", "room": "cuisine", "text": "Bonjour à tous 🍰"})
    assert ack["type"] == "ack" and ack["id"] and ack["ts"].endswith("Z")
    for client in (alice, bob):
        message = await client.expect("message", id=ack["id"])
        assert message["room"] == "cuisine" and "conversation" not in message
        assert message["text"] == "Bonjour à tous 🍰" and message["from"]["pseudo"] == "Alice"
        assert message["ts"] == ack["ts"]


async def test_history_on_join_holds_the_last_fifty(
    make_server: ServerFactory, clients: Callable[..., ChatClient]
) -> None:
    """A newcomer receives up to the last 50 messages, oldest first."""
    server = await make_server(**{"limits.messages_burst": "100"})
    alice, bob = clients(server), clients(server)
    await alice.enter("Alice")
    await alice.connect()
    await alice.request({"type": "join", "room": "musique"}, "joined")
    ids = []
    for i in range(55):
        ack = await alice.request({"type": "say", "room": "musique", "text": f"m{i}"})
        ids.append(ack["id"])
    await bob.enter("Bob")
    await bob.connect()
    joined = await bob.request({"type": "join", "room": "musique"}, "joined")
    assert [m["id"] for m in joined["history"]] == ids[-50:]
    assert joined["history"][0]["text"] == "m5" and joined["history"][-1]["from"]["pseudo"] == "Alice"


async def test_leave_stops_delivery_and_tells_others(clients: Callable[..., ChatClient]) -> None:
    """Leave answers left, tells the room, and the leaver gets no more messages."""
    alice = await entered(clients, "Alice")
    bob = await entered(clients, "Bob")
    for c in (alice, bob):
        await c.request({"type": "join", "room": "sport"}, "joined")
    left = await bob.request({"type": "leave", "room": "sport"}, "left")
    assert left["room"] == "sport"
    assert (await alice.expect("presence", event="leave"))["user"]["pseudo"] == "Bob"
    await alice.request({"type": "say", "room": "sport", "text": "encore là ?"})
    assert not [f for f in await bob.quiet() if f["type"] == "message"]
    error = await bob.request({"type": "say", "room": "sport", "text": "hello"})
    assert error["code"] == "not_member"


async def test_private_messages_have_a_stable_conversation_id(clients: Callable[..., ChatClient]) -> None:
    """A pm reaches the recipient with the same conversation id both ways."""
    alice = await entered(clients, "Alice")
    bob = await entered(clients, "Bob")
    ack = await alice.request({"type": "pm", "to": bob.user["id"], "text": "coucou"})
    got = await bob.expect("message", id=ack["id"])
    assert got["text"] == "coucou" and got["from"]["id"] == alice.user["id"] and "room" not in got
    echo = await alice.expect("message", id=ack["id"])
    assert echo["conversation"] == got["conversation"]
    ack2 = await bob.request({"type": "pm", "to": alice.user["id"], "text": "salut"})
    back = await alice.expect("message", id=ack2["id"])
    assert back["conversation"] == got["conversation"]


async def test_pm_to_unknown_offline_or_self_is_unavailable(clients: Callable[..., ChatClient]) -> None:
    """Unknown, offline and self recipients all get the same recipient_unavailable."""
    alice = await entered(clients, "Alice")
    bob = await entered(clients, "Bob")
    bob_id = bob.user["id"]
    await bob.close()
    await asyncio.sleep(0.1)
    for to in ("u_nobody", bob_id, alice.user["id"]):
        error = await alice.request({"type": "pm", "to": to, "text": "hé"})
        assert error["type"] == "error" and error["code"] == "recipient_unavailable"


async def test_block_stops_room_and_private_messages(clients: Callable[..., ChatClient]) -> None:
    """After block, the blocked user's messages no longer reach the blocker; unblock restores them."""
    alice = await entered(clients, "Alice")
    troll = await entered(clients, "Troll")
    for c in (alice, troll):
        await c.request({"type": "join", "room": "accueil"}, "joined")
    assert (await alice.request({"type": "block", "user": troll.user["id"]}))["type"] == "ack"
    await troll.request({"type": "say", "room": "accueil", "text": "tu m'entends ?"})
    await troll.request({"type": "pm", "to": alice.user["id"], "text": "réponds"})
    assert not [f for f in await alice.quiet(0.3) if f["type"] == "message"]
    error = await alice.request({"type": "pm", "to": troll.user["id"], "text": "non"})
    assert error["code"] == "blocked"
    assert (await alice.request({"type": "unblock", "user": troll.user["id"]}))["type"] == "ack"
    ack = await troll.request({"type": "say", "room": "accueil", "text": "et là ?"})
    await alice.expect("message", id=ack["id"])


async def test_block_survives_reconnection_and_filters_history(clients: Callable[..., ChatClient]) -> None:
    """A block is stored: after reconnecting, the blocked user's messages stay out, history included."""
    troll = await entered(clients, "Troll")
    await troll.request({"type": "join", "room": "voyages"}, "joined")
    await troll.request({"type": "say", "room": "voyages", "text": "spam"})
    alice = await entered(clients, "Alice")
    await alice.request({"type": "block", "user": troll.user["id"]})
    assert alice.ws is not None
    await alice.ws.close()
    await alice.connect()
    joined = await alice.request({"type": "join", "room": "voyages"}, "joined")
    assert joined["history"] == []


async def test_several_tabs_all_receive(clients: Callable[..., ChatClient]) -> None:
    """Every socket of a user receives room and private messages."""
    alice = await entered(clients, "Alice")
    second_tab = clients()
    second_tab.http.cookie_jar.update_cookies({"havre_session": alice.token})
    await second_tab.connect()
    bob = await entered(clients, "Bob")
    await alice.request({"type": "join", "room": "animaux"}, "joined")
    await bob.request({"type": "join", "room": "animaux"}, "joined")
    ack = await bob.request({"type": "say", "room": "animaux", "text": "miaou"})
    pm = await bob.request({"type": "pm", "to": alice.user["id"], "text": "psst"})
    for tab in (alice, second_tab):
        await tab.expect("message", id=ack["id"])
        await tab.expect("message", id=pm["id"])


async def test_reconnecting_keeps_the_user(clients: Callable[..., ChatClient]) -> None:
    """The session cookie reconnects the same user, who can rejoin and chat."""
    alice = await entered(clients, "Alice")
    first_id = alice.user["id"]
    assert alice.ws is not None
    await alice.ws.close()
    hello = await alice.connect()
    assert hello["user"]["id"] == first_id
    joined = await alice.request({"type": "join", "room": "accueil"}, "joined")
    assert joined["room"] == "accueil"


async def test_ping_pong(clients: Callable[..., ChatClient]) -> None:
    """Ping is answered by pong."""
    alice = await entered(clients, "Alice")
    await alice.send({"type": "ping"})
    assert (await alice.expect("pong"))["type"] == "pong"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("not json", "not JSON"),
        ("[1, 2]", "not an object"),
        ('{"room": "accueil"}', "missing type"),
        ('{"type": "dance"}', "unknown type"),
        ('{"type": "join"}', "room"),
        ('{"type": "say", "room": 5, "text": "x", "ref": "r-bad"}', "room"),
        ('{"type": "pm", "to": "u_x", "text": ["x"], "ref": "r-bad"}', "text"),
        ('{"type": "say", "room": "accueil", "text": "x", "ref": 42}', "ref"),
    ],
)
async def test_bad_frames_get_bad_frame(clients: Callable[..., ChatClient], raw: str, reason: str) -> None:
    """Malformed frames get bad_frame (with the ref when one was valid) and the socket stays open."""
    alice = await entered(clients, "Alice")
    assert alice.ws is not None
    await alice.ws.send_str(raw)
    error = await alice.expect("error")
    assert error["code"] == "bad_frame" and reason.lower() in error["message"].lower()
    if "r-bad" in raw:
        assert error["ref"] == "r-bad"
    await alice.send({"type": "ping"})
    await alice.expect("pong")


async def test_binary_frames_are_refused(clients: Callable[..., ChatClient]) -> None:
    """A binary frame gets bad_frame; the connection stays open."""
    alice = await entered(clients, "Alice")
    assert alice.ws is not None
    await alice.ws.send_bytes(b"\x00\x01")
    assert (await alice.expect("error"))["code"] == "bad_frame"
    await alice.send({"type": "ping"})
    await alice.expect("pong")


async def test_frame_over_64_kib_closes_1009(clients: Callable[..., ChatClient]) -> None:
    """A frame over 64 KiB closes the socket with 1009."""
    alice = await entered(clients, "Alice")
    assert alice.ws is not None
    await alice.ws.send_str('{"type":"say","room":"accueil","text":"' + "a" * 70_000 + '"}')
    frame = await alice.next_frame()
    assert frame == {"type": "closed", "code": 1009}


async def test_text_rules(clients: Callable[..., ChatClient]) -> None:
    """Text over 1,000 characters and blank text are refused with their codes; 1,000 passes."""
    alice = await entered(clients, "Alice")
    await alice.request({"type": "join", "room": "accueil"}, "joined")
    assert (await alice.request({"type": "say", "room": "accueil", "text": "é" * 1001}))[
        "code"
    ] == "text_too_long"
    assert (await alice.request({"type": "say", "room": "accueil", "text": ""}))["code"] == "empty_text"
    assert (await alice.request({"type": "say", "room": "accueil", "text": " \n\t"}))["code"] == "empty_text"
    assert (await alice.request({"type": "say", "room": "accueil", "text": "é" * 1000}))["type"] == "ack"


async def test_room_errors(clients: Callable[..., ChatClient]) -> None:
    """Unknown rooms, rooms of the other band, and rooms not joined get their codes."""
    adult = await entered(clients, "Adulte", age=40)
    assert (await adult.request({"type": "join", "room": "nowhere"}, "joined"))["code"] == "room_not_found"
    assert (await adult.request({"type": "join", "room": "ados-accueil"}, "joined"))[
        "code"
    ] == "forbidden_audience"
    assert (await adult.request({"type": "say", "room": "cuisine", "text": "x"}))["code"] == "not_member"
    assert (await adult.request({"type": "leave", "room": "cuisine"}, "left"))["code"] == "not_member"
    minor = await entered(clients, "Lina", age=15)
    assert (await minor.request({"type": "join", "room": "cuisine"}, "joined"))[
        "code"
    ] == "forbidden_audience"


async def test_bands_cannot_reach_each_other(clients: Callable[..., ChatClient]) -> None:
    """An adult cannot pm or block a minor, and the answer is the same as for an offline user."""
    adult = await entered(clients, "Adulte", age=34)
    minor = await entered(clients, "Lina", age=15)
    for frame in (
        {"type": "pm", "to": minor.user["id"], "text": "salut"},
        {"type": "block", "user": minor.user["id"]},
    ):
        assert (await adult.request(frame))["code"] == "recipient_unavailable"
    assert (await minor.request({"type": "pm", "to": adult.user["id"], "text": "hey"}))["code"] == (
        "recipient_unavailable"
    )
    assert not [f for f in await minor.quiet() if f["type"] == "message"]


async def test_message_flood_is_rate_limited(clients: Callable[..., ChatClient]) -> None:
    """Past the burst, messages get rate_limited and are not delivered."""
    alice = await entered(clients, "Alice")
    await alice.request({"type": "join", "room": "accueil"}, "joined")
    answers = [await alice.request({"type": "say", "room": "accueil", "text": f"{i}"}) for i in range(20)]
    codes = [a.get("code", a["type"]) for a in answers]
    assert codes[:10] == ["ack"] * 10 and "rate_limited" in codes[10:]


async def test_a_thousand_frames_each_get_an_answer(clients: Callable[..., ChatClient]) -> None:
    """A burst of 1,000 frames: each gets a pong or a rate_limited error, and the server keeps serving."""
    alice = await entered(clients, "Alice")
    assert alice.ws is not None
    for _ in range(1000):
        await alice.ws.send_str('{"type":"ping"}')
    kinds: dict[str, int] = {}
    for _ in range(1000):
        frame = await alice.next_frame()
        key = frame["type"] if frame["type"] != "error" else frame["code"]
        kinds[key] = kinds.get(key, 0) + 1
    assert set(kinds) == {"pong", "rate_limited"} and sum(kinds.values()) == 1000
    await asyncio.sleep(1.5)
    await alice.send({"type": "ping"})
    await alice.expect("pong")
    bob = await entered(clients, "Bob")
    assert (await bob.request({"type": "join", "room": "accueil"}, "joined"))["type"] == "joined"


async def test_reports_statements_and_appeals_are_served(clients: Callable[..., ChatClient]) -> None:
    """The report frame is acked with an id; the moderation endpoints answer with their contract codes."""
    alice = await entered(clients, "Alice")
    bob = await entered(clients, "Bob")
    ack = await alice.request({"type": "report", "user": bob.user["id"], "reason": "spam"})
    assert ack["type"] == "ack" and ack["id"]
    response = await alice.http.post(alice.url("/api/v1/reports"), json={})
    assert response.status == 422
    # A report written from the contract alone (no good-faith field) is received; without a session too.
    async with aiohttp.ClientSession() as anonymous:
        response = await anonymous.post(
            alice.url("/api/v1/reports"),
            json={"user": bob.user["id"], "reason": "harassment", "details": "insultes"},
        )
        body = await response.json()
        assert response.status == 201 and body["id"] and body["received_at"].endswith("Z"), body
    response = await alice.http.post(
        alice.url("/api/v1/reports"), json={"user": bob.user["id"], "reason": "spam", "good_faith": False}
    )
    assert response.status == 422 and (await response.json())["error"]["code"] == "good_faith_required"
    response = await alice.http.get(alice.url("/api/v1/me/statements"))
    assert response.status == 200 and await response.json() == []
    response = await alice.http.post(alice.url("/api/v1/appeals"), json={"appeal_code": "NOPE", "text": "x"})
    assert response.status == 404


async def test_unauthenticated_socket_closes_4001(server: TestServer) -> None:
    """A socket without a valid session is closed 4001."""
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(server.make_url("/ws"), headers={"Cookie": "havre_session=nope"})
        message = await ws.receive(timeout=5)
        assert message.type is aiohttp.WSMsgType.CLOSE and ws.close_code == 4001


async def test_ending_the_session_closes_sockets_4001(clients: Callable[..., ChatClient]) -> None:
    """DELETE /api/v1/session answers 204, notifies then closes the sockets 4001, and frees the pseudo."""
    alice = await entered(clients, "Alice")
    response = await alice.http.delete(alice.url("/api/v1/session"))
    assert response.status == 204
    notice = await alice.expect("notice")
    assert notice["kind"] == "system"
    assert await alice.next_frame() == {"type": "closed", "code": 4001}
    again = clients()
    await again.enter("ALICE")
    response = await again.http.delete(alice.url("/api/v1/session"), headers={"Authorization": "Bearer nope"})
    assert response.status in (204, 401)


async def test_foreign_origin_is_refused(server: TestServer, clients: Callable[..., ChatClient]) -> None:
    """A browser handshake from another origin is refused; the server's own origin is accepted."""
    client = clients()
    await client.enter("Alice")
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.http.ws_connect(client.url("/ws"), headers={"Origin": "https://evil.example"})
    assert refused.value.status == 403
    own = f"http://{server.host}:{server.port}"
    hello = await client.connect(headers={"Origin": own})
    assert hello["type"] == "hello"


async def _silent_socket(server: TestServer, token: str) -> socket.socket:
    """A WebSocket handshake on a raw socket with a tiny receive buffer, which then never reads."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.setblocking(False)
    loop = asyncio.get_running_loop()
    await loop.sock_connect(raw, (server.host, server.port))
    request = (
        f"GET /ws HTTP/1.1\r\nHost: {server.host}:{server.port}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        f"Sec-WebSocket-Version: 13\r\nCookie: havre_session={token}\r\n\r\n"
    )
    await loop.sock_sendall(raw, request.encode())
    head = await loop.sock_recv(raw, 256)
    assert head.startswith(b"HTTP/1.1 101"), head
    return raw


async def test_slow_reader_is_closed_4008(
    make_server: ServerFactory, clients: Callable[..., ChatClient]
) -> None:
    """A socket that stops reading is closed 4008 once its queue overflows; readers keep receiving."""
    server = await make_server(
        **{
            "limits.send_buffer_bytes": "262144",
            "limits.socket_send_buffer": "16384",
            "limits.messages_burst": "5000",
            "limits.messages_per_second": "5000",
            "limits.frames_burst": "5000",
            "limits.frames_per_second": "5000",
        }
    )
    slow = clients(server)
    await slow.enter("Lent")
    silent = await _silent_socket(server, slow.token)
    witness = await entered_on(clients(server), "Temoin")
    await witness.request({"type": "join", "room": "accueil"}, "joined")
    fast = await entered_on(clients(server), "Rapide")
    await fast.request({"type": "join", "room": "accueil"}, "joined")
    # The silent socket's user joins through a reading socket of theirs, then that socket leaves.
    helper = clients(server)
    helper.http.cookie_jar.update_cookies({"havre_session": slow.token})
    await helper.connect()
    await helper.request({"type": "join", "room": "accueil"}, "joined")

    async def read_all(client: ChatClient, stop_text: str) -> int:
        seen = 0
        while True:
            frame = await client.next_frame(10)
            assert frame["type"] != "closed", frame
            if frame["type"] == "message":
                seen += 1
                if frame["text"].startswith(stop_text):
                    return seen

    text = "x" * 990
    readers = [asyncio.create_task(read_all(c, "599 ")) for c in (witness, helper, fast)]
    assert fast.ws is not None
    for i in range(600):
        await fast.ws.send_json({"type": "say", "room": "accueil", "text": f"{i} {text}", "ref": f"s{i}"})
    assert [await r for r in readers] == [600, 600, 600]
    metrics = await (await fast.http.get(fast.url("/metrics"))).text()
    assert "havre_slow_socket_closes_total 1.0" in metrics
    silent.close()


async def test_heartbeat_pings_and_closes_silent_sockets(
    make_server: ServerFactory, clients: Callable[..., ChatClient]
) -> None:
    """Sockets are pinged; a silent one is closed, an answering one stays; client pings get pongs."""
    server = await make_server(**{"limits.heartbeat_seconds": "0.2"})
    alive = clients(server)
    await alive.enter("Vivant")
    await alive.connect()
    keeper = asyncio.create_task(alive.quiet(1.5))  # reading makes aiohttp answer the pings
    silent = await _silent_socket(server, alive.token)
    loop = asyncio.get_running_loop()
    received = b""
    async with asyncio.timeout(5):
        while True:
            chunk = await loop.sock_recv(silent, 4096)
            if not chunk:
                break
            received += chunk
    silent.close()
    await keeper
    assert b"\x89\x00" in received  # pinged
    assert b"\x88\x14\x03\xe9no answer to pings" in received  # then a close frame, code 1001
    assert alive.ws is not None and not alive.ws.closed
    await alive.send({"type": "ping"})
    await alive.expect("pong")

    prober = clients(server)
    await prober.enter("Sonde")
    prober.ws = await prober.http.ws_connect(prober.url("/ws"), autoping=False)
    await prober.ws.ping(b"hi")
    async with asyncio.timeout(5):
        while True:
            message = await prober.ws.receive()
            if message.type is aiohttp.WSMsgType.PONG:
                assert message.data == b"hi"
                break


async def test_a_shadow_banned_sender_alone_sees_their_messages(
    make_server: ServerFactory, clients: Callable[..., ChatClient]
) -> None:
    """A shadow-banned user's room and private messages are echoed to them alone."""
    from havre.domain.ids import UserId
    from havre.transport.moderation import MODERATION

    server = await make_server()
    ghost, other = await entered_on(clients(server), "Fantome"), await entered_on(clients(server), "Autre")
    for c in (ghost, other):
        await c.request({"type": "join", "room": "accueil"}, "joined")
    # What a moderator's shadow-ban decision leaves in force (the decision path has its own tests).
    server.app[MODERATION].service._shadow[UserId(ghost.user["id"])] = None
    said = await ghost.request({"type": "say", "room": "accueil", "text": "personne ne me lit"})
    told = await ghost.request({"type": "pm", "to": other.user["id"], "text": "toi non plus"})
    assert said["type"] == told["type"] == "ack"
    await ghost.expect("message", id=said["id"])
    await ghost.expect("message", id=told["id"])
    assert not [f for f in await other.quiet(0.3) if f["type"] == "message"]
