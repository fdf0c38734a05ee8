"""Database layer: the engine, every table (bot.db.models) and the Alembic migrations."""
