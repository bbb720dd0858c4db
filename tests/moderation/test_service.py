"""ModerationService on memory storage with a fake clock: tiers, merging, strikes, restrictions, appeals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from havre.domain.ids import MessageId, RoomId, UserId
from havre.domain.messages import Message
from havre.domain.users import Gender, User
from havre.errors import Banned, ClientError, InvalidField
from havre.services.moderation import (
    Action,
    AuditLog,
    Decision,
    ModerationRules,
    ModerationService,
    ModeratorAuth,
    Reporter,
    ReportForm,
)
from havre.storage.memory import memory_repositories
from havre.storage.moderation import MemoryModerationRepository, Moderator, Role, Statement
from havre.storage.repositories import NewUser, Repositories, SafetySignal, StoredMessage
from tests.support.clock import FakeClock


@dataclass
class Notices:
    """A fake notifier: records (user, statement, close)."""

    sent: list[tuple[str, Statement, bool]] = field(default_factory=list)

    async def sanction(self, user_id: UserId, statement: Statement, *, close: bool) -> None:
        """Record the statement."""
        self.sent.append((user_id, statement, close))


class NoOutbound:
    """An outbound port that records released messages."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def message(
        self,
        message: Message,
        sender: User,
        room: Any,
        *,
        contact_request: bool = False,
        shadow: bool = False,
    ) -> None:
        """Record the message."""
        self.messages.append(message)


@dataclass
class World:
    """The service and what it was built from."""

    service: ModerationService
    repos: Repositories
    store: MemoryModerationRepository
    clock: FakeClock
    notices: Notices
    outbound: NoOutbound
    moderators: dict[Role, Moderator]


@pytest.fixture
async def world() -> World:
    """A service over memory storage with one moderator per role."""
    repos = memory_repositories()
    clock = FakeClock()
    store = MemoryModerationRepository(repos)
    notices, outbound = Notices(), NoOutbound()
    service = ModerationService(
        store,
        repos,
        outbound,
        notices,
        clock,
        ModerationRules(),
        AuditLog(store, clock),  # type: ignore[arg-type]
    )
    await service.start()
    auth = ModeratorAuth(store, clock)
    moderators = {role: (await auth.create(f"m_{role.value}", role, "x" * 16)).moderator for role in Role}
    return World(service, repos, store, clock, notices, outbound, moderators)


async def person(world: World, name: str, device: str | None = None) -> User:
    """A user entered from ``device``."""
    user = User(UserId(f"u_{name}"), name, Gender.F, 30, "75", world.clock.now())
    new = NewUser(
        user, name.encode().ljust(32, b"\0"), name.lower(), device_hash=device, address_hash=f"a_{name}"
    )
    await world.repos.users.create(new, now=world.clock.now(), idle_before=world.clock.now())
    return user


async def said(world: World, user: User, text: str, action: str = "allow") -> MessageId:
    """A stored room message."""
    world.clock.advance(1)
    message_id = MessageId(f"{int(world.clock.now().timestamp() * 1000):026d}")
    message = Message(message_id, user.id, text, world.clock.now(), room=RoomId("cuisine"))
    await world.repos.messages.add_many([StoredMessage(message, action=action)])
    return message_id


def by(user: User | None, address: str = "addr") -> Reporter:
    """A reporter."""
    return Reporter(user, None, address)


async def test_queue_puts_life_and_children_first_then_trusted_flaggers(world: World) -> None:
    """Threats come before trusted flaggers' notices, which come before the rest."""
    a, b, c = await person(world, "Anne"), await person(world, "Ben"), await person(world, "Cleo")
    await world.service.file_report(ReportForm("spam", user=a.id, good_faith=True), by(None, "x1"))
    flagger, key = await world.service.add_flagger("e-Enfance")
    found = await world.service.flagger_for(key)
    assert found == flagger
    await world.service.file_report(
        ReportForm("hate", user=b.id, good_faith=True), Reporter(None, None, "x2", found)
    )
    await world.service.file_report(ReportForm("grooming", user=c.id, good_faith=True), by(None, "x3"))
    queue = await world.service.queue()
    assert [(case.tier, user.pseudo if user else None) for case, user in queue] == [
        (0, "Cleo"),
        (1, "Ben"),
        (2, "Anne"),
    ]
    assert queue[0][0].due_at == world.clock.now() + timedelta(minutes=60)


async def test_notices_on_one_target_merge_and_duplicates_come_back(world: World) -> None:
    """Two notices about one person share a case; the same reporter twice gets the first report back."""
    target, r1, r2 = await person(world, "Target"), await person(world, "Rita"), await person(world, "Rob")
    message = await said(world, target, "insulte")
    first = await world.service.file_report(
        ReportForm("harassment", message=message, good_faith=True), by(r1)
    )
    again = await world.service.file_report(
        ReportForm("harassment", message=message, good_faith=True), by(r1)
    )
    other = await world.service.file_report(ReportForm("threat", user=target.id, good_faith=True), by(r2))
    assert again.id == first.id and other.case_id == first.case_id
    ((case, _),) = await world.service.queue()
    assert case.reports == 2 and case.tier == 0 and set(case.categories) == {"harassment", "threat"}


async def test_notices_are_checked_at_the_edge_of_the_service(world: World) -> None:
    """Unknown reasons, missing good faith, unknown targets and bad e-mails are refused."""
    user = await person(world, "Zoe")
    for form, code in (
        (ReportForm("nope", user=user.id, good_faith=True), "invalid_reason"),
        (ReportForm("spam", user=user.id), "good_faith_required"),
        (ReportForm("spam", user="u_ghost", good_faith=True), "invalid_target"),
        (ReportForm("spam", user=user.id, email="pas-un-mail", good_faith=True), "invalid_email"),
    ):
        with pytest.raises(InvalidField) as refused:
            await world.service.file_report(form, by(None))
        assert refused.value.code == code


async def test_a_message_report_naming_its_author_and_category_names_are_accepted(world: World) -> None:
    """A notice giving both a message and a user reports the message; safety category names are reasons."""
    author, reporter = await person(world, "Auteur"), await person(world, "Temoin")
    message = await said(world, author, "viens seule au parking")
    report = await world.service.file_report(
        ReportForm("sexual_minors", message=message, user=author.id, good_faith=True), by(reporter)
    )
    ((case, user),) = await world.service.queue()
    assert report.case_id == case.id and user is not None and user.pseudo == "Auteur"
    assert case.tier == 0


async def test_strikes_warn_then_suspend_automatically(world: World) -> None:
    """The second strike's statement warns; the third suspends the device automatically (art. 23)."""
    target = await person(world, "Recidive", device="dev1")
    moderator = world.moderators[Role.MODERATOR]
    for round_ in range(3):
        await world.service.file_report(
            ReportForm("spam", user=target.id, good_faith=True), by(None, f"r{round_}")
        )
        ((case, _),) = await world.service.queue()
        decided = await world.service.decide(
            case.id, moderator, Decision(Action.WARN, facts="Messages publicitaires répétés.", clause="4.2")
        )
        assert decided.statement is not None
        if round_ == 1:
            assert "Avertissement" in decided.statement.facts
    assert decided.automatic and decided.automatic[0].automated_decision
    with pytest.raises(Banned) as refused:
        await world.service.check_entry("dev1", None)
    assert refused.value.until == world.clock.now() + timedelta(days=7)


async def test_mute_and_shadow_ban_are_read_synchronously(world: World) -> None:
    """A mute ends by itself; a shadow-ban holds until lifted."""
    target = await person(world, "Bavard")
    senior = world.moderators[Role.SENIOR_MODERATOR]
    await world.service.file_report(ReportForm("harassment", user=target.id, good_faith=True), by(None))
    ((case, _),) = await world.service.queue()
    await world.service.decide(
        case.id, senior, Decision(Action.MUTE, facts="Insultes répétées.", clause="3.3", hours=1)
    )
    assert world.service.muted(target.id)
    world.clock.advance(3601)
    assert not world.service.muted(target.id)
    await world.service.file_report(ReportForm("spam", user=target.id, good_faith=True), by(None, "b"))
    ((case, _),) = await world.service.queue()
    await world.service.decide(
        case.id, senior, Decision(Action.SHADOW_BAN, facts="Spam en boucle.", clause="4.2")
    )
    assert world.service.shadow_banned(target.id)
    assert world.notices.sent[-1][1].decision == "mute"  # the shadow-ban's statement is kept, not pushed


async def test_roles_limit_what_a_moderator_may_decide(world: World) -> None:
    """A moderator may not shadow-ban nor ban without end, except for child sexual abuse."""
    target = await person(world, "Suspect")
    moderator = world.moderators[Role.MODERATOR]
    await world.service.file_report(ReportForm("spam", user=target.id, good_faith=True), by(None))
    ((case, _),) = await world.service.queue()
    for decision in (
        Decision(Action.SHADOW_BAN, facts="Spam en boucle.", clause="4.2"),
        Decision(Action.BAN, facts="Spam en boucle.", clause="4.2"),
    ):
        with pytest.raises(ClientError) as refused:
            await world.service.decide(case.id, moderator, decision)
        assert refused.value.code == "forbidden"
    await world.service.file_report(
        ReportForm("child_sexual_abuse", user=target.id, good_faith=True), by(None, "c")
    )
    decided = await world.service.decide(
        case.id,
        moderator,
        Decision(Action.BAN, facts="Contenu sexuel impliquant un mineur.", clause="3.1", ground="law"),
    )
    assert decided.statement is not None and decided.statement.ends_at is None
    assert decided.statement.legal_reference and decided.statement.ground_kind == "law"


async def test_unfounded_notices_warn_then_suspend_the_reporter(world: World) -> None:
    """Manifestly unfounded notices strike their author: a warning, then their notices are refused."""
    target, pest = await person(world, "Cible"), await person(world, "Plaintif", device="devp")
    moderator = world.moderators[Role.MODERATOR]
    for round_ in range(3):
        await world.service.file_report(
            ReportForm("hate", user=target.id, good_faith=True), by(pest, f"p{round_}")
        )
        ((case, _),) = await world.service.queue()
        await world.service.decide(case.id, moderator, Decision(Action.DISMISS, unfounded=True))
    kinds = [s.decision for who, s, _close in world.notices.sent if who == pest.id]
    assert kinds == ["warning", "notice_suspension"]
    with pytest.raises(ClientError) as refused:
        await world.service.file_report(ReportForm("hate", user=target.id, good_faith=True), by(pest, "p9"))
    assert refused.value.code == "reports_suspended"


async def test_held_messages_are_released_by_a_moderator(world: World) -> None:
    """A hold signal opens a case; releasing delivers the message and stores it as allowed."""
    sender = await person(world, "Retenu")
    message = await said(world, sender, "rdv derrière la gare", action="hold")
    signal = SafetySignal(
        "s1", sender.id, "cuisine", message, "hold", ("ambush",), {"ambush": 0.9}, "x", world.clock.now()
    )
    await world.service.signal(signal)
    ((case, _),) = await world.service.queue()
    view = await world.service.case_view(case.id)
    assert case.tier == 0 and [s.message.id for s in view.held] == [message]
    await world.service.decide(case.id, world.moderators[Role.MODERATOR], Decision(Action.RELEASE_HOLD))
    stored = await world.repos.messages.get(message)
    assert stored is not None and stored.action == "allow" and world.outbound.messages[0].id == message


async def test_appeals_close_after_six_months_and_go_to_another_moderator(world: World) -> None:
    """Appeals go to another moderator, a reversal lifts the ban, and they close after six months."""
    target = await person(world, "Appelant", device="deva")
    senior, legal = world.moderators[Role.SENIOR_MODERATOR], world.moderators[Role.LEGAL_OFFICER]
    await world.service.file_report(ReportForm("threat", user=target.id, good_faith=True), by(None))
    ((case, _),) = await world.service.queue()
    decided = await world.service.decide(
        case.id, senior, Decision(Action.BAN, facts="Menace de mort.", clause="3.2", hours=240)
    )
    assert decided.statement is not None
    code = decided.statement.appeal_code
    appeal = await world.service.appeal(statement_id=None, appeal_code=code, text="Erreur", token_hash=None)
    with pytest.raises(ClientError) as refused:
        await world.service.decide_appeal(appeal.id, senior, reverse=True, note="")
    assert refused.value.code == "same_moderator"
    await world.service.decide_appeal(appeal.id, legal, reverse=True, note="Menace non caractérisée.")
    await world.service.check_entry("deva", None)
    world.clock.advance(184 * 86400)
    await world.service.file_report(ReportForm("spam", user=target.id, good_faith=True), by(None, "z"))
    ((case, _),) = await world.service.queue()
    decided = await world.service.decide(
        case.id, senior, Decision(Action.WARN, facts="Spam répété.", clause="4.2")
    )
    assert decided.statement is not None
    world.clock.advance(184 * 86400)
    with pytest.raises(ClientError) as late:
        await world.service.appeal(
            statement_id=None, appeal_code=decided.statement.appeal_code, text="x", token_hash=None
        )
    assert late.value.code == "appeal_expired"
    assert (await world.service.verify_audit()).ok
