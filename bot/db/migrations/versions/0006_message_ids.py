"""Message ids: a client turn keeps the id its page gave the message, once per conversation.

Revision ID: 0006_message_ids
Revises: 0005_safety_levels
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_message_ids"
down_revision = "0005_safety_levels"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("turns") as batch:
        batch.add_column(sa.Column("message_id", sa.String(64), nullable=True))
        batch.create_unique_constraint("uq_turn_message", ["conversation_id", "message_id"])


def downgrade() -> None:
    with op.batch_alter_table("turns") as batch:
        batch.drop_constraint("uq_turn_message", type_="unique")
        batch.drop_column("message_id")
