"""The havre command: version, database upgrade, rooms, and a real `havre serve` process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from havre import __version__
from havre.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the version."""
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and __version__ in capsys.readouterr().out


def test_rooms_create_list_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rooms can be created, listed and archived from the command line."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert main(["db", "upgrade", "--database-url", url]) == 0
    assert (
        main(["rooms", "--database-url", url, "create", "jardinage", "Jardinage", "--topic", "Potagers"]) == 0
    )
    assert main(["rooms", "--database-url", url, "archive", "cuisine"]) == 0
    capsys.readouterr()
    assert main(["rooms", "--database-url", url, "list"]) == 0
    listing = capsys.readouterr().out
    assert "jardinage\tadults\tJardinage" in listing and "cuisine\tadults\tCuisine (archivé)" in listing
    assert "ados-devoirs\tminors" in listing
    assert main(["rooms", "--database-url", url, "create", "jardinage", "Encore"]) == 2
    assert main(["rooms", "--database-url", url, "create", "mixte", "Mixte", "--audience", "all"]) == 2
    assert main(["rooms", "--database-url", url, "archive", "nowhere"]) == 2


def test_adult_content_rooms_need_a_provider(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`rooms create --adult-content` fails without an age-assurance provider and works with one."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert main(["rooms", "--database-url", url, "create", "vip", "VIP", "--adult-content"]) == 2
    monkeypatch.setenv("HAVRE_AGE_ASSURANCE_PROVIDER", "test")
    monkeypatch.setenv("HAVRE_AGE_ASSURANCE_TEST_SECRET", "a-test-secret-of-16+")
    assert main(["rooms", "--database-url", url, "create", "vip", "VIP", "--adult-content"]) == 0
    assert (
        main(
            ["rooms", "--database-url", url, "create", "kids", "K", "--adult-content", "--audience", "minors"]
        )
        == 2
    )


def test_bad_settings_fail_with_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong setting stops the command with a message naming the key."""
    monkeypatch.setenv("HAVRE_CHAT_MIN_AGE", "10")
    assert main(["db", "upgrade", "--database-url", f"sqlite:///{tmp_path / 'x.db'}"]) == 1
    assert "chat.min_age" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_runs_a_real_process(tmp_path: Path) -> None:
    """`havre serve` migrates its SQLite file, answers /healthz and /readyz, and stops on SIGTERM."""
    port = _free_port()
    env = {**os.environ, "HAVRE_SAFETY_ENABLED": "0", "HAVRE_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "havre",
            "serve",
            "--port",
            str(port),
            "--database-url",
            f"sqlite:///{tmp_path / 'var' / 'havre.db'}",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = b""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as response:
                    body = response.read()
                    break
            except OSError:
                time.sleep(0.1)
        assert b"ready" in body
        assert (tmp_path / "var" / "havre.db").exists()
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0].decode()
    assert process.returncode == 0, output
