"""Rate limit for chat messages per personal chat link (fixed one-minute windows).

Shared across uvicorn workers and web app instances through Redis when ``REDIS_URL`` is
set (the production profile sets it); otherwise counted in this process's memory, which
is exact for the single-process ``overstap serve``. Keys hold a hash of the link token,
never the token itself.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from typing import Dict, Optional, Tuple

logger = logging.getLogger(__name__)

CHAT_LINK_LIMIT = int(os.environ.get("OVERSTAP_CHAT_RATE_PER_MINUTE", "30"))
WINDOW_SECONDS = 60
KEY_PREFIX = "overstap:rate:"


def _key(scope: str, subject: str) -> str:
    return scope + ":" + hashlib.sha256(subject.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class MemoryLimiter:
    def __init__(self) -> None:
        self._counts: Dict[Tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, window: int) -> int:
        with self._lock:
            if len(self._counts) > 100_000:  # old windows
                now = int(time.time() // WINDOW_SECONDS)
                self._counts = {k: v for k, v in self._counts.items() if k[1] >= now - 1}
            slot = (key, window)
            self._counts[slot] = self._counts.get(slot, 0) + 1
            return self._counts[slot]


class RedisLimiter:
    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def hit(self, key: str, window: int) -> int:
        name = f"{KEY_PREFIX}{key}:{window}"
        pipe = self.redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, WINDOW_SECONDS * 2)
        count, _ = pipe.execute()
        return int(count)


class RateLimiter:
    def __init__(self, redis_url: Optional[str] = None, limit: int = CHAT_LINK_LIMIT) -> None:
        redis_url = redis_url if redis_url is not None else os.environ.get("REDIS_URL")
        self.backend = RedisLimiter(redis_url) if redis_url else MemoryLimiter()
        self.limit = limit

    def allow(self, scope: str, subject: str, now: Optional[float] = None) -> bool:
        """Count one request; False once `limit` requests were made in this minute.

        If the shared store is unreachable the request is allowed (fail open): the chat
        must not stop because the limiter's store has a hiccup; the log says so.
        """
        window = int((now if now is not None else time.time()) // WINDOW_SECONDS)
        try:
            return self.backend.hit(_key(scope, subject), window) <= self.limit
        except Exception as exc:  # noqa: BLE001
            logger.warning("rate limiter unavailable: %s", type(exc).__name__)
            return True
