"""Shared fixtures.

Tests marked `model` use the real trained Rasa model (trained once if its inputs
changed), the real action server in a child process and a real SQLite database.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import pytest

from bot.core.runtime import quiet

quiet()

# One database for the whole session, set before anything opens an engine.
_DB_DIR = Path(tempfile.mkdtemp(prefix="overstap-test-"))
os.environ["DATABASE_URL"] = f"sqlite:///{_DB_DIR / 'test.db'}"


@pytest.fixture(scope="session")
def database_url() -> str:
    from bot.db.migrate import upgrade

    url = os.environ["DATABASE_URL"]
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def model_path() -> Path:
    from bot.rasa_adapter.rasa_model import ensure_trained

    return ensure_trained(quiet=True)


class ActionServer:
    """The real action server in a child process; tests may stop and restart it."""

    def __init__(self):
        from bot.run import processes

        self.processes = processes
        self.port = processes.free_port()
        self.url = f"http://127.0.0.1:{self.port}/webhook"
        self.proc = None

    def start(self):
        self.proc = self.processes.action_server(self.port)
        self.processes.wait_http(f"http://127.0.0.1:{self.port}/health", self.proc, 60, "action server")

    def stop(self):
        self.processes.stop(self.proc)


class MailSink:
    """A local SMTP server (aiosmtpd) that keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        from bot.run import processes

        self.messages = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append(envelope)
                return "250 OK"

        self.port = processes.free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def wait_for(self, count: int, timeout: float = 15.0):
        import time

        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.messages


@pytest.fixture(scope="session")
def mail_sink():
    sink = MailSink()
    sink.controller.start()
    yield sink
    sink.controller.stop()


@pytest.fixture(scope="session")
def action_server(database_url, mail_sink):
    # crisis alerts from the action server go to the local SMTP server (bot.workspace.alerts)
    os.environ["OVERSTAP_SMTP_HOST"] = "127.0.0.1"
    os.environ["OVERSTAP_SMTP_PORT"] = str(mail_sink.port)
    server = ActionServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def agent(model_path, action_server, database_url):
    """The trained model in-process, with the real action server and tracker store."""
    from bot.rasa_adapter.agent_loader import load_agent
    from bot.rasa_adapter.tracker_store import TranscriptTrackerStore

    return load_agent(model_path, action_server.url, TranscriptTrackerStore())


class ServeStack:
    """`overstap serve` as a user starts it (action server, Rasa with token, web app)."""

    def __init__(self, model_path: Path, token: str, **env: str):
        import subprocess
        import sys

        from bot.run import processes

        self.ports = {"web": processes.free_port(), "rasa": processes.free_port(), "actions": processes.free_port()}
        overstap = str(Path(sys.executable).with_name("overstap"))
        self.proc = subprocess.Popen(
            [
                overstap,
                "serve",
                "--model",
                str(model_path),
                "--port",
                str(self.ports["web"]),
                "--rasa-port",
                str(self.ports["rasa"]),
                "--actions-port",
                str(self.ports["actions"]),
            ],
            env=dict(os.environ, RASA_AUTH_TOKEN=token, **env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines = []
        for line in self.proc.stdout:  # wait for the URL to be printed
            lines.append(line)
            if "Press Ctrl-C" in line or self.proc.poll() is not None:
                break
        assert any(f"http://127.0.0.1:{self.ports['web']}/" in ln for ln in lines), "".join(lines)
        self.web = f"http://127.0.0.1:{self.ports['web']}"
        self.rasa = f"http://127.0.0.1:{self.ports['rasa']}"

    def stop(self) -> None:
        import signal

        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            self.proc.wait(timeout=60)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def _require(names, package: str) -> str:
    """The path of a system program a test needs; missing, the test fails (never skips)."""
    import shutil

    for name in names:
        path = shutil.which(name)
        if path:
            return path
    pytest.fail(
        f"{names[0]} is not installed: `make test` installs it (scripts/system_deps.sh), "
        f"or install the system package yourself: apt-get install {package}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def system_tool():
    """`system_tool("redis-server", package="redis-server")`: the program's path, or a failure
    that says how to install it."""
    return lambda *names, package: _require(names, package)


@pytest.fixture(scope="session")
def chromium_launch():
    """Launch arguments for the system Chromium (installed by `make test`); fails without it."""
    path = _require(("chromium", "chromium-browser"), "chromium")
    return {"executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def serve_stack_class():
    """ServeStack, for modules that start their own `overstap serve`."""
    return ServeStack


AXE_VERSION = "4.10.3"  # axe-core from the npm registry, kept under var/cache (not in git)


@pytest.fixture(scope="session")
def axe_source(system_tool) -> str:
    """The axe-core script, fetched once with `npm pack` (fails, never skips, without npm)."""
    import subprocess
    import tarfile

    cache = Path(__file__).resolve().parents[1] / "var" / "cache" / f"axe-core-{AXE_VERSION}"
    script = cache / "axe.min.js"
    if not script.exists():
        npm = system_tool("npm", package="npm")
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "pack", f"axe-core@{AXE_VERSION}"], cwd=cache, check=True, capture_output=True, timeout=300
        )
        with tarfile.open(cache / f"axe-core-{AXE_VERSION}.tgz") as tar:
            member = tar.getmember("package/axe.min.js")
            script.write_bytes(tar.extractfile(member).read())
    return script.read_text(encoding="utf-8")


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_AXE_RUN = (
    # a message still fading in (chat.css, 160 ms) is no contrast failure: let finite animations end
    "async tags => { await Promise.all(document.getAnimations()"
    ".filter(a => a.effect && isFinite(a.effect.getComputedTiming().endTime)).map(a => a.finished.catch(() => null)));"
    " return (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
    ".map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))})); }"
)


class AxeAudit:
    """axe-core (WCAG 2.1 A and AA) on every page a browser test visits.

    `watch(page)` (or `new_page(browser, ...)`) records each page the browser loads; the
    test calls `check(page)` once a page has loaded (and after changes worth auditing, with a
    label). At the end of the test every loaded page must have been checked, and no check
    may have found a violation. axe is put in with `evaluate`, which the pages' CSP does
    not block, so the pages are audited with their real CSP."""

    def __init__(self, source: str):
        self.source = source
        self.loaded: list = []
        self.checked: set = set()
        self.found: dict = {}

    @staticmethod
    def _key(url: str) -> str:
        return url.split("#", 1)[0]

    def watch(self, page):
        def navigated(frame):
            if frame == page.main_frame and frame.url.startswith("http"):
                self.loaded.append(self._key(frame.url))

        page.on("framenavigated", navigated)
        return page

    def new_page(self, browser, **options):
        return self.watch(browser.new_page(**options))

    def check(self, page, label: str = "") -> list:
        page.wait_for_load_state()
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.source)
        width = (page.viewport_size or {}).get("width")
        found = page.evaluate(_AXE_RUN, WCAG_TAGS)
        key = f"{width}px {self._key(page.url)} {label}".strip()
        n = sum(1 for k in self.found if k == key or k.startswith(key + " #"))
        self.found[key if n == 0 else f"{key} #{n + 1}"] = found
        self.checked.add(self._key(page.url))
        return found

    def verify(self) -> None:
        unchecked = sorted({u for u in self.loaded if u not in self.checked})
        assert not unchecked, f"pages loaded but not checked with axe: {unchecked}"
        assert {k: v for k, v in self.found.items() if v} == {}


@pytest.fixture
def axe(axe_source):
    """An AxeAudit for one test; verified after the test (every page checked, no violation)."""
    audit = AxeAudit(axe_source)
    yield audit
    audit.verify()


@pytest.fixture(scope="module")
def web_app(database_url):
    """The web app alone (no Rasa behind it) in a child process, for browser tests of the
    workspace and practice pages; its URL."""
    import subprocess
    import sys

    from bot.run import processes

    port = processes.free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.run.web_server", "--port", str(port), "--rasa-url", "http://127.0.0.1:9"],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    processes.wait_http(f"http://127.0.0.1:{port}/healthz", proc, 120, "web app")
    yield f"http://127.0.0.1:{port}"
    processes.stop(proc)
