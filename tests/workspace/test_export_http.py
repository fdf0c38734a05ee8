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


def pdf_text(body: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_a_real_pdf_with_summary_transcript_and_pseudonym_audited(app, database_url):
    from bot.db.models import AuditEvent

    email = make_account(database_url)
    data = client_with_conversation(database_url, email)
    conv = quote(data["conversation_id"], safe="")
    with browser(app) as b:
        log_in(b, email)
        page = b.get(f"/pro/conversations/{conv}").text
        assert f'href="/pro/conversations/{conv}/export.pdf">PDF downloaden</a>' in page
        r = b.get(f"/pro/conversations/{conv}/export.pdf")
        assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
        assert r.headers["content-disposition"] == 'attachment; filename="gesprek.pdf"'
        assert r.headers["cache-control"] == "no-store" and r.content.startswith(b"%PDF-")
    text, reader = pdf_text(r.content)
    flat = " ".join(text.split())
    assert "J.B." in flat and "Fase van verandering" in flat  # the pseudonym and the summary
    assert "betaald werk zoeken" in flat  # the transcript (the client's last message)
    assert "Terug naar het gesprek" not in flat and "Afdrukken" not in flat  # no page controls in a document
    assert reader.metadata.title.startswith("Gespreksverslag")
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4
    with session_scope(database_url) as s:
        actions = [e.action for e in s.query(AuditEvent).filter_by(conversation_ref=data["conversation_id"])]
    assert "export_pdf" in actions
    with browser(app) as other:  # someone else's conversation: not found, like every other route
        log_in(other, make_account(database_url))
        assert other.get(f"/pro/conversations/{conv}/export.pdf").status_code == 404
