"""Passwords over HTTP: changing your own (the current one checked, every session of the
account ends), and an admin-issued reset link (single use, expiring, only its hash stored,
sessions end when it is used)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from bot.accounts import passwords, security
from bot.db.engine import session_scope
from bot.db.models import AuditEvent, PasswordReset, Professional
from bot.web.account_routes import RESET_LINK_COOKIE
from bot.web.app import create_app
from tests.workspace.test_workspace_http import PASSWORD, account, browser, csrf_of, log_in, make_account

NEW = "een-heel-nieuw-wachtwoord-2"


@pytest.fixture()
def app(database_url):
    return create_app("http://127.0.0.1:9", database_url=database_url)


def actions(url, account_id):
    with session_scope(url) as s:
        return [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.actor_id == account_id))]


def test_changing_your_own_password_ends_every_session(app, database_url):
    email = make_account(database_url, "student")
    with browser(app) as b, browser(app) as other_device:
        log_in(b, email, next_path="/pro/practice")
        log_in(other_device, email, next_path="/pro/practice")
        token = csrf_of(b.get("/pro/account/password").text)
        cases = [
            ({"current": "fout-wachtwoord-123", "new": NEW, "repeat": NEW}, "huidige wachtwoord klopt niet"),
            ({"current": PASSWORD, "new": "kort", "repeat": "kort"}, "minstens 12"),
            ({"current": PASSWORD, "new": NEW, "repeat": NEW + "x"}, "niet gelijk"),
            ({"current": PASSWORD, "new": PASSWORD, "repeat": PASSWORD}, "ander wachtwoord"),
        ]
        for data, message in cases:
            r = b.post("/pro/account/password", data={**data, "csrf_token": token})
            assert r.status_code == 422 and message in r.text, message
        assert other_device.get("/pro/practice").status_code == 200  # nothing changed yet
        r = b.post("/pro/account/password", data={"current": PASSWORD, "new": NEW, "repeat": NEW, "csrf_token": token})
        assert r.status_code == 303 and r.headers["location"] == "/pro/login?wachtwoord=gewijzigd"
        assert "Uw wachtwoord is gewijzigd" in b.get(r.headers["location"]).text
        assert b.get("/pro/practice").status_code == 303  # logged out here
        assert other_device.get("/pro/practice").status_code == 303  # and on the other device
        assert log_in(b, email).status_code == 401
        assert log_in(b, email, NEW, next_path="/pro/practice").status_code == 303
    assert "password_changed" in actions(database_url, account(database_url, email).id)


def test_an_admin_reset_link_works_once_and_ends_the_sessions(app, database_url):
    email, admin_email = make_account(database_url), make_account(database_url, "admin")
    target = account(database_url, email)
    with browser(app) as user, browser(app) as admin:
        log_in(user, email)
        token = csrf_of(user.get("/pro/clients").text)
        assert user.post(f"/pro/admin/accounts/{target.id}/reset", data={"csrf_token": token}).status_code == 404
        log_in(admin, admin_email)
        token = csrf_of(admin.get("/pro/admin/accounts").text)
        r = admin.post(f"/pro/admin/accounts/{target.id}/reset", data={"csrf_token": token})
        assert r.status_code == 303 and r.headers["location"] == "/pro/admin/accounts#resetlink"
        page = admin.get("/pro/admin/accounts").text
        link = re.search(r'id="reset-url" readonly value="https://testserver(/pro/reset/[^"]+)"', page).group(1)
        assert link in admin.get("/pro/admin/accounts").text  # a refresh shows it again, makes no other
        raw = link.rsplit("/", 1)[1]
        assert admin.cookies.get(RESET_LINK_COOKIE) == raw
        with session_scope(database_url) as s:
            rows = s.scalars(select(PasswordReset).where(PasswordReset.professional_id == target.id)).all()
            assert len(rows) == 1 and rows[0].token_hash == security.digest(raw) and raw not in rows[0].token_hash
            assert rows[0].expires_at - rows[0].created_at == passwords.RESET_LIFETIME

        with browser(app) as anonymous:
            form = anonymous.get(link)
            assert form.status_code == 200 and "Nieuw wachtwoord instellen" in form.text
            r = anonymous.post(link, data={"new": NEW, "repeat": "anders-dan-het-eerste"})
            assert r.status_code == 422 and "niet gelijk" in r.text
            assert user.get("/pro/clients").status_code == 200  # a wrong try changes nothing
            r = anonymous.post(link, data={"new": NEW, "repeat": NEW})
            assert r.status_code == 303 and r.headers["location"] == "/pro/login?wachtwoord=ingesteld"
            assert user.get("/pro/clients").status_code == 303  # the old session ended
            again = anonymous.post(link, data={"new": NEW + "3", "repeat": NEW + "3"})
            assert again.status_code == 410 and "al gebruikt" in again.text
            assert anonymous.get(link).status_code == 410
            assert anonymous.get("/pro/reset/bestaat-niet").status_code == 404
            assert log_in(anonymous, email, NEW).status_code == 303
    assert "password_reset_used" in actions(database_url, target.id)
    assert "password_reset_issued" in actions(database_url, account(database_url, admin_email).id)


def test_a_reset_link_expires_and_a_newer_one_replaces_it(database_url):
    email, admin_email = make_account(database_url), make_account(database_url, "admin")
    with session_scope(database_url) as s:
        target = s.scalar(select(Professional).where(Professional.email == email))
        admin = s.scalar(select(Professional).where(Professional.email == admin_email))
        _, old = passwords.issue_reset(s, target, admin, now=dt.datetime(2020, 1, 1))
        assert passwords.resolve_reset(s, old)[0] is passwords.ResetStatus.EXPIRED
        _, first = passwords.issue_reset(s, target, admin)
        _, second = passwords.issue_reset(s, target, admin)
        assert passwords.resolve_reset(s, first)[0] is passwords.ResetStatus.USED  # replaced
        assert passwords.resolve_reset(s, second)[0] is passwords.ResetStatus.VALID
        target.active = False  # a disabled account cannot be reset back into use
        assert passwords.resolve_reset(s, second)[0] is passwords.ResetStatus.EXPIRED
