"""The admin's audit log: filters by actor, action and Dutch calendar dates, pages past the
old 500-line cut, and pseudonyms (or account names, or "verwijderd") instead of bare ids."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from bot.accounts import audit_search
from bot.db.engine import session_scope
from bot.db.models import AuditEvent, Professional
from bot.web.app import create_app
from bot.workspace import clients
from tests.workspace.test_workspace_http import account, browser, client_with_conversation, log_in, make_account


@pytest.fixture()
def app(database_url):
    return create_app("http://127.0.0.1:9", database_url=database_url)


def add_events(url, actor_email, rows):
    """rows: (at UTC, action, client_ref, conversation_ref)."""
    with session_scope(url) as s:
        actor = s.scalar(select(Professional).where(Professional.email == actor_email))
        for at, action, client_ref, conv_ref in rows:
            s.add(
                AuditEvent(
                    at=at,
                    actor_id=actor.id,
                    actor_email=actor.email,
                    action=action,
                    client_ref=client_ref,
                    conversation_ref=conv_ref,
                )
            )
        return actor.id


def search(url, **params):
    with session_scope(url) as s:
        return audit_search.search(s, audit_search.AuditQuery.parse(params))


def test_filters_by_actor_action_and_dutch_dates(database_url):
    email = make_account(database_url)
    actor = add_events(
        database_url,
        email,
        [
            (dt.datetime(2025, 3, 30, 21, 30), "login", None, None),  # 30-03 23:30 in Amsterdam
            (dt.datetime(2025, 3, 30, 22, 30), "client_viewed", "cl-x", None),  # 31-03 00:30 (summer time)
            (dt.datetime(2025, 3, 31, 21, 59), "logout", None, None),  # 31-03 23:59
            (dt.datetime(2025, 3, 31, 22, 0), "login", None, None),  # 01-04 00:00
        ],
    )
    mine = {"wie": str(actor)}
    assert search(database_url, **mine).total == 4
    assert [line.event.action for line in search(database_url, **mine, wat="login").lines] == ["login", "login"]
    day = search(database_url, **mine, van="2025-03-31", tot="2025-03-31")
    assert [line.event.action for line in day.lines] == ["logout", "client_viewed"]
    assert search(database_url, **mine, van="2025-04-01").total == 1
    assert search(database_url, **mine, tot="2025-03-30").total == 1
    odd = audit_search.AuditQuery.parse({"wie": "x; drop", "wat": "hacking", "van": "31-03-2025", "pagina": "0"})
    assert odd == audit_search.AuditQuery()


def test_pages_go_past_the_old_500_events(database_url):
    email = make_account(database_url)
    start = dt.datetime(2024, 1, 1, 9, 0)
    actor = add_events(
        database_url, email, [(start + dt.timedelta(minutes=i), "client_viewed", None, None) for i in range(601)]
    )
    first = search(database_url, wie=str(actor))
    assert first.total == 601 and first.pages == 7 and len(first.lines) == audit_search.PAGE_SIZE
    last = search(database_url, wie=str(actor), pagina="7")
    assert len(last.lines) == 1 and last.lines[0].event.at == start  # the oldest, beyond the old cut
    assert search(database_url, wie=str(actor), pagina="99").query.page == 7


def test_lines_show_pseudonyms_and_account_names(app, database_url):
    email, admin_email = make_account(database_url), make_account(database_url, "admin", name="Beheer Der")
    data = client_with_conversation(database_url, email)  # "J.B."
    with session_scope(database_url) as s:
        gone = clients.create_client(s, account(database_url, email), "Weg")
        gone_id = gone.id
        clients.delete_client_everywhere(s, gone)
    colleague = account(database_url, admin_email)
    actor = add_events(
        database_url,
        email,
        [
            (dt.datetime(2025, 5, 1, 8, 0), "transcript_viewed", data["client_id"], data["conversation_id"]),
            (dt.datetime(2025, 5, 1, 9, 0), "client_deleted", gone_id, None),
            (dt.datetime(2025, 5, 1, 10, 0), "account_created", f"account:{colleague.id}", None),
        ],
    )
    with browser(app) as b:
        log_in(b, admin_email)
        page = b.get(f"/pro/admin/audit?wie={actor}").text
        rows = re.findall(r"<tr><th scope=\"row\" class=\"date\">.*?</tr>", page, re.S)
        assert len(rows) == 3
        assert "account: Beheer Der" in rows[0]
        assert f"verwijderde cliënt ({gone_id})" in rows[1] and "Weg" not in rows[1]
        assert "J.B." in rows[2] and "gesprek van" in rows[2] and data["conversation_id"] not in rows[2]
        assert f'<option value="{actor}" selected>' in page
        page = b.get(f"/pro/admin/audit?wie={actor}&wat=client_deleted").text
        assert "1 gebeurtenis met deze filters." in page
