"""The `overstap` command line tool."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.core.runtime import quiet

quiet()


def _model(args) -> Path:
    from bot.rasa_adapter.rasa_model import ensure_trained

    if getattr(args, "model", None):
        path = Path(args.model)
        if not path.exists():
            sys.exit(f"Model niet gevonden: {path}")
        return path
    return ensure_trained(quiet=True)


def cmd_train(args) -> int:
    from bot.rasa_adapter.rasa_model import ensure_trained

    print(ensure_trained(config=args.config, force=args.force))
    return 0


def cmd_classify(args) -> int:
    from bot.run.classify import run

    return run(_model(args))


def _evaluate_heads(args) -> dict:
    """Practice mode's MITI head on its held-out set, and every head's calibration before and
    after its temperature, read from the heads themselves (no Rasa parse needed)."""
    from bot.rasa_adapter.rasa_model import trained_heads
    from bot.understanding.heldout import head_calibration
    from bot.understanding.miti import evaluate_heldout, get_classifier

    miti_coder = get_classifier()
    miti = evaluate_heldout(miti_coder)
    print(miti.format("MITI 4.2 behaviour codes (held-out, practice mode)") + "\n")
    if miti.calibration:
        print(miti.calibration.format("MITI codes: calibration (held-out)") + "\n")
    heads = {**trained_heads(_model(args)), "miti": miti_coder.head}
    calibrated = head_calibration(heads)
    titles = {"stage": "Stage head", "talk_type": "Talk-type head", "miti": "MITI head", "crisis": "Crisis head"}
    for name, result in calibrated.items():
        print(result.format(titles[name]) + "\n")
    return {"miti": miti.to_dict(), "calibration_per_head": {n: r.to_dict() for n, r in calibrated.items()}}


def cmd_evaluate(args) -> int:
    from bot.rasa_adapter.agent_loader import load_agent
    from bot.understanding.heldout import run_all, safety_report

    if args.heads_only:
        out = _evaluate_heads(args)
        if args.json:
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(json.dumps(out, indent=2))
        return 0
    agent = load_agent(_model(args))
    reports = run_all(agent, progress=True)
    from bot.understanding.safety.data import HELDOUT_FILES

    per_file = {path.stem: safety_report(agent, files=[path], progress=True) for path in HELDOUT_FILES}
    safety, answers = safety_report(agent, progress=True)
    titles = {
        "stage": "Stage of change (held-out)",
        "talk_type": "Talk type (held-out)",
        "crisis": "Crisis signals (held-out)",
        "stage_fresh": "Stage of change (fresh held-out, writer heldout5)",
        "talk_type_fresh": "Talk type (fresh held-out, writer heldout5)",
    }
    for name, report in reports.items():
        print(report.format(titles[name]) + "\n")
        if report.calibration:
            print(report.calibration.format(f"{titles[name]}: calibration") + "\n")
    for stem, (one, _) in per_file.items():
        print(one.format(f"Safety: {stem}") + "\n")
    print(safety.format("Safety: crisis signals per category, false alarms per kind (held-out)") + "\n")
    print(answers.format("Safety: replies to the safety question (held-out)") + "\n")
    heads = _evaluate_heads(args)
    if args.json:
        out = {k: r.to_dict() for k, r in reports.items()}
        out["safety"], out["safety_answers"] = safety.to_dict(), answers.to_dict()
        out["safety_per_file"] = {stem: one.to_dict() for stem, (one, _) in per_file.items()}
        out.update(heads)
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(out, indent=2))
    stage_f1 = reports["stage"].macro_f1
    if args.min_macro_f1 is not None and stage_f1 < args.min_macro_f1:
        print(f"Stage macro-F1 {stage_f1:.3f} is below the minimum {args.min_macro_f1}", file=sys.stderr)
        return 1
    return 0


def cmd_evaluate_safety(args) -> int:
    """Leave one writer out on the safety training data (no Rasa): how the thresholds and
    features were chosen. Never reads the held-out sets."""
    from bot.understanding.safety.evaluation import cross_validate, format_cross_validation

    grid = [(p, w) for p in args.possible for w in args.weak if w <= p]
    result = cross_validate(grid, progress=True)
    print(format_cross_validation(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return 0


def cmd_chat(args) -> int:
    from bot.run.terminal_chat import run

    return run(_model(args))


def cmd_serve(args) -> int:
    from bot.run.serve import run

    return run(_model(args), web_port=args.port, rasa_port=args.rasa_port, actions_port=args.actions_port)


def cmd_db(args) -> int:
    from bot.db.migrate import upgrade

    upgrade()
    print("database schema is up to date")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="overstap", description="Overstap MI coach")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("train", help="train the Rasa model if its inputs changed")
    p.add_argument("--config", default="config.yml")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("classify", help="classify utterances from stdin (one per line) as JSON lines")
    p.add_argument("--model")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("evaluate", help="held-out evaluation: macro-F1, per-label scores, confusion matrix")
    p.add_argument("--model")
    p.add_argument("--json", help="also write the figures to this JSON file")
    p.add_argument("--min-macro-f1", type=float)
    p.add_argument(
        "--heads-only", action="store_true", help="only the MITI head and each head's calibration (no Rasa parse)"
    )
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("evaluate-safety", help="safety detector, leave one writer out on the training data")
    p.add_argument("--cv", action="store_true", help="(the default and only mode)")
    p.add_argument("--possible", type=float, nargs="+", default=[0.6, 0.65, 0.7, 0.75])
    p.add_argument("--weak", type=float, nargs="+", default=[0.4, 0.5])
    p.add_argument("--json", help="also write the figures to this JSON file")
    p.set_defaults(func=cmd_evaluate_safety)

    p = sub.add_parser("chat", help="chat with the coach in the terminal (model in-process)")
    p.add_argument("--model")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("serve", help="action server + Rasa + chat page on localhost")
    p.add_argument("--model")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--rasa-port", type=int, default=5005)
    p.add_argument("--actions-port", type=int, default=5055)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("db-upgrade", help="apply database migrations")
    p.set_defaults(func=cmd_db)

    from bot.workspace.commands import register as register_workspace

    register_workspace(sub)
    from bot.practice.cli import register as register_practice

    register_practice(sub)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
