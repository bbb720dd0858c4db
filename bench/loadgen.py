"""Havre's load generator: its own process, uvloop, one JSON result line on stdout.

    loadgen.py fanout  --port P --server-pid PID --clients N --phases closed:10,rate:500:10
    loadgen.py idle    --port P --server-pid PID --sockets 10000
    loadgen.py entries --port P --server-pid PID --count 5000 --concurrency 32

Entries go through aiohttp (``POST /api/v1/session``); WebSockets through the lean client of
``wire.py``. The server's CPU (``/proc/PID/stat``) and memory (``/proc/PID/status``) are read at the
edges of each measured window. Every phase is bounded in time; the process exits by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp
import uvloop
from harness import CLK_TCK, cpu_ticks, loadavg, raise_nofile, rss_kb, runqueue_wait_ns
from wire import Sink, WsClient, open_ws

HOST = "127.0.0.1"
FILLER = "salut tout le monde, quelqu'un a vu le match hier soir ?"
_SAY = '{"type":"say","room":"%s","text":"t=%d;%s","ref":"%d"}'


def log(*parts: object) -> None:
    print("[loadgen]", *parts, file=sys.stderr, flush=True)


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted sequence (``q`` in 0..100)."""
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return float(sorted_values[rank])


async def bounded(concurrency: int, jobs: Sequence[Callable[[], Awaitable[Any]]]) -> list[Any]:
    """Run ``jobs`` with at most ``concurrency`` at once; results in order."""
    results: list[Any] = [None] * len(jobs)
    index = itertools.count()

    async def worker() -> None:
        while (i := next(index)) < len(jobs):
            results[i] = await jobs[i]()

    async with asyncio.TaskGroup() as group:
        for _ in range(min(concurrency, len(jobs))):
            group.create_task(worker())
    return results


# Entries ---------------------------------------------------------------------------------------


def pseudo(prefix: str, i: int) -> str:
    return f"{prefix}{i}"


def address(i: int) -> str:
    """A distinct client address for entry ``i`` (sent as ``X-Forwarded-For``)."""
    return f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"


async def enter(http: aiohttp.ClientSession, base: str, name: str, forwarded: str | None = None) -> str:
    """``POST /api/v1/session`` for an adult; returns the session token.

    ``forwarded`` poses as that client address (the server trusts ``X-Forwarded-For`` from 127.0.0.1
    in the benchmarks); ``None`` enters from 127.0.0.1 itself, like users behind one shared address.
    """
    body = {"pseudo": name, "gender": "fmx"[len(name) % 3], "age": 30, "postal_code": "75011"}
    headers = {"X-Forwarded-For": forwarded} if forwarded else None
    async with http.post(base + "/api/v1/session", json=body, headers=headers) as response:
        if response.status != 201:
            raise RuntimeError(f"entry {name}: {response.status} {await response.text()}")
        data = await response.json()
    return str(data["token"])


def http_session(concurrency: int) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=concurrency),
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=60),
    )


async def enter_many(port: int, count: int, concurrency: int, prefix: str) -> list[str]:
    base = f"http://{HOST}:{port}"
    async with http_session(concurrency) as http:
        jobs = [lambda i=i: enter(http, base, pseudo(prefix, i), address(i)) for i in range(count)]
        return await bounded(concurrency, jobs)


RETRIES = 3


async def open_retrying(port: int, token: str, sink: Sink, retries: list[int]) -> WsClient:
    """Open one socket; a handshake lost under load (a full listen backlog drops SYNs) is retried."""
    for attempt in range(RETRIES):
        try:
            return await open_ws(HOST, port, token, sink, within=20)
        except (TimeoutError, ConnectionError, OSError):
            if attempt == RETRIES - 1:
                raise
            retries.append(1)
    raise AssertionError("unreachable")


async def open_many(
    port: int, tokens: Sequence[str], sink: Sink, concurrency: int, retries: list[int] | None = None
) -> list[WsClient]:
    retried = retries if retries is not None else []
    jobs = [lambda t=t: open_retrying(port, t, sink, retried) for t in tokens]
    return await bounded(concurrency, jobs)


async def quiet(sink: Sink, still: float = 0.5, limit: float = 60) -> None:
    """Wait until no frame has arrived for ``still`` seconds (at most ``limit``)."""
    deadline = time.monotonic() + limit
    last = -1
    while time.monotonic() < deadline:
        if sink.frames == last:
            return
        last = sink.frames
        await asyncio.sleep(still)


# Measurement windows ---------------------------------------------------------------------------


@dataclass
class Snapshot:
    at: float
    server_ticks: int
    own_cpu: float
    messages: int
    acks: int
    server_wait_ns: int

    @classmethod
    def take(cls, server_pid: int, sink: Sink) -> Snapshot:
        times = os.times()
        return cls(
            time.monotonic(),
            cpu_ticks(server_pid),
            times.user + times.system,
            sink.messages,
            sink.acks,
            runqueue_wait_ns(server_pid),
        )


def window_result(a: Snapshot, b: Snapshot, sink: Sink) -> dict[str, Any]:
    seconds = b.at - a.at
    deliveries = b.messages - a.messages
    server_cpu = (b.server_ticks - a.server_ticks) / CLK_TCK
    lat = sorted(sink.latencies)
    ms = 1e-6
    return {
        "seconds": round(seconds, 2),
        "messages_in_per_s": round((b.acks - a.acks) / seconds, 1),
        "deliveries": deliveries,
        "deliveries_per_s": round(deliveries / seconds),
        "latency_samples": len(lat),
        "latency_p50_ms": round(percentile(lat, 50) * ms, 2),
        "latency_p99_ms": round(percentile(lat, 99) * ms, 2),
        "latency_max_ms": round(lat[-1] * ms, 2) if lat else None,
        "server_cpu_percent": round(100 * server_cpu / seconds, 1),
        "server_cpu_us_per_delivery": round(1e6 * server_cpu / deliveries, 2) if deliveries else None,
        "loadgen_cpu_percent": round(100 * (b.own_cpu - a.own_cpu) / seconds, 1),
        # Time the server was runnable but another process had its CPU: contention, not Havre.
        "server_runqueue_wait_ms_per_s": round((b.server_wait_ns - a.server_wait_ns) / 1e6 / seconds, 1),
        "loadavg_1min": loadavg(),
    }


async def measure(server_pid: int, sink: Sink, warmup: float, duration: float) -> dict[str, Any]:
    """Let load run ``warmup`` seconds, then measure for ``duration`` seconds."""
    await asyncio.sleep(warmup)
    sink.latencies = []
    sink.recording = True
    a = Snapshot.take(server_pid, sink)
    await asyncio.sleep(duration)
    b = Snapshot.take(server_pid, sink)
    sink.recording = False
    return window_result(a, b, sink)


# Fan-out ---------------------------------------------------------------------------------------


async def closed_loop(
    senders: Sequence[WsClient],
    room: str,
    window: int,
    server_pid: int,
    sink: Sink,
    warmup: float,
    duration: float,
) -> dict[str, Any]:
    """Each sender keeps ``window`` messages in flight: a new one goes out as each ack comes back."""
    seq = itertools.count()
    stop = False

    def sender_callback(client: WsClient) -> Callable[[bytes], None]:
        def on_ack(_: bytes) -> None:
            if not stop:
                client.send((_SAY % (room, time.monotonic_ns(), FILLER, next(seq))).encode())

        return on_ack

    for client in senders:
        client.on_ack = sender_callback(client)
    for client in senders:
        for _ in range(window):
            client.send((_SAY % (room, time.monotonic_ns(), FILLER, next(seq))).encode())
    result = await measure(server_pid, sink, warmup, duration)
    stop = True
    for client in senders:
        client.on_ack = None
    await quiet(sink)
    result.update(mode="closed", senders=len(senders), window=window)
    return result


async def fixed_rate(
    senders: Sequence[WsClient],
    room: str,
    rate: float,
    server_pid: int,
    sink: Sink,
    warmup: float,
    duration: float,
) -> dict[str, Any]:
    """``rate`` messages per second in total, round robin over the senders, on a 1 ms schedule.

    Each message carries its *scheduled* send time, so a load generator that falls behind shows up
    as latency instead of hiding it (no coordinated omission).
    """
    seq = itertools.count()
    start = time.monotonic_ns()
    interval = 1e9 / rate
    total = warmup + duration + 0.2
    sent = 0
    turn = itertools.cycle(senders)

    async def pace() -> None:
        nonlocal sent
        while True:
            now = time.monotonic_ns()
            due = int((now - start) / interval) + 1  # message i is due at start + i * interval
            while sent < due:
                at = start + int(sent * interval)
                next(turn).send((_SAY % (room, at, FILLER, next(seq))).encode())
                sent += 1
            if now - start > total * 1e9:
                return
            await asyncio.sleep(0.001)

    pacer = asyncio.get_running_loop().create_task(pace())
    result = await measure(server_pid, sink, warmup, duration)
    await pacer
    await quiet(sink)
    result.update(mode="rate", target_messages_per_s=rate, senders=len(senders))
    return result


async def fanout(args: argparse.Namespace) -> dict[str, Any]:
    sink = Sink()
    prefix = f"f{os.getpid() % 100000}x"
    started = time.monotonic()
    tokens = await enter_many(args.port, args.clients, 32, prefix)
    log(f"{len(tokens)} entries in {time.monotonic() - started:.1f}s")
    clients = await open_many(args.port, tokens, sink, 64)
    log(f"{len(clients)} sockets open")

    async def join(client: WsClient) -> None:
        await client.request(b'{"type":"join","room":"%s"}' % args.room.encode(), b'{"type":"joined"')

    await bounded(16, [lambda c=c: join(c) for c in clients])
    await quiet(sink)
    log(f"{len(clients)} in room {args.room} after {time.monotonic() - started:.1f}s")
    senders = clients[: min(args.senders, len(clients))]
    phases = []
    for spec in args.phases.split(","):
        kind, *rest = spec.split(":")
        if kind == "closed":
            duration = float(rest[0]) if rest else args.duration
            result = await closed_loop(
                senders, args.room, args.window, args.server_pid, sink, args.warmup, duration
            )
        elif kind == "rate":
            duration = float(rest[1]) if len(rest) > 1 else args.duration
            result = await fixed_rate(
                senders, args.room, float(rest[0]), args.server_pid, sink, args.warmup, duration
            )
        else:
            raise SystemExit(f"unknown phase {spec}")
        result["closes"] = len(sink.closes)
        log(json.dumps(result))
        phases.append(result)
        if sink.closes:
            log(f"sockets closed by the server: {sorted(set(sink.closes))}")
            break
    for client in clients:
        client.close()
    return {
        "benchmark": "fanout",
        "clients": args.clients,
        "room": args.room,
        "phases": phases,
        "close_codes": sorted(set(sink.closes)),
        "server_rss_kb": rss_kb(args.server_pid),
    }


# Idle sockets ----------------------------------------------------------------------------------


async def idle(args: argparse.Namespace) -> dict[str, Any]:
    sink = Sink()
    prefix = f"i{os.getpid() % 100000}x"
    rss_start = rss_kb(args.server_pid)
    users = args.users or args.sockets
    started = time.monotonic()
    tokens = await enter_many(args.port, users, 64, prefix)
    entry_seconds = time.monotonic() - started
    log(f"{users} entries in {entry_seconds:.1f}s")
    await asyncio.sleep(args.settle)
    rss_before = rss_kb(args.server_pid)
    started = time.monotonic()
    per_socket = [tokens[i % users] for i in range(args.sockets)]
    retries: list[int] = []
    clients = await open_many(args.port, per_socket, sink, args.concurrency, retries)
    open_seconds = time.monotonic() - started
    log(f"{len(clients)} sockets open in {open_seconds:.1f}s")
    if args.join:

        async def join(client: WsClient) -> None:
            await client.request(b'{"type":"join","room":"%s"}' % args.join.encode(), b'{"type":"joined"')

        await bounded(16, [lambda c=c: join(c) for c in clients])
        await quiet(sink, limit=120)
    await asyncio.sleep(args.settle)
    rss_after = rss_kb(args.server_pid)
    alive = sum(1 for c in clients if not c.closed.done())
    for client in clients:
        client.close()
    await asyncio.sleep(1)
    return {
        "benchmark": "idle",
        "sockets": args.sockets,
        "users": users,
        "joined_room": args.join,
        "alive_at_measure": alive,
        "server_rss_start_kb": rss_start,
        "server_rss_before_kb": rss_before,
        "server_rss_after_kb": rss_after,
        "kb_per_socket": round((rss_after - rss_before) / args.sockets, 2),
        "kb_per_user_and_socket": round((rss_after - rss_start) / args.sockets, 2),
        "open_seconds": round(open_seconds, 1),
        "handshakes_retried": len(retries),
        "entries_per_s_during_setup": round(users / entry_seconds, 1),
        "close_codes": sorted(set(sink.closes)),
    }


# Entries per second ----------------------------------------------------------------------------


async def entries(args: argparse.Namespace) -> dict[str, Any]:
    prefix = f"e{os.getpid() % 100000}x"
    base = f"http://{HOST}:{args.port}"
    latencies: list[float] = []
    failures = 0
    reasons: dict[str, int] = {}  # HTTP status or exception name -> count

    async with http_session(args.concurrency) as http:

        async def timed(i: int, name: str) -> None:
            nonlocal failures
            t = time.perf_counter()
            try:
                await enter(http, base, name, None if args.shared_address else address(i))
            except (RuntimeError, aiohttp.ClientError, TimeoutError) as exc:
                failures += 1
                status = str(exc).split(":")[1].split()[0] if isinstance(exc, RuntimeError) else None
                reason = status or type(exc).__name__
                reasons[reason] = reasons.get(reason, 0) + 1
                return
            latencies.append(time.perf_counter() - t)

        warmup = [lambda i=i: timed(i, pseudo(prefix + "w", i)) for i in range(args.warmup_count)]
        await bounded(args.concurrency, warmup)
        latencies.clear()
        a = Snapshot.take(args.server_pid, Sink())
        measured = [lambda i=i: timed(args.warmup_count + i, pseudo(prefix, i)) for i in range(args.count)]
        await bounded(args.concurrency, measured)
        b = Snapshot.take(args.server_pid, Sink())
    seconds = b.at - a.at
    lat = sorted(latencies)
    server_cpu = (b.server_ticks - a.server_ticks) / CLK_TCK
    return {
        "benchmark": "entries",
        "count": args.count,
        "concurrency": args.concurrency,
        "addresses": "one (127.0.0.1)" if args.shared_address else "one per entry",
        "failures": failures,
        "failure_reasons": reasons,
        "seconds": round(seconds, 2),
        "entries_per_s": round(len(lat) / seconds, 1),
        "latency_p50_ms": round(percentile(lat, 50) * 1e3, 2),
        "latency_p99_ms": round(percentile(lat, 99) * 1e3, 2),
        "server_cpu_percent": round(100 * server_cpu / seconds, 1),
        "server_cpu_ms_per_entry": round(1e3 * server_cpu / max(1, len(lat)), 3),
        "loadgen_cpu_percent": round(100 * (b.own_cpu - a.own_cpu) / seconds, 1),
    }


# Command line ----------------------------------------------------------------------------------


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="mode", required=True)
    for name in ("fanout", "idle", "entries"):
        p = sub.add_parser(name)
        p.add_argument("--port", type=int, required=True)
        p.add_argument("--server-pid", type=int, required=True)
        p.add_argument("--deadline", type=float, default=600, help="hard stop, seconds")
    f = sub.choices["fanout"]
    f.add_argument("--clients", type=int, default=100)
    f.add_argument("--room", default="accueil")
    f.add_argument("--senders", type=int, default=100, help="how many of the clients send")
    f.add_argument("--window", type=int, default=1, help="closed loop: messages in flight per sender")
    f.add_argument(
        "--phases", default="closed", help="closed[:secs] and rate:MSGS_PER_S[:secs], comma separated"
    )
    f.add_argument("--warmup", type=float, default=2.0)
    f.add_argument("--duration", type=float, default=10.0)
    i = sub.choices["idle"]
    i.add_argument("--sockets", type=int, default=10_000)
    i.add_argument("--users", type=int, default=0, help="0: one user per socket")
    i.add_argument("--concurrency", type=int, default=64)
    i.add_argument("--settle", type=float, default=3.0)
    i.add_argument("--join", default="", help="also join this room on every socket")
    e = sub.choices["entries"]
    e.add_argument("--count", type=int, default=5000)
    e.add_argument("--concurrency", type=int, default=32)
    e.add_argument("--warmup-count", type=int, default=200)
    e.add_argument("--shared-address", action="store_true", help="every entry from 127.0.0.1 itself")
    return parser.parse_args(argv)


async def main(args: argparse.Namespace) -> dict[str, Any]:
    run = {"fanout": fanout, "idle": idle, "entries": entries}[args.mode]
    async with asyncio.timeout(args.deadline):
        return await run(args)


if __name__ == "__main__":
    arguments = parse(sys.argv[1:])
    raise_nofile(20_000)
    print(json.dumps(uvloop.run(main(arguments))), flush=True)
