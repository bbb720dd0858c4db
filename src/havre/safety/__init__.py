"""The stage-1 safety pipeline: pure, synchronous, microseconds per message.

Modules:

- ``types``: the values detectors exchange (``NormalizedMessage``, ``ConversationContext``, ``Score``,
  ``Signal``, ``Span``) and the ``Detector`` Protocol;
- ``normalize``: folding of French chat text (accents, leetspeak, elongations, spaced letters, SMS, emoji,
  typos of group names);
- ``groups``: the names of groups people are attacked for, and their one-edit typos;
- ``contact``: contact details (phones, e-mails, handles, addresses, schools) found and masked;
- ``lexicon``: curated Aho-Corasick lexicons and the feature combinations per category;
- ``patterns``: grooming stages and spam shapes;
- ``prefilter``: exact literal pre-checks (one Aho-Corasick scan) in front of large regexes;
- ``model``: hashed character n-gram linear models, scored in numpy (trained by ``train``);
- ``state``: per-space, per-speaker and per-user running state, bounded and decaying;
- ``policy``: thresholds per category and audience, memory bounds (``SafetyPolicy``);
- ``pipeline``: ``SafetyPipeline`` (combination, decisions, notices) and ``build_pipeline``;
- ``dataset``: the labelled-conversation format of ``shared/spec/safety-data.md``;
- ``evaluate``: ``classify`` over conversations and the figures of ``havre safety eval``;
- ``external``: the public French test sets (HateCheck, MLMA, CyberAgressionAdo);
- ``train``: rebuilding the shipped models (needs scikit-learn, imported lazily);
- ``synthetic``: our synthetic training corpus of French chat conversations (``data/train_synthetic.jsonl``);
- ``native``: the compiled (mypyc) builds of the hot modules, used only while they match their sources.

Public API: ``SafetyPipeline``, ``SafetyPolicy``, ``Thresholds``, ``build_pipeline`` and the types above.
"""

from havre.safety import native

native.guard()  # before any hot module is imported: never run a compiled module older than its source

from havre.safety.pipeline import SafetyPipeline, build_pipeline  # noqa: E402
from havre.safety.policy import SafetyPolicy, Thresholds  # noqa: E402
from havre.safety.types import ConversationContext, Detector, NormalizedMessage, Score, Signal, Span  # noqa: E402

__all__ = [
    "ConversationContext",
    "Detector",
    "NormalizedMessage",
    "SafetyPipeline",
    "SafetyPolicy",
    "Score",
    "Signal",
    "Span",
    "Thresholds",
    "build_pipeline",
]
