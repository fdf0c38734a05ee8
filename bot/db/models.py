"""SQLAlchemy models for what the professional reads (SQLAlchemy 2.0 style on 1.4).

Every record belongs to a client, directly or through its conversation, so deleting a
client deletes everything (ON DELETE CASCADE plus ORM cascades).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, Boolean, Column, DateTime, Float, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Client(Base):
    __tablename__ = "clients"
    id = Column(String(64), primary_key=True)  # pseudonymous id, never a name
    created_at = Column(DateTime, nullable=False, default=utcnow)
    conversations = relationship("Conversation", back_populates="client", cascade="all, delete-orphan",
                                 passive_deletes=True, order_by="Conversation.started_at")


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
    target_behaviour = Column(String(200), nullable=False,
                              default="stappen richting betaald werk of het afgesproken traject")
    client = relationship("Client", back_populates="conversations")
    turns = relationship("Turn", cascade="all, delete-orphan", passive_deletes=True, order_by="Turn.seq")
    assessments = relationship("StageAssessment", cascade="all, delete-orphan", passive_deletes=True,
                               order_by="StageAssessment.id")
    tpb_answers = relationship("TpbAnswer", cascade="all, delete-orphan", passive_deletes=True,
                               order_by="TpbAnswer.id")
    ruler_scores = relationship("RulerScore", cascade="all, delete-orphan", passive_deletes=True,
                                order_by="RulerScore.id")
    safety_flags = relationship("SafetyFlag", cascade="all, delete-orphan", passive_deletes=True,
                                order_by="SafetyFlag.id")


class _ConversationChild:
    id = Column(Integer, primary_key=True, autoincrement=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


def _conversation_fk() -> Column:
    return Column(String(160), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False, index=True)


class Turn(_ConversationChild, Base):
    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("conversation_id", "seq", name="uq_turn_seq"),)
    conversation_id = _conversation_fk()
    seq = Column(Integer, nullable=False)  # position among the session's messages
    speaker = Column(String(8), nullable=False)  # "client" / "coach"
    text = Column(Text, nullable=False)
    intent = Column(String(64))
    confidence = Column(Float)
    entities = Column(JSON)
    talk_type = Column(String(16))
    stage = Column(String(32))  # stage suggested by this message's intent, if any


class StageAssessment(_ConversationChild, Base):
    __tablename__ = "stage_assessments"
    conversation_id = _conversation_fk()
    client_turn = Column(Integer, nullable=False)  # n-th client turn in the coaching phase
    stage = Column(String(32))  # NULL while evidence is too thin
    confidence = Column(Float, nullable=False, default=0.0)
    scores = Column(JSON)
    evidence_count = Column(Integer, nullable=False, default=0)
    target_behaviour = Column(String(200))


class TpbAnswer(_ConversationChild, Base):
    __tablename__ = "tpb_answers"
    conversation_id = _conversation_fk()
    construct = Column(String(32), nullable=False)
    question = Column(Text, nullable=False)
    answer = Column(Text, nullable=False)


class RulerScore(_ConversationChild, Base):
    __tablename__ = "ruler_scores"
    conversation_id = _conversation_fk()
    kind = Column(String(16), nullable=False)  # "importance" / "confidence"
    value = Column(Integer, nullable=False)


class SafetyFlag(_ConversationChild, Base):
    __tablename__ = "safety_flags"
    conversation_id = _conversation_fk()
    kind = Column(String(32), nullable=False, default="crisis")
    sources = Column(JSON)  # which detectors fired; never the message text
    probability = Column(Float)
