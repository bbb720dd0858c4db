"""Shared fixtures of the safety tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from havre.domain.verdict import ScreeningRequest, Setting, SpaceAudience
from havre.safety import SafetyPipeline, build_pipeline

SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared data sits beside the repository as ../shared")
    return path


@pytest.fixture
def pipeline() -> SafetyPipeline:
    """A fresh shipped pipeline."""
    return build_pipeline()


def request(
    text: str,
    *,
    audience: SpaceAudience = SpaceAudience.ADULTS,
    setting: Setting = Setting.PM,
    sender: str = "u1",
    sender_age: int = 30,
    recipient_age: int | None = 30,
    space: str = "s1",
    at: float = 0.0,
) -> ScreeningRequest:
    """A screening request with adult defaults."""
    return ScreeningRequest(
        space=space,
        setting=setting,
        audience=audience,
        sender=sender,
        sender_age=sender_age,
        text=text,
        at=at,
        recipient="u2" if setting is Setting.PM else None,
        recipient_age=recipient_age if setting is Setting.PM else None,
    )
