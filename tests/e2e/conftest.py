"""End-to-end fixtures: Debian Chromium, the real Havre server on a free port, and browser pages.

Chromium comes from Debian (`/usr/bin/chromium`), never from `playwright install`. When it is missing
it is installed with apt-get if we are root; otherwise the tests are skipped, unless
HAVRE_REQUIRE_SERVICES=1, in which case they fail. Screenshots go to test-artifacts/ (gitignored);
HAVRE_DOCS_SCREENSHOTS=1 also writes the documentation screenshots to docs/screenshots/.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.e2e_ui import DESKTOP, REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
STARTUP_TIMEOUT_S = 40.0
# Every browser context of the run enters from 127.0.0.1: lift the per-address entry limit (10 a minute by
# default), which would otherwise refuse the later entries of the run with rate_limited.
SERVER_ENV = {"HAVRE_LIMITS_ENTRIES_PER_MINUTE": "600"}


def _unavailable(reason: str) -> None:
    """Skip, or fail when the environment says the services are required."""
    if os.environ.get("HAVRE_REQUIRE_SERVICES") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def _ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], check=False, env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "chromium"], check=False, env=env, capture_output=True)
    if not CHROMIUM.exists():
        _unavailable("Debian Chromium is missing at /usr/bin/chromium (apt-get install chromium, as root)")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _havre_executable() -> Path:
    override = os.environ.get("HAVRE_E2E_SERVER")
    return Path(override) if override else Path(sys.executable).with_name("havre")


class HavreServer:
    """The real server as a subprocess: `havre serve` on a fixed port with a SQLite database file."""

    def __init__(self, workdir: Path, port: int | None = None, env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        self.env = {**SERVER_ENV, **(env or {})}
        self.port = port or free_port()
        self.db_path = workdir / "havre.db"
        self.log_path = workdir / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL of the server's database (the driver the server uses)."""
        return f"sqlite+aiosqlite:///{self.db_path}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start the server and wait until GET /healthz answers 200; raises RuntimeError otherwise."""
        exe = _havre_executable()
        if not exe.exists():
            _unavailable(f"the havre command is missing ({exe})")
        self.starts += 1
        cmd = [
            str(exe),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--database-url",
            self.database_url,
        ]
        with self.log_path.open("ab") as log:
            log.write(f"\n--- start #{self.starts}: {' '.join(cmd)}\n".encode())
            log.flush()
            self.proc = subprocess.Popen(
                cmd, stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir, env={**os.environ, **self.env}
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"havre serve exited with {self.proc.returncode}:\n{self.log_tail()}")
            with (
                contextlib.suppress(OSError, urllib.error.URLError),
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as resp,
            ):
                if resp.status == 200:
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"havre serve did not answer /healthz in {STARTUP_TIMEOUT_S}s:\n{self.log_tail()}")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s) and reap it."""
        if self.proc is None:
            return
        began = time.monotonic()
        how = "exited"
        if self.proc.poll() is None:
            self.proc.terminate()
            how = "SIGTERM"
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
                how = "SIGKILL after 10 s"
        self.proc = None
        with self.log_path.open("a") as log:
            log.write(f"\n--- stopped ({how}) in {time.monotonic() - began:.1f} s\n")

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """test-artifacts/e2e: screenshots and server logs kept after the run."""
    path = ARTIFACTS / "e2e"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _serving(server: HavreServer, log_copy: Path) -> Iterator[HavreServer]:
    """Start ``server`` (skipping, or failing under CI, if it cannot), yield it, stop it, keep its log."""
    try:
        server.start()
    except RuntimeError as exc:
        _unavailable(f"the Havre server could not start: {exc}")
    yield server
    server.stop()
    shutil.copyfile(server.log_path, log_copy)


@pytest.fixture(scope="session")
def havre_server(tmp_path_factory: pytest.TempPathFactory, artifacts_dir: Path) -> Iterator[HavreServer]:
    """One real server, with a fresh SQLite database, shared by the tests that do not restart it."""
    server = HavreServer(tmp_path_factory.mktemp("havre-server"))
    yield from _serving(server, artifacts_dir / "server.log")


@pytest.fixture
def own_server(tmp_path: Path, artifacts_dir: Path) -> Iterator[HavreServer]:
    """A server of the test's own (the test may stop and restart it on the same port and database)."""
    server = HavreServer(tmp_path)
    yield from _serving(server, artifacts_dir / "server-own.log")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian Chromium driven by Playwright (sync API), one per test module.

    Module scope on purpose: Playwright's sync API keeps an event loop of its own alive, which must be
    closed before the asyncio tests of the other directories run in the same pytest process.
    """
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageErrors(list[str]):
    """JavaScript errors and CSP violations seen by a page."""


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Factory: a page in a fresh browser context (own cookies), closed after the test.

    Each page gets `page.havre_errors`, the uncaught errors and CSP violations seen so far.
    """
    contexts: list[Any] = []

    def make(viewport: dict[str, int] | None = None, **kwargs: Any) -> Any:
        ctx = browser.new_context(viewport=viewport or DESKTOP, locale="fr-FR", **kwargs)
        contexts.append(ctx)
        page = ctx.new_page()
        errors = PageErrors()
        page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
        page.on(
            "console",
            lambda msg: (
                errors.append(f"console: {msg.text}")
                if msg.type == "error" and "Content Security Policy" in msg.text
                else None
            ),
        )
        page.havre_errors = errors
        page.set_default_timeout(10_000)
        return page

    yield make
    for ctx in contexts:
        with contextlib.suppress(Exception):
            ctx.close()


@pytest.fixture
def shoot(artifacts_dir: Path) -> Callable[[Any, str], Path]:
    """Save a screenshot of `page` to test-artifacts/e2e/NAME.png (and return the path)."""

    def take(page: Any, name: str, full_page: bool = False) -> Path:
        path = artifacts_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


AGE_SECRET = "e2e-age-assurance-secret-0123456789"
AGE_ENV = {"HAVRE_AGE_ASSURANCE_PROVIDER": "test", "HAVRE_AGE_ASSURANCE_TEST_SECRET": AGE_SECRET}
# `havre rooms create --adult-content` builds its RoomService without the provider flag, so it refuses
# every adult-content room (see docs/web-client.md, "Known server issues"); this does what it should.
_CREATE_ADULT_ROOM = """
import asyncio, sys
from havre.domain.rooms import Audience
from havre.services.clock import SystemClock
from havre.services.presence import Presence
from havre.services.rooms import RoomService
from havre.storage.sql.engine import create_engine
from havre.storage.sql.migrate import upgrade
from havre.storage.sql.repositories import SqlDatabase, sql_repositories

async def main(url, slug, name, topic):
    engine = create_engine(url)
    try:
        await upgrade(engine)
        rooms = RoomService(sql_repositories(SqlDatabase(engine)).rooms, Presence(), SystemClock(),
                            allow_mixed_rooms=False, age_assurance=True)
        await rooms.seed_defaults()
        await rooms.create(slug, name, topic, Audience.ADULTS, adult_content=True, theme="Discussion")
    finally:
        await engine.dispose()

asyncio.run(main(*sys.argv[1:]))
"""


@pytest.fixture
def age_server(tmp_path: Path, artifacts_dir: Path) -> Iterator[HavreServer]:
    """A server with the `test` age-assurance provider and an adult-content room `vip` ("VIP")."""
    server = HavreServer(tmp_path, env=AGE_ENV)
    env = {**os.environ, **server.env}
    topic = "Entre adultes qui ont vérifié leur majorité"
    cli = [str(_havre_executable()), "rooms", "--database-url", server.database_url, "create", "vip", "VIP"]
    done = subprocess.run(
        [*cli, "--adult-content", "--topic", topic], env=env, capture_output=True, text=True, timeout=60
    )
    if done.returncode != 0:
        if "invalid_room" not in done.stdout + done.stderr:
            _unavailable(f"havre rooms create failed: {done.stdout}{done.stderr}")
        subprocess.run(
            [
                str(_havre_executable().with_name("python")),
                "-c",
                _CREATE_ADULT_ROOM,
                server.database_url,
                "vip",
                "VIP",
                topic,
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    yield from _serving(server, artifacts_dir / "server-age.log")
