"""Message latency at 1, 10 and 50 concurrent conversations for
(a) SQLite, single process each (`overstap serve`), and
(b) the production profile (deploy/profile.sh: PostgreSQL + Redis + 2 Rasa servers behind
    HAProxy + uvicorn with 2 workers);
plus resident memory per process and start-up time to the first answer.

    .venv/bin/python -m bench.production_latency [--turns 10] [--only sqlite|profile] [--tree DIR]

`--tree DIR` runs the stack from another checkout (its code and deploy/profile.sh; e.g. the
code before a change, `git archive <commit> | tar -x -C DIR` with models/ linked in) under this
harness. Every level also reports the CPU per message of all the stack's processes (from
/proc: the profile's pid files and PostgreSQL with its backends; `overstap serve` and its
children), and every message is a string not sent before (`bench.server_latency.distinct`).

Writes bench/results/production.json and prints a table. Everything on loopback; the
profile runs under var/prod-bench/ with its own ports and is stopped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Callable, Dict, List

import httpx

from bench.common import cpu_seconds, rss_mb, summary_ms, write
from bot.core.runtime import quiet
from bot.rasa_adapter.message_ids import new_message_id

quiet()

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = [
    "/greet",
    "ja",
    "ik doe al twee jaar vrijwilligerswerk bij de voedselbank",
    "ik heb twintig jaar in een distributiecentrum gewerkt tot mijn rug niet meer wilde",
    "misschien zou een paar uurtjes per week toch kunnen, ik twijfel",
    "aan de ene kant is het eng, aan de andere kant zou een eigen inkomen fijn zijn",
    "mijn vrouw staat erachter",
    "een 6",
    "omdat ik het eigenlijk wel wil, ik help nu al mensen als vrijwilliger",
    "volgende week ga ik met mijn jobcoach kijken welke cursus bij mij past",
    "ik werk graag met mensen",
]
LEVELS = (1, 10, 50)


_numbers = iter(range(1, 1_000_000))


async def _conversation(client: httpx.AsyncClient, web: str, turns: int, lat: List[float], errors: List[int]):
    from bench.server_latency import distinct

    conv = "bench-" + uuid.uuid4().hex[:16]
    number = next(_numbers)  # every text a string not sent before (the encoder's memory)
    for message in MESSAGES[:turns]:
        t0 = time.perf_counter()
        body = {"conversation_id": conv, "client_id": "client-" + conv[-12:], "text": distinct(message, number)}
        resp = await client.post(web + "/api/message", json=dict(body, message_id=new_message_id()))
        lat.append(time.perf_counter() - t0)
        if resp.status_code != 200:
            errors.append(resp.status_code)


def measure(web: str, turns: int, cpu: Callable[[], float] = lambda: 0.0) -> Dict[str, Dict]:
    out = {}
    for level in LEVELS:
        lat: List[float] = []
        errors: List[int] = []

        async def run() -> float:
            limits = httpx.Limits(max_connections=level + 5)
            async with httpx.AsyncClient(timeout=120, limits=limits) as client:
                t0 = time.perf_counter()
                await asyncio.gather(*(_conversation(client, web, turns, lat, errors) for _ in range(level)))
                return time.perf_counter() - t0

        load_at_start = round(os.getloadavg()[0], 2)
        cpu0 = cpu()
        elapsed = asyncio.run(run())
        cpu_ms = round(1000 * (cpu() - cpu0) / max(1, len(lat)), 1)
        out[str(level)] = dict(
            summary_ms(lat),
            cpu_ms_per_message=cpu_ms,
            load_avg_1m_at_start=load_at_start,
            conversations=level,
            errors=len(errors),
            throughput_msg_per_s=round(len(lat) / elapsed, 2),
            elapsed_s=round(elapsed, 1),
        )
        print(
            f"  {level:>3} concurrent: p50 {out[str(level)]['p50_ms']:>7} ms  p95 {out[str(level)]['p95_ms']:>7} ms  "
            f"p99 {out[str(level)]['p99_ms']:>7} ms  {out[str(level)]['throughput_msg_per_s']} msg/s  "
            f"errors {len(errors)}  {cpu_ms} ms CPU/msg  load {load_at_start}",
            file=sys.stderr,
            flush=True,
        )
    return out


def first_answer(web: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            r = httpx.post(
                web + "/api/message",
                timeout=30,
                json={
                    "conversation_id": "bench-start-" + uuid.uuid4().hex[:8],
                    "client_id": "client-bench-01",
                    "message_id": new_message_id(),
                    "text": "/greet",
                },
            )
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("no first answer")


def bench_sqlite(model: str, turns: int, tree: Path = ROOT) -> Dict:
    from bot.run.processes import free_port

    tmp = Path(tempfile.mkdtemp(prefix="overstap-bench-"))
    ports = [free_port() for _ in range(3)]
    env = dict(
        os.environ, DATABASE_URL=f"sqlite:///{tmp / 'bench.db'}", RASA_AUTH_TOKEN=uuid.uuid4().hex, PYTHONPATH=str(tree)
    )
    env.pop("REDIS_URL", None)
    web = f"http://127.0.0.1:{ports[0]}"
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("overstap")),
            "serve",
            "--model",
            model,
            "--port",
            str(ports[0]),
            "--rasa-port",
            str(ports[1]),
            "--actions-port",
            str(ports[2]),
        ],
        env=env,
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        first_answer(web, time.monotonic() + 600)
        startup = time.monotonic() - t0
        print(f"SQLite single process: first answer after {startup:.1f} s", file=sys.stderr)
        latency = measure(web, turns, lambda: cpu_seconds(proc.pid))
        rss = {"overstap serve (all children)": rss_mb(proc.pid)}
        rss.update(_rss_by_port({"rasa": ports[1], "actions": ports[2], "web": ports[0]}))
    finally:
        proc.send_signal(2)
        proc.wait(timeout=60)
    return {"startup_to_first_answer_s": round(startup, 1), "latency": latency, "rss_mb": rss}


def _rss_by_port(ports: Dict[str, int]) -> Dict[str, float]:
    out = {}
    ss = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True).stdout.splitlines()
    for name, port in ports.items():
        for line in ss:
            if f"127.0.0.1:{port} " in line and "pid=" in line:
                pid = int(line.split("pid=")[1].split(",")[0])
                out[name] = rss_mb(pid)
                break
    return out


def bench_profile(model: str, turns: int, tree: Path = ROOT) -> Dict:
    from bot.run.processes import free_port

    env = dict(
        os.environ,
        PYTHONPATH=str(tree),
        PROD_PYTHON=os.environ.get("PROD_PYTHON") or sys.executable,
        PROD_DIR=str(tree / "var" / "prod-bench"),
        PROD_MODEL=model,
        PROD_PG_PORT=str(free_port()),
        PROD_REDIS_PORT=str(free_port()),
        PROD_ACTIONS_PORT=str(free_port()),
        PROD_LB_RASA_PORT=str(free_port()),
        PROD_LB_ACTIONS_PORT=str(free_port()),
        PROD_WEB_PORT=str(free_port()),
        PROD_RASA_BASE_PORT="25105",
    )
    for key in ("DATABASE_URL", "REDIS_URL", "RASA_AUTH_TOKEN"):
        env.pop(key, None)
    script = str(tree / "deploy" / "profile.sh")
    subprocess.run([script, "destroy"], env=env, check=True, capture_output=True)
    t0 = time.monotonic()
    subprocess.run([script, "start"], env=env, check=True, capture_output=True)
    web = f"http://127.0.0.1:{env['PROD_WEB_PORT']}"
    run = Path(env["PROD_DIR"]) / "run"

    def stack_cpu() -> float:
        pids = [int(p.read_text()) for p in run.glob("*.pid")]
        pg = subprocess.run(["pgrep", "-f", "--", f"-p {env['PROD_PG_PORT']} "], capture_output=True, text=True)
        pids += [int(x) for x in pg.stdout.split()[:1]]
        return sum(cpu_seconds(pid) for pid in pids)

    try:
        first_answer(web, time.monotonic() + 120)
        startup = time.monotonic() - t0
        print(f"Production profile: first answer after {startup:.1f} s (includes initdb)", file=sys.stderr)
        latency = measure(web, turns, stack_cpu)
        rss = {pid.stem: rss_mb(int(pid.read_text())) for pid in sorted(run.glob("*.pid"))}
        pg = subprocess.run(
            ["pgrep", "-f", "--", f"-p {env['PROD_PG_PORT']} "], capture_output=True, text=True
        ).stdout.split()
        if pg:
            rss["postgres (all backends)"] = rss_mb(int(pg[0]))
    finally:
        subprocess.run([script, "stop"], env=env, capture_output=True)
    return {"startup_to_first_answer_s": round(startup, 1), "latency": latency, "rss_mb": rss}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--only", choices=["sqlite", "profile"])
    parser.add_argument("--model", default=os.environ.get("PROD_MODEL"))
    parser.add_argument("--levels", default="1,10,50", help="concurrent conversations, comma-separated")
    parser.add_argument("--tree", default=str(ROOT), help="the checkout whose stack is measured")
    parser.add_argument("--name", default="production", help="bench/results/<name>.json")
    args = parser.parse_args(argv)
    global LEVELS
    LEVELS = tuple(int(x) for x in args.levels.split(","))
    if not args.model:
        from bot.rasa_adapter.rasa_model import ensure_trained

        args.model = str(ensure_trained(quiet=True))
    load = os.getloadavg()[0]
    result = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "cpus": os.cpu_count(),
        "load_avg_1m_at_start": load,
        "turns_per_conversation": args.turns,
        "levels": list(LEVELS),
    }
    if args.only != "profile":
        result["sqlite_single_process"] = bench_sqlite(args.model, args.turns, Path(args.tree).resolve())
    if args.only != "sqlite":
        result["production_profile"] = bench_profile(args.model, args.turns, Path(args.tree).resolve())
    result["tree"] = str(Path(args.tree).resolve())
    path = write(args.name, result)
    print(table(result))
    print(f"-> {path}", file=sys.stderr)
    return 0


def table(result: Dict) -> str:
    lines = ["| setup | concurrent | p50 ms | p95 ms | p99 ms | msg/s | errors |", "|---|---|---|---|---|---|---|"]
    for key, name in (("sqlite_single_process", "SQLite, 1 Rasa"), ("production_profile", "PG + Redis + 2 Rasa")):
        if key in result:
            for level, s in result[key]["latency"].items():
                lines.append(
                    f"| {name} | {level} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | "
                    f"{s['throughput_msg_per_s']} | {s['errors']} |"
                )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
