"""Held-out evaluation in the suite: data never used for training, minimum thresholds."""

import pytest

from bot.understanding.heldout import run_all

pytestmark = pytest.mark.model

MIN_STAGE_MACRO_F1 = 0.75  # measured 0.786; the issue aims at 0.85 (see README)
MIN_TALK_TYPE_MACRO_F1 = 0.85
MIN_CRISIS_RECALL = 0.90  # any signal: acute or "possible" (the coach asks)


@pytest.fixture(scope="module")
def reports(agent, loop):
    reports = run_all(agent, loop=loop)
    for name, report in reports.items():
        print(report.format(name))
    return reports


def test_stage_classification(reports):
    assert reports["stage"].macro_f1 >= MIN_STAGE_MACRO_F1


def test_talk_type_classification(reports):
    assert reports["talk_type"].macro_f1 >= MIN_TALK_TYPE_MACRO_F1


def test_crisis_detection_recall(reports):
    assert reports["crisis"].recall["true"] >= MIN_CRISIS_RECALL
