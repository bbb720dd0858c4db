"""The moderator console in Chromium: log in with TOTP, ban a reported user (4003), lift it on appeal."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pyotp
import pytest
from playwright.sync_api import expect

from tests.e2e.e2e_moderation import PASSWORD, add_moderator

pytestmark = pytest.mark.e2e

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# Runs in the page: enter Havre, open a WebSocket that records its frames and close code.
ENTER_AND_CONNECT = """async ([pseudo, age]) => {
  const entered = await fetch('/api/v1/session', {method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({pseudo, gender: 'f', age, postal_code: '75011'})});
  if (entered.status !== 201) return entered.status;
  window.frames_ = []; window.closeCode = null;
  window.sock = new WebSocket(`ws://${location.host}/ws`);
  window.sock.onmessage = (e) => window.frames_.push(JSON.parse(e.data));
  window.sock.onclose = (e) => { window.closeCode = e.code; };
  await new Promise((ok) => { window.sock.onopen = ok; });
  return 201;
}"""
SEND = """([frame]) => new Promise((ok) => {
  const ref = 'r' + Math.random();
  const seen = window.frames_.length;
  const poll = () => {
    const answer = window.frames_.slice(seen).find((f) => f.ref === ref);
    if (answer) ok(answer); else setTimeout(poll, 20);
  };
  window.sock.send(JSON.stringify({...frame, ref}));
  poll();
})"""
POST = """async ([path, body]) => {
  const response = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body)});
  return {status: response.status, body: await response.json().catch(() => null)};
}"""


def log_in(page: Any, base_url: str, name: str, secret: str) -> None:
    """Log in to the console the way a moderator does."""
    page.goto(base_url + "/mod/")
    page.get_by_label("Nom").fill(name)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Code à usage unique").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text(f"{name} · ")).to_be_visible()


def docs_shot(page: Any, shoot: Any, name: str) -> None:
    """A screenshot in test-artifacts/, copied to docs/screenshots/ when HAVRE_DOCS_SCREENSHOTS=1."""
    path = shoot(page, name, full_page=True)
    if os.environ.get("HAVRE_DOCS_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS / f"{name}.png")


def test_console_bans_a_reported_user_and_an_appeal_lifts_it(own_server, new_page, shoot):
    """A report reaches the live queue; a ban from the console closes the socket 4003; another lifts it."""
    claire_secret = add_moderator(own_server.db_path, "claire", "moderator")
    bruno_secret = add_moderator(own_server.db_path, "bruno", "senior_moderator")
    base = own_server.url

    target, reporter, console = new_page(), new_page(), new_page()
    for page, pseudo in ((target, "Fauteur"), (reporter, "Temoin")):
        page.goto(base + "/healthz")
        assert page.evaluate(ENTER_AND_CONNECT, [pseudo, 30]) == 201
        assert page.evaluate(SEND, [{"type": "join", "room": "cuisine"}])["type"] == "joined"
    for i in range(3):
        page = target if i % 2 else reporter
        page.evaluate(SEND, [{"type": "say", "room": "cuisine", "text": f"Bonjour {i}"}])
    bad = target.evaluate(
        SEND, [{"type": "say", "room": "cuisine", "text": "Fais bien attention à toi ce soir."}]
    )

    log_in(console, base, "claire", claire_secret)
    expect(console.get_by_role("heading", name="Dossiers ouverts")).to_be_visible()

    filed = reporter.evaluate(
        POST, ["/api/v1/reports", {"message": bad["id"], "reason": "threat", "good_faith": True}]
    )
    assert filed["status"] == 201 and filed["body"]["id"]

    # The queue updates without a reload.
    row = console.locator("#queue-list li", has_text="Fauteur")
    expect(row).to_be_visible(timeout=15_000)
    expect(row).to_contain_text("Vie, sécurité, mineurs")
    docs_shot(console, shoot, "mod-queue")
    row.get_by_role("button", name="Ouvrir le dossier de Fauteur (30 ans, 75)").click()
    expect(console.locator(".snapshot li.reported")).to_contain_text("Fais bien attention à toi ce soir.")
    expect(console.get_by_text("Instantané intègre")).to_be_visible()

    console.get_by_label("Décision", exact=True).select_option("ban")
    console.get_by_label("Article des conditions d'utilisation").select_option("3.2")
    console.get_by_label("Durée").select_option("72")
    console.get_by_label("Faits (envoyés à la personne)").fill(
        "Menace envoyée dans le salon Cuisine à une autre personne."
    )
    docs_shot(console, shoot, "mod-case")
    console.get_by_role("button", name="Appliquer la décision").click()
    expect(console.get_by_text("Décision appliquée.")).to_be_visible()

    # The banned socket receives the statement of reasons, then closes 4003.
    target.wait_for_function("window.closeCode !== null", timeout=10_000)
    assert target.evaluate("window.closeCode") == 4003
    frames = target.evaluate("window.frames_")
    sanction = next(f for f in frames if f["type"] == "notice" and f["kind"] == "sanction")
    assert sanction["data"]["clause"] == "3.2" and sanction["data"]["until"]
    code = sanction["data"]["appeal_code"]

    again = target.evaluate(
        POST, ["/api/v1/session", {"pseudo": "Revenant", "gender": "f", "age": 30, "postal_code": "75011"}]
    )
    assert again["status"] == 403 and again["body"]["error"]["code"] == "banned"
    assert again["body"]["error"]["until"] and "3.2" in again["body"]["error"]["reason"]

    appealed = target.evaluate(
        POST, ["/api/v1/appeals", {"appeal_code": code, "text": "Ce n'était pas une menace."}]
    )
    assert appealed["status"] == 201

    senior = new_page()
    log_in(senior, base, "bruno", bruno_secret)
    senior.get_by_role("button", name="Recours").click()
    appeal = senior.locator("#appeals-list li", has_text="Ce n'était pas une menace.")
    expect(appeal).to_be_visible()
    docs_shot(senior, shoot, "mod-appeals")
    appeal.get_by_label("Motif de la décision sur le recours").fill("Propos ambigu, premier signalement.")
    appeal.get_by_role("button", name="Annuler la sanction").click()
    expect(senior.get_by_text("Sanction annulée.")).to_be_visible()

    back = target.evaluate(
        POST, ["/api/v1/session", {"pseudo": "Revenant", "gender": "f", "age": 30, "postal_code": "75011"}]
    )
    assert back["status"] == 201
    for page in (console, senior):
        assert list(page.havre_errors) == []


def test_console_login_refuses_a_wrong_code(own_server, new_page, shoot):
    """A wrong TOTP code is refused with a message, and the console stays closed."""
    secret = add_moderator(own_server.db_path, "dora", "moderator")
    page = new_page()
    page.goto(own_server.url + "/mod/")
    page.get_by_label("Nom").fill("dora")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    wrong = str((int(pyotp.TOTP(secret).now()) + 1) % 1_000_000).zfill(6)
    page.get_by_label("Code à usage unique").fill(wrong)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_have_text("Identifiants ou code incorrects.")
    expect(page.locator("#app")).to_be_hidden()
    docs_shot(page, shoot, "mod-login")
    assert list(page.havre_errors) == []
