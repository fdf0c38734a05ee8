"""Admin-issued password reset links (single use, expiring; only the token's hash stored).

Revision ID: 0008_password_resets
Revises: 0007_conversation_stats
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_password_resets"
down_revision = "0007_conversation_stats"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "password_resets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("professional_id", sa.Integer, sa.ForeignKey("professionals.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.Integer),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime),
    )
    op.create_index("ix_password_resets_professional_id", "password_resets", ["professional_id"])


def downgrade() -> None:
    op.drop_index("ix_password_resets_professional_id", "password_resets")
    op.drop_table("password_resets")
