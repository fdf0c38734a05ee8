"""`overstap serve` / `make run`: action server, Rasa server and chat page on localhost.

Ctrl-C (or SIGTERM) stops all three cleanly.
"""

from __future__ import annotations

import os
import secrets
import signal
import sys
import time
from pathlib import Path

from bot.db.migrate import upgrade
from bot.run import processes


def auth_token() -> str:
    """RASA_AUTH_TOKEN, or a random token kept in var/rasa-token (mode 600)."""
    token = os.environ.get("RASA_AUTH_TOKEN")
    if token:
        return token
    path = processes.VAR / "rasa-token"
    if not path.exists():
        processes.VAR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def run(model: Path, web_port: int = 8000, rasa_port: int = 5005, actions_port: int = 5055) -> int:
    upgrade()
    token = auth_token()
    procs = []

    def interrupt(*_):
        raise KeyboardInterrupt

    # Installed explicitly: a process started in the background inherits SIGINT ignored.
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    started = time.monotonic()
    try:
        print(f"==> Starting action server on 127.0.0.1:{actions_port}", file=sys.stderr)
        actions = processes.action_server(actions_port)
        procs.append(actions)
        print(
            f"==> Starting Rasa on 127.0.0.1:{rasa_port} (HTTP API with auth token; loading model)",
            end="",
            file=sys.stderr,
            flush=True,
        )
        rasa = processes.rasa_server(model, rasa_port, actions_port, token)
        procs.append(rasa)
        web = processes.web_server(web_port, f"http://127.0.0.1:{rasa_port}")  # starts while Rasa loads
        procs.append(web)
        processes.wait_http(f"http://127.0.0.1:{actions_port}/health", actions, 60, "action server")
        processes.wait_http(f"http://127.0.0.1:{web_port}/healthz", web, 60, "chat page")
        processes.wait_http(
            f"http://127.0.0.1:{rasa_port}/status?token={token}", rasa, 300, "Rasa server", progress=True
        )
        print(
            f"\nOverstap is running ({time.monotonic() - started:.0f} s to start).\n"
            f"  Chat page:  http://127.0.0.1:{web_port}/\n"
            f"  Workspace:  http://127.0.0.1:{web_port}/pro/ \n              first admin: .venv/bin/overstap create-admin --email EMAIL --name NAAM\n"
            f"  Rasa API:   http://127.0.0.1:{rasa_port}/ (token in var/rasa-token)\n"
            f"  Logs:       var/log/\nPress Ctrl-C to stop.",
            file=sys.stderr,
            flush=True,
        )
        while True:
            for p in procs:
                if p.poll() is not None:
                    print(
                        f"A server stopped unexpectedly (exit {p.returncode}); see var/log/. Stopping.", file=sys.stderr
                    )
                    return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    except RuntimeError as exc:
        print(f"\n{exc}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean stop short
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("\n==> Stopping …", file=sys.stderr)
        processes.stop(*reversed(procs))
        print("==> Stopped.", file=sys.stderr)
    return 0
