"""Ids, bands and the wall between them, token buckets, the room catalogue."""

from __future__ import annotations

from havre.domain.ids import UserId, conversation_id_for, sortable_id
from havre.domain.policy import may_contact, may_enter, may_see_age
from havre.domain.ratelimit import TokenBucket
from havre.domain.rooms import Audience, default_catalogue
from havre.domain.users import AgeBand, band_for_age


def test_sortable_ids_sort_by_time() -> None:
    """Later milliseconds give greater ids, whatever the random part."""
    early = sortable_id(1_000, b"\xff" * 10)
    late = sortable_id(1_001, b"\x00" * 10)
    assert len(early) == 26 and early < late


def test_conversation_id_is_the_same_both_ways() -> None:
    """The private conversation id does not depend on who asks."""
    a, b = UserId("u_a"), UserId("u_b")
    assert conversation_id_for(a, b) == conversation_id_for(b, a) != conversation_id_for(a, UserId("u_c"))


def test_bands() -> None:
    """17 is a minor, 18 an adult."""
    assert band_for_age(17) is AgeBand.MINORS and band_for_age(18) is AgeBand.ADULTS


def test_the_wall_between_bands() -> None:
    """Bands enter their own rooms and mixed ones, reach only their own band; minors' ages stay hidden."""
    assert may_enter(AgeBand.MINORS, Audience.MINORS) and not may_enter(AgeBand.MINORS, Audience.ADULTS)
    assert may_enter(AgeBand.ADULTS, Audience.ADULTS) and not may_enter(AgeBand.ADULTS, Audience.MINORS)
    assert may_enter(AgeBand.ADULTS, Audience.ALL) and may_enter(AgeBand.MINORS, Audience.ALL)
    assert not may_contact(AgeBand.ADULTS, AgeBand.MINORS) and not may_contact(AgeBand.MINORS, AgeBand.ADULTS)
    assert not may_see_age(AgeBand.ADULTS, AgeBand.MINORS) and may_see_age(AgeBand.MINORS, AgeBand.ADULTS)


def test_token_bucket_allows_a_burst_then_the_rate() -> None:
    """A bucket lets its burst through, then refills at its rate."""
    bucket = TokenBucket(rate=2.0, burst=3)
    assert [bucket.allow(0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.allow(0.5) and not bucket.allow(0.5)


def test_default_catalogue() -> None:
    """The catalogue has the French themes, one room per region, four minors' rooms and nothing sexual."""
    seeds = default_catalogue()
    names = {s.name for s in seeds}
    assert {"Accueil", "Cuisine", "Cinéma & séries", "LGBT+", "60 ans et +", "Île-de-France"} <= names
    assert sorted(s.name for s in seeds if s.audience is Audience.MINORS) == [
        "Ados – Accueil",
        "Ados – Devoirs",
        "Ados – Jeux vidéo",
        "Ados – Musique",
    ]
    assert len({s.slug for s in seeds}) == len(seeds)
    assert not any(word in (s.name + s.topic).lower() for s in seeds for word in ("sexe", "coquin", "adulte"))
