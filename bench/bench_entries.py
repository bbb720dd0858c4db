"""Entries per second: ``POST /api/v1/session`` as fast as concurrent clients can, unique pseudos.

    .venv/bin/python bench/bench_entries.py                       # 5,000 entries, 32 in flight

The entry limit per address is raised (``HAVRE_LIMITS_ENTRIES_PER_MINUTE``). By default it runs twice:
each entry posing as its own client address (``X-Forwarded-For``, trusted from 127.0.0.1 here), then
every entry from 127.0.0.1 itself, as users behind one shared (CGNAT) address. The load generator
(aiohttp, keep-alive, its own process) warms up with 200 entries, then measures.
"""

from __future__ import annotations

import argparse
import json
import sys

from harness import command_line, machine, pin_plan, run_loadgen, run_server


def run(count: int, concurrency: int, shared_address: bool = False) -> dict[str, object]:
    """Start a server and have a separate load generator enter ``count`` users (each from its own
    address, or all from 127.0.0.1 with ``shared_address``)."""
    server_cpus, loadgen_cpus = pin_plan()
    with run_server(cpus=server_cpus) as server:
        args = ["entries", "--port", str(server.port), "--server-pid", str(server.pid)]
        args += ["--count", str(count), "--concurrency", str(concurrency)]
        if shared_address:
            args.append("--shared-address")
        return run_loadgen(args, cpus=loadgen_cpus)


def table(results: list[dict[str, object]]) -> str:
    """A Markdown table, one row per concurrency."""
    rows = [
        "| entries | in flight | client addresses | entries/s | p50 ms | p99 ms | server CPU % "
        "| server ms/entry | loadgen CPU % | failures |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rows.append(
            f"| {r['count']:,} | {r['concurrency']} | {r['addresses']} | {r['entries_per_s']:,} "
            f"| {r['latency_p50_ms']} | {r['latency_p99_ms']} | {r['server_cpu_percent']} "
            f"| {r['server_cpu_ms_per_entry']} | {r['loadgen_cpu_percent']} | {r['failures']} |"
        )
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, action="append", help="in flight (repeatable); 32")
    parser.add_argument(
        "--shared-address",
        choices=("no", "yes", "both"),
        default="both",
        help="entries each from its own address (X-Forwarded-For), all from 127.0.0.1, or both",
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    info = machine()
    shared = {"no": [False], "yes": [True], "both": [False, True]}[args.shared_address]
    results = [run(args.count, c, s) for c in args.concurrency or [32] for s in shared]
    print("\n### Entries\n")
    print(table(results))
    print(f"\nmachine: {json.dumps(info)}\ncommand: {command_line()}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "command": command_line(), "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
