"""Storage: sessions and turns per student, report stored, cascade delete, migration."""

import pytest
from sqlalchemy import func, select, text

from bot.db.engine import get_engine, session_scope
from bot.db.models import PracticeSession, PracticeTurn
from bot.practice import service

SCRIPT = [
    ("Wat brengt je hier?", "open_question"),
    ("Het klinkt alsof je het zat bent.", "complex_reflection"),
    ("Je moet gewoon meedoen.", "persuade"),
    ("Jij beslist zelf.", "emphasizing_autonomy"),
]


def _play(url, student="s-001", persona="wim", seed=4, script=SCRIPT, finish=True):
    with session_scope(url) as db:
        started = service.start_session(db, student, persona, seed)
    sid = started["session_id"]
    results = []
    for text_, code in script:
        with session_scope(url) as db:
            results.append(service.student_turn(db, sid, text_, code=code, confidence=0.9))
    report = None
    if finish:
        with session_scope(url) as db:
            report = service.finish(db, sid)
    return started, results, report


def test_round_trip(practice_db):
    started, results, report = _play(practice_db)
    sid = started["session_id"]
    assert started["opening"] and started["persona"]["name"] == "Wim"
    assert [r.turn for r in results] == [1, 2, 3, 4]
    assert results[2].code == "persuade" and results[2].code_nl == "overtuigen zonder toestemming"
    with session_scope(practice_db) as db:
        session = db.get(PracticeSession, sid)
        assert session.student_id == "s-001" and session.seed == 4 and session.ended_at is not None
        assert session.report["counts"]["persuade"] == 1
        assert session.state["turn"] == 4
        turns = session.turns
        assert [t.seq for t in turns] == list(range(9))
        assert [t.speaker for t in turns] == ["persona"] + ["student", "persona"] * 4
        assert turns[1].text == "Wat brengt je hier?" and turns[1].code == "open_question"
        assert turns[2].text == results[0].reply and turns[2].situation == results[0].situation
        assert turns[-1].state["turn"] == 4
        transcript = service.transcript(db, sid)
        assert [t["text"] for t in transcript][1::2] == [s for s, _ in SCRIPT]
        assert service.report(db, sid) == report  # stored report once finished
        assert service.finish(db, sid) == report  # idempotent


def test_same_seed_same_stored_conversation(practice_db):
    a = _play(practice_db, student="s-a")[1]
    b = _play(practice_db, student="s-b")[1]
    assert [r.reply for r in a] == [r.reply for r in b]


def test_progress_over_sessions(practice_db):
    _play(practice_db, student="s-002", persona="gerard")
    _play(
        practice_db,
        student="s-002",
        persona="ronald",
        script=[("Wat wil je?", "open_question"), ("Je wilt de zorg in.", "simple_reflection")],
    )
    _play(practice_db, student="s-002", persona="lotte", finish=False)
    _play(practice_db, student="other", persona="lotte")
    with session_scope(practice_db) as db:
        sessions = service.sessions_for_student(db, "s-002")
    assert [s["persona_id"] for s in sessions] == ["gerard", "ronald", "lotte"]
    assert [s["finished"] for s in sessions] == [True, True, False]
    assert sessions[1]["metrics"]["rq_ratio"] == 1.0 and sessions[1]["student_turns"] == 2
    assert sessions[0]["mi_non_adherent"] == 1
    assert "metrics" not in sessions[2]


def test_closed_session_refuses_turns_and_unknown_ids(practice_db):
    started, _, _ = _play(practice_db, student="s-003")
    with session_scope(practice_db) as db:
        with pytest.raises(service.SessionClosed):
            service.student_turn(db, started["session_id"], "Hoe gaat het?", code="open_question")
        with pytest.raises(service.SessionNotFound):
            service.report(db, "nope")
        with pytest.raises(KeyError):
            service.start_session(db, "s-003", "onbekend", 1)
        open_session = service.start_session(db, "s-003", "hans", 1)["session_id"]
        with pytest.raises(ValueError):
            service.student_turn(db, open_session, "x", code="not_a_code")


def test_interim_report_does_not_end_the_session(practice_db):
    started, _, _ = _play(practice_db, student="s-004", finish=False)
    with session_scope(practice_db) as db:
        interim = service.report(db, started["session_id"])
        assert interim["student_turns"] == 4
        assert db.get(PracticeSession, started["session_id"]).ended_at is None


def _turn_count(url, sid):
    with session_scope(url) as db:
        return db.execute(
            select(func.count()).select_from(PracticeTurn).where(PracticeTurn.session_id == sid)
        ).scalar_one()


def test_cascade_delete_in_the_database_and_through_the_service(practice_db):
    first = _play(practice_db, student="s-005")[0]["session_id"]
    second = _play(practice_db, student="s-005")[0]["session_id"]
    assert _turn_count(practice_db, first) == 9
    # ON DELETE CASCADE in the schema itself (no ORM involved)
    with get_engine(practice_db).begin() as conn:
        conn.execute(text("DELETE FROM practice_sessions WHERE id = :id"), {"id": first})
    assert _turn_count(practice_db, first) == 0
    with session_scope(practice_db) as db:
        assert service.delete_session(db, second) is True
        assert service.delete_session(db, second) is False
    assert _turn_count(practice_db, second) == 0


def test_migration_downgrades_and_upgrades(practice_db):
    from alembic import command
    from sqlalchemy import inspect

    from bot.db.migrate import alembic_config

    cfg = alembic_config(practice_db)
    command.downgrade(cfg, "0002_workspace")  # the revision below 0002_practice
    assert "practice_sessions" not in inspect(get_engine(practice_db)).get_table_names()
    command.upgrade(cfg, "head")
    tables = inspect(get_engine(practice_db)).get_table_names()
    assert {"practice_sessions", "practice_turns", "clients", "turns"} <= set(tables)
