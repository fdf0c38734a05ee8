"""The professional's client list at municipal scale: search, filters, sorting and pages,
computed in ONE aggregated SQL query per page (not one query per client or conversation).

Per conversation it reads the figures kept on the conversation row (bot.db.conversation_stats:
client turns, last message, latest assessment, safety level) and applies the summary's
no-guessing rule (bot.workspace.summary: at least MIN_CLIENT_TURNS client messages and a
confidence of at least MIN_CONFIDENCE, else no stage). Per client it keeps the stage of the latest conversation that has one, the
most urgent safety level and the last chat. Tests compare these with the Python rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional

from sqlalchemy import and_, bindparam, case, func, literal, select
from sqlalchemy.orm import Session

from bot.core.stages import STAGES
from bot.db.models import Client, Conversation
from bot.workspace.safety_levels import LEVELS
from bot.workspace.summary import MIN_CLIENT_TURNS, MIN_CONFIDENCE

PAGE_SIZE = 50
SORTS = ("next_gesprek", "last_chat", "stage", "safety")
NO_LEVEL = "none"  # filter value: no safety signal at all
NO_STAGE = "unknown"  # filter value: no stage named yet


@dataclass
class ListQuery:
    """What the professional asked for; every field comes from the page's query string."""

    search: str = ""
    sort: str = "next_gesprek"
    safety: str = ""  # a LEVELS value, NO_LEVEL, or "" (all)
    stage: str = ""  # a STAGES value, NO_STAGE, or "" (all)
    no_chat: bool = False
    page: int = 1

    @classmethod
    def parse(cls, params: Dict[str, str]) -> "ListQuery":
        """Unknown or malformed values fall back to the default: a bad link shows the list."""
        sort = params.get("sort", "")
        safety = params.get("veiligheid", "")
        stage = params.get("fase", "")
        page = params.get("pagina", "")
        return cls(
            search=" ".join(params.get("zoek", "").split())[:80],
            sort=sort if sort in SORTS else "next_gesprek",
            safety=safety if safety in LEVELS + (NO_LEVEL,) else "",
            stage=stage if stage in STAGES + (NO_STAGE,) else "",
            no_chat=params.get("geen_chat", "") == "1",
            page=int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1,
        )

    def params(self, **changes) -> Dict[str, str]:
        """The query string for this list (with `changes`), defaults left out."""
        values = {
            "zoek": self.search,
            "sort": self.sort if self.sort != "next_gesprek" else "",
            "veiligheid": self.safety,
            "fase": self.stage,
            "geen_chat": "1" if self.no_chat else "",
            "pagina": str(self.page) if self.page != 1 else "",
        }
        values.update({k: str(v) for k, v in changes.items()})
        return {k: v for k, v in values.items() if v and not (k == "pagina" and v == "1")}

    @property
    def filtered(self) -> bool:
        return bool(self.search or self.safety or self.stage or self.no_chat)


@dataclass
class ClientRow:
    client_id: str
    pseudonym: str
    next_gesprek: Optional[dt.date]
    created_at: dt.datetime
    conversations: int
    last_chat: Optional[dt.datetime]
    stage: Optional[str]
    stage_confidence: Optional[float]
    safety_level: Optional[str]
    flagged: bool
    same_pseudonym: int  # how many of the owner's clients carry this pseudonym (1 = unique)


@dataclass
class ClientPage:
    rows: List[ClientRow]
    total: int  # clients matching the query, over all pages
    query: ListQuery
    page_size: int = PAGE_SIZE
    all_clients: int = 0  # the owner's clients without any filter
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, -(-self.total // self.page_size))


@dataclass
class ConversationRow:
    """One line of a client's conversation list."""

    id: str
    started_at: dt.datetime
    consent: Optional[str]
    client_turns: int
    stage: Optional[str]
    safety_level: Optional[str]


def _conversation_stats(*where):
    """Per conversation: client id, start, consent, client turns, last turn, stage (by the
    summary's rule, NULL while thin) with its confidence, safety rank (index into LEVELS).
    Reads the conversation row only (bot.db.conversation_stats keeps its figures)."""
    named = and_(
        Conversation.latest_stage.in_(STAGES),
        Conversation.client_turns >= MIN_CLIENT_TURNS,
        func.coalesce(Conversation.latest_confidence, 0.0) >= MIN_CONFIDENCE,
    )
    safety_rank = case(*[(Conversation.safety_level == level, i) for i, level in enumerate(LEVELS)], else_=None)
    return (
        select(
            Conversation.id.label("id"),
            Conversation.client_id.label("client_id"),
            Conversation.started_at.label("started_at"),
            Conversation.consent.label("consent"),
            Conversation.flagged.label("flagged"),
            Conversation.client_turns.label("client_turns"),
            Conversation.last_turn_at.label("last_turn_at"),
            case((named, Conversation.latest_stage), else_=None).label("stage"),
            case((named, Conversation.latest_confidence), else_=None).label("confidence"),
            safety_rank.label("safety_rank"),
        )
        .join(Client, Client.id == Conversation.client_id)
        .where(*where)
    )


def _level(rank: Optional[int]) -> Optional[str]:
    return LEVELS[rank] if rank is not None else None


def _inline(value):
    """A validated value (LEVELS, STAGES), written into the SQL instead of bound."""
    if not (value in LEVELS or value in STAGES or value in range(len(LEVELS))):
        raise ValueError("only known levels and stages are written into the SQL")
    return bindparam(None, value, literal_execute=True)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _client_rows(session: Session, owner_id: int, query: ListQuery, page_size: Optional[int], client_id=None):
    where = [Client.id == client_id] if client_id else [Client.owner_id == owner_id]
    convs = _conversation_stats(*where).subquery()
    latest_named = (
        select(
            convs.c.client_id,
            convs.c.stage,
            convs.c.confidence,
            func.row_number()
            .over(partition_by=convs.c.client_id, order_by=(convs.c.started_at.desc(), convs.c.id.desc()))
            .label("rn"),
        )
        .where(convs.c.stage.is_not(None))
        .subquery()
    )
    stage = select(latest_named).where(latest_named.c.rn == 1).subquery()
    per_client = (
        select(
            convs.c.client_id,
            func.count().label("conversations"),
            func.coalesce(func.max(convs.c.last_turn_at), func.max(convs.c.started_at)).label("last_chat"),
            func.min(convs.c.safety_rank).label("safety_rank"),
            func.max(case((convs.c.flagged, 1), else_=0)).label("flagged"),
        )
        .group_by(convs.c.client_id)
        .subquery()
    )
    name_key = func.lower(func.trim(Client.pseudonym))
    same_names = (
        select(name_key.label("name_key"), func.count().label("n"))
        .where(Client.owner_id == owner_id)
        .group_by(name_key)
        .subquery()
    )
    n_convs = func.coalesce(per_client.c.conversations, 0)
    stage_rank = case(*[(stage.c.stage == s, i) for i, s in enumerate(STAGES)], else_=None)
    stmt = (
        select(
            Client.id,
            Client.pseudonym,
            Client.next_gesprek,
            Client.created_at,
            n_convs.label("conversations"),
            per_client.c.last_chat,
            stage.c.stage,
            stage.c.confidence,
            per_client.c.safety_rank,
            func.coalesce(per_client.c.flagged, 0).label("flagged"),
            func.coalesce(same_names.c.n, 1).label("same_pseudonym"),
            func.count().over().label("total"),
        )
        .outerjoin(per_client, per_client.c.client_id == Client.id)
        .outerjoin(stage, stage.c.client_id == Client.id)
        .outerjoin(same_names, same_names.c.name_key == name_key)
        .where(*where)
    )
    if query.search:
        pattern = "%" + _escape_like(query.search.lower()) + "%"
        stmt = stmt.where(func.lower(Client.pseudonym).like(pattern, escape="\\"))
    if query.safety == NO_LEVEL:
        stmt = stmt.where(per_client.c.safety_rank.is_(None))
    elif query.safety:  # inline (a code constant): SQLite plans a bound value here 3x slower
        stmt = stmt.where(per_client.c.safety_rank == _inline(LEVELS.index(query.safety)))
    if query.stage == NO_STAGE:
        stmt = stmt.where(stage.c.stage.is_(None))
    elif query.stage:
        stmt = stmt.where(stage.c.stage == _inline(query.stage))
    if query.no_chat:
        stmt = stmt.where(n_convs == 0)
    name_order = (func.lower(Client.pseudonym), Client.id)
    by_date = (Client.next_gesprek.is_(None), Client.next_gesprek)
    orders = {
        "next_gesprek": by_date,
        "last_chat": (per_client.c.last_chat.is_(None), per_client.c.last_chat.desc()),
        "stage": (stage_rank.is_(None), stage_rank),
        "safety": (per_client.c.safety_rank.is_(None), per_client.c.safety_rank) + by_date,
    }
    stmt = stmt.order_by(*orders[query.sort], *name_order)
    if page_size is not None:
        stmt = stmt.limit(page_size).offset((query.page - 1) * page_size)
    return session.execute(stmt).all()


def _row(r) -> ClientRow:
    return ClientRow(
        client_id=r.id,
        pseudonym=r.pseudonym or "",
        next_gesprek=r.next_gesprek,
        created_at=r.created_at,
        conversations=int(r.conversations),
        last_chat=r.last_chat,
        stage=r.stage,
        stage_confidence=round(r.confidence, 3) if r.confidence is not None else None,
        safety_level=_level(r.safety_rank),
        flagged=bool(r.flagged),
        same_pseudonym=int(r.same_pseudonym),
    )


def client_page(session: Session, owner_id: int, query: ListQuery, page_size: int = PAGE_SIZE) -> ClientPage:
    """One page of the owner's clients as `query` asks; past the last page, the last page."""
    result = _client_rows(session, owner_id, query, page_size)
    if not result and query.page > 1:  # e.g. a bookmarked page 40 after clients were deleted
        total = len(_client_rows(session, owner_id, replace(query, page=1), None))
        query = replace(query, page=max(1, -(-total // page_size)))
        result = _client_rows(session, owner_id, query, page_size) if total else []
    total = int(result[0].total) if result else 0
    owned = session.scalar(select(func.count()).select_from(Client).where(Client.owner_id == owner_id))
    return ClientPage([_row(r) for r in result], total, query, page_size, all_clients=int(owned or 0))


def all_rows(session: Session, owner_id: int) -> List[ClientRow]:
    """Every client of the owner, in the default order (the CLI)."""
    return [_row(r) for r in _client_rows(session, owner_id, ListQuery(), None)]


def client_row(session: Session, client: Client) -> ClientRow:
    """The same figures for one client (its page), from the same query."""
    result = _client_rows(session, client.owner_id, ListQuery(), None, client_id=client.id)
    return _row(result[0])


def conversation_rows(session: Session, client: Client) -> List[ConversationRow]:
    """The client's conversations, newest first, with length (client turns) and stage."""
    stats = _conversation_stats(Client.id == client.id).order_by(Conversation.started_at.desc(), Conversation.id.desc())
    return [
        ConversationRow(r.id, r.started_at, r.consent, int(r.client_turns), r.stage, _level(r.safety_rank))
        for r in session.execute(stats)
    ]


def same_pseudonym(session: Session, owner_id: int, pseudonym: str) -> List[Client]:
    """The owner's clients that already carry this pseudonym (case and outer spaces ignored,
    as the database lowers them: the list's duplicate count uses the same rule)."""
    key = (pseudonym or "").strip()
    if not key:
        return []
    same = func.lower(func.trim(Client.pseudonym)) == func.lower(literal(key))
    return list(session.scalars(select(Client).where(Client.owner_id == owner_id, same).order_by(Client.created_at)))
