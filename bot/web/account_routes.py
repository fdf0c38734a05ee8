"""Accounts in the workspace: the admin's account list (create, disable, reset links) and
audit log, everyone's own password change, and the anonymous reset-link page. The same
checks as every workspace route (bot.web.pages): session, role, CSRF on POST.
"""

from __future__ import annotations

from typing import Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.accounts import accounts, audit, audit_search, passwords
from bot.core.clock import local
from bot.db.models import Professional
from bot.web.pages import ADMIN_ONLY, NOT_FOUND, PREFIX, SESSION_COOKIE, PageError, Pages

RESET_LINK_COOKIE = "overstap_resetlink"  # a new reset link reaches the accounts page in this cookie
RESET_LINK_SECONDS = 600
PASSWORD_NOTICES = {
    "gewijzigd": "Uw wachtwoord is gewijzigd. U bent overal uitgelogd; log in met uw nieuwe wachtwoord.",
    "ingesteld": "Uw nieuwe wachtwoord is ingesteld. Log in met uw nieuwe wachtwoord.",
}


def build_account_routes(router: APIRouter, pages: Pages) -> None:
    settings = pages.settings
    db, render, page = pages.db, pages.render, pages.page

    def require_admin(user: Professional) -> None:
        if user.role != "admin":
            raise PageError(404, ADMIN_ONLY)

    # --- admin ----------------------------------------------------------------------
    @router.get("/admin/accounts")
    def account_list(request: Request) -> HTMLResponse:
        with pages.opened(request) as (session, web_session, user):
            require_admin(user)
            reset_link = None
            token = request.cookies.get(RESET_LINK_COOKIE, "")
            status, reset = passwords.resolve_reset(session, token) if token else (None, None)
            if status is passwords.ResetStatus.VALID:
                reset_link = {
                    "url": str(request.base_url).rstrip("/") + f"{PREFIX}/reset/{token}",
                    "account": session.get(Professional, reset.professional_id),
                    "expires": local(reset.expires_at).strftime("%d-%m-%Y %H:%M"),
                }
            return page(
                session,
                request,
                user,
                web_session,
                "pro/accounts.html",
                accounts_=accounts.all_accounts(session),
                error=None,
                form={},
                roles=accounts.ROLES,
                teachers=accounts.teachers(session),
                reset_link=reset_link,
            )

    @router.post("/admin/accounts")
    def account_create(
        request: Request,
        email: str = Form(""),
        name: str = Form(""),
        password: str = Form(""),
        role: str = Form("professional"),
        teacher_id: str = Form(""),
        csrf_token: str = Form(""),
    ) -> Response:
        with pages.opened(request, csrf_token) as (session, web_session, user):
            require_admin(user)
            try:
                teacher = int(teacher_id) if teacher_id.isdigit() and role == "student" else None
                account = accounts.create_professional(session, email, name, password, role, teacher)
            except accounts.AccountError as exc:
                return page(
                    session,
                    request,
                    user,
                    web_session,
                    "pro/accounts.html",
                    422,
                    accounts_=accounts.all_accounts(session),
                    error=str(exc),
                    roles=accounts.ROLES,
                    teachers=accounts.teachers(session),
                    form={"email": email[:254], "name": name[:120], "role": role},
                    reset_link=None,
                )
            audit.record(session, "account_created", user, client_ref=f"account:{account.id}")
            return RedirectResponse(PREFIX + "/admin/accounts", status_code=303)

    @router.post("/admin/accounts/{account_id}/reset")
    def account_reset(request: Request, account_id: int, csrf_token: str = Form("")) -> Response:
        """A reset link for someone who forgot their password (Post/Redirect/Get, as chat links)."""
        with pages.opened(request, csrf_token) as (session, web_session, user):
            require_admin(user)
            account = session.get(Professional, account_id)
            if account is None or not account.active:
                raise PageError(404, NOT_FOUND)
            _, token = passwords.issue_reset(session, account, user)
            audit.record(session, "password_reset_issued", user, client_ref=f"account:{account.id}")
        response = RedirectResponse(PREFIX + "/admin/accounts#resetlink", status_code=303)
        response.set_cookie(
            RESET_LINK_COOKIE,
            token,
            httponly=True,
            secure=settings.cookie_secure,
            samesite="strict",
            path=PREFIX + "/admin/accounts",
            max_age=RESET_LINK_SECONDS,
        )
        return response

    @router.post("/admin/accounts/{account_id}/{change}")
    def account_active(request: Request, account_id: int, change: str, csrf_token: str = Form("")) -> Response:
        if change not in ("disable", "enable"):
            raise PageError(404, NOT_FOUND)
        with pages.opened(request, csrf_token) as (session, web_session, user):
            require_admin(user)
            if account_id == user.id and change == "disable":
                raise PageError(422, "U kunt uw eigen account niet uitschakelen.")
            if accounts.set_active(session, account_id, change == "enable") is None:
                raise PageError(404, NOT_FOUND)
            audit.record(
                session,
                "account_disabled" if change == "disable" else "account_enabled",
                user,
                client_ref=f"account:{account_id}",
            )
        return RedirectResponse(PREFIX + "/admin/accounts", status_code=303)

    @router.get("/admin/audit")
    def audit_log(request: Request) -> HTMLResponse:
        query = audit_search.AuditQuery.parse(request.query_params)
        with pages.opened(request) as (session, web_session, user):
            require_admin(user)
            result = audit_search.search(session, query)
            return page(
                session,
                request,
                user,
                web_session,
                "pro/audit.html",
                result=result,
                accounts_=accounts.all_accounts(session),
                actions=audit.ACTIONS,
                system=audit_search.SYSTEM,
                link=lambda **changes: PREFIX + "/admin/audit?" + urlencode(result.query.params(**changes)),
            )

    # --- own password and reset links -------------------------------------------------
    @router.get("/account/password")
    def password_form(request: Request) -> HTMLResponse:
        with pages.opened(request, roles=accounts.ROLES) as (session, web_session, user):
            return page(session, request, user, web_session, "pro/password.html", error=None)

    @router.post("/account/password")
    def password_change(
        request: Request,
        current: str = Form(""),
        new: str = Form(""),
        repeat: str = Form(""),
        csrf_token: str = Form(""),
    ) -> Response:
        with pages.opened(request, csrf_token, roles=accounts.ROLES) as (session, web_session, user):
            try:
                passwords.change_password(session, user, current, new, repeat)
            except accounts.AccountError as exc:
                return page(session, request, user, web_session, "pro/password.html", 422, error=str(exc))
            audit.record(session, "password_changed", user)
        response = RedirectResponse(PREFIX + "/login?wachtwoord=gewijzigd", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    def reset_page(token: str, status: int = 200, error: Optional[str] = None) -> HTMLResponse:
        return render("pro/reset.html", status, user=None, csrf_token="", token=token, error=error)

    @router.get("/reset/{token}")
    def reset_form(token: str) -> HTMLResponse:
        with db() as session:
            status, _ = passwords.resolve_reset(session, token)
        if status is not passwords.ResetStatus.VALID:
            raise PageError(404 if status is passwords.ResetStatus.UNKNOWN else 410, passwords.RESET_PROBLEMS[status])
        return reset_page(token)

    @router.post("/reset/{token}")
    def reset_use(token: str, new: str = Form(""), repeat: str = Form("")) -> Response:
        """The token in the path is the secret, so no CSRF cookie is needed."""
        with db() as session:
            status, _ = passwords.resolve_reset(session, token)
            if status is not passwords.ResetStatus.VALID:
                raise PageError(
                    404 if status is passwords.ResetStatus.UNKNOWN else 410, passwords.RESET_PROBLEMS[status]
                )
            try:
                account = passwords.use_reset(session, token, new, repeat)
            except accounts.AccountError as exc:
                return reset_page(token, 422, str(exc))
            audit.record(session, "password_reset_used", account)
        response = RedirectResponse(PREFIX + "/login?wachtwoord=ingesteld", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
