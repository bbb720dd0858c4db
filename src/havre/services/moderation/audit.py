"""The audit log: every moderator action and every access to private content, hash-chained.

Each link's SHA-256 covers its fields and the previous link's hash (``storage.moderation.audit_hash``),
so editing, deleting or reordering a stored link breaks the chain from that link on; :func:`verify_chain`
names the first broken one.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from havre.services.clock import Clock
from havre.storage.moderation import GENESIS_HASH, AuditEntry, ModerationRepository, audit_hash

_BATCH = 1000


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """The result of checking the chain: how many links, and the first broken one (if any)."""

    checked: int
    broken_at: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """Whether every link holds."""
        return self.broken_at is None


class AuditLog:
    """Appends links one at a time (the lock keeps this process's writers in order)."""

    def __init__(self, store: ModerationRepository, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._lock = asyncio.Lock()

    async def record(
        self, actor: str, action: str, target: str, detail: dict[str, Any] | None = None
    ) -> AuditEntry:
        """Append one link. ``detail`` must be JSON (str, int, bool, lists and dicts of them)."""
        async with self._lock:
            return await self._store.append_audit(
                at=self._clock.now(), actor=actor, action=action, target=target[:100], detail=detail or {}
            )


async def verify_chain(store: ModerationRepository) -> ChainCheck:
    """Recompute every link in order; returns the first whose position, link or hash is wrong."""
    previous_hash = GENESIS_HASH
    expected = 1
    after = 0
    checked = 0
    while True:
        entries = await store.audit_entries(after=after, limit=_BATCH)
        if not entries:
            return ChainCheck(checked)
        for entry in entries:
            if entry.seq != expected:
                return ChainCheck(checked, expected, f"link {expected} is missing")
            if entry.prev_hash != previous_hash:
                return ChainCheck(checked, entry.seq, "does not point to the previous link")
            computed = audit_hash(
                entry.prev_hash, entry.seq, entry.at, entry.actor, entry.action, entry.target, entry.detail
            )
            if computed != entry.hash:
                return ChainCheck(checked, entry.seq, "content does not match its hash")
            previous_hash = entry.hash
            expected += 1
            checked += 1
        after = entries[-1].seq
