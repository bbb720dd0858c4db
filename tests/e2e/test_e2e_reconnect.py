"""After a network cut or a server restart the page reconnects by itself and keeps what was typed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.e2e_ui import enter, join_first_room, say, unique_pseudo, wait_connected

pytestmark = pytest.mark.e2e


def test_page_reconnects_after_server_restart_and_keeps_the_draft(own_server, new_page, shoot):
    """Stopping and restarting the server: the banner shows, the page reconnects, rejoins and chats again."""
    page = new_page(viewport={"width": 360, "height": 740})
    pseudo = unique_pseudo("Reco")
    enter(page, own_server.url, pseudo, gender="Femme", age="29", postal_code="44000")
    room = join_first_room(page)
    say(page, "Avant la coupure")
    expect(page.locator(".msg-own .msg-text", has_text="Avant la coupure")).to_be_visible()

    box = page.get_by_role("textbox", name="Ton message")
    box.fill("Texte tapé pendant la coupure")
    own_server.stop()
    expect(page.locator("#connection-banner")).to_contain_text("Connexion perdue")
    expect(page.locator("body")).not_to_have_attribute("data-connection", "open")
    box.press("End")
    box.type(" !")
    shoot(page, "reconnect-offline-phone")

    own_server.start()
    wait_connected(page, timeout=45_000)  # server start + at most one capped backoff delay
    expect(page.locator("#connection-banner")).to_be_hidden()
    expect(box).to_have_value("Texte tapé pendant la coupure !")
    expect(page.locator("#pane-title")).to_have_text(f"# {room}")

    # The room was joined again: sending works, and the history did not duplicate messages.
    box.press("Enter")
    expect(page.locator(".msg-own .msg-text", has_text="Texte tapé pendant la coupure !")).to_be_visible()
    expect(page.locator(".msg-own .msg-text", has_text=re.compile("^Avant la coupure$"))).to_have_count(1)
    expect(box).to_have_value("")
    assert not page.havre_errors, page.havre_errors


def test_backoff_delays_grow_with_jitter_and_are_capped(havre_server, new_page):
    """The reconnection delay doubles from 0.5 s, keeps a random half, and never exceeds 10 s."""
    page = new_page()
    page.goto(havre_server.url + "/")
    delays = page.evaluate(
        """async () => {
            const { backoffDelay } = await import('/static/js/connection.js');
            const low = [], high = [];
            for (let n = 0; n < 12; n++) {
                low.push(backoffDelay(n, undefined, () => 0));
                high.push(backoffDelay(n, undefined, () => 1));
            }
            const random = Array.from({ length: 200 }, () => backoffDelay(3));
            return { low, high, random };
        }"""
    )
    assert delays["high"][:5] == [500, 1000, 2000, 4000, 8000]
    assert delays["low"][:5] == [250, 500, 1000, 2000, 4000]
    assert max(delays["high"]) == 10_000 and delays["high"][-1] == 10_000
    assert all(2000 <= d <= 4000 for d in delays["random"])
    assert (
        len(set(delays["random"])) > 10
    )  # jitter: the clients of a restarted server do not come back together
