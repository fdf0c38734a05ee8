"""A teacher's class overview: per student the sessions (finished and not), the trend of
R:V and of % complex reflections from the first to the latest finished session, and the
same as CSV (one line per session; Dutch Excel: semicolons, decimal comma, dd-mm-jjjj).

Pure functions over `bot.practice.service.sessions_for_student` dicts; no database here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.core.clock import local
from bot.core.stages import dutch_name


@dataclass
class StudentLine:
    student_id: int
    name: str
    finished: int
    unfinished: List[Dict[str, Any]]  # the sessions not finished yet (visible to the teacher)
    rv_first: Optional[float]
    rv_last: Optional[float]
    complex_first: Optional[float]
    complex_last: Optional[float]

    @property
    def rv_trend(self) -> Optional[str]:
        return _trend(self.rv_first, self.rv_last, 0.05)

    @property
    def complex_trend(self) -> Optional[str]:
        return _trend(self.complex_first, self.complex_last, 0.005)


def _trend(first: Optional[float], last: Optional[float], margin: float) -> Optional[str]:
    """Dutch: "omhoog", "omlaag", "gelijk", or None with fewer than two figures."""
    if first is None or last is None:
        return None
    if last > first + margin:
        return "omhoog"
    if last < first - margin:
        return "omlaag"
    return "gelijk"


def decimal(value: Optional[float], digits: int = 1) -> str:
    """1.5 -> "1,5"; None -> "—"."""
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")


def percent(value: Optional[float]) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def dutch_day(iso: Optional[str]) -> str:
    """A stored UTC ISO time as the Dutch calendar day, dd-mm-jjjj."""
    if not iso:
        return "—"
    return local(dt.datetime.fromisoformat(iso)).strftime("%d-%m-%Y")


def dutch_moment(iso: Optional[str]) -> str:
    """A stored UTC ISO time in Dutch local time, dd-mm-jjjj uu:mm."""
    if not iso:
        return "—"
    return local(dt.datetime.fromisoformat(iso)).strftime("%d-%m-%Y %H:%M")


def _figures(done: Sequence[Dict[str, Any]], key: str) -> Tuple[Optional[float], Optional[float]]:
    values = [s["metrics"].get(key) for s in done if s["metrics"].get(key) is not None]
    return (values[0], values[-1]) if len(values) >= 2 else (None, values[-1] if values else None)


def overview(students: Sequence[Tuple[Any, Sequence[Dict[str, Any]]]]) -> List[StudentLine]:
    """`students`: (account, sessions oldest first) pairs -> one line per student."""
    lines = []
    for account, sessions in students:
        done = [s for s in sessions if s.get("finished") and s.get("metrics")]
        rv_first, rv_last = _figures(done, "rq_ratio")
        cx_first, cx_last = _figures(done, "pct_complex_reflections")
        lines.append(
            StudentLine(
                student_id=account.id,
                name=account.name,
                finished=len(done),
                unfinished=[s for s in sessions if not s.get("finished")],
                rv_first=rv_first,
                rv_last=rv_last,
                complex_first=cx_first,
                complex_last=cx_last,
            )
        )
    return lines


CSV_HEADER = [
    "student",
    "datum",
    "cliënt (persona)",
    "afgerond",
    "beurten",
    "R:V",
    "% complexe reflecties",
    "% open vragen",
    "MI-congruent",
    "MI-incongruent",
    "fase begin",
    "fase eind",
]


def csv_text(students: Sequence[Tuple[Any, Sequence[Dict[str, Any]]]]) -> str:
    """Every session of every student, for a spreadsheet (UTF-8 with BOM, semicolons)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for account, sessions in students:
        for s in sessions:
            metrics = s.get("metrics") or {}
            writer.writerow(
                [
                    _cell(account.name),
                    dutch_day(s.get("started_at")),
                    _cell(s.get("persona_name") or ""),
                    "ja" if s.get("finished") else "nee",
                    s.get("student_turns", 0),
                    decimal(metrics.get("rq_ratio")) if metrics else "",
                    percent(metrics.get("pct_complex_reflections")) if metrics else "",
                    percent(metrics.get("pct_open_questions")) if metrics else "",
                    s.get("mi_adherent", ""),
                    s.get("mi_non_adherent", ""),
                    dutch_name(s["stage_start"]) if s.get("stage_start") else "",
                    dutch_name(s["stage_end"]) if s.get("stage_end") else "",
                ]
            )
    return "\ufeff" + out.getvalue()


def _cell(text: str) -> str:
    """No formula injection: a spreadsheet must not run a cell that starts with = + - @."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
