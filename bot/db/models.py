"""All SQLAlchemy tables (SQLAlchemy 2.0 style on 1.4): the coach's records, the workspace, practice mode.

Every record belongs to a client, directly or through its conversation, so deleting a
client deletes everything (ON DELETE CASCADE plus ORM cascades).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Professional(Base):
    """An account of the workspace: professional (AD, klantmanager, jobcoach), admin, teacher or student."""

    __tablename__ = "professionals"
    id = Column(Integer, primary_key=True, autoincrement=True)
    email = Column(String(254), nullable=False, unique=True)  # stored lower-case
    name = Column(String(120), nullable=False)
    password_hash = Column(String(255), nullable=False)  # argon2id
    role = Column(String(16), nullable=False, default="professional")  # professional / admin / teacher / student
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    teacher_id = Column(Integer, ForeignKey("professionals.id"), index=True)  # a student's teacher

    @property
    def practice_id(self) -> str:
        """The pseudonymous student id under which practice sessions are stored."""
        return f"acc-{self.id}"


class Client(Base):
    __tablename__ = "clients"
    id = Column(String(64), primary_key=True)  # pseudonymous id, never a name
    created_at = Column(DateTime, nullable=False, default=utcnow)
    # The professional who owns this client; NULL only for clients of the open demo chat.
    owner_id = Column(Integer, ForeignKey("professionals.id"), index=True)
    pseudonym = Column(String(80))  # what the professional calls the client: initials or a pseudonym
    next_gesprek = Column(Date)
    invitations = relationship(
        "Invitation", cascade="all, delete-orphan", passive_deletes=True, order_by="Invitation.created_at"
    )
    conversations = relationship(
        "Conversation",
        back_populates="client",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Conversation.started_at",
    )


class Conversation(Base):
    __tablename__ = "conversations"
    id = Column(String(160), primary_key=True)  # "<sender_id>@<session start ms>"
    client_id = Column(String(64), ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True)
    sender_id = Column(String(128), nullable=False, index=True)
    started_at = Column(DateTime, nullable=False, default=utcnow)
    consent = Column(String(16))  # "given" / "declined" / NULL (not answered)
    consent_at = Column(DateTime)
    closed_at = Column(DateTime)
    flagged = Column(Boolean, nullable=False, default=False)  # safety flag for the professional
    summary_correction = Column(Text)  # what the client corrected in the closing summary
    target_behaviour = Column(
        String(200), nullable=False, default="stappen richting betaald werk of het afgesproken traject"
    )
    # What the client list reads instead of the child rows (bot.db.conversation_stats keeps
    # them current after every flush that writes turns, assessments or flags).
    client_turns = Column(Integer, nullable=False, default=0, server_default="0")
    last_turn_at = Column(DateTime)
    latest_stage = Column(String(32))  # of the latest assessment, before the summary's evidence rule
    latest_confidence = Column(Float)
    safety_level = Column(String(16))  # bot.workspace.safety_levels.LEVELS or NULL
    client = relationship("Client", back_populates="conversations")
    turns = relationship("Turn", cascade="all, delete-orphan", passive_deletes=True, order_by="Turn.seq")
    assessments = relationship(
        "StageAssessment", cascade="all, delete-orphan", passive_deletes=True, order_by="StageAssessment.id"
    )
    tpb_answers = relationship("TpbAnswer", cascade="all, delete-orphan", passive_deletes=True, order_by="TpbAnswer.id")
    ruler_scores = relationship(
        "RulerScore", cascade="all, delete-orphan", passive_deletes=True, order_by="RulerScore.id"
    )
    safety_flags = relationship(
        "SafetyFlag", cascade="all, delete-orphan", passive_deletes=True, order_by="SafetyFlag.id"
    )


class _ConversationChild:
    id = Column(Integer, primary_key=True, autoincrement=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


def _conversation_fk() -> Column:
    return Column(String(160), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False, index=True)


class Turn(_ConversationChild, Base):
    __tablename__ = "turns"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq", name="uq_turn_seq"),
        UniqueConstraint("conversation_id", "message_id", name="uq_turn_message"),
    )
    conversation_id = _conversation_fk()
    seq = Column(Integer, nullable=False)  # position among the session's messages
    speaker = Column(String(8), nullable=False)  # "client" / "coach"
    # A client turn's message id (made by the page, the same for every resend): each message once.
    message_id = Column(String(64))
    text = Column(Text, nullable=False)
    intent = Column(String(64))
    confidence = Column(Float)
    entities = Column(JSON)
    talk_type = Column(String(16))
    stage = Column(String(32))  # stage suggested by this message's intent, if any


class StageAssessment(_ConversationChild, Base):
    __tablename__ = "stage_assessments"
    __table_args__ = (UniqueConstraint("conversation_id", "message_id", name="uq_assessment_message"),)
    conversation_id = _conversation_fk()
    message_id = Column(String(64))  # of the client message this came from: written once per message
    client_turn = Column(Integer, nullable=False)  # n-th client turn in the coaching phase
    stage = Column(String(32))  # NULL while evidence is too thin
    confidence = Column(Float, nullable=False, default=0.0)
    scores = Column(JSON)
    evidence_count = Column(Integer, nullable=False, default=0)
    target_behaviour = Column(String(200))


class TpbAnswer(_ConversationChild, Base):
    __tablename__ = "tpb_answers"
    __table_args__ = (UniqueConstraint("conversation_id", "message_id", name="uq_tpb_answer_message"),)
    conversation_id = _conversation_fk()
    message_id = Column(String(64))
    construct = Column(String(32), nullable=False)
    question = Column(Text, nullable=False)
    answer = Column(Text, nullable=False)


class RulerScore(_ConversationChild, Base):
    __tablename__ = "ruler_scores"
    __table_args__ = (UniqueConstraint("conversation_id", "message_id", name="uq_ruler_score_message"),)
    conversation_id = _conversation_fk()
    message_id = Column(String(64))
    kind = Column(String(16), nullable=False)  # "importance" / "confidence"
    value = Column(Integer, nullable=False)


class SafetyFlag(_ConversationChild, Base):
    __tablename__ = "safety_flags"
    conversation_id = _conversation_fk()
    # "crisis" (support given: the client said yes, or an explicit signal), "check_declined"
    # (asked, the client said no), "possible_crisis" (asked, not answered yet or not at all)
    kind = Column(String(32), nullable=False, default="crisis")
    sources = Column(JSON)  # which detectors fired; never the message text
    probability = Column(Float)
    categories = Column(JSON)  # signal categories (docs/labelling.md), never the text
    client_turn = Column(Integer)  # Turn.seq of the client message that carried the signal
    notified_at = Column(DateTime)  # when the owner was e-mailed
    acknowledged_at = Column(DateTime)  # when the professional marked the alert as seen
    acknowledged_by = Column(Integer)  # professional id (the audit log has the event too)


class Invitation(Base):
    """A personal chat link for a client. Only the SHA-256 of the token is stored."""

    __tablename__ = "invitations"
    id = Column(Integer, primary_key=True, autoincrement=True)
    client_id = Column(String(64), ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)
    revoked_at = Column(DateTime)


class WebSession(Base):
    """A logged-in browser session of the workspace. Only the SHA-256 of the cookie is stored."""

    __tablename__ = "web_sessions"
    id = Column(String(64), primary_key=True)  # sha256 of the session cookie
    professional_id = Column(Integer, ForeignKey("professionals.id", ondelete="CASCADE"), nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)


class PasswordReset(Base):
    """An admin-issued link to set a new password: single use, short-lived. Only the SHA-256
    of the token is stored."""

    __tablename__ = "password_resets"
    id = Column(Integer, primary_key=True, autoincrement=True)
    professional_id = Column(Integer, ForeignKey("professionals.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    created_by = Column(Integer)  # the admin's account id (the audit log has the event too)
    expires_at = Column(DateTime, nullable=False)
    used_at = Column(DateTime)


class LoginAttempt(Base):
    """Failed log-ins, for rate limiting across processes (no passwords, e-mail hashed)."""

    __tablename__ = "login_attempts"
    id = Column(Integer, primary_key=True, autoincrement=True)
    email_hash = Column(String(64), nullable=False, index=True)
    at = Column(DateTime, nullable=False, default=utcnow, index=True)


class AuditEvent(Base):
    """Who did what, when: views of transcripts, exports, deletions, account changes.

    Holds references, never content; `client_ref` is a plain string so the line survives
    the deletion of the client it is about.
    """

    __tablename__ = "audit_log"
    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False, default=utcnow, index=True)
    actor_id = Column(Integer)  # professional id, NULL for the system (retention)
    actor_email = Column(String(254))
    action = Column(String(48), nullable=False)
    client_ref = Column(String(64))
    conversation_ref = Column(String(160))


# --- practice mode (bot/practice): a session belongs to a student (a pseudonymous id string;
# the web app maps its accounts to it). Deleting a session deletes its turns (ON DELETE
# CASCADE plus the ORM cascade).
class PracticeSession(Base):
    __tablename__ = "practice_sessions"
    id = Column(String(36), primary_key=True)  # uuid4 hex
    student_id = Column(String(64), nullable=False, index=True)
    persona_id = Column(String(64), nullable=False)
    seed = Column(Integer, nullable=False)
    started_at = Column(DateTime, nullable=False, default=utcnow)
    ended_at = Column(DateTime)
    state = Column(JSON, nullable=False)  # engine state (bot.practice.engine)
    report = Column(JSON)  # final report (bot.practice.feedback)
    turns = relationship(
        "PracticeTurn",
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PracticeTurn.seq",
    )


class PracticeTurn(Base):
    __tablename__ = "practice_turns"
    __table_args__ = (UniqueConstraint("session_id", "seq", name="uq_practice_turn_seq"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    session_id = Column(String(36), ForeignKey("practice_sessions.id", ondelete="CASCADE"), nullable=False, index=True)
    seq = Column(Integer, nullable=False)  # 0 = the persona's opening line
    speaker = Column(String(8), nullable=False)  # "student" / "persona"
    text = Column(Text, nullable=False)
    code = Column(String(32))  # student: MITI code; persona: NULL
    confidence = Column(Float)
    situation = Column(String(32))  # persona: reply situation; student: NULL
    topic = Column(String(32))
    reply_id = Column(String(48))
    state = Column(JSON)  # engine snapshot after this turn
    created_at = Column(DateTime, nullable=False, default=utcnow)
    session = relationship("PracticeSession", back_populates="turns")
