"""Shared by the stdin -> JSON-lines commands (`overstap classify`, `overstap code`):
reading the input lines and showing progress on stderr for long input."""

from __future__ import annotations

from typing import IO, List, Optional

PROGRESS_FROM = 50  # show progress on stderr for inputs at least this long


def read_lines(stdin: IO[str], stderr: IO[str], what: str) -> Optional[List[str]]:
    """The input lines without their line ends; None (after a Dutch hint) for no input."""
    lines = [line.rstrip("\r\n") for line in stdin]
    if not lines:
        print(f"Geen invoer: geef {what} via standaardinvoer, één per regel.", file=stderr)
        return None
    return lines


class Progress:
    """`verwerkt: done/total` on one stderr line, only for long input."""

    def __init__(self, total: int, stderr: IO[str], every: int = 25) -> None:
        self.total, self.stderr, self.every = total, stderr, every
        self.enabled = total >= PROGRESS_FROM

    def note(self, message: str) -> None:
        if self.enabled:
            print(message, file=self.stderr, flush=True)

    def __call__(self, done: int) -> None:
        if self.enabled and (done % self.every == 0 or done == self.total):
            end = "" if done < self.total else "\n"
            print(f"\rverwerkt: {done}/{self.total}", end=end, file=self.stderr, flush=True)
