"""Helpers that drive the Havre web client the way a person would (labels, roles, visible text)."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

_seq = itertools.count(1)


def unique_pseudo(stem: str) -> str:
    """A pseudo within the rules (3–20 letters/digits/_/-), unique for this test run."""
    return f"{stem[:12]}{os.getpid() % 1000}{next(_seq)}"[:20]


def open_entry(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.get_by_label("Pseudo")).to_be_visible()


def fill_entry(
    page: Any, pseudo: str, gender: str = "Femme", age: str = "30", postal_code: str = "75011"
) -> None:
    page.get_by_label("Pseudo").fill(pseudo)
    page.get_by_label(gender, exact=True).check()
    page.get_by_label("Âge").fill(age)
    page.get_by_label("Code postal").fill(postal_code)
    page.get_by_role("button", name="Entrer dans Havre").click()


def enter(page: Any, base_url: str, pseudo: str, **fields: str) -> None:
    """Open the entry page, enter, and wait for the WebSocket hello."""
    open_entry(page, base_url)
    fill_entry(page, pseudo, **fields)
    refused = page.locator(".field-error:visible, #entry-alert:visible")
    page.wait_for_selector(
        'body[data-view="chat"][data-connection="open"], .field-error:visible, #entry-alert:visible',
        timeout=15_000,
    )
    assert refused.count() == 0, f"entry of {pseudo!r} refused: {refused.all_inner_texts()}"
    wait_connected(page)


def wait_connected(page: Any, timeout: float = 15_000) -> None:
    page.wait_for_selector('body[data-view="chat"][data-connection="open"]', timeout=timeout)


def join_first_room(page: Any) -> str:
    """Join the first room of the catalogue; returns its name."""
    card = page.locator(".room-card").first
    expect(card).to_be_visible()
    name = card.locator(".room-name").inner_text()
    card.get_by_role("button").click()
    expect(page.locator("#pane-title")).to_have_text(f"# {name}")
    return name


def join_room(page: Any, name: str) -> None:
    page.get_by_role("button", name=re.compile(rf"(Rejoindre|Ouvrir) le salon {re.escape(name)}$")).click()
    expect(page.locator("#pane-title")).to_have_text(f"# {name}")


def say(page: Any, text: str) -> None:
    """Type `text` in the composer and press Enter."""
    box = page.get_by_role("textbox", name="Ton message")
    box.fill(text)
    box.press("Enter")


def messages(page: Any) -> Any:
    return page.locator('[data-testid="messages"] .msg-text')
