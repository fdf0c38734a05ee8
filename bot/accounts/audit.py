"""The audit log: who viewed, exported or deleted what, and when. References only, no content."""

from __future__ import annotations

from typing import List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import AuditEvent, Professional

# action ids and their Dutch labels for the admin's view
ACTIONS = {
    "login": "ingelogd",
    "logout": "uitgelogd",
    "client_created": "cliënt aangemaakt",
    "invitation_created": "uitnodiging gemaakt",
    "invitation_revoked": "uitnodiging ingetrokken",
    "client_viewed": "cliënt bekeken",
    "transcript_viewed": "gesprek bekeken",
    "export_json": "gesprek geëxporteerd (JSON)",
    "export_html": "gesprek geëxporteerd (afdrukbaar)",
    "export_pdf": "gesprek geëxporteerd (PDF)",
    "export_deidentified": "gesprek geëxporteerd (ontdaan van persoonsgegevens)",
    "client_deleted": "cliënt verwijderd",
    "alert_acknowledged": "crisismelding gezien",
    "retention_purge": "bewaartermijn verstreken: gesprek verwijderd",
    "account_created": "account aangemaakt",
    "account_disabled": "account uitgeschakeld",
    "account_enabled": "account weer ingeschakeld",
    "password_changed": "eigen wachtwoord gewijzigd",
    "password_reset_issued": "resetlink voor wachtwoord gemaakt",
    "password_reset_used": "wachtwoord ingesteld via resetlink",
}


def record(
    session: Session,
    action: str,
    actor: Optional[Professional] = None,
    *,
    client_ref: Optional[str] = None,
    conversation_ref: Optional[str] = None,
    actor_label: Optional[str] = None,
) -> AuditEvent:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor else None,
        actor_email=actor.email if actor else actor_label,
        client_ref=client_ref,
        conversation_ref=conversation_ref,
    )
    session.add(event)
    return event


def for_client(session: Session, client_ref: str) -> List[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.client_ref == client_ref).order_by(AuditEvent.id)))
