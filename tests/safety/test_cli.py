"""The ``safety`` commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from havre.cli.safety import add_parser, main

from .conftest import shared_path


def test_add_parser_sets_func() -> None:
    """Each sub-command sets a callable ``func``."""
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    for argv in (["safety", "classify", "x.jsonl"], ["safety", "eval"], ["safety", "train"]):
        assert callable(parser.parse_args(argv).func)


def test_classify_output_format(tmp_path: Path) -> None:
    """classify writes one record per conversation with the documented fields."""
    source = shared_path("data", "safety-dev", "conversations.jsonl")
    lines = source.read_text(encoding="utf-8").splitlines()[:5]
    sample = tmp_path / "in.jsonl"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["classify", str(sample), "--output", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    for record, line in zip(records, lines, strict=True):
        conversation = json.loads(line)
        assert record["id"] == conversation["id"]
        assert set(record) == {"id", "labels", "scores", "first_alert", "messages"}
        assert len(record["messages"]) == len(conversation["messages"])
        assert set(record["first_alert"]) == set(record["labels"])
        for message in record["messages"]:
            assert message["action"] in {"allow", "warn", "mask", "hold", "block"}
