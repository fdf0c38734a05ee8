"""Practice mode service API (for the web app and the terminal).

Every function takes a SQLAlchemy `Session` (`db`); the caller owns the transaction,
e.g. `with bot.db.engine.session_scope() as db: start_session(db, ...)`. Functions
flush but never commit. All returned values are plain dicts / dataclasses with
`to_dict()`, JSON-serialisable. Utterance text is stored (the student and teacher read
it back) but never logged.

    start_session(db, student_id, persona_id, seed=None) -> dict
    student_turn(db, session_id, text, code=None, confidence=None, classifier=None) -> TurnResult
    report(db, session_id) -> dict            interim report, not stored (e.g. "/rapport")
    finish(db, session_id) -> dict            ends the session, stores and returns the report
    sessions_for_student(db, student_id) -> list[dict]   progress over sessions, oldest first
    transcript(db, session_id) -> list[dict]
    delete_session(db, session_id) -> bool
    list_personas() -> list[dict]
"""

from __future__ import annotations

import copy
import random
import uuid
from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.stages import dutch_name
from bot.db.models import PracticeSession, PracticeTurn, utcnow
from bot.practice.engine import PersonaEngine
from bot.practice.feedback import build_report
from bot.practice.personas import Persona, get_persona, load_personas
from bot.understanding.miti_codes import CODES, dutch_label

MAX_TEXT = 2000  # longer input is stored and coded only up to this length


class PracticeError(Exception):
    pass


class SessionNotFound(PracticeError, KeyError):
    pass


class SessionClosed(PracticeError):
    pass


@dataclass
class TurnResult:
    turn: int  # the student's turn number in this session (1, 2, ...)
    reply: str  # what the persona says
    code: str  # MITI code of the student's utterance
    code_nl: str
    confidence: float
    situation: str  # kind of reply: sustain / change_* / neutral / resistance / opening_up / stage_*
    stage: str
    stage_nl: str
    stage_change: Optional[str]  # "up" / "down" / None
    engagement: float
    resistance: float
    readiness: float

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def list_personas() -> List[Dict[str, Any]]:
    """Public persona information (no reply bank), ordered by stage then name."""
    from bot.core.stages import STAGES

    personas = sorted(load_personas().values(), key=lambda p: (STAGES.index(p.stage), p.name))
    return [p.public() for p in personas]


def _get(db: Session, session_id: str) -> PracticeSession:
    session = db.get(PracticeSession, session_id)
    if session is None:
        raise SessionNotFound(f"oefensessie {session_id!r} bestaat niet")
    return session


def _turn_dicts(session: PracticeSession) -> List[Dict[str, Any]]:
    out = []
    student_turn = 0
    for t in session.turns:
        if t.speaker == "student":
            student_turn += 1
        out.append(
            {
                "seq": t.seq,
                "turn": student_turn,
                "speaker": t.speaker,
                "text": t.text,
                "code": t.code,
                "confidence": t.confidence,
                "situation": t.situation,
                "topic": t.topic,
                "reply_id": t.reply_id,
                "state": t.state,
            }
        )
    return out


def start_session(db: Session, student_id: str, persona_id: str, seed: Optional[int] = None) -> Dict[str, Any]:
    """Create a session; the persona says its opening line. Raises KeyError for an unknown persona."""
    if not student_id or len(student_id) > 64:
        raise ValueError("student_id must be 1-64 characters")
    persona = get_persona(persona_id)
    seed = int(seed) if seed is not None else random.SystemRandom().randrange(1, 2**31)
    engine = PersonaEngine(persona, seed)
    opening = engine.opening()
    session = PracticeSession(
        id=uuid.uuid4().hex,
        student_id=student_id,
        persona_id=persona.id,
        seed=seed,
        started_at=utcnow(),
        state=copy.deepcopy(engine.state),
    )
    session.turns.append(
        PracticeTurn(
            seq=0,
            speaker="persona",
            text=opening.text,
            situation=opening.situation,
            topic=opening.topic,
            reply_id=opening.reply_id,
            state=engine.snapshot(),
            created_at=utcnow(),
        )
    )
    db.add(session)
    db.flush()
    return {
        "session_id": session.id,
        "seed": seed,
        "persona": persona.public(),
        "opening": opening.text,
        "state": engine.snapshot(),
    }


def student_turn(
    db: Session,
    session_id: str,
    text: str,
    code: Optional[str] = None,
    confidence: Optional[float] = None,
    classifier=None,
) -> TurnResult:
    """Code the student's utterance (or use the given `code`), let the persona react, store both."""
    session = _get(db, session_id)
    if session.ended_at is not None:
        raise SessionClosed("deze oefensessie is al afgerond")
    text = (text or "").strip()[:MAX_TEXT]
    if code is None:
        if classifier is None:
            from bot.understanding.miti import get_classifier

            classifier = get_classifier()
        coded = classifier.code(text)
        code, confidence = coded.code, coded.confidence
    elif code not in CODES:
        raise ValueError(f"unknown MITI code {code!r}")
    confidence = 1.0 if confidence is None else float(confidence)

    persona = get_persona(session.persona_id)
    engine = PersonaEngine(persona, session.seed, copy.deepcopy(session.state))
    reply = engine.respond(code, text)
    seq = (session.turns[-1].seq + 1) if session.turns else 0
    snapshot = engine.snapshot()
    session.turns.append(
        PracticeTurn(
            seq=seq, speaker="student", text=text, code=code, confidence=confidence, state=snapshot, created_at=utcnow()
        )
    )
    session.turns.append(
        PracticeTurn(
            seq=seq + 1,
            speaker="persona",
            text=reply.text,
            situation=reply.situation,
            topic=reply.topic,
            reply_id=reply.reply_id,
            state=snapshot,
            created_at=utcnow(),
        )
    )
    session.state = copy.deepcopy(engine.state)
    db.flush()
    return TurnResult(
        turn=engine.state["turn"],
        reply=reply.text,
        code=code,
        code_nl=dutch_label(code),
        confidence=round(confidence, 4),
        situation=reply.situation,
        stage=snapshot["stage"],
        stage_nl=dutch_name(snapshot["stage"]),
        stage_change=reply.stage_change,
        engagement=snapshot["engagement"],
        resistance=snapshot["resistance"],
        readiness=snapshot["readiness"],
    )


def _build(session: PracticeSession, persona: Persona) -> Dict[str, Any]:
    report = build_report(persona, _turn_dicts(session), session.state, chart_id=f"oefening-{session.id[:8]}")
    report["session_id"] = session.id
    report["student_id"] = session.student_id
    report["started_at"] = session.started_at.isoformat() if session.started_at else None
    report["ended_at"] = session.ended_at.isoformat() if session.ended_at else None
    return report


def report(db: Session, session_id: str) -> Dict[str, Any]:
    """The report so far (stored report if the session has ended)."""
    session = _get(db, session_id)
    if session.report is not None:
        return session.report
    return _build(session, get_persona(session.persona_id))


def finish(db: Session, session_id: str) -> Dict[str, Any]:
    """End the session and store its report; calling it again returns the stored report."""
    session = _get(db, session_id)
    if session.ended_at is not None and session.report is not None:
        return session.report
    session.ended_at = utcnow()
    session.report = _build(session, get_persona(session.persona_id))
    db.flush()
    return session.report


def transcript(db: Session, session_id: str) -> List[Dict[str, Any]]:
    session = _get(db, session_id)
    return [
        {k: t[k] for k in ("seq", "speaker", "text", "code", "confidence", "situation", "state")}
        for t in _turn_dicts(session)
    ]


def sessions_for_student(db: Session, student_id: str) -> List[Dict[str, Any]]:
    """All sessions of a student, oldest first, with the key figures of finished ones."""
    rows = (
        db.execute(
            select(PracticeSession)
            .where(PracticeSession.student_id == student_id)
            .order_by(PracticeSession.started_at, PracticeSession.id)
        )
        .scalars()
        .all()
    )
    personas = load_personas()
    out = []
    for s in rows:
        persona = personas.get(s.persona_id)
        item = {
            "session_id": s.id,
            "persona_id": s.persona_id,
            "persona_name": persona.name if persona else s.persona_id,
            "seed": s.seed,
            "started_at": s.started_at.isoformat() if s.started_at else None,
            "ended_at": s.ended_at.isoformat() if s.ended_at else None,
            "finished": s.ended_at is not None,
            "student_turns": (s.state or {}).get("turn", 0),
            "stage_start": (s.state or {}).get("start_stage"),
            "stage_end": (s.state or {}).get("stage"),
            "engagement_end": (s.state or {}).get("engagement"),
        }
        if s.report:
            item.update(
                {
                    "metrics": s.report["metrics"],
                    "ratings": s.report["ratings"],
                    "mi_adherent": s.report["totals"]["mi_adherent"],
                    "mi_non_adherent": s.report["totals"]["mi_non_adherent"],
                }
            )
        out.append(item)
    return out


def delete_session(db: Session, session_id: str) -> bool:
    session = db.get(PracticeSession, session_id)
    if session is None:
        return False
    db.delete(session)
    db.flush()
    return True
