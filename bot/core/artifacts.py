"""Build outputs under models/ named by a fingerprint of their inputs, so a model is
trained only when its inputs changed (the Rasa model and the MITI classifier)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Iterable, List


def input_files(root: Path, paths: Iterable[str | Path]) -> List[Path]:
    """Every file that shapes an artifact: the files named, and those below the folders named."""
    out: List[Path] = []
    for p in paths:
        path = root / p
        out.extend(sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path])
    return [f for f in out if "__pycache__" not in f.parts]


def fingerprint(root: Path, paths: Iterable[str | Path]) -> str:
    """12 hex digits over the inputs' paths (relative to root) and contents."""
    digest = hashlib.sha256()
    for f in input_files(root, paths):
        digest.update(str(f.relative_to(root)).encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


def is_current(target: Path, root: Path, what: str, force: bool = False, quiet: bool = False) -> bool:
    """True when the artifact for exactly these inputs exists (and no retraining is forced)."""
    if target.exists() and not force:
        if not quiet:
            print(f"==> {what} is up to date: {target.relative_to(root)}", file=sys.stderr)
        return True
    return False
