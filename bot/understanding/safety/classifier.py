"""The trained crisis classifier: a binary head of the shared trainer
(`bot.understanding.text_head`: word and character n-grams of the canonical text next to the
sentence encoder's embedding, scaled by `dense_scale`, logistic regression, C=4, balanced).

It is the layer that catches what no pattern lists: indirect wording, new euphemisms. Its
two thresholds (detector.Thresholds) were chosen by leave-one-writer-out cross-validation on
the training data - each writer's examples scored by a model trained on the other writers -
never on held-out data (`overstap evaluate-safety --cv` repeats it). The dense features and
their scale were chosen the same way (README, "Safety").

Calibration: the head may carry a temperature fitted out of writer (`fit(..., writers=...)`),
but `probability` / `probabilities` - what the detector compares with its thresholds - are
the uncalibrated probabilities the thresholds were chosen on. A temperature is monotone, so
calibrating would only move the thresholds, not one decision; `calibrated_probabilities`
is the calibrated reading (for the evaluation's reliability table).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from bot.understanding.text_head import TextHead, fit_head, out_of_group_probabilities, writer_folds

DENSE_SCALE = 2.0
C = 4.0
CALIBRATION_FOLDS = 4  # the temperature: writers in four out-of-writer folds (four extra fits, not 13)


@dataclass
class CrisisClassifier:
    head: TextHead  # labels ("0", "1"): 1 is crisis

    @property
    def dense_scale(self) -> float:
        return self.head.dense_scale

    @property
    def temperature(self) -> float:
        return self.head.temperature

    def _column(self) -> int:
        return self.head.labels.index("1")

    def probabilities(self, texts: Sequence[str], persist: bool = False) -> np.ndarray:
        """P(crisis) per text, uncalibrated: the scale of the detector's thresholds."""
        if not texts:
            return np.zeros(0)
        return self.head.raw_probabilities(texts, persist)[:, self._column()]

    def probability(self, text: str) -> float:
        return float(self.probabilities([text])[0])

    def calibrated_probabilities(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0)
        return self.head.probabilities(texts)[:, self._column()]

    def save(self, path: Path) -> None:
        self.head.save(path)

    @staticmethod
    def load(path: Path) -> "CrisisClassifier":
        return CrisisClassifier(TextHead.load(path))


def fit(
    texts: Sequence[str],
    labels: Sequence[int],
    c: float = C,
    seed: int = 42,
    dense_scale: Optional[float] = None,
    writers: Optional[Sequence[str]] = None,
) -> CrisisClassifier:
    """labels: 1 for crisis, 0 for everything else. Training texts' embeddings are cached
    on disk (var/cache); they are the project's own data, never client messages.
    `writers`: also fit the temperature out of writer (CALIBRATION_FOLDS extra fits)."""
    scale = DENSE_SCALE if dense_scale is None else dense_scale
    labels = [int(label) for label in labels]
    groups = writer_folds(writers, CALIBRATION_FOLDS) if writers is not None else None
    return CrisisClassifier(fit_head(texts, labels, dense_scale=scale, c=c, seed=seed, calibrate_groups=groups))


def scores_out_of_writer(texts: List[str], labels: List[int], writers: List[str], **kwargs: Any) -> np.ndarray:
    """Each example scored by a model trained without its writer's examples (uncalibrated)."""
    kwargs.setdefault("dense_scale", DENSE_SCALE)
    kwargs.setdefault("c", C)
    names, probs = out_of_group_probabilities(texts, [int(label) for label in labels], writers, **kwargs)
    return probs[:, names.index("1")] if "1" in names else np.zeros(len(texts))


def training_set() -> Dict[str, List]:
    """The classifier's training set: every safety training file, the Rasa NLU data (the
    crisis intent's examples as crisis, every other intent's examples as ordinary), and the
    stage writers' client messages as ordinary (`ordinary_client_speech`)."""
    from bot.understanding.safety import data

    loaded = data.load(data.training_files())
    nlu_crisis, nlu_other = data.nlu_examples()
    texts = [e.text for e in loaded.examples] + nlu_crisis + nlu_other
    labels = [int(e.label == "crisis") for e in loaded.examples] + [1] * len(nlu_crisis) + [0] * len(nlu_other)
    writers = [e.writer for e in loaded.examples] + ["nlu"] * (len(nlu_crisis) + len(nlu_other))
    kinds = [e.category or e.label for e in loaded.examples] + ["crisis"] * len(nlu_crisis) + ["ok"] * len(nlu_other)
    for text, writer in ordinary_client_speech():
        texts.append(text)
        labels.append(0)
        writers.append(writer)
        kinds.append("ok")
    return {"texts": texts, "labels": labels, "writers": writers, "kinds": kinds}


def ordinary_client_speech() -> List[Tuple[str, str]]:
    """(text, writer) of the stage writers' messages: what clients say about work, family,
    health and the gemeente in a coaching chat. The safety writers' ordinary examples are
    near misses and hard cases; without everyday client speech the classifier read "mijn zus,
    zonder haar ging het niet" or a ruler answer as a crisis (README, "Safety"). A message the
    lexicon finds a signal in is left out: no crisis wording is ever taught as ordinary."""
    from bot.understanding import stage
    from bot.understanding.safety.lexicon import scan

    out = []
    for path in stage.writer_files():
        for example in stage.load_file(path):
            if not any(h.effective_strength in ("acute", "possible") for h in scan(example.text)):
                out.append((example.text, f"stage:{example.writer}"))
    return out
