"""The WebSocket endpoint ``GET /ws``: handshake, authentication, the frame loop and dispatch."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

from havre.domain.ratelimit import TokenBucket
from havre.domain.users import User
from havre.errors import BadFrame, ClientError, HavreError, NotAuthenticated, RateLimited
from havre.transport import frames
from havre.transport.context import CONTEXT, Context
from havre.transport.hub import Connection, pong_frame
from havre.transport.i18n import Language, pick_language
from havre.transport.moderation import report_frame
from havre.transport.session import client_address, cookie, session_token
from havre.transport.status import CLOSE_NOT_AUTHENTICATED, error_message

log = logging.getLogger(__name__)

# What ends the receive loop (what ``async for`` over the socket stops on, and errors).
_END = (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR)


def origin_allowed(request: web.Request, allowed: tuple[str, ...]) -> bool:
    """Whether a browser handshake's ``Origin`` is this server itself or an allowed origin.

    Clients that send no ``Origin`` (bots, load generators) are not browsers and are let through:
    the session cookie still authenticates them.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin in allowed:
        return True
    parts = urlsplit(origin)
    return bool(parts.netloc) and parts.netloc == request.host


async def websocket(request: web.Request) -> web.StreamResponse:
    """Serve one WebSocket until it closes.

    The handshake and the clean-up are functions of their own, so this coroutine, suspended for the
    socket's whole life, keeps only the few locals of the receive loop.
    """
    ctx = request.app[CONTEXT]
    # Pings are sent by one job for every socket (Hub.heartbeat) and answered here, instead of a
    # timer per socket in aiohttp: an idle socket costs less memory.
    ws = web.WebSocketResponse(
        max_msg_size=ctx.settings.limits.max_frame_bytes, autoping=False, compress=False
    )
    connection = await _open(ctx, request, ws)
    if connection is None:
        return ws
    try:
        async with ctx.handshakes:
            await ctx.chat.connected(connection.user)
            await _hello(ctx, connection, connection.user)
        # The receive loop is inline, not a coroutine of its own: one frame less per idle socket.
        limits = ctx.settings.limits
        bucket: TokenBucket | None = None  # made at the first text frame: idle sockets need none
        stats = ctx.metrics.stats
        loop = asyncio.get_running_loop()
        # ``receive`` directly, not ``async for``: one coroutine less suspended per idle socket.
        while True:
            msg = await ws.receive()
            if msg.type in _END:
                break
            connection.last_heard = loop.time()
            if msg.type is WSMsgType.PONG:
                continue
            if msg.type is WSMsgType.PING:
                connection.send_frame(pong_frame(msg.data))
                continue
            if connection.backlog > limits.send_buffer_bytes // 2:
                await connection.drained(limits.send_buffer_bytes // 4)
            if msg.type is WSMsgType.TEXT:
                stats.frames_in += 1
                if bucket is None:
                    bucket = TokenBucket(limits.frames_per_second, limits.frames_burst)
                if not bucket.allow(time.monotonic()):
                    _send_error(connection, RateLimited(), frames.recover_ref(msg.data), stats)
                    continue
                await _handle(ctx, connection, msg.data, request)
            elif msg.type is WSMsgType.BINARY:
                stats.frames_in += 1
                _send_error(connection, BadFrame("binary frames are not accepted"), None, stats)
            if connection.closing:
                break
    except Exception:
        log.exception("websocket handler failed for %s", connection.user.id)
    finally:
        await _close(ctx, connection, ws)
    return ws


async def _open(ctx: Context, request: web.Request, ws: web.WebSocketResponse) -> Connection | None:
    """The handshake: origin, upgrade, authentication, the socket limit; ``None`` once refused and closed."""
    limits = ctx.settings.limits
    language = pick_language(cookie(request, "havre_lang"), request.headers.get("Accept-Language"))
    if not origin_allowed(request, ctx.settings.server.allowed_origins):
        raise web.HTTPForbidden(text="origin not allowed")
    await ws.prepare(request)
    if limits.socket_send_buffer > 0:
        raw = request.transport.get_extra_info("socket") if request.transport is not None else None
        if raw is not None:
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, limits.socket_send_buffer)
    async with ctx.handshakes:
        try:
            user = await ctx.entry.authenticate(session_token(request))
        except NotAuthenticated:
            await ws.close(code=CLOSE_NOT_AUTHENTICATED, message=b"not authenticated")
            return None
        except HavreError:
            log.warning("authentication failed: storage unavailable")
            await ws.close(code=1011, message=b"unavailable")
            return None
    if ctx.presence.sockets(user.id) >= limits.sockets_per_user:
        await ws.close(code=1008, message=b"too many sockets")
        return None
    connection = Connection(
        ws, request.transport, user, language, limits.send_buffer_bytes, ctx.metrics.stats
    )
    ctx.hub.add(connection)
    # Notices follow the language of the user's latest socket; French, the default, is not stored.
    if language is Language.FR:
        ctx.outbound.language_of.pop(user.id, None)
    else:
        ctx.outbound.language_of[user.id] = language
    return connection


async def _close(ctx: Context, connection: Connection, ws: web.WebSocketResponse) -> None:
    """After the receive loop: forget the socket, and the user's state with their last socket."""
    user = connection.user
    await connection.wait_closed()
    ctx.hub.remove(connection)
    try:
        await ctx.chat.disconnected(user)
    except HavreError:
        log.warning("disconnect cleanup failed for %s", user.id)
    if not ctx.hub.of_user(user.id):
        ctx.outbound.language_of.pop(user.id, None)
    if not ws.closed:
        await ws.close()


async def _hello(ctx: Context, connection: Connection, user: User) -> None:
    # In a function of its own, so the room list is not kept alive for the socket's whole life.
    views = await ctx.rooms.visible_to(user)
    connection.send(
        frames.encode(
            frames.Hello(
                user=frames.user_wire(user, user.band),
                rooms=[frames.room_wire(v.room, v.members) for v in views],
                settings=frames.SettingsWire(private_messages=ctx.chat.accepts_private(user.id)),
            )
        )
    )


def _send_error(connection: Connection, error: HavreError, ref: str | None, stats: object) -> None:
    code, message = error_message(error, connection.language)
    if isinstance(error, BadFrame) and error.detail:
        message = f"{message} ({error.detail})"
    connection.send(frames.encode(frames.Error(code=code, message=message, ref=ref)))
    errors = getattr(stats, "errors", None)
    if errors is not None:
        errors[code] += 1


async def _handle(ctx: Context, connection: Connection, data: str, request: web.Request) -> None:
    ref: str | None = None
    try:
        frame = frames.parse_frame(data)
        ref = frame.ref
        if isinstance(frame, frames.Report):
            address = client_address(request, ctx.settings.server.trust_proxy)
            report_id = (await report_frame(request.app, connection.user, frame, address)).id
            connection.send(frames.encode(frames.Ack(ref=frame.ref, id=report_id)))
            return
        await _dispatch(ctx, connection, connection.user, frame)
    except BadFrame as exc:
        _send_error(connection, exc, getattr(exc, "ref", None), ctx.metrics.stats)
    except HavreError as exc:
        if not isinstance(exc, ClientError):
            log.warning("frame failed: %s", exc)
        _send_error(connection, exc, ref, ctx.metrics.stats)


async def _dispatch(ctx: Context, connection: Connection, user: User, frame: frames.AnyClientFrame) -> None:
    viewer = user.band
    if isinstance(frame, frames.Say | frames.Pm):
        started = time.perf_counter()
        if isinstance(frame, frames.Say):
            ack = await ctx.chat.say(user, frame.room, frame.text)
        else:
            ack = await ctx.chat.pm(user, frame.to, frame.text)
        connection.send(
            frames.encode(frames.Ack(ref=frame.ref, id=ack.id, ts=frames.timestamp(ack.message.created_at)))
        )
        ctx.metrics.stats.messages += 1
        ctx.metrics.latency.observe(time.perf_counter() - started)
    elif isinstance(frame, frames.Join):
        joined = await ctx.chat.join(user, frame.room)
        connection.send(
            frames.encode(
                frames.Joined(
                    room=joined.room.id,
                    members=[frames.user_wire(m, viewer) for m in joined.members],
                    history=[frames.message_wire(m, s, viewer) for m, s in joined.history],
                    ref=frame.ref,
                )
            )
        )
    elif isinstance(frame, frames.Leave):
        room = await ctx.chat.leave(user, frame.room)
        connection.send(frames.encode(frames.Left(room=room, ref=frame.ref)))
    elif isinstance(frame, frames.Block):
        await ctx.chat.block(user, frame.user)
        connection.send(frames.encode(frames.Ack(ref=frame.ref)))
    elif isinstance(frame, frames.Unblock):
        await ctx.chat.unblock(user, frame.user)
        connection.send(frames.encode(frames.Ack(ref=frame.ref)))
    elif isinstance(frame, frames.Ping):
        connection.send(frames.encode(frames.Pong(ref=frame.ref)))
    elif isinstance(frame, frames.ContactAccept | frames.ContactDecline):
        await ctx.chat.answer_contact(user, frame.user, isinstance(frame, frames.ContactAccept))
        connection.send(frames.encode(frames.Ack(ref=frame.ref)))
    elif isinstance(frame, frames.Settings):
        await ctx.chat.set_private_messages(user, frame.private_messages)
        connection.send(frames.encode(frames.Ack(ref=frame.ref)))
    elif isinstance(frame, frames.AgeAssurance):
        await ctx.chat.assure_age(user, frame.token)
        connection.send(frames.encode(frames.Ack(ref=frame.ref)))
    else:  # pragma: no cover - the decoder admits no other type
        raise BadFrame("unknown type")


__all__ = ["origin_allowed", "websocket"]
