"""Two people meet in a room, talk in private, then one blocks and reports the other."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.e2e_ui import enter, join_first_room, join_room, messages, say, unique_pseudo

pytestmark = pytest.mark.e2e


def test_two_people_chat_in_a_room_then_privately_then_block_and_report(havre_server, new_page, shoot):
    """Two contexts enter, chat in one room, talk privately with unread count and title, report and block."""
    alice, bruno = new_page(), new_page()
    a_name, b_name = unique_pseudo("Alice"), unique_pseudo("Bruno")
    enter(alice, havre_server.url, a_name, gender="Femme", age="30", postal_code="75011")
    enter(bruno, havre_server.url, b_name, gender="Homme", age="34", postal_code="69003")

    room = join_first_room(alice)
    join_room(bruno, room)

    # Presence: Alice sees Bruno arrive, discreetly; both see each other in the member list.
    expect(alice.locator(".presence", has_text=b_name)).to_be_visible()
    alice_members = alice.locator('[data-testid="member-list"]')
    expect(bruno.locator('[data-testid="member-list"] .member', has_text=a_name)).to_contain_text(
        "Femme · 30 ans · 75"
    )
    expect(alice_members.locator(".member", has_text=b_name)).to_contain_text("Homme")

    # Room chat.
    say(alice, "Bonjour tout le monde !")
    expect(messages(bruno).filter(has_text="Bonjour tout le monde !")).to_be_visible()
    expect(messages(alice).filter(has_text="Bonjour tout le monde !")).to_be_visible()
    say(bruno, "Salut Alice, ça va ?")
    expect(messages(alice).filter(has_text="Salut Alice, ça va ?")).to_be_visible()

    # Bruno opens a private conversation from Alice's pseudo on her message.
    bruno.locator(".msg", has_text="Bonjour tout le monde !").get_by_role(
        "button", name=a_name, exact=True
    ).click()
    bruno.get_by_role("dialog").get_by_role("button", name="Écrire en privé").click()
    expect(bruno.locator("#pane-title")).to_contain_text(a_name)
    say(bruno, "Un petit mot en privé")
    expect(messages(bruno).filter(has_text="Un petit mot en privé")).to_be_visible()

    # Alice is still in the room: a tab with an unread count, and the page title says so.
    pm_tab = alice.locator(".tab", has_text=b_name)
    expect(pm_tab).to_contain_text("1")
    expect(alice).to_have_title("(1) Havre")
    pm_tab.click()
    expect(messages(alice).filter(has_text="Un petit mot en privé")).to_be_visible()
    expect(alice).to_have_title("Havre")
    say(alice, "Réponse privée")
    expect(messages(bruno).filter(has_text="Réponse privée")).to_be_visible()
    shoot(bruno, "chat-private-desktop")

    # Bruno reports Alice's room message (the good-faith box is required).
    bruno.locator(".tab", has_text=room).click()
    bruno.locator(".msg", has_text="Bonjour tout le monde !").get_by_role(
        "button", name=f"Actions pour le message de {a_name}"
    ).click()
    bruno.get_by_role("dialog").get_by_role("button", name="Signaler ce message").click()
    report = bruno.get_by_role("dialog", name=f"Signaler un message de {a_name}")
    report.get_by_label("Harcèlement, insultes, menaces").check()
    report.get_by_label("Détails (facultatif)").fill("Test de signalement de bout en bout.")
    report.get_by_role("button", name="Envoyer le signalement").click()
    expect(report.get_by_test_id("report-status")).to_contain_text("bonne foi")
    report.get_by_label("Je signale de bonne foi", exact=False).check()
    report.get_by_role("button", name="Envoyer le signalement").click()
    # The moderation service takes reports: the dialog closes and a thank-you toast confirms it.
    expect(report).to_be_hidden()
    expect(bruno.locator(".toast", has_text="signalement a bien été reçu")).to_be_visible()
    shoot(bruno, "chat-report-desktop")
    bruno.locator(".tab", has_text=a_name).click()
    # Bruno blocks Alice from the private conversation: her next private message does not reach him.
    bruno.locator(".pane-head").get_by_role("button", name="Bloquer").click()
    expect(bruno.locator(".toast", has_text="bloqué")).to_be_visible()
    say(alice, "Message après blocage")
    alice.wait_for_timeout(1000)
    expect(messages(bruno).filter(has_text="Message après blocage")).to_have_count(0)

    assert not alice.havre_errors and not bruno.havre_errors, (alice.havre_errors, bruno.havre_errors)


def test_minor_sees_only_minor_rooms_and_adult_only_adult_rooms(own_server, new_page):
    """A 16-year-old is offered the 15–17 rooms only; an adult the adult rooms only."""
    # A server of its own: the server refuses the 15–17 space to an address that declared an adult age.
    teen, adult = new_page(), new_page()
    enter(teen, own_server.url, unique_pseudo("Lou"), gender="Autre", age="16", postal_code="20000")
    enter(adult, own_server.url, unique_pseudo("Marc"), gender="Homme", age="40", postal_code="97400")
    expect(teen.locator(".pane-sub")).to_contain_text("réservés aux 15–17 ans")
    expect(adult.locator(".pane-sub")).to_contain_text("réservés aux adultes")
    teen_rooms = set(teen.locator(".room-name").all_inner_texts())
    adult_rooms = set(adult.locator(".room-name").all_inner_texts())
    assert teen_rooms and adult_rooms and not teen_rooms & adult_rooms


def test_safety_notice_is_a_prominent_alert_not_a_chat_line(havre_server, new_page, shoot):
    """Sharing contact details brings a safety notice shown as an alert banner with help lines."""
    page = new_page()
    enter(page, havre_server.url, unique_pseudo("Notice"), gender="Femme", age="19", postal_code="35000")
    join_first_room(page)
    say(page, "ajoute moi sur snap c'est lea.nantes44 ou appelle le 06 12 34 56 78")
    notice = page.get_by_test_id("notice-safety")
    refusal = page.get_by_test_id("composer-error")
    expect(notice.or_(refusal).first).to_be_visible()
    if notice.count():
        expect(notice.first).to_have_attribute("role", "alert")
        expect(notice.first.get_by_role("link", name=re.compile("^Appeler le 119"))).to_be_visible()
        assert page.locator('[data-testid="messages"] [data-testid="notice-safety"]').count() == 0
        shoot(page, "notice-safety-desktop")
        notice.first.get_by_role("button", name="J’ai compris").click()
        expect(notice).to_have_count(0)


def test_private_message_chime_is_a_valid_wav_data_uri(havre_server, new_page):
    """The private-message sound is a small WAV built in the page as a data: URI (allowed by the CSP)."""
    page = new_page()
    page.goto(havre_server.url + "/")
    info = page.evaluate(
        """async () => {
            const { chimeUri } = await import('/static/js/sound.js');
            const uri = chimeUri();
            const bytes = atob(uri.split(',')[1]);
            const audio = new Audio(uri);
            const duration = await new Promise((resolve) => {
                audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
                audio.addEventListener('error', () => resolve(-1));
            });
            return {
                prefix: uri.slice(0, 22), riff: bytes.slice(0, 4), wave: bytes.slice(8, 12),
                size: bytes.length, duration,
            };
        }"""
    )
    assert info["prefix"] == "data:audio/wav;base64,"
    assert (info["riff"], info["wave"]) == ("RIFF", "WAVE")
    assert info["size"] < 10_000
    assert 0.2 < info["duration"] < 1.0
    assert not page.havre_errors, page.havre_errors


def test_sanction_notice_is_a_modal_alert_with_its_statement(havre_server, new_page):
    """A sanction notice opens a modal alert dialog with its reason, end date and reference, as text."""
    page = new_page()
    page.goto(havre_server.url + "/")
    expect(page.get_by_label("Pseudo")).to_be_visible()
    page.evaluate(
        """async () => {
            const { openSanction } = await import('/static/js/dialogs.js');
            openSanction({ type: 'notice', kind: 'sanction',
              text: 'Suspension de 24 heures pour harcèlement. <img src=x onerror="window.__pwned=1">',
              data: { until: '2026-11-30T10:00:00Z', reason: 'harcèlement', statement_id: 'st_123' } });
        }"""
    )
    dialog = page.get_by_role("alertdialog", name="Décision de modération")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("alert")).to_contain_text('<img src=x onerror="window.__pwned=1">')
    expect(dialog).to_contain_text("harcèlement")
    expect(dialog).to_contain_text("st_123")
    expect(dialog).to_contain_text("30 novembre 2026")
    assert page.evaluate("() => window.__pwned") is None
    dialog.get_by_role("button", name="J’ai compris").click()
    expect(dialog).to_be_hidden()


def test_minor_accepts_a_contact_request_before_private_chat(own_server, new_page):
    """A first private message to a minor is a request: nothing more passes until the minor accepts."""
    # A server of its own: no adult age has been declared from 127.0.0.1 there.
    nina, theo = new_page(), new_page()
    n_name, t_name = unique_pseudo("Nina"), unique_pseudo("Theo")
    enter(nina, own_server.url, n_name, gender="Femme", age="16", postal_code="35000")
    enter(theo, own_server.url, t_name, gender="Homme", age="17", postal_code="29200")
    room = join_first_room(nina)
    join_room(theo, room)
    theo.get_by_test_id("member-list").get_by_role("button", name=f"Écrire en privé à {n_name}").click()
    say(theo, "Salut, tu veux parler musique ?")
    expect(messages(theo).filter(has_text="Salut, tu veux parler musique ?")).to_be_visible()
    say(theo, "Tu es là ?")
    expect(theo.get_by_test_id("composer-error")).to_contain_text("pas encore accepté")
    expect(theo.get_by_role("textbox", name="Ton message")).to_have_value("Tu es là ?")

    nina.locator(".tab", has_text=t_name).click()
    request = nina.get_by_test_id("contact-request")
    expect(request).to_contain_text(f"{t_name} veut discuter avec toi en privé")
    expect(messages(nina).filter(has_text="Salut, tu veux parler musique ?")).to_be_visible()
    expect(nina.get_by_role("textbox", name="Ton message")).to_be_hidden()
    request.get_by_role("button", name="Accepter").click()
    expect(request).to_be_hidden()
    say(nina, "Oui, avec plaisir")
    expect(messages(theo).filter(has_text="Oui, avec plaisir")).to_be_visible()
    theo.get_by_role("textbox", name="Ton message").press("Enter")
    expect(messages(nina).filter(has_text="Tu es là ?")).to_be_visible()
    assert not nina.havre_errors and not theo.havre_errors
