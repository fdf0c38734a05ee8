"""Command-line parts of practice mode, wired into `overstap` by bot/cli.py.

overstap code            stdin lines -> JSON lines with the MITI code of each line
overstap evaluate-miti   held-out macro-F1, per-code precision/recall, confusion matrix
overstap train-miti      train the MITI head if its data or code changed
overstap practice        practise MI in the terminal with a client persona
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Optional

from bot.core.line_io import Progress, read_lines
from bot.understanding.miti_codes import dutch_label

CHUNK = 64


def run_code(stdin: IO[str] = sys.stdin, stdout: IO[str] = sys.stdout, stderr: IO[str] = sys.stderr) -> int:
    from bot.understanding.miti import get_classifier

    lines = read_lines(stdin, stderr, "uitingen van de student")
    if lines is None:
        return 0
    total = len(lines)
    progress = Progress(total, stderr, every=CHUNK)
    progress.note("Classificatiemodel laden …")
    classifier = get_classifier()
    for start in range(0, total, CHUNK):
        chunk = lines[start : start + CHUNK]
        for text, coded in zip(chunk, classifier.code_many(chunk)):
            record = {
                "text": text,
                "code": coded.code,
                "code_nl": dutch_label(coded.code),
                "confidence": coded.confidence,
            }
            stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        stdout.flush()
        progress(min(total, start + CHUNK))
    return 0


def run_evaluate(json_path: Optional[str] = None, min_macro_f1: Optional[float] = None) -> int:
    from bot.understanding.miti import evaluate_heldout

    report = evaluate_heldout()
    print(report.format("MITI 4.2 behaviour codes (held-out, data/heldout/miti_heldout.yml)"))
    if report.calibration:
        print("\n" + report.calibration.format("MITI codes: calibration of the confidence (held-out)"))
    if json_path:
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(json_path).write_text(json.dumps(report.to_dict(), indent=2))
    if min_macro_f1 is not None and report.macro_f1 < min_macro_f1:
        print(f"Macro-F1 {report.macro_f1:.3f} is below the minimum {min_macro_f1}", file=sys.stderr)
        return 1
    return 0


def run_train(force: bool = False) -> int:
    from bot.understanding.miti import ensure_trained

    print(ensure_trained(force=force, quiet=False))
    return 0


def run_practice(
    persona_id: Optional[str],
    seed: Optional[int],
    student_id: str = "terminal",
    stdin: IO[str] = sys.stdin,
    stdout: IO[str] = sys.stdout,
) -> int:
    from bot.practice.terminal import run

    return run(persona_id, seed, student_id, stdin, stdout)


def register(sub) -> None:
    """Add the practice-mode subcommands to `overstap` (called from bot/cli.py)."""
    p = sub.add_parser("code", help="MITI 4.2 code of each student utterance from stdin, as JSON lines")
    p.set_defaults(func=lambda a: run_code())
    p = sub.add_parser("evaluate-miti", help="held-out evaluation of the MITI code classifier")
    p.add_argument("--json", help="also write the figures to this JSON file")
    p.add_argument("--min-macro-f1", type=float)
    p.set_defaults(func=lambda a: run_evaluate(a.json, a.min_macro_f1))
    p = sub.add_parser("train-miti", help="train the MITI code classifier if its data or code changed")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=lambda a: run_train(a.force))
    p = sub.add_parser("practice", help="practise motivational interviewing with a client persona")
    p.add_argument("--persona", help="persona id (without it: list the personas)")
    p.add_argument("--seed", type=int, help="fixed seed: same moves, same conversation")
    p.add_argument("--student", default="terminal", help="student id to store the session under")
    p.set_defaults(func=lambda a: run_practice(a.persona, a.seed, a.student))
