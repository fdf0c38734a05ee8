"""Feedback numbers against a hand-coded transcript; texts, alternatives, chart."""

import xml.etree.ElementTree as ET

import pytest

from bot.practice.engine import PersonaEngine
from bot.practice.feedback import build_report, format_text, metrics
from bot.practice.personas import get_persona

# Hand-coded: 3 OQ, 2 CQ, 2 SR, 4 CR, 1 AF, 1 EA, 1 PWP, 1 persuade, 1 confront, 1 GI, 1 other = 18
TRANSCRIPT = [
    ("Wat brengt je hier vandaag?", "open_question"),
    ("Heb je kinderen?", "closed_question"),
    ("Je hebt een dochter.", "simple_reflection"),
    ("Het klinkt alsof zij je houvast geeft.", "complex_reflection"),
    ("Wat geven de paarden je?", "open_question"),
    ("Je voelt je daar herboren, alsof je eindelijk weer iemand bent.", "complex_reflection"),
    ("Knap dat je daar drie dagen per week staat.", "affirm"),
    ("Werk je daar al lang?", "closed_question"),
    ("Je moet echt gaan solliciteren.", "persuade"),
    ("Dat is gewoon een excuus.", "confront"),
    ("Je bent er klaar mee.", "simple_reflection"),
    ("Je wilt niet nog een keer ziek worden van je werk.", "complex_reflection"),
    ("Jij beslist wat je doet.", "emphasizing_autonomy"),
    ("De jobcoach kan met je meekijken.", "giving_information"),
    ("Hoe zou een baan eruitzien die bij je past?", "open_question"),
    ("Ergens wil je wel weer collega's.", "complex_reflection"),
    (
        "Je vroeg wat ik zou doen: ik zou eens bij de coördinator informeren. Maar jij kiest.",
        "persuade_with_permission",
    ),
    ("Oké.", "other"),
]


@pytest.fixture(scope="module")
def report():
    persona = get_persona("gerard")
    engine = PersonaEngine(persona, 3)
    opening = engine.opening()
    turns = [
        {
            "speaker": "persona",
            "text": opening.text,
            "situation": opening.situation,
            "topic": opening.topic,
            "reply_id": opening.reply_id,
        }
    ]
    for i, (text, code) in enumerate(TRANSCRIPT, 1):
        turns.append({"speaker": "student", "turn": i, "text": text, "code": code, "confidence": 1.0})
        reply = engine.respond(code, text)
        turns.append(
            {
                "speaker": "persona",
                "text": reply.text,
                "situation": reply.situation,
                "topic": reply.topic,
                "reply_id": reply.reply_id,
            }
        )
    return build_report(persona, turns, engine.state)


def test_counts_and_summary_scores_match_hand_coding(report):
    c, t, m, r = report["counts"], report["totals"], report["metrics"], report["ratings"]
    assert c == {
        "open_question": 3,
        "closed_question": 2,
        "simple_reflection": 2,
        "complex_reflection": 4,
        "affirm": 1,
        "seeking_collaboration": 0,
        "emphasizing_autonomy": 1,
        "giving_information": 1,
        "persuade": 1,
        "persuade_with_permission": 1,
        "confront": 1,
        "other": 1,
    }
    assert report["student_turns"] == 18 and t["utterances"] == 18
    assert (t["questions"], t["reflections"]) == (5, 6)
    assert m["rq_ratio"] == pytest.approx(6 / 5)  # 1.2 : 1
    assert m["pct_complex_reflections"] == pytest.approx(4 / 6, abs=1e-4)
    assert m["pct_open_questions"] == pytest.approx(3 / 5)
    assert r == {"rq_ratio": "fair", "pct_complex_reflections": "good", "pct_open_questions": "fair"}
    assert (t["mi_adherent"], t["mi_adherent_miti"], t["mi_non_adherent"]) == (3, 2, 2)


def test_thresholds_are_miti_4_2_1():
    assert metrics(["simple_reflection", "simple_reflection", "open_question"])["ratings"]["rq_ratio"] == "good"
    assert metrics(["simple_reflection", "open_question"])["ratings"]["rq_ratio"] == "fair"
    assert metrics(["simple_reflection", "open_question", "closed_question"])["ratings"]["rq_ratio"] == "below"
    assert metrics(["complex_reflection", "simple_reflection"])["ratings"]["pct_complex_reflections"] == "good"
    two_of_five = ["complex_reflection"] * 2 + ["simple_reflection"] * 3
    assert metrics(two_of_five)["ratings"]["pct_complex_reflections"] == "fair"
    assert metrics(["complex_reflection"] + ["simple_reflection"] * 2)["ratings"]["pct_complex_reflections"] == "below"
    empty = metrics([])
    assert empty["metrics"] == {"rq_ratio": None, "pct_complex_reflections": None, "pct_open_questions": None}
    only_reflections = metrics(["complex_reflection"])
    assert only_reflections["metrics"]["rq_ratio"] is None and only_reflections["ratings"]["rq_ratio"] == "good"


def test_three_good_moments_and_three_with_a_better_alternative(report):
    good, better = report["went_well"], report["to_improve"]
    assert len(good) == 3 and len(better) == 3
    assert len({g["code"] for g in good}) == 3
    assert "complex_reflection" in {g["code"] for g in good}
    assert {g["code"] for g in good} <= {"complex_reflection", "affirm", "emphasizing_autonomy", "open_question"}
    assert [g["turn"] for g in good] == sorted(g["turn"] for g in good)
    assert {b["code"] for b in better} >= {"confront", "persuade"}
    assert not {g["turn"] for g in good} & {b["turn"] for b in better}
    persona = get_persona("gerard")
    reflections = set(persona.reflections.values())
    for b in better:
        assert b["why"] and b["alternative"] and b["alternative"] != b["text"]
        assert b["persona_before"]
        if b["code"] in ("confront", "persuade", "closed_question"):
            assert any(b["alternative"].startswith(r) for r in reflections)  # built on the persona's content


def test_closed_question_run_gets_its_own_advice():
    persona = get_persona("wim")
    engine = PersonaEngine(persona, 1)
    o = engine.opening()
    turns = [{"speaker": "persona", "text": o.text, "situation": o.situation, "topic": o.topic}]
    for i, text in enumerate(["Woon je alleen?", "Heb je kinderen?", "Heb je een fiets?", "Rook je?"], 1):
        turns.append({"speaker": "student", "turn": i, "text": text, "code": "closed_question"})
        r = engine.respond("closed_question", text)
        turns.append(
            {"speaker": "persona", "text": r.text, "situation": r.situation, "topic": r.topic, "reply_id": r.reply_id}
        )
    report = build_report(persona, turns, engine.state)
    assert any("op rij" in b["why"] for b in report["to_improve"])
    assert all(b["alternative"].endswith("?") for b in report["to_improve"])


def test_chart_is_accessible_svg_with_dutch_labels(report):
    svg = report["chart_svg"]
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg" and root.get("role") == "img"
    title, desc = root.find(ns + "title"), root.find(ns + "desc")
    assert "Gerard" in title.text and "betrokkenheid" in title.text.lower()
    assert "overweging" in desc.text and "Betrokkenheid" in desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    texts = {t.text for t in root.iter(ns + "text")}
    assert {
        "voorbeschouwing",
        "overweging",
        "voorbereiding",
        "actie",
        "gedragsbehoud",
        "Betrokkenheid",
        "Weerstand",
        "Fase",
    } <= texts
    assert "<script" not in svg
    assert len(report["timeline"]) == 19


def test_text_report_is_dutch(report):
    text = format_text(report)
    for phrase in ("Wat goed ging", "Wat beter kan", "Bijvoorbeeld", "complexe reflecties", "open vraag", "MITI 3.1"):
        assert phrase in text


def test_names_in_chart_are_escaped():
    from bot.practice.chart import timeline_svg

    svg = timeline_svg([{"turn": 0, "stage": "action", "engagement": 0.5, "resistance": 0.2}], "<b>&", 'x"y')
    ET.fromstring(svg)
    assert "<b>" not in svg
