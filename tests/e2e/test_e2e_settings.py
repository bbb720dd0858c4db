"""The catalogue grouped by theme, and "Mes réglages": the private-messages switch, theme and sound."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.e2e_ui import PHONE, enter, join_room, unique_pseudo

pytestmark = pytest.mark.e2e

NO_HSCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_catalogue_is_grouped_by_theme_with_search_and_counts(havre_server, new_page):
    """Theme headings (Discussion first, Régions last), shortcuts, search within themes, live counts."""
    page, other = new_page(), new_page()
    enter(page, havre_server.url, unique_pseudo("Theme"), gender="Femme", age="28", postal_code="44000")
    enter(other, havre_server.url, unique_pseudo("Compte"), gender="Homme", age="33", postal_code="13001")
    headings = page.locator(".theme-title > span:first-child")
    expect(headings.first).to_have_text("Discussion")
    titles = headings.all_inner_texts()
    assert titles[-1] == "Régions" and "Loisirs" in titles, titles
    assert len(titles) == len(set(titles)), titles
    # Each theme is a labelled region holding its rooms.
    regions = page.get_by_role("region", name=re.compile("^Régions"))
    expect(regions.locator(".room-name", has_text="Bretagne")).to_be_visible()
    # The shortcut row leads to a heading (keyboard focus included).
    page.get_by_role("navigation", name="Thèmes").get_by_role("button", name="Régions").click()
    expect(page.locator(".theme-title", has_text="Régions")).to_be_focused()

    # Searching keeps the headings and finds accents-insensitively.
    page.get_by_label("Chercher un salon").fill("ile-de")
    expect(page.locator(".room-card")).to_have_count(1)
    expect(page.locator(".theme-title")).to_have_text(re.compile("^Régions"))
    page.get_by_label("Chercher un salon").fill("zzzz-rien")
    expect(page.get_by_text("Aucun salon ne correspond à ta recherche.")).to_be_visible()
    page.get_by_label("Chercher un salon").fill("")

    # Member counts: someone joins Accueil, the other sees "1 personne" there.
    join_room(other, "Accueil")
    page.reload()
    card = page.locator(".room-card", has=page.locator(".room-name", has_text=re.compile("^Accueil$")))
    expect(card.locator(".room-count")).to_have_text("1 personne")

    # English: the themes are translated.
    page.get_by_role("button", name="Switch to English").click()
    expect(page.locator(".theme-title > span:first-child").first).to_have_text("Chat")
    expect(page.locator(".theme-title > span:first-child").last).to_have_text("Regions")
    page.get_by_role("button", name="Passer en français").click()
    assert not page.havre_errors and not other.havre_errors, (page.havre_errors, other.havre_errors)


def test_a_minor_turns_private_messages_off_on_a_phone(own_server, new_page, shoot):
    """The switch sends `settings`, shows the ack, explains it for minors, survives a reload, and works."""
    # A server of its own: no adult age has been declared from 127.0.0.1 there.
    nina, theo = new_page(viewport=PHONE), new_page()
    n_name, t_name = unique_pseudo("Nina"), unique_pseudo("Theo")
    enter(nina, own_server.url, n_name, gender="Femme", age="16", postal_code="35000")
    enter(theo, own_server.url, t_name, gender="Homme", age="17", postal_code="29200")
    room = nina.locator(".room-card .room-name").first.inner_text()
    join_room(nina, room)
    join_room(theo, room)

    # On a phone the header keeps help, settings, language and leave, without a horizontal scroll.
    settings_button = nina.get_by_role("button", name="Mes réglages")
    expect(settings_button).to_be_visible()
    assert nina.evaluate(NO_HSCROLL)
    settings_button.click()
    dialog = nina.get_by_role("dialog", name="Mes réglages")
    switch = dialog.get_by_role("switch", name="Recevoir des messages privés")
    expect(switch).to_be_checked()
    expect(switch).to_be_focused()
    expect(dialog).to_contain_text("Les adultes ne peuvent jamais t’écrire")
    nina.keyboard.press("Space")
    expect(dialog.get_by_test_id("settings-status")).to_have_text(
        "Messages privés désactivés : personne ne peut t’écrire en privé."
    )
    expect(switch).not_to_be_checked()
    expect(dialog).to_contain_text("personne ne pourra t’écrire en privé, même pas pour te demander")
    assert nina.evaluate(NO_HSCROLL)
    shoot(nina, "settings-phone")
    nina.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(settings_button).to_be_focused()

    # Théo can no longer write to her privately: the reply is the one for someone unreachable.
    theo.get_by_test_id("member-list").get_by_role("button", name=f"Écrire en privé à {n_name}").click()
    box = theo.get_by_role("textbox", name="Ton message")
    box.fill("Coucou en privé")
    box.press("Enter")
    expect(theo.get_by_test_id("composer-error")).to_contain_text("pas joignable")
    expect(nina.locator(".tab", has_text=t_name)).to_have_count(0)

    # The setting is the server's: after a reload the switch is still off (hello.settings).
    nina.reload()
    nina.wait_for_selector('body[data-connection="open"]')
    nina.get_by_role("button", name="Mes réglages").click()
    switch = nina.get_by_role("dialog", name="Mes réglages").get_by_role(
        "switch", name="Recevoir des messages privés"
    )
    expect(switch).not_to_be_checked()
    switch.click()
    expect(switch).to_be_checked()
    nina.keyboard.press("Escape")
    theo.get_by_role("textbox", name="Ton message").fill("Et maintenant ?")
    theo.get_by_role("textbox", name="Ton message").press("Enter")
    expect(nina.locator(".tab", has_text=t_name)).to_be_visible()
    assert not nina.havre_errors and not theo.havre_errors, (nina.havre_errors, theo.havre_errors)


def test_settings_hold_theme_and_sound_on_a_phone(havre_server, new_page):
    """On a phone the theme and sound buttons leave the header for the settings, which still switch them."""
    page = new_page(viewport=PHONE)
    enter(page, havre_server.url, unique_pseudo("Reglage"), gender="Autre", age="45", postal_code="67000")
    expect(page.locator("#theme-button")).to_be_hidden()
    page.get_by_role("button", name="Mes réglages").click()
    dialog = page.get_by_role("dialog", name="Mes réglages")
    dark = dialog.get_by_role("switch", name="Thème sombre")
    dark.check()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    sound = dialog.get_by_role("switch", name="Son à l’arrivée d’un message privé")
    sound.uncheck()
    assert page.evaluate("() => localStorage.getItem('havre.sound')") == "off"
    dialog.get_by_role("button", name="Mes décisions de modération").click()
    statements = page.get_by_role("dialog", name="Mes décisions de modération")
    expect(statements).to_contain_text("Aucune décision de modération ne te concerne.")
    assert page.evaluate(NO_HSCROLL)
    assert not page.havre_errors, page.havre_errors
