"""Stage summary and trajectory, from conversations stored like the coach stores them."""

import datetime as dt
import json

import pytest

from bot.db.engine import session_scope
from bot.workspace.summary import MIN_CLIENT_TURNS, ConversationNotFound, build_summary, client_trajectory
from tests.workspace.conftest import RICH_MESSAGES, client, coach, make_conversation


def summary_of(url, ref):
    with session_scope(url) as s:
        return build_summary(s, ref.id)


def test_rich_summary_names_the_stage_with_the_clients_own_words(database_url, rich_conversation):
    summary = summary_of(database_url, rich_conversation)
    assert summary.stage == "contemplation" and summary.stage_name == "overweging"
    assert not summary.thin_evidence and summary.thin_reason is None
    assert summary.confidence == pytest.approx(0.58) and summary.confidence_label == "redelijk"
    quotes = [q.text for q in summary.stage_quotes]
    assert quotes[0].startswith("Ik zou wel weer betaald werk willen")  # best confidence first
    assert len(quotes) == 3 and all(q.stage == "contemplation" for q in summary.stage_quotes)
    assert any("structuur" in q.text for q in summary.change_talk)
    assert [q.text for q in summary.sustain_talk][0].startswith("Mijn gezondheid laat het")
    assert all(q.text not in ("een 7", "ja") for q in summary.change_talk + summary.sustain_talk)


def test_rich_summary_tpb_profile_rulers_and_kampen(database_url, rich_conversation):
    summary = summary_of(database_url, rich_conversation)
    labels = [c.label for c in summary.tpb]
    assert labels == [
        "houding",
        "sociale norm",
        "eigen effectiviteit",
        "intentie",
        "belemmeringen",
        "faciliterende factoren",
    ]
    by_label = {c.label: c for c in summary.tpb}
    assert by_label["houding"].answers[0].answer.startswith("Dat ik weer meetel")
    assert by_label["intentie"].status == "nog niet besproken" and not by_label["intentie"].discussed
    assert by_label["belemmeringen"].mentioned == ["gezondheid"]
    assert [(r.label, r.value, r.display) for r in summary.rulers] == [
        ("belang", 7, "7 van de 10"),
        ("vertrouwen", 4, "4 van de 10"),
    ]
    kampen = {c.key: c for c in summary.consideration}
    assert any("twintig jaar gewerkt" in q.text for q in kampen["background"].quotes)
    assert any("structuur" in q.text for q in kampen["own_interest"].quotes)
    assert any("kinderen" in q.text for q in kampen["collective_interest"].quotes)
    appreciation = [q.text for q in kampen["appreciation"].quotes]
    assert any("vrijwilligerswerk" in t for t in appreciation) and any("hobby" in t for t in appreciation)
    assert kampen["background"].label == "achtergrond"


def test_rich_summary_approach_safety_and_correction(database_url, rich_conversation):
    summary = summary_of(database_url, rich_conversation)
    approach = summary.approach
    assert approach.stage == "contemplation" and "afwegen" in approach.title
    assert len(approach.questions) == 3 and all(q.endswith("?") for q in approach.questions)
    assert approach.personalised in approach.questions and "uw vrijwilligerswerk" in approach.personalised
    assert summary.flagged and "113" in summary.safety.message
    assert summary.safety.level == "possible" and summary.safety.label == "mogelijk signaal"
    assert summary.correction == "Ik wil vooral niet meer in de logistiek werken."


def test_summary_as_dict_is_json_safe(database_url, rich_conversation):
    data = summary_of(database_url, rich_conversation).as_dict()
    again = json.loads(json.dumps(data))
    assert again["stage_name"] == "overweging" and again["started_at"].startswith("2025-03-12T09:30")
    assert again["tpb"][0]["label"] == "houding"


def test_thin_summary_says_so_instead_of_guessing(database_url, thin_conversation):
    summary = summary_of(database_url, thin_conversation)
    assert summary.stage is None and summary.stage_name is None and summary.confidence is None
    assert summary.thin_evidence and "te weinig" in summary.thin_reason
    assert summary.stage_quotes == [] and summary.approach.stage is None
    assert summary.approach.title == "Verkennen en vertrouwen opbouwen"
    assert all(c.status == "nog niet besproken" for c in summary.tpb)
    assert all(r.value is None and r.display == "nog niet besproken" for r in summary.rulers)
    assert not summary.flagged and summary.safety is None and summary.correction is None


def test_a_stage_from_too_few_turns_or_low_confidence_is_not_shown(database_url):
    short = make_conversation(
        database_url,
        [
            client(
                "Ik wil echt volgende week beginnen met solliciteren.",
                intent="stage_preparation",
                confidence=0.9,
                talk="change",
            )
        ],
        started=dt.datetime(2025, 1, 5, 10),
        assessments=[(1, "preparation", 0.7)],
    )
    s = summary_of(database_url, short)
    assert s.stage is None and s.thin_evidence and "kort" in s.thin_reason
    assert str(1) in s.thin_reason and MIN_CLIENT_TURNS > 1
    unsure = make_conversation(
        database_url, RICH_MESSAGES, started=dt.datetime(2025, 1, 6, 10), assessments=[(5, "contemplation", 0.2)]
    )
    s = summary_of(database_url, unsure)
    assert s.stage is None and s.thin_evidence and "niet duidelijk" in s.thin_reason


def test_unknown_conversation_raises(database_url):
    with session_scope(database_url) as s, pytest.raises(ConversationNotFound):
        build_summary(s, "bestaat-niet@1")


def test_trajectory_over_several_conversations(database_url):
    cid = "c-trajectory-1"
    msgs = [client(f"Bericht nummer {i} met genoeg woorden erin.", talk="neutral") for i in range(4)]
    make_conversation(
        database_url, msgs, client_id=cid, started=dt.datetime(2025, 5, 1, 10), assessments=[(4, "contemplation", 0.5)]
    )
    make_conversation(
        database_url,
        msgs,
        client_id=cid,
        started=dt.datetime(2025, 2, 1, 10),
        assessments=[(3, None, 0.0), (4, "precontemplation", 0.6)],
    )
    make_conversation(
        database_url, msgs[:1], client_id=cid, started=dt.datetime(2025, 3, 1, 10), assessments=[(1, None, 0.0)]
    )
    make_conversation(
        database_url,
        msgs,
        client_id=cid,
        started=dt.datetime(2025, 6, 3, 10),
        assessments=[(2, "contemplation", 0.5), (4, "preparation", 0.66)],
    )
    with session_scope(database_url) as s:
        points = client_trajectory(s, cid)
        assert client_trajectory(s, "c-nobody") == []
    assert [p.date for p in points] == [
        dt.date(2025, 2, 1),
        dt.date(2025, 3, 1),
        dt.date(2025, 5, 1),
        dt.date(2025, 6, 3),
    ]
    assert [p.stage for p in points] == ["precontemplation", None, "contemplation", "preparation"]
    assert [p.stage_name for p in points] == ["voorbeschouwing", None, "overweging", "voorbereiding"]
    assert points[3].confidence == pytest.approx(0.66) and points[1].confidence is None and points[1].thin_evidence
    assert json.loads(json.dumps(points[0].as_dict()))["date"] == "2025-02-01"


NO_VOLUNTEERING = [
    coach("Welkom. Vindt u het goed dat we dit gesprek bewaren?"),
    client("ja", intent="affirm", confidence=0.99),
    coach("Wat wilt u mij over uzelf vertellen?"),
    # neutral facts the classifier took for sustain talk
    client("Ik woon met mijn twee kinderen in Zwolle.", talk="sustain", confidence=0.9),
    client("Mijn klantmanager heet Petra en ik zie haar volgende maand.", talk="sustain", confidence=0.85),
    coach("Hoe kijkt u op dit moment tegen werk aan?"),
    client(
        "Ik zou wel weer willen werken, maar ik twijfel of ik het volhoud.",
        intent="stage_contemplation",
        confidence=0.8,
        talk="change",
    ),
    client(
        "Eigenlijk blijf ik liever thuis bij de kinderen.", intent="stage_contemplation", confidence=0.7, talk="sustain"
    ),
    client("Ik ben bang dat ik het niet aankan.", intent="stage_contemplation", confidence=0.6, talk="sustain"),
]


def test_sustain_talk_holds_no_neutral_facts(database_url):
    ref = make_conversation(
        database_url, NO_VOLUNTEERING, started=dt.datetime(2025, 7, 1, 9), assessments=[(5, "contemplation", 0.6)]
    )
    sustain = [q.text for q in summary_of(database_url, ref).sustain_talk]
    assert sustain == ["Eigenlijk blijf ik liever thuis bij de kinderen.", "Ik ben bang dat ik het niet aankan."]


def test_the_stage_description_names_volunteer_work_only_for_a_client_who_does_it(database_url, rich_conversation):
    without = make_conversation(
        database_url, NO_VOLUNTEERING, started=dt.datetime(2025, 7, 2, 9), assessments=[(5, "contemplation", 0.6)]
    )
    plain = summary_of(database_url, without)
    assert plain.stage == "contemplation" and plain.stage_description.startswith("De cliënt twijfelt")
    assert "vrijwillig" not in plain.stage_description.lower()
    assert all("vrijwillig" not in text.lower() for text in [plain.approach.focus, *plain.approach.questions])
    volunteer = summary_of(database_url, rich_conversation)  # names "vrijwilligerswerk" (an entity)
    assert "het vrijwilligerswerk voelt vertrouwd" in volunteer.stage_description
    acting = make_conversation(
        database_url, NO_VOLUNTEERING, started=dt.datetime(2025, 7, 3, 9), assessments=[(5, "action", 0.7)]
    )
    focus = summary_of(database_url, acting).approach.focus
    assert "vrijwilligersuren" not in focus and "waar de cliënt vrijwilligerswerk doet" in focus
