"""The professional's workspace (flow 2): clients and their chat links, the CLI commands,
the stage summary, the trajectory chart, exports, de-identification and retention.

Each module has one job and takes an open SQLAlchemy session, so web routes and CLI
commands decide about transactions themselves:

* `clients`     - clients and their personal chat links (invitations)
* `commands`    - the `overstap` subcommands of the workspace
* `summary`     - the stage summary of one conversation, and a client's trajectory
* `chart`       - the trajectory as an accessible server-side SVG
* `export`      - JSON and print-ready HTML exports of one conversation
* `deidentify`  - de-identification of Dutch text and of a whole conversation
* `retention`   - deleting conversations after the retention period

No module logs message text.
"""
