"""Alembic environment: applies Overstap's migrations to DATABASE_URL.

Rasa's SQL tracker store keeps its own `events` table in the same database; it is
not ours to migrate, so it is excluded from autogenerate.
"""

from alembic import context

from bot.db.engine import database_url, get_engine
from bot.db.models import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and reflected and name not in target_metadata.tables)


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url") or database_url()
    with get_engine(url).connect() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, include_object=include_object, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
