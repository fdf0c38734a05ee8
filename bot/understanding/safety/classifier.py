"""The trained crisis classifier: word and character n-grams of the canonical text
(`normalize`), logistic regression.

It is the layer that catches what no pattern lists: indirect wording, new euphemisms. Its
two thresholds (detector.Thresholds) were chosen by leave-one-writer-out cross-validation on
the training data - each writer's examples scored by a model trained on the other writers -
never on held-out data (`overstap evaluate-safety --cv` repeats it).

A pretrained multilingual sentence encoder (USE multilingual v3, 512 dims, as dense features
next to the n-grams) was measured the same way and gained nothing at the false-alarm rates
that matter here (README, "Safety"), so it is not loaded.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Sequence

import numpy as np

from bot.understanding.safety.normalize import canonical


@dataclass
class CrisisClassifier:
    features: Any  # fitted sklearn FeatureUnion over canonical text
    model: Any  # fitted LogisticRegression

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0)
        return self.model.predict_proba(self.features.transform([canonical(t) for t in texts]))[:, 1]

    def probability(self, text: str) -> float:
        return float(self.probabilities([text])[0])

    def save(self, path: Path) -> None:
        path.write_bytes(pickle.dumps(self))

    @staticmethod
    def load(path: Path) -> "CrisisClassifier":
        return pickle.loads(path.read_bytes())


def fit(texts: Sequence[str], labels: Sequence[int], c: float = 4.0, seed: int = 42) -> CrisisClassifier:
    """labels: 1 for crisis, 0 for everything else."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
        ]
    )
    x = features.fit_transform([canonical(t) for t in texts])
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=seed)
    model.fit(x, np.asarray(labels))
    return CrisisClassifier(features, model)


def scores_out_of_writer(texts: List[str], labels: List[int], writers: List[str], **kwargs: Any) -> np.ndarray:
    """Each example scored by a model trained without its writer's examples."""
    scores = np.zeros(len(texts))
    for name in sorted(set(writers)):
        train = [i for i, w in enumerate(writers) if w != name]
        test = [i for i, w in enumerate(writers) if w == name]
        model = fit([texts[i] for i in train], [labels[i] for i in train], **kwargs)
        scores[test] = model.probabilities([texts[i] for i in test])
    return scores


def training_set() -> Dict[str, List]:
    """The classifier's training set: every safety training file, plus the Rasa NLU data
    (the crisis intent's examples as crisis, every other intent's examples as ordinary)."""
    from bot.understanding.safety import data

    loaded = data.load(data.training_files())
    nlu_crisis, nlu_other = data.nlu_examples()
    texts = [e.text for e in loaded.examples] + nlu_crisis + nlu_other
    labels = [int(e.label == "crisis") for e in loaded.examples] + [1] * len(nlu_crisis) + [0] * len(nlu_other)
    writers = [e.writer for e in loaded.examples] + ["nlu"] * (len(nlu_crisis) + len(nlu_other))
    kinds = [e.category or e.label for e in loaded.examples] + ["crisis"] * len(nlu_crisis) + ["ok"] * len(nlu_other)
    return {"texts": texts, "labels": labels, "writers": writers, "kinds": kinds}
