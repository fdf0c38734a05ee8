"""One trainer for every text classifier head: word and character n-grams of the canonical
text next to the sentence encoder's embedding (`bot.understanding.encoder`), a logistic
regression on top. No Rasa imports: the Rasa components and practice mode are adapters.

`dense_scale` weighs the 384 embedding dimensions against the sparse n-grams (0 = n-grams
only); it was chosen per head by leave-one-writer-out cross-validation (README).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np

from bot.understanding.safety.normalize import canonical

DENSE_SCALE = 2.0


def new_vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
        ]
    )


def features(vectorizer: Any, texts: Sequence[str], dense_scale: float, persist: bool = False) -> Any:
    """The feature matrix. `persist` caches embeddings on disk: only for training data."""
    from scipy.sparse import csr_matrix, hstack

    sparse = vectorizer.transform([canonical(t) for t in texts])
    if not dense_scale:
        return sparse
    from bot.understanding.encoder import shared_encoder

    dense = shared_encoder().encode(list(texts), persist=persist) * dense_scale
    return hstack([sparse, csr_matrix(dense)]).tocsr()


@dataclass
class TextHead:
    """A fitted head: `labels[i]` is the class of probability column i."""

    labels: Tuple[str, ...]
    vectorizer: Any
    model: Any
    dense_scale: float = DENSE_SCALE

    def probabilities(self, texts: Sequence[str], persist: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels)))
        return self.model.predict_proba(features(self.vectorizer, texts, self.dense_scale, persist))

    def ranking(self, text: str) -> List[Tuple[str, float]]:
        row = self.probabilities([text])[0]
        order = np.argsort(-row)
        return [(self.labels[i], float(row[i])) for i in order]

    def predict(self, text: str) -> Tuple[str, float]:
        return self.ranking(text)[0]

    def save(self, path: Path) -> None:
        path.write_bytes(pickle.dumps(self))

    @staticmethod
    def load(path: Path) -> "TextHead":
        return pickle.loads(path.read_bytes())


def fit_head(
    texts: Sequence[str],
    labels: Sequence[str],
    dense_scale: float = DENSE_SCALE,
    c: float = 4.0,
    seed: int = 42,
    class_weight: Any = "balanced",
) -> TextHead:
    from sklearn.linear_model import LogisticRegression

    vectorizer = new_vectorizer()
    vectorizer.fit([canonical(t) for t in texts])
    x = features(vectorizer, texts, dense_scale, persist=True)
    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=3000, random_state=seed)
    model.fit(x, np.asarray(labels))
    return TextHead(tuple(str(c) for c in model.classes_), vectorizer, model, dense_scale)


def out_of_group_probabilities(
    texts: Sequence[str], labels: Sequence[str], groups: Sequence[str], **kwargs: Any
) -> Tuple[Tuple[str, ...], np.ndarray]:
    """Each example scored by a head trained without its group (writer): the honest way to
    choose features and thresholds on training data."""
    all_labels = tuple(sorted(set(labels)))
    out = np.zeros((len(texts), len(all_labels)))
    for name in sorted(set(groups)):
        train = [i for i, g in enumerate(groups) if g != name]
        test = [i for i, g in enumerate(groups) if g == name]
        head = fit_head([texts[i] for i in train], [labels[i] for i in train], **kwargs)
        probs = head.probabilities([texts[i] for i in test], persist=True)
        for j, label in enumerate(head.labels):
            out[test, all_labels.index(label)] = probs[:, j]
    return all_labels, out


def label_counts(labels: Sequence[str]) -> Dict[str, int]:
    from collections import Counter

    return dict(Counter(labels))
