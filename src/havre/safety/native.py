"""Compiled builds of the hot safety modules (mypyc), and the fall-back to their sources when stale.

:func:`build` (run by ``make native``, itself run by ``make run``, ``make test``
and ``make bench``) compiles :data:`HOT_MODULES` with mypyc into extension modules next to their sources
and records each source's SHA-256 in ``native-build.json``. The compiled modules run the same code with
fewer interpreter instructions; ``bench/safety_dump.py --check`` finds every verdict identical.

Python imports an extension module before a source file of the same name, so an edited source would
silently lose to its old build. :func:`guard`, called first by the package, compares the recorded digests
with the sources; when any differs (or ``HAVRE_NATIVE=0`` is set), it installs an import finder that loads
every hot module from its source, and logs why. :func:`mode` says which build is running.

This module is never compiled itself, and imports nothing of the package.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import logging
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

__all__ = ["HOT_MODULES", "build", "fresh", "guard", "mode"]

#: The modules every screened message runs through, compiled by ``make native``.
HOT_MODULES = (
    "types",
    "prefilter",
    "normalize",
    "contact",
    "lexicon",
    "patterns",
    "model",
    "state",
    "policy",
    "pipeline",
)

_PACKAGE = "havre.safety"
_HERE = Path(__file__).resolve().parent
_MANIFEST = _HERE / "native-build.json"
_log = logging.getLogger(__name__)
_mode = "source"


def mode() -> str:
    """``"compiled"`` when the hot modules run from their mypyc builds, ``"source"`` otherwise."""
    return _mode


def _digest(module: str) -> str:
    return hashlib.sha256((_HERE / f"{module}.py").read_bytes()).hexdigest()


def _compiled(module: str) -> bool:
    return any((_HERE / f"{module}{suffix}").is_file() for suffix in importlib.machinery.EXTENSION_SUFFIXES)


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the hot modules as source files, ahead of their (stale or unwanted) compiled builds."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, module = fullname.rpartition(".")
        if package != _PACKAGE or module not in HOT_MODULES:
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{module}.py")


def fresh() -> bool:
    """Whether a compiled build of every hot module exists and comes from the current sources."""
    return all(_compiled(m) for m in HOT_MODULES) and not _stale()


def _stale() -> list[str]:
    # The hot modules whose compiled build does not come from their current source.
    try:
        recorded = json.loads(_MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {}
    return [m for m in HOT_MODULES if not isinstance(recorded, dict) or recorded.get(m) != _digest(m)]


def guard() -> None:
    """Make the package import the compiled hot modules only when they match their sources.

    Must run before any hot module is imported (the package calls it first). Idempotent."""
    global _mode
    if any(isinstance(finder, _SourceFinder) for finder in sys.meta_path):
        return
    if not any(_compiled(m) for m in HOT_MODULES):
        _mode = "source"
        return
    if os.environ.get("HAVRE_NATIVE", "1") == "0":
        # Asked for: said quietly.
        _log.info("havre.safety runs its Python sources, not its compiled modules: HAVRE_NATIVE=0")
    else:
        stale = _stale()
        if not stale:
            _mode = "compiled"
            return
        _log.warning(
            "havre.safety runs its Python sources, not its compiled modules: built from other sources "
            "(%s.py changed); `make native` rebuilds them",
            ", ".join(stale),
        )
    sys.meta_path.insert(0, _SourceFinder())
    _mode = "source"


def build(mypyc: str | None = None) -> None:
    """Compile :data:`HOT_MODULES` with the ``mypyc`` executable (default: the one beside this Python),
    in place, and record their digests; raises ``subprocess.CalledProcessError`` when mypyc fails (type
    errors, no C compiler)."""
    mypyc = mypyc or str(Path(sys.executable).with_name("mypyc"))
    src = _HERE.parents[1]
    project = src.parent
    files = [f"havre/safety/{m}.py" for m in HOT_MODULES]
    _MANIFEST.unlink(missing_ok=True)
    # Unlink the old builds rather than overwrite them: a running process may have them mapped.
    for old in [*_HERE.glob("*.so"), *src.glob("*__mypyc*.so")]:
        old.unlink()
    subprocess.run(  # noqa: S603 (our own mypyc, our own file names)
        [mypyc, "--config-file", str(project / "pyproject.toml"), *files],
        cwd=src,
        check=True,
        env={**os.environ, "MYPYC_OPT_LEVEL": "3"},
    )
    _MANIFEST.write_text(json.dumps({m: _digest(m) for m in HOT_MODULES}, indent=1) + "\n", encoding="utf-8")
