"""The trained Rasa model: where it is, and training it only when its inputs changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Optional

from bot.core import artifacts
from bot.core.runtime import child_env

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models"
# Everything that shapes the model: Rasa's inputs and the code of our NLU components.
# Rasa's own training data; data/ also holds practice-mode data that Rasa must not read.
RASA_DATA = ("data/nlu", "data/rules", "data/stories")
MODEL_INPUTS = (
    "config.yml",
    "domain.yml",
    *RASA_DATA,
    "data/classifiers",
    "bot/rasa_adapter/components.py",
    # the understanding layer's heads and their data (the model's name changes with them,
    # not only the fingerprints Rasa keeps inside the model)
    "bot/understanding/text_head.py",
    "bot/understanding/encoder.py",
    "bot/understanding/stage.py",
    "bot/understanding/talk_type.py",
    "bot/understanding/training_data.py",
    "bot/understanding/dialogue_act.py",
    "bot/understanding/input_guard.py",
    "bot/understanding/safety",
    "data/understanding/safety",
    "data/understanding/stage",
)


def fingerprint(config: str = "config.yml") -> str:
    return artifacts.fingerprint(ROOT, [config if p == "config.yml" else p for p in MODEL_INPUTS])


def model_path(config: str = "config.yml") -> Path:
    stem = "overstap" if config == "config.yml" else f"overstap-{Path(config).stem}"
    return MODELS / f"{stem}-{fingerprint(config)}.tar.gz"


def ensure_trained(config: str = "config.yml", force: bool = False, quiet: bool = False) -> Path:
    """Train unless a model for exactly these inputs exists; returns its path."""
    path = model_path(config)
    if artifacts.is_current(path, ROOT, "Model", force, quiet):
        return path
    MODELS.mkdir(exist_ok=True)
    print(f"==> Training the Rasa model ({config}); this takes a few minutes", file=sys.stderr)
    cmd = [
        str(Path(sys.executable).with_name("rasa")),
        "train",
        "--config",
        config,
        "--data",
        *RASA_DATA,
        "--out",
        str(MODELS),
        "--fixed-model-name",
        path.name[: -len(".tar.gz")],
    ]
    # No Rasa training cache: it saves little here and can restore a featurizer that no
    # longer matches a retrained classifier ("X has N features, but ... expecting M").
    # stdout is reserved for command output (e.g. `overstap classify` JSON lines)
    subprocess.run(cmd, cwd=ROOT, env=child_env(RASA_MAX_CACHE_SIZE="0"), check=True, stdout=sys.stderr)
    return path


def latest_model() -> Optional[Path]:
    path = model_path()
    return path if path.exists() else None


# The heads the NLU components store inside the model (bot/rasa_adapter/components.py).
HEAD_FILES = {"stage": "stage.pkl", "talk_type": "talk_type.pkl", "crisis": "crisis.pkl"}


def trained_heads(path: Path) -> dict:
    """{"stage", "talk_type", "crisis": TextHead} read from a trained model's archive, for
    the evaluation (no Rasa needed): the crisis classifier's own head."""
    import pickle
    import tarfile

    out = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive.getmembers():
            for name, filename in HEAD_FILES.items():
                if member.isfile() and member.name.endswith("/" + filename):
                    head = pickle.loads(archive.extractfile(member).read())
                    out[name] = getattr(head, "head", head)
    missing = set(HEAD_FILES) - set(out)
    if missing:
        raise FileNotFoundError(f"{path}: no {sorted(missing)} inside")
    return out
