"""Where pre-consent trackers live until the client consents.

Nothing a client writes is stored in the database before they consent, so Rasa's tracker
for such a conversation is kept elsewhere:

* ``MemoryPending`` (default): in the Rasa server's own memory. Fine for one Rasa process.
* ``RedisPending`` (when ``REDIS_URL`` is set): in Redis, one key per conversation with a
  time-to-live, so that any of several Rasa servers behind a load balancer can continue a
  pre-consent conversation. Redis runs without persistence in the production profile, so
  pre-consent text still never reaches a disk.
"""

from __future__ import annotations

import json
import os
from collections import OrderedDict
from typing import List, Optional

MAX_PENDING = 10_000  # in-memory: conversations held (oldest dropped first)
PENDING_TTL_SECONDS = int(os.environ.get("OVERSTAP_PENDING_TTL", str(2 * 3600)))
KEY_PREFIX = "overstap:pending:"


class MemoryPending:
    def __init__(self, max_items: int = MAX_PENDING) -> None:
        self._items: "OrderedDict[str, list]" = OrderedDict()
        self.max_items = max_items

    def get(self, sender: str) -> Optional[List[dict]]:
        return self._items.get(sender)

    def put(self, sender: str, events: List[dict]) -> None:
        self._items[sender] = events
        self._items.move_to_end(sender)
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)

    def pop(self, sender: str) -> None:
        self._items.pop(sender, None)

    def __contains__(self, sender: str) -> bool:
        return sender in self._items

    def __len__(self) -> int:
        return len(self._items)


class RedisPending:
    def __init__(self, url: str, ttl: int = PENDING_TTL_SECONDS) -> None:
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self.ttl = ttl

    def get(self, sender: str) -> Optional[List[dict]]:
        raw = self.redis.get(KEY_PREFIX + sender)
        return None if raw is None else json.loads(raw)

    def put(self, sender: str, events: List[dict]) -> None:
        self.redis.set(KEY_PREFIX + sender, json.dumps(events, ensure_ascii=False), ex=self.ttl)

    def pop(self, sender: str) -> None:
        self.redis.delete(KEY_PREFIX + sender)

    def __contains__(self, sender: str) -> bool:
        return bool(self.redis.exists(KEY_PREFIX + sender))


def pending_store():
    url = os.environ.get("REDIS_URL")
    return RedisPending(url) if url else MemoryPending()
