"""Engine and sessions from DATABASE_URL (default: SQLite under var/)."""

from __future__ import annotations

import functools
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

DEFAULT_DB = "var/overstap.db"


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{Path(DEFAULT_DB).resolve()}"


def sqlite_engine(url: str, future: bool = True) -> Engine:
    """An engine for an SQLite database with Overstap's settings (foreign keys, WAL, 30 s busy
    timeout). A database file keeps its connections in a pool (SQLAlchemy 2.0's default; 1.4
    gives a file NullPool): otherwise every transaction opens a connection, runs the pragmas,
    and closing the last connection checkpoints the WAL, about a fifth of the Rasa server's
    CPU per message (bench/README.md, "Capacity"). The tracker store uses it for Rasa's table too."""
    parsed = make_url(url)
    kwargs: dict = {"connect_args": {"timeout": 30}}
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs = {"poolclass": QueuePool, "connect_args": {"timeout": 30, "check_same_thread": False}}
    engine = create_engine(url, future=future, hide_parameters=True, **kwargs)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    return engine


# hide_parameters: SQL parameters are message text; they must not appear in errors or logs.
def get_engine(url: str | None = None) -> Engine:
    return _database(url or database_url())[0]


def _factory(url: str) -> sessionmaker:
    return _database(url)[1]


@functools.lru_cache(maxsize=8)
def _database(url: str) -> "tuple[Engine, sessionmaker]":
    """One engine (one pool) and its session factory per URL, cached together: two caches
    could let go of them at different times and leave one URL with two engines."""
    from bot.db import conversation_stats

    if make_url(url).get_backend_name() == "sqlite":
        engine = sqlite_engine(url)
    else:
        engine = create_engine(url, future=True, pool_pre_ping=True, hide_parameters=True)
    factory = sessionmaker(bind=engine, future=True, expire_on_commit=False)
    conversation_stats.install(factory)  # the client list's per-conversation figures
    return engine, factory


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A transaction: commits on success, rolls back on error."""
    session = _factory(url or database_url())()
    try:
        with session.begin():
            yield session
    finally:
        session.close()
