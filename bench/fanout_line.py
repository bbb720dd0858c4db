"""The fan-out benchmark's message, as the safety benchmarks screen it.

``bench/loadgen.py`` sends ``"t=<monotonic_ns>;<LINE> <n>"`` from 100 senders in one adults' room; the
safety benchmarks (``bench_safety.py``, ``safety_instructions.py``, ``safety_dump.py``) screen the same
shape of line without a server.
"""

from __future__ import annotations

from havre.domain.verdict import ScreeningRequest, Setting, SpaceAudience

LINE = "salut tout le monde, quelqu'un a vu le match hier soir ?"


def fanout_request(n: int, stamp: int, at: float) -> ScreeningRequest:
    """Message ``n``: ``"t=<stamp>;<LINE> <n>"`` from sender ``u<n mod 100>`` of room ``accueil``, at ``at``
    seconds."""
    return ScreeningRequest(
        "accueil", Setting.ROOM, SpaceAudience.ADULTS, f"u{n % 100}", 30, f"t={stamp};{LINE} {n}", at
    )
