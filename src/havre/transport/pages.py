"""The web client's files, served by Havre itself, and the security headers of every response."""

from __future__ import annotations

from collections.abc import Awaitable
from pathlib import Path
from typing import Any

from aiohttp import web

STATIC = Path(__file__).parent / "web" / "static"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; media-src 'self' data:; font-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


WEBSOCKET_PATH = "/ws"


def is_websocket(request: web.Request) -> bool:
    """Whether a request is for the WebSocket endpoint.

    Read from the raw request line, with no decoding: nothing new is computed or cached on a request
    that lives as long as its socket.
    """
    return request.raw_path.partition("?")[0] == WEBSOCKET_PATH


@web.middleware
def security_headers(request: web.Request, handler: Any) -> Awaitable[web.StreamResponse]:
    """Adds the CSP and the other protective headers to every HTTP response.

    The WebSocket handler is called directly: it answers with its own 101 before any header could be
    added, and a socket lives for hours, so no frame of this middleware stays suspended around it (that
    is memory per idle socket).
    """
    if is_websocket(request):
        return handler(request)  # type: ignore[no-any-return]
    return _with_headers(request, handler)


async def _with_headers(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        response: web.StreamResponse = await handler(request)
    except web.HTTPException as exc:
        exc.headers.update(_HEADERS)
        raise
    if not response.prepared:
        response.headers.update(_HEADERS)
        if request.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
    return response


async def index(request: web.Request) -> web.StreamResponse:
    """``GET /``: the single-page client."""
    page = STATIC / "index.html"
    if not page.is_file():
        return web.Response(text="Havre: le client web n'est pas installé.", content_type="text/plain")
    response = web.FileResponse(page)
    response.headers["Cache-Control"] = "no-cache"
    return response


def add_routes(app: web.Application) -> None:
    """Register ``/`` and ``/static/``."""
    app.router.add_get("/", index)
    STATIC.mkdir(parents=True, exist_ok=True)
    app.router.add_static("/static/", STATIC, follow_symlinks=False, append_version=False)
