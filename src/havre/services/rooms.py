"""The room catalogue: what each user may see, and the operator's commands."""

from __future__ import annotations

import re
from dataclasses import dataclass

from havre.domain.ids import RoomId
from havre.domain.policy import may_enter
from havre.domain.rooms import Audience, Room, default_catalogue
from havre.domain.users import User
from havre.errors import ClientError, ForbiddenAudience, RoomNotFound
from havre.services.clock import Clock
from havre.services.presence import Presence
from havre.storage.repositories import RoomRepository

_CACHE_SECONDS = 15.0
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")


@dataclass(frozen=True, slots=True)
class RoomView:
    """A room with its current member count, as a user sees it."""

    room: Room
    members: int


class RoomService:
    """Lists, finds, creates and archives rooms."""

    def __init__(
        self,
        rooms: RoomRepository,
        presence: Presence,
        clock: Clock,
        *,
        allow_mixed_rooms: bool,
        age_assurance: bool = False,
    ) -> None:
        self._age_assurance = age_assurance
        self._rooms = rooms
        self._presence = presence
        self._clock = clock
        self._allow_mixed = allow_mixed_rooms
        self._cache: dict[RoomId, Room] | None = None
        self._cached_at = 0.0

    async def _all(self) -> dict[RoomId, Room]:
        # Rooms change rarely (this service, or ``havre rooms`` from another process): one read serves
        # every lookup for a while.
        now = self._clock.monotonic()
        if self._cache is None or now - self._cached_at > _CACHE_SECONDS:
            self._cache = {r.id: r for r in await self._rooms.all(include_archived=True)}
            self._cached_at = now
        return self._cache

    async def seed_defaults(self) -> int:
        """Create the default French catalogue when there is no room yet; returns how many."""
        created = await self._rooms.seed(default_catalogue(), now=self._clock.now())
        self._cache = None
        return created

    async def visible_to(self, user: User) -> list[RoomView]:
        """The open rooms the user's age band may enter, with member counts."""
        rooms = sorted((await self._all()).values(), key=lambda r: (r.position, r.name))
        return [
            RoomView(r, self._presence.count(r.id))
            for r in rooms
            if not r.archived and may_enter(user.band, r.audience)
        ]

    async def enterable(self, user: User, room_id: str) -> Room:
        """The room ``user`` asks to enter. Raises ``RoomNotFound`` or ``ForbiddenAudience``."""
        room = (await self._all()).get(RoomId(room_id))
        if room is None or room.archived:
            raise RoomNotFound()
        if not may_enter(user.band, room.audience):
            raise ForbiddenAudience()
        return room

    async def get(self, room_id: RoomId) -> Room | None:
        """A room by id (archived ones too)."""
        return (await self._all()).get(room_id)

    async def list_all(self) -> list[Room]:
        """Every room, archived ones included (operator view)."""
        return sorted((await self._all()).values(), key=lambda r: (r.position, r.name))

    async def create(
        self,
        slug: str,
        name: str,
        topic: str,
        audience: Audience,
        *,
        adult_content: bool = False,
        theme: str = "",
    ) -> Room:
        """Create a room. Raises ``ClientError`` codes ``invalid_room`` or ``room_exists``.

        An adult-content room needs an age-assurance provider and the adults' audience.
        """
        if adult_content and (not self._age_assurance or audience is not Audience.ADULTS):
            raise ClientError(
                "adult-content rooms need age_assurance.provider and the adults audience", code="invalid_room"
            )
        if not _SLUG.match(slug) or not 1 <= len(name) <= 100 or len(topic) > 300:
            raise ClientError("slug: a-z, 0-9 and -, 2 to 63 characters; name 1 to 100", code="invalid_room")
        if audience is Audience.ALL and not self._allow_mixed:
            raise ClientError("rooms for all ages need chat.allow_mixed_rooms", code="invalid_room")
        position = len(await self._all())
        if len(theme) > 40:
            raise ClientError("theme: 40 characters at most", code="invalid_room")
        room = Room(RoomId(slug), name, topic, audience, position, adult_content=adult_content, theme=theme)
        await self._rooms.add(room, now=self._clock.now())
        self._cache = None
        return room

    async def archive(self, slug: str) -> None:
        """Archive a room: it leaves the catalogue, its messages stay. Raises ``RoomNotFound``."""
        if not await self._rooms.set_archived(RoomId(slug), True):
            raise RoomNotFound()
        self._cache = None
