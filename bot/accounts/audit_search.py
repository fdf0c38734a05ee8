"""Reading the audit log: filters (actor, action, Dutch calendar dates), pages, and for
every line the client's pseudonym and the conversation's date instead of bare ids, in one
query per page. Lines about a deleted client keep their reference (the pseudonym is gone)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Dict, List, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.accounts.audit import ACTIONS
from bot.core.clock import utc_start_of
from bot.db.models import AuditEvent, Client, Conversation, Professional

PAGE_SIZE = 100
SYSTEM = "systeem"  # actor filter value: events without an account (retention)


@dataclass
class AuditQuery:
    actor: str = ""  # an account id as text, SYSTEM, or "" (everyone)
    action: str = ""
    date_from: Optional[dt.date] = None  # Dutch calendar days, inclusive
    date_to: Optional[dt.date] = None
    page: int = 1

    @classmethod
    def parse(cls, params) -> "AuditQuery":
        """Unknown or malformed values are ignored: a bad link still shows the log."""
        actor = params.get("wie", "")
        action = params.get("wat", "")
        page = params.get("pagina", "")
        return cls(
            actor=actor if actor == SYSTEM or (actor.isdigit() and len(actor) < 10) else "",
            action=action if action in ACTIONS else "",
            date_from=_date(params.get("van", "")),
            date_to=_date(params.get("tot", "")),
            page=int(page) if page.isdigit() and 0 < int(page) < 1_000_000 else 1,
        )

    def params(self, **changes) -> Dict[str, str]:
        values = {
            "wie": self.actor,
            "wat": self.action,
            "van": self.date_from.isoformat() if self.date_from else "",
            "tot": self.date_to.isoformat() if self.date_to else "",
            "pagina": str(self.page),
        }
        values.update({k: str(v) for k, v in changes.items()})
        return {k: v for k, v in values.items() if v and not (k == "pagina" and v == "1")}

    @property
    def filtered(self) -> bool:
        return bool(self.actor or self.action or self.date_from or self.date_to)


def _date(value: str) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class AuditLine:
    event: AuditEvent
    pseudonym: Optional[str]  # of the client the line is about, while it exists
    conversation_started: Optional[dt.datetime]
    account: Optional[Professional]  # the account an account_* line is about


@dataclass
class AuditPage:
    lines: List[AuditLine]
    total: int
    query: AuditQuery
    pages: int


def _account_id(ref: Optional[str]) -> Optional[int]:
    """Account lines carry "account:<id>" where client lines carry the client id."""
    if ref and ref.startswith("account:") and ref[8:].isdigit():
        return int(ref[8:])
    return None


def search(session: Session, query: AuditQuery, page_size: int = PAGE_SIZE) -> AuditPage:
    stmt = (
        select(AuditEvent, Client.pseudonym, Conversation.started_at, func.count().over().label("total"))
        .outerjoin(Client, Client.id == AuditEvent.client_ref)
        .outerjoin(Conversation, Conversation.id == AuditEvent.conversation_ref)
    )
    if query.actor == SYSTEM:
        stmt = stmt.where(AuditEvent.actor_id.is_(None))
    elif query.actor:
        stmt = stmt.where(AuditEvent.actor_id == int(query.actor))
    if query.action:
        stmt = stmt.where(AuditEvent.action == query.action)
    if query.date_from:
        stmt = stmt.where(AuditEvent.at >= utc_start_of(query.date_from))
    if query.date_to:
        stmt = stmt.where(AuditEvent.at < utc_start_of(query.date_to + dt.timedelta(days=1)))
    stmt = stmt.order_by(AuditEvent.id.desc())
    rows = session.execute(stmt.limit(page_size).offset((query.page - 1) * page_size)).all()
    if not rows and query.page > 1:  # past the end: the last page
        total = session.scalar(select(func.count()).select_from(stmt.subquery()))
        if total:
            return search(session, replace(query, page=-(-total // page_size)), page_size)
    total = int(rows[0].total) if rows else 0
    account_ids = {_account_id(r[0].client_ref) for r in rows} - {None}
    accounts = (
        {a.id: a for a in session.scalars(select(Professional).where(Professional.id.in_(account_ids)))}
        if account_ids
        else {}
    )
    lines = [
        AuditLine(
            event=r[0],
            pseudonym=r[1],
            conversation_started=r[2],
            account=accounts.get(_account_id(r[0].client_ref)),
        )
        for r in rows
    ]
    return AuditPage(lines, total, query, max(1, -(-total // page_size)))
