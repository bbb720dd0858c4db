"""Instructions per screened message, counted by valgrind: a measure of the pipeline's own work that the
noise of a shared machine does not move.

Run: ``.venv/bin/python bench/safety_instructions.py [--kind dev|line|both]`` (needs ``valgrind``; Debian
package ``valgrind``; takes about a minute per kind).

For each kind it runs this script's ``--screen`` mode twice under ``valgrind --tool=cachegrind
--cache-sim=no``, with ``PYTHONHASHSEED=0`` and ``OPENBLAS_NUM_THREADS=1``: once screening the messages,
once screening none, and divides the difference by the number of messages. Both runs build the pipeline
and warm it the same way, so start-up cancels out:

- ``dev``: after 10 conversations of ``../shared/data/safety-dev/conversations.jsonl``, the first 1,506
  messages of the dev set, one pass (the model's word cache cold for every unseen word);
- ``line``: after 20 lines, 1,500 lines of the fan-out benchmark (``"t=<ns>;salut tout le monde,
  quelqu'un a vu le match hier soir ? <n>"``, 100 senders in one adults' room).

Valgrind runs the code on a simulated CPU: C libraries that pick their code by CPU features at run time
(zlib's CRC-32, numpy's loops) may run another variant than natively, so a change to how often they are
called can weigh differently here than on the real CPU; the Python-level work is counted as it runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
DEV = _ROOT / ".." / "shared" / "data" / "safety-dev" / "conversations.jsonl"
_COUNTS = {"dev": 1506, "line": 1500}


def _screen(kind: str, count: int) -> None:
    # What runs under valgrind: build, warm, then screen ``count`` messages of ``kind``.
    from fanout_line import fanout_request

    from havre.safety import build_pipeline
    from havre.safety.dataset import load_conversations
    from havre.safety.evaluate import classify, screening_requests

    pipeline = build_pipeline()
    if kind == "dev":
        conversations = list(load_conversations(DEV))
        for conversation in conversations[:10]:
            classify(pipeline, conversation)
        requests = [
            request
            for c in conversations
            for request in screening_requests(c, f"x:{c.id}", c.setting_enum, c.audience_enum)
        ][:count]
    else:
        requests = [fanout_request(i, 81234567890123 + i * 7919, 1000.0 + i) for i in range(-20, count)]
    for request in requests:
        pipeline.screen(request)


def _instructions(kind: str, count: int) -> int:
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=cachegrind",
                "--cache-sim=no",
                f"--cachegrind-out-file={Path(tmp) / 'out'}",
                sys.executable,
                __file__,
                "--screen",
                kind,
                "--count",
                str(count),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output: {result.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    """Print the instructions per message of each kind asked for."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=["dev", "line", "both"], default="both")
    parser.add_argument("--screen", choices=["dev", "line"], help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.screen:
        _screen(args.screen, args.count)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    from havre.safety import native

    print(f"build: {native.mode()} (HAVRE_NATIVE=0 runs the Python sources)")
    for kind in ("dev", "line") if args.kind == "both" else (args.kind,):
        count = _COUNTS[kind]
        per_message = (_instructions(kind, count) - _instructions(kind, 0)) / count
        print(f"{kind}: {per_message:,.0f} instructions per message ({count} messages)")


if __name__ == "__main__":
    main()
