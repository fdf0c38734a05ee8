"""ASGI factory for production servers (uvicorn --factory, several workers).

    uvicorn --factory bot.prod_app:create --workers 2 --host 127.0.0.1 --port 8000

All settings come from the environment: RASA_URL (the load balancer in front of the Rasa
servers), DATABASE_URL, REDIS_URL (shared rate limits), OVERSTAP_COOKIE_SECURE,
OVERSTAP_OPEN_CHAT, OVERSTAP_RASA_TIMEOUT (default: longer than Rasa's handling of one
message, see bot.rasa_adapter.message_ids; keep it so).
"""

from __future__ import annotations

import os

from bot.core.runtime import env_flag, quiet

quiet()

from bot.web.app import RASA_TIMEOUT, create_app  # noqa: E402


def create():
    return create_app(
        os.environ.get("RASA_URL", "http://127.0.0.1:5005"),
        request_timeout=float(os.environ.get("OVERSTAP_RASA_TIMEOUT", RASA_TIMEOUT)),
        cookie_secure=env_flag("OVERSTAP_COOKIE_SECURE", True),
        open_chat=env_flag("OVERSTAP_OPEN_CHAT", True),
    )
