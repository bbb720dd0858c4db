"""``make bench``: every chat-core benchmark with its defaults, then a summary against the targets.

    .venv/bin/python bench/run_all.py            # fan-out 100 and 1,000, safety on/off, idle, entries
    .venv/bin/python bench/run_all.py --quick    # shorter phases, 2,000 idle sockets (a smoke run)
    .venv/bin/python bench/run_all.py --only fanout,idle

Each benchmark starts its own server process and its own load generator process and stops by itself.
The raw results go to one JSON file (``--json``, default ``/tmp/havre-bench-<time>.json``). When
``bench/bench_safety.py`` exists it runs last, as its owner wrote it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import bench_entries
import bench_fanout
import bench_idle
from harness import ROOT, command_line, machine

TARGET_DELIVERIES = 80_000  # per second, 100-client room, safety off
TARGET_P99_MS = 50.0  # at 500 messages/s in, 100-client room
TARGET_KB_PER_SOCKET = 16.0
TARGET_SAFETY_RATIO = 0.70


def _phase(result: dict[str, Any], mode: str, rate: float | None = None) -> dict[str, Any] | None:
    for p in result["phases"]:
        if p["mode"] == mode and (rate is None or p.get("target_messages_per_s") == rate):
            return dict(p)
    return None


def summary(results: dict[str, Any]) -> list[str]:
    """One line per target: the figure, the target and whether it is met."""
    lines = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    fanout = {(r["clients"], r["safety"]): r for r in results.get("fanout", [])}
    off = fanout.get((100, False))
    if off:
        closed = _phase(off, "closed")
        if closed:
            d = closed["deliveries_per_s"]
            lines.append(
                f"100-client room, closed loop: {d:,} deliveries/s (target ≥ {TARGET_DELIVERIES:,}): "
                f"{verdict(d >= TARGET_DELIVERIES)}; server {closed['server_cpu_us_per_delivery']} µs CPU "
                f"per delivery, so {1e6 / closed['server_cpu_us_per_delivery']:,.0f}/s per fully used core"
            )
        at500 = _phase(off, "rate", 500.0)
        if at500:
            p99 = at500["latency_p99_ms"]
            lines.append(
                f"100-client room at 500 msg/s: p50 {at500['latency_p50_ms']} ms, p99 {p99} ms "
                f"(target < {TARGET_P99_MS:g}): {verdict(p99 < TARGET_P99_MS)}; server waited "
                f"{at500['server_runqueue_wait_ms_per_s']} ms/s for a CPU (other processes)"
            )
    for (clients, safety), r in sorted(fanout.items()):
        if clients != 100 or safety:
            closed = _phase(r, "closed")
            if closed:
                lines.append(
                    f"{clients}-client room, safety {'on' if safety else 'off'}, closed loop: "
                    f"{closed['deliveries_per_s']:,} deliveries/s, "
                    f"{closed['server_cpu_us_per_delivery']} µs CPU per delivery"
                )
    on = fanout.get((100, True))
    if off and on:
        a, b = _phase(off, "closed"), _phase(on, "closed")
        if a and b:
            ratio = b["deliveries_per_s"] / a["deliveries_per_s"]
            cpu_ratio = a["server_cpu_us_per_delivery"] / b["server_cpu_us_per_delivery"]
            lines.append(
                f"safety on / off, 100-client room, closed loop: {cpu_ratio:.0%} by CPU per delivery "
                f"(target ≥ {TARGET_SAFETY_RATIO:.0%}): {verdict(cpu_ratio >= TARGET_SAFETY_RATIO)}; "
                f"{ratio:.0%} by raw deliveries/s (contention-dependent: compare the run-queue waits "
                f"{a['server_runqueue_wait_ms_per_s']} and {b['server_runqueue_wait_ms_per_s']} ms/s)"
            )
    for r in results.get("idle", []):
        kb = r["kb_per_socket"]
        lines.append(
            f"{r['sockets']:,} idle sockets: {kb} KiB per socket (target ≤ {TARGET_KB_PER_SOCKET:g}): "
            f"{verdict(kb <= TARGET_KB_PER_SOCKET)}; {r['kb_per_user_and_socket']} KiB with the user's entry"
        )
    for r in results.get("entries", []):
        lines.append(
            f"entries ({r['addresses']} address): {r['entries_per_s']:,}/s, "
            f"{r['concurrency']} in flight, p99 {r['latency_p99_ms']} ms, "
            f"{r['server_cpu_ms_per_entry']} ms server CPU per entry"
        )
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="short phases and 2,000 idle sockets")
    parser.add_argument("--only", default="fanout,safety,idle,entries,bench_safety")
    parser.add_argument("--json", default=f"/tmp/havre-bench-{time.strftime('%Y%m%d-%H%M%S')}.json")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    duration, warmup = (4.0, 1.0) if args.quick else (10.0, 2.0)
    results: dict[str, Any] = {"machine": machine(), "command": command_line(), "fanout": []}

    def save() -> None:
        Path(args.json).write_text(json.dumps(results, indent=1))

    if "fanout" in only:
        for clients in (100, 1000):
            phases = bench_fanout.DEFAULT_PHASES[clients]
            r = bench_fanout.run(
                clients, phases, safety=False, duration=duration, warmup=warmup, senders=100, window=1
            )
            results["fanout"].append(r)
            print(f"\n### {clients} clients, safety off\n\n{bench_fanout.table(r)}", flush=True)
            save()
    if "safety" in only:
        try:
            probe = [sys.executable, "-c", "from havre.safety import build_pipeline"]
            subprocess.run(probe, check=True, capture_output=True)
        except subprocess.CalledProcessError:
            print("\n(safety pipeline not available: fan-out with safety on skipped)")
        else:
            r = bench_fanout.run(
                100, "closed,rate:500", safety=True, duration=duration, warmup=warmup, senders=100, window=1
            )
            results["fanout"].append(r)
            print(f"\n### 100 clients, safety on\n\n{bench_fanout.table(r)}", flush=True)
            save()
    if "idle" in only:
        sockets = 2000 if args.quick else 10_000
        r = bench_idle.run(sockets, 0, "", 64)
        results["idle"] = [r]
        print(f"\n### {sockets:,} idle sockets\n\n{bench_idle.table(r)}", flush=True)
        save()
    if "entries" in only:
        count = 1000 if args.quick else 5000
        rs = [bench_entries.run(count, 32), bench_entries.run(count // 2, 32, shared_address=True)]
        results["entries"] = rs
        print(f"\n### Entries\n\n{bench_entries.table(rs)}", flush=True)
        save()
    safety_script = ROOT / "bench" / "bench_safety.py"
    if "bench_safety" in only and safety_script.exists():
        print("\n### bench/bench_safety.py\n", flush=True)
        done = subprocess.run([sys.executable, str(safety_script)], timeout=1800, check=False)
        results["bench_safety_returncode"] = done.returncode
        save()
    print("\n## Summary\n")
    for line in summary(results):
        print(f"- {line}")
    print(f"\nmachine: {json.dumps(results['machine'])}\nraw results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
