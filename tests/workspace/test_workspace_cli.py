"""The workspace's command-line equivalents, run as a script would: create an admin and a
professional, list clients, print a summary, export, purge old conversations, delete."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from sqlalchemy import select, update

from bot.coach import records as store
from bot.db.engine import session_scope
from bot.db.models import AuditEvent, Client, Conversation, Professional, StageAssessment, Turn
from bot.workspace import clients

OVERSTAP = str(Path(sys.executable).with_name("overstap"))
PASSWORD = "cli-wachtwoord-lang-genoeg"


def run(*args, stdin=None):
    return subprocess.run(
        [OVERSTAP, *args], input=stdin, capture_output=True, text=True, timeout=180, env=dict(os.environ)
    )


def conversation(url, client_id, days_ago=0, text="ik werk nu twee dagen bij de kringloop"):
    sender = "cli" + uuid.uuid4().hex[:16]
    ref = store.ConversationRef(id=f"{sender}@1", client_id=client_id, sender_id=sender, started=1.0)
    store.record_consent(ref, "given", url=url)
    store.store_turns(
        ref,
        [
            store.TurnRecord(
                seq=i, speaker="client", text=f"{text} ({i})", stage="action", intent="stage_action", confidence=0.8
            )
            for i in (1, 2, 3)
        ],
        url=url,
    )
    store.add_assessment(ref, 3, "action", 0.72, {"action": 0.72}, 3, url=url)
    if days_ago:
        old = dt.datetime.utcnow() - dt.timedelta(days=days_ago)
        with session_scope(url) as s:
            s.execute(update(Conversation).where(Conversation.id == ref.id).values(started_at=old, consent_at=old))
            for model in (Turn, StageAssessment):
                s.execute(update(model).where(model.conversation_id == ref.id).values(created_at=old))
    return ref.id


def test_admin_and_account_commands(database_url):
    email = f"beheer-{uuid.uuid4().hex[:6]}@gemeente.example"
    r = run("create-admin", "--email", email, "--name", "Beheer", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    r = run("create-admin", "--email", email, "--name", "Beheer", "--password-stdin", stdin=PASSWORD + "\n")
    assert r.returncode == 2 and "bestaat al" in r.stderr
    r = run("create-account", "--email", "x" + email, "--name", "Kort", "--password-stdin", stdin="kort\n")
    assert r.returncode == 2 and "minstens 12" in r.stderr
    with session_scope(database_url) as s:
        assert s.scalar(select(Professional).where(Professional.email == email)).role == "admin"


def test_list_summary_export_purge_and_delete(database_url, tmp_path):
    email = f"ad-{uuid.uuid4().hex[:6]}@gemeente.example"
    assert (
        run("create-account", "--email", email, "--name", "AD", "--password-stdin", stdin=PASSWORD + "\n").returncode
        == 0
    )
    with session_scope(database_url) as s:
        owner = s.scalar(select(Professional).where(Professional.email == email))
        client_id = clients.create_client(s, owner, "P.Q.").id
    recent = conversation(database_url, client_id)
    old = conversation(database_url, client_id, days_ago=400)

    listed = [json.loads(line) for line in run("clients", "--owner", email).stdout.splitlines()]
    assert [c["id"] for c in listed] == [client_id] and set(listed[0]["conversations"]) == {recent, old}
    assert listed[0]["stage_nl"] == "actie"

    summary = json.loads(run("summary", recent).stdout)
    assert summary["stage"] == "action" and summary["stage_quotes"]
    assert run("summary", "bestaat-niet").returncode == 2

    html = run("export", recent, "--format", "html").stdout
    assert "kringloop" in html and "<html" in html
    deid = run("export", recent, "--deidentified").stdout
    pdf = tmp_path / "gesprek.pdf"
    assert run("export", recent, "--format", "pdf", "-o", str(pdf)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert client_id not in deid and "kringloop" in deid

    r = run("purge", "--days", "365")
    assert r.returncode == 0 and int(r.stdout.split()[0]) >= 1  # other tests' old conversations may go too
    with session_scope(database_url) as s:
        assert s.get(Conversation, old) is None and s.get(Conversation, recent) is not None
        assert (
            s.scalar(
                select(AuditEvent).where(AuditEvent.conversation_ref == old, AuditEvent.action == "retention_purge")
            )
            is not None
        )

    assert run("delete-client", client_id).returncode == 2  # needs --yes
    assert run("delete-client", client_id, "--yes").returncode == 0
    with session_scope(database_url) as s:
        assert s.get(Client, client_id) is None and s.get(Conversation, recent) is None
        actions = {e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.client_ref == client_id))}
    assert {"transcript_viewed", "export_html", "export_pdf", "export_deidentified", "client_deleted"} <= actions
