"""HTTP endpoints of contract v1 (the JSON API and the probes)."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable
from typing import Any

import msgspec
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from havre.bus.protocol import Delivery, Scope
from havre.domain.users import User
from havre.errors import BadFrame, HavreError, InvalidField, ServiceError
from havre.services.entry import EntryForm
from havre.transport import frames
from havre.transport.context import CONTEXT
from havre.transport.i18n import Language, notice_text, pick_language
from havre.transport.pages import is_websocket
from havre.transport.session import DEVICE_COOKIE, SESSION_COOKIE, client_address, session_token
from havre.transport.status import CLOSE_NOT_AUTHENTICATED, error_body

log = logging.getLogger(__name__)

_JSON_BODY_MAX = 16 * 1024
_DEVICE_COOKIE_SECONDS = 400 * 24 * 3600  # the longest browsers keep a cookie


class EntryBody(msgspec.Struct):
    """The body of ``POST /api/v1/session``."""

    pseudo: str
    gender: str
    age: int
    postal_code: str


_entry_decoder = msgspec.json.Decoder(EntryBody)
_FIELD_CODES = {
    "pseudo": "invalid_pseudo",
    "gender": "invalid_gender",
    "age": "invalid_age",
    "postal_code": "invalid_postal_code",
}


def language_of(request: web.Request) -> Language:
    """The language of a request's user."""
    return pick_language(request.cookies.get("havre_lang"), request.headers.get("Accept-Language"))


def json_error(request: web.Request, error: HavreError) -> web.Response:
    """The JSON error response of an error, in the user's language."""
    status, body = error_body(error, language_of(request))
    return web.json_response(body, status=status)


@web.middleware
def errors_middleware(request: web.Request, handler: Any) -> Awaitable[web.StreamResponse]:
    """Turns ``HavreError`` into the contract's JSON error body; logs service errors.

    The WebSocket handler is called directly (it handles its own errors), so no frame of this
    middleware stays suspended for a socket's whole life.
    """
    if is_websocket(request):
        return handler(request)  # type: ignore[no-any-return]
    return _translate_errors(request, handler)


async def _translate_errors(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        response: web.StreamResponse = await handler(request)
        return response
    except HavreError as exc:
        if isinstance(exc, ServiceError):
            log.warning("%s %s failed: %s", request.method, request.path, exc)
        return json_error(request, exc)


def _entry_form(raw: bytes) -> EntryForm:
    try:
        body = _entry_decoder.decode(raw)
    except msgspec.ValidationError as exc:
        text = str(exc)
        for field, code in _FIELD_CODES.items():
            if f"$.{field}`" in text or f"field `{field}`" in text:
                raise InvalidField(field, code) from None
        raise BadFrame(text, code="invalid_body") from None
    except msgspec.DecodeError:
        raise BadFrame("not JSON", code="invalid_body") from None
    return EntryForm(body.pseudo, body.gender, body.age, body.postal_code)


async def _read_body(request: web.Request) -> bytes:
    if request.content_length is not None and request.content_length > _JSON_BODY_MAX:
        raise BadFrame("body too large", code="invalid_body")
    body = await request.content.read(_JSON_BODY_MAX + 1)
    if len(body) > _JSON_BODY_MAX:
        raise BadFrame("body too large", code="invalid_body")
    return body


def _self_view(user: User) -> dict[str, Any]:
    return msgspec.to_builtins(frames.user_wire(user, user.band))  # type: ignore[no-any-return]


async def create_session(request: web.Request) -> web.Response:
    """``POST /api/v1/session``: anonymous entry."""
    ctx = request.app[CONTEXT]
    form = _entry_form(await _read_body(request))
    device = request.cookies.get(DEVICE_COOKIE)
    if not device or len(device) > 64:
        device = secrets.token_urlsafe(24)
    entered = await ctx.entry.enter(
        form, address=client_address(request, ctx.settings.server.trust_proxy), device=device
    )
    ctx.metrics.stats.entries += 1
    response = web.json_response({"token": entered.token, "user": _self_view(entered.user)}, status=201)
    secure = ctx.settings.server.secure_cookies
    response.set_cookie(SESSION_COOKIE, entered.token, httponly=True, samesite="Lax", secure=secure, path="/")
    response.set_cookie(
        DEVICE_COOKIE,
        device,
        httponly=True,
        samesite="Lax",
        secure=secure,
        path="/",
        max_age=_DEVICE_COOKIE_SECONDS,
    )
    return response


async def current_session(request: web.Request) -> web.Response:
    """``GET /api/v1/session``: who the caller is (an extension: lets a page resume after a reload)."""
    ctx = request.app[CONTEXT]
    user = await ctx.entry.authenticate(session_token(request))
    return web.json_response({"user": _self_view(user)})


async def end_session(request: web.Request) -> web.Response:
    """``DELETE /api/v1/session``: end the session and close its sockets ``4001``."""
    ctx = request.app[CONTEXT]
    user = await ctx.entry.authenticate(session_token(request))
    await ctx.entry.leave(user)
    text = notice_text(ctx.outbound.language_of.get(user.id, Language.FR), "session_ended")
    frame = frames.encode(frames.Notice(kind="system", text=text, data={"key": "session_ended"}))
    await ctx.bus.publish(Delivery(Scope.USER, user.id, frame, close_code=CLOSE_NOT_AUTHENTICATED))
    response = web.Response(status=204)
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


async def list_rooms(request: web.Request) -> web.Response:
    """``GET /api/v1/rooms``: the rooms the caller's band may enter."""
    ctx = request.app[CONTEXT]
    user = await ctx.entry.authenticate(session_token(request))
    views = await ctx.rooms.visible_to(user)
    return web.json_response([msgspec.to_builtins(frames.room_wire(v.room, v.members)) for v in views])


async def healthz(request: web.Request) -> web.Response:
    """``GET /healthz``: the process serves."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """``GET /readyz``: storage and bus answer."""
    ctx = request.app[CONTEXT]
    down: list[str] = []
    try:
        await ctx.health.ping()
    except HavreError:
        down.append("storage")
    try:
        await ctx.bus.ping()
    except HavreError:
        down.append("bus")
    if down:
        return web.json_response({"status": "unavailable", "down": down}, status=503)
    return web.json_response({"status": "ready"})


async def metrics(request: web.Request) -> web.Response:
    """``GET /metrics``: Prometheus text format."""
    ctx = request.app[CONTEXT]
    body = generate_latest(ctx.metrics.registry)
    response = web.Response(body=body)
    response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
    response.charset = "utf-8"
    return response


def add_routes(app: web.Application) -> None:
    """Register the API routes (notices, statements and appeals are in ``transport.moderation``)."""
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    app.router.add_post("/api/v1/session", create_session)
    app.router.add_get("/api/v1/session", current_session)
    app.router.add_delete("/api/v1/session", end_session)
    app.router.add_get("/api/v1/rooms", list_rooms)
