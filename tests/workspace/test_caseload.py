"""The client list at scale (bot.workspace.caseload): the aggregated query gives the same
stage, safety level and last chat as the Python rules of the summary; search, filters, sort
and pages; a fixed number of SQL statements however many clients; duplicate pseudonyms."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest
from sqlalchemy import event, select

from bot.db.engine import get_engine, session_scope
from bot.db.models import Client, Conversation, Professional, Turn
from bot.workspace import caseload, clients, safety_levels
from bot.workspace.summary import client_trajectory
from tests.workspace.conftest import client, coach, make_conversation

STAGES = ["precontemplation", "contemplation", "preparation", "action", "maintenance"]


def owner(url) -> int:
    with session_scope(url) as s:
        pro = Professional(email=f"cl-{uuid.uuid4().hex[:10]}@example.nl", name="T", password_hash="x")
        s.add(pro)
        s.flush()
        return pro.id


def new_client(url, owner_id, pseudonym, next_gesprek=None) -> str:
    with session_scope(url) as s:
        return clients.create_client(s, s.get(Professional, owner_id), pseudonym, next_gesprek).id


def chat(url, client_id, started, n_client=3, stage=None, confidence=0.7, flags=()):
    messages = []
    for i in range(n_client):
        messages += [coach("Vertel eens?"), client(f"bericht {i}", intent="explain_situation")]
    assessments = [(n_client, stage, confidence)] if stage is not None else []
    return make_conversation(
        url, messages, started=started, client_id=client_id, assessments=assessments, flags=flags
    ).id


def query(url, owner_id, page_size=caseload.PAGE_SIZE, **params):
    with session_scope(url) as s:
        return caseload.client_page(s, owner_id, caseload.ListQuery.parse(params), page_size)


def names(listing):
    return [r.pseudonym for r in listing.rows]


@pytest.fixture()
def mixed(database_url):
    """Clients with every case the rules distinguish, in a seeded random mix."""
    rng = random.Random(12)
    pro = owner(database_url)
    day = dt.datetime(2025, 5, 1, 9, 0)
    ids = []
    for n in range(14):
        cid = new_client(database_url, pro, f"K{n:02d}", dt.date(2026, 1, 1 + n) if n % 3 else None)
        ids.append(cid)
        for k in range(rng.randint(0, 3)):
            chat(
                database_url,
                cid,
                day + dt.timedelta(days=n * 3 + k),
                n_client=rng.choice([1, 2, 3, 5]),
                stage=rng.choice([None, "", *STAGES]),
                confidence=rng.choice([0.2, 0.34, 0.35, 0.8]),
                flags=rng.choice(
                    [
                        (),
                        ("crisis",),
                        ("possible_crisis",),
                        ("check_declined",),
                        ("crisis", "check_declined"),
                        ("possible_crisis", "check_declined"),
                    ]
                ),
            )
    return pro, ids


def test_the_aggregated_query_agrees_with_the_summary_rules(database_url, mixed):
    pro, ids = mixed
    with session_scope(database_url) as s:
        rows = {r.client_id: r for r in caseload.all_rows(s, pro)}
        assert set(rows) == set(ids)
        seen_levels, seen_stages = set(), set()
        for cid in ids:
            c = s.get(Client, cid)
            named = [p for p in client_trajectory(s, cid) if p.stage is not None]
            expect_stage = named[-1].stage if named else None
            expect_conf = named[-1].confidence if named else None
            convs = list(c.conversations)
            last_turn = s.scalar(
                select(Turn.created_at)
                .join(Conversation)
                .where(Conversation.client_id == cid)
                .order_by(Turn.created_at.desc())
                .limit(1)
            )
            expect_last = (last_turn or max(x.started_at for x in convs)) if convs else None
            row = rows[cid]
            assert (row.stage, row.stage_confidence) == (expect_stage, expect_conf), cid
            assert row.safety_level == safety_levels.client_level(convs), cid
            assert row.last_chat == expect_last and row.conversations == len(convs), cid
            assert caseload.client_row(s, c) == row  # the client page shows the same figures
            for conv_row, point in zip(
                caseload.conversation_rows(s, c), reversed(client_trajectory(s, cid)), strict=True
            ):
                assert conv_row.id == point.conversation_id and conv_row.stage == point.stage
                assert conv_row.safety_level == point.safety_level
                conv = s.get(Conversation, conv_row.id)
                assert conv_row.client_turns == sum(t.speaker == "client" for t in conv.turns)
            seen_levels.add(row.safety_level)
            seen_stages.add(row.stage)
    # the seeded mix covers the cases (else the comparison above proves little)
    assert {None, "confirmed", "possible", "declined"} <= seen_levels and len(seen_stages) >= 3


def test_filters_sorts_and_search(database_url):
    pro = owner(database_url)
    day = dt.datetime(2025, 6, 2, 10, 0)
    a = new_client(database_url, pro, "Anna B.", dt.date(2026, 3, 1))
    b = new_client(database_url, pro, "bert 100%", dt.date(2026, 2, 1))
    c = new_client(database_url, pro, "Cor_D", None)
    new_client(database_url, pro, "Dirk", dt.date(2026, 1, 1))  # never chatted
    chat(database_url, a, day, stage="action")
    chat(database_url, b, day + dt.timedelta(days=2), stage="precontemplation", flags=("possible_crisis",))
    chat(database_url, c, day + dt.timedelta(days=1), n_client=1, stage="action", flags=("crisis",))

    assert names(query(database_url, pro)) == ["Dirk", "bert 100%", "Anna B.", "Cor_D"]  # next gesprek, empty last
    assert names(query(database_url, pro, sort="last_chat")) == ["bert 100%", "Cor_D", "Anna B.", "Dirk"]
    assert names(query(database_url, pro, sort="stage")) == ["bert 100%", "Anna B.", "Cor_D", "Dirk"]
    assert names(query(database_url, pro, sort="safety")) == ["Cor_D", "bert 100%", "Dirk", "Anna B."]

    assert names(query(database_url, pro, zoek="ANNA")) == ["Anna B."]  # case-insensitive
    assert names(query(database_url, pro, zoek="100%")) == ["bert 100%"]  # % is a character, not a wildcard
    assert names(query(database_url, pro, zoek="r_d")) == ["Cor_D"]  # so is _
    assert names(query(database_url, pro, zoek="%")) == ["bert 100%"]
    assert names(query(database_url, pro, veiligheid="confirmed")) == ["Cor_D"]
    assert names(query(database_url, pro, veiligheid="none")) == ["Dirk", "Anna B."]
    assert names(query(database_url, pro, fase="action")) == ["Anna B."]  # Cor_D: one message, too thin
    assert names(query(database_url, pro, fase="unknown")) == ["Dirk", "Cor_D"]
    assert names(query(database_url, pro, geen_chat="1")) == ["Dirk"]
    listing = query(database_url, pro, fase="action", veiligheid="none", zoek="ann")
    assert names(listing) == ["Anna B."] and listing.total == 1 and listing.all_clients == 4
    # nonsense in the query string falls back to the defaults instead of an error
    odd = caseload.ListQuery.parse({"sort": "drop table", "veiligheid": "x", "fase": "y", "pagina": "-3"})
    assert odd == caseload.ListQuery()


def test_pages_and_the_page_past_the_end(database_url):
    pro = owner(database_url)
    for n in range(7):
        new_client(database_url, pro, f"P{n}", dt.date(2026, 1, 1 + n))
    first = query(database_url, pro, page_size=3)
    assert names(first) == ["P0", "P1", "P2"] and first.total == 7 and first.pages == 3
    assert names(query(database_url, pro, page_size=3, pagina="3")) == ["P6"]
    late = query(database_url, pro, page_size=3, pagina="9")  # a bookmark after deletions
    assert names(late) == ["P6"] and late.query.page == 3
    assert caseload.ListQuery(search="x", page=2).params(pagina=1) == {"zoek": "x"}


def test_the_list_is_one_query_however_many_clients(database_url):
    pro = owner(database_url)
    day = dt.datetime(2025, 7, 1, 9, 0)

    def statements() -> int:
        seen = []

        def count(*_):
            seen.append(1)

        engine = get_engine(database_url)
        event.listen(engine, "before_cursor_execute", count)
        try:
            query(database_url, pro, sort="safety")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    for n in range(3):
        chat(database_url, new_client(database_url, pro, f"Q{n}"), day, stage="action")
    few = statements()
    for n in range(3, 15):
        cid = new_client(database_url, pro, f"Q{n}")
        chat(database_url, cid, day, stage="contemplation", flags=("possible_crisis",))
        chat(database_url, cid, day + dt.timedelta(days=1), stage="action")
    assert statements() == few <= 2  # the page (with its total) and the number of all clients


def test_a_duplicate_pseudonym_is_found_and_counted(database_url):
    pro, other = owner(database_url), owner(database_url)
    new_client(database_url, pro, "J.B.")
    new_client(database_url, other, "J.B.")  # someone else's client does not count
    with session_scope(database_url) as s:
        assert [c.pseudonym for c in caseload.same_pseudonym(s, pro, "  j.b. ")] == ["J.B."]
        assert caseload.same_pseudonym(s, pro, "J.B") == [] and caseload.same_pseudonym(s, pro, " ") == []
    new_client(database_url, pro, "j.b.")
    rows = query(database_url, pro).rows
    assert [r.same_pseudonym for r in rows] == [2, 2]


def test_refresh_recomputes_the_figures_from_the_child_rows(database_url):
    """What the migration does for stored conversations and bulk loaders do after inserting."""
    from sqlalchemy import update

    from bot.db import conversation_stats

    pro = owner(database_url)
    cid = new_client(database_url, pro, "R.")
    conv_id = chat(
        database_url, cid, dt.datetime(2025, 8, 1, 9), n_client=4, stage="action", flags=("possible_crisis",)
    )
    with session_scope(database_url) as s:
        before = caseload.client_row(s, s.get(Client, cid))
    assert before.stage == "action" and before.safety_level == "possible"
    with get_engine(database_url).begin() as conn:
        conn.execute(
            update(Conversation)
            .where(Conversation.id == conv_id)
            .values(client_turns=0, last_turn_at=None, latest_stage=None, latest_confidence=None, safety_level=None)
        )
        conversation_stats.refresh(conn)
    with session_scope(database_url) as s:
        assert caseload.client_row(s, s.get(Client, cid)) == before
