"""The client's sources keep to the CSP and never parse untrusted text as HTML (no browser needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

STATIC = Path(__file__).resolve().parents[2] / "src" / "havre" / "transport" / "web" / "static"
FORBIDDEN_JS = {
    "innerHTML": re.compile(r"\binnerHTML\b"),
    "outerHTML": re.compile(r"\bouterHTML\b"),
    "insertAdjacentHTML": re.compile(r"\binsertAdjacentHTML\b"),
    "document.write": re.compile(r"\bdocument\.write"),
    "eval": re.compile(r"(?<![\w.])eval\s*\("),
    "new Function": re.compile(r"\bnew\s+Function\b"),
    "setAttribute('style')": re.compile(r"setAttribute\(\s*['\"]style['\"]"),
    "setAttribute('on…')": re.compile(r"setAttribute\(\s*['\"]on\w+['\"]"),
    "string timer": re.compile(r"set(?:Timeout|Interval)\(\s*['\"`]"),
    "remote URL": re.compile(r"https?://(?!www\.w3\.org/2000/svg)"),
}


def test_scripts_never_build_html_from_strings():
    """No innerHTML, eval, inline style or handler, string timer or remote URL in the client's scripts."""
    found = []
    for path in sorted(STATIC.rglob("*.js")):
        text = path.read_text()
        name = path.relative_to(STATIC)
        found += [f"{name}: {what}" for what, rx in FORBIDDEN_JS.items() if rx.search(text)]
    assert found == []


def test_page_has_no_inline_script_style_or_handler():
    """index.html loads one module script and one stylesheet from /static, with nothing inline."""
    html = (STATIC / "index.html").read_text()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == ['<script type="module" src="/static/js/app.js">']
    assert re.search(r"<script\b[^>]*>\s*[^<\s]", html) is None
    assert "<style" not in html
    assert re.search(r"\sstyle\s*=", html) is None
    assert re.search(r"\son[a-z]+\s*=", html) is None
    assert re.findall(r'(?:src|href)="(https?:)?//', html) == []


def test_catalogues_have_the_same_keys():
    """fr.js and en.js define the same keys (a missing English text would fall back to French)."""

    def keys(name: str) -> set[str]:
        text = (STATIC / "i18n" / name).read_text()
        return set(re.findall(r"^\s+([A-Za-z_]\w*):", text, flags=re.MULTILINE))

    assert keys("fr.js") == keys("en.js")
