"""Server-side SVG chart of a practice session: the persona's stage and engagement per turn.

Plain SVG (no JavaScript, no external fonts), with `<title>` and `<desc>` for screen
readers and `role="img"`; all labels Dutch. Safe to inline in HTML: every text is escaped.
"""

from __future__ import annotations

from typing import Dict, List, Sequence
from xml.sax.saxutils import escape

from bot.core.stages import STAGES, dutch_name
from bot.core.svg import element_id, svg_open

WIDTH, HEIGHT = 680, 390
LEFT, RIGHT, TOP = 160, 20, 40  # room for 14 px stage names beside the rotated "Fase"
STAGE_H, GAP, LEVEL_H = 140, 40, 100
COLOURS = {"stage": "#1f5fa8", "engagement": "#2e7d32", "resistance": "#b71c1c", "grid": "#d0d0d0", "text": "#222222"}


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def describe(timeline: Sequence[Dict], name: str) -> str:
    """One Dutch sentence per series: what the chart shows, for <desc> and text-only views."""
    if not timeline:
        return "Nog geen beurten."
    first, last = timeline[0], timeline[-1]
    stages = [p["stage"] for p in timeline]
    moved = ""
    for i in range(1, len(stages)):
        if stages[i] != stages[i - 1]:
            moved += (
                f" Bij beurt {timeline[i]['turn']} ging {name} van {dutch_name(stages[i - 1])} "
                f"naar {dutch_name(stages[i])}."
            )
    stage_text = (
        f"{name} begon in de fase {dutch_name(first['stage'])} en eindigde in de fase "
        f"{dutch_name(last['stage'])}.{moved}"
    )
    peak = max(timeline, key=lambda p: p["engagement"])
    return (
        f"{stage_text} Betrokkenheid ging van {_pct(first['engagement'])} naar "
        f"{_pct(last['engagement'])} (hoogste {_pct(peak['engagement'])} bij beurt {peak['turn']}); "
        f"weerstand van {_pct(first['resistance'])} naar {_pct(last['resistance'])}, "
        f"over {last['turn']} beurten van de student."
    )


def timeline_svg(timeline: Sequence[Dict], name: str, id_prefix: str = "oefening") -> str:
    """SVG string: top panel stage (step line), bottom panel engagement and resistance (0-100%)."""
    prefix = element_id(id_prefix, "oefening")
    points: List[Dict] = list(timeline) or [{"turn": 0, "stage": STAGES[0], "engagement": 0.0, "resistance": 0.0}]
    turns = max(1, points[-1]["turn"])
    plot_w = WIDTH - LEFT - RIGHT

    def x(turn: float) -> float:
        return round(LEFT + plot_w * turn / turns, 1)

    def y_stage(stage: str) -> float:
        step = STAGE_H / (len(STAGES) - 1)
        return round(TOP + STAGE_H - STAGES.index(stage) * step, 1)

    level_top = TOP + STAGE_H + GAP

    def y_level(v: float) -> float:
        return round(level_top + LEVEL_H * (1 - v), 1)

    title = f"Fase en betrokkenheid van {name} tijdens de oefening"
    out = [
        *svg_open(WIDTH, HEIGHT, prefix, title, font_size=14),  # chart text at least 14 px
        f'<desc id="{prefix}-desc">{escape(describe(points, name))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="{TOP - 18}" font-size="14" font-weight="bold" fill="{COLOURS["text"]}">'
        f"{escape(title)}</text>",
    ]
    # Stage panel: a row per stage.
    for stage in STAGES:
        y = y_stage(stage)
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="{COLOURS["grid"]}"/>')
        out.append(
            f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" fill="{COLOURS["text"]}">'
            f"{escape(dutch_name(stage))}</text>"
        )
    path = []
    for i, p in enumerate(points):
        if i == 0:
            path.append(f"M{x(p['turn'])},{y_stage(p['stage'])}")
        else:
            path.append(f"H{x(p['turn'])} V{y_stage(p['stage'])}")
    out.append(f'<path d="{" ".join(path)} H{x(turns)}" fill="none" stroke="{COLOURS["stage"]}" stroke-width="3"/>')
    out.append(
        f'<text x="12" y="{TOP + STAGE_H / 2}" fill="{COLOURS["stage"]}" font-weight="bold" '
        f'transform="rotate(-90 12 {TOP + STAGE_H / 2})" text-anchor="middle">Fase</text>'
    )
    # Engagement / resistance panel.
    for v in (0.0, 0.5, 1.0):
        y = y_level(v)
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="{COLOURS["grid"]}"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" fill="{COLOURS["text"]}">{_pct(v)}</text>')
    for key, dash in (("engagement", ""), ("resistance", ' stroke-dasharray="6 4"')):
        coords = " ".join(f"{x(p['turn'])},{y_level(p[key])}" for p in points)
        out.append(f'<polyline points="{coords}" fill="none" stroke="{COLOURS[key]}" stroke-width="2.5"{dash}/>')
    # x axis
    axis_y = level_top + LEVEL_H
    step = max(1, round(turns / 10))
    for t in range(0, turns + 1, step):
        out.append(f'<text x="{x(t)}" y="{axis_y + 16}" text-anchor="middle" fill="{COLOURS["text"]}">{t}</text>')
    out.append(
        f'<text x="{LEFT + plot_w / 2}" y="{axis_y + 32}" text-anchor="middle" '
        f'fill="{COLOURS["text"]}">Beurt van de student</text>'
    )
    # legend
    legend = (
        ("stage", "Fase", ""),
        ("engagement", "Betrokkenheid", ""),
        ("resistance", "Weerstand", ' stroke-dasharray="6 4"'),
    )
    for i, (key, label, dash) in enumerate(legend):
        x0, ly = LEFT + i * 170, HEIGHT - 8
        out.append(
            f'<line x1="{x0}" y1="{ly - 4}" x2="{x0 + 24}" y2="{ly - 4}" stroke="{COLOURS[key]}" '
            f'stroke-width="3"{dash}/>'
        )
        out.append(f'<text x="{x0 + 30}" y="{ly}" fill="{COLOURS["text"]}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out)
