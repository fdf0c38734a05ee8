"""Capacity of `overstap serve` (SQLite, single process each): CPU per client message, messages/s
at saturation, latency at 1, 10 and 50 conversations closed-loop and with a pause between a
client's messages, cold start and resident memory; optionally the same for a second source tree
(the code before a change) in the same run, so before and after meet the same machine.

    python -m bench.capacity [--before DIR] [--levels 1,10,50] [--pause 3] [--turns 10]
                             [--only closed|paused] [--name capacity]

* CPU per message: user + system time of every process of the stack (the `overstap serve`
  process and all its descendants: Rasa server, action server, web app), read from
  /proc/<pid>/stat before and after each load level, divided by the messages of that level.
  Wall time says little on these shared 2-core machines; CPU time is what a message costs.
* every message a string not sent before (`bench.server_latency.distinct`: the encoder keeps the
  last 64 texts, and 50 conversations sending the same words would mostly hit it);
* closed-loop: each conversation sends its next message as soon as the answer is in (the
  50-conversation figure is the saturation throughput);
* paused: each conversation waits `--pause` seconds between an answer and its next message,
  the conversations' starts spread evenly over one pause (like clients who type);
* cold start: process start -> the first answer through the chat page's API.

`--before DIR` (and `--after DIR`, default this tree): DIR holds another checkout (e.g. `git archive <commit> | tar -x -C DIR`, with
`models/` and `var/cache/encoder` linked in); each measurement runs for DIR and for this tree in
turn, DIR first. Every block records the load average at its start. Writes
`bench/results/<name>.json` and prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

import httpx

from bench.common import cpu_seconds, rss_mb, summary_ms, write
from bench.production_latency import MESSAGES, first_answer
from bench.server_latency import distinct
from bot.core.runtime import quiet
from bot.rasa_adapter.message_ids import new_message_id
from bot.run.processes import free_port

quiet()

ROOT = Path(__file__).resolve().parent.parent


def load() -> List[float]:
    return [round(x, 2) for x in os.getloadavg()]


_conversations = iter(range(1, 1_000_000))


async def _conversation(
    client: httpx.AsyncClient, web: str, turns: int, pause: float, delay: float, lat: List[float], errors: List[int]
) -> None:
    conv = "cap-" + uuid.uuid4().hex[:16]
    number = next(_conversations)  # every text a string not sent before (the encoder's memory)
    await asyncio.sleep(delay)
    for i, message in enumerate(MESSAGES[:turns]):
        if i and pause:
            await asyncio.sleep(pause)
        body = {"conversation_id": conv, "client_id": "client-" + conv[-12:], "text": distinct(message, number)}
        t0 = time.perf_counter()
        resp = await client.post(web + "/api/message", json=dict(body, message_id=new_message_id()))
        lat.append(time.perf_counter() - t0)
        if resp.status_code != 200:
            errors.append(resp.status_code)


def _pids_by_port(ports: Dict[str, int]) -> Dict[str, int]:
    out = {}
    ss = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True).stdout.splitlines()
    for name, port in ports.items():
        for line in ss:
            if f"127.0.0.1:{port} " in line and "pid=" in line:
                out[name] = int(line.split("pid=")[1].split(",")[0])
                break
    return out


def run_level(web: str, pid: int, level: int, turns: int, pause: float, parts: Optional[Dict[str, int]] = None) -> Dict:
    lat: List[float] = []
    errors: List[int] = []
    rng = random.Random(level)
    delays = [rng.uniform(0, pause) if pause else 0.0 for _ in range(level)]

    async def run() -> float:
        limits = httpx.Limits(max_connections=level + 5)
        async with httpx.AsyncClient(timeout=120, limits=limits) as client:
            t0 = time.perf_counter()
            await asyncio.gather(*(_conversation(client, web, turns, pause, d, lat, errors) for d in delays))
            return time.perf_counter() - t0

    parts = parts or {}
    at_start = load()
    cpu0, parts0 = cpu_seconds(pid), {name: cpu_seconds(p) for name, p in parts.items()}
    elapsed = asyncio.run(run())
    cpu = cpu_seconds(pid) - cpu0
    n = max(1, len(lat))
    per_process = {name: round(1000 * (cpu_seconds(p) - parts0[name]) / n, 1) for name, p in parts.items()}
    return dict(
        summary_ms(lat),
        conversations=level,
        pause_s=pause,
        errors=len(errors),
        throughput_msg_per_s=round(len(lat) / elapsed, 2),
        elapsed_s=round(elapsed, 1),
        cpu_s=round(cpu, 2),
        cpu_ms_per_message=round(1000 * cpu / n, 1),
        cpu_ms_per_message_by_process=per_process,
        load_average_at_start=at_start,
    )


def start_stack(tree: Path, model: str, env_extra: Optional[Dict[str, str]] = None):
    tmp = Path(tempfile.mkdtemp(prefix="overstap-cap-"))
    ports = [free_port() for _ in range(3)]
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}",
        RASA_AUTH_TOKEN=uuid.uuid4().hex,
        PYTHONPATH=str(tree),
        **(env_extra or {}),
    )
    env.pop("REDIS_URL", None)
    cmd = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", "serve"]
    cmd += ["--model", model, "--port", str(ports[0]), "--rasa-port", str(ports[1]), "--actions-port", str(ports[2])]
    at_start = load()
    t0 = time.monotonic()
    proc = subprocess.Popen(
        cmd, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    web = f"http://127.0.0.1:{ports[0]}"
    first_answer(web, time.monotonic() + 600)
    cold = time.monotonic() - t0
    return proc, web, ports, {"cold_start_s": round(cold, 1), "load_average_at_start": at_start}


def stop_stack(proc: subprocess.Popen) -> None:
    proc.send_signal(2)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait(timeout=10)


def measure_tree(tree: Path, model: str, levels, turns: int, pause: float, only: Optional[str]) -> Dict:
    print(f"== {tree}", file=sys.stderr, flush=True)
    proc, web, ports, start = start_stack(tree, model)
    print(f"   cold start {start['cold_start_s']} s (load {start['load_average_at_start']})", file=sys.stderr)
    out: Dict = {"tree": str(tree), "cold_start": start, "closed_loop": {}, "paused": {}}
    parts = _pids_by_port(dict(zip(("web", "rasa", "actions"), ports)))
    try:
        # two whole conversations first: the first conversation after a start pays first-use
        # costs (several CPU seconds); here neither side pays them inside a level
        out["warm_up"] = run_level(web, proc.pid, 2, turns, 0.0)
        for mode, p in (("closed_loop", 0.0), ("paused", pause)):
            if only and not mode.startswith(only):
                continue
            for level in levels:
                r = run_level(web, proc.pid, level, turns, p, parts)
                out[mode][str(level)] = r
                print(
                    f"   {mode:>11} {level:>3}: p50 {r['p50_ms']:>7} p95 {r['p95_ms']:>7} p99 {r['p99_ms']:>7} ms  "
                    f"{r['throughput_msg_per_s']:>6} msg/s  {r['cpu_ms_per_message']:>6} ms CPU/msg "
                    f"{r['cpu_ms_per_message_by_process']}  "
                    f"errors {r['errors']}  load {r['load_average_at_start']}",
                    file=sys.stderr,
                    flush=True,
                )
        out["rss_mb"] = {"all": rss_mb(proc.pid), **{name: rss_mb(p) for name, p in parts.items()}}
    finally:
        stop_stack(proc)
    return out


def table(result: Dict) -> str:
    trees = [k for k in ("before", "after") if k in result]
    lines = [
        "| measure | " + " | ".join(trees) + " |",
        "|---|" + "---|" * len(trees),
        "| cold start s (load) | "
        + " | ".join(
            f"{result[t]['cold_start']['cold_start_s']} ({result[t]['cold_start']['load_average_at_start'][0]})"
            for t in trees
        )
        + " |",
    ]
    first = result[trees[0]]
    for mode in ("closed_loop", "paused"):
        for level in first[mode]:
            cells = []
            for t in trees:
                r = result[t][mode].get(level)
                cells.append(
                    "–"
                    if r is None
                    else f"{r['p50_ms']:.0f} / {r['p95_ms']:.0f} / {r['p99_ms']:.0f} ms, "
                    f"{r['throughput_msg_per_s']} msg/s, {r['cpu_ms_per_message']} ms CPU/msg "
                    f"(load {r['load_average_at_start'][0]})"
                )
            lines.append(f"| {mode.replace('_', '-')} {level} conv. p50/p95/p99 | " + " | ".join(cells) + " |")
    lines.append(
        "| resident MiB (rasa, actions, web) | "
        + " | ".join(", ".join(str(result[t]["rss_mb"].get(k, "?")) for k in ("rasa", "actions", "web")) for t in trees)
        + " |"
    )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", help="another source tree, measured first in the same run")
    parser.add_argument("--after", default=str(ROOT), help="the tree measured as 'after' (default: this one)")
    parser.add_argument("--levels", default="1,10,50")
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--pause", type=float, default=3.0)
    parser.add_argument("--only", choices=["closed", "paused"])
    parser.add_argument("--model", default=os.environ.get("PROD_MODEL"))
    parser.add_argument("--name", default="capacity")
    args = parser.parse_args(argv)
    if not args.model:
        from bot.rasa_adapter.rasa_model import ensure_trained

        args.model = str(ensure_trained(quiet=True))
    levels = [int(x) for x in args.levels.split(",")]
    result: Dict = {"load_average_at_start": load(), "turns_per_conversation": args.turns, "model": args.model}
    if args.before:
        result["before"] = measure_tree(
            Path(args.before).resolve(), args.model, levels, args.turns, args.pause, args.only
        )
    result["after"] = measure_tree(Path(args.after).resolve(), args.model, levels, args.turns, args.pause, args.only)
    write(args.name, result)
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
