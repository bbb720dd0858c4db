"""``havre safety``: classify labelled conversations, evaluate the pipeline, rebuild the models.

- ``classify FILE [--output OUT]``: one JSON line per conversation (format of ``shared/spec/safety-data.md``);
- ``eval FILE [--folds 5] [--external DIR] [--seed 0] [--rules-only] [--transfer]``: cross-validated
  conversation figures (folds grouped by conversation, models retrained per fold) and the external test
  sets; ``--transfer`` adds the figures of models trained without the file (synthetic corpus + HateCheck);
- ``train [--data FILE] [--hatecheck CSV] [--synthetic FILE | --no-synthetic] [--out DIR] [--seed 0]``:
  rebuild ``models/linear.npz``;
- ``synth [--out FILE] [--seed 0]``: rewrite the synthetic training corpus (``havre.safety.synthetic``).

``eval`` adds the synthetic corpus to the *training* folds only (``--no-synthetic`` to leave it out); it is
never evaluated on.

Until the main ``havre`` command wires :func:`add_parser`, run ``python -m havre.cli.safety ...``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["add_parser", "main"]

_SHARED = Path("..") / "shared" / "data"
_DEV = _SHARED / "safety-dev" / "conversations.jsonl"
_EXTERNAL = _SHARED / "external"
_SYNTHETIC = Path(__file__).resolve().parents[1] / "safety" / "data" / "train_synthetic.jsonl"


def _synthetic_examples(args: argparse.Namespace) -> list[object]:
    from havre.safety.dataset import load_conversations
    from havre.safety.train import conversation_examples

    if args.no_synthetic or not Path(args.synthetic).is_file():
        return []
    return list(conversation_examples(load_conversations(Path(args.synthetic))))


def _classify(args: argparse.Namespace) -> int:
    from havre.safety.dataset import load_conversations
    from havre.safety.evaluate import classify
    from havre.safety.pipeline import build_pipeline

    pipeline = build_pipeline()
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        for conversation in load_conversations(Path(args.file)):
            record = classify(pipeline, conversation).to_json()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def _eval(args: argparse.Namespace) -> int:
    from havre.safety.dataset import load_conversations
    from havre.safety.evaluate import Classified, classify, conversation_report
    from havre.safety.external import cyberaggression, hatecheck, mlma
    from havre.safety.model import LinearModelDetector
    from havre.safety.pipeline import SafetyPipeline, build_pipeline, default_detectors
    from havre.safety.policy import SafetyPolicy
    from havre.safety.train import conversation_examples, fit, hatecheck_examples

    conversations = list(load_conversations(Path(args.file)))
    external = Path(args.external)
    hc_path = external / "fr_hate" / "mhc_hatecheck_cases_final_french.csv"
    hc_examples = hatecheck_examples(hc_path) if hc_path.is_file() else []
    synthetic = _synthetic_examples(args)
    policy = SafetyPolicy()

    def pipeline_with(train_on: Sequence[object]) -> SafetyPipeline:
        detectors = default_detectors(with_models=False)
        if not args.rules_only:
            model = fit(train_on, seed=args.seed)  # type: ignore[arg-type]
            detectors.append(LinearModelDetector(model))
        return SafetyPipeline(detectors, policy)

    print(f"== {args.file}: {args.folds}-fold cross-validation grouped by conversation ==")
    print(f"synthetic training conversations' messages added to every training fold: {len(synthetic)}")
    order = sorted(range(len(conversations)), key=lambda i: conversations[i].id)
    predictions: list[Classified | None] = [None] * len(conversations)
    for k in range(args.folds):
        held = [i for n, i in enumerate(order) if n % args.folds == k]
        held_set = set(held)
        train = [conversations[i] for i in order if i not in held_set]
        pipeline = pipeline_with(conversation_examples(train) + hc_examples + synthetic)
        for i in held:
            predictions[i] = classify(pipeline, conversations[i])
    done = [p for p in predictions if p is not None]
    for line in conversation_report(conversations, done).lines():
        print(line)
    if args.transfer:
        # Models that never saw a conversation of this file: the nearest proxy, here, for conversations
        # written by someone else (the rules were still written knowing the file).
        print(f"== {args.file}: models trained on the synthetic corpus and HateCheck only ==")
        pipeline = pipeline_with(hc_examples + synthetic)
        transfer = [classify(pipeline, conversation) for conversation in conversations]
        for line in conversation_report(conversations, transfer).lines():
            print(line)
    if args.no_external or not external.is_dir():
        return 0
    dev_examples = conversation_examples(conversations)
    if hc_path.is_file():
        print(f"== French HateCheck: {args.folds}-fold cross-validation grouped by template ==")
        result = hatecheck(
            external,
            lambda held: pipeline_with(
                dev_examples + synthetic + [e for e in hc_examples if e.group[3:] not in held]
            ),
            args.folds,
        )
        m = result.hateful
        print(f"hateful cases: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}")
        print(
            f"non-hateful identity statements and counter-speech left alone: {result.identity_left_alone:.3f}"
        )
        print(f"all non-hateful cases left alone: {result.non_hateful_left_alone:.3f}")
        for functionality, accuracy in result.per_functionality.items():
            print(f"  {functionality:<22}{accuracy:.3f}")
    shipped = build_pipeline()
    if (external / "fr_hate" / "mlma_fr_dataset.csv").is_file():
        hit, alarm, harmful, normal = mlma(external, shipped)
        print("== MLMA (French tweets; never trained on; shipped pipeline) ==")
        print(f"hateful/offensive/abusive tweets flagged: {hit:.3f} of {harmful}")
        print(f"normal tweets flagged: {alarm:.3f} of {normal}")
    if (external / "fr_chat_cyberaggression").is_dir():
        hate_m, abuse_m, count = cyberaggression(external, shipped)
        print("== CyberAgressionAdo (evaluation only; shipped pipeline, minors' space) ==")
        print(f"messages: {count}")
        print(f"hate speech: P {hate_m.precision:.3f} R {hate_m.recall:.3f} F1 {hate_m.f1:.3f}")
        print(f"any verbal abuse: P {abuse_m.precision:.3f} R {abuse_m.recall:.3f} F1 {abuse_m.f1:.3f}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from havre.safety.dataset import load_conversations
    from havre.safety.model import MODEL_FILE
    from havre.safety.train import conversation_examples, fit, hatecheck_examples

    examples = conversation_examples(load_conversations(Path(args.data)))
    if args.hatecheck and Path(args.hatecheck).is_file():
        examples += hatecheck_examples(Path(args.hatecheck))
    if not args.no_synthetic and Path(args.synthetic).is_file():
        examples += conversation_examples(load_conversations(Path(args.synthetic)))
    model = fit(examples, seed=args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / MODEL_FILE
    path.write_bytes(model.dumps())
    print(f"wrote {path} ({path.stat().st_size} bytes, {len(examples)} examples)")
    return 0


def _synth(args: argparse.Namespace) -> int:
    from havre.safety.synthetic import generate

    records = generate(seed=args.seed)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {out} ({len(records)} conversations)")
    return 0


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``safety`` with ``classify``, ``eval`` and ``train``; each sets ``func(args) -> int``."""
    parser = subparsers.add_parser("safety", help="the safety pipeline: classify, evaluate, train")
    commands = parser.add_subparsers(dest="safety_command", required=True)

    classify = commands.add_parser("classify", help="classify labelled conversations (JSON Lines)")
    classify.add_argument("file")
    classify.add_argument("--output", "-o", help="output file (default: standard output)")
    classify.set_defaults(func=_classify)

    evaluate = commands.add_parser("eval", help="cross-validated figures and the external test sets")
    evaluate.add_argument("file", nargs="?", default=str(_DEV))
    evaluate.add_argument("--folds", type=int, default=5)
    evaluate.add_argument("--seed", type=int, default=0)
    evaluate.add_argument("--external", default=str(_EXTERNAL), help="folder of the public test sets")
    evaluate.add_argument("--no-external", action="store_true", help="skip the public test sets")
    evaluate.add_argument("--rules-only", action="store_true", help="evaluate without the trained models")
    evaluate.add_argument("--synthetic", default=str(_SYNTHETIC), help="synthetic corpus for training folds")
    evaluate.add_argument(
        "--no-synthetic", action="store_true", help="train folds without the synthetic corpus"
    )
    evaluate.add_argument(
        "--transfer",
        action="store_true",
        help="also score every conversation with models trained without the file (synthetic + HateCheck)",
    )
    evaluate.set_defaults(func=_eval)

    train = commands.add_parser("train", help="rebuild the shipped models reproducibly")
    train.add_argument("--data", default=str(_DEV))
    train.add_argument(
        "--hatecheck", default=str(_EXTERNAL / "fr_hate" / "mhc_hatecheck_cases_final_french.csv")
    )
    train.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "safety" / "models"))
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--synthetic", default=str(_SYNTHETIC), help="synthetic training corpus")
    train.add_argument("--no-synthetic", action="store_true", help="train without the synthetic corpus")
    train.set_defaults(func=_train)

    synth = commands.add_parser("synth", help="rewrite the synthetic training corpus")
    synth.add_argument("--out", default=str(_SYNTHETIC))
    synth.add_argument("--seed", type=int, default=0)
    synth.set_defaults(func=_synth)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``safety ...`` as a standalone command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="havre")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_parser(subparsers)
    args = parser.parse_args(["safety", *(sys.argv[1:] if argv is None else argv)])
    func: Callable[[argparse.Namespace], int] = args.func
    return func(args)


if __name__ == "__main__":
    raise SystemExit(main())
