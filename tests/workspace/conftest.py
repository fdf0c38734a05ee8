"""Builders for stored conversations, written through bot.coach.records like the coach does."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Dict, List, Optional, Sequence

import pytest

from bot.coach import records as store
from bot.db.engine import session_scope
from bot.db.models import Conversation


def _ts(day: dt.datetime, minutes: float = 0.0) -> float:
    return (day + dt.timedelta(minutes=minutes)).replace(tzinfo=dt.timezone.utc).timestamp()


def client(
    text: str,
    intent: str = "explain_situation",
    confidence: float = 0.8,
    talk: str = "neutral",
    entities: Optional[List[Dict[str, Any]]] = None,
) -> Dict[str, Any]:
    """A client message as the NLU would have classified it."""
    ents = []
    for e in entities or []:
        start = text.lower().find(e["text"].lower()) if "text" in e else -1
        ents.append(
            {
                "entity": e["entity"],
                "value": e["value"],
                "start": start if start >= 0 else None,
                "end": start + len(e["text"]) if start >= 0 else None,
            }
        )
    return {
        "speaker": "client",
        "text": text,
        "intent": intent,
        "confidence": confidence,
        "talk": talk,
        "entities": ents,
    }


def coach(text: str) -> Dict[str, Any]:
    return {"speaker": "coach", "text": text}


def make_conversation(
    url: str,
    messages: Sequence[Dict[str, Any]],
    *,
    started: dt.datetime,
    client_id: Optional[str] = None,
    assessments: Sequence[tuple] = (),
    tpb: Sequence[tuple] = (),
    rulers: Sequence[tuple] = (),
    flags: Sequence[str] = (),
    close: bool = True,
    correction: Optional[str] = None,
) -> store.ConversationRef:
    """Store a conversation: consent, turns (one minute apart), then the action records.

    assessments: (client_turn, stage, confidence); tpb: (construct, question, answer);
    rulers: (kind, value); flags: kinds ("crisis" / "possible_crisis")."""
    client_id = client_id or f"c-{uuid.uuid4().hex[:12]}"
    sender = f"s-{uuid.uuid4().hex[:10]}"
    ref = store.ConversationRef(
        id=store.conversation_key(sender, _ts(started)), client_id=client_id, sender_id=sender, started=_ts(started)
    )
    store.record_consent(ref, "given", url=url)
    records = []
    for i, m in enumerate(messages, start=1):
        if m["speaker"] == "client":
            records.append(
                store.TurnRecord(
                    seq=i,
                    speaker="client",
                    text=m["text"],
                    timestamp=_ts(started, i),
                    intent=m["intent"],
                    confidence=m["confidence"],
                    entities=m["entities"],
                    talk_type=m["talk"],
                    stage=m["intent"][6:] if m["intent"].startswith("stage_") else None,
                )
            )
        else:
            records.append(store.TurnRecord(seq=i, speaker="coach", text=m["text"], timestamp=_ts(started, i)))
    store.store_turns(ref, records, url=url)
    for turn, stage, conf in assessments:
        scores = {stage: conf} if stage else {}
        store.add_assessment(ref, turn, stage, conf, scores, evidence_count=turn * 2, url=url)
    for construct, question, answer in tpb:
        store.add_tpb_answer(ref, construct, question, answer, url=url)
    for kind, value in rulers:
        store.add_ruler_score(ref, kind, value, url=url)
    for kind in flags:
        store.add_safety_flag(ref, ["model"], 0.9, kind=kind, url=url)
    if close:
        store.close_conversation(ref, correction=correction, url=url)
    # The store stamps consent, closing and the action records with the real clock; date
    # them within the conversation, as they would be in real use.
    with session_scope(url) as session:
        conv = session.get(Conversation, ref.id)
        conv.consent_at = started
        for rows in (conv.assessments, conv.tpb_answers, conv.ruler_scores, conv.safety_flags):
            for i, row in enumerate(rows, start=1):
                row.created_at = started + dt.timedelta(minutes=i)
        conv.closed_at = started + dt.timedelta(minutes=len(messages) + 1) if close else None
    return ref


RICH_MESSAGES = [
    coach("Welkom. Vindt u het goed dat we dit gesprek bewaren?"),
    client("ja", intent="affirm", confidence=0.99),
    coach("Wat wilt u mij over uzelf vertellen?"),
    client(
        "Ik heb twintig jaar gewerkt als chauffeur in de logistiek, maar toen ik ziek werd liep mijn contract af.",
        talk="neutral",
    ),
    coach("Hoe kijkt u op dit moment tegen werk aan?"),
    client(
        "Ik doe nu drie dagen per week vrijwilligerswerk bij de paarden en dat geeft me structuur.",
        intent="stage_contemplation",
        confidence=0.62,
        talk="change",
        entities=[{"entity": "activity", "value": "vrijwilligerswerk", "text": "vrijwilligerswerk"}],
    ),
    coach("Wat geeft het vrijwilligerswerk u?"),
    client(
        "Ik zou wel weer betaald werk willen, maar ik twijfel of mijn rug dat aankan.",
        intent="stage_contemplation",
        confidence=0.81,
        talk="change",
        entities=[{"entity": "barrier", "value": "gezondheid", "text": "rug"}],
    ),
    coach("Wat zou u kunnen tegenhouden?"),
    client(
        "Mijn gezondheid laat het eigenlijk niet toe, ik blijf liever waar ik nu ben.",
        intent="stage_precontemplation",
        confidence=0.55,
        talk="sustain",
        entities=[{"entity": "barrier", "value": "gezondheid", "text": "gezondheid"}],
    ),
    coach("Wie merkt er iets van uw vrijwilligerswerk?"),
    client(
        "De kinderen op de boerderij zijn blij met mij en ik help ze met de paarden.",
        intent="stage_contemplation",
        confidence=0.7,
        talk="change",
    ),
    coach("Hoe belangrijk is een volgende stap?"),
    client("een 7", intent="give_number", confidence=0.95, entities=[{"entity": "number", "value": "7", "text": "7"}]),
    coach("Stel dat u besluit. Hoe zeker bent u?"),
    client("een 4", intent="give_number", confidence=0.95),
    client(
        "Mijn klantmanager noemde mijn projecten een hobby, dat deed pijn.",
        talk="sustain",
        intent="explain_situation",
        confidence=0.6,
    ),
]
RICH_TPB = [
    (
        "attitude",
        "Wat zou betaald werk voor u betekenen, naast het geld?",
        "Dat ik weer meetel en mijn eigen geld verdien.",
    ),
    ("barriers", "Waar ziet u het meest tegenop?", "Dat mijn rug het niet volhoudt."),
    ("social_norm", "Wat zou uw familie zeggen als u een baan vond?", "Mijn dochter zou trots zijn."),
]


@pytest.fixture
def rich_conversation(database_url):
    return make_conversation(
        database_url,
        RICH_MESSAGES,
        started=dt.datetime(2025, 3, 12, 9, 30),
        assessments=[(2, None, 0.0), (3, "contemplation", 0.41), (5, "contemplation", 0.58)],
        tpb=RICH_TPB,
        rulers=[("importance", 7), ("confidence", 4)],
        flags=["possible_crisis"],
        correction="Ik wil vooral niet meer in de logistiek werken.",
    )


@pytest.fixture
def thin_conversation(database_url):
    return make_conversation(
        database_url,
        [
            coach("Welkom."),
            client("ja", intent="affirm", confidence=0.99),
            coach("Wat wilt u vertellen?"),
            client("Weet ik niet goed.", talk="neutral"),
        ],
        started=dt.datetime(2025, 4, 2, 14, 0),
        assessments=[(1, None, 0.0)],
        close=False,
    )
