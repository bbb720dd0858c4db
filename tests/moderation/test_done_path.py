"""The issue's "done when" over real sockets: report, queue, ban, notice then 4003, refusal, appeal, lift."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from havre.storage.moderation import Role
from havre.transport.moderation import MODERATION
from tests.conftest import ServerFactory
from tests.moderation.support import ModClient, add_moderator
from tests.support.client import ChatClient


@pytest.fixture
async def server(make_server: ServerFactory) -> TestServer:
    """A live server on SQLite with screening off."""
    return await make_server(**{"limits.messages_burst": "100"})


@pytest.fixture
async def people(server: TestServer) -> AsyncIterator[Callable[..., ChatClient]]:
    """A factory of chat clients, closed after the test."""
    made: list[ChatClient] = []

    def new() -> ChatClient:
        client = ChatClient(server)
        made.append(client)
        return client

    yield new
    for client in made:
        await client.close()


@pytest.fixture
async def moderators(server: TestServer) -> AsyncIterator[Callable[..., ModClient]]:
    """A factory of moderator clients, closed after the test."""
    made: list[ModClient] = []

    def new() -> ModClient:
        client = ModClient(server)
        made.append(client)
        return client

    yield new
    for client in made:
        await client.close()


async def test_report_ban_statement_close_refusal_appeal_lift(
    server: TestServer, people: Callable[..., ChatClient], moderators: Callable[..., ModClient]
) -> None:
    """A reported user is banned from the queue, told why before 4003, refused entry, freed on appeal."""
    reporter, target = people(), people()
    await reporter.enter("Rapporteuse")
    await reporter.connect()
    await target.enter("Fauteur")
    await target.connect()
    for client in (reporter, target):
        await client.request({"type": "join", "room": "cuisine"}, "joined")
    for i in range(25):
        await (target if i % 2 else reporter).request(
            {"type": "say", "room": "cuisine", "text": f"avant {i}"}
        )
    bad = await target.request({"type": "say", "room": "cuisine", "text": "je vais te retrouver"})
    for i in range(12):
        await reporter.request({"type": "say", "room": "cuisine", "text": f"après {i}"})

    ack = await reporter.request(
        {"type": "report", "message": bad["id"], "reason": "threat", "details": "menace de mort"}
    )
    assert ack["type"] == "ack" and ack["id"]
    anonymous = people()
    response = await anonymous.http.post(
        anonymous.url("/api/v1/reports"),
        json={"message": bad["id"], "reason": "harassment", "good_faith": True, "email": "a@exemple.fr"},
    )
    assert response.status == 201 and (await response.json())["id"]

    claire_secret = await add_moderator(server, "claire", Role.SENIOR_MODERATOR)
    senior_secret = await add_moderator(server, "bruno", Role.SENIOR_MODERATOR)
    claire = moderators()
    assert (await claire.login("claire", claire_secret))[0] == 200
    status, queue = await claire.get("/api/v1/mod/cases?status=open")
    assert status == 200 and len(queue["cases"]) == 1
    case = queue["cases"][0]
    assert case["tier"] == 0 and case["reports"] == 2 and case["target"]["user"]["pseudo"] == "Fauteur"
    status, detail = await claire.get(f"/api/v1/mod/cases/{case['id']}")
    assert status == 200 and len(detail["reports"]) == 2
    snapshot = detail["reports"][0]["snapshot"]
    reported = [m for m in snapshot["messages"] if m["reported"]]
    assert [m["text"] for m in reported] == ["je vais te retrouver"]
    index = snapshot["messages"].index(reported[0])
    assert index == 20 and len(snapshot["messages"]) == 31
    assert detail["reports"][0]["snapshot_intact"] and len(detail["reports"][0]["snapshot_sha256"]) == 64

    status, decided = await claire.post(
        f"/api/v1/mod/cases/{case['id']}/decision",
        {
            "action": "ban",
            "hours": 72,
            "clause": "3.2",
            "facts": "Menace de mort envoyée dans le salon Cuisine.",
        },
    )
    assert status == 200, decided
    statement = decided["statement"]

    notice = await target.expect("notice", kind="sanction")
    assert notice["data"]["statement_id"] == statement["id"] and notice["data"]["appeal_code"]
    assert notice["data"]["clause"] == "3.2" and notice["data"]["terms_version"]
    assert notice["data"]["automated_detection"] == "false" and notice["data"]["until"]
    assert target.ws is not None
    closing = await target.ws.receive(timeout=5)
    assert closing.type is aiohttp.WSMsgType.CLOSE and closing.data == 4003

    refused = await target.http.post(
        target.url("/api/v1/session"),
        json={"pseudo": "Revenant", "gender": "m", "age": 30, "postal_code": "75011"},
    )
    body = await refused.json()
    assert refused.status == 403 and body["error"]["code"] == "banned"
    assert body["error"]["until"] and "3.2" in body["error"]["reason"]

    listed = await target.http.get(
        target.url("/api/v1/me/statements"), headers={"Authorization": f"Bearer {target.token}"}
    )
    statements = await listed.json()
    assert listed.status == 200 and [s["id"] for s in statements] == [statement["id"]]
    fields = statements[0]
    assert fields["ground"]["clause"] == "3.2" and fields["ground"]["terms_version"] == "2026-11-01"
    assert fields["automated_decision"] is False and "extrajudiciaire" in fields["redress"]

    appeal = await target.http.post(
        target.url("/api/v1/appeals"),
        json={"appeal_code": notice["data"]["appeal_code"], "text": "Je plaisantais."},
    )
    assert appeal.status == 201
    again = await target.http.post(
        target.url("/api/v1/appeals"), json={"appeal_code": notice["data"]["appeal_code"], "text": "Encore."}
    )
    assert again.status == 409

    status, appeals = await claire.get("/api/v1/mod/appeals")
    appeal_id = appeals["appeals"][0]["id"]
    status, refused_self = await claire.post(
        f"/api/v1/mod/appeals/{appeal_id}/decision", {"outcome": "reversed"}
    )
    assert status == 403 and refused_self["error"]["code"] == "same_moderator"
    bruno = moderators()
    assert (await bruno.login("bruno", senior_secret))[0] == 200
    status, outcome = await bruno.post(
        f"/api/v1/mod/appeals/{appeal_id}/decision", {"outcome": "reversed", "note": "Contexte de jeu."}
    )
    assert status == 200 and outcome["status"] == "reversed" and outcome["decided_at"]

    back = await target.http.post(
        target.url("/api/v1/session"),
        json={"pseudo": "Revenant", "gender": "m", "age": 30, "postal_code": "75011"},
    )
    assert back.status == 201
    listed = await target.http.get(
        target.url("/api/v1/me/statements"), headers={"Authorization": f"Bearer {target.token}"}
    )
    check = await server.app[MODERATION].service.verify_audit()
    assert check.ok and check.checked == 4  # two logins, the decision, the appeal
