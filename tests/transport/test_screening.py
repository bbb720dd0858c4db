"""The server acts on every safety verdict: allow, warn, mask, hold, block, with notices and signals."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestServer

from havre.domain.verdict import (
    Action,
    Category,
    NoticeKey,
    NoticeTarget,
    SafetyNotice,
    ScreeningRequest,
    Verdict,
    allow,
)
from havre.transport.context import CONTEXT
from tests.conftest import ServerFactory
from tests.support.client import ChatClient


class ScriptedScreen:
    """Decides by the first word of the message, and remembers what it was asked."""

    def __init__(self) -> None:
        self.requests: list[ScreeningRequest] = []

    def screen(self, request: ScreeningRequest) -> Verdict:
        self.requests.append(request)
        word = request.text.split()[0]
        if word == "warn":
            return Verdict(
                Action.WARN,
                request.text,
                (Category.HARASSMENT,),
                {Category.HARASSMENT: 0.7},
                (SafetyNotice(NoticeKey.MESSAGE_WARNING, NoticeTarget.RECIPIENTS),),
            )
        if word == "mask":
            return Verdict(
                Action.MASK,
                "mask •••",
                (Category.CONTACT_EXCHANGE,),
                {Category.CONTACT_EXCHANGE: 0.99},
                (SafetyNotice(NoticeKey.CONTACT_DETAILS_MASKED, NoticeTarget.BOTH),),
            )
        if word == "hold":
            return Verdict(
                Action.HOLD,
                request.text,
                (Category.GROOMING,),
                {Category.GROOMING: 0.9},
                reason="Ce message attend un modérateur.",
            )
        if word == "block":
            return Verdict(
                Action.BLOCK,
                request.text,
                (Category.DRUGS,),
                {Category.DRUGS: 0.95},
                reason="La vente de drogue est interdite sur Havre.",
            )
        return allow(request.text)


@pytest.fixture
async def pair(
    make_server: ServerFactory,
) -> AsyncIterator[tuple[TestServer, ScriptedScreen, ChatClient, ChatClient]]:
    """Two minors in the same room of a server with a scripted screen."""
    screen = ScriptedScreen()
    server = await make_server(screen=screen)
    a, b = ChatClient(server), ChatClient(server)
    await a.enter("Lina", age=15)
    await b.enter("Hugo", age=16, gender="m")
    for c in (a, b):
        await c.connect()
        await c.request({"type": "join", "room": "ados-accueil"}, "joined")
    # Between minors, the first private message is a request the other accepts.
    await a.request({"type": "pm", "to": b.user["id"], "text": "salut, on parle en privé ?"})
    await b.expect("contact_request")
    await b.request({"type": "contact_accept", "user": a.user["id"]})
    await a.expect("notice")
    await a.expect("message")
    screen.requests.clear()
    yield server, screen, a, b
    await a.close()
    await b.close()


async def test_the_pipeline_sees_who_speaks_where(
    pair: tuple[TestServer, ScriptedScreen, ChatClient, ChatClient],
) -> None:
    """The screening request carries the space, setting, audience, ages and text."""
    _, screen, a, b = pair
    await a.request({"type": "say", "room": "ados-accueil", "text": "salut"})
    await a.request({"type": "pm", "to": b.user["id"], "text": "coucou"})
    room, private = screen.requests
    assert (room.space, room.setting.value, room.audience.value, room.sender_age) == (
        "ados-accueil",
        "room",
        "minors",
        15,
    )
    assert private.setting.value == "pm" and private.recipient_age == 16 and private.space.startswith("c_")


async def test_warn_delivers_and_warns_the_recipients(
    pair: tuple[TestServer, ScriptedScreen, ChatClient, ChatClient],
) -> None:
    """A warned message is delivered and the recipient gets a safety notice."""
    _, _, a, b = pair
    ack = await a.request({"type": "pm", "to": b.user["id"], "text": "warn t'es nul"})
    await b.expect("message", id=ack["id"])
    notice = await b.expect("notice")
    assert notice["kind"] == "safety" and notice["data"]["key"] == "message_warning" and notice["text"]


async def test_mask_delivers_the_masked_text_and_tells_both(
    pair: tuple[TestServer, ScriptedScreen, ChatClient, ChatClient],
) -> None:
    """A masked message reaches everyone masked; both sides are told why."""
    _, _, a, b = pair
    ack = await a.request({"type": "pm", "to": b.user["id"], "text": "mask mon snap c lina_75"})
    assert (await b.expect("message", id=ack["id"]))["text"] == "mask •••"
    for client in (a, b):
        assert (await client.expect("notice"))["data"]["key"] == "contact_details_masked"


async def test_hold_reaches_nobody_and_is_kept_for_moderators(
    pair: tuple[TestServer, ScriptedScreen, ChatClient, ChatClient],
) -> None:
    """A held message answers held, reaches nobody, stays out of history, and leaves a signal."""
    server, _, a, b = pair
    error = await a.request({"type": "say", "room": "ados-accueil", "text": "hold t'es seule ?"})
    assert error["code"] == "held" and error["message"] == "Ce message attend un modérateur."
    assert not [f for f in await b.quiet() if f["type"] == "message"]
    late = ChatClient(server)
    await late.enter("Zoe", age=17)
    await late.connect()
    assert (await late.request({"type": "join", "room": "ados-accueil"}, "joined"))["history"] == []
    await late.close()
    signals = await server.app[CONTEXT].chat._repos.signals.recent(5)
    assert [(s.action, s.categories) for s in signals] == [("hold", ("grooming",))]


async def test_block_refuses_with_the_reason(
    pair: tuple[TestServer, ScriptedScreen, ChatClient, ChatClient],
) -> None:
    """A blocked message is refused with the pipeline's reason and never delivered."""
    server, _, a, b = pair
    error = await a.request({"type": "say", "room": "ados-accueil", "text": "block 3g 20e"})
    assert error["code"] == "rejected" and "drogue" in error["message"]
    assert not [f for f in await b.quiet() if f["type"] == "message"]
    signals = await server.app[CONTEXT].chat._repos.signals.recent(5)
    assert signals[0].action == "block" and signals[0].message is None and signals[0].text == "block 3g 20e"
