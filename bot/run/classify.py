"""`overstap classify`: one JSON object per input line, in order, from the real model."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

from bot.core.line_io import Progress, read_lines
from bot.rasa_adapter.agent_loader import load_agent
from bot.understanding.nlu_result import classification


def run(model: Path, stdin: IO[str] = sys.stdin, stdout: IO[str] = sys.stdout, stderr: IO[str] = sys.stderr) -> int:
    lines = read_lines(stdin, stderr, "zinnen")
    if lines is None:
        return 0
    progress = Progress(len(lines), stderr)
    progress.note(f"Model laden ({model.name}) …")
    agent = load_agent(model)
    for parse, line in zip(_stream(agent, lines, progress), lines):  # generator first: its last progress call runs
        record = {**classification(parse), "text": line}  # exactly the input line
        stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def _stream(agent, lines, progress):
    import asyncio

    loop = asyncio.new_event_loop()
    for i, text in enumerate(lines, 1):
        yield loop.run_until_complete(agent.parse_message(text))
        progress(i)
