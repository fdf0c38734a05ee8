"""Command-line equivalents of the workspace, for scripts and cron.

Operators with database access run these; every view, export and deletion is written
to the audit log with the actor "cli".
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Optional

from sqlalchemy import select

CLI_ACTOR = "cli"


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    env = os.environ.get("OVERSTAP_ADMIN_PASSWORD")
    if env:
        return env
    first = getpass.getpass("Wachtwoord (minstens 12 tekens): ")
    if getpass.getpass("Nogmaals: ") != first:
        sys.exit("De wachtwoorden zijn niet gelijk.")
    return first


def _session():
    from bot.db.engine import session_scope
    from bot.db.migrate import upgrade

    upgrade()
    return session_scope()


def cmd_create_account(args) -> int:
    from bot.accounts import accounts, audit

    password = _password(args)
    with _session() as session:
        teacher_id = _owner(session, args.teacher).id if getattr(args, "teacher", None) else None
        try:
            account = accounts.create_professional(session, args.email, args.name, password, args.role, teacher_id)
        except accounts.AccountError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        audit.record(session, "account_created", client_ref=f"account:{account.id}", actor_label=CLI_ACTOR)
        print(f"Account {account.email} ({accounts.ROLE_LABELS[account.role]}) aangemaakt.")
    return 0


def _owner(session, email: str):
    from bot.accounts.accounts import normalise_email
    from bot.db.models import Professional

    owner = session.scalar(select(Professional).where(Professional.email == normalise_email(email)))
    if owner is None:
        sys.exit(f"Geen account met e-mailadres {email}.")
    return owner


def cmd_clients(args) -> int:
    from bot.core.stages import dutch_name
    from bot.db.models import Client, Conversation
    from bot.workspace import caseload

    with _session() as session:
        owner = _owner(session, args.owner)
        rows = caseload.all_rows(session, owner.id)
        conversation_ids = {}
        for client_id, conversation_id in session.execute(
            select(Conversation.client_id, Conversation.id)
            .join(Client, Client.id == Conversation.client_id)
            .where(Client.owner_id == owner.id)
            .order_by(Conversation.started_at)
        ):
            conversation_ids.setdefault(client_id, []).append(conversation_id)
        out = [
            {
                "id": r.client_id,
                "pseudonym": r.pseudonym,
                "next_gesprek": r.next_gesprek.isoformat() if r.next_gesprek else None,
                "stage": r.stage,
                "stage_nl": dutch_name(r.stage) if r.stage else None,
                "stage_confidence": r.stage_confidence,
                "last_chat": r.last_chat.isoformat() if r.last_chat else None,
                "conversations": conversation_ids.get(r.client_id, []),
                "flagged": r.flagged,
                "safety_level": r.safety_level,
            }
            for r in rows
        ]
    for row in out:
        print(json.dumps(row, ensure_ascii=False))
    return 0


def _conversation(session, conversation_id: str):
    """The conversation, or None after telling the operator in Dutch."""
    from bot.db.models import Conversation

    conv = session.get(Conversation, conversation_id)
    if conv is None:
        print(f"Gesprek {conversation_id} bestaat niet.", file=sys.stderr)
    return conv


def cmd_summary(args) -> int:
    from bot.accounts import audit
    from bot.workspace.summary import build_summary

    with _session() as session:
        conv = _conversation(session, args.conversation_id)
        if conv is None:
            return 2
        data = build_summary(session, conv.id).as_dict()
        audit.record(
            session, "transcript_viewed", client_ref=conv.client_id, conversation_ref=conv.id, actor_label=CLI_ACTOR
        )
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    return 0


def cmd_export(args) -> int:
    from bot.accounts import audit

    with _session() as session:
        conv = _conversation(session, args.conversation_id)
        if conv is None:
            return 2
        if args.deidentified:
            from bot.workspace.deidentify import deidentified_conversation

            text, action = (
                json.dumps(deidentified_conversation(session, conv.id), ensure_ascii=False, indent=2, default=str),
                "export_deidentified",
            )
        elif args.format == "pdf":
            from bot.workspace.export import conversation_pdf

            text, action = conversation_pdf(session, conv.id), "export_pdf"
        elif args.format == "html":
            from bot.workspace.export import conversation_html

            text, action = conversation_html(session, conv.id), "export_html"
        else:
            from bot.workspace.export import conversation_json

            text, action = (
                json.dumps(conversation_json(session, conv.id), ensure_ascii=False, indent=2, default=str),
                "export_json",
            )
        audit.record(session, action, client_ref=conv.client_id, conversation_ref=conv.id, actor_label=CLI_ACTOR)
    if isinstance(text, bytes):  # the PDF: to a file, or raw bytes on stdout
        if args.output:
            Path(args.output).write_bytes(text)
            print(f"Geschreven naar {args.output}", file=sys.stderr)
        else:
            sys.stdout.buffer.write(text)
        return 0
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Geschreven naar {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text + "\n")
    return 0


def cmd_delete_client(args) -> int:
    from bot.accounts import audit
    from bot.db.models import Client
    from bot.workspace import clients

    if not args.yes:
        print("Verwijderen kan niet ongedaan worden gemaakt; bevestig met --yes.", file=sys.stderr)
        return 2
    with _session() as session:
        client = session.get(Client, args.client_id)
        if client is None:
            print(f"Cliënt {args.client_id} bestaat niet.", file=sys.stderr)
            return 2
        clients.delete_client_everywhere(session, client)
        audit.record(session, "client_deleted", client_ref=args.client_id, actor_label=CLI_ACTOR)
    print(f"Cliënt {args.client_id} en alle gegevens verwijderd.")
    return 0


def retention_days(value: Optional[int]) -> int:
    if value is not None:
        return value
    return int(os.environ.get("OVERSTAP_RETENTION_DAYS", "365"))


def cmd_purge(args) -> int:
    from bot.accounts import audit
    from bot.workspace import clients
    from bot.workspace.retention import purge_older_than

    days = retention_days(args.days)
    if days < 1:
        print("Het aantal dagen moet minstens 1 zijn.", file=sys.stderr)
        return 2
    with _session() as session:

        def on_delete(conversation) -> None:
            clients.delete_rasa_state(session, [conversation.sender_id])
            audit.record(
                session,
                "retention_purge",
                client_ref=conversation.client_id,
                conversation_ref=conversation.id,
                actor_label="systeem",
            )

        count = purge_older_than(session, days, on_delete=on_delete)
    print(f"{count} gesprek(ken) ouder dan {days} dagen verwijderd.")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("create-admin", help="create an admin account of the workspace (password asked)")
    p.add_argument("--email", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=cmd_create_account, role="admin")

    p = sub.add_parser("create-account", help="create a workspace account (professional, admin or teacher)")
    p.add_argument("--email", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--role", default="professional", choices=("professional", "admin", "teacher", "student"))
    p.add_argument("--teacher", help="a student's teacher (e-mail address)")
    p.add_argument("--password-stdin", action="store_true")
    p.set_defaults(func=cmd_create_account)

    p = sub.add_parser("clients", help="list a professional's clients as JSON lines")
    p.add_argument("--owner", required=True, help="the professional's e-mail address")
    p.set_defaults(func=cmd_clients)

    p = sub.add_parser("summary", help="print the stage summary of a conversation (JSON)")
    p.add_argument("conversation_id")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("export", help="export a conversation with its summary")
    p.add_argument("conversation_id")
    p.add_argument("--format", choices=("json", "html", "pdf"), default="json")
    p.add_argument("--deidentified", action="store_true", help="names, places, dates, numbers replaced")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("delete-client", help="delete a client and everything stored about them")
    p.add_argument("client_id")
    p.add_argument("--yes", action="store_true")
    p.set_defaults(func=cmd_delete_client)

    p = sub.add_parser("purge", help="delete conversations older than the retention period (for cron)")
    p.add_argument("--days", type=int, help="default: OVERSTAP_RETENTION_DAYS or 365")
    p.set_defaults(func=cmd_purge)
