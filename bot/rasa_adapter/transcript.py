"""From Rasa events (as dicts) to what is stored for the professional.

Pure functions over the event dicts that both Rasa (`Event.as_dict()`) and rasa_sdk
(`tracker.events`) use, so the tracker store and the actions agree on conversation ids
and client ids.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Dict, Iterable, List, Optional, Sequence

from bot.coach.records import ConversationRef, TurnRecord, conversation_key
from bot.core.stages import stage_from_parse
from bot.rasa_adapter.message_ids import message_id_of

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
CONSENT_SLOT = "consent"
CONSENT_GIVEN = "given"


def current_session(events: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Events since the last `session_started` (all events if there is none)."""
    start = 0
    for i, event in enumerate(events):
        if event.get("event") == "session_started":
            start = i
    return list(events[start:])


def session_start_timestamp(events: Sequence[Dict[str, Any]]) -> Optional[float]:
    for event in reversed(events):
        if event.get("event") == "session_started":
            return event.get("timestamp")
    return events[0].get("timestamp") if events else None


def client_id_for(sender_id: str, events: Iterable[Dict[str, Any]]) -> str:
    """The pseudonymous client id sent by the chat page, else one derived from the sender."""
    for event in events:
        if event.get("event") == "user":
            candidate = (event.get("metadata") or {}).get("client_id")
            if isinstance(candidate, str) and CLIENT_ID.match(candidate):
                return candidate
    return "anon-" + hashlib.sha256(sender_id.encode("utf-8")).hexdigest()[:20]


def conversation_ref(sender_id: str, events: Sequence[Dict[str, Any]]) -> ConversationRef:
    session = current_session(events)
    started = session_start_timestamp(events)
    return ConversationRef(
        id=conversation_key(sender_id, started),
        client_id=client_id_for(sender_id, session),
        sender_id=sender_id,
        started=started,
    )


def consented(events: Sequence[Dict[str, Any]]) -> bool:
    """Has the client consented in the current session?"""
    return _consent_index(current_session(events)) is not None


def _consent_index(session: Sequence[Dict[str, Any]]) -> Optional[int]:
    return next(
        (
            i
            for i, e in enumerate(session)
            if e.get("event") == "slot" and e.get("name") == CONSENT_SLOT and e.get("value") == CONSENT_GIVEN
        ),
        None,
    )


def turn_records(events: Sequence[Dict[str, Any]], after_seq: int = 0) -> List[TurnRecord]:
    """Client and coach messages of the current session, numbered in order; only those with a
    seq above `after_seq` (of the others only the kind of event is read).

    Client messages before the consent answer are left out: nothing the client wrote is
    stored before they agreed. Without consent in this session, nothing is returned.
    """
    session = current_session(events)
    consent_at = _consent_index(session)
    if consent_at is None:
        return []
    consent_answer = max((i for i, e in enumerate(session[:consent_at]) if e.get("event") == "user"), default=-1)
    records: List[TurnRecord] = []
    seq = 0
    for i, event in enumerate(session):
        kind = event.get("event")
        if kind not in ("user", "bot"):
            continue
        seq += 1
        if seq <= after_seq:
            continue
        text = event.get("text")
        if text is None:
            continue
        if kind == "bot":
            records.append(TurnRecord(seq=seq, speaker="coach", text=text, timestamp=event.get("timestamp")))
        elif i >= consent_answer:
            parse = event.get("parse_data") or {}
            intent = parse.get("intent") or {}
            talk = parse.get("talk_type") or {}
            records.append(
                TurnRecord(
                    seq=seq,
                    speaker="client",
                    text=text,
                    timestamp=event.get("timestamp"),
                    intent=intent.get("name"),
                    confidence=intent.get("confidence"),
                    entities=[
                        {k: e.get(k) for k in ("entity", "value", "start", "end")} for e in parse.get("entities") or []
                    ],
                    talk_type=talk.get("name"),
                    stage=stage_from_parse(parse)[0],
                    message_id=message_id_of(event.get("metadata")),
                )
            )
    return records
