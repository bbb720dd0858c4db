"""Who is online and in which room, as seen by this node.

One process keeps it in memory; the scale-out work replaces it with a shared implementation behind the
same methods.
"""

from __future__ import annotations

from havre.domain.ids import RoomId, UserId
from havre.domain.users import User


class Presence:
    """Sockets per user and members per room. Synchronous: it is read on every delivery."""

    def __init__(self) -> None:
        self._sockets: dict[UserId, int] = {}
        self._users: dict[UserId, User] = {}
        self._rooms: dict[RoomId, dict[UserId, User]] = {}
        self._user_rooms: dict[UserId, set[RoomId]] = {}

    def connect(self, user: User) -> int:
        """Count a new socket of ``user``; returns how many the user now has."""
        count = self._sockets.get(user.id, 0) + 1
        self._sockets[user.id] = count
        self._users[user.id] = user
        return count

    def disconnect(self, user_id: UserId) -> int:
        """Count a closed socket; returns how many are left (0: the user went offline)."""
        count = self._sockets.get(user_id, 0) - 1
        if count <= 0:
            self._sockets.pop(user_id, None)
            self._users.pop(user_id, None)
            return 0
        self._sockets[user_id] = count
        return count

    def sockets(self, user_id: UserId) -> int:
        """How many sockets ``user_id`` holds."""
        return self._sockets.get(user_id, 0)

    def is_online(self, user_id: UserId) -> bool:
        """Whether the user holds at least one socket."""
        return user_id in self._sockets

    def online_user(self, user_id: UserId) -> User | None:
        """The online user with this id, if any."""
        return self._users.get(user_id)

    def online_ids(self) -> list[UserId]:
        """Every online user's id."""
        return list(self._sockets)

    def join(self, room: RoomId, user: User) -> bool:
        """Put ``user`` in ``room``; returns False when already there."""
        members = self._rooms.setdefault(room, {})
        if user.id in members:
            return False
        members[user.id] = user
        self._user_rooms.setdefault(user.id, set()).add(room)
        return True

    def leave(self, room: RoomId, user_id: UserId) -> bool:
        """Take the user out of ``room``; returns False when not there."""
        members = self._rooms.get(room)
        if members is None or members.pop(user_id, None) is None:
            return False
        if not members:
            del self._rooms[room]
        rooms = self._user_rooms.get(user_id)
        if rooms is not None:
            rooms.discard(room)
            if not rooms:
                del self._user_rooms[user_id]
        return True

    def is_member(self, room: RoomId, user_id: UserId) -> bool:
        """Whether the user is in the room."""
        members = self._rooms.get(room)
        return members is not None and user_id in members

    def members(self, room: RoomId) -> list[User]:
        """The room's members."""
        return list(self._rooms.get(room, {}).values())

    def member_ids(self, room: RoomId) -> list[UserId]:
        """The ids of the room's members."""
        return list(self._rooms.get(room, {}))

    def count(self, room: RoomId) -> int:
        """How many members the room has."""
        return len(self._rooms.get(room, ()))

    def rooms_of(self, user_id: UserId) -> set[RoomId]:
        """The rooms the user is in."""
        return set(self._user_rooms.get(user_id, ()))
