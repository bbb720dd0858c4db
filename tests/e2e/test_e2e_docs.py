"""Documentation screenshots (docs/screenshots/*.png), taken against the real server when asked.

Run with `HAVRE_DOCS_SCREENSHOTS=1 .venv/bin/pytest tests/e2e/test_e2e_docs.py`; skipped otherwise.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.e2e_ui import DESKTOP, PHONE, REPO, enter, fill_entry, join_room, open_entry, say

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        os.environ.get("HAVRE_DOCS_SCREENSHOTS") != "1", reason="set HAVRE_DOCS_SCREENSHOTS=1"
    ),
]

DOCS = REPO / "docs" / "screenshots"


def _save(page, name: str, full_page: bool = False) -> Path:
    DOCS.mkdir(parents=True, exist_ok=True)
    path = DOCS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def test_docs_screenshots_on_a_phone(havre_server, new_page):
    """Writes the entry, rooms, room, private conversation, report and help screenshots for the docs."""
    lea = new_page(viewport=PHONE)
    samir, camille = new_page(), new_page()

    open_entry(lea, havre_server.url)
    lea.get_by_label("Pseudo").fill("Léa_44")
    lea.get_by_label("Femme", exact=True).check()
    lea.get_by_label("Âge").fill("24")
    lea.get_by_label("Code postal").fill("44000")
    lea.get_by_label("Pseudo").blur()
    lea.evaluate("() => window.scrollTo(0, 0)")
    _save(lea, "entry", full_page=True)
    lea.get_by_role("button", name="Entrer dans Havre").click()
    lea.wait_for_selector('body[data-connection="open"]')
    expect(lea.locator(".room-card").first).to_be_visible()
    _save(lea, "rooms")

    enter(samir, havre_server.url, "Samir-75", gender="Homme", age="27", postal_code="75011")
    enter(camille, havre_server.url, "Camille", gender="Autre", age="31", postal_code="69003")
    room = lea.locator(".room-card .room-name").first.inner_text()
    join_room(lea, room)
    join_room(samir, room)
    join_room(camille, room)
    say(samir, "Salut tout le monde ! Quelqu'un a vu le dernier film de Céline Sciamma ?")
    expect(lea.locator(".msg-text", has_text="Sciamma")).to_be_visible()
    say(lea, "Oui, samedi ! J'ai adoré la photo, et vous ?")
    expect(camille.locator(".msg-text", has_text="adoré")).to_be_visible()
    say(camille, "Pas encore, mais c'est prévu ce week-end 🙂")
    expect(lea.locator(".msg-text", has_text="week-end")).to_be_visible()
    lea.get_by_role("textbox", name="Ton message").fill("Vous l'avez vu en VO")
    _save(lea, "room")

    lea.get_by_role("button", name=re.compile(r"^Membres")).click()
    expect(lea.locator("#members-panel")).to_be_visible()
    lea.wait_for_timeout(400)  # the drawer slides in
    _save(lea, "members")
    lea.get_by_role("button", name="Masquer les membres").click()

    # Samir writes privately: Léa sees a tab with an unread count.
    samir.locator(".msg", has_text="adoré").get_by_role("button", name="Léa_44", exact=True).click()
    samir.get_by_role("dialog").get_by_role("button", name="Écrire en privé").click()
    say(samir, "Coucou Léa, tu conseilles quel cinéma à Nantes ?")
    expect(lea.locator(".tab", has_text="Samir-75")).to_contain_text("1")
    lea.locator(".tab", has_text="Samir-75").click()
    say(lea, "Le Katorza, en centre-ville. Bonne séance !")
    expect(samir.locator(".msg-text", has_text="Katorza")).to_be_visible()
    say(camille, "Je propose qu'on en parle lundi ici ?")
    _save(lea, "private")

    lea.locator(".tab", has_text=room).click()
    lea.locator(".msg", has_text="Sciamma").get_by_role(
        "button", name="Actions pour le message de Samir-75"
    ).click()
    lea.get_by_role("dialog").get_by_role("button", name="Signaler ce message").click()
    report = lea.get_by_role("dialog", name="Signaler un message de Samir-75")
    report.get_by_label("Spam, publicité, arnaque").check()
    report.evaluate("(el) => { el.scrollTop = 0; }")
    _save(lea, "report")
    report.get_by_role("button", name="Annuler").click()

    lea.get_by_role("button", name="Aide & sécurité").click()
    expect(lea.get_by_role("dialog", name="Aide & sécurité")).to_be_visible()
    _save(lea, "help")
    lea.keyboard.press("Escape")

    # The too-young refusal, kindly, with the help lines.
    young = new_page(viewport=PHONE)
    open_entry(young, havre_server.url)
    fill_entry(young, "Noa", gender="Autre", age="13", postal_code="59000")
    expect(young.get_by_test_id("too-young")).to_be_visible()
    young.get_by_test_id("too-young").evaluate("(el) => el.scrollIntoView({ block: 'start' })")
    _save(young, "too-young")

    desk = new_page(viewport=DESKTOP, color_scheme="dark")
    enter(desk, havre_server.url, "Nour", gender="Femme", age="38", postal_code="13008")
    join_room(desk, room)
    expect(desk.locator(".msg-text", has_text="Sciamma")).to_be_visible()
    _save(desk, "room-desktop-dark")


def test_docs_screenshots_of_settings_decisions_and_age_check(age_server, new_page):
    """Writes the themed catalogue, settings, age check, sanction, refusal and decisions screenshots."""
    from tests.e2e.e2e_moderation import ModApi, add_moderator
    from tests.e2e.test_e2e_age import mint_token

    desk = new_page(viewport=DESKTOP)
    enter(desk, age_server.url, "Maëlle", gender="Femme", age="33", postal_code="29200")
    expect(desk.locator(".pill-adult")).to_be_visible()
    _save(desk, "rooms-desktop")

    phone = new_page(viewport=PHONE)
    enter(phone, age_server.url, "Hugo_35", gender="Homme", age="35", postal_code="35000")
    phone.get_by_role("button", name="Mes réglages").click()
    expect(phone.get_by_role("dialog", name="Mes réglages")).to_be_visible()
    _save(phone, "settings")
    phone.keyboard.press("Escape")
    phone.get_by_role("button", name="Rejoindre le salon VIP").click()
    age = phone.get_by_role("dialog", name="Vérifier ta majorité")
    age.get_by_label("Preuve de majorité").fill(mint_token())
    age.evaluate("(el) => { el.scrollTop = 0; }")
    _save(phone, "age-check")
    age.get_by_role("button", name="Vérifier et entrer").click()
    expect(phone.locator("#pane-title")).to_have_text("# VIP")
    join_room(desk, "Accueil")
    phone.get_by_role("button", name="Tous les salons").click()
    join_room(phone, "Accueil")

    mod = ModApi(age_server.url)
    mod.log_in("sacha", add_moderator(age_server.db_path, "sacha"))
    mod.report_user(desk.locator(".member", has_text="Hugo_35").get_attribute("data-user"))
    facts = "Insultes répétées envoyées à Maëlle dans le salon Accueil, après un premier avertissement."
    mod.decide(mod.case_of("Hugo_35"), "ban", facts, hours=72)
    sanction = phone.get_by_role("alertdialog", name="Décision de modération")
    expect(sanction).to_be_visible()
    sanction.evaluate("(el) => { el.scrollTop = 0; }")
    _save(phone, "sanction")
    sanction.get_by_role("button", name="J’ai compris").click()
    fill_entry(phone, "Hugo_35b", gender="Homme", age="35", postal_code="35000")
    expect(phone.get_by_test_id("entry-banned")).to_be_visible()
    phone.evaluate("() => { window.scrollTo(0, 0); document.getElementById('toasts').replaceChildren(); }")
    _save(phone, "banned")
    phone.get_by_test_id("entry-banned").get_by_role(
        "button", name="Voir la décision et la contester"
    ).click()
    view = phone.get_by_role("dialog", name="Mes décisions de modération")
    expect(view.get_by_role("article")).to_be_visible()
    view.evaluate("(el) => { el.scrollTop = 0; }")
    _save(phone, "statements")
