"""Starting and stopping the coach's server processes (used by serve, chat, tests, bench)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import List, Optional

from bot.core.runtime import child_env

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: List[str], log_name: str, **env: str) -> subprocess.Popen:
    """Start a child in its own process group, output to var/log/<log_name>.log."""
    log_dir = VAR / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / f"{log_name}.log", "ab")
    return subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=child_env(**env),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(*procs: Optional[subprocess.Popen], timeout: float = 10.0) -> None:
    """Stop process groups: SIGTERM to all at once, SIGKILL to what is left after `timeout`."""
    running = [p for p in procs if p is not None and p.poll() is None]
    for proc in running:
        _signal_group(proc, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for proc in running:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(proc, signal.SIGKILL)
            proc.wait(timeout=5)


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


def wait_http(url: str, proc: subprocess.Popen, timeout: float, what: str, progress: bool = False) -> None:
    """Poll `url` until it answers 2xx; fail early if the process died."""
    deadline = time.monotonic() + timeout
    last_dot = 0.0
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} stopped (exit {proc.returncode}); see var/log/")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if 200 <= resp.status < 300:
                    if progress:
                        print(" ok", file=sys.stderr, flush=True)
                    return
        except OSError:
            pass
        if progress and time.monotonic() - last_dot > 2:
            print(".", end="", file=sys.stderr, flush=True)
            last_dot = time.monotonic()
        time.sleep(0.25)
    raise RuntimeError(f"{what} did not start within {timeout:.0f} s; see var/log/")


def serving_env() -> dict:
    """Environment of the servers that encode messages (Rasa, actions): the sentence encoder on
    one OpenMP thread unless OMP_NUM_THREADS says otherwise. On these shared 2-core machines its
    default two threads wait for each other (busy) and cost several times the CPU of one:
    bench/README.md, "Capacity". Training (`rasa train`) keeps the default."""
    return {"OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS") or "1"}


def python() -> str:
    return sys.executable


def rasa_command() -> List[str]:
    """`rasa` as the servers run it: bot.rasa_adapter.rasa_server (the same CLI, starts faster)."""
    return [python(), "-m", "bot.rasa_adapter.rasa_server"]


def action_server(port: int) -> subprocess.Popen:
    return start([python(), "-m", "bot.rasa_adapter.action_server", "--port", str(port)], "actions", **serving_env())


def endpoints_file(actions_port: int) -> Path:
    """endpoints.yml with the action server's port (written under var/)."""
    text = (ROOT / "endpoints.yml").read_text(encoding="utf-8")
    text = text.replace("http://127.0.0.1:5055/webhook", f"http://127.0.0.1:{actions_port}/webhook")
    VAR.mkdir(exist_ok=True)
    path = VAR / f"endpoints-{actions_port}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def rasa_server(model: Path, port: int, actions_port: int, token: str) -> subprocess.Popen:
    return start(
        [
            *rasa_command(),
            "run",
            "--enable-api",
            "--auth-token",
            token,
            "-i",
            "127.0.0.1",
            "-p",
            str(port),
            "--model",
            str(model),
            "--endpoints",
            str(endpoints_file(actions_port)),
            "--credentials",
            str(ROOT / "credentials.yml"),
        ],
        "rasa",
        **serving_env(),
    )


def web_server(port: int, rasa_url: str) -> subprocess.Popen:
    return start([python(), "-m", "bot.run.web_server", "--port", str(port), "--rasa-url", rasa_url], "web")
