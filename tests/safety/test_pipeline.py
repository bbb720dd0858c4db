"""Pipeline verdicts: audiences, masking, notices, reasons."""

from __future__ import annotations

from havre.domain.verdict import (
    Action,
    Category,
    NoticeKey,
    NoticeTarget,
    SafetyNotice,
    Setting,
    SpaceAudience,
)
from havre.safety import SafetyPipeline, SafetyPolicy, build_pipeline
from havre.safety.policy import Thresholds

from .conftest import request


def test_contact_masked_in_minors_space(pipeline: SafetyPipeline) -> None:
    """Contact details are masked in the minors' space, with a notice to both sides."""
    verdict = pipeline.screen(
        request(
            "ajoute moi, mon snap c lea_2009", audience=SpaceAudience.MINORS, sender_age=15, recipient_age=16
        )
    )
    assert verdict.action is Action.MASK
    assert "lea_2009" not in verdict.text
    assert SafetyNotice(NoticeKey.CONTACT_DETAILS_MASKED, NoticeTarget.BOTH) in verdict.notices
    assert Category.CONTACT_EXCHANGE in verdict.categories


def test_contact_allowed_between_adults(pipeline: SafetyPipeline) -> None:
    """Adults may exchange numbers; the sender gets a warning notice at most."""
    verdict = pipeline.screen(request("je te donne mon numéro : 06 39 98 40 26"))
    assert verdict.action is Action.ALLOW
    assert verdict.text == "je te donne mon numéro : 06 39 98 40 26"
    assert {n.key for n in verdict.notices} <= {NoticeKey.CONTACT_DETAILS_WARNING}


def test_price_is_not_masked(pipeline: SafetyPipeline) -> None:
    """A price in the minors' space is not a contact detail."""
    verdict = pipeline.screen(
        request(
            "la place de ciné c 12€ à 18h30", audience=SpaceAudience.MINORS, sender_age=15, recipient_age=15
        )
    )
    assert verdict.action is Action.ALLOW


def test_hate_blocked_with_french_reason(pipeline: SafetyPipeline) -> None:
    """A slur is blocked and the sender reads why, in French."""
    verdict = pipeline.screen(request("sale pd", setting=Setting.ROOM))
    assert verdict.action is Action.BLOCK
    assert verdict.reason is not None and "bloqué" in verdict.reason


def test_identity_statement_left_alone(pipeline: SafetyPipeline) -> None:
    """A positive identity statement is allowed."""
    assert pipeline.screen(request("je suis gay et fier", setting=Setting.ROOM)).action is Action.ALLOW


def test_self_harm_gets_help_not_block(pipeline: SafetyPipeline) -> None:
    """Suicidal talk is delivered with the 3114 help notice to the sender."""
    verdict = pipeline.screen(
        request("j'ai envie de mourir, je veux en finir", sender_age=16, recipient_age=16)
    )
    assert verdict.action is Action.WARN
    assert SafetyNotice(NoticeKey.SELF_HARM_HELP, NoticeTarget.SENDER) in verdict.notices


def test_drug_sale_blocked(pipeline: SafetyPipeline) -> None:
    """A coded drug price is blocked."""
    verdict = pipeline.screen(request("🍃 dispo 3g 20e, livraison", setting=Setting.ROOM))
    assert verdict.action is Action.BLOCK
    assert Category.DRUGS in verdict.categories


def test_minors_space_is_stricter() -> None:
    """The same score can warn in the minors' space and pass in the adults' one."""
    policy = SafetyPolicy()
    for category in Category:
        adult = policy.for_audience(category, SpaceAudience.ADULTS)
        minor = policy.for_audience(category, SpaceAudience.MINORS)
        assert minor.warn < adult.warn and minor.act < adult.act


def test_grooming_conversation_is_held() -> None:
    """An adult building secrecy, isolation and a meeting with a minor gets held, with the minor help."""
    pipeline = build_pipeline()
    lines = [
        "t'as quel âge ?",
        "t'es toute seule chez toi ce soir ?",
        "personne te comprend comme moi, t'es plus mature que les filles de ton âge",
        "dis rien à tes parents, c'est notre secret",
        "envoie moi une photo de toi en maillot",
        "on pourrait se voir samedi, je viens te chercher",
    ]
    verdicts = [
        pipeline.screen(
            request(t, audience=SpaceAudience.MIXED, sender_age=38, recipient_age=14, at=60.0 * i)
        )
        for i, t in enumerate(lines)
    ]
    assert verdicts[-1].action is Action.HOLD
    assert verdicts[-1].reason is not None
    assert SafetyNotice(NoticeKey.MINOR_HELP, NoticeTarget.RECIPIENTS) in verdicts[-1].notices
    assert pipeline.user_risk("u1") >= 0.7


def test_teen_small_talk_allowed(pipeline: SafetyPipeline) -> None:
    """Two teenagers asking ages and meeting at school stay allowed."""
    lines = ["t'as quel âge ?", "15 et toi", "pareil, t'es dans quel lycée", "on se voit demain en cours"]
    for i, text in enumerate(lines):
        verdict = pipeline.screen(
            request(text, audience=SpaceAudience.MINORS, sender_age=15, recipient_age=15, at=i)
        )
        assert verdict.action in (Action.ALLOW, Action.WARN, Action.MASK)
        assert Category.GROOMING not in verdict.categories


def test_policy_validation() -> None:
    """An inconsistent policy is refused, naming the field."""
    bad = dict(SafetyPolicy().thresholds)
    bad[Category.HATE] = Thresholds(warn=0.9, act=0.5, flag=0.5)
    try:
        SafetyPipeline([], SafetyPolicy(thresholds=bad))
    except ValueError as exc:
        assert "hate" in str(exc)
    else:
        raise AssertionError("expected ValueError")
