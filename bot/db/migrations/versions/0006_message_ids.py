"""Message ids: what one client message produced (its turn, stage assessment, TPB answer,
ruler score) keeps the id the page gave the message, and exists once per conversation.

Revision ID: 0006_message_ids
Revises: 0005_safety_levels
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_message_ids"
down_revision = "0005_safety_levels"
branch_labels = None
depends_on = None

TABLES = (
    ("turns", "uq_turn_message"),
    ("stage_assessments", "uq_assessment_message"),
    ("tpb_answers", "uq_tpb_answer_message"),
    ("ruler_scores", "uq_ruler_score_message"),
)


def upgrade() -> None:
    for table, constraint in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("message_id", sa.String(64), nullable=True))
            batch.create_unique_constraint(constraint, ["conversation_id", "message_id"])


def downgrade() -> None:
    for table, constraint in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(constraint, type_="unique")
            batch.drop_column("message_id")
