"""How well the safety layer works: recall per crisis category, false alarms per kind of
ordinary message, and how replies to the safety question are read.

Used by `overstap evaluate` / `make evaluate` on the held-out sets (through the real trained
model) and by `overstap evaluate-safety --cv` on the training data (leave one writer out).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from bot.understanding.safety.answers import SUPPORT_ANSWERS, classify_answer
from bot.understanding.safety.data import Answer, Example
from bot.understanding.safety.lexicon import CATEGORIES

FLAGGED = ("acute", "possible")


@dataclass
class SafetyReport:
    recall: Dict[str, float]  # per category, plus "all"
    crisis_support: Dict[str, int]  # per category
    false_alarm: Dict[str, float]  # per kind of ordinary message, plus "all"
    ok_support: Dict[str, int]
    missed: List[Tuple[str, str]] = field(default_factory=list)  # (category, text)
    alarms: List[Tuple[str, str]] = field(default_factory=list)  # (kind, text)

    def format(self, title: str, show_examples: bool = False) -> str:
        lines = [f"== {title} ==", f"{'crisis category':<24}{'recall':>8}{'n':>6}"]
        for cat in (*CATEGORIES, "all"):
            if cat in self.recall:
                lines.append(f"{cat:<24}{self.recall[cat]:>8.3f}{self.crisis_support[cat]:>6}")
        lines += ["", f"{'ordinary message kind':<24}{'false alarms':>13}{'n':>6}"]
        for kind in sorted(k for k in self.false_alarm if k != "all") + ["all"]:
            lines.append(f"{kind:<24}{self.false_alarm[kind]:>13.3f}{self.ok_support[kind]:>6}")
        if show_examples:
            lines += ["", "missed:"] + [f"  [{c}] {t}" for c, t in self.missed]
            lines += ["false alarms:"] + [f"  [{k}] {t}" for k, t in self.alarms]
        return "\n".join(lines)

    def to_dict(self) -> Dict:
        return {
            "recall": self.recall,
            "crisis_support": self.crisis_support,
            "false_alarm": self.false_alarm,
            "ok_support": self.ok_support,
        }


def report(examples: Sequence[Example], levels: Sequence[Optional[str]]) -> SafetyReport:
    """`levels[i]` is the detector's level for `examples[i]`; acute and possible count as flagged."""
    hit, total, alarm, ok = Counter(), Counter(), Counter(), Counter()
    missed, alarms = [], []
    for example, level in zip(examples, levels):
        flagged = level in FLAGGED
        if example.label == "crisis":
            for key in (example.category, "all"):
                total[key] += 1
                hit[key] += flagged
            if not flagged:
                missed.append((example.category, example.text))
        elif example.label == "ok":
            for key in (example.kind or "ordinary", "all"):
                ok[key] += 1
                alarm[key] += flagged
            if flagged:
                alarms.append((example.kind or "ordinary", example.text))
    return SafetyReport(
        recall={k: hit[k] / total[k] for k in total},
        crisis_support=dict(total),
        false_alarm={k: alarm[k] / ok[k] for k in ok},
        ok_support=dict(ok),
        missed=missed,
        alarms=alarms,
    )


@dataclass
class AnswerReport:
    accuracy: float
    support_missed: int  # a yes / sometimes / unsure read as something else: the worst error
    support_total: int
    false_support: int  # a no / question / other read as yes
    confusion: Dict[str, Dict[str, int]]

    def format(self, title: str) -> str:
        return (
            f"== {title} ==\nexact: {self.accuracy:.3f}   yes/sometimes/unsure missed: "
            f"{self.support_missed}/{self.support_total}   read as yes wrongly: {self.false_support}"
        )

    def to_dict(self) -> Dict:
        return {
            "accuracy": self.accuracy,
            "support_missed": self.support_missed,
            "support_total": self.support_total,
            "false_support": self.false_support,
            "confusion": self.confusion,
        }


def answer_report(answers: Iterable[Answer], classify: Callable[[str], str] = classify_answer) -> AnswerReport:
    confusion: Dict[str, Dict[str, int]] = defaultdict(Counter)
    right = n = missed = total = false_support = 0
    for answer in answers:
        predicted = classify(answer.text)
        confusion[answer.label][predicted] += 1
        n += 1
        right += predicted == answer.label
        if answer.label in SUPPORT_ANSWERS:
            total += 1
            missed += predicted not in SUPPORT_ANSWERS
        elif predicted in SUPPORT_ANSWERS:
            false_support += 1
    return AnswerReport(right / max(n, 1), missed, total, false_support, {k: dict(v) for k, v in confusion.items()})


def cross_validate(thresholds: Sequence[Tuple[float, float]], progress: bool = False) -> Dict[str, Dict]:
    """Leave one writer out on the training data: per (possible, weak) threshold pair, pooled
    and per writer, recall on crisis examples and false alarms on ordinary ones."""
    import sys

    from bot.understanding.safety.classifier import scores_out_of_writer, training_set
    from bot.understanding.safety.detector import Detector, Thresholds

    train = training_set()
    if progress:
        print(f"{len(set(train['writers']))} writers, {len(train['texts'])} examples ...", file=sys.stderr)
    scores = scores_out_of_writer(train["texts"], train["labels"], train["writers"])
    out: Dict[str, Dict] = {}
    for possible, weak in thresholds:
        detector = Detector(None, Thresholds(possible=possible, weak=weak))
        flagged = [detector.combine(t, float(p)).level in FLAGGED for t, p in zip(train["texts"], scores)]
        groups = {"all": range(len(flagged))}
        groups.update({w: [i for i, x in enumerate(train["writers"]) if x == w] for w in sorted(set(train["writers"]))})
        result = {}
        for name, idx in groups.items():
            crisis = [i for i in idx if train["labels"][i] == 1]
            ordinary = [i for i in idx if train["kinds"][i] == "ok"]
            result[name] = {
                "recall": sum(flagged[i] for i in crisis) / max(len(crisis), 1),
                "false_alarm": sum(flagged[i] for i in ordinary) / max(len(ordinary), 1),
                "crisis": len(crisis),
                "ok": len(ordinary),
            }
        out[f"possible>={possible},weak>={weak}"] = result
    return out


def format_cross_validation(result: Dict[str, Dict]) -> str:
    lines = []
    for setting, per in result.items():
        lines.append(
            f"== {setting} ==  pooled recall {per['all']['recall']:.3f}  false alarms {per['all']['false_alarm']:.3f}"
        )
        for writer, figures in per.items():
            if writer != "all":
                lines.append(
                    f"  {writer:<12} recall {figures['recall']:.3f} (n={figures['crisis']})"
                    f"  false alarms {figures['false_alarm']:.3f} (n={figures['ok']})"
                )
    return "\n".join(lines)
