"""Idle sockets: the server's resident memory per authenticated, idle WebSocket.

    .venv/bin/python bench/bench_idle.py                  # 10,000 sockets, one user each
    .venv/bin/python bench/bench_idle.py --join accueil   # the same, each socket also in one room

The load generator (its own process) first enters every user, lets the server settle and reads its
``VmRSS``; then it opens the sockets (each waits for ``hello``), settles again and reads ``VmRSS``. The
difference divided by the number of sockets is the cost of one idle socket (the user's own state,
created at entry, is counted apart).
"""

from __future__ import annotations

import argparse
import json
import sys

from harness import command_line, machine, pin_plan, run_loadgen, run_server


def run(sockets: int, users: int, join: str, concurrency: int) -> dict[str, object]:
    """Start a server and have a separate load generator open ``sockets`` idle sockets."""
    server_cpus, loadgen_cpus = pin_plan()
    with run_server(cpus=server_cpus) as server:
        args = ["idle", "--port", str(server.port), "--server-pid", str(server.pid)]
        args += ["--sockets", str(sockets), "--users", str(users), "--concurrency", str(concurrency)]
        if join:
            args += ["--join", join]
        return run_loadgen(args, cpus=loadgen_cpus)


def table(result: dict[str, object]) -> str:
    """A Markdown table of one run."""
    before = int(result["server_rss_before_kb"]) / 1024  # type: ignore[call-overload]
    after = int(result["server_rss_after_kb"]) / 1024  # type: ignore[call-overload]
    return "\n".join(
        [
            "| sockets | users | in a room | RSS after entries | RSS with sockets | KiB per socket "
            "| KiB per user+socket | open time |",
            "|---:|---:|---|---:|---:|---:|---:|---:|",
            f"| {result['sockets']:,} | {result['users']:,} | {result['joined_room'] or 'no'} "
            f"| {before:.1f} MiB | {after:.1f} MiB | {result['kb_per_socket']} "
            f"| {result['kb_per_user_and_socket']} | {result['open_seconds']} s |",
        ]
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sockets", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=0, help="0: one user per socket")
    parser.add_argument("--join", default="", help="each socket also joins this room")
    parser.add_argument("--concurrency", type=int, default=64, help="handshakes in flight")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    info = machine()
    result = run(args.sockets, args.users, args.join, args.concurrency)
    print(f"\n### {args.sockets:,} idle sockets\n")
    print(table(result))
    print(f"\nmachine: {json.dumps(info)}\ncommand: {command_line()}")
    if result.get("close_codes"):
        print(f"sockets closed by the server: {result['close_codes']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "command": command_line(), "results": [result]}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
