"""A ban seen from the person's side: the statement of reasons, the refusal at the door, the appeal."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.e2e_moderation import ModApi, add_moderator
from tests.e2e.e2e_ui import PHONE, enter, fill_entry, join_room, open_entry, unique_pseudo

pytestmark = pytest.mark.e2e

FACTS = "Insultes répétées envoyées à une autre personne dans le salon Accueil."


def test_a_banned_person_reads_the_statement_and_appeals(own_server, new_page, shoot):
    """Sanction dialog → 4003 → kind refusal with the end date → statements with every field → appeal."""
    secret = add_moderator(own_server.db_path, "camille")
    mod = ModApi(own_server.url)
    mod.log_in("camille", secret)

    page, witness = new_page(viewport=PHONE), new_page()
    name = unique_pseudo("Fautif")
    enter(page, own_server.url, name, gender="Homme", age="31", postal_code="59000")
    enter(witness, own_server.url, unique_pseudo("Temoin"), gender="Femme", age="29", postal_code="59000")
    join_room(page, "Accueil")
    join_room(witness, "Accueil")
    user_id = witness.locator(".member", has_text=name).get_attribute("data-user")
    mod.report_user(user_id)
    mod.decide(mod.case_of(name), "ban", FACTS, hours=72)

    # The sanction notice: a modal alert with the statement's main fields and the appeal code.
    dialog = page.get_by_role("alertdialog", name="Décision de modération")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(FACTS)
    code = (
        dialog.locator("dt", has_text="Code de recours")
        .locator("xpath=following-sibling::dd[1]")
        .inner_text()
    )
    assert re.fullmatch(r"[A-Z0-9-]{4,32}", code), code
    stored = page.evaluate("() => JSON.parse(sessionStorage.getItem('havre.sanction'))")
    assert stored["appeal_code"] == code
    # The socket closed 4003: behind the dialog the entry page says what happened.
    expect(page.get_by_test_id("entry-ended")).to_be_visible()
    dialog.get_by_role("button", name="J’ai compris").click()

    # Coming back is refused, kindly, with the end date and a way to appeal.
    fill_entry(page, unique_pseudo("Revenant"), gender="Homme", age="31", postal_code="59000")
    refusal = page.get_by_test_id("entry-banned")
    expect(refusal).to_contain_text("Accès suspendu")
    expect(refusal).to_contain_text(re.compile(r"Jusqu’au \d{1,2} \S+ \d{4}"))
    expect(refusal).to_contain_text("3.2")
    shoot(page, "banned-phone")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    refusal.get_by_role("button", name="Voir la décision et la contester").click()

    # The statements: listed with the ended session's cookie, every field of art. 17(3).
    view = page.get_by_role("dialog", name="Mes décisions de modération")
    statement = view.get_by_role("article", name="Suspension de l’accès")
    expect(statement).to_be_visible()
    for text in (
        FACTS,
        "tout le service",
        "À la suite d’un signalement",
        "décidé par une personne",
        "article 3.2",
        "version",
        "recours",
        code,
    ):
        expect(statement).to_contain_text(text)
    expect(
        statement.locator("dt", has_text="Durée").locator("xpath=following-sibling::dd[1]")
    ).to_contain_text("au")
    box = statement.get_by_label("Explique pourquoi tu n’es pas d’accord")
    expect(box).to_be_focused()  # prefilled from the code kept in this tab
    statement.get_by_role("button", name="Envoyer ma contestation").click()
    expect(statement.get_by_role("alert")).to_have_text("Écris quelques mots pour expliquer ta contestation.")
    box.fill("Je m'excuse, c'était une dispute qui a dégénéré, je ne recommencerai pas.")
    shoot(page, "statements-phone", full_page=False)
    statement.get_by_role("button", name="Envoyer ma contestation").click()
    expect(statement.get_by_test_id("appeal-state")).to_contain_text("Une autre personne de la modération")
    view.get_by_role("button", name="Fermer").click()

    # Opened again: the appeal is pending.
    refusal.get_by_role("button", name="Voir la décision et la contester").click()
    expect(view.get_by_test_id("appeal-state")).to_have_text("Contestation envoyée : en cours de réexamen")

    # From another browser, without a session: the appeal by code, which says it was already sent.
    other = new_page()
    open_entry(other, own_server.url)
    other.evaluate(
        "(code) => import('/static/js/statements.js').then((m) => m.openStatements({ code }))", code
    )
    view2 = other.get_by_role("dialog", name="Mes décisions de modération")
    expect(view2).to_contain_text("Ta session n’est plus reconnue")
    expect(view2.get_by_label("Code de recours", exact=True)).to_have_value(code)
    view2.get_by_label("Code de recours", exact=True).fill("ZZZZ-0000")
    view2.get_by_label("Explique pourquoi tu n’es pas d’accord").fill("Deuxième essai.")
    view2.get_by_role("button", name="Envoyer ma contestation").click()
    expect(view2.get_by_role("alert")).to_contain_text("Aucune décision ne correspond à ce code")
    view2.get_by_label("Code de recours", exact=True).fill(code)
    view2.get_by_role("button", name="Envoyer ma contestation").click()
    expect(view2.get_by_test_id("appeal-state")).to_have_text(
        "Tu as déjà contesté cette décision : elle est en cours de réexamen."
    )
    assert not page.havre_errors and not witness.havre_errors and not other.havre_errors
