"""What travels on the bus, and the bus protocol."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class Scope(enum.Enum):
    """Who a delivery is for."""

    ROOM = "room"  # every socket of every member of a room
    USER = "user"  # every socket of one user


@dataclass(frozen=True, slots=True)
class Delivery:
    """An encoded frame for every socket in a scope, encoded once for all recipients.

    ``sender`` lets each recipient's node drop it for users who blocked the sender; ``adult_frame``,
    when set, replaces ``frame`` for adult viewers (a frame that shows a minor's age to minors only).
    ``close_code``, when set, closes the target sockets after the frame; ``exclude_user`` is left out.
    """

    scope: Scope
    target: str
    frame: bytes
    sender: str | None = None
    adult_frame: bytes | None = None
    close_code: int | None = None
    exclude_user: str | None = None


DeliveryHandler = Callable[[Delivery], None]


class Bus(Protocol):
    """Publishes deliveries to every node, this one included, in publication order per publisher."""

    def subscribe(self, handler: DeliveryHandler) -> None:
        """Call ``handler`` for every delivery published on any node (set once, before ``start``)."""
        ...

    async def start(self) -> None:
        """Connect; raise ``BusUnavailable`` when the bus cannot be reached."""
        ...

    async def publish(self, delivery: Delivery) -> None:
        """Send a delivery to every node; raise ``BusUnavailable`` on failure."""
        ...

    async def listen(self) -> None:
        """Receive from other nodes until cancelled (run as a supervised job); raise on failure."""
        ...

    async def ping(self) -> None:
        """Return when the bus answers; raise ``BusUnavailable`` otherwise."""
        ...

    async def close(self) -> None:
        """Disconnect and stop delivering."""
        ...
