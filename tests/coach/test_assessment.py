"""Stage aggregation over a conversation: tables of evidence -> expected stage."""

import pytest

from bot.coach.assessment import Evidence, assess, turn_evidence


def intents(*items):
    """(turn, stage, confidence) -> intent evidence"""
    return [Evidence(turn=t, source="intent", stage=s, confidence=c) for t, s, c in items]


def test_no_evidence_no_stage():
    assert assess([]).stage is None


def test_one_confident_message_is_not_enough():
    a = assess(intents((1, "preparation", 0.95)))
    assert a.stage is None and a.confidence == 0.0


def test_one_message_never_decides_even_with_talk_type_and_ruler():
    evidence = turn_evidence(1, "preparation", 1.0, "change", 1.0)
    evidence.append(Evidence(turn=1, source="ruler_importance", value=9))
    assert assess(evidence).stage is None


def test_one_ambiguous_message_counts_for_little():
    low = assess(intents((1, "action", 0.4), (2, "action", 0.4)))
    assert low.stage is None
    assert low.mass < assess(intents((1, "action", 0.9), (2, "action", 0.9))).mass


@pytest.mark.parametrize(
    "evidence, expected",
    [
        (intents((1, "contemplation", 0.9), (2, "contemplation", 0.8)), "contemplation"),
        (
            intents((1, "precontemplation", 0.9), (2, "precontemplation", 0.7), (3, "contemplation", 0.5)),
            "precontemplation",
        ),
        (intents((1, "action", 0.8), (2, "maintenance", 0.9), (3, "maintenance", 0.9)), "maintenance"),
    ],
)
def test_consistent_evidence_names_the_stage(evidence, expected):
    assert assess(evidence).stage == expected


def test_stage_can_change_during_the_conversation():
    early = intents((1, "precontemplation", 0.9), (2, "precontemplation", 0.9))
    assert assess(early).stage == "precontemplation"
    later = early + intents((3, "contemplation", 0.9), (4, "contemplation", 0.9), (5, "contemplation", 0.9))
    assert assess(later, previous_stage="precontemplation").stage == "contemplation"


def test_one_ambiguous_message_does_not_flip_an_assessed_stage():
    base = intents((1, "contemplation", 0.9), (2, "contemplation", 0.85))
    flipped = base + intents((3, "action", 0.55))
    assert assess(flipped, previous_stage="contemplation").stage == "contemplation"


def test_change_talk_moves_weight_forward_and_sustain_talk_back():
    change = assess(turn_evidence(1, None, 0, "change", 0.9) + turn_evidence(2, None, 0, "change", 0.9))
    sustain = assess(turn_evidence(1, None, 0, "sustain", 0.9) + turn_evidence(2, None, 0, "sustain", 0.9))
    assert change.scores["preparation"] > change.scores["precontemplation"]
    assert sustain.scores["precontemplation"] > sustain.scores["preparation"]


@pytest.mark.parametrize("value, expected", [(1, "precontemplation"), (5, "contemplation"), (9, "preparation")])
def test_importance_ruler_counts_as_evidence(value, expected):
    evidence = [
        Evidence(turn=1, source="ruler_importance", value=value),
        Evidence(turn=1, source="ruler_confidence", value=value),
    ]
    evidence += [Evidence(turn=2, source="ruler_importance", value=value)]
    assert max(assess(evidence).scores.items(), key=lambda kv: kv[1])[0] == expected


def test_evidence_round_trips_through_slot_dicts():
    items = turn_evidence(3, "action", 0.8, "change", 0.7)
    assert [Evidence.from_dict(e.to_dict()) for e in items] == items
