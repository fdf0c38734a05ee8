"""Classification metrics for the held-out sets (no sklearn needed, easy to audit)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence


@dataclass
class Report:
    labels: List[str]  # labels averaged in macro-F1
    all_labels: List[str]  # rows/columns of the confusion matrix
    precision: Dict[str, float]
    recall: Dict[str, float]
    f1: Dict[str, float]
    support: Dict[str, int]
    confusion: Dict[str, Dict[str, int]]
    accuracy: float
    calibration: Optional["Calibration"] = None  # set where the classifier's confidences are known

    @property
    def macro_f1(self) -> float:
        return sum(self.f1[label] for label in self.labels) / len(self.labels)

    def format(self, title: str) -> str:
        width = max(len(label) for label in self.all_labels) + 2
        lines = [
            f"== {title} ==",
            f"examples: {sum(self.support.values())}   accuracy: {self.accuracy:.3f}   "
            f"macro-F1 ({len(self.labels)} labels): {self.macro_f1:.3f}",
            "",
            f"{'label':<{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}",
        ]
        for label in self.labels:
            lines.append(
                f"{label:<{width}}{self.precision[label]:>10.3f}{self.recall[label]:>10.3f}{self.f1[label]:>10.3f}"
                f"{self.support[label]:>9}"
            )
        lines += [
            "",
            "confusion matrix (rows: true, columns: predicted)",
            " " * width + "".join(f"{label[:8]:>9}" for label in self.all_labels),
        ]
        for t in self.all_labels:
            lines.append(f"{t:<{width}}" + "".join(f"{self.confusion[t][p]:>9}" for p in self.all_labels))
        return "\n".join(lines)

    def to_dict(self) -> Dict:
        return {
            "macro_f1": round(self.macro_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
            "confusion": self.confusion,
            **({"calibration": self.calibration.to_dict()} if self.calibration else {}),
        }


def evaluate(
    true: Sequence[str], predicted: Sequence[str], labels: Sequence[str], extra_labels: Optional[Sequence[str]] = None
) -> Report:
    """Per-label precision/recall/F1 over `labels`; `extra_labels` (e.g. "none") take part
    in the confusion matrix, so predicting them wrongly costs recall and precision."""
    if len(true) != len(predicted):
        raise ValueError("true and predicted differ in length")
    all_labels = list(labels) + [label for label in (extra_labels or []) if label not in labels]
    for label in set(true) | set(predicted):
        if label not in all_labels:
            all_labels.append(label)
    confusion = {t: {p: 0 for p in all_labels} for t in all_labels}
    for t, p in zip(true, predicted):
        confusion[t][p] += 1
    precision, recall, f1, support = {}, {}, {}, {}
    for label in all_labels:
        tp = confusion[label][label]
        predicted_l = sum(confusion[t][label] for t in all_labels)
        actual_l = sum(confusion[label].values())
        precision[label] = round(tp / predicted_l, 4) if predicted_l else 0.0
        recall[label] = round(tp / actual_l, 4) if actual_l else 0.0
        f1[label] = round(2 * precision[label] * recall[label] / (precision[label] + recall[label]), 4) if tp else 0.0
        support[label] = actual_l
    accuracy = sum(confusion[label][label] for label in all_labels) / len(true) if true else 0.0
    return Report(list(labels), all_labels, precision, recall, f1, support, confusion, accuracy)


@dataclass
class Calibration:
    """Reliability of a classifier's confidence: per confidence bin, how often it was right."""

    ece: float  # expected calibration error: the support-weighted gap between confidence and accuracy
    bins: List[Dict[str, float]]  # {"from", "to", "n", "confidence", "accuracy"}

    def format(self, title: str) -> str:
        lines = [
            f"== {title} ==",
            f"expected calibration error (ECE): {self.ece:.3f}",
            "",
            "confidence   n   mean conf  accuracy",
        ]
        for b in self.bins:
            lines.append(
                f"{b['from']:.1f}-{b['to']:.1f} {int(b['n']):>5} {b['confidence']:>10.3f} {b['accuracy']:>9.3f}"
            )
        return "\n".join(lines)

    def to_dict(self) -> Dict:
        return {"ece": round(self.ece, 4), "bins": self.bins}


def calibration(
    true: Sequence[str], predicted: Sequence[str], confidence: Sequence[float], n_bins: int = 10
) -> Calibration:
    """Expected calibration error over equal-width confidence bins (Guo et al. 2017)."""
    if not (len(true) == len(predicted) == len(confidence)):
        raise ValueError("true, predicted and confidence differ in length")
    bins = []
    gap = 0.0
    for i in range(n_bins):
        lo, hi = i / n_bins, (i + 1) / n_bins
        idx = [k for k, c in enumerate(confidence) if lo <= c < hi or (i == n_bins - 1 and c == 1.0)]
        if not idx:
            continue
        conf = sum(confidence[k] for k in idx) / len(idx)
        acc = sum(true[k] == predicted[k] for k in idx) / len(idx)
        gap += len(idx) / len(true) * abs(conf - acc)
        bins.append({"from": lo, "to": hi, "n": len(idx), "confidence": round(conf, 3), "accuracy": round(acc, 3)})
    return Calibration(gap, bins)
