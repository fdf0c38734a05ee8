"""Exports of one conversation: a JSON-safe dict, a print-ready standalone HTML page and
a PDF made from that page (WeasyPrint; it needs Pango from the system, installed by
scripts/system_deps.sh).

The HTML is rendered with Jinja2 with autoescaping on, so anything the client typed
(including `<script>`) comes out as text. The page has no scripts and no external
resources, and `@media print` styles for printing or saving as PDF.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any, Dict, List, Optional

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from bot.core.clock import local
from bot.core.stages import dutch_name
from bot.db.models import Conversation
from bot.workspace.chart import dutch_date
from bot.workspace.summary import build_summary, load_conversation

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
EXPORT_VERSION = 1


def _iso(value: Optional[dt.datetime]) -> Optional[str]:
    return value.isoformat() if value is not None else None


def conversation_record(conv: Conversation) -> Dict[str, Any]:
    """The stored conversation and everything beneath it, JSON-safe (no summary)."""
    return {
        "id": conv.id,
        "client_id": conv.client_id,
        "client_pseudonym": conv.client.pseudonym if conv.client is not None else None,
        "sender_id": conv.sender_id,
        "started_at": _iso(conv.started_at),
        "closed_at": _iso(conv.closed_at),
        "consent": conv.consent,
        "consent_at": _iso(conv.consent_at),
        "flagged": bool(conv.flagged),
        "summary_correction": conv.summary_correction,
        "target_behaviour": conv.target_behaviour,
        "turns": [
            {
                "seq": t.seq,
                "speaker": t.speaker,
                "text": t.text,
                "created_at": _iso(t.created_at),
                "intent": t.intent,
                "confidence": t.confidence,
                "entities": list(t.entities or []),
                "talk_type": t.talk_type,
                "stage": t.stage,
            }
            for t in sorted(conv.turns, key=lambda t: t.seq)
        ],
        "assessments": [
            {
                "client_turn": a.client_turn,
                "stage": a.stage,
                "confidence": a.confidence,
                "scores": dict(a.scores or {}),
                "evidence_count": a.evidence_count,
                "target_behaviour": a.target_behaviour,
                "created_at": _iso(a.created_at),
            }
            for a in sorted(conv.assessments, key=lambda a: a.id or 0)
        ],
        "tpb_answers": [
            {"construct": a.construct, "question": a.question, "answer": a.answer, "created_at": _iso(a.created_at)}
            for a in sorted(conv.tpb_answers, key=lambda a: a.id or 0)
        ],
        "ruler_scores": [
            {"kind": r.kind, "value": r.value, "created_at": _iso(r.created_at)}
            for r in sorted(conv.ruler_scores, key=lambda r: r.id or 0)
        ],
        "safety_flags": [
            {
                "kind": f.kind,
                "sources": list(f.sources or []),
                "probability": f.probability,
                "categories": list(f.categories or []),
                "client_turn": f.client_turn,
                "created_at": _iso(f.created_at),
                "notified_at": _iso(f.notified_at) if f.notified_at else None,
                "acknowledged_at": _iso(f.acknowledged_at) if f.acknowledged_at else None,
            }
            for f in sorted(conv.safety_flags, key=lambda f: f.id or 0)
        ],
    }


def conversation_json(session: Session, conversation_id: str) -> Dict[str, Any]:
    """Everything stored about one conversation plus its summary, as a JSON-safe dict:
    {"export_version", "conversation": {..., "turns", "assessments", "tpb_answers",
    "ruler_scores", "safety_flags"}, "summary": StageSummary.as_dict()}.
    Raises ConversationNotFound."""
    conv = load_conversation(session, conversation_id)
    return {
        "export_version": EXPORT_VERSION,
        "conversation": conversation_record(conv),
        "summary": build_summary(session, conversation_id).as_dict(),
    }


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # stored in UTC, shown in Dutch local time
    env.filters["datum"] = lambda v: dutch_date(local(v) if isinstance(v, dt.datetime) else v) if v else ""
    env.filters["tijd"] = lambda v: local(v).strftime("%H:%M") if v else ""
    env.filters["procent"] = lambda v: f"{round(v * 100)}%" if v is not None else ""
    env.filters["fase"] = lambda v: dutch_name(v) if v else ""
    return env


def conversation_html(
    session: Session, conversation_id: str, generated_at: Optional[dt.datetime] = None, back_url: Optional[str] = None
) -> str:
    """A standalone, print-ready Dutch HTML page with the summary and the full transcript.
    In the workspace (`back_url` given) it also has a link back and a print button
    (/static/print.js); a saved file has neither. Raises ConversationNotFound."""
    conv = load_conversation(session, conversation_id)
    summary = build_summary(session, conversation_id)
    turns: List[Any] = sorted(conv.turns, key=lambda t: t.seq)
    template = _environment().get_template("conversation.html")
    return template.render(
        summary=summary,
        conversation=conv,
        pseudonym=conv.client.pseudonym if conv.client is not None else None,
        turns=turns,
        generated_at=generated_at or dt.datetime.now(),
        back_url=back_url,
    )


def conversation_pdf(session: Session, conversation_id: str, generated_at: Optional[dt.datetime] = None) -> bytes:
    """The print view (without link back and print button) as a PDF document, A4, with the
    pseudonym and the conversation's date in its metadata title. Raises ConversationNotFound."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment

    html = conversation_html(session, conversation_id, generated_at=generated_at)
    # base_url None and no url_fetcher needed: the page has no external resources
    return HTML(string=html).write_pdf()
