"""Anonymous entry: field rules, bands, rate limits, tokens."""

from __future__ import annotations

import pytest

from havre.errors import InvalidField, NotAuthenticated, PseudoTaken, RateLimited
from havre.services.entry import EntryForm, EntryRules, EntryService
from havre.storage.memory import MemorySignalRepository, MemoryUserRepository
from tests.support.clock import FakeClock


def service(clock: FakeClock | None = None, **rules: object) -> EntryService:
    return EntryService(
        MemoryUserRepository(),
        MemorySignalRepository(),
        clock or FakeClock(),
        EntryRules(**rules),
        "key",  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("form", "field", "code"),
    [
        (EntryForm("ab", "f", 30, "75011"), "pseudo", "invalid_pseudo"),
        (EntryForm("cherche_ado", "m", 40, "75011"), "pseudo", "invalid_pseudo"),
        (EntryForm("Alice", "z", 30, "75011"), "gender", "invalid_gender"),
        (EntryForm("Alice", "f", -1, "75011"), "age", "invalid_age"),
        (EntryForm("Alice", "f", 130, "75011"), "age", "invalid_age"),
        (EntryForm("Alice", "f", 14, "75011"), "age", "too_young"),
        (EntryForm("Alice", "f", 30, "98000"), "postal_code", "invalid_postal_code"),
        (EntryForm("Alice", "f", 30, "7501"), "postal_code", "invalid_postal_code"),
    ],
)
async def test_each_field_is_checked(form: EntryForm, field: str, code: str) -> None:
    """Each bad field is refused with its name and a code."""
    with pytest.raises(InvalidField) as error:
        await service().enter(form, address="127.0.0.1")
    assert (error.value.field, error.value.code) == (field, code)


async def test_min_age_and_adults_only_mode() -> None:
    """The minimum age is configurable, and adults-only mode refuses minors."""
    with pytest.raises(InvalidField) as error:
        await service(min_age=16).enter(EntryForm("Lina", "f", 15, "75011"), address="a")
    assert error.value.code == "too_young"
    with pytest.raises(InvalidField) as error:
        await service(adults_only=True).enter(EntryForm("Lina", "f", 17, "75011"), address="a")
    assert error.value.code == "minors_not_admitted"
    entered = await service().enter(EntryForm("Lina", "f", 15, "20200"), address="a")
    assert entered.user.department == "2B" and entered.user.band.value == "minors"


async def test_tokens_authenticate_until_the_session_ends() -> None:
    """The token given at entry authenticates; after leaving it does not, and the pseudo is free."""
    entry = service()
    entered = await entry.enter(EntryForm("Alice", "f", 30, "75011"), address="a")
    assert len(entered.token) >= 43  # 256 bits in URL-safe base64
    assert (await entry.authenticate(entered.token)).id == entered.user.id
    with pytest.raises(PseudoTaken):
        await entry.enter(EntryForm("ALICE", "f", 30, "75011"), address="b")
    await entry.leave(entered.user)
    with pytest.raises(NotAuthenticated):
        await entry.authenticate(entered.token)
    for bad in (None, "", "x" * 500):
        with pytest.raises(NotAuthenticated):
            await entry.authenticate(bad)
    await entry.enter(EntryForm("ALICE", "f", 30, "75011"), address="b")


async def test_entries_are_rate_limited_per_address() -> None:
    """An address that enters too often is refused for a while; others are not."""
    clock = FakeClock()
    entry = service(clock, entries_per_minute=3.0)
    for i in range(3):
        await entry.enter(EntryForm(f"User{i}", "f", 30, "75011"), address="1.2.3.4")
    with pytest.raises(RateLimited):
        await entry.enter(EntryForm("User9", "f", 30, "75011"), address="1.2.3.4")
    await entry.enter(EntryForm("Other", "f", 30, "75011"), address="5.6.7.8")
    clock.advance(60)
    await entry.enter(EntryForm("User9", "f", 30, "75011"), address="1.2.3.4")
