"""Fixtures for practice-mode tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def miti_classifier():
    """The real MITI classifier (trained first if its data or code changed, < 1 min)."""
    from bot.understanding.miti import get_classifier

    return get_classifier()


@pytest.fixture
def practice_db(tmp_path):
    """A fresh SQLite database migrated with alembic (so the practice migration is exercised)."""
    from bot.db.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'practice.db'}"
    upgrade(url)
    return url
