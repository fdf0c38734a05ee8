"""Professional's workspace: accounts, client ownership, invitations, sessions, log-in
attempts and the audit log.

Revision ID: 0002_workspace
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_workspace"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "professionals",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    # Plain ADD COLUMN, no batch copy: on SQLite a batch copy drops `clients`, and with
    # foreign keys on that would cascade into every conversation.
    if op.get_bind().dialect.name == "sqlite":  # alembic cannot add the FK separately on SQLite
        op.execute("ALTER TABLE clients ADD COLUMN owner_id INTEGER REFERENCES professionals (id)")
    else:
        op.add_column("clients", sa.Column("owner_id", sa.Integer, sa.ForeignKey("professionals.id"), nullable=True))
    op.add_column("clients", sa.Column("pseudonym", sa.String(80), nullable=True))
    op.add_column("clients", sa.Column("next_gesprek", sa.Date, nullable=True))
    op.create_index("ix_clients_owner_id", "clients", ["owner_id"])
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(64), sa.ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_invitations_client_id", "invitations", ["client_id"])
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("professional_id", sa.Integer, sa.ForeignKey("professionals.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_web_sessions_professional_id", "web_sessions", ["professional_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email_hash", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_login_attempts_email_hash", "login_attempts", ["email_hash"])
    op.create_index("ix_login_attempts_at", "login_attempts", ["at"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor_id", sa.Integer, nullable=True),
        sa.Column("actor_email", sa.String(254), nullable=True),
        sa.Column("action", sa.String(48), nullable=False),
        sa.Column("client_ref", sa.String(64), nullable=True),
        sa.Column("conversation_ref", sa.String(160), nullable=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("login_attempts")
    op.drop_table("web_sessions")
    op.drop_table("invitations")
    op.drop_index("ix_clients_owner_id", "clients")
    for column in ("next_gesprek", "pseudonym", "owner_id"):
        op.drop_column("clients", column)  # SQLite >= 3.35 drops columns in place
    op.drop_table("professionals")
