"""SQLAlchemy models of practice mode, on the same `Base` as the coach's tables.

A session belongs to a student (a pseudonymous id string; the web app maps its accounts
to it). Deleting a session deletes its turns (ON DELETE CASCADE plus the ORM cascade).
Schema changes go through alembic: bot/migrations/versions/0002_practice.py.
"""
from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from bot.db.models import Base, utcnow


class PracticeSession(Base):
    __tablename__ = "practice_sessions"
    id = Column(String(36), primary_key=True)             # uuid4 hex
    student_id = Column(String(64), nullable=False, index=True)
    persona_id = Column(String(64), nullable=False)
    seed = Column(Integer, nullable=False)
    started_at = Column(DateTime, nullable=False, default=utcnow)
    ended_at = Column(DateTime)
    state = Column(JSON, nullable=False)                   # engine state (bot.practice.engine)
    report = Column(JSON)                                  # final report (bot.practice.feedback)
    turns = relationship("PracticeTurn", back_populates="session", cascade="all, delete-orphan",
                         passive_deletes=True, order_by="PracticeTurn.seq")


class PracticeTurn(Base):
    __tablename__ = "practice_turns"
    __table_args__ = (UniqueConstraint("session_id", "seq", name="uq_practice_turn_seq"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    session_id = Column(String(36), ForeignKey("practice_sessions.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    seq = Column(Integer, nullable=False)                  # 0 = the persona's opening line
    speaker = Column(String(8), nullable=False)            # "student" / "persona"
    text = Column(Text, nullable=False)
    code = Column(String(32))                              # student: MITI code; persona: NULL
    confidence = Column(Float)
    situation = Column(String(32))                         # persona: reply situation; student: NULL
    topic = Column(String(32))
    reply_id = Column(String(48))
    state = Column(JSON)                                   # engine snapshot after this turn
    created_at = Column(DateTime, nullable=False, default=utcnow)
    session = relationship("PracticeSession", back_populates="turns")
