"""Process-wide settings for running Rasa quietly and privately.

Imported first by every entry point: telemetry off (never prompts, never phones home),
TensorFlow and deprecation noise off, and structlog kept at WARNING so that Rasa never
prints message text.
"""

from __future__ import annotations

import logging
import os
import warnings

QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONWARNINGS": "ignore",
    "TOKENIZERS_PARALLELISM": "false",
}


def quiet() -> None:
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    warnings.filterwarnings("ignore")
    logging.getLogger("tensorflow").setLevel(logging.ERROR)


def quiet_rasa_logging(level: int = logging.WARNING) -> None:
    """After importing rasa: keep its loggers (and structlog) at `level`."""
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(level)
    for name in ("rasa", "rasa_sdk", "sanic", "absl", "tensorflow", "alembic"):
        logging.getLogger(name).setLevel(level)


def child_env(**extra: str) -> dict:
    """Environment for child processes (servers) with the quiet settings."""
    env = dict(os.environ)
    for key, value in QUIET_ENV.items():
        env.setdefault(key, value)
    env.update(extra)
    return env


def env_flag(name: str, default: bool) -> bool:
    """A yes/no setting from the environment ("1", "true", "yes", "on" are yes)."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")
