"""Exports name the client by pseudonym (the de-identified one does not); the print view
has a way back to the conversation and a print button, and its own styles are allowed."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from bot.db.engine import session_scope
from bot.web.app import create_app
from bot.workspace.export import conversation_html
from tests.workspace.test_workspace_http import browser, client_with_conversation, log_in, make_account


@pytest.fixture()
def app(database_url):
    return create_app("http://127.0.0.1:9", database_url=database_url)


def test_exports_carry_the_pseudonym_and_the_print_view_a_way_back(app, database_url):
    email = make_account(database_url)
    data = client_with_conversation(database_url, email)  # pseudonym "J.B."
    conv = quote(data["conversation_id"], safe="")
    with browser(app) as b:
        log_in(b, email)
        exported = b.get(f"/pro/conversations/{conv}/export.json").json()
        assert exported["conversation"]["client_pseudonym"] == "J.B."
        assert "J.B." not in b.get(f"/pro/conversations/{conv}/export.json?deidentified=1").text
        r = b.get(f"/pro/conversations/{conv}/export.html")
        assert f"cliënt J.B. ({data['client_id']})" in r.text
        assert f'<a href="/pro/conversations/{conv}">← Terug naar het gesprek</a>' in r.text
        assert '<button type="button" id="print-button" hidden>' in r.text and "/static/print.js" in r.text
        csp = r.headers["content-security-policy"]
        assert "style-src 'self' 'unsafe-inline'" in csp and "script-src 'self';" in csp
        assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    with session_scope(database_url) as s:  # a saved file (the CLI) has no button and no link
        saved = conversation_html(s, data["conversation_id"])
    assert "print-button" not in saved and "Terug naar het gesprek" not in saved and "cliënt J.B." in saved
