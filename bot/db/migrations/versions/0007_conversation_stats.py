"""Per-conversation figures for the client list at municipal scale (client turns, last
message, latest assessment, safety level), filled in for the stored conversations.

Revision ID: 0007_conversation_stats
Revises: 0006_message_ids
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_conversation_stats"
down_revision = "0006_message_ids"
branch_labels = None
depends_on = None

COLUMNS = (
    ("client_turns", sa.Integer, {"nullable": False, "server_default": "0"}),
    ("last_turn_at", sa.DateTime, {}),
    ("latest_stage", lambda: sa.String(32), {}),
    ("latest_confidence", sa.Float, {}),
    ("safety_level", lambda: sa.String(16), {}),
)


def upgrade() -> None:
    for name, kind, options in COLUMNS:
        op.add_column("conversations", sa.Column(name, kind(), **options))
    from bot.db import conversation_stats

    conversation_stats.refresh(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        for name, _, _ in reversed(COLUMNS):
            batch.drop_column(name)
