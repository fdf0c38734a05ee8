"""The professional's workspace: log-in, clients, chat links, transcripts with their stage
summary, trajectory, exports and deletion. Accounts, passwords and the audit log are in
bot.web.account_routes, practice mode in bot.web.practice_routes.

Every route checks, in this order: a live session (anonymous -> log-in page), the CSRF
token on every POST (-> 403), ownership of the client or conversation (someone else's ->
404, the same answer as for one that does not exist). Views of transcripts, exports and
deletions go to the audit log. Message text is never logged.
"""

from __future__ import annotations

import json
import logging
from typing import Optional
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.accounts import accounts, audit
from bot.accounts.security import new_token, same
from bot.core.clock import local
from bot.core.stages import STAGES
from bot.db.models import Client, Conversation, Professional, SafetyFlag
from bot.web.account_routes import PASSWORD_NOTICES, build_account_routes
from bot.web.pages import (
    CASELOAD_ROLES,
    CSRF_FAILED,
    LOGIN_CSRF_COOKIE,
    NOT_FOUND,
    PREFIX,
    SESSION_COOKIE,
    PageError,
    Pages,
    WorkspaceSettings,
    home_of,
    safe_next,
)
from bot.web.practice_routes import build_practice_routes
from bot.workspace import alerts, caseload, clients, safety_levels
from bot.workspace.chart import trajectory_svg
from bot.workspace.deidentify import deidentified_conversation
from bot.workspace.export import conversation_html, conversation_json, conversation_pdf
from bot.workspace.invitation_text import invitation_message
from bot.workspace.summary import build_summary, client_trajectory

logger = logging.getLogger(__name__)

NEW_LINK_COOKIE = "overstap_nieuwe_link"
NEW_LINK_SECONDS = 600  # how long the client page shows a new chat link after it was made
EXPORT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def build_router(templates: jinja2.Environment, settings: WorkspaceSettings) -> APIRouter:
    router = APIRouter(prefix=PREFIX)
    pages = Pages(templates, settings)
    db, render, page = pages.db, pages.render, pages.page

    def client_or_404(session, user: Professional, client_id: str) -> Client:
        client = clients.owned_client(session, user, client_id)
        if client is None:
            raise PageError(404, NOT_FOUND)
        return client

    def conversation_or_404(session, user: Professional, conversation_id: str) -> Conversation:
        conv = clients.owned_conversation(session, user, conversation_id)
        if conv is None:
            raise PageError(404, NOT_FOUND)
        return conv

    # --- log-in ---------------------------------------------------------------------
    @router.get("", include_in_schema=False)
    @router.get("/", include_in_schema=False)
    def root(request: Request) -> RedirectResponse:
        with pages.opened(request) as (session, _, user):
            return RedirectResponse(home_of(user), status_code=303)

    def login_page(
        next_path: str, error: Optional[str] = None, status: int = 200, email: str = "", notice: Optional[str] = None
    ) -> HTMLResponse:
        token = new_token()
        response = render(
            "pro/login.html",
            status,
            user=None,
            csrf_token=token,
            next_path=safe_next(next_path) if next_path else "",
            error=error,
            notice=notice,
            email=email,
        )
        response.set_cookie(
            LOGIN_CSRF_COOKIE,
            token,
            httponly=True,
            secure=settings.cookie_secure,
            samesite="strict",
            path=PREFIX + "/login",
            max_age=3600,
        )
        return response

    @router.get("/login")
    def login_form(next: str = "", wachtwoord: str = "") -> HTMLResponse:
        return login_page(next, notice=PASSWORD_NOTICES.get(wachtwoord))

    @router.post("/login")
    def login(
        request: Request,
        email: str = Form(""),
        password: str = Form(""),
        csrf_token: str = Form(""),
        next: str = Form(""),
    ) -> Response:
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not cookie or not csrf_token or not same(cookie, csrf_token):
            return login_page(next, CSRF_FAILED, 403, email=email[:254])
        ip = request.client.host if request.client else "?"
        with db() as session:
            result = accounts.log_in(session, email, password, ip)
            if result.rate_limited:
                return login_page(
                    next,
                    "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.",
                    429,
                    email=email[:254],
                )
            if result.professional is None:
                return login_page(next, "Het e-mailadres of het wachtwoord klopt niet.", 401, email=email[:254])
            audit.record(session, "login", result.professional)
        target = safe_next(next) if next else home_of(result.professional)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            result.session_token,
            httponly=True,
            secure=settings.cookie_secure,
            samesite="strict",
            path="/",
            max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
        )
        response.delete_cookie(LOGIN_CSRF_COOKIE, path=PREFIX + "/login")
        return response

    @router.post("/logout")
    def logout(request: Request, csrf_token: str = Form("")) -> Response:
        with pages.opened(request, csrf_token) as (session, web_session, user):
            accounts.log_out(session, request.cookies.get(SESSION_COOKIE))
            audit.record(session, "logout", user)
        response = RedirectResponse(PREFIX + "/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    # --- clients --------------------------------------------------------------------
    @router.get("/clients")
    def client_list(request: Request) -> HTMLResponse:
        query = caseload.ListQuery.parse(request.query_params)
        with pages.opened(request, roles=CASELOAD_ROLES) as (session, web_session, user):
            listing = caseload.client_page(session, user.id, query)
            return page(
                session,
                request,
                user,
                web_session,
                "pro/clients.html",
                listing=listing,
                link=lambda **changes: PREFIX + "/clients?" + urlencode(listing.query.params(**changes)),
                sorts=caseload.SORTS,
                levels=safety_levels.LEVELS,
                stages=STAGES,
                deleted=request.query_params.get("verwijderd") == "1",
            )

    @router.get("/clients/new")
    def client_form(request: Request) -> HTMLResponse:
        with pages.opened(request, roles=CASELOAD_ROLES) as (session, web_session, user):
            return page(
                session,
                request,
                user,
                web_session,
                "pro/client_new.html",
                error=None,
                duplicates=[],
                pseudonym="",
                next_gesprek="",
            )

    @router.post("/clients/new")
    def client_create(
        request: Request,
        pseudonym: str = Form(""),
        next_gesprek: str = Form(""),
        duplicate_ok: str = Form(""),
        csrf_token: str = Form(""),
    ) -> Response:
        with pages.opened(request, csrf_token, roles=CASELOAD_ROLES) as (session, web_session, user):

            def form_again(status: int, **ctx) -> HTMLResponse:
                values = dict(error=None, duplicates=[], pseudonym=pseudonym[:80], next_gesprek=next_gesprek[:10])
                return page(session, request, user, web_session, "pro/client_new.html", status, **{**values, **ctx})

            try:
                date = clients.parse_date(next_gesprek)
                duplicates = caseload.same_pseudonym(session, user.id, pseudonym)
                if duplicates and duplicate_ok != "1":  # a warning, not a refusal: initials do repeat
                    return form_again(409, duplicates=duplicates)
                client = clients.create_client(session, user, pseudonym, date)
            except clients.ClientError as exc:
                return form_again(422, error=str(exc))
            audit.record(session, "client_created", user, client_ref=client.id)
            return RedirectResponse(f"{PREFIX}/clients/{client.id}", status_code=303)

    def client_page(
        session,
        request,
        user,
        web_session,
        client: Client,
        status: int = 200,
        new_link: Optional[str] = None,
        error: Optional[str] = None,
    ) -> HTMLResponse:
        invitations = [(inv, clients.invitation_status(inv).value) for inv in client.invitations]
        return page(
            session,
            request,
            user,
            web_session,
            "pro/client.html",
            status,
            client=client,
            overview=caseload.client_row(session, client),
            conversations=caseload.conversation_rows(session, client),
            invitations=invitations,
            new_link=new_link,
            error=error,
            default_days=clients.DEFAULT_INVITATION_DAYS,
        )

    @router.get("/clients/{client_id}")
    def client_detail(request: Request, client_id: str) -> HTMLResponse:
        with pages.opened(request, roles=CASELOAD_ROLES) as (session, web_session, user):
            client = client_or_404(session, user, client_id)
            audit.record(session, "client_viewed", user, client_ref=client.id)
            new_link = None
            token = request.cookies.get(NEW_LINK_COOKIE, "")
            invitation = clients.invitation_for_token(session, client, token) if token else None
            if invitation is not None and clients.invitation_status(invitation) is clients.InvitationStatus.VALID:
                new_link = invitation_link(request, token, invitation, client, user)
            return client_page(session, request, user, web_session, client, new_link=new_link)

    def invitation_link(request: Request, token: str, invitation, client: Client, user: Professional) -> dict:
        url = str(request.base_url).rstrip("/") + "/c/" + token
        expires = local(invitation.expires_at).strftime("%d-%m-%Y %H:%M")
        return {"url": url, "expires": expires, "message": invitation_message(url, expires, user.name)}

    @router.post("/clients/{client_id}/invitations")
    def invitation_create(
        request: Request,
        client_id: str,
        days: str = Form(str(clients.DEFAULT_INVITATION_DAYS)),
        csrf_token: str = Form(""),
    ) -> Response:
        """Post/Redirect/Get: the new link travels to the client page in a short-lived cookie
        for this client's page only, so a refresh shows it again instead of making another."""
        with pages.opened(request, csrf_token, roles=CASELOAD_ROLES) as (session, web_session, user):
            client = client_or_404(session, user, client_id)
            try:
                _, token = clients.create_invitation(session, client, int(days) if days.isdigit() else 0)
            except clients.ClientError as exc:
                return client_page(session, request, user, web_session, client, 422, error=str(exc))
            audit.record(session, "invitation_created", user, client_ref=client.id)
            target = f"{PREFIX}/clients/{client.id}"
        response = RedirectResponse(target + "#nieuwe-link", status_code=303)
        response.set_cookie(
            NEW_LINK_COOKIE,
            token,
            httponly=True,
            secure=settings.cookie_secure,
            samesite="strict",
            path=target,
            max_age=NEW_LINK_SECONDS,
        )
        return response

    @router.post("/clients/{client_id}/invitations/{invitation_id}/revoke")
    def invitation_revoke(request: Request, client_id: str, invitation_id: int, csrf_token: str = Form("")) -> Response:
        with pages.opened(request, csrf_token, roles=CASELOAD_ROLES) as (session, web_session, user):
            client = client_or_404(session, user, client_id)
            if clients.revoke_invitation(session, client, invitation_id) is None:
                raise PageError(404, NOT_FOUND)
            audit.record(session, "invitation_revoked", user, client_ref=client.id)
            return RedirectResponse(f"{PREFIX}/clients/{client.id}", status_code=303)

    @router.get("/clients/{client_id}/trajectory.svg")
    def trajectory(request: Request, client_id: str) -> Response:
        with pages.opened(request, roles=CASELOAD_ROLES) as (session, _, user):
            client = client_or_404(session, user, client_id)
            svg = trajectory_svg(client_trajectory(session, client.id))
        return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})

    @router.get("/clients/{client_id}/delete")
    def delete_confirm(request: Request, client_id: str) -> HTMLResponse:
        with pages.opened(request, roles=CASELOAD_ROLES) as (session, web_session, user):
            client = client_or_404(session, user, client_id)
            return page(
                session,
                request,
                user,
                web_session,
                "pro/client_delete.html",
                client=client,
                overview=caseload.client_row(session, client),
            )

    @router.post("/clients/{client_id}/delete")
    def delete_client(request: Request, client_id: str, csrf_token: str = Form("")) -> Response:
        with pages.opened(request, csrf_token, roles=CASELOAD_ROLES) as (session, web_session, user):
            client = client_or_404(session, user, client_id)
            ref = client.id
            clients.delete_client_everywhere(session, client)
            audit.record(session, "client_deleted", user, client_ref=ref)
        return RedirectResponse(PREFIX + "/clients?verwijderd=1", status_code=303)

    # --- conversations --------------------------------------------------------------
    @router.get("/conversations/{conversation_id}")
    def conversation(request: Request, conversation_id: str) -> HTMLResponse:
        with pages.opened(request, roles=CASELOAD_ROLES) as (session, web_session, user):
            conv = conversation_or_404(session, user, conversation_id)
            audit.record(session, "transcript_viewed", user, client_ref=conv.client_id, conversation_ref=conv.id)
            client = session.get(Client, conv.client_id)
            return page(
                session,
                request,
                user,
                web_session,
                "pro/conversation.html",
                conv=conv,
                client=client,
                summary=build_summary(session, conv.id),
                quote=quote,
            )

    @router.post("/alerts/{alert_id}/acknowledge")
    def alert_acknowledge(request: Request, alert_id: int, csrf_token: str = Form("")) -> Response:
        """The professional saw a crisis alert of one of their clients (audited)."""
        with pages.opened(request, csrf_token, roles=CASELOAD_ROLES) as (session, _, user):
            flag = session.get(SafetyFlag, alert_id)
            if flag is None or not alerts.acknowledge(session, alert_id, user):
                raise PageError(404, NOT_FOUND)
            conv = session.get(Conversation, flag.conversation_id)
            audit.record(session, "alert_acknowledged", user, client_ref=conv.client_id, conversation_ref=conv.id)
            target = f"{PREFIX}/conversations/{quote(conv.id, safe='')}"
        return RedirectResponse(target, status_code=303)

    @router.get("/conversations/{conversation_id}/export.json")
    def export_json(request: Request, conversation_id: str, deidentified: int = 0) -> Response:
        with pages.opened(request, roles=CASELOAD_ROLES) as (session, _, user):
            conv = conversation_or_404(session, user, conversation_id)
            if deidentified:
                data = deidentified_conversation(session, conv.id)
                action, name = "export_deidentified", "gesprek-geanonimiseerd.json"
            else:
                data = conversation_json(session, conv.id)
                action, name = "export_json", "gesprek.json"
            audit.record(session, action, user, client_ref=conv.client_id, conversation_ref=conv.id)
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        return Response(
            body,
            media_type="application/json; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
        )

    @router.get("/conversations/{conversation_id}/export.html")
    def export_html(request: Request, conversation_id: str) -> HTMLResponse:
        with pages.opened(request, roles=CASELOAD_ROLES) as (session, _, user):
            conv = conversation_or_404(session, user, conversation_id)
            audit.record(session, "export_html", user, client_ref=conv.client_id, conversation_ref=conv.id)
            back = f"{PREFIX}/conversations/{quote(conv.id, safe='')}"
            html = conversation_html(session, conv.id, back_url=back)
        # the standalone page carries its own <style> (it is also saved as a file); scripts stay 'self' only
        return HTMLResponse(html, headers={"Cache-Control": "no-store", "Content-Security-Policy": EXPORT_CSP})

    @router.get("/conversations/{conversation_id}/export.pdf")
    def export_pdf(request: Request, conversation_id: str) -> Response:
        with pages.opened(request, roles=CASELOAD_ROLES) as (session, _, user):
            conv = conversation_or_404(session, user, conversation_id)
            audit.record(session, "export_pdf", user, client_ref=conv.client_id, conversation_ref=conv.id)
            body = conversation_pdf(session, conv.id)
        return Response(
            body,
            media_type="application/pdf",
            headers={"Content-Disposition": 'attachment; filename="gesprek.pdf"', "Cache-Control": "no-store"},
        )

    build_account_routes(router, pages)
    build_practice_routes(router, pages)
    return router
