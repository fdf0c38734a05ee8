"""What every page of the workspace and practice mode shares: the session cookie and the
log-in redirect, the CSRF check, Dutch error pages, rendering, and opening a route
(database session + logged-in account + CSRF) in one `with`.

Both route modules (workspace_routes, practice_routes) import this one and not each other.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Optional, Sequence, Tuple
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bot.accounts import accounts, audit
from bot.accounts.security import same
from bot.core.clock import local
from bot.core.stages import DUTCH_NAMES
from bot.db.engine import session_scope
from bot.db.models import Professional, WebSession
from bot.workspace import safety_levels
from bot.workspace.summary_content import load_summary_content

SESSION_COOKIE = "overstap_sessie"
LOGIN_CSRF_COOKIE = "overstap_login_csrf"
PREFIX = "/pro"


class NeedLogin(Exception):
    def __init__(self, next_path: str = PREFIX + "/clients") -> None:
        super().__init__(next_path)
        self.next_path = next_path


class PageError(Exception):
    """An HTML error page with a Dutch message."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(status_code)
        self.status_code = status_code
        self.message = message


NOT_FOUND = "Deze pagina bestaat niet, of u heeft er geen toegang toe."
CSRF_FAILED = "Het formulier is verlopen of ongeldig. Ga terug, vernieuw de pagina en probeer het opnieuw."
ADMIN_ONLY = NOT_FOUND


@dataclass
class WorkspaceSettings:
    database_url: Optional[str] = None
    cookie_secure: bool = True


def safe_next(value: str) -> str:
    """Only redirect to paths inside the workspace (no open redirect)."""
    parts = urlsplit(value or "")
    if parts.scheme or parts.netloc or not (value or "").startswith(PREFIX + "/") or "\\" in value:
        return PREFIX + "/clients"
    return value


def _fmt_date(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):  # stored in UTC, shown in Dutch local time
        return local(value).strftime("%d-%m-%Y %H:%M")
    return value.strftime("%d-%m-%Y")


def _fmt_pct(value: Optional[float]) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


WRONG_ROLE = "Deze pagina hoort niet bij uw rol. Ga terug naar uw eigen startpagina."
# Who may work with real clients (caseload pages, chat links, transcripts, exports, alerts).
CASELOAD_ROLES = ("professional", "admin", "teacher")  # not students: they practise with personas


class Pages:
    """What every workspace route needs: a database session, the logged-in account (or a
    redirect to the log-in page), the CSRF check, and rendering with the session's token."""

    def __init__(self, templates: jinja2.Environment, settings: WorkspaceSettings) -> None:
        self.templates = templates
        self.settings = settings
        templates.filters["datum"] = _fmt_date
        templates.filters["procent"] = _fmt_pct
        templates.globals["stage_name"] = lambda s: (
            DUTCH_NAMES.get(s, "nog niet vast te stellen") if s else "nog niet vast te stellen"
        )
        templates.globals["role_label"] = lambda r: accounts.ROLE_LABELS.get(r, r)
        templates.globals["action_label"] = lambda a: audit.ACTIONS.get(a, a)
        summary_texts = load_summary_content()
        templates.globals["safety_label"] = lambda level: summary_texts.text(f"safety.levels.{level}")
        templates.globals["safety_turn_label"] = summary_texts.text("safety.turn")
        templates.globals["conversation_safety"] = lambda conv: safety_levels.conversation_level(conv.safety_flags)

    def db(self):
        return session_scope(self.settings.database_url)

    def render(self, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = self.templates.get_template(name).render(prefix=PREFIX, **ctx)
        return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})

    def current(self, request: Request, session) -> Tuple[WebSession, Professional]:
        found = accounts.session_for(session, request.cookies.get(SESSION_COOKIE))
        if found is None:
            path = request.url.path
            raise NeedLogin(path if request.method == "GET" else home_of(None))
        return found

    @staticmethod
    def check_csrf(web_session: WebSession, token: str) -> None:
        if not token or not same(web_session.csrf_token, token):
            raise PageError(403, CSRF_FAILED)

    @contextmanager
    def opened(
        self, request: Request, csrf: Optional[str] = None, roles: Optional[Sequence[str]] = None
    ) -> Iterator[Tuple[Any, WebSession, Professional]]:
        """The opening of every route: one database transaction, the logged-in account (else
        the log-in page), the account's role (`roles`: the roles allowed on this route; every
        route names them) and, for a form post (`csrf` given, even empty), its CSRF token."""
        with self.db() as session:
            web_session, user = self.current(request, session)
            if roles is not None and user.role not in roles:
                raise PageError(403, WRONG_ROLE)
            if csrf is not None:
                self.check_csrf(web_session, csrf)
            yield session, web_session, user

    def page(
        self,
        session,
        request: Request,
        user: Professional,
        web_session: WebSession,
        name: str,
        status: int = 200,
        **ctx: Any,
    ) -> HTMLResponse:
        return self.render(name, status, user=user, csrf_token=web_session.csrf_token, **ctx)


def home_of(user: Optional[Professional]) -> str:
    """Where an account lands after log-in: students practise, teachers see their students."""
    role = user.role if user else None
    return {"student": PREFIX + "/practice", "teacher": PREFIX + "/teacher"}.get(role, PREFIX + "/clients")


def install_error_pages(app, templates: jinja2.Environment) -> None:
    """HTML answers for the workspace's log-in redirects and error pages."""

    @app.exception_handler(NeedLogin)
    async def need_login(request: Request, exc: NeedLogin) -> RedirectResponse:
        return RedirectResponse(f"{PREFIX}/login?next={quote(safe_next(exc.next_path))}", status_code=303)

    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> HTMLResponse:
        html = templates.get_template("pro/error.html").render(
            prefix=PREFIX, user=None, message=exc.message, status=exc.status_code
        )
        return HTMLResponse(html, status_code=exc.status_code, headers={"Cache-Control": "no-store"})
