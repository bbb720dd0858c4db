"""The moderators' API over HTTP: authentication, CSRF, audited private access, OpenAPI, the console page."""

from __future__ import annotations

from collections.abc import AsyncIterator

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
    return await make_server()


@pytest.fixture
async def admin(server: TestServer) -> AsyncIterator[ModClient]:
    """A logged-in admin."""
    secret = await add_moderator(server, "admin", Role.ADMIN)
    client = ModClient(server)
    assert (await client.login("admin", secret))[0] == 200
    yield client
    await client.close()


async def test_the_api_needs_a_session_and_a_valid_code(server: TestServer) -> None:
    """Without a cookie the API answers 401; a wrong password or code is refused alike."""
    secret = await add_moderator(server, "eve", Role.MODERATOR)
    client = ModClient(server)
    try:
        assert (await client.get("/api/v1/mod/cases"))[0] == 401
        status, body = await client.login("eve", secret, password="mauvais mot de passe")
        assert status == 401 and body["error"]["code"] == "invalid_credentials"
        status, body = await client.login("eve", secret)
        assert (
            status == 200
            and body["moderator"]["role"] == "moderator"
            and "shadow_ban" not in body["moderator"]["actions"]
        )
        replay = ModClient(server)
        assert (await replay.login("eve", secret))[0] == 401  # the same TOTP code twice
        await replay.close()
    finally:
        await client.close()


async def test_mutations_need_the_csrf_token(server: TestServer, admin: ModClient) -> None:
    """A decision without the session's CSRF token, or from another origin, is refused 403."""
    status, body = await admin.post("/api/v1/mod/cases/nope/decision", {"action": "dismiss"}, csrf="forged")
    assert status == 403 and body["error"]["code"] == "csrf_failed"
    async with admin.http.post(
        admin.url("/api/v1/mod/cases/nope/decision"),
        json={"action": "dismiss"},
        headers={"X-CSRF-Token": admin.csrf, "Origin": "https://evil.example"},
    ) as response:
        assert response.status == 403
    status, body = await admin.post("/api/v1/mod/cases/nope/decision", {"action": "dismiss"})
    assert status == 404


async def test_private_conversations_open_only_inside_a_case_and_are_logged(
    server: TestServer, admin: ModClient
) -> None:
    """A reported private message's snapshot is withheld until revealed, and the reveal is audited."""
    alice, bob = ChatClient(server), ChatClient(server)
    try:
        await alice.enter("Alice")
        await alice.connect()
        await bob.enter("Bob")
        await bob.connect()
        sent = await bob.request({"type": "pm", "to": alice.user["id"], "text": "envoie une photo"})
        ack = await alice.request({"type": "report", "message": sent["id"], "reason": "harassment"})
        assert ack["type"] == "ack"
    finally:
        await alice.close()
        await bob.close()
    status, queue = await admin.get("/api/v1/mod/cases")
    case_id = queue["cases"][0]["id"]
    status, detail = await admin.get(f"/api/v1/mod/cases/{case_id}")
    assert detail["reports"][0]["private"] and detail["reports"][0]["snapshot"] is None
    status, revealed = await admin.post(f"/api/v1/mod/cases/{case_id}/private", {})
    texts = [m["text"] for m in revealed["reports"][0]["snapshot"]["messages"]]
    assert status == 200 and texts == ["envoie une photo"]
    status, audit = await admin.get("/api/v1/mod/audit")
    assert [e["action"] for e in audit["entries"]][-1] == "private_access" and audit["chain"]["ok"]


async def test_openapi_and_console_are_served(server: TestServer, admin: ModClient) -> None:
    """The OpenAPI document lists the API; the console page loads its module under a strict CSP."""
    status, document = await admin.get("/api/v1/mod/openapi.json")
    assert status == 200 and document["openapi"].startswith("3.")
    assert {"/api/v1/mod/login", "/api/v1/mod/cases", "/api/v1/mod/cases/{case_id}/decision"} <= set(
        document["paths"]
    )
    async with admin.http.get(admin.url("/mod/")) as response:
        page = await response.text()
        assert response.status == 200 and "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert '<script type="module" src="/mod/assets/mod.js">' in page and "<style" not in page
    async with admin.http.get(admin.url("/mod/assets/mod.js")) as response:
        assert response.status == 200 and "innerHTML" not in await response.text()
    assert server.app[MODERATION].service.terms.version == "2026-11-01"
