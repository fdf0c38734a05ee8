"""The client's stage of change across conversations, as a server-side SVG.

Readable without JavaScript and accessible: `role="img"`, a `<title>` and a `<desc>` that
lists every point in text, and a `<title>` per point (a tooltip in browsers). Every piece
of text is XML-escaped. Conversations without an assessed stage are drawn as hollow grey
circles on a separate row below the five stages and are not connected by the line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union
from xml.sax.saxutils import escape

from bot.core.stages import STAGES, dutch_name
from bot.core.svg import element_id, svg_open
from bot.workspace.summary import TrajectoryPoint
from bot.workspace.summary_content import load_summary_content

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 160, 70, 40, 60  # room for 14 px labels; the last date is centred on its point
MAX_DATE_LABELS = 6
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
STAGE_COLOUR = "#1f5f8b"
NO_STAGE_COLOUR = "#777777"

PointLike = Union[TrajectoryPoint, Mapping[str, Any]]


# a ring around the point of a conversation with a safety level (also said in its <title>)
SAFETY_COLOURS = {"confirmed": "#b00020", "possible": "#b35900", "declined": "#6b6b6b"}


def dutch_date(day: dt.date) -> str:
    """12 mrt 2025 (independent of the machine's locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _coerce(point: PointLike) -> Tuple[dt.date, Optional[str], Optional[float], Optional[str]]:
    if isinstance(point, Mapping):
        day, stage, confidence = point.get("date"), point.get("stage"), point.get("confidence")
        safety = point.get("safety_level")
    else:
        day, stage, confidence = point.date, point.stage, point.confidence
        safety = getattr(point, "safety_level", None)
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    elif isinstance(day, dt.datetime):
        day = day.date()
    return day, (stage if stage in STAGES else None), confidence, safety


def _describe(day: dt.date, stage: Optional[str], confidence: Optional[float], safety: Optional[str] = None) -> str:
    texts = load_summary_content()
    name = dutch_name(stage) if stage else texts.text("chart.no_stage")
    if stage and confidence is not None:
        line = texts.text(
            "chart.point_confidence", date=dutch_date(day), stage=name, confidence=f"{round(confidence * 100)}%"
        )
    else:
        line = texts.text("chart.point", date=dutch_date(day), stage=name)
    # the same safety levels as the client list (bot.workspace.safety_levels)
    return line + (texts.text("chart.safety", level=texts.text(f"safety.levels.{safety}")) if safety else "")


def _x_positions(days: Sequence[dt.date]) -> List[float]:
    """Proportional to time; evenly spread when all conversations fall on one day."""
    inner = WIDTH - LEFT - RIGHT
    if len(days) == 1:
        return [LEFT + inner / 2]
    first, last = min(days), max(days)
    span = (last - first).days
    if span == 0:
        return [LEFT + inner * i / (len(days) - 1) for i in range(len(days))]
    return [LEFT + inner * (d - first).days / span for d in days]


def _label_indices(n: int) -> List[int]:
    if n <= MAX_DATE_LABELS:
        return list(range(n))
    step = (n - 1) / (MAX_DATE_LABELS - 1)
    return sorted({round(i * step) for i in range(MAX_DATE_LABELS)})


def trajectory_svg(points: Iterable[PointLike], id_prefix: str = "traject") -> str:
    """An SVG document (string) of the stage per conversation over time.

    `points` are `TrajectoryPoint`s or their `as_dict()` form, in any order. Works for
    0, 1 and many points; shows a Dutch empty state when no conversation has a stage.
    `id_prefix` keeps element ids unique when several charts share a page.
    """
    texts = load_summary_content()
    data = sorted((_coerce(p) for p in points), key=lambda p: p[0])
    title = texts.text("chart.title")
    pid = element_id(id_prefix, "traject")
    lines = svg_open(WIDTH, HEIGHT, pid, title, font_size=14)  # chart text at least 14 px
    staged = [p for p in data if p[1]]
    if not staged:
        description = [texts.text("chart.empty")] + [_describe(*p) for p in data]
        lines.append(f'<desc id="{pid}-desc">{escape(" ".join(description))}</desc>')
        lines.append(
            f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{HEIGHT - 1}" fill="#ffffff" stroke="#cccccc"/>'
        )
        lines.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="#333333">'
            f"{escape(texts.text('chart.empty'))}</text>"
        )
        lines.append("</svg>")
        return "\n".join(lines)

    described = [_describe(*p) for p in data]
    desc = texts.text("chart.description_intro", count=len(data)) + " " + "; ".join(described) + "."
    lines.append(f'<desc id="{pid}-desc">{escape(desc)}</desc>')

    # rows: the five stages bottom-up, plus a row for "no stage" below them when needed
    has_unstaged = len(staged) < len(data)
    rows = (["none"] if has_unstaged else []) + list(STAGES)
    inner_h = HEIGHT - TOP - BOTTOM
    gap = inner_h / (len(rows) - 1)
    y_of = {row: TOP + inner_h - i * gap for i, row in enumerate(rows)}

    lines.append('<g aria-hidden="true">')
    for row, y in y_of.items():
        label = texts.text("chart.no_stage") if row == "none" else dutch_name(row)
        dash = ' stroke-dasharray="4 4"' if row == "none" else ""
        lines.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#dddddd"{dash}/>')
        lines.append(f'<text x="{LEFT - 10}" y="{y + 4:.1f}" text-anchor="end" fill="#222222">{escape(label)}</text>')
    lines.append(f'<line x1="{LEFT}" y1="{TOP - 10}" x2="{LEFT}" y2="{HEIGHT - BOTTOM + 10}" stroke="#999999"/>')

    xs = _x_positions([p[0] for p in data])
    for i in _label_indices(len(data)):
        lines.append(
            f'<text x="{xs[i]:.1f}" y="{HEIGHT - BOTTOM + 28}" text-anchor="middle" fill="#222222">'
            f"{escape(dutch_date(data[i][0]))}</text>"
        )
    lines.append(
        f'<text x="{LEFT + (WIDTH - LEFT - RIGHT) / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
        f'fill="#555555">{escape(texts.text("chart.x_label"))}</text>'
    )
    lines.append("</g>")

    path = [(x, y_of[p[1]]) for x, p in zip(xs, data) if p[1]]
    if len(path) > 1:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in path)
        lines.append(
            f'<polyline points="{coords}" fill="none" stroke="{STAGE_COLOUR}" stroke-width="2" aria-hidden="true"/>'
        )
    for x, (day, stage, confidence, safety), text in zip(xs, data, described):
        if safety:
            y = y_of[stage] if stage else y_of["none"]
            lines.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="11" fill="none" stroke="{SAFETY_COLOURS[safety]}" '
                f'stroke-width="3" aria-hidden="true"/>'
            )
        if stage:
            shape = f'<circle cx="{x:.1f}" cy="{y_of[stage]:.1f}" r="6" fill="{STAGE_COLOUR}">'
        else:
            shape = (
                f'<circle cx="{x:.1f}" cy="{y_of["none"]:.1f}" r="6" fill="#ffffff" '
                f'stroke="{NO_STAGE_COLOUR}" stroke-width="2">'
            )
        lines.append(f"{shape}<title>{escape(text)}</title></circle>")
    lines.append("</svg>")
    return "\n".join(lines)
