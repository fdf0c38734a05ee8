"""`overstap code`, `overstap practice` and `overstap evaluate-miti` as a user runs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.understanding.miti_codes import CODES

pytestmark = pytest.mark.model
OVERSTAP = str(Path(sys.executable).with_name("overstap"))


def _run(args, stdin="", env=None, timeout=300):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([OVERSTAP, *args], input=stdin, capture_output=True, text=True, timeout=timeout, env=full_env)


def test_code_reads_stdin_and_writes_json_lines_in_order(miti_classifier):
    lines = [
        "Wat zou werk voor jou betekenen?",
        "",
        "Heb je al gesolliciteerd?",
        "Je moet gewoon die baan nemen.",
        "   ",
        "Jij beslist zelf.",
    ] * 10
    proc = _run(["code"], "\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["text"] for o in out] == lines
    for o in out:
        assert {"text", "code", "code_nl", "confidence"} <= set(o)
        assert o["code"] in CODES and 0.0 <= o["confidence"] <= 1.0
    assert out[1]["code"] == "other" and out[4]["code"] == "other"  # empty lines
    assert out[0]["code"] == "open_question" and out[2]["code"] == "closed_question"
    assert "60/60" in proc.stderr  # progress for long input
    assert "Wat zou werk" not in proc.stderr  # no utterance text in logs


def test_code_without_input_does_not_crash():
    proc = _run(["code"], "")
    assert proc.returncode == 0 and proc.stdout == ""


def test_practice_without_persona_lists_the_personas():
    proc = _run(["practice"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    for name in ("Gerard", "Wim", "Sandra", "Ronald", "Lotte", "Hans"):
        assert name in proc.stdout
    assert "--persona" in proc.stdout


def test_practice_session_in_the_terminal(tmp_path, miti_classifier):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'terminal.db'}"}
    stdin = (
        "\n".join(
            [
                "Wat brengt je hier vandaag?",
                "Het klinkt alsof de paarden je veel rust geven.",
                "/rapport",
                "Je moet gewoon gaan solliciteren.",
                "",
                "/stop",
                "dit wordt niet meer gelezen",
            ]
        )
        + "\n"
    )
    first = _run(["practice", "--persona", "gerard", "--seed", "9", "--student", "stud-7"], stdin, env)
    assert first.returncode == 0, first.stderr[-2000:]
    out = first.stdout
    assert "Oefengesprek met Gerard" in out and "/rapport" in out
    assert out.count("Gerard: ") >= 4  # opening + three replies
    assert "[open vraag" in out and "[overtuigen zonder toestemming" in out
    assert out.count("=== Feedback op je gespreksvoering") == 2  # /rapport and the final report
    assert "Wat beter kan" in out and "Bijvoorbeeld" in out
    assert "Het gesprek is opgeslagen" in out
    assert "dit wordt niet meer gelezen" not in out
    # same seed, same moves: the same conversation
    second = _run(["practice", "--persona", "gerard", "--seed", "9", "--student", "stud-7"], stdin, env)

    def replies(text):
        return [line for line in text.splitlines() if line.startswith("Gerard: ")]

    assert replies(first.stdout) == replies(second.stdout)
    # both stored for the student
    from bot.db.engine import session_scope
    from bot.practice.service import sessions_for_student

    with session_scope(env["DATABASE_URL"]) as db:
        sessions = sessions_for_student(db, "stud-7")
    assert len(sessions) == 2 and all(s["finished"] and s["student_turns"] == 3 for s in sessions)


def test_practice_ends_with_a_report_at_end_of_input(tmp_path, miti_classifier):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'eof.db'}"}
    proc = _run(["practice", "--persona", "lotte", "--seed", "1"], "Knap dat je bent doorgegaan.\n", env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "=== Feedback op je gespreksvoering" in proc.stdout


def test_evaluate_miti_prints_scores(tmp_path, miti_classifier):
    target = tmp_path / "miti.json"
    proc = _run(["evaluate-miti", "--json", str(target)])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "macro-F1 (12 labels)" in proc.stdout and "confusion matrix" in proc.stdout
    for code in CODES:
        assert code in proc.stdout
    assert json.loads(target.read_text())["macro_f1"] > 0
