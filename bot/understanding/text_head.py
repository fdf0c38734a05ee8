"""One trainer for every text classifier head: word and character n-grams of the canonical
text next to the sentence encoder's embedding (`bot.understanding.encoder`), a logistic
regression on top. No Rasa imports: the Rasa components and practice mode are adapters.

`dense_scale` weighs the 384 embedding dimensions against the sparse n-grams (0 = n-grams
only); it was chosen per head by leave-one-writer-out cross-validation (README).

`prepare` (optional, a module-level function so that the head pickles) turns a text into
what the n-grams see, e.g. the canonical text plus surface-cue tokens (the MITI head); the
encoder always reads the text as written.

Calibration: a head fitted with `calibrate_groups` scales its log-probabilities by one
temperature fitted on out-of-group probabilities of its own training data (each writer's
examples scored by a head trained without that writer), never on held-out data; it is
stored in the artifact and applied in `probabilities` (`raw_probabilities` is without).
A temperature is monotone: the ranking, and so the predicted label, never changes.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from bot.understanding.safety.normalize import canonical

DENSE_SCALE = 2.0
TEMPERATURE_RANGE = (0.05, 20.0)


def new_vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
        ]
    )


def sparse_text(text: str, prepare: Optional[Callable[[str], str]] = None) -> str:
    return prepare(text) if prepare is not None else canonical(text)


def features(
    vectorizer: Any,
    texts: Sequence[str],
    dense_scale: float,
    persist: bool = False,
    prepare: Optional[Callable[[str], str]] = None,
) -> Any:
    """The feature matrix. `persist` caches embeddings on disk: only for training data."""
    from scipy.sparse import csr_matrix, hstack

    sparse = vectorizer.transform([sparse_text(t, prepare) for t in texts])
    if not dense_scale:
        return sparse
    from bot.understanding.encoder import shared_encoder

    dense = shared_encoder().encode(list(texts), persist=persist) * dense_scale
    return hstack([sparse, csr_matrix(dense)]).tocsr()


def with_temperature(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(log p / T) per row: the logistic regression's logits divided by T (the
    log-probabilities differ from the logits by a constant per row)."""
    if temperature == 1.0 or probabilities.size == 0:
        return probabilities
    logits = np.log(np.clip(probabilities, 1e-300, 1.0)) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    scaled = np.exp(logits)
    return scaled / scaled.sum(axis=1, keepdims=True)


def fit_temperature(probabilities: np.ndarray, truth: Sequence[int]) -> float:
    """The temperature that minimises the negative log-likelihood of the true classes
    (Guo et al. 2017). `truth[i]` is the column of example i's true label."""
    from scipy.optimize import minimize_scalar

    rows = np.arange(len(truth))
    truth = np.asarray(truth)

    def nll(log_t: float) -> float:
        p = with_temperature(probabilities, float(np.exp(log_t)))
        return float(-np.mean(np.log(np.clip(p[rows, truth], 1e-300, 1.0))))

    lo, hi = np.log(TEMPERATURE_RANGE[0]), np.log(TEMPERATURE_RANGE[1])
    best = minimize_scalar(nll, bounds=(lo, hi), method="bounded", options={"xatol": 1e-4})
    return round(float(np.exp(best.x)), 4)


@dataclass
class TextHead:
    """A fitted head: `labels[i]` is the class of probability column i."""

    labels: Tuple[str, ...]
    vectorizer: Any
    model: Any
    dense_scale: float = DENSE_SCALE
    temperature: float = 1.0  # 1: uncalibrated (heads pickled before calibration read 1 too)
    prepare: Optional[Callable[[str], str]] = None

    def raw_probabilities(self, texts: Sequence[str], persist: bool = False) -> np.ndarray:
        """The logistic regression's own probabilities, without the temperature."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        return self.model.predict_proba(features(self.vectorizer, texts, self.dense_scale, persist, self.prepare))

    def probabilities(self, texts: Sequence[str], persist: bool = False) -> np.ndarray:
        return with_temperature(self.raw_probabilities(texts, persist), self.temperature)

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
    labels: Sequence[Any],
    dense_scale: float = DENSE_SCALE,
    c: float = 4.0,
    seed: int = 42,
    class_weight: Any = "balanced",
    prepare: Optional[Callable[[str], str]] = None,
    calibrate_groups: Optional[Sequence[str]] = None,
) -> TextHead:
    """`calibrate_groups` (the writer of each example): also fit the head's temperature on
    out-of-group probabilities (one extra fit per group)."""
    from sklearn.linear_model import LogisticRegression

    vectorizer = new_vectorizer()
    vectorizer.fit([sparse_text(t, prepare) for t in texts])
    x = features(vectorizer, texts, dense_scale, persist=True, prepare=prepare)
    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=3000, random_state=seed)
    model.fit(x, np.asarray(labels))
    head = TextHead(tuple(str(c) for c in model.classes_), vectorizer, model, dense_scale, prepare=prepare)
    if calibrate_groups is not None:
        kwargs = dict(dense_scale=dense_scale, c=c, seed=seed, class_weight=class_weight, prepare=prepare)
        head.temperature = temperature_out_of_group(texts, labels, calibrate_groups, **kwargs)
    return head


def out_of_group_probabilities(
    texts: Sequence[str], labels: Sequence[Any], groups: Sequence[str], **kwargs: Any
) -> Tuple[Tuple[str, ...], np.ndarray]:
    """Each example scored by a head trained without its group (writer): the honest way to
    choose features, thresholds and temperatures on training data. Uncalibrated
    probabilities (the heads are fitted without `calibrate_groups`)."""
    kwargs.pop("calibrate_groups", None)
    all_labels = tuple(sorted({str(label) for label in labels}))
    out = np.zeros((len(texts), len(all_labels)))
    for name in sorted(set(groups)):
        train = [i for i, g in enumerate(groups) if g != name]
        test = [i for i, g in enumerate(groups) if g == name]
        head = fit_head([texts[i] for i in train], [labels[i] for i in train], **kwargs)
        probs = head.raw_probabilities([texts[i] for i in test], persist=True)
        for j, label in enumerate(head.labels):
            out[test, all_labels.index(label)] = probs[:, j]
    return all_labels, out


def temperature_out_of_group(
    texts: Sequence[str], labels: Sequence[Any], groups: Sequence[str], **kwargs: Any
) -> float:
    all_labels, probs = out_of_group_probabilities(texts, labels, groups, **kwargs)
    return fit_temperature(probs, [all_labels.index(str(label)) for label in labels])


def writer_folds(groups: Sequence[str], folds: int) -> List[str]:
    """At most `folds` groups of whole writers (round robin over the sorted names): fewer
    fits for a head with many writers, still never a writer on both sides."""
    names = sorted(set(groups))
    fold = {name: f"fold{i % folds}" for i, name in enumerate(names)}
    return [fold[g] for g in groups]


def label_counts(labels: Sequence[str]) -> Dict[str, int]:
    from collections import Counter

    return dict(Counter(labels))
