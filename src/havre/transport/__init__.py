"""The edge: HTTP routes, the WebSocket loop, wire frames, per-socket queues, web pages.

Modules: ``frames`` (parse and encode wire frames, no I/O), ``http`` (JSON API and probes), ``ws``
(the WebSocket endpoint), ``hub`` (this node's sockets, bounded send queues, fan-out), ``outbound``
(the services' outbound port over the bus), ``status`` (errors to HTTP statuses and close codes),
``i18n`` (user-facing texts, French and English), ``session`` (tokens and client addresses),
``pages`` (the web client's files and security headers), ``metrics`` (Prometheus), ``context`` (the
wired objects handlers use), ``web/static/`` (the web client).
"""
