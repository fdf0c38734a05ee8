"""Feedback report for a practice session, against the MITI 4.2.1 thresholds.

Sources of the thresholds and definitions:

* MITI 4.2.1 - Moyers, T.B., Manuel, J.K., & Ernst, D. (2014). *Motivational Interviewing
  Treatment Integrity Coding Manual 4.2.1* (unpublished manual, revised June 2015),
  section "Summary scores" and the table of proficiency thresholds:
    - Reflection-to-Question ratio  R:V (reflecties : vragen) = total reflections / total questions
      (reflections = simple + complex; questions = all questions, open and closed).
      Fair 1:1, good 2:1.
    - Percent complex reflections  %CR = complex reflections / total reflections.
      Fair 40 %, good 50 %.
    - Total MI-adherent = Seeking Collaboration + Affirm + Emphasizing Autonomy;
      Total MI non-adherent = Confront + Persuade. MITI 4.2.1 gives no thresholds for
      these counts; it reports them. *Deviation by contract (issue 4)*: our
      `mi_adherent` also counts persuade with permission; `mi_adherent_miti` is the
      strict 4.2.1 sum.
  MITI 4.2 dropped the open/closed question distinction from the thresholds (and the
  %MI-adherent threshold of 3.x).
* MITI 3.1.1 - Moyers, T.B., Martin, T., Manuel, J.K., Miller, W.R., & Ernst, D. (2010),
  threshold table: percent open questions %OQ = open / (open + closed),
  beginning proficiency 50 %, competency 70 %. Reported here only as a *reference*,
  labelled "MITI 3.1", because MITI 4.2 no longer sets it.

The report is a plain dict (JSON-serialisable) so it can be stored and sent as is.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from bot.core.stages import STAGES, dutch_name
from bot.practice.chart import describe, timeline_svg
from bot.practice.engine import CLOSED_RUN
from bot.practice.personas import Persona
from bot.understanding.miti_codes import CODES, MI_ADHERENT, MI_NON_ADHERENT, dutch_label

THRESHOLDS = {
    "rq_ratio": {"fair": 1.0, "good": 2.0, "source": "MITI 4.2.1"},
    "pct_complex_reflections": {"fair": 0.40, "good": 0.50, "source": "MITI 4.2.1"},
    "pct_open_questions": {"fair": 0.50, "good": 0.70, "source": "MITI 3.1 (referentie; MITI 4.2 heeft geen drempel)"},
}
RATING_NL = {"good": "goed", "fair": "redelijk", "below": "nog onder redelijk", None: "niet te bepalen"}

GOOD_RANK = {
    "complex_reflection": 6,
    "affirm": 5,
    "emphasizing_autonomy": 5,
    "seeking_collaboration": 4,
    "open_question": 4,
    "simple_reflection": 3,
    "persuade_with_permission": 2,
}
IMPROVE_RANK = {
    "confront": 10,
    "persuade": 9,
    "closed_question": 6,
    "giving_information": 5,
    "other": 3,
    "simple_reflection": 2,
    "open_question": 1,
    "persuade_with_permission": 1,
}
UNCERTAIN = 0.6  # below this classifier confidence the feedback says the coding was uncertain
POSITIVE_REACTIONS = ("change_weak", "change_medium", "change_strong", "opening_up", "stage_up")

WHY_GOOD = {
    "complex_reflection": "Een complexe reflectie: je gaf terug wat {name} bedoelde en voegde er betekenis aan toe. "
    "Zo voelt {name} zich begrepen en gaat het gesprek dieper.",
    "affirm": "Een bevestiging van wat {name} goed doet of wil. Dat versterkt het zelfvertrouwen en de band.",
    "emphasizing_autonomy": "Je legde de keuze bij {name}. Wie zelf mag kiezen, hoeft zich niet te verzetten.",
    "seeking_collaboration": "Je zocht samenwerking: {name} werd behandeld als expert van het eigen leven.",
    "open_question": "Een open vraag die {name} ruimte gaf om het eigen verhaal te vertellen.",
    "simple_reflection": "Een reflectie: {name} hoorde dat je echt luisterde.",
    "persuade_with_permission": "Je gaf pas advies met toestemming en liet de keuze bij {name}.",
}
REACTION_NL = {
    "change_weak": "{name} reageerde met voorzichtige verandertaal.",
    "change_medium": "{name} reageerde met verandertaal.",
    "change_strong": "{name} reageerde met sterke verandertaal.",
    "opening_up": "{name} vertelde daarna iets persoonlijks.",
    "stage_up": "Daarna zette {name} een stap vooruit in de fase van verandering.",
    "sustain": "{name} bleef nog bij behoudtaal; dat is normaal, blijf reflecteren.",
    "neutral": "{name} gaf vooral informatie terug.",
    "resistance": "{name} reageerde met weerstand.",
    "stage_down": "{name} deed daarna een stap terug.",
}
WHY_IMPROVE = {
    "confront": "Confronteren (tegenspreken, beschuldigen, een etiket plakken) roept weerstand op. "
    "Reflecteer liever wat {name} zei en laat de keuze bij {pronoun}.",
    "persuade": "Overtuigen zonder toestemming (de reparatiereflex) maakt dat {name} de andere kant gaat "
    "verdedigen. Reflecteer eerst, en vraag toestemming voordat je advies geeft.",
    "closed_question": "Een gesloten vraag levert een kort antwoord op. Een reflectie met een open vraag "
    "nodigt {name} uit om zelf te vertellen.",
    "closed_question_run": "Dit was de {n}e gesloten vraag op rij; dat voelt al snel als een verhoor. "
    "Reflecteer het antwoord van {name} en stel dan een open vraag.",
    "giving_information": "Informatie zonder toestemming komt minder goed aan. Gebruik vraag-geef-vraag: "
    "vraag eerst of {name} het wil horen en wat {pronoun} er al van weet.",
    "other": "Hier had je het gesprek kunnen verdiepen met een reflectie.",
    "simple_reflection": "Een goede reflectie; een complexe reflectie voegt betekenis toe (gevoel, waarde, "
    "de andere kant van de ambivalentie) en brengt het gesprek verder.",
    "open_question": "Na dit antwoord van {name} had een reflectie meer opgeleverd dan nog een vraag "
    "(streef naar twee reflecties per vraag).",
    "persuade_with_permission": "Advies met toestemming is prima; een reflectie vooraf laat {name} merken "
    "dat het advies aansluit bij wat {pronoun} zelf zei.",
}
OPEN_BY_TOPIC = {
    "attitude": "Wat maakt dat zo belangrijk voor je?",
    "social_norm": "Hoe kijken de mensen om je heen ertegenaan, en wat vind jij er zelf van?",
    "self_efficacy": "Wanneer is het je eerder gelukt om iets moeilijks toch te doen?",
    "intention": "Hoe zou een eerste kleine stap eruitzien, als je die zou zetten?",
    "barriers": "Wat zou je het meest kunnen tegenhouden, ook als je het wel wilt?",
    "facilitators": "Wat of wie zou het je makkelijker maken?",
    "background": "Hoe heb je die tijd zelf beleefd?",
    None: "Hoe kijk je daar zelf tegenaan?",
}
FOLLOW_UP = {
    "sustain": "Wat zou er anders moeten zijn voordat je daar een stap in wilt zetten?",
    "resistance": "Jij bepaalt wat je hiermee doet. Wat zou voor jou wél helpen?",
    "change": "Wat zou een eerste kleine stap kunnen zijn?",
    "opening_up": "Hoe is het voor je om dat te vertellen?",
    "neutral": "Wat betekent dat voor je?",
    "opening": "Vertel eens, hoe kijk je daar zelf tegenaan?",
}


def _group(situation: Optional[str]) -> str:
    if not situation:
        return "opening"
    if situation.startswith("change") or situation == "stage_up":
        return "change"
    if situation == "stage_down":
        return "resistance"
    return situation


def _ratio(a: int, b: int) -> Optional[float]:
    return round(a / b, 4) if b else None


def _rate(value: Optional[float], key: str) -> Optional[str]:
    if value is None:
        return None
    t = THRESHOLDS[key]
    return "good" if value >= t["good"] else "fair" if value >= t["fair"] else "below"


def metrics(codes: Sequence[str]) -> Dict[str, Any]:
    """Counts and MITI summary scores for a sequence of student codes."""
    counts = {c: 0 for c in CODES}
    for c in codes:
        counts[c] += 1
    oq, cq = counts["open_question"], counts["closed_question"]
    sr, cr = counts["simple_reflection"], counts["complex_reflection"]
    questions, reflections = oq + cq, sr + cr
    rq = _ratio(reflections, questions)
    rq_rating = _rate(rq, "rq_ratio") if questions else ("good" if reflections else None)
    pct_cr = _ratio(cr, reflections)
    pct_oq = _ratio(oq, questions)
    totals = {
        "utterances": len(codes),
        "questions": questions,
        "open_questions": oq,
        "closed_questions": cq,
        "reflections": reflections,
        "simple_reflections": sr,
        "complex_reflections": cr,
        "mi_adherent": sum(counts[c] for c in MI_ADHERENT),
        "mi_adherent_miti": counts["affirm"] + counts["seeking_collaboration"] + counts["emphasizing_autonomy"],
        "mi_non_adherent": sum(counts[c] for c in MI_NON_ADHERENT),
    }
    return {
        "counts": counts,
        "totals": totals,
        "metrics": {"rq_ratio": rq, "pct_complex_reflections": pct_cr, "pct_open_questions": pct_oq},
        "ratings": {
            "rq_ratio": rq_rating,
            "pct_complex_reflections": _rate(pct_cr, "pct_complex_reflections"),
            "pct_open_questions": _rate(pct_oq, "pct_open_questions"),
        },
    }


def _reflection_for(persona: Persona, before: Optional[Dict[str, Any]]) -> str:
    """A complex reflection of what the persona had just said (from the persona's content)."""
    before = before or {}
    situation, topic = before.get("situation"), before.get("topic")
    if _group(situation) == "resistance":
        return persona.reflections["resistance"]
    option = persona.reply(before.get("reply_id") or "") if before.get("reply_id") else None
    if option is not None and option.reflect:
        return option.reflect
    if topic in persona.reflections:
        return persona.reflections[topic]
    group = _group(situation)
    return persona.reflections.get(group, persona.reflections["background"])


def alternative(persona: Persona, code: str, before: Optional[Dict[str, Any]], closed_run: int = 0) -> str:
    """A better MI move for this moment, built from templates and the persona's last reply."""
    reflection = _reflection_for(persona, before)
    group = _group((before or {}).get("situation"))
    topic = (before or {}).get("topic")
    if code in ("confront", "persuade"):
        if group == "resistance":
            return f"{reflection} {FOLLOW_UP['resistance']}"
        if code == "confront":
            return f"{reflection} Wat je ermee doet, bepaal jij."
        return f"{reflection} Mag ik je iets vertellen over hoe anderen dat hebben aangepakt?"
    if code == "closed_question":
        return f"{reflection} {OPEN_BY_TOPIC.get(topic, OPEN_BY_TOPIC[None])}"
    if code == "giving_information":
        return "Mag ik je daar iets over vertellen? Dan hoor ik daarna graag wat jij ervan vindt."
    if code in ("open_question", "other", "simple_reflection"):
        return reflection
    return f"{reflection} {FOLLOW_UP.get(group, FOLLOW_UP['opening'])}"


def _pairs(turns: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Student utterances with the persona's reply before and after, and the closed-question run."""
    out, before, run = [], None, 0
    for i, t in enumerate(turns):
        if t["speaker"] == "persona":
            before = t
            continue
        run = run + 1 if t.get("code") == "closed_question" else 0
        after = next((u for u in turns[i + 1 :] if u["speaker"] == "persona"), None)
        out.append(
            {
                "turn": t.get("turn") or len(out) + 1,
                "text": t["text"],
                "code": t.get("code") or "other",
                "confidence": t.get("confidence"),
                "before": before,
                "after": after,
                "closed_run": run,
            }
        )
    return out


def build_report(
    persona: Persona, turns: Sequence[Dict[str, Any]], state: Dict[str, Any], chart_id: str = "oefening"
) -> Dict[str, Any]:
    """The feedback report. `turns`: the session's turns in order, dicts with speaker
    ("student"/"persona"), text, and for students code/confidence, for the persona
    situation/topic/reply_id. `state`: the engine state (its history is the timeline)."""
    name = persona.name
    pronoun = "haar" if persona.gender == "v" else "hem"
    pairs = _pairs(turns)
    report: Dict[str, Any] = {"persona": {"id": persona.id, "name": name}, "student_turns": len(pairs)}
    report.update(metrics([p["code"] for p in pairs]))
    report["thresholds"] = THRESHOLDS
    report["ratings_nl"] = {k: RATING_NL[v] for k, v in report["ratings"].items()}

    timeline = [
        {k: p[k] for k in ("turn", "stage", "engagement", "resistance", "readiness")} for p in state.get("history", [])
    ]
    start_stage, end_stage = state.get("start_stage", persona.stage), state.get("stage", persona.stage)
    report.update(
        timeline=timeline,
        stage_start=start_stage,
        stage_end=end_stage,
        stage_change=STAGES.index(end_stage) - STAGES.index(start_stage),
        engagement_start=timeline[0]["engagement"] if timeline else None,
        engagement_end=timeline[-1]["engagement"] if timeline else None,
    )

    # Three utterances that went well: the best per MITI code first, then the rest.
    scored = []
    for p in pairs:
        if p["code"] in GOOD_RANK:
            reaction = (p["after"] or {}).get("situation")
            scored.append((GOOD_RANK[p["code"]] + (1 if reaction in POSITIVE_REACTIONS else 0), p))
    scored.sort(key=lambda s: (-s[0], s[1]["turn"]))
    picked: List[Dict[str, Any]] = []
    for _, p in scored:
        if len(picked) < 3 and p["code"] not in {q["code"] for q in picked}:
            picked.append(p)
    for _, p in scored:
        if len(picked) < 3 and all(p is not q for q in picked):
            picked.append(p)
    went_well = []
    for p in sorted(picked, key=lambda p: p["turn"]):
        reaction = (p["after"] or {}).get("situation")
        why = WHY_GOOD[p["code"]].format(name=name)
        if reaction in REACTION_NL:
            why += " " + REACTION_NL[reaction].format(name=name)
        went_well.append(
            {"turn": p["turn"], "text": p["text"], "code": p["code"], "code_nl": dutch_label(p["code"]), "why": why}
        )
    chosen = {id(p) for p in picked}

    # Three utterances with a better MI alternative for that moment.
    candidates = []
    for p in pairs:
        if id(p) in chosen or p["code"] not in IMPROVE_RANK:
            continue
        rank = IMPROVE_RANK[p["code"]] + (2 if p["closed_run"] >= CLOSED_RUN else 0)
        reaction = (p["after"] or {}).get("situation")
        rank += 1 if reaction in ("resistance", "sustain", "stage_down") else 0
        candidates.append((rank, p))
    candidates.sort(key=lambda c: (-c[0], c[1]["turn"]))
    to_improve = []
    for _, p in candidates[:3]:
        key = "closed_question_run" if p["code"] == "closed_question" and p["closed_run"] >= CLOSED_RUN else p["code"]
        before = p["before"] or {}
        why = WHY_IMPROVE[key].format(name=name, pronoun=pronoun, n=p["closed_run"])
        if p["confidence"] is not None and p["confidence"] < UNCERTAIN:
            why += f" (Let op: de automatische codering was hier onzeker, {round(100 * p['confidence'])}%.)"
        to_improve.append(
            {
                "turn": p["turn"],
                "text": p["text"],
                "code": p["code"],
                "code_nl": dutch_label(p["code"]),
                "persona_before": before.get("text"),
                "why": why,
                "confidence": p["confidence"],
                "alternative": alternative(persona, p["code"], before, p["closed_run"]),
            }
        )
    to_improve.sort(key=lambda w: w["turn"])
    report["went_well"] = went_well
    report["to_improve"] = to_improve
    report["summary_nl"] = summary_nl(report, name)
    report["chart_description"] = describe(timeline, name)
    report["chart_svg"] = timeline_svg(timeline, name, chart_id)
    return report


def _fmt_pct(v: Optional[float]) -> str:
    return "-" if v is None else f"{round(100 * v)}%"


def format_rq(report: Dict[str, Any]) -> str:
    rq, t = report["metrics"]["rq_ratio"], report["totals"]
    if rq is None:
        return "alleen reflecties, geen vragen" if t["reflections"] else "-"
    return f"{rq:.2f}".replace(".", ",") + " : 1"


def summary_nl(report: Dict[str, Any], name: str) -> str:
    r, t = report["ratings_nl"], report["totals"]
    stage_part = (
        f"{name} begon in de fase {dutch_name(report['stage_start'])} en eindigde in de fase "
        f"{dutch_name(report['stage_end'])}."
    )
    return (
        f"Je had {report['student_turns']} beurten met {name}. "
        f"Verhouding reflecties : vragen (R:V): {format_rq(report)} ({r['rq_ratio']}). "
        f"Complexe reflecties: {_fmt_pct(report['metrics']['pct_complex_reflections'])} "
        f"({r['pct_complex_reflections']}). "
        f"MI-conform: {t['mi_adherent']}, niet MI-conform: {t['mi_non_adherent']}. {stage_part}"
    )


def format_text(report: Dict[str, Any]) -> str:
    """The report as Dutch plain text (terminal mode)."""
    t, m, r = report["totals"], report["metrics"], report["ratings_nl"]
    lines = [
        "=== Feedback op je gespreksvoering (MITI 4.2.1) ===",
        report["summary_nl"],
        "",
        "Aantallen per gedragscode:",
    ]
    for code in CODES:
        lines.append(f"  {dutch_label(code):<32}{report['counts'][code]:>3}")
    lines += [
        "",
        f"R:V (reflecties : vragen)   {format_rq(report):<28} {r['rq_ratio']}  (redelijk 1:1, goed 2:1)",
        f"% complexe reflecties       {_fmt_pct(m['pct_complex_reflections']):<28} "
        f"{r['pct_complex_reflections']}  (redelijk 40%, goed 50%)",
        f"% open vragen               {_fmt_pct(m['pct_open_questions']):<28} "
        f"{r['pct_open_questions']}  (referentie MITI 3.1: 50% / 70%)",
        f"MI-conform                  {t['mi_adherent']}  (bevestigen, samenwerking zoeken, "
        f"autonomie benadrukken, overtuigen met toestemming)",
        f"Niet MI-conform             {t['mi_non_adherent']}  (confronteren, overtuigen zonder toestemming)",
        "",
    ]
    lines.append("Wat goed ging:")
    for w in report["went_well"] or [{"turn": "-", "text": "(nog niets om uit te lichten)", "why": "", "code_nl": ""}]:
        lines.append(f'  beurt {w["turn"]}: "{w["text"]}" ({w["code_nl"]})')
        if w["why"]:
            lines.append(f"    {w['why']}")
    lines.append("")
    lines.append("Wat beter kan:")
    for w in report["to_improve"] or [
        {"turn": "-", "text": "(niets gevonden)", "why": "", "alternative": "", "code_nl": ""}
    ]:
        lines.append(f'  beurt {w["turn"]}: "{w["text"]}" ({w["code_nl"]})')
        if w["why"]:
            lines.append(f"    {w['why']}")
        if w.get("alternative"):
            lines.append(f'    Bijvoorbeeld: "{w["alternative"]}"')
    lines += ["", "Verloop: " + report["chart_description"]]
    return "\n".join(lines)
