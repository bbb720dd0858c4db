"""The client on a 360-px phone and on a desktop: entry refusals, rooms, members, help, theme, language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.e2e_ui import (
    DESKTOP,
    PHONE,
    enter,
    fill_entry,
    join_first_room,
    join_room,
    open_entry,
    say,
    unique_pseudo,
    wait_connected,
)

pytestmark = pytest.mark.e2e


def assert_no_horizontal_scroll(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate(
        """(w) => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > w + 0.5)
            .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
            .slice(0, 8)""",
        page.viewport_size["width"],
    )
    assert width <= page.viewport_size["width"], f"page is {width}px wide: {wide}"


def test_phone_entry_refusals_room_members_and_help(havre_server, new_page, shoot):
    """On a 360×740 phone: refusals next to their field, the room, the member drawer and help fit."""
    other = new_page()
    taken = unique_pseudo("Pris")
    enter(other, havre_server.url, taken, gender="Homme", age="45", postal_code="31000")

    page = new_page(viewport=PHONE)
    open_entry(page, havre_server.url)
    assert_no_horizontal_scroll(page)
    shoot(page, "entry-phone", full_page=True)

    # Too young: a kind message with the help lines, shown by the age field.
    fill_entry(page, unique_pseudo("Petit"), gender="Autre", age="13", postal_code="75011")
    expect(page.get_by_test_id("error-age")).to_contain_text("15 ans")
    too_young = page.get_by_test_id("too-young")
    expect(too_young).to_be_visible()
    expect(too_young.get_by_role("link", name=re.compile("^Appeler le 119"))).to_be_visible()
    shoot(page, "entry-too-young-phone", full_page=True)

    # A pseudo already used by someone online: refused by the server, shown next to the pseudo.
    fill_entry(page, taken, gender="Femme", age="30", postal_code="75011")
    expect(page.get_by_test_id("error-pseudo")).to_be_visible()
    expect(page.get_by_test_id("error-age")).to_be_hidden()
    expect(page.get_by_label("Pseudo")).to_have_attribute("aria-invalid", "true")

    # A postal code that maps to no département.
    fill_entry(page, unique_pseudo("Zoe"), gender="Femme", age="30", postal_code="00000")
    expect(page.get_by_test_id("error-postal_code")).to_be_visible()
    expect(page.get_by_test_id("error-pseudo")).to_be_hidden()

    fill_entry(page, unique_pseudo("Zoe"), gender="Femme", age="30", postal_code="29200")
    page.wait_for_selector('body[data-connection="open"]')
    expect(page.locator(".room-card").first).to_be_visible()
    assert_no_horizontal_scroll(page)
    shoot(page, "rooms-phone")

    join_first_room(page)
    say(page, "Bonjour depuis un téléphone")
    expect(page.locator(".msg-own .msg-text", has_text="Bonjour depuis un téléphone")).to_be_visible()
    assert_no_horizontal_scroll(page)
    shoot(page, "room-phone")

    page.get_by_role("button", name=re.compile(r"^Membres \(\d+\)$")).click()
    panel = page.locator("#members-panel")
    expect(panel).to_be_visible()
    expect(panel.locator(".member.is-me")).to_contain_text("(toi)")
    shoot(page, "members-phone")
    panel.get_by_role("button", name="Masquer les membres").click()
    expect(panel).to_be_hidden()

    page.get_by_role("button", name="Aide & sécurité").click()
    help_dialog = page.get_by_role("dialog", name="Aide & sécurité")
    expect(help_dialog).to_contain_text("Allô Enfance en Danger")
    expect(help_dialog).to_contain_text("3018")
    expect(help_dialog).to_contain_text("3114")
    shoot(page, "help-phone")
    help_dialog.get_by_role("button", name="Fermer").click()
    assert not page.havre_errors, page.havre_errors


def test_desktop_members_filters_theme_and_language(havre_server, new_page, shoot):
    """On a desktop: member filters by gender, age and département; dark theme; English switch."""
    lea, sam = new_page(viewport=DESKTOP), new_page(viewport=DESKTOP)
    lea_name, sam_name = unique_pseudo("Lea"), unique_pseudo("Sam")
    enter(lea, havre_server.url, lea_name, gender="Femme", age="22", postal_code="44000")
    enter(sam, havre_server.url, sam_name, gender="Homme", age="51", postal_code="13008")
    room = join_first_room(lea)
    join_room(sam, room)
    say(sam, "Salut à toutes et à tous")
    expect(lea.locator(".msg-text", has_text="Salut à toutes et à tous")).to_be_visible()

    members = lea.get_by_test_id("member-list")
    expect(members.locator(".member", has_text=sam_name)).to_contain_text("Homme · 51 ans · 13")
    lea.get_by_label("Genre").select_option("f")
    expect(members.locator(".member", has_text=sam_name)).to_have_count(0)
    expect(members.locator(".member", has_text=lea_name)).to_be_visible()
    lea.get_by_label("Genre").select_option("")
    lea.get_by_label("Âge min.").fill("40")
    expect(members.locator(".member", has_text=lea_name)).to_have_count(0)
    expect(members.locator(".member", has_text=sam_name)).to_be_visible()
    lea.get_by_label("Âge min.").fill("")
    lea.get_by_label("Département").fill("44")
    expect(members.locator(".member", has_text=sam_name)).to_have_count(0)
    lea.get_by_role("button", name="Tout afficher").click()
    expect(members.locator(".member", has_text=sam_name)).to_be_visible()
    shoot(lea, "room-desktop")

    lea.get_by_role("button", name="Passer au thème sombre").click()
    expect(lea.locator("html")).to_have_attribute("data-theme", "dark")
    shoot(lea, "room-desktop-dark")

    lea.get_by_role("button", name="Switch to English").click()
    expect(lea.locator("html")).to_have_attribute("lang", "en")
    expect(lea.get_by_role("button", name="Help & safety")).to_be_visible()
    expect(lea.get_by_role("textbox", name="Your message")).to_be_visible()
    lea.get_by_role("button", name="Passer en français").click()
    expect(lea.locator("html")).to_have_attribute("lang", "fr")

    # A reload keeps the session (HttpOnly cookie), the theme and the room; leaving ends the session.
    lea.reload()
    wait_connected(lea)
    expect(lea.locator("html")).to_have_attribute("data-theme", "dark")
    expect(lea.locator("#pane-title")).to_have_text(f"# {room}")
    lea.get_by_role("button", name="Quitter Havre (fin de la session)").click()
    expect(lea.get_by_label("Pseudo")).to_be_visible()
    lea.reload()
    expect(lea.get_by_label("Pseudo")).to_be_visible()
    assert not lea.havre_errors and not sam.havre_errors
