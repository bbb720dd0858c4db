"""Havre: anonymous French chat, safe by design.

Packages: ``domain`` (pure types and rules), ``services`` (use cases), ``transport`` (HTTP, WebSocket,
web pages), ``storage`` (repositories: memory, SQL), ``bus`` (fan-out between nodes), ``safety`` (the
message-screening pipeline), ``jobs`` (supervised background work), ``cli`` (the ``havre`` command);
``app`` wires them, ``config`` reads settings.
"""

__version__ = "0.1.0"
