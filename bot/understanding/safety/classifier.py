"""The trained crisis classifier: word and character n-grams of the canonical text
(`normalize`) next to the sentence encoder's embedding (`bot.understanding.encoder`, scaled
by `dense_scale`), logistic regression.

It is the layer that catches what no pattern lists: indirect wording, new euphemisms. Its
two thresholds (detector.Thresholds) were chosen by leave-one-writer-out cross-validation on
the training data - each writer's examples scored by a model trained on the other writers -
never on held-out data (`overstap evaluate-safety --cv` repeats it). The dense features and
their scale were chosen the same way (README, "Safety").
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from bot.understanding.safety.normalize import canonical
from bot.understanding.text_head import features as text_features
from bot.understanding.text_head import new_vectorizer

DENSE_SCALE = 2.0


@dataclass
class CrisisClassifier:
    features: Any  # fitted sklearn FeatureUnion over canonical text
    model: Any  # fitted LogisticRegression
    dense_scale: float = 0.0  # 0: n-grams only

    def probabilities(self, texts: Sequence[str], persist: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros(0)
        return self.model.predict_proba(text_features(self.features, texts, self.dense_scale, persist))[:, 1]

    def probability(self, text: str) -> float:
        return float(self.probabilities([text])[0])

    def save(self, path: Path) -> None:
        path.write_bytes(pickle.dumps(self))

    @staticmethod
    def load(path: Path) -> "CrisisClassifier":
        return pickle.loads(path.read_bytes())


def fit(
    texts: Sequence[str],
    labels: Sequence[int],
    c: float = 4.0,
    seed: int = 42,
    dense_scale: Optional[float] = None,
) -> CrisisClassifier:
    """labels: 1 for crisis, 0 for everything else. Training texts' embeddings are cached
    on disk (var/cache); they are the project's own data, never client messages."""
    from sklearn.linear_model import LogisticRegression

    scale = DENSE_SCALE if dense_scale is None else dense_scale
    features = new_vectorizer()
    features.fit([canonical(t) for t in texts])
    x = text_features(features, texts, scale, persist=True)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=seed)
    model.fit(x, np.asarray(labels))
    return CrisisClassifier(features, model, scale)


def scores_out_of_writer(texts: List[str], labels: List[int], writers: List[str], **kwargs: Any) -> np.ndarray:
    """Each example scored by a model trained without its writer's examples."""
    scores = np.zeros(len(texts))
    for name in sorted(set(writers)):
        train = [i for i, w in enumerate(writers) if w != name]
        test = [i for i, w in enumerate(writers) if w == name]
        model = fit([texts[i] for i in train], [labels[i] for i in train], **kwargs)
        scores[test] = model.probabilities([texts[i] for i in test], persist=True)
    return scores


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
