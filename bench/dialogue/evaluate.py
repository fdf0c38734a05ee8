"""The dialogue evaluation: scripted clients played through the real stack, coded as a MITI rater would.

    make evaluate-dialogue            (all clients in bench/dialogue/clients/)
    python -m bench.dialogue.evaluate --only c01_henk_sarcastisch

Each scripted client (written by a separate writer, who never saw the coach's code or data) is a
small state machine: after every coach turn it answers the coach's last move (background question,
TPB question, ruler, reflection, summary, safety check, fallback) with its next line for that move,
and at scripted turns asks a question, gives a distress signal, corrects itself or says goodbye.
Every coach message is coded by the project's MITI coder. The report gives R:Q, % complex
reflections, % open questions, MI-adherent and non-adherent counts, the fallback rate, repeats,
questions answered, questions after goodbye, safety checks, and whether the stage named to the
client at the close is right. Transcripts go to var/results/dialogue/ so that a person reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from bench.dialogue.moves import QUESTION_MOVES, last_move, move_of
from bot.coach.content import load_content
from bot.core.wording import read_yaml
from bot.understanding.miti_codes import MI_ADHERENT, MI_NON_ADHERENT

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = Path(__file__).with_name("clients")
OUT = ROOT / "var" / "results" / "dialogue"
MAX_TURNS = 20
# Moves a client line answers; anything else (a plain reflection, an answer, a summary) -> "reflection".
ANSWERABLE = QUESTION_MOVES | {"summary_check", "safety_check", "fallback", "ruler_again"}
NOT_CODED = {"consent", "opening", "system", "crisis", "goodbye"}  # fixed texts, not the coach's MI


@dataclass
class Turn:
    who: str  # client | coach
    text: str
    move: str = ""
    kind: str = ""  # for client turns: script kind (question, distress, correction, goodbye) or the move answered
    turn: int = 0
    code: str = ""


@dataclass
class Played:
    client: Dict
    turns: List[Turn] = field(default_factory=list)


def load_clients(only: Optional[List[str]] = None) -> List[Dict]:
    clients = [read_yaml(p) for p in sorted(CLIENTS.glob("*.yml"))]
    return [c for c in clients if not only or c["id"] in only]


class Picker:
    """The client's next line for a move: in order, cycling, never reusing one while another is left."""

    def __init__(self, lines: Dict[str, List[str]]):
        self.lines = lines
        self.used: Counter = Counter()

    def next(self, move: str) -> str:
        key = move if move in self.lines and move in ANSWERABLE else "reflection"
        if move == "check_in":  # "hoe gaat het met u, los van werk?": answered like an open question
            key = "open_question"
        if key == "ruler_again":
            key = "importance_ruler"
        options = self.lines.get(key) or self.lines.get("open_question") or ["ja"]
        i = self.used[key] % len(options)
        self.used[key] += 1
        return options[i]


def play(stack, client: Dict) -> Played:
    played = Played(client)
    cid = f"eval-{client['id']}"
    script = {int(s["turn"]): s for s in client.get("script") or []}

    def coach(messages: List[str], turn: int) -> None:
        for text in messages:
            played.turns.append(Turn("coach", text, move_of(text), turn=turn))

    coach(stack.say(cid, "/greet"), 0)
    coach(stack.say(cid, "ja"), 0)
    picker = Picker(client.get("lines") or {})
    said_goodbye = False
    for turn in range(1, MAX_TURNS + 1):
        last = [t.text for t in played.turns if t.who == "coach" and t.turn == turn - 1]
        move = last_move(last) if last else "open_question"
        if said_goodbye:
            if move != "summary_check":
                break  # the coach closed, or offered nothing to answer
            text, kind = client.get("closing_reply") or "ja, klopt", "closing_reply"
        elif turn == 1:
            text, kind = client["opening"], "opening"
        elif turn in script:
            text, kind = script[turn]["say"], script[turn].get("kind", "question")
        else:
            text, kind = picker.next(move), move
        played.turns.append(Turn("client", text, kind=kind, turn=turn))
        coach(stack.say(cid, text), turn)
        if kind == "closing_reply":
            break
        if kind == "goodbye":
            said_goodbye = True
    return played


def _stage_named(played: Played) -> Optional[str]:
    lines = load_content().get("summary.stage_line")
    named = None
    for t in played.turns:
        if t.who == "coach":
            for stage, line in lines.items():
                if line in t.text:
                    named = stage
    return named


def measure(all_played: List[Played]) -> Dict:
    codes: Counter = Counter()
    per_client = []
    totals = Counter()
    for p in all_played:
        c = p.client
        client_turns = [t for t in p.turns if t.who == "client"]
        coach_turns = [t for t in p.turns if t.who == "coach"]
        seen, repeats = set(), 0
        for t in coach_turns:
            if t.move not in NOT_CODED and t.text in seen:
                repeats += 1
            seen.add(t.text)
            if t.move not in NOT_CODED:
                codes[t.code] += 1
        fallbacks = sum(1 for t in coach_turns if t.move == "fallback")
        questions = [t for t in client_turns if t.kind == "question"]
        answered = sum(1 for q in questions if any(t.move == "answer" for t in coach_turns if t.turn == q.turn))
        goodbye = next((t.turn for t in client_turns if t.kind == "goodbye"), None)
        after_goodbye = sum(
            1 for t in coach_turns if goodbye is not None and t.turn >= goodbye and t.move in QUESTION_MOVES
        )
        distress = [t.turn for t in client_turns if t.kind == "distress"]
        checks = sorted({t.turn for t in coach_turns if t.move == "safety_check"})
        # handled: the check asked, the check-in after a first weak signal, or (after an earlier
        # check) crisis support / a warm acknowledgement
        handled = sorted({t.turn for t in coach_turns if t.move in ("safety_check", "check_in", "crisis")})
        caught = sum(1 for d in distress if any(d <= ch <= d + 1 for ch in handled))
        false_checks = sum(1 for ch in checks if not any(d <= ch <= d + 1 for d in distress))
        named = _stage_named(p)
        expected = c.get("stage")
        stage_right = named == expected if expected != "unclear" else named is None
        row = {
            "id": c["id"],
            "stage": expected,
            "named": named,
            "stage_right": stage_right,
            "client_turns": len(client_turns),
            "fallbacks": fallbacks,
            "repeats": repeats,
            "questions": len(questions),
            "answered": answered,
            "questions_after_goodbye": after_goodbye,
            "distress": len(distress),
            "checked": caught,
            "false_checks": false_checks,
        }
        per_client.append(row)
        for key in ("client_turns", "fallbacks", "repeats", "questions", "answered", "questions_after_goodbye"):
            totals[key] += row[key]
        for key in ("distress", "checked", "false_checks"):
            totals[key] += row[key]
        totals["stage_right"] += int(stage_right)
    moves = Counter(t.move for p in all_played for t in p.turns if t.who == "coach")
    reflections = codes["simple_reflection"] + codes["complex_reflection"]
    questions = codes["open_question"] + codes["closed_question"]
    return {
        "clients": len(all_played),
        "coded_utterances": sum(codes.values()),
        "codes": dict(codes.most_common()),
        "r_to_q": round(reflections / questions, 2) if questions else None,
        "pct_complex_reflections": round(100 * codes["complex_reflection"] / reflections, 1) if reflections else None,
        # the same ratio from the coach's own moves (a reflection or affirmation vs a question),
        # beside the MITI coder's reading, which is trained on students and misreads the coach
        "r_to_q_by_move": round(moves["reflection"] / max(1, sum(moves[m] for m in QUESTION_MOVES)), 2),
        "pct_open_questions": round(100 * codes["open_question"] / questions, 1) if questions else None,
        "mi_adherent": sum(codes[c] for c in MI_ADHERENT),
        "mi_non_adherent": sum(codes[c] for c in MI_NON_ADHERENT),
        "fallback_rate": round(totals["fallbacks"] / max(1, totals["client_turns"]), 3),
        "repeats": totals["repeats"],
        "client_questions": totals["questions"],
        "client_questions_answered": totals["answered"],
        "questions_after_goodbye": totals["questions_after_goodbye"],
        "distress_signals": totals["distress"],
        "distress_handled": totals["checked"],
        "false_safety_checks": totals["false_checks"],
        "stage_right_at_close": f"{totals['stage_right']}/{len(all_played)}",
        "per_client": per_client,
    }


def write_transcript(p: Played, out: Path) -> None:
    c = p.client
    lines = [f"# {c['id']} ({c.get('stage')}; {c.get('register', '')})", "", c.get("facts", ""), ""]
    for t in p.turns:
        if t.who == "client":
            lines.append(f"**C{t.turn}** [{t.kind}] {t.text}")
        else:
            body = t.text.replace("\n", " / ")
            lines.append(f"    coach [{t.move}|{t.code}] {body}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Optional[List[str]] = None) -> Dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="client ids")
    args = parser.parse_args(argv)
    from bench.stack import running_stack
    from bot.understanding.miti import get_classifier

    clients = load_clients(args.only)
    if not clients:
        sys.exit(f"no scripted clients in {CLIENTS}")
    played: List[Played] = []
    with running_stack() as stack:
        for i, client in enumerate(clients, 1):
            print(f"[{i}/{len(clients)}] {client['id']}", file=sys.stderr)
            played.append(play(stack, client))
    coder = get_classifier()
    coach_turns = [t for p in played for t in p.turns if t.who == "coach"]
    for t, coded in zip(coach_turns, coder.code_many([t.text for t in coach_turns])):
        t.code = coded.code
    report = measure(played)
    OUT.mkdir(parents=True, exist_ok=True)
    for p in played:
        write_transcript(p, OUT / f"{p.client['id']}.md")
    (OUT / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    summary = {k: v for k, v in report.items() if k != "per_client"}
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    print(f"transcripts and report: {OUT}", file=sys.stderr)
    return report


if __name__ == "__main__":
    main()
