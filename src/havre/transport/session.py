"""Where a request's session token comes from: the ``havre_session`` cookie or a bearer header."""

from __future__ import annotations

from aiohttp import web

SESSION_COOKIE = "havre_session"
DEVICE_COOKIE = "havre_device"


def cookie(request: web.Request, name: str) -> str | None:
    """The value of one cookie of a request, or ``None``.

    Unlike ``request.cookies``, nothing is cached on the request: a WebSocket's request lives as long
    as the socket, and a parsed cookie dictionary kept on each would be memory per idle socket.
    """
    for header in request.headers.getall("Cookie", ()):
        for pair in header.split(";"):
            key, sep, value = pair.partition("=")
            if sep and key.strip() == name:
                return value.strip().strip('"') or None
    return None


def session_token(request: web.Request) -> str | None:
    """The session token of a request, or ``None``."""
    token = cookie(request, SESSION_COOKIE)
    if token:
        return token
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[len("Bearer ") :].strip() or None
    return None


def client_address(request: web.Request, trust_proxy: bool) -> str:
    """The client's IP address; ``X-Forwarded-For`` is believed only from a trusted local proxy."""
    remote = request.remote or "unknown"
    if trust_proxy and remote in ("127.0.0.1", "::1"):
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return remote
