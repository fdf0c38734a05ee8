"""Chat links over HTTP: Post/Redirect/Get (a refresh shows the same link and makes no
other), the expiry and a text to paste into an e-mail or SMS, and the link is shown only
on its own client's page, to its own professional, for a short while."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from bot.db.engine import session_scope
from bot.db.models import Invitation
from bot.web.app import create_app
from bot.web.workspace_routes import NEW_LINK_COOKIE
from bot.workspace import clients
from tests.workspace.test_workspace_http import (
    account,
    browser,
    client_with_conversation,
    csrf_of,
    log_in,
    make_account,
)


@pytest.fixture()
def app(database_url):
    return create_app("http://127.0.0.1:9", database_url=database_url)


def invitations(url, client_id) -> int:
    with session_scope(url) as s:
        return s.scalar(select(func.count()).select_from(Invitation).where(Invitation.client_id == client_id))


def test_a_new_link_survives_a_refresh_without_making_another(app, database_url):
    email = make_account(database_url)
    data = client_with_conversation(database_url, email)
    cid = data["client_id"]
    with browser(app) as b:
        log_in(b, email)
        token = csrf_of(b.get(f"/pro/clients/{cid}").text)
        before = invitations(database_url, cid)
        r = b.post(f"/pro/clients/{cid}/invitations", data={"days": "14", "csrf_token": token})
        assert r.status_code == 303 and r.headers["location"] == f"/pro/clients/{cid}#nieuwe-link"
        cookie = r.headers["set-cookie"]
        assert f"Path=/pro/clients/{cid}" in cookie and "HttpOnly" in cookie and "Max-Age=600" in cookie
        first = b.get(f"/pro/clients/{cid}").text
        again = b.get(f"/pro/clients/{cid}").text  # the refresh
        link = re.search(r'id="link" readonly value="(https://testserver/c/[^"]+)"', first).group(1)
        assert link in again and invitations(database_url, cid) == before + 1
        assert 'data-copy="link"' in first and 'data-copy="link-message"' in first
        with session_scope(database_url) as s:
            inv = s.scalars(
                select(Invitation).where(Invitation.client_id == cid).order_by(Invitation.id.desc())
            ).first()
            from bot.core.clock import local

            expires = local(inv.expires_at).strftime("%d-%m-%Y %H:%M")
        assert f"geldig tot {expires}" in first
        message = re.search(r'<textarea id="link-message"[^>]*>(.*?)</textarea>', first, re.S).group(1)
        assert link in message and f"geldig tot {expires}" in message and "computerprogramma" in message
        assert "Test Persoon" in message  # signed by the professional
        # the token never reaches the audit log or the URL
        assert link.split("/c/")[1] not in r.headers["location"]


def test_the_new_link_is_not_shown_elsewhere_or_once_revoked(app, database_url):
    email = make_account(database_url)
    data = client_with_conversation(database_url, email)
    with session_scope(database_url) as s:
        other = clients.create_client(s, account(database_url, email), "Ander").id
    cid = data["client_id"]
    with browser(app) as b:
        log_in(b, email)
        token = csrf_of(b.get(f"/pro/clients/{cid}").text)
        b.post(f"/pro/clients/{cid}/invitations", data={"days": "3", "csrf_token": token})
        new_token = b.cookies.get(NEW_LINK_COOKIE)
        assert new_token and new_token in b.get(f"/pro/clients/{cid}").text
        # the cookie is meant for one page; even sent to another client's page it shows nothing
        page = b.get(f"/pro/clients/{other}", cookies={NEW_LINK_COOKIE: new_token}).text
        assert new_token not in page and 'id="link"' not in page
        with session_scope(database_url) as s:
            inv = s.scalar(select(Invitation).where(Invitation.client_id == cid).order_by(Invitation.id.desc()))
            inv_id = inv.id
        b.post(f"/pro/clients/{cid}/invitations/{inv_id}/revoke", data={"csrf_token": token})
        assert 'id="link"' not in b.get(f"/pro/clients/{cid}").text  # revoked: no longer offered
