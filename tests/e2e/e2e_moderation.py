"""A moderator acting through the HTTP API (no console), for the client's sanction and appeal tests."""

from __future__ import annotations

import http.cookiejar
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyotp

PASSWORD = "une phrase de passe assez longue"


def add_moderator(db_path: Path, name: str, role: str = "moderator") -> str:
    """``havre moderators add`` against the server's database; returns the TOTP secret."""
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("havre")),
            "moderators",
            "add",
            name,
            "--role",
            role,
            "--password-stdin",
            "--database-url",
            f"sqlite:///{db_path}",
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    uri = next(line for line in done.stdout.splitlines() if line.startswith("otpauth://"))
    return parse_qs(urlsplit(uri).query)["secret"][0]


class ModApi:
    """The moderators' JSON API with its cookie and CSRF token."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.csrf = ""

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(req, timeout=10) as resp:
                raw = resp.read()
                return resp.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            return exc.code, json.loads(raw) if raw else None

    def log_in(self, name: str, secret: str) -> None:
        status, body = self.call(
            "POST",
            "/api/v1/mod/login",
            {"name": name, "password": PASSWORD, "totp": pyotp.TOTP(secret).now()},
        )
        assert status == 200, (status, body)
        self.csrf = body["csrf"]

    def report_user(self, user_id: str, reason: str = "harassment") -> None:
        status, body = self.call(
            "POST",
            "/api/v1/reports",
            {"user": user_id, "reason": reason, "good_faith": True, "details": "e2e"},
        )
        assert status == 201, (status, body)

    def case_of(self, pseudo: str, timeout_s: float = 10.0) -> str:
        """The id of the open case about `pseudo`."""
        deadline = time.monotonic() + timeout_s
        while True:
            status, body = self.call("GET", "/api/v1/mod/cases")
            assert status == 200, (status, body)
            for case in body["cases"]:
                user = case["target"].get("user") or {}
                if user.get("pseudo") == pseudo:
                    return str(case["id"])
            assert time.monotonic() < deadline, f"no case about {pseudo}: {body}"
            time.sleep(0.2)

    def decide(
        self, case_id: str, action: str, facts: str, clause: str = "3.2", hours: int | None = None
    ) -> Any:
        body: dict[str, Any] = {"action": action, "facts": facts, "clause": clause}
        if hours is not None:
            body["hours"] = hours
        status, answer = self.call("POST", f"/api/v1/mod/cases/{case_id}/decision", body)
        assert status == 200, (status, answer)
        return answer
