"""Running state: decay with injected time, bounded memory, per-user risk."""

from __future__ import annotations

from havre.domain.verdict import Action, ScreeningRequest, Setting, SpaceAudience
from havre.safety import SafetyPolicy, build_pipeline
from havre.safety.state import UserRisk, decay

from .conftest import request


def test_decay_halves_per_half_life() -> None:
    """A value halves after one half-life and is unchanged for negative elapsed time."""
    assert decay(0.8, 3600.0, 3600.0) == 0.4
    assert decay(0.8, -5.0, 3600.0) == 0.8


def test_spaces_are_bounded() -> None:
    """The pipeline never holds more spaces than the policy allows."""
    pipeline = build_pipeline(SafetyPolicy(max_spaces=10))
    for i in range(50):
        pipeline.screen(request("salut", space=f"s{i}", at=float(i)))
    assert pipeline.spaces_held == 10


def test_users_are_bounded() -> None:
    """The per-user risk keeps at most max_users users and max_spaces_per_user spaces each."""
    risk = UserRisk(max_users=3, max_spaces_per_user=2, half_life_s=100.0)
    for i in range(10):
        risk.record(f"u{i}", "s", 0.5, 0.0)
        risk.record("u9", f"s{i}", 0.5, 0.0)
    assert len(risk) == 3


def test_conversation_signals_decay_with_time() -> None:
    """Grooming stages seen weeks ago no longer add up with today's message."""
    lines = ["dis rien à tes parents", "t'es toute seule ?", "envoie une photo de toi"]
    fresh = build_pipeline()
    stale = build_pipeline()
    for i, text in enumerate(lines):
        at_fresh = 60.0 * i
        at_stale = 0.0 if i < 2 else 30 * 24 * 3600.0
        fresh.screen(
            request(text, audience=SpaceAudience.MIXED, sender_age=40, recipient_age=14, at=at_fresh)
        )
        stale.screen(
            request(text, audience=SpaceAudience.MIXED, sender_age=40, recipient_age=14, at=at_stale)
        )
    from havre.domain.verdict import Category

    assert stale.space_scores("s1")[Category.GROOMING] < fresh.space_scores("s1")[Category.GROOMING]


def test_parallel_conversations_raise_user_risk() -> None:
    """A user risky in several conversations at once ranks above one risky in a single one."""
    single = UserRisk(100, 32, 3600.0)
    parallel = UserRisk(100, 32, 3600.0)
    single.record("u", "a", 0.5, 0.0)
    for space in "abc":
        parallel.record("u", space, 0.5, 0.0)
    assert parallel.risk("u") > single.risk("u")


def test_forget_space() -> None:
    """Forgetting a space drops its state."""
    pipeline = build_pipeline()
    pipeline.screen(request("coucou"))
    pipeline.forget_space("s1")
    assert pipeline.space_scores("s1") == {}


def test_a_busy_room_keeps_each_speakers_state() -> None:
    """With 150 other speakers between them, a speaker's repeats are still counted: the third identical
    line is spam (a room of a hundred chatters must not forget who said what)."""
    pipeline = build_pipeline()
    at = 0.0
    actions = []
    for _ in range(3):
        for other in range(150):
            at += 1.0
            pipeline.screen(
                ScreeningRequest(
                    "room", Setting.ROOM, SpaceAudience.ADULTS, f"u{other}", 30, f"salut {other}", at
                )
            )
        at += 1.0
        verdict = pipeline.screen(
            ScreeningRequest(
                "room",
                Setting.ROOM,
                SpaceAudience.ADULTS,
                "seller",
                30,
                "venez voir mes belles chaussures",
                at,
            )
        )
        actions.append(verdict.action)
    assert actions[0] is Action.ALLOW
    assert actions[2] is Action.BLOCK
