"""Persona files: all valid, all stages covered, broken files name file and line."""

import shutil
from pathlib import Path

import pytest

from bot.core.stages import STAGES
from bot.practice.personas import MIN_REPLIES, PERSONA_DIR, SITUATIONS, PersonaError, load_persona_file, load_personas


def test_at_least_six_personas_over_all_five_stages():
    personas = load_personas()
    assert len(personas) >= 6
    assert {p.stage for p in personas.values()} == set(STAGES)


def test_every_persona_has_a_full_reply_bank():
    for persona in load_personas().values():
        assert persona.tpb.keys() >= {"attitude", "social_norm", "self_efficacy"}
        assert persona.background and persona.cares_about and persona.resists_when and persona.moved_by
        for situation in SITUATIONS:
            assert len(persona.replies[situation]) >= MIN_REPLIES[situation], (persona.id, situation)
        texts = [o.text for options in persona.replies.values() for o in options]
        assert len(texts) == len(set(texts))
        # a 20-turn session cannot run out of unused replies
        assert len(texts) - len(persona.replies["stage_up"]) - len(persona.replies["stage_down"]) >= 40


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "gerard.yml"
    shutil.copy(PERSONA_DIR / "gerard.yml", path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_unknown_topic_names_file_and_line(tmp_path):
    path = _broken(tmp_path, "topic: attitude}", "topic: houding}")
    with pytest.raises(PersonaError) as err:
        load_persona_file(path)
    message = str(err.value)
    assert f"gerard.yml:{_line_of(path, 'houding')}:" in message
    assert "replies.sustain[0].topic" in message and "houding" in message


def test_unknown_stage_names_file_and_line(tmp_path):
    path = _broken(tmp_path, "stage: contemplation", "stage: twijfel")
    with pytest.raises(PersonaError, match=rf"gerard.yml:{_line_of(path, 'stage: twijfel')}: stage: unknown stage"):
        load_persona_file(path)


def test_too_few_replies_and_bad_numbers(tmp_path):
    path = _broken(tmp_path, "start: {engagement: 0.45,", "start: {engagement: 4.5,")
    with pytest.raises(PersonaError, match=rf"gerard.yml:{_line_of(path, 'engagement: 4.5')}: start.engagement"):
        load_persona_file(path)


def test_unknown_field_and_missing_field(tmp_path):
    path = _broken(tmp_path, "cares_about:", "cares_abuot:")
    with pytest.raises(PersonaError) as err:
        load_persona_file(path)
    assert f"gerard.yml:{_line_of(path, 'cares_abuot:')}: cares_abuot: unknown field" in str(err.value)
    assert "missing required field 'cares_about'" in str(err.value)


def test_yaml_syntax_error_names_line(tmp_path):
    path = _broken(tmp_path, '  - "zijn dochter"', '  - "zijn dochter')
    with pytest.raises(PersonaError, match=r"gerard.yml:\d+: invalid YAML"):
        load_persona_file(path)


def test_duplicate_reply_is_reported(tmp_path):
    path = _broken(
        tmp_path,
        "Zie je wel. Iedereen weet precies wat goed voor mij is, behalve ik.",
        "Ik ben niet lui. Dat wil ik wel even gezegd hebben.",
    )
    with pytest.raises(PersonaError, match="duplicate reply"):
        load_persona_file(path)


def test_id_must_match_file_name(tmp_path):
    path = _broken(tmp_path, "id: gerard", "id: gerrit")
    with pytest.raises(PersonaError, match=r"gerard.yml:\d+: id: id 'gerrit' must equal the file name"):
        load_persona_file(path)
