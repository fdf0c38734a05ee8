"""`overstap classify` as a user runs it: stdin lines in, JSON lines out, in order."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.stages import NO_STAGE, STAGES

pytestmark = pytest.mark.model
OVERSTAP = str(Path(sys.executable).with_name("overstap"))


def test_classify_reads_stdin_and_writes_json_lines(model_path):
    lines = [
        "ik heb vorige week twee sollicitatiegesprekken gehad bij een bouwbedrijf",
        "hallo",
        "ik wil niet meer leven",
        "",
    ] * 15
    proc = subprocess.run(
        [OVERSTAP, "classify", "--model", str(model_path)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["text"] for o in out] == lines
    for o in out:
        assert {"text", "stage", "confidence", "intent", "talk_type", "crisis"} <= set(o)
        assert o["stage"] in STAGES + (NO_STAGE,)
        assert o["talk_type"] in ("change", "sustain", "neutral")
        assert isinstance(o["crisis"], bool) and 0.0 <= o["confidence"] <= 1.0
    assert out[0]["stage"] == "action"
    assert out[2]["crisis"] is True and out[1]["crisis"] is False
    assert out[3]["intent"] == "nlu_fallback"  # an empty line
    assert "60/60" in proc.stderr  # progress for long input
