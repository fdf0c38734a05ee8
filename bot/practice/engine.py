"""The persona engine: how a scripted client reacts to a student's MI behaviour.

State per session (all JSON-serialisable, stored with the session):
  engagement  0..1  how much the persona is in the conversation with the student
  resistance  0..1  discord with the student (MI: "discord", friction with the helper)
  readiness   0..1  change-talk readiness: chance that an answer is change talk, and how strong
  stage       current stage of change (bot.core.stages ids)

Per MITI code an effect on (engagement, resistance, readiness), scaled by the persona's
`sensitivity` (e.g. a reactant persona reacts more strongly to persuading and to
emphasising autonomy). MI-consistent moves (complex reflections more than simple ones,
evocative open questions, affirming, emphasising autonomy, seeking collaboration, mildly
persuading with permission) raise engagement and readiness and lower resistance;
MI-inconsistent moves (confronting, persuading without permission / the righting
reflex, a run of three or more closed questions) do the opposite.

Stage movement, within one session:
  * forward at most ONE stage, only after sustained good practice: at least
    MIN_TURNS_FOR_ADVANCE student turns, and ADVANCE_AFTER MI-consistent turns while
    readiness >= ADVANCE_READINESS and resistance <= ADVANCE_MAX_RESISTANCE
    (every MI-inconsistent move costs two of that momentum, a closed question,
    information or other move one).
  * back at most ONE stage (decision, documented): persistent pressure - RETREAT_AFTER
    MI-inconsistent moves while resistance >= RETREAT_RESISTANCE - makes the persona
    retreat, e.g. from preparation back to doubting (contemplation). This mirrors what
    MI describes: arguing for change makes an ambivalent person argue the other side,
    and a relapse is a step back, not a failure. A persona never drops below
    precontemplation and never moves more than one stage from where it started.

Replies come from the persona's bank, by situation (sustain talk, change talk weak /
medium / strong, neutral information, resistance, opening up, stage up / down), chosen
from the state with a random generator seeded by (session seed, turn number): the same
seed and the same student moves give the same conversation. A reply is never repeated
within a session while another reply is left (first in the chosen situation, then in
the nearest situations). Among unused replies, ones tagged with the TPB topic the
student's utterance is about are preferred (a small Dutch word list, `topic_of`; this
only steers content, it is not used for MITI coding).
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict, dataclass
from typing import Any, Dict, Optional, Tuple

from bot.core.stages import STAGES
from bot.practice.personas import Persona, ReplyOption
from bot.understanding.miti_codes import CODES

# code: (engagement, resistance, readiness)
EFFECTS: Dict[str, Tuple[float, float, float]] = {
    "complex_reflection": (0.10, -0.08, 0.08),
    "simple_reflection": (0.05, -0.04, 0.04),
    "open_question": (0.05, -0.02, 0.05),
    "affirm": (0.07, -0.05, 0.04),
    "emphasizing_autonomy": (0.06, -0.09, 0.05),
    "seeking_collaboration": (0.06, -0.05, 0.04),
    "persuade_with_permission": (0.02, 0.00, 0.03),
    "giving_information": (0.00, 0.01, 0.01),
    "closed_question": (0.00, 0.00, 0.00),
    "other": (0.00, 0.00, 0.00),
    "persuade": (-0.05, 0.12, -0.06),
    "confront": (-0.10, 0.18, -0.09),
}
CLOSED_RUN = 3  # the 3rd closed question in a row and later
CLOSED_RUN_EFFECT = (-0.04, 0.07, -0.03)
MI_CONSISTENT = frozenset(
    {
        "complex_reflection",
        "simple_reflection",
        "open_question",
        "affirm",
        "emphasizing_autonomy",
        "seeking_collaboration",
        "persuade_with_permission",
    }
)
MI_INCONSISTENT = frozenset({"confront", "persuade"})  # plus a closed-question run

MIN_TURNS_FOR_ADVANCE = 6
ADVANCE_AFTER = 4
ADVANCE_READINESS = 0.6
ADVANCE_MAX_RESISTANCE = 0.35
RETREAT_AFTER = 3
RETREAT_RESISTANCE = 0.7

STAGE_DEFAULTS = {  # start (engagement, resistance, readiness) when a persona does not set them
    "precontemplation": (0.3, 0.4, 0.15),
    "contemplation": (0.45, 0.25, 0.35),
    "preparation": (0.55, 0.15, 0.55),
    "action": (0.55, 0.2, 0.6),
    "maintenance": (0.55, 0.2, 0.65),
}

# Where to look when a situation's replies are used up (nearest first).
FALLBACK = {
    "sustain": ("resistance", "neutral", "change_weak", "opening_up", "change_medium", "change_strong"),
    "resistance": ("sustain", "neutral", "change_weak", "opening_up", "change_medium", "change_strong"),
    "neutral": ("change_weak", "sustain", "opening_up", "change_medium", "resistance", "change_strong"),
    "change_weak": ("change_medium", "neutral", "opening_up", "sustain", "change_strong", "resistance"),
    "change_medium": ("change_weak", "change_strong", "opening_up", "neutral", "sustain", "resistance"),
    "change_strong": ("change_medium", "change_weak", "opening_up", "neutral", "sustain", "resistance"),
    "opening_up": ("change_weak", "change_medium", "neutral", "sustain", "change_strong", "resistance"),
    "stage_up": ("change_strong", "change_medium", "change_weak", "opening_up", "neutral", "sustain"),
    "stage_down": ("resistance", "sustain", "neutral", "change_weak", "opening_up", "change_medium"),
}

# TPB topics of a student's utterance (content only; see module docstring).
TOPIC_WORDS: Dict[str, Tuple[str, ...]] = {
    "social_norm": (
        "familie",
        "vrouw",
        "man ",
        "partner",
        "dochter",
        "zoon",
        "kinderen",
        "moeder",
        "vader",
        "vriend",
        "omgeving",
        "buur",
        "gemeente",
        "collega",
        "anderen",
        "zus",
        "broer",
        "vinden ze",
        "vindt ze",
        "zeggen ze",
    ),
    "self_efficacy": (
        "kunnen",
        "kun je",
        "kunt",
        "lukt",
        "lukken",
        "zeker",
        "vertrouwen",
        "cijfer",
        "aankan",
        "sterk",
        "goed in",
        "ervaring",
        "leeftijd",
        "te oud",
        "niveau",
    ),
    "barriers": (
        "tegenhoud",
        "tegenop",
        "zorgen",
        "gezond",
        "rug",
        "pijn",
        "schuld",
        "opvang",
        "reiskosten",
        "moeilijk",
        "lastig",
        "probleem",
        "belemmer",
        "bang",
        "angst",
        "knie",
        "hart",
        "long",
    ),
    "facilitators": (
        "helpen",
        "hulp",
        "makkelijker",
        "steun",
        "jobcoach",
        "coach",
        "cursus",
        "opleiding",
        "wie zou",
        "ondersteun",
        "vergoed",
        "regeling",
        "coördinator",
        "coordinator",
    ),
    "intention": (
        "plan",
        "stap",
        "van plan",
        "volgende week",
        "deze week",
        "maand",
        "wanneer",
        "doel",
        "beginnen",
        "start",
        "straks",
        "toekomst",
        "jaar",
    ),
    "attitude": (
        "betekent",
        "betekenen",
        "belangrijk",
        "mooi",
        "fijn",
        "leuk",
        "geeft",
        "waarde",
        "trots",
        "mis je",
        "voordel",
        "nadel",
        "waarom wil",
    ),
    "background": (
        "vroeger",
        "verleden",
        "vorige baan",
        "gewerkt",
        "geschiedenis",
        "hoe kwam",
        "ontslag",
        "toen",
        "verhaal",
    ),
}
_WS = re.compile(r"\s+")


def topic_of(text: str) -> Optional[str]:
    """The TPB topic the student's utterance is most about, or None."""
    low = " " + _WS.sub(" ", (text or "").lower()) + " "
    best, hits = None, 0
    for topic, words in TOPIC_WORDS.items():
        n = sum(1 for w in words if w in low)
        if n > hits:
            best, hits = topic, n
    return best


def _clamp(x: float) -> float:
    return round(min(1.0, max(0.0, x)), 4)


def _step(value: float, delta: float) -> float:
    """Diminishing returns: a change shrinks as the value nears the end it moves to."""
    scale = (1.2 - value) if delta > 0 else (value + 0.2)
    return _clamp(value + delta * min(1.0, scale))


@dataclass
class Reply:
    text: str
    situation: str
    reply_id: str
    topic: Optional[str]
    stage_change: Optional[str] = None  # "up" / "down" when this turn moved the stage

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


class PersonaEngine:
    """One practice session's persona. `state` is plain JSON; pass it back to resume."""

    def __init__(self, persona: Persona, seed: int = 0, state: Optional[Dict[str, Any]] = None):
        self.persona = persona
        self.seed = int(seed)
        self.state = state if state is not None else self.initial_state()

    def initial_state(self) -> Dict[str, Any]:
        p = self.persona
        e, r, c = STAGE_DEFAULTS[p.stage]
        e, r, c = p.start.get("engagement", e), p.start.get("resistance", r), p.start.get("readiness", c)
        point = {"turn": 0, "stage": p.stage, "engagement": e, "resistance": r, "readiness": c, "code": None}
        return {
            "persona_id": p.id,
            "seed": self.seed,
            "turn": 0,
            "stage": p.stage,
            "start_stage": p.stage,
            "engagement": e,
            "resistance": r,
            "readiness": c,
            "momentum": 0,
            "pressure": 0,
            "closed_run": 0,
            "used": [],
            "last_reply": None,
            "history": [point],
        }

    # -- replies ------------------------------------------------------------------------
    def _rng(self) -> random.Random:
        return random.Random(f"{self.seed}:{self.state['turn']}")

    def opening(self) -> Reply:
        """The persona's first line (turn 0)."""
        rng = self._rng()
        index = rng.randrange(len(self.persona.openings))
        reply = Reply(self.persona.openings[index], "opening", f"opening:{index}", "background")
        self.state["last_reply"] = reply.to_dict()
        return reply

    def _pick(self, situation: str, topic: Optional[str], rng: random.Random) -> ReplyOption:
        used = set(self.state["used"])
        for candidate in (situation,) + FALLBACK[situation]:
            options = [o for o in self.persona.replies[candidate] if o.id not in used]
            if options:
                on_topic = [o for o in options if topic and o.topic == topic]
                return rng.choice(on_topic or options)
        # Everything used (very long session): the least recently used of this situation.
        order = {rid: i for i, rid in enumerate(self.state["used"])}
        options = sorted(self.persona.replies[situation], key=lambda o: order.get(o.id, -1))
        return options[0]

    def _situation(self, code: str, closed_run: bool, rng: random.Random) -> str:
        s = self.state
        res, eng, ready = s["resistance"], s["engagement"], s["readiness"]
        u = rng.random()
        if code in MI_INCONSISTENT or closed_run:
            if res >= 0.35:
                return "resistance" if u < 0.75 else "sustain"
            return "sustain" if u < 0.7 else "resistance"
        if res >= 0.6:
            return "resistance" if u < 0.6 else "sustain"
        if code == "closed_question" and u < 0.7:
            return "neutral"
        if code in ("giving_information", "other") and u < 0.5:
            return "neutral"
        if code in ("complex_reflection", "affirm", "emphasizing_autonomy") and eng >= 0.6 and u < 0.4:
            return "opening_up"
        # Change talk with probability `readiness`, its strength by readiness too.
        if rng.random() < min(0.9, max(0.1, ready)):
            return "change_weak" if ready < 0.5 else "change_medium" if ready < 0.75 else "change_strong"
        return "sustain"

    # -- one student move ----------------------------------------------------------------
    def respond(self, code: str, text: str = "") -> Reply:
        """Apply the student's move (its MITI code) and return the persona's reply."""
        if code not in CODES:
            raise ValueError(f"unknown MITI code {code!r}")
        s = self.state
        s["turn"] += 1
        rng = self._rng()
        s["closed_run"] = s["closed_run"] + 1 if code == "closed_question" else 0
        closed_run = s["closed_run"] >= CLOSED_RUN
        d_eng, d_res, d_ready = CLOSED_RUN_EFFECT if closed_run else EFFECTS[code]
        weight = self.persona.sensitivity.get(code, 1.0)
        if d_ready > 0:  # discord and disengagement damp what a good move can evoke
            d_ready *= (1.0 - 0.5 * s["resistance"]) * (0.6 + 0.8 * s["engagement"])
        if code == "persuade_with_permission" and s["resistance"] > 0.5:
            d_res += 0.02  # even with permission, advice lands badly amid discord
        s["engagement"] = _step(s["engagement"], d_eng * weight)
        s["resistance"] = _step(s["resistance"], d_res * weight)
        s["readiness"] = _step(s["readiness"], d_ready * weight)

        consistent = code in MI_CONSISTENT
        inconsistent = code in MI_INCONSISTENT or closed_run
        if consistent and s["readiness"] >= ADVANCE_READINESS and s["resistance"] <= ADVANCE_MAX_RESISTANCE:
            s["momentum"] += 1
        elif inconsistent:
            s["momentum"] = max(0, s["momentum"] - 2)
        elif not consistent:  # closed question, information, other: the streak cools off
            s["momentum"] = max(0, s["momentum"] - 1)
        if inconsistent and s["resistance"] >= RETREAT_RESISTANCE:
            s["pressure"] += 1
        elif consistent:
            s["pressure"] = max(0, s["pressure"] - 1)

        stage_change = None
        index, start = STAGES.index(s["stage"]), STAGES.index(s["start_stage"])
        if (
            s["momentum"] >= ADVANCE_AFTER
            and s["turn"] >= MIN_TURNS_FOR_ADVANCE
            and index < min(start + 1, len(STAGES) - 1)
        ):
            s["stage"], stage_change = STAGES[index + 1], "up"
            s["momentum"] = 0
            s["readiness"] = _clamp(s["readiness"] - 0.1)  # a new stage brings its own doubts
        elif s["pressure"] >= RETREAT_AFTER and index > max(start - 1, 0):
            s["stage"], stage_change = STAGES[index - 1], "down"
            s["pressure"] = 0
            s["readiness"] = _clamp(s["readiness"] - 0.1)

        topic = topic_of(text)
        situation = ("stage_" + stage_change) if stage_change else self._situation(code, closed_run, rng)
        option = self._pick(situation, topic, rng)
        s["used"].append(option.id)
        reply = Reply(option.text, option.situation, option.id, option.topic, stage_change)
        s["last_reply"] = reply.to_dict()
        s["history"].append(
            {
                "turn": s["turn"],
                "stage": s["stage"],
                "engagement": s["engagement"],
                "resistance": s["resistance"],
                "readiness": s["readiness"],
                "code": code,
            }
        )
        return reply

    def snapshot(self) -> Dict[str, Any]:
        """The part of the state worth showing or storing per turn (no reply bookkeeping)."""
        s = self.state
        return {k: s[k] for k in ("turn", "stage", "engagement", "resistance", "readiness")}
