"""The stage-1 pipeline: normalize, run every detector, update the running state, decide one verdict.

:class:`SafetyPipeline` owns combination, thresholds, per-audience policy and state; detectors stay pure.
:func:`build_pipeline` wires the shipped detectors and models (package files, no download).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from havre.domain.verdict import (
    Action,
    Category,
    SafetyNotice,
    ScreeningRequest,
    SpaceAudience,
    Verdict,
)
from havre.safety.contact import mask
from havre.safety.normalize import normalize
from havre.safety.patterns import said_age
from havre.safety.policy import SafetyPolicy
from havre.safety.state import SpaceState, SpeakerState, StateStore, UserRisk
from havre.safety.types import (
    Actions,
    Audiences,
    Categories,
    ConversationContext,
    Detector,
    Notices,
    Score,
    Settings,
    Signal,
    Targets,
)

__all__ = ["HARM_CATEGORIES", "REASONS", "SafetyPipeline", "build_pipeline", "default_detectors"]

#: The nine harm categories (everything but ``contact_exchange``, which is a behaviour, not a harm).
HARM_CATEGORIES: tuple[Category, ...] = tuple(c for c in Category if c is not Category.CONTACT_EXCHANGE)

#: Short French explanations shown to the sender when a message is blocked or held.
REASONS: Mapping[Category, str] = MappingProxyType(
    {
        Category.GROOMING: (
            "Ton message est en attente : un modérateur doit le vérifier avant qu'il soit envoyé."
        ),
        Category.SEXUAL_MINORS: (
            "Ton message a été bloqué : les contenus sexuels impliquant des mineurs sont interdits."
        ),
        Category.PROSTITUTION: (
            "Ton message a été bloqué : proposer ou acheter des services sexuels est interdit ici."
        ),
        Category.DRUGS: "Ton message a été bloqué : la vente et l'achat de drogues sont interdits ici.",
        Category.AMBUSH: (
            "Ton message est en attente : un modérateur doit le vérifier avant qu'il soit envoyé."
        ),
        Category.HATE: (
            "Ton message a été bloqué : les propos haineux envers un groupe de personnes sont interdits."
        ),
        Category.HARASSMENT: "Ton message a été bloqué : menaces, insultes et chantage sont interdits ici.",
        Category.SELF_HARM: "Ton message est en attente : un modérateur va le lire.",
        Category.CONTACT_EXCHANGE: (
            "Ton message a été bloqué : les coordonnées ne peuvent pas être partagées ici."
        ),
        Category.SPAM: "Ton message a été bloqué : il ressemble à de la publicité ou à du spam.",
    }
)

_STRONG_ACTION: Mapping[Category, Action] = MappingProxyType(
    {
        Category.GROOMING: Action.HOLD,
        Category.SEXUAL_MINORS: Action.BLOCK,
        Category.PROSTITUTION: Action.BLOCK,
        Category.DRUGS: Action.BLOCK,
        Category.AMBUSH: Action.HOLD,
        Category.HATE: Action.BLOCK,
        Category.HARASSMENT: Action.BLOCK,
        Category.SELF_HARM: Action.WARN,  # never silence someone in distress: show help instead
        Category.CONTACT_EXCHANGE: Action.MASK,
        Category.SPAM: Action.BLOCK,
    }
)

# How much each accumulated stage weighs in a speaker's grooming risk.
_STAGE_WEIGHTS: Mapping[Signal, float] = MappingProxyType(
    {
        Signal.AGE_CHECK: 0.15,
        Signal.ALONE_CHECK: 0.3,
        Signal.SECRECY: 0.45,
        Signal.ISOLATION: 0.3,
        Signal.GIFT: 0.3,
        Signal.MOVE_APP: 0.25,
        Signal.PHOTO_REQUEST: 0.4,
        Signal.MEETING: 0.3,
        Signal.RAPPORT: 0.15,
        Signal.SEXUAL: 0.35,
        Signal.ADULT_STYLE: 0.1,
    }
)


_CATEGORIES: tuple[Category, ...] = tuple(Category)
_EMPTY: Mapping[Category, float] = MappingProxyType({})
# Words that address the listener (folded): "t es", "toi", "ta", "vous", "retourne", "va"...
_ADDRESSED = frozenset(
    ["t", "tu", "toi", "ta", "ton", "tes", "te", "vous", "votre", "vos", "va", "retourne", "rentre", "ferme"]
)
_ADULT_STYLE_ONLY = frozenset({Signal.ADULT_STYLE})
# Stages that a sale shares with grooming: a dealer's, spammer's or escort's "add me on telegram" and "free
# gift" sell something; they are not a bond being built with a child. The sale has its own category. Only
# when the message reads more as a sale than as grooming, and not as sexual talk to a minor: "tu veux une
# carte cadeau ?" to a child may look like spam, and money offered to a minor is not a sale.
_SALE_STAGES = frozenset({Signal.MOVE_APP, Signal.GIFT})
_SALE_CATEGORIES: tuple[Category, ...] = (Category.DRUGS, Category.SPAM, Category.PROSTITUTION)
_NO_SIGNALS: frozenset[Signal] = frozenset()
_SEXUAL_WHILE_GROOMING = 0.85
_MODEL_WEIGHTS: dict[int, tuple[SafetyPolicy, dict[Category, float]]] = {}


def _model_weights(policy: SafetyPolicy) -> dict[Category, float]:
    # ``policy.model_weight_for`` of every category, computed once per policy object.
    entry = _MODEL_WEIGHTS.get(id(policy))
    if entry is None or entry[0] is not policy:
        if len(_MODEL_WEIGHTS) > 64:
            _MODEL_WEIGHTS.clear()
        entry = (policy, {c: policy.model_weight_for(c) for c in _CATEGORIES})
        _MODEL_WEIGHTS[id(policy)] = entry
    return entry[1]


_LOWEST_WARN: dict[tuple[int, SpaceAudience], tuple[SafetyPolicy, float]] = {}


def _lowest_warn(policy: SafetyPolicy, audience: SpaceAudience) -> float:
    # The lowest warn threshold of any category in this audience, computed once per policy object.
    key = (id(policy), audience)
    entry = _LOWEST_WARN.get(key)
    if entry is None or entry[0] is not policy:
        if len(_LOWEST_WARN) > 256:
            _LOWEST_WARN.clear()
        entry = (policy, min(policy.for_audience(c, audience).warn for c in _CATEGORIES))
        _LOWEST_WARN[key] = entry
    return entry[1]


def _grooming_prior(ctx: ConversationContext) -> float:
    # Grooming needs a minor: full weight for an adult writing to a declared minor or where minors read
    # (the minors' space and mixed rooms, the strictest), less between declared minors (ages may be lies),
    # little between declared adults.
    if ctx.adult_to_minor:
        return 1.0
    if ctx.minor_involved:
        return 0.4
    return 0.1


# Declared ages may be lies: an adult posing as a teenager writes as a minor to a minor. What gives the
# approach away whoever claims what age is the ladder itself: secrecy asked together with a gift, a photo
# request or isolation talk, among at least four distinct stages. Between declared minors such a speaker is
# weighed as an adult writing to a minor.
_EXPLOITING = (Signal.GIFT, Signal.PHOTO_REQUEST, Signal.ISOLATION)
# The grooming stages proper (not sexual vocabulary or writing style).
_LADDER = frozenset(
    {
        Signal.RAPPORT,
        Signal.AGE_CHECK,
        Signal.ALONE_CHECK,
        Signal.ISOLATION,
        Signal.SECRECY,
        Signal.GIFT,
        Signal.MOVE_APP,
        Signal.PHOTO_REQUEST,
        Signal.MEETING,
    }
)
_LADDER_STAGES = 4
_LADDER_LEVEL = 0.3


def _climbs_ladder(stages: Mapping[Signal, float]) -> bool:
    if stages.get(Signal.SECRECY, 0.0) <= _LADDER_LEVEL:
        return False
    if not any(stages.get(signal, 0.0) > _LADDER_LEVEL for signal in _EXPLOITING):
        return False
    shown = sum(1 for signal, level in stages.items() if level > _LADDER_LEVEL and signal in _LADDER)
    return shown >= _LADDER_STAGES


def _grooming_risk(speaker: SpeakerState, prior: float) -> float:
    # ``prior`` is :func:`_grooming_prior` of the message's context.
    rest = 1.0
    distinct = 0
    for signal, level in speaker.stages.items():
        weight = _STAGE_WEIGHTS.get(signal, 0.0)
        if level > 0.3 and weight >= 0.15:
            distinct += 1
        rest *= 1.0 - weight * level
    risk = 1.0 - rest
    if distinct < 2:
        risk = min(risk, 0.4)  # one stage alone ("t'as quel âge ?") is ordinary chat
    return risk * prior


class SafetyPipeline:
    """Screens messages one at a time; synchronous, no I/O, not thread-safe (one event loop owns it).

    State (per space, per speaker, per user) is bounded by the policy's LRU sizes and decays with the
    requests' ``at`` (seconds); requests should come in time order per space.
    """

    def __init__(self, detectors: Sequence[Detector], policy: SafetyPolicy | None = None) -> None:
        """Use ``detectors`` in order under ``policy`` (default :class:`SafetyPolicy`); raises ``ValueError``
        for an invalid policy."""
        self.policy = policy or SafetyPolicy()
        self.policy.validate()
        self.detectors: tuple[Detector, ...] = tuple(detectors)
        self._spaces = StateStore(self.policy.max_spaces)
        self._users = UserRisk(
            self.policy.max_users, self.policy.max_spaces_per_user, self.policy.user_half_life_s
        )

    # -- public API -------------------------------------------------------------------------------------

    def screen(self, request: ScreeningRequest) -> Verdict:
        """Screen one message, update the running state, return the :class:`Verdict`."""
        verdict, _ = self.screen_detailed(request)
        return verdict

    def forget_space(self, space: str) -> None:
        """Forget the running state of ``space`` (a closed conversation or an emptied room)."""
        self._spaces.forget(space)
        self._users.forget_space(space)

    def user_risk(self, user: str) -> float:
        """The user's grooming risk across their recent conversations, in [0, 1]."""
        return self._users.risk(user)

    def space_scores(self, space: str) -> Mapping[Category, float]:
        """The running per-category conversation scores of ``space`` (empty when unknown), as a read-only
        view that follows the conversation (copy it to keep a snapshot)."""
        state = self._spaces.peek(space)
        return MappingProxyType(state.scores) if state is not None else _EMPTY

    def warm_up(self) -> None:
        """Build lazy tables (automata, compiled patterns) now rather than on the first real message."""
        from havre.safety.types import ConversationContext as _Ctx

        ctx = _Ctx(Settings.PM, Audiences.MINORS, 30, 15)
        for text in ("salut snap 06 12 34 56 78 rue collège lea@x.fr", "ok"):
            message = normalize(text)
            for detector in self.detectors:
                detector.score(message, ctx)

    @property
    def spaces_held(self) -> int:
        """How many spaces the state currently holds (bounded by ``policy.max_spaces``)."""
        return len(self._spaces)

    # -- the work ---------------------------------------------------------------------------------------

    def screen_detailed(self, request: ScreeningRequest) -> tuple[Verdict, Mapping[Category, float]]:
        """Like :meth:`screen`, also returning the message-level category scores (for evaluation)."""
        policy = self.policy
        message = normalize(request.text)
        folded = message.text
        at = request.at
        space = self._spaces.get(request.space)
        space.advance(at, policy.half_life_s)
        speaker = space.speaker(request.sender, at, policy.half_life_s, policy.max_speakers_per_space)
        sender_age, recipient_age = request.sender_age, request.recipient_age
        if speaker.said_age is not None:
            sender_age = min(sender_age, speaker.said_age)
        if recipient_age is not None and request.recipient is not None:
            # A recipient who said they are younger than declared is taken at their word.
            other = space.speakers.get(request.recipient)
            if other is not None and other.said_age is not None:
                recipient_age = min(recipient_age, other.said_age)
        ctx = ConversationContext(
            request.setting,
            request.audience,
            sender_age,
            recipient_age,
            speaker.recent_texts.count(folded) if folded else 0,  # repeats
            space.position,
            speaker.stages_view,  # read-only view; updated only after scoring
            space.recent_signals,
        )
        results = [detector.score(message, ctx) for detector in self.detectors]
        scores = self._combine(results, message.tokens)
        signals = _NO_SIGNALS
        for result in results:
            if result.signals:
                # Built as before: the set's iteration order fixes the speaker's stage order, hence the
                # floating-point order of the grooming risk's product.
                signals = frozenset().union(*(r.signals for r in results))
                break
        if (
            Signal.SEXUAL in signals
            and ctx.minor_involved
            and speaker.grooming >= policy.for_audience(Categories.GROOMING, request.audience).flag
            and scores.get(Categories.SEXUAL_MINORS, 0.0) < _SEXUAL_WHILE_GROOMING
        ):
            # Sexual talk from a speaker already grooming a minor is sexual content with that minor,
            # whatever words it uses.
            scores[Categories.SEXUAL_MINORS] = _SEXUAL_WHILE_GROOMING
        said = said_age(message, ctx)
        if said is not None and said < request.sender_age:
            speaker.said_age = said
        self._update(space, speaker, request, ctx, scores, signals, folded)
        verdict = self._decide(request, ctx, scores, results, space, speaker, signals)
        return verdict, scores

    def _combine(self, results: list[Score], tokens: tuple[str, ...] = ()) -> dict[Category, float]:
        scores: dict[Category, float] = {}
        adjusted = False  # whether any detector doubts or caps (most messages: none)
        for result in results:
            if result.doubts or result.caps:
                adjusted = True
            categories = result.categories
            if not categories:
                continue
            weights = _model_weights(self.policy) if result.detector == "model" else None
            for category, value in categories.items():
                if weights is not None:
                    value *= weights[category]
                value = min(1.0, max(0.0, value))
                if value > scores.get(category, 0.0):
                    scores[category] = value
        if not scores:
            return scores  # doubts and caps only ever lower a positive score
        hate = scores.get(Categories.HATE, 0.0)
        if hate >= 0.5 and not _ADDRESSED.isdisjoint(tokens):
            # Hate thrown at the person one talks to attacks that person too.
            scores[Categories.HARASSMENT] = max(scores.get(Categories.HARASSMENT, 0.0), 0.9 * hate)
        if not adjusted:
            return scores
        for result in results:
            for category, doubt in result.doubts.items():
                value = scores.get(category, 0.0)
                if value > 0.0:
                    scores[category] = max(0.0, (value - doubt) / (1.0 - doubt))
            for category, cap in result.caps.items():
                if scores.get(category, 0.0) > cap:
                    scores[category] = cap
        return scores

    def _update(
        self,
        space: SpaceState,
        speaker: SpeakerState,
        request: ScreeningRequest,
        ctx: ConversationContext,
        scores: Mapping[Category, float],
        signals: frozenset[Signal],
        folded: str,
    ) -> None:
        space.position += 1
        space.push_signals(signals)
        if folded:
            speaker.recent_texts.append(folded)
        staged = signals
        if scores and not _SALE_STAGES.isdisjoint(signals) and self._is_sale(scores, request.audience):
            staged = signals - _SALE_STAGES
        for signal in staged:
            speaker.stages[signal] = 1.0
        adult_to_minor = ctx.adult_to_minor
        # What _grooming_prior(ctx) gives, without asking adult_to_minor twice.
        prior = 1.0 if adult_to_minor else (0.4 if ctx.minor_involved else 0.1)
        if prior == 0.4 and _climbs_ladder(speaker.stages):
            prior = 1.0
        stage_risk = _grooming_risk(speaker, prior) if speaker.stages else 0.0
        message_grooming = (scores.get(Categories.GROOMING, 0.0) if scores else 0.0) * prior
        accumulated = speaker.grooming + 0.35 * message_grooming * (1.0 - speaker.grooming)
        speaker.grooming = max(stage_risk, accumulated)
        if adult_to_minor:
            prior = self._users.risk(request.sender, request.at)
            if prior >= 0.5:
                speaker.grooming = 1.0 - (1.0 - speaker.grooming) * (1.0 - 0.3 * prior)
        if speaker.grooming > 0.05:
            self._users.record(request.sender, request.space, speaker.grooming, request.at)
        policy = self.policy
        for category, value in scores.items():
            if category is Categories.GROOMING or value < 0.1:  # below 0.1 a score never counts
                continue
            top, second = space.peaks.get(category, (0.0, 0.0))
            if value > top:
                top, second = value, top
            elif value > second:
                second = value
            space.peaks[category] = (top, second)
            conversation = top - policy.single_penalty
            if second >= policy.repeat_floor:
                both = 1.0 - (1.0 - top) * (1.0 - second)
                conversation = max(conversation, both - policy.repeat_penalty)
            conversation = max(conversation, 0.0)
            space.scores[category] = max(space.scores.get(category, 0.0), conversation)
        # max(old, grooming) without rewriting an unchanged value (most messages).
        grooming, old = speaker.grooming, space.scores.get(Categories.GROOMING)
        if old is None:
            space.scores[Categories.GROOMING] = max(0.0, grooming)
        elif grooming > old:
            space.scores[Categories.GROOMING] = grooming

    def _is_sale(self, scores: Mapping[Category, float], audience: SpaceAudience) -> bool:
        # Whether the message reaches the warn threshold of a selling category (drugs, spam, prostitution)
        # with a higher score than grooming, and sexual content with minors stays below its warn threshold.
        policy = self.policy
        if (
            scores.get(Categories.SEXUAL_MINORS, 0.0)
            >= policy.for_audience(Categories.SEXUAL_MINORS, audience).warn
        ):
            return False
        grooming = scores.get(Categories.GROOMING, 0.0)
        for category in _SALE_CATEGORIES:
            value = scores.get(category, 0.0)
            if value > grooming and value >= policy.for_audience(category, audience).warn:
                return True
        return False

    def _decide(
        self,
        request: ScreeningRequest,
        ctx: ConversationContext,
        scores: Mapping[Category, float],
        results: list[Score],
        space: SpaceState,
        speaker: SpeakerState,
        signals: frozenset[Signal],
    ) -> Verdict:
        policy = self.policy
        audience = request.audience
        # Fast path (most messages): nothing reaches the lowest warn threshold and no grooming cue.
        if not signals or signals == _ADULT_STYLE_ONLY:
            if not scores:
                return Verdict(Actions.ALLOW, request.text)
            floor = _lowest_warn(policy, audience)
            for value in scores.values():
                if value >= floor:
                    break
            else:
                return Verdict(Actions.ALLOW, request.text)
        action = Actions.ALLOW
        notices: list[SafetyNotice] = []
        shown: list[Category] = []
        reason_category: Category | None = None

        def escalate(new: Action, category: Category) -> None:
            nonlocal action, reason_category
            if new.severity > action.severity:
                action = new
                reason_category = category

        for category, value in scores.items():
            t = policy.for_audience(category, audience)
            if category is Categories.GROOMING or category is Categories.CONTACT_EXCHANGE:
                continue
            if value < t.warn:
                continue
            shown.append(category)
            if category is Categories.SELF_HARM:
                escalate(Actions.WARN, category)
                notices.append(SafetyNotice(Notices.SELF_HARM_HELP, Targets.SENDER))
                continue
            if value >= t.act:
                escalate(_STRONG_ACTION[category], category)
            else:
                escalate(Actions.WARN, category)
                notices.append(SafetyNotice(Notices.MESSAGE_WARNING, Targets.RECIPIENTS))
            if category is Categories.AMBUSH:
                notices.append(SafetyNotice(Notices.MEETING_SAFETY, Targets.RECIPIENTS))
            if category in (Categories.SEXUAL_MINORS, Categories.HARASSMENT) and ctx.minor_involved:
                notices.append(SafetyNotice(Notices.MINOR_HELP, Targets.RECIPIENTS))

        # Grooming: judged on the speaker's accumulated risk, acted on for messages that show a stage.
        grooming_t = policy.for_audience(Categories.GROOMING, audience)
        cue = bool(signals - {Signal.ADULT_STYLE}) or scores.get(Categories.GROOMING, 0.0) >= grooming_t.warn
        if speaker.grooming >= grooming_t.warn and cue and ctx.minor_involved:
            shown.append(Categories.GROOMING)
            if speaker.grooming >= grooming_t.act:
                escalate(Actions.HOLD, Categories.GROOMING)
            else:
                escalate(Actions.WARN, Categories.GROOMING)
            notices.append(SafetyNotice(Notices.MINOR_HELP, Targets.RECIPIENTS))
            if Signal.MEETING in signals:
                notices.append(SafetyNotice(Notices.MEETING_SAFETY, Targets.RECIPIENTS))

        # Contact details: masked in the minors' space, a warning to the sender elsewhere.
        spans = [
            (s.start, s.end) for r in results for s in r.spans if s.category is Categories.CONTACT_EXCHANGE
        ]
        contact = scores.get(Categories.CONTACT_EXCHANGE, 0.0)
        text = request.text
        if contact >= policy.for_audience(Categories.CONTACT_EXCHANGE, audience).warn:
            shown.append(Categories.CONTACT_EXCHANGE)
            if audience in policy.mask_contacts_in:
                if spans:
                    escalate(Actions.MASK, Categories.CONTACT_EXCHANGE)
                    notices.append(SafetyNotice(Notices.CONTACT_DETAILS_MASKED, Targets.BOTH))
                else:
                    escalate(Actions.WARN, Categories.CONTACT_EXCHANGE)
                    notices.append(SafetyNotice(Notices.CONTACT_DETAILS_WARNING, Targets.BOTH))
            elif spans:
                notices.append(SafetyNotice(Notices.CONTACT_DETAILS_WARNING, Targets.SENDER))
        if action is Actions.MASK:
            text = mask(request.text, spans)

        if ctx.minor_involved and request.setting is Settings.PM and action.severity >= Actions.HOLD.severity:
            notices.append(SafetyNotice(Notices.MINOR_HELP, Targets.RECIPIENTS))
        reason = None
        if action in (Actions.BLOCK, Actions.HOLD) and reason_category is not None:
            reason = REASONS[reason_category]
        ordered = tuple(dict.fromkeys(notices))
        categories = tuple(c for c in _CATEGORIES if c in shown) if shown else ()
        return Verdict(
            action=action,
            text=text,
            categories=categories,
            scores=MappingProxyType({c: round(scores.get(c, 0.0), 4) for c in categories}),
            notices=ordered,
            reason=reason,
        )


def default_detectors(with_models: bool = True) -> list[Detector]:
    """The registry of stage-1 detectors, in order; the trained models only when shipped and asked for."""
    from havre.safety.contact import ContactDetector
    from havre.safety.lexicon import LexiconDetector
    from havre.safety.patterns import GroomingCueDetector, SpamDetector

    detectors: list[Detector] = [ContactDetector(), LexiconDetector(), GroomingCueDetector(), SpamDetector()]
    if with_models:
        from havre.safety.model import LinearModelDetector, load_shipped

        model = load_shipped()
        if model is not None:
            detectors.append(LinearModelDetector(model))
    return detectors


def build_pipeline(policy: SafetyPolicy | None = None) -> SafetyPipeline:
    """A :class:`SafetyPipeline` with the shipped detectors and models (read from package files, never
    downloaded); raises ``ValueError`` for an invalid policy."""
    policy = policy or SafetyPolicy()
    pipeline = SafetyPipeline(default_detectors(with_models=policy.model_weight > 0), policy)
    pipeline.warm_up()
    return pipeline
