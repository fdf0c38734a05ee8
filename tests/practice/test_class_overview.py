"""The teacher's class overview: trends of R:V and % complex reflections, unfinished
sessions visible, and the CSV export (semicolons, decimal comma, dd-mm-jjjj, no formulas)."""

from __future__ import annotations

import csv
import io
import re
from types import SimpleNamespace

from bot.practice import class_overview
from tests.practice.test_practice_http import account, app, browser, csrf_of, log_in, people, start  # noqa: F401


def session(day, finished=True, rv=None, cx=None, persona="Marieke", turns=6):
    item = {
        "session_id": f"s-{day}",
        "persona_name": persona,
        "started_at": f"2025-{day}T23:30:00",  # UTC: the next day in Amsterdam (winter time, +1)
        "finished": finished,
        "student_turns": turns,
        "stage_start": "precontemplation",
        "stage_end": "contemplation",
    }
    if finished:
        item.update(
            metrics={"rq_ratio": rv, "pct_complex_reflections": cx, "pct_open_questions": 0.5},
            mi_adherent=2,
            mi_non_adherent=1,
        )
    return item


def test_trends_and_unfinished_sessions():
    sam, noor = SimpleNamespace(id=1, name="Sam"), SimpleNamespace(id=2, name="Noor")
    lines = class_overview.overview(
        [
            (
                sam,
                [session("03-01", rv=0.5, cx=0.2), session("03-08", finished=False), session("03-15", rv=1.5, cx=0.2)],
            ),
            (noor, [session("04-01", rv=2.0, cx=0.6)]),
        ]
    )
    assert [(line.name, line.finished, len(line.unfinished)) for line in lines] == [("Sam", 2, 1), ("Noor", 1, 0)]
    assert (lines[0].rv_trend, lines[0].complex_trend) == ("omhoog", "gelijk")
    assert lines[1].rv_trend is None and lines[1].rv_last == 2.0  # one session: no trend yet
    assert class_overview.decimal(1.5) == "1,5" and class_overview.dutch_day("2025-03-01T23:30:00") == "02-03-2025"
    assert class_overview.dutch_moment("2025-07-01T04:50:00") == "01-07-2025 06:50"  # summer time: UTC+2


def test_the_csv_is_for_a_dutch_spreadsheet_and_runs_no_formulas():
    student = SimpleNamespace(id=1, name='=HYPERLINK("x")')
    text = class_overview.csv_text([(student, [session("03-01", rv=1.26, cx=0.4), session("03-08", finished=False)])])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == class_overview.CSV_HEADER
    assert rows[1][:8] == ['\'=HYPERLINK("x")', "02-03-2025", "Marieke", "ja", "6", "1,3", "40%", "50%"]
    assert rows[2][3] == "nee" and rows[2][5] == ""


def test_the_teacher_sees_the_class_and_downloads_it(app, people, database_url):  # noqa: F811
    with browser(app) as b:
        log_in(b, people["student"])
        start(b)  # one unfinished session
        home = b.get("/pro/practice").text  # the student's own list: Dutch local time, dd-mm-jjjj
        assert re.search(r'<th scope="row" class="date">\d\d-\d\d-\d{4} \d\d:\d\d</th>', home)
    with browser(app) as t:
        log_in(t, people["teacher"])
        page = t.get("/pro/teacher").text
        assert "Overzicht van de klas" in page and "Niet afgerond" in page and "tussentijdse feedback" in page
        r = t.get("/pro/teacher/export.csv")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(r.text.lstrip("\ufeff")), delimiter=";"))
        assert rows[0] == class_overview.CSV_HEADER and rows[1][0] == "Student Test" and rows[1][3] == "nee"
    with browser(app) as o:
        log_in(o, people["student"])
        assert o.get("/pro/teacher/export.csv").status_code == 404
        log_in(o, people["other_teacher"])
        assert "Student Test" not in o.get("/pro/teacher/export.csv").text
