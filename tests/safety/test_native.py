"""The compiled (mypyc) hot modules: used only while they match their sources, and give the same verdicts.

The compiled builds exist after ``make native`` (``make test`` runs it, so CI always has them); without a
build of the current sources the tests that need one are skipped. Each case runs in a fresh interpreter,
since the choice is made once, at import.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from havre.safety import native
from havre.safety.synthetic import generate

_SRC = Path(native.__file__).resolve().parents[2]
needs_build = pytest.mark.skipif(
    not native.fresh(), reason="no compiled build of the current sources: run `make native`"
)

# Screens every message of a sample of synthetic conversations in every audience and prints the build
# used, where the pipeline module came from, and every verdict.
_PROBE = """
import json, sys
from havre.safety import build_pipeline, native
from havre.safety import pipeline as module
from havre.domain.verdict import ScreeningRequest, Setting, SpaceAudience
pipeline = build_pipeline()
out = []
for i, text in enumerate(json.loads(sys.stdin.read())):
    for audience in SpaceAudience:
        v = pipeline.screen(ScreeningRequest(
            f"s{audience.value}", Setting.PM, audience, "a", 35, text, i * 30.0, "b", 14))
        out.append([v.action.value, v.text, [c.value for c in v.categories], dict(
            (c.value, s) for c, s in v.scores.items()), [n.key.value for n in v.notices]])
print(json.dumps({"mode": native.mode(), "file": module.__file__, "verdicts": out}))
"""


def _texts() -> list[str]:
    # Every tenth synthetic conversation: all categories, all kinds of text.
    return [
        str(message["text"])
        for conversation in generate()[::10]
        for message in conversation["messages"]  # type: ignore[attr-defined]
    ]


def _run(src: Path, texts: list[str], **env: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(src), **env},
        timeout=300,
    )
    parsed: dict[str, object] = json.loads(result.stdout)
    return parsed


@needs_build
def test_the_compiled_build_runs_and_gives_the_source_verdicts() -> None:
    texts = _texts()
    compiled = _run(_SRC, texts)
    source = _run(_SRC, texts, HAVRE_NATIVE="0")
    assert compiled["mode"] == "compiled"
    assert not str(compiled["file"]).endswith(".py")
    assert source["mode"] == "source"
    assert str(source["file"]).endswith("pipeline.py")
    assert len(texts) > 300
    assert compiled["verdicts"] == source["verdicts"]


@needs_build
def test_an_edited_source_is_run_instead_of_its_stale_build(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(_SRC / "havre", copy / "havre", ignore=shutil.ignore_patterns("__pycache__"))
    for shared in _SRC.glob("*__mypyc*"):
        shutil.copy2(shared, copy / shared.name)
    edited = copy / "havre" / "safety" / "patterns.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = _run(copy, ["salut"])
    assert result["mode"] == "source"
    assert result["file"] == str(copy / "havre" / "safety" / "pipeline.py")
    assert result["verdicts"][0][0] == "allow"  # type: ignore[index]


def test_without_a_build_the_sources_run(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(
        _SRC / "havre", copy / "havre", ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd")
    )
    result = _run(copy, ["salut"])
    assert result["mode"] == "source"
    assert result["file"] == str(copy / "havre" / "safety" / "pipeline.py")


def test_the_compiled_member_classes_mirror_the_domain_enums_exactly() -> None:
    import enum

    from havre.domain import verdict
    from havre.safety import types

    mirrors = {
        types.Categories: verdict.Category,
        types.Settings: verdict.Setting,
        types.Audiences: verdict.SpaceAudience,
        types.Actions: verdict.Action,
        types.Notices: verdict.NoticeKey,
        types.Targets: verdict.NoticeTarget,
    }
    for mirror, enum_class in mirrors.items():
        assert issubclass(enum_class, enum.Enum)
        names = {name for name in vars(mirror) if name.isupper()}
        assert names == set(enum_class.__members__), mirror.__name__
        for name in names:
            assert getattr(mirror, name) is enum_class[name], f"{mirror.__name__}.{name}"
