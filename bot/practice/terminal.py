"""`overstap practice`: practise MI in the terminal; Overstap plays the client.

Sessions are stored like web sessions (DATABASE_URL, student id "terminal" unless
--student is given), so progress over sessions is kept.
"""

from __future__ import annotations

import textwrap
from typing import IO, Optional

HELP = (
    "Typ wat je als professional zegt en druk op Enter.\n"
    "  /rapport  tussentijdse feedback\n"
    "  /stop     gesprek afronden met een eindrapport\n"
    "  /help     deze uitleg"
)


def _say(out: IO[str], text: str = "") -> None:
    out.write(text + "\n")
    out.flush()


def _interactive(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def list_personas(out: IO[str]) -> None:
    from bot.practice.service import list_personas as personas

    _say(out, "Beschikbare cliënten om mee te oefenen:")
    for p in personas():
        _say(out, f"  {p['id']:<8} {p['name']} ({p['age']}), fase {p['stage_nl']}: {p['client_type']}")
    _say(out, "")
    _say(out, "Kies er een met: overstap practice --persona ID [--seed N]")


def run(persona_id: Optional[str], seed: Optional[int], student_id: str, stdin: IO[str], out: IO[str]) -> int:
    from bot.db.engine import session_scope
    from bot.db.migrate import upgrade
    from bot.practice import service
    from bot.practice.feedback import format_text
    from bot.practice.personas import load_personas
    from bot.understanding.miti import get_classifier

    if not persona_id:
        list_personas(out)
        return 0
    if persona_id not in load_personas():
        _say(out, f"Onbekende cliënt '{persona_id}'.")
        list_personas(out)
        return 2
    upgrade()
    classifier = get_classifier()
    with session_scope() as db:
        started = service.start_session(db, student_id, persona_id, seed)
    session_id, persona = started["session_id"], started["persona"]
    name = persona["name"]
    _say(out, f"Oefengesprek met {name} ({persona['age']}), fase: {persona['stage_nl']}")
    _say(out, textwrap.fill(persona["summary"], 88))
    _say(out, "")
    _say(out, HELP)
    _say(out, "")
    _say(out, f"{name}: {started['opening']}")

    finished = False
    while True:
        out.write("Jij: ")
        out.flush()
        line = stdin.readline()
        if not line:  # end of input: close the session with its report
            _say(out)
            break
        text = line.strip()
        if not _interactive(stdin):
            _say(out, text)  # piped input: show what was "typed"
        if not text:
            continue
        command = text.lower()
        if command in ("/help", "/?"):
            _say(out, HELP)
            continue
        if command == "/rapport":
            with session_scope() as db:
                _say(out, format_text(service.report(db, session_id)))
            continue
        if command == "/stop":
            break
        if command.startswith("/"):
            _say(out, "Onbekende opdracht. " + HELP)
            continue
        with session_scope() as db:
            result = service.student_turn(db, session_id, text, classifier=classifier)
        _say(out, f"   [{result.code_nl}, zekerheid {round(100 * result.confidence)}%]")
        if result.stage_change == "up":
            _say(out, f"   ({name} zet een stap vooruit: fase {result.stage_nl})")
        elif result.stage_change == "down":
            _say(out, f"   ({name} zet een stap terug: fase {result.stage_nl})")
        _say(out, f"{name}: {result.reply}")
    with session_scope() as db:
        final = service.finish(db, session_id)
    finished = True
    _say(out, "")
    _say(out, format_text(final))
    _say(out, "")
    _say(out, f"Het gesprek is opgeslagen (sessie {session_id}).")
    return 0 if finished else 1
