"""MITI 4.2 behaviour codes for a student's utterance: a trained spaCy text classifier.

Trained from scratch on `spacy.blank("nl")` from data/miti/train.yml (no keyword rules).
The model is spaCy's TextCatEnsemble (bag of 1-3-grams plus a small CNN, the same
architecture as `bot.understanding.textcat`), fed a *hybrid* input: the utterance followed by a few
surface-feature tokens the model learns weights for - question mark, first word,
second/first-person pronouns, "we"-forms, a colon, length bucket. Short Dutch
utterances differ mostly in exactly these cues (an open vs closed question often only
in its first word; a reflection is a "je"-statement without a question mark).

The artifact is a build output under models/ (gitignored), named by a fingerprint of the
training data and this code; it is trained automatically when missing (about 30-60 s on
two cores) and by `overstap train-miti`.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from bot.core import artifacts
from bot.core.wording import read_yaml
from bot.understanding.miti_codes import CODES

ROOT = Path(__file__).resolve().parent.parent.parent
TRAIN_DATA = ROOT / "data" / "miti" / "train.yml"
HELDOUT_DATA = ROOT / "data" / "heldout" / "miti_heldout.yml"
MODELS = ROOT / "models"
# Everything that shapes the artifact.
INPUTS = (
    TRAIN_DATA,
    Path(__file__),
    ROOT / "bot" / "understanding" / "miti_codes.py",
    ROOT / "bot" / "understanding" / "textcat.py",
)

EPOCHS = 12
SEED = 42
BATCH = 16

SECOND_PERSON = {"je", "jij", "jou", "jouw", "u", "uw", "jezelf", "uzelf", "jullie", "je'"}
FIRST_PERSON = {"ik", "mij", "me", "mijn", "mezelf", "ikzelf"}
WE_FORMS = {"we", "wij", "ons", "onze", "laten", "zullen", "samen"}
_WORD = re.compile(r"[a-zà-ÿ0-9']+")


@dataclass(frozen=True)
class Coded:
    code: str
    confidence: float


def features(text: str) -> str:
    """The utterance plus surface-feature tokens for the model (learned, not rules)."""
    clean = " ".join((text or "").split())
    words = _WORD.findall(clean.lower())
    marks: List[str] = []
    stripped = clean.rstrip(" .!…\"'")
    marks.append("xvraag" if stripped.endswith("?") else ("xvraagmidden" if "?" in clean else "xgeenvraag"))
    if clean.endswith("!"):
        marks.append("xuitroep")
    if ":" in clean:
        marks.append("xdubbelpunt")
    if words:
        marks.append("xbegin" + words[0])
        if len(words) > 1:
            marks.append("xtweede" + words[1])
    if SECOND_PERSON & set(words):
        marks.append("xjij")
    if words and words[0] in SECOND_PERSON:
        marks.append("xjijbegin")
    if FIRST_PERSON & set(words):
        marks.append("xik")
    if WE_FORMS & set(words):
        marks.append("xwij")
    n = len(words)
    marks.append("xkort" if n <= 3 else "xmiddel" if n <= 10 else "xlang" if n <= 20 else "xzeerlang")
    return f"{clean} {' '.join(marks)}"


def load_training(path: Path = TRAIN_DATA) -> List[Tuple[str, str]]:
    data = read_yaml(path)
    pairs: List[Tuple[str, str]] = []
    for code, texts in (data.get("examples") or {}).items():
        if code not in CODES:
            raise ValueError(f"{path}: unknown MITI code {code!r}")
        pairs.extend((str(t), code) for t in texts)
    return pairs


def load_heldout(path: Path = HELDOUT_DATA) -> List[Tuple[str, str]]:
    data = read_yaml(path)
    return [(str(e["text"]), str(e["code"])) for e in data["examples"]]


def fingerprint() -> str:
    return artifacts.fingerprint(ROOT, INPUTS)


def model_dir() -> Path:
    return MODELS / f"miti-{fingerprint()}"


def _config() -> Dict:
    from bot.understanding.textcat import TEXTCAT_CONFIG

    config = copy.deepcopy(TEXTCAT_CONFIG)
    config["model"]["linear_model"]["ngram_size"] = 3
    return config


def train(pairs: Sequence[Tuple[str, str]], epochs: int = EPOCHS, seed: int = SEED):
    """Train the exclusive-class classifier on (text, code) pairs; returns the spaCy nlp."""
    from bot.understanding.textcat import balance, train_textcat

    # the MITI loop shuffles with its own Random(seed) (its model would change otherwise)
    return train_textcat(
        balance(list(pairs), seed),
        CODES,
        epochs=epochs,
        seed=seed,
        config=_config(),
        featurize=features,
        rng=random.Random(seed),
        batch_size=BATCH,
    )


def ensure_trained(force: bool = False, quiet: bool = True) -> Path:
    """Train unless an artifact for exactly these inputs exists; returns its directory.

    Safe when several processes start at once: each trains into a private directory
    and the first to finish renames it into place."""
    target = model_dir()
    if artifacts.is_current(target, ROOT, "MITI classifier", force, quiet):
        return target
    MODELS.mkdir(exist_ok=True)
    print("==> Training the MITI code classifier (under a minute)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    pairs = load_training()
    nlp = train(pairs)
    seconds = time.perf_counter() - started
    tmp = MODELS / f".{target.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    (tmp / "overstap_meta.json").write_text(
        json.dumps(
            {
                "examples": len(pairs),
                "epochs": EPOCHS,
                "train_seconds": round(seconds, 1),
                "fingerprint": target.name.split("-", 1)[1],
            },
            indent=2,
        )
    )
    if force and target.exists():
        shutil.rmtree(target, ignore_errors=True)
    try:
        os.rename(tmp, target)
    except OSError:  # another process won the race: its artifact is identical
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"==> MITI classifier trained in {seconds:.0f} s: {target.relative_to(ROOT)}", file=sys.stderr)
    for stale in MODELS.glob("miti-*"):  # artifacts of older data or code
        if stale.is_dir() and stale != target:
            shutil.rmtree(stale, ignore_errors=True)
    _cache.clear()
    return target


class MitiClassifier:
    def __init__(self, nlp):
        self.nlp = nlp

    def code(self, text: str) -> Coded:
        return self.code_many([text])[0]

    def code_many(self, texts: Sequence[str], progress: Optional[Callable[[int, int], None]] = None) -> List[Coded]:
        out: List[Optional[Coded]] = [None] * len(texts)
        todo = [(i, features(t)) for i, t in enumerate(texts) if (t or "").strip()]
        for i, t in enumerate(texts):
            if not (t or "").strip():
                out[i] = Coded("other", 1.0)  # nothing said: not a behaviour
        done = len(texts) - len(todo)
        for (i, _), doc in zip(todo, self.nlp.pipe((f for _, f in todo), batch_size=64)):
            cats = doc.cats
            best = max(cats, key=cats.get)
            out[i] = Coded(best, round(float(cats[best]), 4))
            done += 1
            if progress:
                progress(done, len(texts))
        if progress and not todo:
            progress(len(texts), len(texts))
        return out  # type: ignore[return-value]


_cache: Dict[Path, MitiClassifier] = {}


def get_classifier(path: Optional[Path] = None) -> MitiClassifier:
    """The trained classifier (trained first if its inputs changed), loaded once per process."""
    import spacy

    path = path or ensure_trained()
    if path not in _cache:
        _cache[path] = MitiClassifier(spacy.load(path))
    return _cache[path]


def evaluate_heldout(classifier: Optional[MitiClassifier] = None, pairs: Optional[Iterable[Tuple[str, str]]] = None):
    """Held-out report (bot.understanding.evaluation.Report): macro-F1 over all twelve codes."""
    from bot.understanding.evaluation import evaluate

    classifier = classifier or get_classifier()
    pairs = list(pairs if pairs is not None else load_heldout())
    predicted = [c.code for c in classifier.code_many([t for t, _ in pairs])]
    return evaluate([c for _, c in pairs], predicted, CODES)
