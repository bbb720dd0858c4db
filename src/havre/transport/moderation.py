"""Moderation over HTTP: notices, statements and appeals (contract v1), the moderators' JSON API under
``/api/v1/mod/`` (what the console uses, described at ``/api/v1/mod/openapi.json``), and the console's
files under ``/mod/``.

Moderators authenticate with the ``havre_mod`` cookie (HttpOnly, SameSite=Strict); every mutating request
but the login must echo the session's CSRF token in ``X-CSRF-Token``, and a browser's ``Origin``, when
sent, must be this server. Sanction notices are encoded here and published on the bus.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import msgspec
from aiohttp import web

from havre.bus.protocol import Bus, Delivery, Scope
from havre.domain.ids import UserId
from havre.domain.users import User
from havre.errors import BadFrame, Forbidden, InvalidField, NotAuthenticated, NotFound
from havre.services.identity import keyed_hash, token_hash
from havre.services.moderation import (
    Action,
    CaseView,
    Decision,
    ModerationService,
    ModeratorAuth,
    Reporter,
    ReportForm,
)
from havre.services.moderation.reasons import LABEL_FR, Reason
from havre.services.moderation.service import ALLOWED, AUDIT_ROLES, SENIOR_ROLES, snapshot_digest
from havre.storage.moderation import Appeal, Case, CaseStatus, Moderator, Report, Sanction, Statement
from havre.transport import frames
from havre.transport.context import CONTEXT
from havre.transport.i18n import Language
from havre.transport.session import DEVICE_COOKIE, client_address, session_token
from havre.transport.status import CLOSE_BANNED

MOD_COOKIE = "havre_mod"
CSRF_HEADER = "X-CSRF-Token"
FLAGGER_HEADER = "X-Havre-Flagger-Key"
CONSOLE = Path(__file__).parent / "web" / "mod"
_BODY_MAX = 16 * 1024


@dataclass
class ModerationContext:
    """The moderation objects handlers use, built by ``havre.app``."""

    service: ModerationService
    auth: ModeratorAuth


MODERATION = web.AppKey("havre_moderation", ModerationContext)


def iso(moment: datetime | None) -> str | None:
    """RFC 3339 in UTC, or ``None``."""
    return frames.timestamp(moment) if moment is not None else None


# Sanction notices -------------------------------------------------------------------------------


class BusSanctionNotifier:
    """Implements ``SanctionNotifier``: a ``notice`` of kind ``sanction`` to every socket, then ``4003``."""

    def __init__(self, bus: Bus, language_of: dict[str, Language]) -> None:
        self._bus = bus
        self._language_of = language_of

    async def sanction(self, user_id: UserId, statement: Statement, *, close: bool) -> None:
        """See ``SanctionNotifier.sanction``."""
        until = statement.ends_at.strftime("%d/%m/%Y à %H:%M UTC") if statement.ends_at else None
        text = f"{statement.restriction}. Motif : {statement.clause_title} (CGU {statement.clause})."
        if statement.decision == "ban":
            text += f" Jusqu'au {until}." if until else " Sans date de fin."
        text += f" Code de recours : {statement.appeal_code}."
        if self._language_of.get(user_id) is Language.EN:
            text = "A moderator restricted your account (details in French below). " + text
        frame = frames.encode(frames.Notice(kind="sanction", text=text, data=notice_data(statement)))
        await self._bus.publish(
            Delivery(Scope.USER, user_id, frame, close_code=CLOSE_BANNED if close else None)
        )


def notice_data(statement: Statement) -> dict[str, str]:
    """A statement of reasons as the string map of a ``notice`` frame's ``data``."""
    return {
        "key": "sanction",
        "statement_id": statement.id,
        "decision": statement.decision,
        "restriction": statement.restriction,
        "scope": statement.scope,
        "starts_at": iso(statement.starts_at) or "",
        "until": iso(statement.ends_at) or "",
        "facts": statement.facts,
        "from_notice": str(statement.from_notice).lower(),
        "automated_detection": str(statement.automated_detection).lower(),
        "automated_decision": str(statement.automated_decision).lower(),
        "ground": statement.ground_kind,
        "clause": statement.clause,
        "clause_title": statement.clause_title,
        "legal_reference": statement.legal_reference or "",
        "terms_version": statement.terms_version,
        "redress": statement.redress,
        "appeal_code": statement.appeal_code,
        "appeal_until": iso(statement.appeal_until) or "",
    }


def statement_wire(statement: Statement, appeal: Appeal | None = None) -> dict[str, Any]:
    """A ``Statement`` of the contract, with the fields of DSA art. 17(3)."""
    return {
        "id": statement.id,
        "decision": statement.decision,
        "restriction": statement.restriction,
        "scope": statement.scope,
        "starts_at": iso(statement.starts_at),
        "until": iso(statement.ends_at),
        "facts": statement.facts,
        "from_notice": statement.from_notice,
        "automated_detection": statement.automated_detection,
        "automated_decision": statement.automated_decision,
        "ground": {
            "kind": statement.ground_kind,
            "clause": statement.clause,
            "title": statement.clause_title,
            "legal_reference": statement.legal_reference,
            "terms_version": statement.terms_version,
        },
        "redress": statement.redress,
        "appeal_code": statement.appeal_code,
        "appeal_until": iso(statement.appeal_until),
        "created_at": iso(statement.created_at),
        "appeal": appeal_wire(appeal) if appeal else None,
    }


def appeal_wire(appeal: Appeal) -> dict[str, Any]:
    """An appeal's state."""
    return {
        "id": appeal.id,
        "status": appeal.outcome or "pending",
        "created_at": iso(appeal.created_at),
        "decided_at": iso(appeal.decided_at),
    }


# Bodies -----------------------------------------------------------------------------------------


class ReportBody(msgspec.Struct):
    """The body of ``POST /api/v1/reports``."""

    reason: str
    message: str | None = None
    user: str | None = None
    room: str | None = None
    details: str = ""
    name: str | None = None
    email: str | None = None
    # Absent: accepted, and recorded as given without the statement; false: refused.
    good_faith: bool | None = None


class AppealBody(msgspec.Struct):
    """The body of ``POST /api/v1/appeals``."""

    text: str
    statement_id: str | None = None
    appeal_code: str | None = None


class LoginBody(msgspec.Struct):
    """The body of ``POST /api/v1/mod/login``."""

    name: str
    password: str
    totp: str


class DecisionBody(msgspec.Struct):
    """The body of ``POST /api/v1/mod/cases/{id}/decision``."""

    action: str
    facts: str = ""
    clause: str = ""
    ground: str = "contract"
    hours: int | None = None
    message: str | None = None
    unfounded: bool = False
    address: bool = True


class AppealDecisionBody(msgspec.Struct):
    """The body of ``POST /api/v1/mod/appeals/{id}/decision``."""

    outcome: str
    note: str = ""


_T = TypeVar("_T")


async def _body(request: web.Request, kind: type[_T]) -> _T:
    if request.content_length is not None and request.content_length > _BODY_MAX:
        raise BadFrame("body too large", code="invalid_body")
    raw = await request.content.read(_BODY_MAX + 1)
    if len(raw) > _BODY_MAX:
        raise BadFrame("body too large", code="invalid_body")
    try:
        return msgspec.json.decode(raw, type=kind)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise BadFrame(str(exc)[:200], code="invalid_body") from None


# Notices, statements, appeals (contract v1) -----------------------------------------------------


async def _session_user(request: web.Request) -> User | None:
    try:
        return await request.app[CONTEXT].entry.authenticate(session_token(request))
    except NotAuthenticated:
        return None


def _reporter_hashes(request: web.Request) -> tuple[str | None, str]:
    ctx = request.app[CONTEXT]
    key = ctx.settings.secrets.ip_hash_key.reveal()
    device = request.cookies.get(DEVICE_COOKIE)
    device_hash = keyed_hash(key, device) if device and len(device) <= 64 else None
    address = keyed_hash(key, client_address(request, ctx.settings.server.trust_proxy))
    return device_hash, address


async def post_report(request: web.Request) -> web.Response:
    """``POST /api/v1/reports``: a notice, with or without a session (DSA art. 16)."""
    moderation = request.app[MODERATION]
    body = await _body(request, ReportBody)
    flagger = None
    key = request.headers.get(FLAGGER_HEADER)
    if key is not None:
        flagger = await moderation.service.flagger_for(key)
        if flagger is None:
            raise NotAuthenticated()
    device_hash, address_hash = _reporter_hashes(request)
    reporter = Reporter(await _session_user(request), device_hash, address_hash, flagger)
    form = ReportForm(
        reason=body.reason,
        details=body.details,
        message=body.message,
        user=body.user,
        room=body.room,
        name=body.name,
        email=body.email,
        good_faith=body.good_faith,
    )
    report = await moderation.service.file_report(form, reporter)
    return web.json_response({"id": report.id, "received_at": iso(report.created_at)}, status=201)


async def report_frame(app: web.Application, user: User, frame: frames.Report, address: str) -> Report:
    """The WebSocket ``report`` frame: a notice by a connected user (good faith is the client's promise)."""
    ctx = app[CONTEXT]
    form = ReportForm(
        reason=frame.reason,
        details=frame.details or "",
        message=frame.message,
        user=frame.user,
        good_faith=True,
    )
    address_hash = keyed_hash(ctx.settings.secrets.ip_hash_key.reveal(), address)
    return await app[MODERATION].service.file_report(form, Reporter(user, None, address_hash))


async def my_statements(request: web.Request) -> web.Response:
    """``GET /api/v1/me/statements``: the statements of reasons concerning the caller."""
    token = session_token(request)
    if not token or len(token) > 128:
        raise NotAuthenticated()
    found = await request.app[MODERATION].service.statements_for(token_hash(token))
    return web.json_response([statement_wire(s, a) for s, a in found])


async def post_appeal(request: web.Request) -> web.Response:
    """``POST /api/v1/appeals``: an internal complaint (DSA art. 20), by statement id or appeal code."""
    body = await _body(request, AppealBody)
    if not body.statement_id and not body.appeal_code:
        raise InvalidField("appeal_code", "invalid_body")
    token = session_token(request)
    appeal = await request.app[MODERATION].service.appeal(
        statement_id=body.statement_id,
        appeal_code=body.appeal_code,
        text=body.text,
        token_hash=token_hash(token) if token and len(token) <= 128 else None,
    )
    return web.json_response({"id": appeal.id}, status=201)


async def terms(request: web.Request) -> web.Response:
    """``GET /api/v1/terms``: the terms of use in force, and the reasons a notice may give."""
    current = request.app[MODERATION].service.terms
    return web.json_response(
        {
            "version": current.version,
            "effective_from": iso(current.effective_from),
            "clauses": [
                {"number": c.number, "title": c.title, "text": c.text, "legal_reference": c.legal_reference}
                for c in current.clauses
            ],
            "reasons": [{"id": r.value, "label": LABEL_FR.get(r.value, r.value)} for r in Reason],
        }
    )


# The moderators' API ----------------------------------------------------------------------------


def _same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.host


async def _moderator(request: web.Request, *, write: bool = False) -> Moderator:
    moderator, session = await request.app[MODERATION].auth.authenticate(request.cookies.get(MOD_COOKIE))
    if write:
        sent = request.headers.get(CSRF_HEADER, "")
        if not _same_origin(request) or not hmac.compare_digest(sent.encode(), session.csrf.encode()):
            raise Forbidden(code="csrf_failed")
    return moderator


def moderator_wire(moderator: Moderator) -> dict[str, Any]:
    """A moderator as the console sees them, with what their role allows."""
    return {
        "id": moderator.id,
        "name": moderator.name,
        "role": moderator.role.value,
        "actions": sorted(a.value for a in ALLOWED[moderator.role]),
        "decides_appeals": moderator.role in SENIOR_ROLES,
        "reads_audit": moderator.role in AUDIT_ROLES,
    }


async def mod_login(request: web.Request) -> web.Response:
    """``POST /api/v1/mod/login``: password and TOTP code; sets the console cookie."""
    if not _same_origin(request):
        raise Forbidden(code="csrf_failed")
    ctx = request.app[CONTEXT]
    moderation = request.app[MODERATION]
    body = await _body(request, LoginBody)
    logged = await moderation.auth.login(
        body.name, body.password, body.totp, address=client_address(request, ctx.settings.server.trust_proxy)
    )
    await moderation.service.audit.record(logged.moderator.name, "login", f"moderator:{logged.moderator.id}")
    response = web.json_response({"moderator": moderator_wire(logged.moderator), "csrf": logged.csrf})
    response.set_cookie(
        MOD_COOKIE,
        logged.token,
        httponly=True,
        samesite="Strict",
        secure=ctx.settings.server.secure_cookies,
        path="/",
        max_age=ctx.settings.moderation.console_session_hours * 3600,
    )
    return response


async def mod_logout(request: web.Request) -> web.Response:
    """``POST /api/v1/mod/logout``: end the console session."""
    moderator = await _moderator(request, write=True)
    await request.app[MODERATION].auth.logout(request.cookies.get(MOD_COOKIE, ""))
    await request.app[MODERATION].service.audit.record(moderator.name, "logout", f"moderator:{moderator.id}")
    response = web.Response(status=204)
    response.del_cookie(MOD_COOKIE, path="/")
    return response


async def mod_me(request: web.Request) -> web.Response:
    """``GET /api/v1/mod/me``: the logged-in moderator and the session's CSRF token."""
    moderator, session = await request.app[MODERATION].auth.authenticate(request.cookies.get(MOD_COOKIE))
    return web.json_response({"moderator": moderator_wire(moderator), "csrf": session.csrf})


def _user_wire(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {
        "id": user.id,
        "pseudo": user.pseudo,
        "age": user.age,
        "gender": user.gender.value,
        "department": user.department,
        "created_at": iso(user.created_at),
    }


def case_wire(case: Case, user: User | None, now: datetime) -> dict[str, Any]:
    """A case in the queue."""
    return {
        "id": case.id,
        "target": {"kind": case.target_kind, "id": case.target_id, "user": _user_wire(user)},
        "tier": case.tier,
        "status": case.status.value,
        "opened_at": iso(case.opened_at),
        "due_at": iso(case.due_at),
        "overdue": case.status is CaseStatus.OPEN and case.due_at < now,
        "reports": case.reports,
        "categories": [{"id": c, "label": LABEL_FR.get(c, c)} for c in case.categories],
        "decision": case.decision,
        "closed_at": iso(case.closed_at),
    }


async def mod_cases(request: web.Request) -> web.Response:
    """``GET /api/v1/mod/cases?status=open|closed``: the queue, in priority order."""
    await _moderator(request)
    try:
        status = CaseStatus(request.query.get("status", "open"))
    except ValueError:
        raise BadFrame("status is open or closed", code="invalid_body") from None
    now = request.app[CONTEXT].clock.now()
    cases = await request.app[MODERATION].service.queue(status)
    return web.json_response({"cases": [case_wire(c, u, now) for c, u in cases], "now": iso(now)})


def _report_wire(report: Report, *, reveal: bool) -> dict[str, Any]:
    snapshot = json.loads(report.snapshot) if reveal or not report.private else None
    return {
        "id": report.id,
        "source": report.source,
        "reason": report.reason,
        "reason_label": LABEL_FR.get(report.reason, report.reason),
        "details": report.details,
        "message_id": report.message_id,
        "reporter": {
            "user": report.reporter_user,
            "name": report.reporter_name,
            "email": report.reporter_email,
            "flagger": report.flagger_id,
        },
        "created_at": iso(report.created_at),
        "good_faith": report.good_faith,
        "private": report.private,
        "snapshot": snapshot,
        "snapshot_sha256": report.snapshot_sha256,
        "snapshot_intact": snapshot_digest(report.snapshot) == report.snapshot_sha256,
    }


def _sanction_wire(sanction: Sanction) -> dict[str, Any]:
    return {
        "id": sanction.id,
        "kind": sanction.kind.value,
        "user": sanction.user_id,
        "reason": sanction.reason,
        "starts_at": iso(sanction.starts_at),
        "until": iso(sanction.ends_at),
        "lifted_at": iso(sanction.lifted_at),
        "moderator": sanction.moderator_id,
        "case": sanction.case_id,
    }


def case_view_wire(view: CaseView, service: ModerationService, now: datetime) -> dict[str, Any]:
    """A case with everything the console shows (private snapshots withheld)."""
    identity = view.target
    return {
        "case": case_wire(view.case, identity.user if identity else None, now),
        "reports": [_report_wire(r, reveal=False) for r in view.reports],
        "target": (
            {
                **(_user_wire(identity.user) or {}),
                "ended": identity.ended,
                "shared_device": len(view.pseudos) > 1,
            }
            if identity
            else None
        ),
        "pseudos": [_user_wire(u) for u in view.pseudos],
        "sanctions": [_sanction_wire(s) for s in view.sanctions],
        "statements": [statement_wire(s) for s in view.statements],
        "held": [
            {
                "id": s.message.id,
                "text": s.message.text,
                "room": s.message.room,
                "ts": iso(s.message.created_at),
            }
            for s in view.held
            if s.message.room is not None
        ],
        "strikes": view.strikes,
        "terms": {
            "version": service.terms.version,
            "clauses": [
                {"number": c.number, "title": c.title, "legal_reference": c.legal_reference}
                for c in service.terms.clauses
            ],
        },
    }


async def mod_case(request: web.Request) -> web.Response:
    """``GET /api/v1/mod/cases/{id}``: one case with its reports, snapshots and the user's history."""
    await _moderator(request)
    service = request.app[MODERATION].service
    view = await service.case_view(request.match_info["case_id"])
    return web.json_response(case_view_wire(view, service, request.app[CONTEXT].clock.now()))


async def mod_private(request: web.Request) -> web.Response:
    """``POST /api/v1/mod/cases/{id}/private``: a case's private conversations (the access is audited)."""
    moderator = await _moderator(request, write=True)
    reports = await request.app[MODERATION].service.private_context(request.match_info["case_id"], moderator)
    return web.json_response({"reports": [_report_wire(r, reveal=True) for r in reports]})


async def mod_decide(request: web.Request) -> web.Response:
    """``POST /api/v1/mod/cases/{id}/decision``: decide and close a case."""
    moderator = await _moderator(request, write=True)
    body = await _body(request, DecisionBody)
    try:
        action = Action(body.action)
    except ValueError:
        raise InvalidField("action", "invalid_body") from None
    if body.ground not in ("contract", "law"):
        raise InvalidField("ground", "invalid_body")
    decision = Decision(
        action=action,
        facts=body.facts,
        clause=body.clause,
        ground=body.ground,
        hours=body.hours,
        message=body.message,
        unfounded=body.unfounded,
        address=body.address,
    )
    decided = await request.app[MODERATION].service.decide(request.match_info["case_id"], moderator, decision)
    now = request.app[CONTEXT].clock.now()
    return web.json_response(
        {
            "case": case_wire(decided.case, None, now),
            "sanction": _sanction_wire(decided.sanction) if decided.sanction else None,
            "statement": statement_wire(decided.statement) if decided.statement else None,
            "automatic": [statement_wire(s) for s in decided.automatic],
        }
    )


async def mod_appeals(request: web.Request) -> web.Response:
    """``GET /api/v1/mod/appeals?status=open|decided``: internal complaints."""
    await _moderator(request)
    decided = request.query.get("status", "open") == "decided"
    found = await request.app[MODERATION].service.appeals(decided=decided)
    return web.json_response(
        {
            "appeals": [
                {
                    **appeal_wire(a),
                    "text": a.text,
                    "note": a.note,
                    "decided_by": a.decided_by,
                    "statement": statement_wire(s) if s else None,
                    "user": a.user_id,
                }
                for a, s in found
            ]
        }
    )


async def mod_decide_appeal(request: web.Request) -> web.Response:
    """``POST /api/v1/mod/appeals/{id}/decision``: uphold or reverse (not by who acted)."""
    moderator = await _moderator(request, write=True)
    body = await _body(request, AppealDecisionBody)
    if body.outcome not in ("upheld", "reversed"):
        raise InvalidField("outcome", "invalid_body")
    appeal = await request.app[MODERATION].service.decide_appeal(
        request.match_info["appeal_id"], moderator, reverse=body.outcome == "reversed", note=body.note
    )
    return web.json_response({**appeal_wire(appeal), "note": appeal.note})


async def mod_audit(request: web.Request) -> web.Response:
    """``GET /api/v1/mod/audit?after=N``: audit links (legal officers and admins)."""
    moderator = await _moderator(request)
    if moderator.role not in AUDIT_ROLES:
        raise Forbidden()
    try:
        after = max(0, int(request.query.get("after", "0")))
    except ValueError:
        raise BadFrame("after is an integer", code="invalid_body") from None
    service = request.app[MODERATION].service
    entries = await service.audit_entries(after)
    check = await service.verify_audit()
    return web.json_response(
        {
            "entries": [
                {
                    "seq": e.seq,
                    "at": iso(e.at),
                    "actor": e.actor,
                    "action": e.action,
                    "target": e.target,
                    "detail": e.detail,
                    "hash": e.hash,
                }
                for e in entries
            ],
            "chain": {"ok": check.ok, "checked": check.checked, "broken_at": check.broken_at},
        }
    )


async def openapi(request: web.Request) -> web.Response:
    """``GET /api/v1/mod/openapi.json``: this API described in OpenAPI 3.1."""
    return web.json_response(OPENAPI)


# The console ------------------------------------------------------------------------------------


async def console(request: web.Request) -> web.StreamResponse:
    """``GET /mod/``: the moderator console (one page)."""
    page = CONSOLE / "index.html"
    if not page.is_file():
        raise NotFound()
    response = web.FileResponse(page)
    response.headers["Cache-Control"] = "no-cache"
    return response


async def console_redirect(request: web.Request) -> web.StreamResponse:
    """``GET /mod``: to ``/mod/``."""
    raise web.HTTPFound("/mod/")


def add_routes(app: web.Application) -> None:
    """Register the notices, statements, appeals, moderators' API and console routes."""
    app.router.add_post("/api/v1/reports", post_report)
    app.router.add_get("/api/v1/me/statements", my_statements)
    app.router.add_post("/api/v1/appeals", post_appeal)
    app.router.add_get("/api/v1/terms", terms)
    app.router.add_post("/api/v1/mod/login", mod_login)
    app.router.add_post("/api/v1/mod/logout", mod_logout)
    app.router.add_get("/api/v1/mod/me", mod_me)
    app.router.add_get("/api/v1/mod/cases", mod_cases)
    app.router.add_get("/api/v1/mod/cases/{case_id}", mod_case)
    app.router.add_post("/api/v1/mod/cases/{case_id}/private", mod_private)
    app.router.add_post("/api/v1/mod/cases/{case_id}/decision", mod_decide)
    app.router.add_get("/api/v1/mod/appeals", mod_appeals)
    app.router.add_post("/api/v1/mod/appeals/{appeal_id}/decision", mod_decide_appeal)
    app.router.add_get("/api/v1/mod/audit", mod_audit)
    app.router.add_get("/api/v1/mod/openapi.json", openapi)
    app.router.add_get("/mod", console_redirect)
    app.router.add_get("/mod/", console)
    CONSOLE.mkdir(parents=True, exist_ok=True)
    app.router.add_static("/mod/assets/", CONSOLE, follow_symlinks=False, append_version=False)


def _op(summary: str, *, body: str | None = None, write: bool = False, auth: bool = True) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {"200": {"description": "OK"}, "401": {"$ref": "#/components/responses/Error"}},
    }
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
        }
    if auth:
        operation["security"] = [{"console": [], "csrf": []}] if write else [{"console": []}]
    return operation


def _schema(struct: type[msgspec.Struct]) -> dict[str, Any]:
    (_out,), components = msgspec.json.schema_components([struct], ref_template="#/components/schemas/{name}")
    schema: dict[str, Any] = components[struct.__name__]
    return schema


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Havre moderation API",
        "version": "1",
        "description": "What the moderator console uses. Cookie havre_mod from /login; every mutating call "
        "but /login sends the session's CSRF token in X-CSRF-Token. Errors: "
        '{"error": {"code", "message"}}.',
    },
    "paths": {
        "/api/v1/mod/login": {
            "post": _op(
                "Log in with password and TOTP code; sets the cookie, returns the CSRF token",
                body="LoginBody",
                auth=False,
            )
        },
        "/api/v1/mod/logout": {"post": _op("End the console session", write=True)},
        "/api/v1/mod/me": {"get": _op("The logged-in moderator, their permissions and the CSRF token")},
        "/api/v1/mod/cases": {
            "get": {
                **_op(
                    "The queue by tier (0: life, safety, children; 1: trusted flaggers; 2: others), due time"
                ),
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"enum": ["open", "closed"], "default": "open"},
                    }
                ],
            }
        },
        "/api/v1/mod/cases/{case_id}": {
            "get": {
                **_op("A case: reports, snapshots (private ones withheld), the user's pseudos and history"),
                "parameters": [
                    {"name": "case_id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
            }
        },
        "/api/v1/mod/cases/{case_id}/private": {
            "post": {
                **_op("Reveal the private conversations of a case (audited)", write=True),
                "parameters": [
                    {"name": "case_id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
            }
        },
        "/api/v1/mod/cases/{case_id}/decision": {
            "post": {
                **_op(
                    "Decide a case: dismiss, warn, delete, mute, kick, ban, shadow-ban, release or refuse",
                    body="DecisionBody",
                    write=True,
                ),
                "parameters": [
                    {"name": "case_id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
            }
        },
        "/api/v1/mod/appeals": {
            "get": {
                **_op("Appeals, waiting or decided"),
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"enum": ["open", "decided"], "default": "open"},
                    }
                ],
            }
        },
        "/api/v1/mod/appeals/{appeal_id}/decision": {
            "post": {
                **_op(
                    "Uphold or reverse (not by who acted); a reversal lifts the sanction",
                    body="AppealDecisionBody",
                    write=True,
                ),
                "parameters": [
                    {"name": "appeal_id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
            }
        },
        "/api/v1/mod/audit": {"get": _op("The audit chain and whether it holds (legal officers, admins)")},
    },
    "components": {
        "schemas": {
            "LoginBody": _schema(LoginBody),
            "DecisionBody": _schema(DecisionBody),
            "AppealDecisionBody": _schema(AppealDecisionBody),
        },
        "securitySchemes": {
            "console": {"type": "apiKey", "in": "cookie", "name": MOD_COOKIE},
            "csrf": {"type": "apiKey", "in": "header", "name": CSRF_HEADER},
        },
        "responses": {"Error": {"description": 'An error: {"error": {"code", "message"}}'}},
    },
}

__all__ = ["MODERATION", "BusSanctionNotifier", "ModerationContext", "add_routes", "report_frame"]
