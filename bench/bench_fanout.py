"""Fan-out in one room: deliveries/s, send→receive latency, server CPU per delivery.

    .venv/bin/python bench/bench_fanout.py                       # 100 and 1,000 clients, safety off
    .venv/bin/python bench/bench_fanout.py --clients 100 --safety # the same room with the pipeline on

One server process per room size (fresh SQLite file), one load generator process; with two or more
CPUs the server is pinned to the first and the load generator to the others.
"""

from __future__ import annotations

import argparse
import json
import sys

from harness import command_line, machine, pin_plan, run_loadgen, run_server

# Phases per room size: closed loop first (the ceiling), then fixed input rates around the targets.
DEFAULT_PHASES = {
    100: "closed,rate:100,rate:300,rate:500,rate:700",
    1000: "closed,rate:20,rate:50,rate:80",
}


def run(
    clients: int, phases: str, *, safety: bool, duration: float, warmup: float, senders: int, window: int
) -> dict[str, object]:
    """One room of ``clients``: start a server, run the phases from a separate load generator."""
    server_cpus, loadgen_cpus = pin_plan()
    with run_server(safety=safety, cpus=server_cpus) as server:
        result = run_loadgen(
            [
                "fanout",
                "--port",
                str(server.port),
                "--server-pid",
                str(server.pid),
                "--clients",
                str(clients),
                "--phases",
                phases,
                "--duration",
                str(duration),
                "--warmup",
                str(warmup),
                "--senders",
                str(senders),
                "--window",
                str(window),
            ],
            cpus=loadgen_cpus,
        )
    result["safety"] = safety
    result["pinning"] = {"server": sorted(server_cpus or []), "loadgen": sorted(loadgen_cpus or [])}
    return result


def table(result: dict[str, object]) -> str:
    """A Markdown table of one room's phases."""
    rows = [
        "| mode | msgs in/s | deliveries/s | p50 ms | p99 ms | max ms | server CPU % | server µs/delivery "
        "| loadgen CPU % | server run-queue wait ms/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in result["phases"]:  # type: ignore[attr-defined]
        mode = (
            f"closed loop ({p['senders']} senders × {p['window']})"
            if p["mode"] == "closed"
            else f"fixed {p['target_messages_per_s']:g} msg/s"
        )
        rows.append(
            f"| {mode} | {p['messages_in_per_s']:,.0f} | {p['deliveries_per_s']:,} | {p['latency_p50_ms']} "
            f"| {p['latency_p99_ms']} | {p['latency_max_ms']} | {p['server_cpu_percent']} "
            f"| {p['server_cpu_us_per_delivery']} | {p['loadgen_cpu_percent']} "
            f"| {p['server_runqueue_wait_ms_per_s']} |"
        )
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, action="append", help="room size (repeatable); 100 and 1000")
    parser.add_argument("--phases", help="override the phases, e.g. closed,rate:500")
    parser.add_argument("--safety", action="store_true", help="safety pipeline on (HAVRE_SAFETY_ENABLED=1)")
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per phase")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each phase")
    parser.add_argument("--senders", type=int, default=100, help="clients that send (the others only read)")
    parser.add_argument("--window", type=int, default=1, help="closed loop: messages in flight per sender")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    info = machine()
    results = []
    for clients in args.clients or [100, 1000]:
        phases = args.phases or DEFAULT_PHASES.get(clients, "closed")
        result = run(
            clients,
            phases,
            safety=args.safety,
            duration=args.duration,
            warmup=args.warmup,
            senders=args.senders,
            window=args.window,
        )
        results.append(result)
        print(f"\n### {clients} clients, safety {'on' if args.safety else 'off'}\n")
        print(table(result), flush=True)
    print(f"\nmachine: {json.dumps(info)}\ncommand: {command_line()}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "command": command_line(), "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
