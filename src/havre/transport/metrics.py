"""Prometheus metrics. Hot counters are plain integers read by a collector at scrape time, so a
delivery costs an integer increment, not a lock."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector


@dataclass
class Stats:
    """Counters the server bumps on its hot paths."""

    sockets_open: int = 0
    frames_in: int = 0
    frames_out: int = 0
    deliveries: int = 0
    messages: int = 0
    entries: int = 0
    slow_closes: int = 0
    errors: Counter[str] = field(default_factory=Counter)


class _StatsCollector(Collector):
    def __init__(self, stats: Stats, pending: object) -> None:
        self._stats = stats
        self._pending = pending

    def collect(self) -> Iterator[Metric]:
        s = self._stats
        yield GaugeMetricFamily("havre_sockets_open", "WebSocket connections open", value=s.sockets_open)
        yield CounterMetricFamily("havre_frames_in", "Client frames received", value=s.frames_in)
        yield CounterMetricFamily("havre_frames_out", "Server frames queued to sockets", value=s.frames_out)
        yield CounterMetricFamily(
            "havre_deliveries", "Message frames delivered to sockets", value=s.deliveries
        )
        yield CounterMetricFamily("havre_messages", "Messages accepted (room and private)", value=s.messages)
        yield CounterMetricFamily("havre_entries", "Users entered", value=s.entries)
        yield CounterMetricFamily(
            "havre_slow_socket_closes", "Sockets closed 4008 for reading too slowly", value=s.slow_closes
        )
        errors = CounterMetricFamily("havre_errors", "Errors sent, by code", labels=["code"])
        for code, count in sorted(s.errors.items()):
            errors.add_metric([code], count)
        yield errors
        if callable(self._pending):
            yield GaugeMetricFamily(
                "havre_write_queue", "Messages waiting to be stored", value=self._pending()
            )


@dataclass
class Metrics:
    """The registry and the instruments of one server."""

    registry: CollectorRegistry
    stats: Stats
    latency: Histogram


def build_metrics(pending: object = None) -> Metrics:
    """A fresh registry with Havre's metrics; ``pending`` returns the write queue length."""
    registry = CollectorRegistry()
    stats = Stats()
    registry.register(_StatsCollector(stats, pending))
    latency = Histogram(
        "havre_message_seconds",
        "Time from a say/pm frame's arrival to its ack (screening, storage and fan-out)",
        buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
        registry=registry,
    )
    return Metrics(registry, stats, latency)
