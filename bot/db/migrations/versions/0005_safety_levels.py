"""Safety levels for the professional: which client turn carried the signal, its
categories, when the owner was told, and the professional's acknowledgement.

Revision ID: 0005_safety_levels
Revises: 0003_students
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_safety_levels"
down_revision = "0003_students"
branch_labels = None
depends_on = None

COLUMNS = (
    ("client_turn", sa.Integer),
    ("categories", sa.JSON),
    ("notified_at", sa.DateTime),
    ("acknowledged_at", sa.DateTime),
    ("acknowledged_by", sa.Integer),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("safety_flags", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("safety_flags") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
