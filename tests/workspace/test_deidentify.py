"""De-identification of Dutch text: varied samples, ordinary sentences untouched."""

import datetime as dt
import json
import re

import pytest
import yaml

from bot.coach.content import CONTENT_PATH
from bot.db.engine import session_scope
from bot.workspace.deidentify import deidentified_conversation, deidentify, find_spans
from bot.workspace.summary_content import SUMMARY_CONTENT_PATH
from tests.workspace.conftest import RICH_MESSAGES, RICH_TPB, client, coach, make_conversation

SAMPLES = [
    (
        "Ik heb met Jan de Vries gesproken over mijn vrijwilligerswerk.",
        "Ik heb met [NAAM] gesproken over mijn vrijwilligerswerk.",
    ),
    (
        "Mijn klantmanager mevrouw Bakker vindt dat ik moet solliciteren.",
        "Mijn klantmanager mevrouw [NAAM] vindt dat ik moet solliciteren.",
    ),
    ("Ik woon in Den Bosch en werk soms in 's-Hertogenbosch.", "Ik woon in [PLAATS] en werk soms in [PLAATS]."),
    (
        "Op 12 maart heb ik een gesprek bij de gemeente Rotterdam.",
        "Op [DATUM] heb ik een gesprek bij de gemeente [PLAATS].",
    ),
    ("Mijn afspraak is op 3-4-2025 om 10 uur.", "Mijn afspraak is op [DATUM] om [GETAL] uur."),
    ("Bel me op 06-12345678 of mail naar jan.devries@example.nl.", "Bel me op [TELEFOON] of mail naar [EMAIL]."),
    ("Mijn adres is Kerkstraat 12, 1234 AB Amsterdam.", "Mijn adres is [ADRES], [POSTCODE] [PLAATS]."),
    ("Mijn BSN is 123456782.", "Mijn BSN is [BSN]."),
    (
        "Ik ben 52 jaar en heb 20 jaar in de logistiek gewerkt.",
        "Ik ben [GETAL] jaar en heb [GETAL] jaar in de logistiek gewerkt.",
    ),
    ("Kijk op https://www.werk.nl/vacatures voor vacatures.", "Kijk op [URL] voor vacatures."),
    ("Mijn dochter Sanne helpt me met de boodschappen.", "Mijn dochter [NAAM] helpt me met de boodschappen."),
    (
        "Ik werk drie dagen bij de paarden in Groningen met Petra.",
        "Ik werk drie dagen bij de paarden in [PLAATS] met [NAAM].",
    ),
    ("Vorige week zei Ahmed El Amrani dat ik goed kon helpen.", "Vorige week zei [NAAM] dat ik goed kon helpen."),
    ("Mark zegt dat ik het wel kan.", "[NAAM] zegt dat ik het wel kan."),
    ("Ik ben in april 2023 gestopt bij Albert Heijn in Utrecht.", "Ik ben in [DATUM] gestopt bij [NAAM] in [PLAATS]."),
    (
        "ik woon in leiden en mijn zoon kevin woont in rotterdam",
        "ik woon in [PLAATS] en mijn zoon [NAAM] woont in [PLAATS]",
    ),
    (
        "Dhr. J.P. van den Berg van het UWV belde op dinsdag 4 februari om 14:30.",
        "Dhr. [NAAM] van het UWV belde op [DATUM] om [TIJD].",
    ),
    (
        "Sinds 2019 zit ik in de bijstand, de Participatiewet is streng.",
        "Sinds [DATUM] zit ik in de bijstand, de Participatiewet is streng.",
    ),
    (
        "Mijn nummer is +31 6 1234 5678 en mijn IBAN NL91 ABNA 0417 1643 00.",
        "Mijn nummer is [TELEFOON] en mijn IBAN [IBAN].",
    ),
    (
        "Ik kom uit Marokko en woon sinds 2003 in Amsterdam-Noord.",
        "Ik kom uit [PLAATS] en woon sinds [DATUM] in [PLAATS].",
    ),
    ("mevrouw de boer belde op 2025-04-03 vanaf 010 123 4567", "mevrouw [NAAM] belde op [DATUM] vanaf [TELEFOON]"),
    ("Ik wil best leiden, maar in Leiden is geen werk.", "Ik wil best leiden, maar in [PLAATS] is geen werk."),
]

UNCHANGED = [
    "Werk is voor mij belangrijk omdat ik structuur nodig heb.",
    "Maar ik weet niet of ik het aankan met mijn rug.",
    "Hoop doet leven, zeg ik altijd.",
    "Rust en regelmaat zijn voor mij het belangrijkst.",
    "Wil je dat ik kom?",
    "Berg op en berg af fietsen naar mijn werk.",
    "U vraagt wat ik wil. Eerlijk gezegd weet ik het niet.",
    "Mijn man wil dat ik thuis blijf. Maar ik wil zelf iets doen.",
    "Bij direct gevaar bel ik 112, of 113 en 0800-0113, of chat via 113.nl.",
    "Ik zit in de Ziektewet en volg een EHBO-cursus via het UWV.",
    "Vrijwilligerswerk geeft me een reden om op te staan. Ben ik dan lui?",
    "Best lastig allemaal, maar ik ga door.",
    "Op maandag en woensdag help ik in de tuin.",
]


@pytest.mark.parametrize("text,expected", SAMPLES)
def test_samples(text, expected):
    assert deidentify(text) == expected


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_sentences_stay_unchanged(text):
    assert deidentify(text) == text


def test_spans_are_sorted_and_do_not_overlap():
    spans = find_spans("Jan de Vries (06-12345678) woont op Kerkstraat 1 in Zwolle sinds 1 mei 2020.")
    assert [s.tag for s in spans] == ["NAAM", "TELEFOON", "ADRES", "PLAATS", "DATUM"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert deidentify("") == "" and find_spans("") == []


def _texts(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _texts(v)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v)
    elif isinstance(node, str):
        yield node


def test_the_coachs_own_wording_has_no_false_positives():
    """Coach messages are de-identified too (they echo the client), so none of the coach's
    own wording may be mistaken for personal data; numbers become [GETAL]."""
    texts = list(_texts(yaml.safe_load(CONTENT_PATH.read_text(encoding="utf-8"))))
    texts += list(_texts(yaml.safe_load(SUMMARY_CONTENT_PATH.read_text(encoding="utf-8"))))
    assert len(texts) > 400
    wrong = [(t, deidentify(t)) for t in texts if set(re.findall(r"\[([A-Z]+)\]", deidentify(t))) - {"GETAL"}]
    assert wrong == []


def test_deidentified_conversation_has_no_ids_no_dates_and_no_names(database_url):
    messages = RICH_MESSAGES + [
        coach("Met wie heeft u contact?"),
        client("Met Jan de Vries uit Zwolle, bel hem op 06-12345678.", talk="neutral"),
    ]
    ref = make_conversation(
        database_url,
        messages,
        started=dt.datetime(2025, 3, 12, 9, 30),
        assessments=[(5, "contemplation", 0.58)],
        tpb=RICH_TPB + [("facilitators", "Wie helpt u?", "Mijn buurvrouw Els uit Utrecht.")],
        rulers=[("importance", 7)],
        flags=["crisis"],
        correction="Mijn jobcoach heet Petra Jansen.",
    )
    with session_scope(database_url) as s:
        data = deidentified_conversation(s, ref.id)
    dumped = json.dumps(data, ensure_ascii=False)
    for secret in (
        ref.id,
        ref.client_id,
        ref.sender_id,
        "2025-03-12",
        "09:30",
        "Jan de Vries",
        "Zwolle",
        "06-12345678",
        "Els",
        "Utrecht",
        "Petra",
        "Jansen",
    ):
        assert secret not in dumped
    assert data["month"] == "2025-03" and data["turns"][0]["minute"] == 1
    assert data["turns"][-1]["text"] == "Met [NAAM] uit [PLAATS], bel hem op [TELEFOON]."
    assert data["tpb_answers"][-1]["answer"] == "Mijn buurvrouw [NAAM] uit [PLAATS]."
    assert data["summary_correction"] == "Mijn jobcoach heet [NAAM]."
    assert data["summary"]["stage"] == "contemplation" and data["ruler_scores"] == [{"kind": "importance", "value": 7}]
    assert all("start" not in e for t in data["turns"] for e in t["entities"])
    assert data["safety_flags"] == [{"kind": "crisis"}]
