"""Run the chat page: `python -m bot.web.serve --port 8000 --rasa-url http://127.0.0.1:5005`."""
from __future__ import annotations

import argparse

import uvicorn

from bot.web.app import create_app


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Overstap chat page")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    args = parser.parse_args(argv)
    uvicorn.run(create_app(args.rasa_url), host=args.host, port=args.port, access_log=False,
                log_level="warning")


if __name__ == "__main__":
    main()
