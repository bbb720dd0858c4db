"""Stage-1 safety speed: per-message latency of ``SafetyPipeline.screen`` and classify throughput.

Run: ``.venv/bin/python bench/bench_safety.py [--rounds 5]`` (reads ../shared/data/safety-dev for realistic
messages; the caches of the normalizer are cleared between rounds so repeated texts are not free).

Wall-clock figures suffer when other processes share the machine; the CPU-time figures
(``time.thread_time_ns``: time this thread actually ran) are printed next to them and are the stable ones.

It also screens the line of ``bench/bench_fanout.py`` (``"t=<ns>;salut tout le monde, quelqu'un a vu le
match hier soir ? <n>"``, unique numbers each time, 100 senders in one adults' room): the cost the live
server pays per message in that benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from fanout_line import fanout_request

from havre.domain.verdict import ScreeningRequest, Setting
from havre.safety import build_pipeline, native
from havre.safety.contact import find_contacts
from havre.safety.dataset import load_conversations
from havre.safety.evaluate import classify
from havre.safety.normalize import fold

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "safety-dev" / "conversations.jsonl"


def main() -> None:
    """Print median and p99 latency (µs) per message and classify throughput (messages/s)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    conversations = list(load_conversations(DEV))
    pipeline = build_pipeline()
    print(f"build: {native.mode()} (HAVRE_NATIVE=0 runs the Python sources)")
    latencies: list[float] = []
    cpu: list[float] = []
    for round_ in range(args.rounds):
        fold.cache_clear()
        find_contacts.cache_clear()
        for conversation in conversations:
            ages = {k: p.age for k, p in conversation.participants.items()}
            space = f"{round_}:{conversation.id}"
            for i, message in enumerate(conversation.messages):
                other = next((k for k in conversation.participants if k != message.sender), None)
                pm = conversation.setting_enum is Setting.PM
                request = ScreeningRequest(
                    space,
                    conversation.setting_enum,
                    conversation.audience_enum,
                    f"{space}:{message.sender}",
                    ages[message.sender],
                    message.text,
                    i * 30.0,
                    f"{space}:{other}" if pm and other else None,
                    ages[other] if pm and other else None,
                )
                start = time.perf_counter_ns()
                start_cpu = time.thread_time_ns()
                pipeline.screen(request)
                cpu.append((time.thread_time_ns() - start_cpu) / 1000.0)
                latencies.append((time.perf_counter_ns() - start) / 1000.0)
    latencies.sort()
    median = statistics.median(latencies)
    p99 = latencies[int(0.99 * (len(latencies) - 1))]
    print(f"screen: {len(latencies)} messages, median {median:.1f} µs, p99 {p99:.1f} µs (wall clock)")
    cpu.sort()
    cpu_median, cpu_p99 = statistics.median(cpu), cpu[int(0.99 * (len(cpu) - 1))]
    print(f"screen: median {cpu_median:.1f} µs, p99 {cpu_p99:.1f} µs (CPU time)")

    fold.cache_clear()
    find_contacts.cache_clear()
    count = sum(len(c.messages) for c in conversations) * args.rounds
    start = time.perf_counter()
    start_cpu = time.thread_time()
    for _ in range(args.rounds):
        fold.cache_clear()
        find_contacts.cache_clear()
        for conversation in conversations:
            classify(pipeline, conversation)
    elapsed = time.perf_counter() - start
    elapsed_cpu = time.thread_time() - start_cpu
    print(
        f"classify: {count} messages in {elapsed:.2f} s, {count / elapsed:,.0f} messages/s (one core, wall)"
    )
    print(f"classify: {count / elapsed_cpu:,.0f} messages/s (one core, CPU time)")

    room = build_pipeline()
    lines = 3000
    per_round: list[float] = []
    for round_ in range(args.rounds):
        requests = [
            fanout_request(round_ * lines + i, time.monotonic_ns(), 1000.0 + round_ * lines + i)
            for i in range(lines)
        ]
        start_cpu = time.thread_time_ns()
        for request in requests:
            room.screen(request)
        per_round.append((time.thread_time_ns() - start_cpu) / 1000.0 / lines)
    print(
        f"fan-out bench line: {statistics.median(per_round):.1f} µs per message (CPU time, median of "
        f"{args.rounds} rounds of {lines}; best {min(per_round):.1f})"
    )


if __name__ == "__main__":
    main()
