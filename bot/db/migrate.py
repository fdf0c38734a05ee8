"""Apply the schema migrations (alembic) programmatically."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from alembic import command
from alembic.config import Config

from bot.db.engine import database_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: Optional[str] = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url or database_url())
    return cfg


def upgrade(url: Optional[str] = None) -> None:
    command.upgrade(alembic_config(url), "heads")  # independent branches (workspace, practice)
