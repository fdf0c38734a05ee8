"""MITI 4.2 behaviour codes for a student's utterance: a head of the shared trainer.

The twelve codes (`miti_codes.CODES`, labels: docs/labelling.md section 4) are one head of
`bot.understanding.text_head` - word 1-2 and character 2-5 n-grams next to the e5 sentence
embedding, logistic regression - like the stage, talk-type and crisis heads. What the
n-grams see is the canonical text plus a few surface-cue tokens (`surface_text`): question
mark, first two words, second/first-person pronouns, "we"-forms, a colon, length. Short
Dutch utterances differ mostly in exactly these cues (an open vs closed question often only
in its first word; a reflection is a "je"-statement without a question mark), and the
canonical text has no punctuation. Out of writer they add little next to the embedding
(macro-F1 0.843 vs 0.841 without; 0.81 vs 0.72 without the embedding: README).

Training data: data/miti/train_<writer>.yml, one file per independent writer
(`writer:`, `brief:`, `examples: {code: [texts]}`), so that settings are chosen and the
confidence calibrated out of writer (`cross_validate`, `python -m bench.miti_cv`).
Held out: data/heldout/miti_heldout.yml, never used for training or tuning.

The artifact is a build output under models/ (gitignored), named by a fingerprint of the
training data, this code, the trainer and the encoder; it is trained automatically when
missing and by `overstap train-miti`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from bot.core import artifacts
from bot.core.wording import ContentError, read_yaml
from bot.understanding.miti_codes import CODES
from bot.understanding.safety.normalize import canonical

ROOT = Path(__file__).resolve().parent.parent.parent
TRAIN_DIR = ROOT / "data" / "miti"
HELDOUT_DATA = ROOT / "data" / "heldout" / "miti_heldout.yml"
MODELS = ROOT / "models"
# Everything that shapes the artifact (plus the encoder's own fingerprint).
INPUTS = (
    TRAIN_DIR,
    Path(__file__),
    ROOT / "bot" / "understanding" / "miti_codes.py",
    ROOT / "bot" / "understanding" / "text_head.py",
    ROOT / "bot" / "understanding" / "safety" / "normalize.py",
)

# Chosen by leave-one-writer-out cross-validation over the training writers (README,
# "Practice mode"; `python -m bench.miti_cv`), never on the held-out set.
DENSE_SCALE = 2.0
C = 16.0
SEED = 42

SECOND_PERSON = {"je", "jij", "jou", "jouw", "u", "uw", "jezelf", "uzelf", "jullie", "je'"}
FIRST_PERSON = {"ik", "mij", "me", "mijn", "mezelf", "ikzelf"}
WE_FORMS = {"we", "wij", "ons", "onze", "laten", "zullen", "samen"}
_WORD = re.compile(r"[a-zà-ÿ0-9']+")


@dataclass(frozen=True)
class Coded:
    code: str
    confidence: float


@dataclass(frozen=True)
class Example:
    text: str
    code: str
    writer: str


def surface_marks(text: str) -> List[str]:
    """Surface-cue tokens of an utterance (learned weights, not rules)."""
    clean = " ".join((text or "").split())
    words = _WORD.findall(clean.lower())
    stripped = clean.rstrip(" .!…\"'")
    marks = ["xvraag" if stripped.endswith("?") else ("xvraagmidden" if "?" in clean else "xgeenvraag")]
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
    return marks


def surface_text(text: str) -> str:
    """What the head's n-grams see: the canonical text and the surface-cue tokens."""
    return f"{canonical(text)} {' '.join(surface_marks(text))}"


# -- data ------------------------------------------------------------------------------
def writer_files(directory: Path = TRAIN_DIR) -> List[Path]:
    return sorted(directory.glob("train_*.yml"))


def load_file(path: Path) -> List[Example]:
    """One writer's file: every one of the twelve codes, each with non-empty texts."""
    data = read_yaml(path) or {}
    writer = str(data.get("writer") or path.stem)
    examples = data.get("examples")
    if not isinstance(examples, dict):
        raise ContentError(f"{path}: needs `examples:` with a list of texts per MITI code")
    unknown = sorted(set(examples) - set(CODES))
    missing = [code for code in CODES if not examples.get(code)]
    if unknown or missing:
        raise ContentError(f"{path}: unknown MITI codes {unknown}, codes without examples {missing}")
    out = []
    for code in CODES:
        for i, text in enumerate(examples[code], 1):
            if not isinstance(text, str) or not text.strip():
                raise ContentError(f"{path}: {code}, example {i}: needs a non-empty text")
            out.append(Example(" ".join(text.split()), code, writer))
    return out


def load_examples(directory: Path = TRAIN_DIR) -> List[Example]:
    """Every writer's examples; a text that an earlier file already has is kept once."""
    files = writer_files(directory)
    if not files:
        raise ContentError(f"{directory}: no MITI training files (train_<writer>.yml)")
    seen, out = set(), []
    for path in files:
        for example in load_file(path):
            key = example.text.lower()
            if key not in seen:
                seen.add(key)
                out.append(example)
    return out


def load_training(directory: Path = TRAIN_DIR) -> List[Tuple[str, str]]:
    return [(e.text, e.code) for e in load_examples(directory)]


def load_heldout(path: Path = HELDOUT_DATA) -> List[Tuple[str, str]]:
    data = read_yaml(path)
    return [(str(e["text"]), str(e["code"])) for e in data["examples"]]


# -- training ---------------------------------------------------------------------------
def fit(examples: Optional[Sequence[Example]] = None, calibrate: bool = True, **kwargs: Any):
    """The MITI head; with two or more writers its temperature is fitted out of writer."""
    from bot.understanding.text_head import fit_head

    examples = load_examples() if examples is None else list(examples)
    writers = [e.writer for e in examples]
    settings = {"dense_scale": DENSE_SCALE, "c": C, "seed": SEED, "prepare": surface_text, **kwargs}
    groups = writers if calibrate and len(set(writers)) > 1 else None
    return fit_head([e.text for e in examples], [e.code for e in examples], calibrate_groups=groups, **settings)


def cross_validate(examples: Optional[Sequence[Example]] = None, **kwargs: Any):
    """Leave one writer out: (codes, true codes, out-of-writer probabilities)."""
    from bot.understanding.text_head import out_of_group_probabilities

    examples = load_examples() if examples is None else list(examples)
    settings = {"dense_scale": DENSE_SCALE, "c": C, "seed": SEED, "prepare": surface_text, **kwargs}
    labels, probs = out_of_group_probabilities(
        [e.text for e in examples], [e.code for e in examples], [e.writer for e in examples], **settings
    )
    return labels, [e.code for e in examples], probs


def fingerprint() -> str:
    from bot.understanding.encoder import shared_encoder

    digest = hashlib.sha256(artifacts.fingerprint(ROOT, INPUTS).encode())
    digest.update(shared_encoder().fingerprint.encode())
    return digest.hexdigest()[:12]


def model_dir() -> Path:
    return MODELS / f"miti-{fingerprint()}"


HEAD_FILE = "miti_head.pkl"


def ensure_trained(force: bool = False, quiet: bool = True) -> Path:
    """Train unless an artifact for exactly these inputs exists; returns its directory.

    Safe when several processes start at once: each trains into a private directory
    and the first to finish renames it into place."""
    target = model_dir()
    if artifacts.is_current(target, ROOT, "MITI classifier", force, quiet):
        return target
    MODELS.mkdir(exist_ok=True)
    print("==> Training the MITI code classifier", file=sys.stderr, flush=True)
    started = time.perf_counter()
    examples = load_examples()
    head = fit(examples)
    seconds = time.perf_counter() - started
    tmp = MODELS / f".{target.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    head.save(tmp / HEAD_FILE)
    (tmp / "overstap_meta.json").write_text(
        json.dumps(
            {
                "examples": len(examples),
                "writers": sorted({e.writer for e in examples}),
                "dense_scale": head.dense_scale,
                "c": C,
                "temperature": head.temperature,
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


# -- coding -----------------------------------------------------------------------------
class MitiClassifier:
    """Practice mode's coder: a thin reader of the MITI head."""

    def __init__(self, head):
        self.head = head

    def code(self, text: str) -> Coded:
        return self.code_many([text])[0]

    def code_many(self, texts: Sequence[str], progress: Optional[Callable[[int, int], None]] = None) -> List[Coded]:
        out: List[Optional[Coded]] = [None] * len(texts)
        todo = [i for i, t in enumerate(texts) if (t or "").strip()]
        for i, t in enumerate(texts):
            if not (t or "").strip():
                out[i] = Coded("other", 1.0)  # nothing said: not a behaviour
        done = len(texts) - len(todo)
        step = 64
        for start in range(0, len(todo), step):
            chunk = todo[start : start + step]
            probs = self.head.probabilities([texts[i] for i in chunk])
            for i, row in zip(chunk, probs):
                best = int(row.argmax())
                out[i] = Coded(self.head.labels[best], round(float(row[best]), 4))
            done += len(chunk)
            if progress:
                progress(done, len(texts))
        if progress and not todo:
            progress(len(texts), len(texts))
        return out  # type: ignore[return-value]


_cache: Dict[Path, MitiClassifier] = {}


def get_classifier(path: Optional[Path] = None) -> MitiClassifier:
    """The trained classifier (trained first if its inputs changed), loaded once per process."""
    from bot.understanding.text_head import TextHead

    path = path or ensure_trained()
    if path not in _cache:
        _cache[path] = MitiClassifier(TextHead.load(path / HEAD_FILE))
    return _cache[path]


def evaluate_heldout(classifier: Optional[MitiClassifier] = None, pairs: Optional[Iterable[Tuple[str, str]]] = None):
    """Held-out report (bot.understanding.evaluation.Report): macro-F1 over all twelve codes,
    with the reliability of the confidences."""
    from bot.understanding.evaluation import calibration, evaluate

    classifier = classifier or get_classifier()
    pairs = list(pairs if pairs is not None else load_heldout())
    coded = classifier.code_many([t for t, _ in pairs])
    truth = [c for _, c in pairs]
    report = evaluate(truth, [c.code for c in coded], CODES)
    report.calibration = calibration(truth, [c.code for c in coded], [c.confidence for c in coded])
    return report
