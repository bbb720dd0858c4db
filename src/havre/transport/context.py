"""What the transport's handlers need, built by ``havre.app`` and stored on the aiohttp application."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from aiohttp import web

from havre.bus.protocol import Bus
from havre.config import Settings
from havre.services.chat import ChatService
from havre.services.clock import Clock
from havre.services.entry import EntryService
from havre.services.presence import Presence
from havre.services.rooms import RoomService
from havre.storage.repositories import HealthCheck
from havre.transport.hub import Hub
from havre.transport.metrics import Metrics
from havre.transport.outbound import BusOutbound


@dataclass
class Context:
    """The wired objects of one server."""

    settings: Settings
    clock: Clock
    entry: EntryService
    rooms: RoomService
    chat: ChatService
    presence: Presence
    hub: Hub
    outbound: BusOutbound
    bus: Bus
    health: HealthCheck
    metrics: Metrics
    # Sockets between their handshake and their ``hello`` (authentication, state loading): a storm of
    # reconnections waits here instead of piling up database work and temporary objects.
    handshakes: asyncio.Semaphore


CONTEXT = web.AppKey("havre_context", Context)
