"""Untrusted pseudos and messages are rendered inert: no script runs, no element is injected."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.e2e_ui import enter, fill_entry, join_first_room, join_room, open_entry, unique_pseudo

pytestmark = pytest.mark.e2e

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1>",
    '"><iframe src="javascript:window.top.__pwned=1"></iframe>',
    '<a href="javascript:window.__pwned=1">clique ici</a>',
    "<style>body{display:none}</style>",
    "<details open ontoggle=alert(1)>",
    "</textarea><script>alert(document.cookie)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "{{constructor.constructor('alert(1)')()}} ${alert(1)}",
]

INJECTED = (
    "script, img:not(.icon), iframe, svg:not(.icon), a[href^='javascript'], style, details, math, mglyph"
)


def assert_inert(page: Any, dialogs: list[str]) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    assert page.locator(f"main :is({INJECTED})").count() == 0
    assert page.locator("body").is_visible()
    assert not page.havre_errors, page.havre_errors


def send_and_wait(sender: Any, readers: list[Any], text: str) -> bool:
    """Send `text`; True when every reader shows it verbatim, False when the server refused it."""
    box = sender.get_by_role("textbox", name="Ton message")
    for _attempt in range(4):
        box.fill(text)
        box.press("Enter")
        shown = sender.locator(".msg-own .msg-text").filter(has_text=text)
        refusal = sender.get_by_test_id("composer-error")
        expect(shown.or_(refusal).first).to_be_visible()
        if refusal.is_visible():
            if "Doucement" in refusal.inner_text():  # rate limited: wait and send again
                sender.wait_for_timeout(1500)
                continue
            return False
        for reader in readers:
            expect(reader.locator(".msg-text").filter(has_text=text).last).to_have_text(text)
        return True
    return False


def test_xss_payloads_as_pseudos_are_refused_next_to_the_field(havre_server, new_page):
    """Markup as a pseudo is refused next to the pseudo field and never executed."""
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_entry(page, havre_server.url)
    for payload in PAYLOADS[:4]:
        fill_entry(page, payload)
        expect(page.get_by_test_id("error-pseudo")).to_be_visible()
        expect(page.get_by_label("Pseudo")).to_have_value(payload[:20])  # the field holds 20 characters
        assert_inert(page, dialogs)
    # The server refuses them as well, with a field error.
    status, body = page.evaluate(
        """async (pseudo) => {
            const r = await fetch('/api/v1/session', {
              method: 'POST',
              headers: {'Content-Type': 'application/json'},
              body: JSON.stringify({pseudo, gender: 'x', age: 30, postal_code: '75011'}),
            });
            return [r.status, await r.json()];
        }""",
        PAYLOADS[1],
    )
    assert status == 422, (status, body)
    assert body["error"]["code"] == "invalid_pseudo"


def test_xss_payloads_as_messages_render_as_text(havre_server, new_page):
    """Markup in room and private messages is shown literally and runs nothing."""
    writer, reader = new_page(), new_page()
    dialogs: list[str] = []
    for page in (writer, reader):
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    w_name, r_name = unique_pseudo("Xw"), unique_pseudo("Xr")
    enter(writer, havre_server.url, w_name, gender="Homme", age="40", postal_code="13001")
    enter(reader, havre_server.url, r_name, gender="Femme", age="41", postal_code="59000")
    room = join_first_room(writer)
    join_room(reader, room)

    rendered = [send_and_wait(writer, [reader], payload) for payload in PAYLOADS]
    assert sum(rendered) >= len(PAYLOADS) // 2, rendered
    assert_inert(writer, dialogs)
    assert_inert(reader, dialogs)

    # Private messages too (the desktop shows the member list beside the room).
    reader.get_by_test_id("member-list").get_by_role("button", name=f"Écrire en privé à {w_name}").click()
    expect(reader.locator("#pane-title")).to_contain_text(w_name)
    for payload in PAYLOADS[:3]:
        send_and_wait(reader, [], payload)
    writer.locator(".tab", has_text=r_name).click()
    for payload in PAYLOADS[:3]:
        expect(writer.locator(".msg-text").filter(has_text=payload).first).to_have_text(payload)
    assert_inert(writer, dialogs)
    assert_inert(reader, dialogs)
