"""Words that are code only in context: emoji snow, roses, durations, threats in the vous form, doxxing."""

from __future__ import annotations

from havre.domain.verdict import Category, ScreeningRequest, Setting, SpaceAudience
from havre.safety import SafetyPipeline
from havre.safety.lexicon import LexiconDetector
from havre.safety.normalize import fold, normalize
from havre.safety.types import ConversationContext

from .conftest import request

CTX = ConversationContext(Setting.PM, SpaceAudience.ADULTS, 30, 30)


def _lexicon(text: str) -> dict[Category, float]:
    return dict(LexiconDetector().score(normalize(text), CTX).categories)


def test_quantities_are_not_leetspeak() -> None:
    """ "30min", "300mg" and "4eme" stay numbers; "sn4p" is still decoded."""
    assert fold("30min/1h") == "30min 1h"
    assert fold("300mg") == "300mg"
    assert fold("en 4eme") == "en 4eme"
    assert fold("sn4p") == "snap"


def test_snow_is_not_cocaine(pipeline: SafetyPipeline) -> None:
    """❄️ next to snow or skiing is weather; next to a price it is still a sale."""
    weather = pipeline.screen(_request("il a neigé cette nuit ❄️❄️ on part au ski demain", "w"))
    assert Category.DRUGS not in weather.categories
    sale = pipeline.screen(_request("❄️ 70 le g, livraison rapide", "s"))
    assert Category.DRUGS in sale.categories


def test_roses_are_money_except_at_the_florist() -> None:
    """ "100 roses" with a massage is an escort price; a bouquet of roses is flowers."""
    assert _lexicon("massage complet avec finition, 100 roses").get(Category.PROSTITUTION, 0.0) >= 0.7
    assert Category.PROSTITUTION not in _lexicon("c'est combien un bouquet de 20 roses chez le fleuriste ?")
    assert _lexicon("dispo ce soir 🌹🌹 30min/1h, tarifs en pv").get(Category.PROSTITUTION, 0.0) >= 0.7


def test_threats_in_the_vous_form() -> None:
    """Adults often say vous: "je sais où vous habitez" is a threat."""
    assert (
        _lexicon("Ne faites pas l'innocente. Je sais où vous habitez.").get(Category.HARASSMENT, 0.0) >= 0.8
    )


def test_doxxing_needs_a_call_to_pile_on() -> None:
    """Giving someone's school is not harassment alone; with "allez lui dire" it is."""
    assert Category.HARASSMENT not in _lexicon("ma cousine elle habite à Lyon, elle s'appelle Léa")
    assert (
        _lexicon("son insta c'est @lea.x, allez lui dire ce que vous pensez").get(Category.HARASSMENT, 0.0)
        >= 0.8
    )


def _request(text: str, space: str) -> ScreeningRequest:
    return request(text, setting=Setting.ROOM, audience=SpaceAudience.ADULTS, space=space)


def test_an_insult_that_opens_or_closes_a_message_is_aimed() -> None:
    """ "ok connasse" addresses someone as "t'es une connasse" does; the same word in the middle of a
    sentence about nobody stays a weaker signal, and banter still softens it."""
    aimed = _lexicon("ok bon courage connasse").get(Category.HARASSMENT, 0.0)
    inside = _lexicon("le mot connasse est dans le dictionnaire").get(Category.HARASSMENT, 0.0)
    banter = _lexicon("connasse va mdr").get(Category.HARASSMENT, 0.0)
    assert aimed >= 0.55
    assert inside < aimed
    assert banter < aimed


def test_chat_spellings_of_insults_and_threats() -> None:
    """Everyday chat forms: "bouffone" with one n, "jvais tencule", "on se voit à la sortie"."""
    assert _lexicon("t'es qu'une bouffone").get(Category.HARASSMENT, 0.0) >= 0.55
    assert _lexicon("jvais tencule").get(Category.HARASSMENT, 0.0) >= 0.55
    assert _lexicon("on t attend à la sortie").get(Category.HARASSMENT, 0.0) >= 0.8
    assert Category.HARASSMENT not in _lexicon("on se voit à la sortie du cinéma ?")


def test_an_offer_to_one_person_is_not_an_ad() -> None:
    """Spam needs what an ad asks of everyone (click, join, claim, a web address); a gift card offered to
    "tu" stays below the warn threshold (as grooming, its gift stage is judged there)."""
    assert _lexicon("tu veux une carte cadeau de 50€ ?").get(Category.SPAM, 0.0) < 0.5
    assert _lexicon("je t'offre une carte cadeau gratuite").get(Category.SPAM, 0.0) < 0.5
    assert _lexicon("🎁 carte cadeau GRATUITE 🎁 réclamez-la avant minuit").get(Category.SPAM, 0.0) >= 0.5
    assert _lexicon("robux gratuits offerts 👉 robux-gen.xyz").get(Category.SPAM, 0.0) >= 0.5
