"""The command line: ``moderators add`` prints the TOTP URI once; ``audit verify`` finds tampering."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pyotp
import pytest

from havre.cli import main
from tests.moderation.support import totp_secret


def _add(monkeypatch: pytest.MonkeyPatch, url: str, name: str, role: str = "moderator") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("un mot de passe très long\n"))
    return main(["moderators", "add", name, "--role", role, "--password-stdin", "--database-url", url])


def test_moderators_add_prints_a_totp_uri_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new moderator gets a working TOTP provisioning URI; the same name cannot be added twice."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert _add(monkeypatch, url, "claire", "senior_moderator") == 0
    out = capsys.readouterr().out
    uri = next(line for line in out.splitlines() if line.startswith("otpauth://"))
    assert "issuer=Havre" in uri and len(pyotp.TOTP(totp_secret(uri)).now()) == 6
    assert _add(monkeypatch, url, "claire") == 2
    assert "moderator_exists" in capsys.readouterr().err


def test_moderators_add_refuses_a_short_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A password under 12 characters is refused."""
    monkeypatch.setattr("sys.stdin", io.StringIO("court\n"))
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert main(["moderators", "add", "bob", "--password-stdin", "--database-url", url]) == 2


def test_audit_verify_names_the_first_tampered_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An intact chain verifies; editing one stored link makes verify fail and name that link."""
    path = tmp_path / "db.sqlite"
    url = f"sqlite:///{path}"
    for name in ("ana", "ben", "chloe"):
        assert _add(monkeypatch, url, name) == 0
    assert main(["flaggers", "add", "e-Enfance", "--database-url", url]) == 0
    capsys.readouterr()
    assert main(["audit", "verify", "--database-url", url]) == 0
    assert "4 maillons" in capsys.readouterr().out
    with sqlite3.connect(path) as db:
        db.execute("""UPDATE mod_audit SET detail = '{"name": "mallory", "role": "admin"}' WHERE seq = 2""")
    assert main(["audit", "verify", "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert "maillon 2" in err and "1 maillons intègres" in err


def test_audit_verify_notices_a_deleted_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deleting a link breaks the chain at the missing position."""
    path = tmp_path / "db.sqlite"
    url = f"sqlite:///{path}"
    for name in ("ana", "ben", "chloe"):
        assert _add(monkeypatch, url, name) == 0
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM mod_audit WHERE seq = 2")
    capsys.readouterr()
    assert main(["audit", "verify", "--database-url", url]) == 1
    assert "maillon 2" in capsys.readouterr().err
