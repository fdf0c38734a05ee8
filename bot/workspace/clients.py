"""A professional's clients, their personal chat links, and deleting a client everywhere."""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from typing import List, Optional, Tuple

from sqlalchemy import MetaData, Table, delete, inspect, select
from sqlalchemy.orm import Session

from bot.accounts import security
from bot.db.models import Client, Conversation, Invitation, Professional, utcnow

DEFAULT_INVITATION_DAYS = 30
MAX_INVITATION_DAYS = 365
RASA_EVENTS_TABLE = "events"  # Rasa's SQLTrackerStore, same database


class ClientError(ValueError):
    """A Dutch message for the person filling in the form."""


class InvitationStatus(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


def new_client_id() -> str:
    return "cl-" + secrets.token_hex(10)


def create_client(
    session: Session, owner: Professional, pseudonym: str, next_gesprek: Optional[dt.date] = None
) -> Client:
    pseudonym = (pseudonym or "").strip()
    if not pseudonym:
        raise ClientError("Vul een pseudoniem of initialen in.")
    if len(pseudonym) > 80:
        raise ClientError("Het pseudoniem is te lang (hoogstens 80 tekens).")
    client = Client(id=new_client_id(), owner_id=owner.id, pseudonym=pseudonym, next_gesprek=next_gesprek)
    session.add(client)
    session.flush()
    return client


def parse_date(value: str) -> Optional[dt.date]:
    """A date from a form field (YYYY-MM-DD, as <input type=date> sends it); '' is no date."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ClientError("Vul een geldige datum in (jjjj-mm-dd).") from None


def owned_client(session: Session, owner: Professional, client_id: str) -> Optional[Client]:
    """The client if it exists AND belongs to `owner`; None otherwise (the route answers 404)."""
    client = session.get(Client, client_id) if client_id and len(client_id) <= 64 else None
    if client is None or client.owner_id != owner.id:
        return None
    return client


def owned_conversation(session: Session, owner: Professional, conversation_id: str) -> Optional[Conversation]:
    conv = session.get(Conversation, conversation_id) if conversation_id and len(conversation_id) <= 160 else None
    if conv is None or owned_client(session, owner, conv.client_id) is None:
        return None
    return conv


def create_invitation(
    session: Session, client: Client, days: int = DEFAULT_INVITATION_DAYS, now: Optional[dt.datetime] = None
) -> Tuple[Invitation, str]:
    """A new personal chat link; returns the invitation and the token (shown once, stored hashed)."""
    if not 1 <= days <= MAX_INVITATION_DAYS:
        raise ClientError(f"Kies een geldigheid van 1 tot {MAX_INVITATION_DAYS} dagen.")
    now = now or utcnow()
    token = security.new_token()
    invitation = Invitation(
        client_id=client.id, token_hash=security.digest(token), created_at=now, expires_at=now + dt.timedelta(days=days)
    )
    session.add(invitation)
    session.flush()
    return invitation, token


def revoke_invitation(session: Session, client: Client, invitation_id: int) -> Optional[Invitation]:
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.client_id != client.id:
        return None
    if invitation.revoked_at is None:
        invitation.revoked_at = utcnow()
    return invitation


def invitation_status(invitation: Invitation, now: Optional[dt.datetime] = None) -> InvitationStatus:
    if invitation.revoked_at is not None:
        return InvitationStatus.REVOKED
    if invitation.expires_at < (now or utcnow()):
        return InvitationStatus.EXPIRED
    return InvitationStatus.VALID


def invitation_for_token(session: Session, client: Client, token: str) -> Optional[Invitation]:
    """The client's invitation with this token, or None (a token of another client too)."""
    if not token or len(token) > 100:
        return None
    invitation = session.scalar(select(Invitation).where(Invitation.token_hash == security.digest(token)))
    return invitation if invitation is not None and invitation.client_id == client.id else None


def resolve_invitation(
    session: Session, token: str, now: Optional[dt.datetime] = None
) -> Tuple[InvitationStatus, Optional[str]]:
    """What a chat link token is worth: its status and, when valid, the client id it binds to."""
    if not token or len(token) > 100:
        return InvitationStatus.UNKNOWN, None
    invitation = session.scalar(select(Invitation).where(Invitation.token_hash == security.digest(token)))
    if invitation is None:
        return InvitationStatus.UNKNOWN, None
    status = invitation_status(invitation, now)
    return status, invitation.client_id if status is InvitationStatus.VALID else None


def delete_rasa_state(session: Session, sender_ids: List[str]) -> int:
    """Remove Rasa's tracker events of these conversations (Rasa's SQL tracker store)."""
    if not sender_ids:
        return 0
    bind = session.get_bind()
    if not inspect(bind).has_table(RASA_EVENTS_TABLE):
        return 0
    events = Table(RASA_EVENTS_TABLE, MetaData(), autoload_with=bind)
    return session.execute(delete(events).where(events.c.sender_id.in_(sender_ids))).rowcount or 0


def delete_client_everywhere(session: Session, client: Client) -> None:
    """Every transcript, assessment, answer, flag, invitation and Rasa chat state of the client."""
    sender_ids = sorted({c.sender_id for c in client.conversations})
    delete_rasa_state(session, sender_ids)
    session.delete(client)
    session.flush()
