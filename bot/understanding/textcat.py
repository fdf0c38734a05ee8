"""Small spaCy text classifiers trained from scratch on a blank Dutch pipeline.

Used for talk type (change / sustain / neutral) and crisis signals. No pretrained Dutch
pipeline is available here, so the model is a bag-of-n-grams plus a small CNN over
hashed word, prefix and suffix features (spaCy's TextCatEnsemble), trained on our data.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import spacy
from spacy.training import Example
from spacy.util import minibatch

TEXTCAT_CONFIG = {
    "threshold": 0.5,
    "model": {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "nO": None,
        "linear_model": {
            "@architectures": "spacy.TextCatBOW.v2",
            "exclusive_classes": True,
            "ngram_size": 2,
            "no_output_layer": False,
            "nO": None,
        },
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": 64,
                "rows": [2000, 2000, 1000, 1000],
                "attrs": ["NORM", "LOWER", "PREFIX", "SUFFIX"],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": 64,
                "window_size": 1,
                "maxout_pieces": 3,
                "depth": 2,
            },
        },
    },
}


def train_textcat(
    examples: Sequence[Tuple[str, str]],
    labels: Sequence[str],
    epochs: int = 12,
    seed: int = 42,
    *,
    config: Optional[Dict[str, Any]] = None,
    featurize: Optional[Callable[[str], str]] = None,
    rng: Optional[random.Random] = None,
    batch_size: int = 16,
) -> "spacy.language.Language":
    """Train an exclusive-class text classifier on (text, label) pairs.

    `config` replaces TEXTCAT_CONFIG, `featurize` turns a text into the model's input, and
    `rng` shuffles the examples each epoch (default: the seeded global `random`)."""
    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("nl")
    textcat = nlp.add_pipe("textcat", config=config or TEXTCAT_CONFIG)
    for label in labels:
        textcat.add_label(label)
    train = [
        Example.from_dict(
            nlp.make_doc(featurize(text) if featurize else text), {"cats": {cat: float(cat == label) for cat in labels}}
        )
        for text, label in examples
    ]
    optimizer = nlp.initialize(lambda: train)
    shuffle = rng.shuffle if rng is not None else random.shuffle
    for _ in range(epochs):
        shuffle(train)
        losses: Dict[str, float] = {}
        for batch in minibatch(train, size=batch_size):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
    return nlp


def predict(nlp: "spacy.language.Language", text: str) -> Tuple[str, float]:
    cats = nlp(text or "").cats
    label = max(cats, key=cats.get)
    return label, float(cats[label])


def save(nlp: "spacy.language.Language", path: Path) -> None:
    nlp.to_disk(path)


def load(path: Path) -> "spacy.language.Language":
    return spacy.load(path)


def balance(pairs: List[Tuple[str, str]], seed: int = 42) -> List[Tuple[str, str]]:
    """Oversample minority labels up to the size of the largest one."""
    by_label: Dict[str, List[Tuple[str, str]]] = {}
    for pair in pairs:
        by_label.setdefault(pair[1], []).append(pair)
    target = max(len(v) for v in by_label.values())
    rng = random.Random(seed)
    out: List[Tuple[str, str]] = []
    for items in by_label.values():
        out.extend(items)
        out.extend(rng.choice(items) for _ in range(target - len(items)))
    return out
