"""A chat client written from the wire contract, for tests over real sockets."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer

_refs = itertools.count(1)
_addresses = itertools.count(1)

POSTAL = {"paris": "75011", "lyon": "69003", "ajaccio": "20000", "bastia": "20200", "reunion": "97400"}


class ChatClient:
    """One browser-like user: a cookie jar, an entry, and WebSockets."""

    def __init__(self, server: TestServer, address: str | None = None) -> None:
        self.server = server
        # Each client comes from its own address (documentation range, sent as X-Forwarded-For to a
        # server that trusts its loopback proxy), as distinct people do.
        self.address = address or f"198.51.100.{next(_addresses) % 250 + 1}"
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True), headers={"X-Forwarded-For": self.address}
        )
        self.user: dict[str, Any] = {}
        self.token = ""
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.inbox: list[dict[str, Any]] = []

    def url(self, path: str) -> str:
        """An absolute URL on the server."""
        return str(self.server.make_url(path))

    async def enter(
        self, pseudo: str, age: int = 30, gender: str = "f", postal_code: str = "75011"
    ) -> dict[str, Any]:
        """Enter; returns the user. Fails the test on refusal."""
        response = await self.http.post(
            self.url("/api/v1/session"),
            json={"pseudo": pseudo, "gender": gender, "age": age, "postal_code": postal_code},
        )
        body = await response.json()
        assert response.status == 201, body
        self.user = body["user"]
        self.token = body["token"]
        return self.user

    async def connect(self, **kwargs: Any) -> dict[str, Any]:
        """Open the WebSocket; returns the ``hello`` frame."""
        self.ws = await self.http.ws_connect(self.url("/ws"), **kwargs)
        return await self.expect("hello")

    async def send(self, frame: dict[str, Any]) -> str:
        """Send a frame with a fresh ``ref`` (unless it has one); returns the ref."""
        assert self.ws is not None
        if "ref" not in frame and frame.get("type") != "ping":
            frame = {**frame, "ref": f"r{next(_refs)}"}
        await self.ws.send_json(frame)
        return str(frame.get("ref", ""))

    async def next_frame(self, timeout: float = 5.0) -> dict[str, Any]:
        """The next frame from the server (or a pseudo-frame ``{"type": "closed", "code"}``)."""
        assert self.ws is not None
        message = await self.ws.receive(timeout=timeout)
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
            return {"type": "closed", "code": self.ws.close_code}
        assert message.type is aiohttp.WSMsgType.TEXT, message
        frame: dict[str, Any] = message.json()
        return frame

    async def expect(self, frame_type: str, timeout: float = 5.0, **match: Any) -> dict[str, Any]:
        """Wait for a frame of ``frame_type`` matching ``match``; other frames are kept in ``inbox``."""
        for i, frame in enumerate(self.inbox):
            if frame["type"] == frame_type and all(frame.get(k) == v for k, v in match.items()):
                return self.inbox.pop(i)
        async with asyncio.timeout(timeout):
            while True:
                frame = await self.next_frame(timeout)
                if frame["type"] == frame_type and all(frame.get(k) == v for k, v in match.items()):
                    return frame
                if frame["type"] == "closed":
                    raise AssertionError(f"closed {frame['code']} while waiting for {frame_type} {match}")
                self.inbox.append(frame)

    async def request(self, frame: dict[str, Any], kind: str = "ack") -> dict[str, Any]:
        """Send a frame and return the answer with its ref (``kind``, or an ``error``)."""
        ref = await self.send(frame)
        async with asyncio.timeout(5):
            while True:
                for i, got in enumerate(self.inbox):
                    if got.get("ref") == ref and got["type"] in (kind, "error"):
                        return self.inbox.pop(i)
                got = await self.next_frame()
                if got.get("ref") == ref and got["type"] in (kind, "error"):
                    return got
                if got["type"] == "closed":
                    raise AssertionError(f"closed {got['code']} while waiting for the answer to {frame}")
                self.inbox.append(got)

    async def quiet(self, seconds: float = 0.2) -> list[dict[str, Any]]:
        """Everything that arrives within ``seconds`` (to check that nothing does)."""
        assert self.ws is not None
        frames = list(self.inbox)
        self.inbox.clear()
        try:
            async with asyncio.timeout(seconds):
                while True:
                    frames.append(await self.next_frame(seconds))
        except TimeoutError:
            pass
        return frames

    async def close(self) -> None:
        """Close the socket and the HTTP session."""
        if self.ws is not None and not self.ws.closed:
            await self.ws.close()
        await self.http.close()
