"""The production profile (deploy/profile.sh) started once for tests/production/.

It runs under var/prod-test/ on free loopback ports, so a developer's own profile under
var/prod/ is not touched. The profile is started fresh (database included) and stopped
at the end; its logs stay under var/prod-test/log/ for inspection.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "profile.sh"


class Profile:
    def __init__(self, env: Dict[str, str], prod_dir: Path):
        self.env = env
        self.dir = prod_dir
        self.web = f"http://127.0.0.1:{env['PROD_WEB_PORT']}"
        self.balancer = f"http://127.0.0.1:{env['PROD_LB_RASA_PORT']}"
        base = int(env["PROD_RASA_BASE_PORT"])
        self.rasa: List[str] = [f"http://127.0.0.1:{base + i}" for i in range(int(env["PROD_RASA_SERVERS"]))]
        self.actions = f"http://127.0.0.1:{env['PROD_ACTIONS_PORT']}"

    def sh(self, *args: str, timeout: float = 600) -> str:
        out = subprocess.run(
            [str(SCRIPT), *args], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
        assert out.returncode == 0, f"profile.sh {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}"
        return out.stdout + out.stderr

    @property
    def secrets(self) -> Dict[str, str]:
        pairs = (line.split("=", 1) for line in (self.dir / "secrets.env").read_text().splitlines() if "=" in line)
        return dict(pairs)

    @property
    def token(self) -> str:
        return self.secrets["RASA_AUTH_TOKEN"]

    @property
    def database_url(self) -> str:
        return f"postgresql://overstap:{self.secrets['PG_PASSWORD']}@127.0.0.1:{self.env['PROD_PG_PORT']}/overstap"

    @property
    def redis_url(self) -> str:
        return f"redis://:{self.secrets['REDIS_PASSWORD']}@127.0.0.1:{self.env['PROD_REDIS_PORT']}/0"


@pytest.fixture(scope="package")
def profile(request) -> Profile:
    from bot.run.processes import free_port

    # PROD_MODEL (an existing model file) skips training, for quick runs while developing.
    model_path = os.environ.get("PROD_MODEL") or request.getfixturevalue("model_path")

    prod_dir = ROOT / "var" / "prod-test"
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "RASA_AUTH_TOKEN"):
        env.pop(key, None)  # the profile sets its own
    env.update(
        PROD_DIR=str(prod_dir),
        PROD_MODEL=str(model_path),
        PROD_RASA_SERVERS="2",
        PROD_PG_PORT=str(free_port()),
        PROD_REDIS_PORT=str(free_port()),
        PROD_ACTIONS_PORT=str(free_port()),
        PROD_LB_RASA_PORT=str(free_port()),
        PROD_LB_ACTIONS_PORT=str(free_port()),
        PROD_WEB_PORT=str(free_port()),
    )
    rasa_base = free_port()
    while True:  # two consecutive free ports for the Rasa servers
        import socket

        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", rasa_base + 1))
                break
            except OSError:
                rasa_base = free_port()
    env["PROD_RASA_BASE_PORT"] = str(rasa_base)
    prof = Profile(env, prod_dir)
    prof.sh("destroy")
    try:
        prof.sh("start")
        yield prof
    finally:
        prof.sh("stop", timeout=120)
