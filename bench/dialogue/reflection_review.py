"""The reflection review: every coach reflection in the dialogue transcripts, judged by reading.

    python -m bench.dialogue.reflection_review                 (counts, over var/results/dialogue/)
    python -m bench.dialogue.reflection_review --unlabelled    (the replies not judged yet, as YAML)
    python -m bench.dialogue.reflection_review --dir D --labels F

A person reads each reply next to the client line it answers and writes a verdict in a labels file
(bench/dialogue/reflection_review/*.yml): `ok`, `weak` (true and grammatical, but misses the point)
or `wrong` (says something the client did not mean, ungrammatical, presupposes what the client did
not say, or makes someone else's view the client's), with a kind of error and a reason. This script
only pairs the transcripts with those verdicts and counts; it judges nothing itself.

A reply counts as a reflection when it says back the client's own words (the coach's
`reflection` move that is not one of its fixed acknowledgements); fixed acknowledgements ("Dank u
voor het vertellen.") are listed apart, since they cannot say anything wrong about the client but
can still fit badly.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from bot.coach.content import load_content

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPTS = ROOT / "var" / "results" / "dialogue"
LINE = re.compile(r"^\*\*C(\d+)\*\* \[[^\]]*\] (.*)$")
COACH = re.compile(r"^    coach \[([^|\]]*)\|[^\]]*\] (.*)$")


def _fixed_texts() -> set:
    content = load_content()
    keys = ["reflections.neutral"] + [f"tpb.{c}.acknowledge" for c in content.get("tpb")]
    return {t for k in keys for t in content.texts(k)}


def replies(folder: Path) -> List[Dict]:
    """Every `reflection` move of the coach after a client line, in transcript order."""
    fixed = _fixed_texts()
    out = []
    for path in sorted(folder.glob("c*.md")):
        client, turn, line = path.stem, 0, ""
        for row in path.read_text(encoding="utf-8").splitlines():
            m = LINE.match(row)
            if m:
                turn, line = int(m.group(1)), m.group(2)
                continue
            m = COACH.match(row)
            if m and m.group(1) == "reflection" and turn:
                text = m.group(2)
                out.append({"client": client, "turn": turn, "said": line, "coach": text, "fixed": text in fixed})
    return out


def load_labels(paths: List[Path]) -> Dict[Tuple[str, str], Dict]:
    labels = {}
    for path in paths:
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(items, list):
            continue  # probe.yml: verdicts on the probe lines, not on transcripts
        for item in items:
            labels[(item["client"], item["said"], item["coach"])] = item
    return labels


def main(argv=None) -> Dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, default=TRANSCRIPTS)
    parser.add_argument("--labels", type=Path, nargs="*", default=None)
    parser.add_argument("--unlabelled", action="store_true")
    args = parser.parse_args(argv)
    label_files = args.labels or sorted((Path(__file__).with_name("reflection_review")).glob("*.yml"))
    labels = load_labels(label_files)
    rows = replies(args.dir)
    reflections = [r for r in rows if not r["fixed"]]
    missing = [r for r in reflections if (r["client"], r["said"], r["coach"]) not in labels]
    if args.unlabelled:
        for r in missing:
            entry = {k: r[k] for k in ("client", "turn", "said", "coach")}
            entry.update(verdict="", kind="", reason="")
            print(yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=200), end="")
        return {}
    verdicts = Counter(labels[(r["client"], r["said"], r["coach"])]["verdict"] for r in reflections if r not in missing)
    kinds = Counter(
        labels[(r["client"], r["said"], r["coach"])].get("kind") or "?"
        for r in reflections
        if r not in missing and labels[(r["client"], r["said"], r["coach"])]["verdict"] == "wrong"
    )
    judged = sum(verdicts.values())
    report = {
        "transcripts": len({r["client"] for r in rows}),
        "coach_reflections": len(reflections),
        "fixed_acknowledgements": len(rows) - len(reflections),
        "judged": judged,
        "unlabelled": len(missing),
        "verdicts": dict(verdicts),
        "pct_wrong": round(100 * verdicts["wrong"] / judged, 1) if judged else None,
        "wrong_by_kind": dict(kinds.most_common()),
    }
    print(yaml.safe_dump(report, allow_unicode=True, sort_keys=False), end="")
    if missing:
        print(f"{len(missing)} replies have no verdict yet (--unlabelled lists them)", file=sys.stderr)
    return report


if __name__ == "__main__":
    main()
