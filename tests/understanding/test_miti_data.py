"""The MITI head's training data: one file per writer, validated on load."""

import pytest

from bot.core.wording import ContentError
from bot.understanding import miti
from bot.understanding.miti_codes import CODES


def _write(path, writer, examples):
    import yaml

    path.write_text(yaml.safe_dump({"writer": writer, "brief": "test", "examples": examples}, allow_unicode=True))


def test_every_training_file_has_a_writer_and_every_code():
    files = miti.writer_files()
    assert files and all(f.name.startswith("train_") for f in files)
    examples = miti.load_examples()
    assert {e.code for e in examples} == set(CODES)
    writers = {e.writer for e in examples}
    assert len(writers) == len(files)  # one writer per file: out-of-writer CV is possible


def test_a_file_without_all_twelve_codes_or_with_an_empty_text_is_refused(tmp_path):
    full = {code: [f"voorbeeld {code}"] for code in CODES}
    _write(tmp_path / "train_a.yml", "a", {k: v for k, v in full.items() if k != "confront"})
    with pytest.raises(ContentError, match="confront"):
        miti.load_examples(tmp_path)
    _write(tmp_path / "train_a.yml", "a", {**full, "affirm": ["  "]})
    with pytest.raises(ContentError, match="affirm"):
        miti.load_examples(tmp_path)
    _write(tmp_path / "train_a.yml", "a", {**full, "advise": ["Doe het gewoon."]})
    with pytest.raises(ContentError, match="advise"):
        miti.load_examples(tmp_path)


def test_writers_are_kept_apart_and_a_repeated_text_counts_once(tmp_path):
    full = {code: [f"voorbeeld {code}"] for code in CODES}
    _write(tmp_path / "train_a.yml", "a", full)
    _write(tmp_path / "train_b.yml", "b", {**full, "other": ["Voorbeeld other", "Goedemorgen!"]})
    examples = miti.load_examples(tmp_path)
    assert len(examples) == 13
    assert [e.writer for e in examples if e.text == "Goedemorgen!"] == ["b"]


def test_surface_cues_see_the_question_mark_and_the_first_words():
    marks = miti.surface_marks("U voelt zich overvallen. Wat zou u willen?")
    assert {"xvraag", "xbeginu", "xtweedevoelt", "xjijbegin", "xmiddel"} <= set(marks)
    assert "xgeenvraag" in miti.surface_marks("Je voelt je overvallen")
    # the canonical text has no punctuation: the cue tokens carry it
    assert miti.surface_text("Heeft u al gebeld?").startswith("heeft u al gebeld ")
