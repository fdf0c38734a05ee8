"""Run the rasa_sdk action server on loopback: `python -m bot.rasa_adapter.action_server --port 5055`.

(`rasa run actions` has no host flag and binds 0.0.0.0; this binds 127.0.0.1 by default.)
"""

from __future__ import annotations

import argparse

from bot.core.runtime import quiet

quiet()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Overstap action server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)

    from rasa_sdk.endpoint import create_app

    from bot.db.migrate import upgrade

    upgrade()
    app = create_app("actions")
    app.run(host=args.host, port=args.port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()
