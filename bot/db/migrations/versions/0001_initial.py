"""Initial schema: clients, conversations, turns, assessments, TPB answers, rulers, flags.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _child(name, *columns, constraints=()):
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column(
            "conversation_id", sa.String(160), sa.ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
        ),
        *columns,
        *constraints,
    )
    op.create_index(f"ix_{name}_conversation_id", name, ["conversation_id"])


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(160), primary_key=True),
        sa.Column("client_id", sa.String(64), sa.ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sender_id", sa.String(128), nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("consent", sa.String(16)),
        sa.Column("consent_at", sa.DateTime),
        sa.Column("closed_at", sa.DateTime),
        sa.Column("flagged", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("summary_correction", sa.Text),
        sa.Column("target_behaviour", sa.String(200), nullable=False),
    )
    op.create_index("ix_conversations_client_id", "conversations", ["client_id"])
    op.create_index("ix_conversations_sender_id", "conversations", ["sender_id"])
    _child(
        "turns",
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("speaker", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("intent", sa.String(64)),
        sa.Column("confidence", sa.Float),
        sa.Column("entities", sa.JSON),
        sa.Column("talk_type", sa.String(16)),
        sa.Column("stage", sa.String(32)),
        constraints=(sa.UniqueConstraint("conversation_id", "seq", name="uq_turn_seq"),),
    )
    _child(
        "stage_assessments",
        sa.Column("client_turn", sa.Integer, nullable=False),
        sa.Column("stage", sa.String(32)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("scores", sa.JSON),
        sa.Column("evidence_count", sa.Integer, nullable=False),
        sa.Column("target_behaviour", sa.String(200)),
    )
    _child(
        "tpb_answers",
        sa.Column("construct", sa.String(32), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
    )
    _child(
        "ruler_scores",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
    )
    _child(
        "safety_flags",
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("sources", sa.JSON),
        sa.Column("probability", sa.Float),
    )


def downgrade() -> None:
    for table in (
        "safety_flags",
        "ruler_scores",
        "tpb_answers",
        "stage_assessments",
        "turns",
        "conversations",
        "clients",
    ):
        op.drop_table(table)
