"""Accessibility: axe-core finds no serious or critical violation on the entry page, a room and the help."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.e2e_ui import enter, join_first_room, open_entry, say, unique_pseudo

pytestmark = pytest.mark.e2e

_axe = Axe()


def serious_violations(page: Any) -> list[str]:
    """axe-core violations of impact serious or critical, one readable line each."""
    results = _axe.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_entry_page_has_no_serious_violation(havre_server, new_page, theme):
    """The entry page, with a refusal shown next to a field, passes axe-core in both themes."""
    page = new_page(color_scheme=theme)
    open_entry(page, havre_server.url)
    page.get_by_role("button", name="Entrer dans Havre").click()
    expect(page.get_by_test_id("error-pseudo")).to_be_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_room_has_no_serious_violation(havre_server, new_page, theme):
    """A room with messages and the member list, then the catalogue, pass axe-core in both themes."""
    page = new_page(color_scheme=theme)
    enter(page, havre_server.url, unique_pseudo("Axe"), gender="Autre", age="27", postal_code="33000")
    join_first_room(page)
    say(page, "Bonjour, je vérifie l'accessibilité.")
    expect(page.locator(".msg-own .msg-text", has_text="accessibilité").last).to_be_visible()
    assert serious_violations(page) == []
    page.locator(".tab-home").click()
    expect(page.locator(".room-card").first).to_be_visible()
    assert serious_violations(page) == []


def test_help_page_has_no_serious_violation(havre_server, new_page):
    """The help and safety page passes axe-core and lists the help lines."""
    page = new_page(viewport={"width": 360, "height": 740})
    open_entry(page, havre_server.url)
    page.get_by_role("button", name="Aide & sécurité").click()
    dialog = page.get_by_role("dialog", name="Aide & sécurité")
    for number in ("119", "3018", "3114", "17", "112"):
        expect(dialog.get_by_role("link", name=f"Appeler le {number} ")).to_be_visible()
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_entry_and_help_work_with_the_keyboard_only(havre_server, new_page):
    """Entering, opening help and closing it work with Tab, arrows, Space, Enter and Escape."""
    page = new_page()
    open_entry(page, havre_server.url)
    page.get_by_label("Pseudo").focus()
    page.keyboard.type(unique_pseudo("Clavier"))
    page.keyboard.press("Tab")  # the first gender radio
    page.keyboard.press("ArrowRight")  # Homme
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("33")
    page.keyboard.press("Tab")
    page.keyboard.type("67000")
    page.keyboard.press("Enter")
    page.wait_for_selector('body[data-connection="open"]')
    expect(page.locator(".room-card").first).to_be_visible()

    help_button = page.get_by_role("button", name="Aide & sécurité")
    help_button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Aide & sécurité")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(help_button).to_be_focused()

    page.locator(".room-card").first.get_by_role("button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#pane-title")).to_contain_text("#")
    page.get_by_role("textbox", name="Ton message").focus()
    page.keyboard.type("Écrit au clavier")
    page.keyboard.press("Enter")
    expect(page.locator(".msg-own .msg-text", has_text="Écrit au clavier")).to_be_visible()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_settings_decisions_and_age_check_have_no_serious_violation(age_server, new_page, theme):
    """The settings, the moderation decisions (with the appeal by code) and the age check pass axe-core."""
    page = new_page(color_scheme=theme)
    enter(page, age_server.url, unique_pseudo("AxeR"), gender="Femme", age="30", postal_code="75011")
    expect(page.locator(".pill-adult")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Mes réglages").click()
    dialog = page.get_by_role("dialog", name="Mes réglages")
    dialog.get_by_role("switch", name="Recevoir des messages privés").click()
    expect(dialog.get_by_test_id("settings-status")).not_to_be_empty()
    assert serious_violations(page) == []
    dialog.get_by_role("button", name="Mes décisions de modération").click()
    expect(page.get_by_role("dialog", name="Mes décisions de modération")).to_contain_text("Aucune décision")
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    page.evaluate(
        "() => import('/static/js/statements.js').then((m) => m.openStatements({ code: 'ABCD-1234' }))"
    )
    expect(page.get_by_label("Code de recours", exact=True)).to_have_value("ABCD-1234")
    assert serious_violations(page) == []
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Rejoindre le salon VIP").click()
    age = page.get_by_role("dialog", name="Vérifier ta majorité")
    age.get_by_role("button", name="Vérifier et entrer").click()
    expect(age.get_by_role("alert")).to_be_visible()
    assert serious_violations(page) == []
