"""FastAPI app for the Overstap client chat page.

`create_app(rasa_url)` builds an app that serves the chat page and a small JSON API:

- ``GET /``              the chat page (Jinja2, autoescaped)
- ``GET /static/...``    CSS and JS for the page
- ``GET /healthz``       liveness probe
- ``POST /api/message``  forwards one client message to the Rasa REST channel and returns
                         the coach's text replies as ``{"messages": [{"text": ...}, ...]}``

A message carries a ``message_id`` made by the page, the same for every resend of that
message; Rasa handles each id once (`bot.rasa_adapter.once`), so a resend gets the replies
of the first handling. Errors from ``/api/message`` are always ``{"error": "<Dutch text>"}``;
the page shows that text to the client. When the message could not be handled (Rasa or its
database or Redis unreachable, a timeout) the status is 503 with ``"code"`` and
``"retry": true``: nothing was stored and the page sends the same message again.
Message text is never logged: only ids, status codes and durations.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Dict, List, Optional, Tuple

import httpx
import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.accounts.security import digest
from bot.db.engine import session_scope
from bot.rasa_adapter.message_ids import BALANCER_QUEUE, HANDLING_TIMEOUT, MESSAGE_ID, new_message_id
from bot.understanding import input_guard
from bot.web.pages import PREFIX, WorkspaceSettings, install_error_pages
from bot.web.ratelimit import RateLimiter
from bot.web.workspace_routes import build_router
from bot.workspace.clients import InvitationStatus, resolve_invitation

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

RASA_WEBHOOK_PATH = "/webhooks/rest/webhook"
GREET_COMMAND = "/greet"  # sent by the page to open a conversation

# Texts longer than this are refused with 413. The page itself refuses texts over the
# coach's limit (bot.understanding.input_guard.MAX_CHARS, 2,000); other callers' texts
# between that and this hard limit are forwarded and the coach answers those kindly itself.
MAX_TEXT_CHARS = 10_000
# Raw request body cap. JSON escapes can take up to 12 bytes per character
# ("\ud83d\ude00"), so this leaves room for a maximal text plus the ids.
MAX_BODY_BYTES = MAX_TEXT_CHARS * 12 + 4_096

# The coach starts a new conversation after this many idle minutes (domain.yml,
# session_expiration_time); a personal link's page continues its conversation until then.
SESSION_IDLE_MINUTES = 60

ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{8,64}")

# Longer than the balancer's queue plus Rasa's own handling of one message (lock wait
# included), so that a slow message is never abandoned while Rasa is still handling it
# (bot.rasa_adapter.message_ids).
RASA_TIMEOUT = BALANCER_QUEUE + HANDLING_TIMEOUT + 5

# Error codes of a 503 that the page answers by sending the same message again.
CODE_STORE_UNAVAILABLE = "store_unavailable"  # Rasa's tracker store refused (database or Redis down)
CODE_UNAVAILABLE = "unavailable"  # Rasa unreachable or failing
CODE_TIMEOUT = "timeout"  # no answer from Rasa within RASA_TIMEOUT
RETRY_AFTER_SECONDS = 1

# --- User-facing texts (Dutch) ---------------------------------------------------------
ERR_INVALID_JSON = "Uw bericht kon niet worden gelezen. Vernieuw de pagina en probeer het opnieuw."
ERR_BAD_CONVERSATION_ID = "Er ging iets mis met de gesprekscode. Vernieuw de pagina of begin een nieuw gesprek."
ERR_BAD_CLIENT_ID = "Er ging iets mis met uw code. Vernieuw de pagina en probeer het opnieuw."
ERR_BAD_MESSAGE_ID = "Er ging iets mis met uw bericht. Vernieuw de pagina en probeer het opnieuw."
ERR_TEXT_NOT_STRING = "Uw bericht kon niet worden gelezen. Typ uw bericht opnieuw en verstuur het nog eens."
ERR_TEXT_EMPTY = "Uw bericht is leeg. Typ eerst iets en verstuur het dan."
ERR_TOO_LONG = "Uw bericht is te lang. Maak het wat korter en verstuur het opnieuw."
ERR_BACKEND = "Er ging iets mis aan onze kant. Uw bericht is niet verloren: probeer het zo nog eens."
ERR_NOT_FOUND = "Deze pagina bestaat niet."
ERR_METHOD = "Dit kan hier niet."
ERR_GENERIC = "Er ging iets mis. Probeer het zo nog eens."
ERR_FORM = "Het formulier was niet volledig of ongeldig. Ga terug en probeer het opnieuw."
ERR_LINK_EXPIRED = "Deze chatlink is verlopen. Vraag uw arbeidsdeskundige, klantmanager of jobcoach om een nieuwe link."
ERR_LINK_UNKNOWN = (
    "Deze chatlink werkt niet (meer). Controleer de link of vraag uw arbeidsdeskundige, klantmanager "
    "of jobcoach om een nieuwe."
)
ERR_RATE_LIMITED = "U stuurt veel berichten kort na elkaar. Wacht een minuut en probeer het dan opnieuw."
FALLBACK_REPLY = "Sorry, ik heb even geen antwoord. Probeer het nog eens of typ iets anders."

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class _BadRequest(Exception):
    """Raised while validating a request to /api/message; carries the response."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(status_code)
        self.status_code = status_code
        self.message = message


class _SecurityHeadersMiddleware:
    """Pure ASGI middleware adding SECURITY_HEADERS to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(status_code: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status_code, headers={"Cache-Control": "no-store"})


def _unavailable(code: str) -> JSONResponse:
    """503: the message was not handled and may be sent again (same id)."""
    return JSONResponse(
        {"error": ERR_BACKEND, "code": code, "retry": True},
        status_code=503,
        headers={"Cache-Control": "no-store", "Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


async def _read_body(request: Request) -> bytes:
    """Read the request body, refusing (413) anything larger than MAX_BODY_BYTES."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > MAX_BODY_BYTES:
                raise _BadRequest(413, ERR_TOO_LONG)
        except ValueError:
            raise _BadRequest(422, ERR_INVALID_JSON) from None
    chunks: List[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _BadRequest(413, ERR_TOO_LONG)
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_message_request(body: bytes) -> Dict[str, str]:
    """Validate the /api/message payload; returns conversation_id, client_id, message_id and text.

    A request without ``message_id`` (an older page) gets a fresh one: handled once, but
    not recognised when it is sent again.
    """
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise _BadRequest(422, ERR_INVALID_JSON) from None
    if not isinstance(payload, dict):
        raise _BadRequest(422, ERR_INVALID_JSON)

    conversation_id = payload.get("conversation_id")
    client_id = payload.get("client_id")
    text = payload.get("text")
    message_id = payload.get("message_id")
    if message_id is None:
        message_id = new_message_id()
    if not _valid_id(conversation_id):
        raise _BadRequest(422, ERR_BAD_CONVERSATION_ID)
    if not _valid_id(client_id):
        raise _BadRequest(422, ERR_BAD_CLIENT_ID)
    if not isinstance(message_id, str) or MESSAGE_ID.fullmatch(message_id) is None:
        raise _BadRequest(422, ERR_BAD_MESSAGE_ID)
    if not isinstance(text, str):
        raise _BadRequest(422, ERR_TEXT_NOT_STRING)
    if len(text) > MAX_TEXT_CHARS:
        raise _BadRequest(413, ERR_TOO_LONG)
    if not text.strip():
        raise _BadRequest(422, ERR_TEXT_EMPTY)
    return {"conversation_id": conversation_id, "client_id": client_id, "message_id": message_id, "text": text}


def _buttons(item: Dict[str, Any]) -> List[Dict[str, str]]:
    """Answer buttons of a message (the consent question): title and a plain-text payload
    the page sends as an ordinary message; intent commands ("/...") are dropped."""
    found = []
    for button in item.get("buttons") or []:
        if not isinstance(button, dict):
            continue
        title, payload = button.get("title"), button.get("payload")
        if isinstance(title, str) and isinstance(payload, str) and title.strip() and payload.strip():
            if not payload.startswith("/") and len(title) <= 80 and len(payload) <= 200:
                found.append({"title": title, "payload": payload})
    return found


def _extract_texts(rasa_messages: Any) -> Optional[List[Dict[str, Any]]]:
    """Keep only the text (and answer buttons) of each Rasa message; None if not a list."""
    if not isinstance(rasa_messages, list):
        return None
    texts = []
    for item in rasa_messages:
        if isinstance(item, dict):
            text = item.get("text")
            if isinstance(text, str) and text.strip():
                buttons = _buttons(item)
                texts.append({"text": text, "buttons": buttons} if buttons else {"text": text})
    return texts


def _rasa_error_code(response: httpx.Response) -> str:
    """CODE_STORE_UNAVAILABLE when Rasa's channel says its tracker store refused the message."""
    try:
        body = response.json()
    except ValueError:
        return CODE_UNAVAILABLE
    if isinstance(body, dict) and body.get("error") == CODE_STORE_UNAVAILABLE:
        return CODE_STORE_UNAVAILABLE
    return CODE_UNAVAILABLE


def create_app(
    rasa_url: str,
    *,
    request_timeout: float = RASA_TIMEOUT,
    transport: Optional[httpx.AsyncBaseTransport] = None,
    database_url: Optional[str] = None,
    cookie_secure: bool = True,
    open_chat: bool = True,
) -> FastAPI:
    """Build the web app: the client's chat page and the professional's workspace (/pro).

    rasa_url: base URL of the Rasa server, e.g. ``http://localhost:5005``.
    request_timeout: seconds to wait for Rasa before answering 503 (keep it longer than
        Rasa's handling of one message, HANDLING_TIMEOUT).
    transport: optional httpx transport for the Rasa client (tests use httpx.MockTransport).
    database_url: the application database (default: DATABASE_URL / SQLite under var/).
    cookie_secure: mark the workspace's cookies Secure (browsers still send them to
        http://localhost; set False only for plain-HTTP test clients).
    open_chat: serve the open chat at ``/`` (clients without a professional, for trying
        the coach locally). Invited clients use their personal link ``/c/<token>``.
    """
    webhook_url = rasa_url.rstrip("/") + RASA_WEBHOOK_PATH
    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        client = httpx.AsyncClient(
            timeout=httpx.Timeout(request_timeout),
            transport=transport,
            follow_redirects=False,
        )
        app.state.rasa_client = client
        try:
            yield
        finally:
            await client.aclose()

    app = FastAPI(
        title="Overstap chat",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.rasa_client = None
    app.state.rasa_webhook_url = webhook_url
    app.state.chat_rate_limiter = RateLimiter()  # per chat link; Redis when REDIS_URL is set
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    app.add_middleware(_SecurityHeadersMiddleware)

    settings = WorkspaceSettings(database_url=database_url, cookie_secure=cookie_secure)
    app.include_router(build_router(templates, settings))
    install_error_pages(app, templates)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: ERR_NOT_FOUND, 405: ERR_METHOD}.get(exc.status_code, ERR_GENERIC)
        if request.url.path.startswith(PREFIX) or request.url.path.startswith("/c/"):
            html = templates.get_template("pro/error.html").render(
                prefix=PREFIX, user=None, message=message, status=exc.status_code
            )
            return HTMLResponse(html, status_code=exc.status_code, headers=exc.headers or None)
        if "text/html" in request.headers.get("accept", ""):  # a browser: a Dutch page, not JSON
            root_path = request.scope.get("root_path", "").rstrip("/")
            html = templates.get_template("public_error.html").render(
                message=message,
                status=exc.status_code,
                root_path=root_path,
                home=root_path + "/" if open_chat else None,
            )
            return HTMLResponse(html, status_code=exc.status_code, headers=exc.headers or None)
        response = _error(exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith(PREFIX):
            html = templates.get_template("pro/error.html").render(
                prefix=PREFIX, user=None, message=ERR_FORM, status=422
            )
            return HTMLResponse(html, status_code=422)
        return _error(422, ERR_INVALID_JSON)

    def chat_html(root_path: str, api_url: str, storage_scope: str) -> HTMLResponse:
        html = templates.get_template("chat.html").render(
            root_path=root_path,
            api_url=root_path + api_url,
            storage_scope=storage_scope,
            max_text_chars=input_guard.MAX_CHARS,  # the coach's own limit: page and coach agree
            idle_minutes=SESSION_IDLE_MINUTES,
        )
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    def link_status(token: str):
        with session_scope(database_url) as session:
            return resolve_invitation(session, token)

    def link_problem(status: InvitationStatus) -> Tuple[int, str]:
        if status is InvitationStatus.EXPIRED:
            return 410, ERR_LINK_EXPIRED
        return 404, ERR_LINK_UNKNOWN

    if open_chat:

        @app.get("/", response_class=HTMLResponse)
        async def chat_page(request: Request) -> HTMLResponse:
            root_path = request.scope.get("root_path", "").rstrip("/")
            return chat_html(root_path, "/api/message", "")

    @app.get("/c/{token}", response_class=HTMLResponse)
    def invited_chat_page(request: Request, token: str) -> HTMLResponse:
        status, _ = link_status(token)
        root_path = request.scope.get("root_path", "").rstrip("/")
        if status is not InvitationStatus.VALID:
            code, message = link_problem(status)
            html = templates.get_template("chat_link_error.html").render(message=message, root_path=root_path)
            return HTMLResponse(html, status_code=code, headers={"Cache-Control": "no-store"})
        return chat_html(root_path, f"/c/{token}/message", digest(token)[:12] + ".")

    @app.post("/c/{token}/message")
    async def invited_message(request: Request, token: str) -> JSONResponse:
        status, client_id = await asyncio.get_running_loop().run_in_executor(None, link_status, token)
        if status is not InvitationStatus.VALID:
            code, message = link_problem(status)
            return _error(code, message)
        allowed = await asyncio.get_running_loop().run_in_executor(
            None, request.app.state.chat_rate_limiter.allow, "chatlink", token
        )
        if not allowed:
            logger.info("rejected message: status=429")
            return _error(429, ERR_RATE_LIMITED)
        return await forward(request, client_id)

    @app.get("/healthz")
    async def healthz() -> Dict[str, str]:
        return {"status": "ok"}

    if open_chat:

        @app.post("/api/message")
        async def post_message(request: Request) -> JSONResponse:
            return await forward(request, None)

    async def forward(request: Request, bound_client_id: Optional[str]) -> JSONResponse:
        """Validate one chat message and pass it to Rasa; an invitation fixes the client id."""
        try:
            message = _parse_message_request(await _read_body(request))
        except _BadRequest as exc:
            logger.info("rejected message: status=%d", exc.status_code)
            return _error(exc.status_code, exc.message)
        if bound_client_id is not None:
            message["client_id"] = bound_client_id  # never trust the page for whose chat this is

        conversation_id = message["conversation_id"]
        client: Optional[httpx.AsyncClient] = request.app.state.rasa_client
        if client is None:  # app used without running its lifespan
            logger.error("rasa client not started (lifespan not run)")
            return _unavailable(CODE_UNAVAILABLE)

        text = message["text"]
        if text.startswith("/") and text != GREET_COMMAND:
            # Rasa reads "/intent" as a command; a client must not skip consent that way.
            text = text.lstrip("/")
        rasa_payload = {
            "sender": conversation_id,
            "message": text,
            "metadata": {"client_id": message["client_id"], "message_id": message["message_id"]},
        }
        started = time.monotonic()
        try:
            # httpx enforces per-phase timeouts; wait_for caps the total duration.
            response = await asyncio.wait_for(client.post(webhook_url, json=rasa_payload), timeout=request_timeout)
        except (httpx.HTTPError, asyncio.TimeoutError) as exc:
            logger.warning(
                "rasa request failed: conversation=%s error=%s duration_ms=%d",
                conversation_id,
                type(exc).__name__,
                (time.monotonic() - started) * 1000,
            )
            timed_out = isinstance(exc, (httpx.TimeoutException, asyncio.TimeoutError))
            return _unavailable(CODE_TIMEOUT if timed_out else CODE_UNAVAILABLE)
        except Exception as exc:  # noqa: BLE001 - never leak a 500 or the text into logs
            logger.error(
                "rasa request failed unexpectedly: conversation=%s error=%s",
                conversation_id,
                type(exc).__name__,
            )
            return _unavailable(CODE_UNAVAILABLE)

        duration_ms = (time.monotonic() - started) * 1000
        if not response.is_success:
            code = _rasa_error_code(response)
            logger.warning(
                "rasa answered with an error: conversation=%s status=%d code=%s duration_ms=%d",
                conversation_id,
                response.status_code,
                code,
                duration_ms,
            )
            return _unavailable(code)
        try:
            texts = _extract_texts(response.json())
        except ValueError:
            texts = None
        if texts is None:
            logger.warning(
                "rasa answered with an unexpected body: conversation=%s status=%d duration_ms=%d",
                conversation_id,
                response.status_code,
                duration_ms,
            )
            return _unavailable(CODE_UNAVAILABLE)

        logger.info(
            "message forwarded: conversation=%s status=%d replies=%d duration_ms=%d",
            conversation_id,
            response.status_code,
            len(texts),
            duration_ms,
        )
        if not texts:
            texts = [{"text": FALLBACK_REPLY}]
        return JSONResponse({"messages": texts}, headers={"Cache-Control": "no-store"})

    return app
