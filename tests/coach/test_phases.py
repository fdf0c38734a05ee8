"""The phase names in bot/coach/phases.py, domain.yml and the rules are the same."""

from pathlib import Path

import yaml

from bot.coach import phases

ROOT = Path(__file__).resolve().parents[2]


def test_domain_lists_exactly_the_phases() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert tuple(domain["slots"][phases.SLOT]["values"]) == phases.PHASES


def test_rules_use_only_known_phases() -> None:
    used = set()
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []:
            for step in rule.get("condition") or []:
                for slot in step.get("slot_was_set") or [] if isinstance(step, dict) else []:
                    if isinstance(slot, dict) and phases.SLOT in slot:
                        used.add(slot[phases.SLOT])
    assert used and used - {None} <= set(phases.PHASES)
