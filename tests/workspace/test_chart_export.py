"""Trajectory SVG and conversation exports."""

import datetime as dt
import json
import xml.etree.ElementTree as ET

from bot.db.engine import session_scope
from bot.workspace.chart import trajectory_svg
from bot.workspace.export import conversation_html, conversation_json
from bot.workspace.summary import TrajectoryPoint
from tests.workspace.conftest import client, coach, make_conversation

SVG = "{http://www.w3.org/2000/svg}"
STAGE_LABELS = ["voorbeschouwing", "overweging", "voorbereiding", "actie", "gedragsbehoud"]


def point(day, stage, confidence=0.6):
    return TrajectoryPoint(
        conversation_id=f"x@{day}",
        date=day,
        stage=stage,
        stage_name=None,
        confidence=confidence if stage else None,
        thin_evidence=stage is None,
    )


def parse(svg):
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    return root, " ".join(root.itertext())


def test_svg_with_many_points_parses_and_names_every_stage():
    points = [
        point(dt.date(2025, 1, 10), "precontemplation"),
        point(dt.date(2025, 2, 14), None),
        point(dt.date(2025, 3, 12), "contemplation", 0.55),
        point(dt.date(2025, 5, 2), "preparation"),
        point(dt.date(2025, 8, 30), "action"),
        point(dt.date(2025, 12, 1), "maintenance", 0.8),
        point(dt.date(2026, 1, 3), "action"),
        point(dt.date(2026, 2, 3), "action"),
    ]
    root, text = parse(trajectory_svg(points))
    for label in STAGE_LABELS:
        assert label in text
    desc = root.find(f"{SVG}desc").text
    assert "12 mrt 2025: overweging (zekerheid 55%)" in desc and "14 feb 2025: geen fase vastgesteld" in desc
    assert root.find(f"{SVG}title").text == "Fase van verandering per gesprek"
    assert len(root.findall(f"{SVG}circle")) == 8 and root.find(f"{SVG}polyline") is not None


def test_svg_with_one_point_and_from_dicts():
    root, text = parse(trajectory_svg([point(dt.date(2025, 3, 12), "action").as_dict()]))
    assert "actie" in text and len(root.findall(f"{SVG}circle")) == 1 and root.find(f"{SVG}polyline") is None


def test_svg_empty_state():
    for points in ([], [point(dt.date(2025, 3, 12), None)]):
        root, text = parse(trajectory_svg(points))
        assert "Nog geen gesprekken met een vastgestelde fase." in text
        assert "nog geen gesprekken met een vastgestelde fase" in root.find(f"{SVG}desc").text.lower()


def test_svg_escapes_text_in_ids():
    root, _ = parse(trajectory_svg([], id_prefix='a"<b>&'))
    assert root.find(f"{SVG}title") is not None


def test_json_export_round_trips(database_url, rich_conversation):
    with session_scope(database_url) as s:
        data = conversation_json(s, rich_conversation.id)
    again = json.loads(json.dumps(data, ensure_ascii=False))
    assert again == data
    conv = again["conversation"]
    assert conv["id"] == rich_conversation.id and conv["client_id"] == rich_conversation.client_id
    assert [t["seq"] for t in conv["turns"]] == list(range(1, len(conv["turns"]) + 1))
    assert conv["turns"][5]["entities"][0]["value"] == "vrijwilligerswerk"
    assert [a["stage"] for a in conv["assessments"]] == [None, "contemplation", "contemplation"]
    assert len(conv["tpb_answers"]) == 3 and [r["value"] for r in conv["ruler_scores"]] == [7, 4]
    assert conv["safety_flags"][0]["kind"] == "possible_crisis" and conv["flagged"]
    assert again["summary"]["stage_name"] == "overweging"


def test_html_export_is_printable_dutch_and_escapes_script(database_url):
    evil = '<script>alert("x")</script> Ik wil <b>echt</b> werken & meer.'
    ref = make_conversation(
        database_url,
        [
            coach("Welkom <i>hier</i>."),
            client(evil, talk="change"),
            client("Mijn dochter zegt dat het goed is.", talk="change"),
        ],
        started=dt.datetime(2025, 3, 12, 9, 30),
        correction="<script>x()</script>",
    )
    with session_scope(database_url) as s:
        page = conversation_html(s, ref.id)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page and "&lt;b&gt;echt&lt;/b&gt;" in page
    assert "&lt;i&gt;hier&lt;/i&gt;" in page and "&amp; meer" in page
    assert '<html lang="nl">' in page and "@media print" in page
    assert "Volledig gesprek" in page and "Fase van verandering" in page
    assert "12 mrt 2025" in page and "nog niet besproken" in page


def test_html_export_of_rich_conversation_shows_summary(database_url, rich_conversation):
    with session_scope(database_url) as s:
        page = conversation_html(s, rich_conversation.id)
    for expected in (
        "Overweging",
        "Verandertaal",
        "Behoudtaal",
        "Houding",
        "Belang",
        "7 van de 10",
        "Wat voor de cliënt telt",
        "113",
        "Ik wil vooral niet meer in de logistiek werken.",
    ):
        assert expected in page
