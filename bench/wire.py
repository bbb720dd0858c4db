"""A lean WebSocket client for load generation: a raw asyncio protocol, no JSON on the hot path.

It speaks just enough RFC 6455 for Havre: an HTTP/1.1 upgrade with the session cookie, unfragmented
text frames in, masked text frames out (with a zero mask key, which is legal and leaves the payload
unchanged, so sending costs one header and one ``write``), pong answers to pings. Incoming frames are
classified by their first bytes (msgspec writes ``{"type":...`` first); only the ``message`` frames are
looked at further, and only to read the send time the load generator put in their text.
"""

from __future__ import annotations

import asyncio
import base64
import os
import struct
from collections.abc import Callable
from time import monotonic_ns

_MESSAGE = b'{"type":"message"'
_ACK = b'{"type":"ack"'
_STAMP = b'"text":"t='

OP_TEXT = 0x1
OP_CLOSE = 0x8
OP_PING = 0x9


def text_frame(payload: bytes) -> bytes:
    """A masked (zero key) client text frame."""
    n = len(payload)
    if n < 126:
        header = struct.pack("!BB", 0x81, 0x80 | n)
    elif n < 65536:
        header = struct.pack("!BBH", 0x81, 0x80 | 126, n)
    else:
        header = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
    return header + b"\0\0\0\0" + payload


def control_frame(opcode: int, payload: bytes = b"") -> bytes:
    """A masked (zero key) client control frame."""
    return struct.pack("!BB", 0x80 | opcode, 0x80 | len(payload)) + b"\0\0\0\0" + payload


class Sink:
    """What every client of a load generator reports into (one per process: plain counters)."""

    __slots__ = ("acks", "closes", "frames", "latencies", "messages", "recording", "stamped")

    def __init__(self) -> None:
        self.frames = 0
        self.messages = 0
        self.acks = 0
        self.stamped = 0
        self.closes: list[int] = []
        self.recording = False
        self.latencies: list[int] = []


class WsClient(asyncio.Protocol):
    """One WebSocket: counts frames into a ``Sink``, records send→receive latency of stamped messages."""

    def __init__(self, host: str, port: int, cookie: str, sink: Sink) -> None:
        self._request = (
            f"GET /ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\n"
            f"Sec-WebSocket-Version: 13\r\nCookie: havre_session={cookie}\r\n\r\n"
        ).encode()
        self._sink = sink
        self._buf = b""
        self._upgraded = False
        self.transport: asyncio.Transport | None = None
        self.opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.closed: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        # Frames a caller waits for (``hello``, ``joined``...): set ``want`` to a prefix to capture one.
        self.want: bytes | None = None
        self.wanted: asyncio.Future[bytes] | None = None
        self.on_ack: Callable[[bytes], None] | None = None

    # asyncio.Protocol --------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment] # uvloop's transports are not subclasses
        transport.write(self._request)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.opened.done():
            self.opened.set_exception(ConnectionError("closed during the handshake"))
        if not self.closed.done():
            self.closed.set_result(1006)
        if self.wanted is not None and not self.wanted.done():
            self.wanted.set_exception(ConnectionError("closed"))

    def data_received(self, data: bytes) -> None:
        buf = self._buf + data if self._buf else data
        if not self._upgraded:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                self._buf = buf
                return
            status = buf[: buf.find(b"\r\n")]
            if b" 101 " not in status:
                self.opened.set_exception(ConnectionError(status.decode(errors="replace")))
                assert self.transport is not None
                self.transport.close()
                return
            self._upgraded = True
            self.opened.set_result(None)
            buf = buf[end + 4 :]
        self._buf = self._frames(buf)

    # Frames ------------------------------------------------------------------------------------

    def _frames(self, buf: bytes) -> bytes:
        sink = self._sink
        n = len(buf)
        i = 0
        while n - i >= 2:
            length = buf[i + 1] & 0x7F
            head = 2
            if length == 126:
                if n - i < 4:
                    break
                length = (buf[i + 2] << 8) | buf[i + 3]
                head = 4
            elif length == 127:
                if n - i < 10:
                    break
                length = int.from_bytes(buf[i + 2 : i + 10], "big")
                head = 10
            end = i + head + length
            if end > n:
                break
            opcode = buf[i] & 0x0F
            if opcode == OP_TEXT:
                sink.frames += 1
                if buf.startswith(_MESSAGE, i + head):
                    sink.messages += 1
                    if sink.recording:
                        at = buf.find(_STAMP, i + head, end)
                        if at >= 0:
                            start = at + len(_STAMP)
                            stop = buf.find(b";", start, end)
                            if stop > 0:
                                sink.latencies.append(monotonic_ns() - int(buf[start:stop]))
                elif buf.startswith(_ACK, i + head):
                    sink.acks += 1
                    if self.on_ack is not None:
                        self.on_ack(buf[i + head : end])
                elif self.want is not None and buf.startswith(self.want, i + head):
                    self.want = None
                    if self.wanted is not None and not self.wanted.done():
                        self.wanted.set_result(buf[i + head : end])
            elif opcode == OP_PING:
                assert self.transport is not None
                self.transport.write(control_frame(0xA, buf[i + head : end]))
            elif opcode == OP_CLOSE:
                code = int.from_bytes(buf[i + head : i + head + 2], "big") if length >= 2 else 1005
                sink.closes.append(code)
                if not self.closed.done():
                    self.closed.set_result(code)
                assert self.transport is not None
                self.transport.write(control_frame(OP_CLOSE, buf[i + head : i + head + 2]))
                self.transport.close()
            i = end
        return buf[i:] if i < n else b""

    # Calls -------------------------------------------------------------------------------------

    def send(self, payload: bytes) -> None:
        """Send one text frame (never waits: the load generator paces itself)."""
        assert self.transport is not None
        self.transport.write(text_frame(payload))

    async def request(self, payload: bytes | None, answer_prefix: bytes, within: float = 30) -> bytes:
        """Send ``payload`` (if any) and wait for the next frame starting with ``answer_prefix``."""
        self.want = answer_prefix
        self.wanted = asyncio.get_running_loop().create_future()
        if payload is not None:
            self.send(payload)
        async with asyncio.timeout(within):
            return await self.wanted

    def close(self) -> None:
        """Close politely (a close frame), then drop the connection."""
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(control_frame(OP_CLOSE, struct.pack("!H", 1000)))
            self.transport.close()


async def open_ws(host: str, port: int, cookie: str, sink: Sink, *, within: float = 30) -> WsClient:
    """Connect and upgrade; returns once the handshake answered 101 and ``hello`` arrived."""
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(within):
        _, client = await loop.create_connection(lambda: WsClient(host, port, cookie, sink), host, port)
        client.want = b'{"type":"hello"'
        client.wanted = loop.create_future()
        await client.opened
        await client.wanted
    return client
