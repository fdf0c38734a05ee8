"""Domain modules for the professional's workspace.

Each module has one job and takes an open SQLAlchemy session, so web routes and CLI
commands decide about transactions themselves:

* `summary`     - the stage summary of one conversation, and a client's trajectory
* `chart`       - the trajectory as an accessible server-side SVG
* `export`      - JSON and print-ready HTML exports of one conversation
* `deidentify`  - de-identification of Dutch text and of a whole conversation
* `retention`   - deleting conversations after the retention period

No module logs message text.
"""
