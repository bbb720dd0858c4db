"""Adult-content rooms: a discreet badge, and the double-anonymity age check before the first join."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import AGE_SECRET
from tests.e2e.e2e_ui import PHONE, enter, join_room, unique_pseudo

pytestmark = pytest.mark.e2e


def mint_token() -> str:
    """A proof of majority from the bundled `test` provider (single use, ten minutes)."""
    from havre.services.age_assurance import SharedSecretAgeAssurance

    return SharedSecretAgeAssurance(AGE_SECRET).issue(datetime.now(UTC))


def test_an_adult_proves_majority_then_enters_the_adult_room(age_server, new_page, shoot):
    """Badge "18+ vérifié"; joining asks for a proof; a bad one is refused in place; a good one lets in."""
    page = new_page(viewport=PHONE)
    enter(page, age_server.url, unique_pseudo("Majeur"), gender="Homme", age="35", postal_code="33000")
    card = page.locator(".room-card", has=page.locator(".room-name", has_text="VIP"))
    expect(card.locator(".pill-adult")).to_contain_text("18+ vérifié")
    expect(card.locator(".pill-adult")).to_have_attribute(
        "title", "Réservé aux adultes ayant vérifié leur majorité"
    )
    card.get_by_role("button", name="Rejoindre le salon VIP").click()

    dialog = page.get_by_role("dialog", name="Vérifier ta majorité")
    expect(dialog).to_contain_text("double anonymat")
    field = dialog.get_by_label("Preuve de majorité")
    expect(field).to_be_focused()
    dialog.get_by_role("button", name="Vérifier et entrer").click()
    expect(dialog.get_by_role("alert")).to_have_text("Colle la preuve donnée par le prestataire.")
    field.fill("v1.0.pas-une-preuve.0000")
    dialog.get_by_role("button", name="Vérifier et entrer").click()
    expect(dialog.get_by_role("alert")).to_contain_text("n’est pas valable")
    expect(field).to_have_attribute("aria-invalid", "true")
    shoot(page, "age-check-phone")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    field.fill(mint_token())
    dialog.get_by_role("button", name="Vérifier et entrer").click()
    expect(page.locator(".toast", has_text="Majorité vérifiée.")).to_be_attached()
    expect(dialog).to_be_hidden()
    expect(page.locator("#pane-title")).to_have_text("# VIP")

    # Once per session: leaving and coming back needs no new proof.
    page.get_by_role("button", name="Quitter le salon").click()
    join_room(page, "VIP")
    assert not page.havre_errors, page.havre_errors


def test_the_age_check_can_be_cancelled_with_the_keyboard(age_server, new_page):
    """Escape closes the age check and gives the focus back to the join button; nothing is joined."""
    page = new_page()
    enter(page, age_server.url, unique_pseudo("Prudent"), gender="Femme", age="41", postal_code="31000")
    button = page.get_by_role("button", name="Rejoindre le salon VIP")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Vérifier ta majorité")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    expect(page.locator("#pane-title")).to_have_text("Les salons")
    assert not page.havre_errors, page.havre_errors
