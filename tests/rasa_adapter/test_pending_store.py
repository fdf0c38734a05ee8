"""Where pre-consent trackers wait (bot.rasa_adapter.pending_store): memory, or Redis for several Rasa servers."""

from __future__ import annotations

import subprocess
import time

from bot.rasa_adapter.pending_store import KEY_PREFIX, MemoryPending, RedisPending, pending_store


def test_memory_keeps_the_newest_conversations():
    store = MemoryPending(max_items=2)
    store.put("a", [{"event": "user"}])
    store.put("b", [])
    store.put("a", [{"event": "bot"}])  # touched: now newest
    store.put("c", [])
    assert "b" not in store and store.get("a") == [{"event": "bot"}] and "c" in store
    store.pop("a")
    store.pop("missing")
    assert store.get("a") is None and len(store) == 1


def test_redis_is_used_when_redis_url_is_set(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(pending_store(), MemoryPending)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    assert isinstance(pending_store(), RedisPending)


def test_redis_pending_is_shared_and_expires(system_tool):
    system_tool("redis-server", package="redis-server")
    from bot.run.processes import free_port

    port = free_port()
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"redis://127.0.0.1:{port}/0"
        one, two = RedisPending(url, ttl=60), RedisPending(url, ttl=60)  # two Rasa servers
        deadline = time.monotonic() + 10
        while True:
            try:
                one.redis.ping()
                break
            except Exception:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        events = [{"event": "user", "text": "hallo 😀 \u0000"}]
        one.put("conv-1", events)
        assert two.get("conv-1") == events and "conv-1" in two
        assert 0 < one.redis.ttl(KEY_PREFIX + "conv-1") <= 60
        two.pop("conv-1")
        assert one.get("conv-1") is None and "conv-1" not in one
    finally:
        proc.terminate()
        proc.wait(timeout=10)
