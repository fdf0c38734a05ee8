"""The SQLAlchemy models and the Alembic migrations describe the same schema: an
autogenerate diff against a freshly migrated SQLite database is empty."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from bot.db.migrate import upgrade
from bot.db.models import Base


def test_models_match_the_migrations(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    upgrade(url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_the_client_list_figures_are_filled_in_for_stored_conversations(tmp_path) -> None:
    """Migration 0007 computes the per-conversation figures of conversations stored before it."""
    from alembic import command
    from sqlalchemy import text

    from bot.db.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0005_safety_levels")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO clients (id, created_at) VALUES ('c1', '2025-01-01 09:00:00')"))
            conn.execute(
                text(
                    "INSERT INTO conversations (id, client_id, sender_id, started_at, flagged, target_behaviour) "
                    "VALUES ('s1@1', 'c1', 's1', '2025-01-01 09:00:00', 1, 'werk')"
                )
            )
            for seq, speaker in enumerate(["coach", "client", "coach", "client", "client"], start=1):
                conn.execute(
                    text(
                        "INSERT INTO turns (conversation_id, seq, speaker, text, created_at) "
                        "VALUES ('s1@1', :seq, :speaker, 'x', :at)"
                    ),
                    {"seq": seq, "speaker": speaker, "at": f"2025-01-01 09:0{seq}:00"},
                )
            for turn, stage in ((1, "contemplation"), (3, "action")):
                conn.execute(
                    text(
                        "INSERT INTO stage_assessments (conversation_id, client_turn, stage, confidence, "
                        "evidence_count, created_at) VALUES ('s1@1', :t, :s, 0.6, 1, '2025-01-01 09:05:00')"
                    ),
                    {"t": turn, "s": stage},
                )
            for kind in ("crisis", "check_declined"):
                conn.execute(
                    text(
                        "INSERT INTO safety_flags (conversation_id, kind, created_at) "
                        "VALUES ('s1@1', :k, '2025-01-01 09:05:00')"
                    ),
                    {"k": kind},
                )
        upgrade(url)
        with engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT client_turns, last_turn_at, latest_stage, latest_confidence, safety_level "
                    "FROM conversations WHERE id = 's1@1'"
                )
            ).one()
    finally:
        engine.dispose()
    assert tuple(row) == (3, "2025-01-01 09:05:00", "action", 0.6, "confirmed")  # crisis once: confirmed
