"""Telling the professional about a confirmed crisis signal: an e-mail to the owner of the
chat link, and an alert in the workspace until they acknowledge it (audited).

The e-mail holds no message text, no name and no id: only that a client of theirs had a
crisis signal, when (Dutch local time), and where to look. SMTP settings come from the
environment:

    OVERSTAP_SMTP_HOST        no host: no e-mail (the workspace alert still shows)
    OVERSTAP_SMTP_PORT        default 25
    OVERSTAP_SMTP_USER / OVERSTAP_SMTP_PASSWORD   optional login
    OVERSTAP_SMTP_STARTTLS    "1" to upgrade the connection with STARTTLS
    OVERSTAP_SMTP_FROM        default overstap@localhost
    OVERSTAP_WORKSPACE_URL    the workspace's address for the link, default http://127.0.0.1:8000/pro

Sending happens in a background thread, so the client's reply is never delayed by it; a
failed send is logged by error type only and leaves notified_at empty.
"""

from __future__ import annotations

import logging
import os
import smtplib
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Optional

from sqlalchemy import select

from bot.core.clock import dutch
from bot.core.runtime import env_flag
from bot.db.engine import session_scope
from bot.db.models import Client, Conversation, Professional, SafetyFlag, utcnow

logger = logging.getLogger(__name__)
ALERT_KINDS = ("crisis",)  # the kinds that reach the professional by e-mail and need an acknowledgement


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: Optional[str] = None
    password: Optional[str] = None
    starttls: bool = False
    sender: str = "overstap@localhost"
    workspace_url: str = "http://127.0.0.1:8000/pro"

    @staticmethod
    def from_env() -> Optional["SmtpSettings"]:
        host = os.environ.get("OVERSTAP_SMTP_HOST")
        if not host:
            return None
        return SmtpSettings(
            host=host,
            port=int(os.environ.get("OVERSTAP_SMTP_PORT") or 25),
            user=os.environ.get("OVERSTAP_SMTP_USER") or None,
            password=os.environ.get("OVERSTAP_SMTP_PASSWORD") or None,
            starttls=env_flag("OVERSTAP_SMTP_STARTTLS", False),
            sender=os.environ.get("OVERSTAP_SMTP_FROM") or "overstap@localhost",
            workspace_url=(os.environ.get("OVERSTAP_WORKSPACE_URL") or "http://127.0.0.1:8000/pro").rstrip("/"),
        )


def compose(to: str, name: str, when, settings: SmtpSettings) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "Overstap: een cliënt van u heeft nu steun nodig"
    message["From"] = settings.sender
    message["To"] = to
    message.set_content(
        f"Beste {name},\n\n"
        f"Een cliënt van u gaf op {dutch(when)} in een chat met de Overstap-coach een signaal van een crisis. "
        "De coach is gestopt met de vragen over werk en heeft de cliënt gewezen op hulp die dag en nacht "
        "bereikbaar is: 113 Zelfmoordpreventie (113 of 0800-0113), bij huiselijk geweld Veilig Thuis "
        "(0800-2000), bij direct gevaar 112, en de huisarts.\n\n"
        f"Open de werkplek om te zien om wie het gaat en neem contact op: {settings.workspace_url}/clients\n\n"
        "Deze e-mail bevat bewust geen namen en geen gespreksinhoud.\n"
    )
    return message


def _send(message: EmailMessage, settings: SmtpSettings) -> None:
    with smtplib.SMTP(settings.host, settings.port, timeout=10) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(message)


def _owner_of_flag(flag_id: int, url: Optional[str]) -> Optional[tuple]:
    with session_scope(url) as session:
        row = session.execute(
            select(Professional.email, Professional.name, SafetyFlag.created_at)
            .join(Conversation, Conversation.id == SafetyFlag.conversation_id)
            .join(Client, Client.id == Conversation.client_id)
            .join(Professional, Professional.id == Client.owner_id)
            .where(SafetyFlag.id == flag_id, Professional.active.is_(True))
        ).first()
        return tuple(row) if row else None


def _mark_notified(flag_id: int, url: Optional[str]) -> None:
    with session_scope(url) as session:
        flag = session.get(SafetyFlag, flag_id)
        if flag is not None:
            flag.notified_at = utcnow()


def notify_owner(
    flag_id: int, url: Optional[str] = None, settings: Optional[SmtpSettings] = None, wait: bool = False
) -> Optional[threading.Thread]:
    """E-mail the owner of the flagged conversation's client, in the background. Returns the
    sending thread, or None when there is nobody to tell or no SMTP server is configured."""
    settings = settings or SmtpSettings.from_env()
    owner = _owner_of_flag(flag_id, url)
    if owner is None:
        return None
    if settings is None:
        logger.warning("crisis alert %s: no SMTP server configured (OVERSTAP_SMTP_HOST); workspace alert only", flag_id)
        return None
    email, name, when = owner
    message = compose(email, name, when, settings)

    def send() -> None:
        try:
            _send(message, settings)
            _mark_notified(flag_id, url)
        except Exception as exc:  # noqa: BLE001 - the alert stays in the workspace
            logger.error("crisis alert %s: e-mail failed: %s", flag_id, type(exc).__name__)

    thread = threading.Thread(target=send, name=f"crisis-alert-{flag_id}", daemon=True)
    thread.start()
    if wait:
        thread.join(timeout=15)
    return thread


def acknowledge(session, flag_id: int, professional: Professional) -> bool:
    """Mark a crisis alert of one of the professional's clients as seen. False if it is not theirs."""
    flag = session.get(SafetyFlag, flag_id)
    if flag is None or flag.kind not in ALERT_KINDS:
        return False
    conv = session.get(Conversation, flag.conversation_id)
    client = session.get(Client, conv.client_id) if conv else None
    if client is None or client.owner_id != professional.id:
        return False
    if flag.acknowledged_at is None:
        flag.acknowledged_at = utcnow()
        flag.acknowledged_by = professional.id
    return True
