"""A moderator's client over HTTP (the console's API), and helpers to create moderators."""

from __future__ import annotations

import itertools
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pyotp
from aiohttp.test_utils import TestServer

from havre.storage.moderation import Role
from havre.transport.moderation import MODERATION

PASSWORD = "un mot de passe très long"
_addresses = itertools.count(1)


def totp_secret(uri: str) -> str:
    """The TOTP secret inside a provisioning URI."""
    return parse_qs(urlsplit(uri).query)["secret"][0]


async def add_moderator(server: TestServer, name: str, role: Role = Role.MODERATOR) -> str:
    """Create a moderator on a running server; returns the TOTP secret."""
    created = await server.app[MODERATION].auth.create(name, role, PASSWORD)
    return totp_secret(created.provisioning_uri)


class ModClient:
    """A moderator: the console cookie, the CSRF token, and JSON calls."""

    def __init__(self, server: TestServer) -> None:
        self.server = server
        address = f"203.0.113.{next(_addresses) % 250 + 1}"
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True), headers={"X-Forwarded-For": address}
        )
        self.csrf = ""
        self.me: dict[str, Any] = {}

    def url(self, path: str) -> str:
        """An absolute URL on the server."""
        return str(self.server.make_url(path))

    async def login(self, name: str, secret: str, *, password: str = PASSWORD) -> tuple[int, dict[str, Any]]:
        """Log in with the current TOTP code; returns the status and body."""
        body = {"name": name, "password": password, "totp": pyotp.TOTP(secret).now()}
        async with self.http.post(self.url("/api/v1/mod/login"), json=body) as response:
            data: dict[str, Any] = await response.json()
            if response.status == 200:
                self.csrf = data["csrf"]
                self.me = data["moderator"]
            return response.status, data

    async def get(self, path: str) -> tuple[int, Any]:
        """GET a path; returns the status and the JSON body."""
        async with self.http.get(self.url(path)) as response:
            return response.status, await response.json()

    async def post(self, path: str, body: dict[str, Any], *, csrf: str | None = None) -> tuple[int, Any]:
        """POST JSON with the CSRF header; returns the status and the JSON body."""
        headers = {"X-CSRF-Token": self.csrf if csrf is None else csrf}
        async with self.http.post(self.url(path), json=body, headers=headers) as response:
            return response.status, await response.json()

    async def close(self) -> None:
        """Close the HTTP session."""
        await self.http.close()
