"""One engine per database URL: the session factory is bound to the engine get_engine gives."""

from bot.db.engine import get_engine, session_scope


def test_sessions_use_the_engine_of_their_url_even_after_many_other_engines(tmp_path):
    first = f"sqlite:///{tmp_path}/first.sqlite"
    with session_scope(first):
        pass
    for i in range(12):  # more engines than the cache holds, without sessions
        get_engine(f"sqlite:///{tmp_path}/other{i}.sqlite")
    with session_scope(first) as session:
        assert session.get_bind() is get_engine(first)
