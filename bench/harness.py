"""The benchmarks' side of the server: start ``havre serve`` in its own process, read its CPU and memory.

Only ``/proc`` and the public HTTP endpoints are used; nothing of ``havre`` is imported, so the figures
are those of a real server process.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

# Limits a benchmark must not hit: every client comes from 127.0.0.1 and sends far above a human rate.
GENEROUS_LIMITS = {
    "HAVRE_LIMITS_MESSAGES_PER_SECOND": "1000000",
    "HAVRE_LIMITS_MESSAGES_BURST": "1000000",
    "HAVRE_LIMITS_FRAMES_PER_SECOND": "1000000",
    "HAVRE_LIMITS_FRAMES_BURST": "1000000",
    "HAVRE_LIMITS_ENTRIES_PER_MINUTE": "100000000",
    "HAVRE_LIMITS_SOCKETS_PER_USER": "100000",
    # The load generator may then spread its entries over distinct addresses with X-Forwarded-For.
    "HAVRE_SERVER_TRUST_PROXY": "1",
}


def raise_nofile(wanted: int = 20_000) -> int:
    """Raise this process's open-file limit towards ``wanted`` (capped by the hard limit); returns it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_ticks(pid: int) -> int:
    """User plus system CPU time of a process (all its threads), in clock ticks."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        stat = f.read()
    fields = stat[stat.rindex(b")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def runqueue_wait_ns(pid: int) -> int:
    """Time the process's threads spent runnable but waiting for a CPU (``schedstat``), in ns.

    On a shared machine this tells contention from other processes apart from the server's own work.
    """
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/schedstat") as f:
            total += int(f.read().split()[1])
    return total


def loadavg() -> str:
    """The 1-minute load average."""
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def rss_kb(pid: int) -> int:
    """Resident memory of a process, in KiB (``VmRSS``)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpus() -> list[int]:
    """The CPUs this process may run on."""
    return sorted(os.sched_getaffinity(0))


def pin_plan() -> tuple[set[int] | None, set[int] | None]:
    """(server CPUs, load generator CPUs): the first CPU for the server and the others for the load
    generator when there are at least two; no pinning with one CPU or ``BENCH_PIN=0``.

    Pinning keeps the two processes off each other's core; on a machine shared with other work it can
    also trap the server on a busy core, hence the switch (the run-queue wait shows which happened).
    """
    available = cpus()
    if len(available) < 2 or os.environ.get("BENCH_PIN", "1") == "0":
        return None, None
    return {available[0]}, set(available[1:])


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    model = "?"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions = subprocess.run(
        [
            sys.executable,
            "-c",
            "import aiohttp, uvloop, msgspec, sqlalchemy, aiosqlite, sqlite3;"
            "print(aiohttp.__version__, uvloop.__version__, msgspec.__version__, sqlalchemy.__version__,"
            " aiosqlite.__version__, sqlite3.sqlite_version)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "aiohttp": versions[0],
        "uvloop": versions[1],
        "msgspec": versions[2],
        "sqlalchemy": versions[3],
        "aiosqlite": versions[4],
        "sqlite": versions[5],
        "kernel": platform.release(),
        "loadavg_before": " ".join(load),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


@dataclass
class Server:
    """A running ``havre serve`` process on a temporary SQLite database."""

    port: int
    process: subprocess.Popen[bytes]
    workdir: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _wait_ready(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log = (server.workdir / "server.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"server exited with {server.process.returncode}:\n{log}")
        try:
            with urllib.request.urlopen(server.base + "/readyz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("server not ready in time")


@contextlib.contextmanager
def run_server(
    *, safety: bool = False, extra_env: dict[str, str] | None = None, cpus: set[int] | None = None
) -> Iterator[Server]:
    """Start ``havre serve`` (own process, own temporary SQLite file, free loopback port); stop it on exit.

    ``safety`` turns the safety pipeline on (``HAVRE_SAFETY_ENABLED``); ``cpus`` pins the server.
    """
    # A SIGTERM to the benchmark must still stop the server (the ``finally`` below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="havre-bench-", dir="/tmp"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HAVRE_")}
    env.update(GENEROUS_LIMITS)
    env["HAVRE_SAFETY_ENABLED"] = "1" if safety else "0"
    env.update(extra_env or {})
    # BENCH_SERVER_PYTHONPATH runs another copy of the server's code (to measure a change on a scratch copy).
    if os.environ.get("BENCH_SERVER_PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["BENCH_SERVER_PYTHONPATH"]
    havre_env = {k: v for k, v in env.items() if k.startswith("HAVRE_")}
    command = [
        str(BIN / "havre"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--database-url",
        f"sqlite+aiosqlite:///{workdir / 'havre.db'}",
    ]

    def prepare() -> None:  # runs in the child, before exec
        raise_nofile(20_000)
        if cpus:
            os.sched_setaffinity(0, cpus)

    log = open(workdir / "server.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=workdir, preexec_fn=prepare
    )
    server = Server(port, process, workdir, havre_env)
    try:
        _wait_ready(server, 60)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)


def run_loadgen(args: list[str], *, cpus: set[int] | None = None, timeout: float = 900) -> dict[str, object]:
    """Run ``bench/loadgen.py`` in its own process (pinned to ``cpus``); returns its JSON result."""

    def prepare() -> None:
        raise_nofile(20_000)
        if cpus:
            os.sched_setaffinity(0, cpus)

    command = [sys.executable, str(ROOT / "bench" / "loadgen.py"), *args]
    done = subprocess.run(
        command, stdout=subprocess.PIPE, stderr=None, timeout=timeout, preexec_fn=prepare, check=False
    )
    lines = done.stdout.decode().strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"load generator failed ({done.returncode}): {' '.join(command)}")
    result: dict[str, object] = json.loads(lines[-1])
    return result


def command_line() -> str:
    """How this benchmark was invoked, for the results."""
    script = Path(sys.argv[0]).resolve()
    with contextlib.suppress(ValueError):
        script = script.relative_to(ROOT)
    return " ".join([".venv/bin/python", str(script), *sys.argv[1:]])
