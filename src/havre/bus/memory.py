"""The in-process bus: one node, deliveries handed to the local handler at once."""

from __future__ import annotations

import asyncio

from havre.bus.protocol import Delivery, DeliveryHandler


class InProcessBus:
    """Calls the subscribed handler synchronously: no copy, no queue, no task."""

    def __init__(self) -> None:
        self._handlers: list[DeliveryHandler] = []

    def subscribe(self, handler: DeliveryHandler) -> None:
        """See ``Bus.subscribe``."""
        self._handlers.append(handler)

    async def start(self) -> None:
        """Nothing to connect."""

    async def publish(self, delivery: Delivery) -> None:
        """Hand the delivery to every handler now."""
        for handler in self._handlers:
            handler(delivery)

    async def listen(self) -> None:
        """Nothing arrives from elsewhere: wait until cancelled."""
        await asyncio.Event().wait()

    async def ping(self) -> None:
        """Always answers."""

    async def close(self) -> None:
        """Stop delivering."""
        self._handlers.clear()
