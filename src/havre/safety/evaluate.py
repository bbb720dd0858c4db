"""Running a pipeline over labelled conversations, and the figures of ``havre safety eval``.

:func:`classify` feeds a conversation's messages one at a time, in order (no detector sees the future), and
returns the output record of ``shared/spec/safety-data.md``. :func:`conversation_report` computes
per-category precision/recall/F1, the macro F1 over the nine harm categories, grooming recall/precision,
the mean first-alert position (fraction of the conversation) and the false-alarm rate on benign ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from havre.domain.verdict import Category, ScreeningRequest, Setting, SpaceAudience
from havre.safety.dataset import Conversation
from havre.safety.pipeline import HARM_CATEGORIES, SafetyPipeline

__all__ = ["PRF", "Classified", "Report", "classify", "conversation_report", "prf"]

#: Seconds between two messages of a conversation when replaying a file (files carry no times).
MESSAGE_GAP_S = 30.0


@dataclass(frozen=True, slots=True)
class Classified:
    """One conversation's predictions: labels, scores, first alerts and per-message actions/labels."""

    id: str
    labels: tuple[Category, ...]
    scores: Mapping[Category, float]
    first_alert: Mapping[Category, int]
    messages: tuple[tuple[str, tuple[Category, ...]], ...]

    def to_json(self) -> dict[str, object]:
        """The output record of ``havre safety classify``."""
        return {
            "id": self.id,
            "labels": [c.value for c in self.labels],
            "scores": {c.value: round(v, 4) for c, v in self.scores.items()},
            "first_alert": {c.value: i for c, i in self.first_alert.items()},
            "messages": [{"action": a, "labels": [c.value for c in labs]} for a, labs in self.messages],
        }


def screening_requests(
    conversation: Conversation,
    space: str,
    setting: Setting | None = None,
    audience: SpaceAudience | None = None,
) -> Iterator[ScreeningRequest]:
    """The screening requests of ``conversation``'s messages, in order, in ``space``, one message every
    ``MESSAGE_GAP_S`` seconds; ``setting`` and ``audience`` default to the conversation's own."""
    setting = setting or conversation.setting_enum
    audience = audience or conversation.audience_enum
    ages = {key: p.age for key, p in conversation.participants.items()}
    for index, message in enumerate(conversation.messages):
        recipient = None
        recipient_age = None
        if setting is Setting.PM:
            others = [k for k in conversation.participants if k != message.sender]
            if others:
                recipient = f"{space}:{others[0]}"
                recipient_age = ages[others[0]]
        yield ScreeningRequest(
            space=space,
            setting=setting,
            audience=audience,
            sender=f"{space}:{message.sender}",
            sender_age=ages[message.sender],
            text=message.text,
            at=index * MESSAGE_GAP_S,
            recipient=recipient,
            recipient_age=recipient_age,
        )


def classify(pipeline: SafetyPipeline, conversation: Conversation) -> Classified:
    """Replay ``conversation`` through ``pipeline`` message by message; forgets its space afterwards."""
    space = f"eval:{conversation.id}"
    setting = conversation.setting_enum
    audience = conversation.audience_enum
    flagged: dict[Category, int] = {}
    best: dict[Category, float] = {}
    messages: list[tuple[str, tuple[Category, ...]]] = []
    for index, request in enumerate(screening_requests(conversation, space, setting, audience)):
        verdict = pipeline.screen(request)
        messages.append((verdict.action.value, verdict.categories))
        for category, value in pipeline.space_scores(space).items():
            if value > best.get(category, 0.0):
                best[category] = value
                if category not in flagged and value >= pipeline.policy.for_audience(category, audience).flag:
                    flagged[category] = index
    pipeline.forget_space(space)
    labels = tuple(c for c in Category if c in flagged)
    scores = {c: best[c] for c in Category if best.get(c, 0.0) >= 0.01}
    return Classified(conversation.id, labels, scores, {c: flagged[c] for c in labels}, tuple(messages))


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with their counts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def prf(pairs: Iterable[tuple[bool, bool]]) -> PRF:
    """Counts over ``(expected, predicted)`` pairs."""
    tp = fp = fn = 0
    for expected, predicted in pairs:
        tp += expected and predicted
        fp += predicted and not expected
        fn += expected and not predicted
    return PRF(tp, fp, fn)


@dataclass(frozen=True, slots=True)
class Report:
    """Conversation-level figures."""

    per_category: Mapping[Category, PRF]
    macro_f1: float
    first_alert_fraction: float
    grooming_first_alert_fraction: float
    false_alarm_rate: float
    benign: int
    conversations: int
    message_actions: Mapping[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The report as printable lines."""
        out = [f"conversations: {self.conversations} (benign: {self.benign})"]
        out.append(f"{'category':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
        for category, m in self.per_category.items():
            out.append(
                f"{category.value:<18}{m.precision:>7.3f}{m.recall:>7.3f}{m.f1:>7.3f}{m.tp:>5}{m.fp:>5}{m.fn:>5}"
            )
        g = self.per_category[Category.GROOMING]
        out.append(f"macro F1 (nine harm categories, contact_exchange excluded): {self.macro_f1:.3f}")
        out.append(f"grooming recall {g.recall:.3f} precision {g.precision:.3f}")
        out.append(f"grooming mean first alert: {self.grooming_first_alert_fraction:.3f} of the conversation")
        out.append(
            f"mean first alert (all true positives): {self.first_alert_fraction:.3f} of the conversation"
        )
        out.append(f"false alarms on benign conversations: {self.false_alarm_rate:.3f}")
        out.append(
            "message actions: " + ", ".join(f"{k}={v}" for k, v in sorted(self.message_actions.items()))
        )
        return out


def conversation_report(conversations: Sequence[Conversation], predictions: Sequence[Classified]) -> Report:
    """Figures for ``predictions`` against the conversations' labels (same order)."""
    per: dict[Category, PRF] = {}
    for category in Category:
        per[category] = prf(
            (category in c.categories, category in p.labels)
            for c, p in zip(conversations, predictions, strict=True)
        )
    macro = sum(per[c].f1 for c in HARM_CATEGORIES) / len(HARM_CATEGORIES)
    fractions: list[float] = []
    grooming: list[float] = []
    benign = alarms = 0
    actions: dict[str, int] = {}
    for c, p in zip(conversations, predictions, strict=True):
        for action, _labels in p.messages:
            actions[action] = actions.get(action, 0) + 1
        for category, index in p.first_alert.items():
            if category in c.categories:
                fraction = (index + 1) / len(c.messages)
                fractions.append(fraction)
                if category is Category.GROOMING:
                    grooming.append(fraction)
        if not c.labels:
            benign += 1
            if any(label in HARM_CATEGORIES for label in p.labels):
                alarms += 1
    return Report(
        per_category=per,
        macro_f1=macro,
        first_alert_fraction=sum(fractions) / len(fractions) if fractions else 0.0,
        grooming_first_alert_fraction=sum(grooming) / len(grooming) if grooming else 0.0,
        false_alarm_rate=alarms / benign if benign else 0.0,
        benign=benign,
        conversations=len(conversations),
        message_actions=actions,
    )
