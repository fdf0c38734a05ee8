"""`overstap classify`: one JSON object per input line, in order, from the real model."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO

from bot.agent_loader import load_agent
from bot.nlu_result import classification

PROGRESS_FROM = 50  # show progress on stderr for inputs at least this long


def run(model: Path, stdin: IO[str] = sys.stdin, stdout: IO[str] = sys.stdout,
        stderr: IO[str] = sys.stderr) -> int:
    lines = [line.rstrip("\r\n") for line in stdin]
    if not lines:
        print("Geen invoer: geef zinnen via standaardinvoer, één per regel.", file=stderr)
        return 0
    long_input = len(lines) >= PROGRESS_FROM
    if long_input:
        print(f"Model laden ({model.name}) …", file=stderr, flush=True)
    agent = load_agent(model)

    def progress(done: int, total: int) -> None:
        if long_input and (done % 25 == 0 or done == total):
            print(f"\rverwerkt: {done}/{total}", end="" if done < total else "\n", file=stderr, flush=True)

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
        progress(i, len(lines))
