"""Run the chat page: `python -m bot.run.web_server --port 8000 --rasa-url http://127.0.0.1:5005`."""

from __future__ import annotations

import argparse
import os

import uvicorn

from bot.core.runtime import env_flag
from bot.web.app import create_app


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Overstap chat page")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    args = parser.parse_args(argv)
    app = create_app(
        args.rasa_url,
        cookie_secure=env_flag("OVERSTAP_COOKIE_SECURE", True),
        open_chat=env_flag("OVERSTAP_OPEN_CHAT", True),
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        access_log=False,
        log_level="warning",
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    )


if __name__ == "__main__":
    main()
