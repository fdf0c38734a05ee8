"""Practice mode: practice_sessions and practice_turns.

Revision ID: 0002_practice
Revises: 0002_workspace
Create Date: 2026-11-23

Chained after 0002_workspace (written at the same time, also on 0001) so the history
has a single head; the two revisions touch different tables.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_practice"
down_revision = "0002_workspace"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("student_id", sa.String(64), nullable=False),
        sa.Column("persona_id", sa.String(64), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("ended_at", sa.DateTime),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("report", sa.JSON),
    )
    op.create_index("ix_practice_sessions_student_id", "practice_sessions", ["student_id"])
    op.create_table(
        "practice_turns",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id", sa.String(36), sa.ForeignKey("practice_sessions.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("speaker", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("code", sa.String(32)),
        sa.Column("confidence", sa.Float),
        sa.Column("situation", sa.String(32)),
        sa.Column("topic", sa.String(32)),
        sa.Column("reply_id", sa.String(48)),
        sa.Column("state", sa.JSON),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("session_id", "seq", name="uq_practice_turn_seq"),
    )
    op.create_index("ix_practice_turns_session_id", "practice_turns", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_practice_turns_session_id", table_name="practice_turns")
    op.drop_table("practice_turns")
    op.drop_index("ix_practice_sessions_student_id", table_name="practice_sessions")
    op.drop_table("practice_sessions")
