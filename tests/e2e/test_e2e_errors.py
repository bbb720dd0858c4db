"""Every error code the server may send has a catalogue text in French and in English."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

CODES = [
    "awaiting_acceptance",
    "age_mismatch",
    "too_many_rooms",
    "muted",
    "held",
    "rejected",
    "banned",
    "age_assurance_required",
    "age_assurance_invalid",
    "age_assurance_unavailable",
    "good_faith_required",
    "invalid_target",
    "already_appealed",
    "appeal_expired",
    "recipient_unavailable",
    "forbidden_audience",
]

TEXTS = """async (codes) => {
  const { errorText } = await import('/static/js/errors.js');
  const { setLanguage } = await import('/static/js/i18n.js');
  const out = {};
  for (const lang of ['fr', 'en']) {
    setLanguage(lang);
    out[lang] = Object.fromEntries(codes.map((c) => [c, errorText(c, 'RAISON-DU-SERVEUR')]));
  }
  setLanguage('fr');
  return out;
}"""


def test_error_codes_map_to_catalogue_texts_in_both_languages(havre_server, new_page):
    """Catalogue texts, different per language; `rejected` and `held` add the server's reason."""
    page = new_page()
    page.goto(havre_server.url + "/")
    texts = page.evaluate(TEXTS, CODES)
    for code in CODES:
        fr, en = texts["fr"][code], texts["en"][code]
        assert fr and en and fr != en, (code, fr, en)
        assert fr != "RAISON-DU-SERVEUR" and en != "RAISON-DU-SERVEUR", code
        with_reason = code in ("rejected", "held")
        assert ("RAISON-DU-SERVEUR" in fr) is with_reason, (code, fr)
        assert ("RAISON-DU-SERVEUR" in en) is with_reason, (code, en)
    assert "salons" in texts["fr"]["too_many_rooms"]
    assert not page.havre_errors, page.havre_errors
