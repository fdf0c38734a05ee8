"""Students and their teacher: professionals.teacher_id (role "student").

Revision ID: 0003_students
Revises: 0002_practice
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_students"
down_revision = "0002_practice"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # alembic cannot add the FK separately on SQLite
        op.execute("ALTER TABLE professionals ADD COLUMN teacher_id INTEGER REFERENCES professionals (id)")
    else:
        op.add_column(
            "professionals", sa.Column("teacher_id", sa.Integer, sa.ForeignKey("professionals.id"), nullable=True)
        )
    op.create_index("ix_professionals_teacher_id", "professionals", ["teacher_id"])


def downgrade() -> None:
    op.drop_index("ix_professionals_teacher_id", "professionals")
    op.drop_column("professionals", "teacher_id")
