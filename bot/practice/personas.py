"""Client personas for practice mode: loading and validation of data/personas/*.yml.

A persona file is validated on load; every error names the file and the line, e.g.
`data/personas/gerard.yml:41: replies.sustain[2].topic: unknown topic 'houding'`.
Line numbers come from PyYAML's compose API (each node keeps its start mark).

Schema (see data/personas/README.md for the full description):
  id, name, age, client_type, stage, target_behaviour, summary      (strings / int)
  background, cares_about, resists_when, moved_by                     (lists of strings)
  tpb: {attitude|social_norm|self_efficacy: {level, note}}
  start: {engagement, resistance, readiness}                          (0..1, optional)
  sensitivity: {<MITI code>: multiplier}                              (optional)
  openings: [text, ...]
  reflections: {<topic or sustain/resistance/change>: text}          (for feedback)
  replies: {<situation>: [text | {text, topic?, reflect?}, ...]}
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from bot.core.stages import STAGES
from bot.understanding.miti_codes import CODES

ROOT = Path(__file__).resolve().parent.parent.parent
PERSONA_DIR = ROOT / "data" / "personas"

TOPICS: Tuple[str, ...] = (
    "attitude",
    "social_norm",
    "self_efficacy",
    "intention",
    "barriers",
    "facilitators",
    "background",
)
SITUATIONS: Tuple[str, ...] = (
    "sustain",
    "change_weak",
    "change_medium",
    "change_strong",
    "neutral",
    "resistance",
    "opening_up",
    "stage_up",
    "stage_down",
)
MIN_REPLIES = {s: 8 for s in SITUATIONS}
MIN_REPLIES.update(stage_up=2, stage_down=2)
REFLECTION_KEYS = TOPICS + ("sustain", "resistance", "change")
TPB_CONSTRUCTS = ("attitude", "social_norm", "self_efficacy")
TPB_LEVELS = ("negative", "mixed", "positive", "low", "medium", "high")
REQUIRED = (
    "id",
    "name",
    "age",
    "client_type",
    "stage",
    "target_behaviour",
    "summary",
    "background",
    "cares_about",
    "resists_when",
    "moved_by",
    "tpb",
    "openings",
    "reflections",
    "replies",
)
OPTIONAL = ("start", "sensitivity", "gender")


class PersonaError(ValueError):
    """A persona file is invalid; the message names the file and line."""


@dataclass(frozen=True)
class ReplyOption:
    id: str  # "<situation>:<index>", stable while the file does not change order
    situation: str
    text: str
    topic: Optional[str] = None
    reflect: Optional[str] = None


@dataclass
class Persona:
    id: str
    name: str
    age: int
    client_type: str
    stage: str
    target_behaviour: str
    summary: str
    background: List[str]
    cares_about: List[str]
    resists_when: List[str]
    moved_by: List[str]
    tpb: Dict[str, Dict[str, str]]
    openings: List[str]
    reflections: Dict[str, str]
    replies: Dict[str, List[ReplyOption]]
    start: Dict[str, float] = field(default_factory=dict)
    sensitivity: Dict[str, float] = field(default_factory=dict)
    gender: str = "m"
    path: Optional[Path] = None

    def reply(self, reply_id: str) -> Optional[ReplyOption]:
        situation, _, index = reply_id.partition(":")
        options = self.replies.get(situation) or []
        try:
            return options[int(index)]
        except (ValueError, IndexError):
            return None

    def public(self) -> Dict[str, Any]:
        """What a student sees before starting (no reply bank)."""
        from bot.core.stages import dutch_name

        return {
            "id": self.id,
            "name": self.name,
            "age": self.age,
            "client_type": self.client_type,
            "stage": self.stage,
            "stage_nl": dutch_name(self.stage),
            "summary": self.summary,
            "background": list(self.background),
            "target_behaviour": self.target_behaviour,
        }


# --- YAML with line numbers ------------------------------------------------------------

Path_ = Tuple[Any, ...]


def _lines(node: yaml.Node, path: Path_, out: Dict[Path_, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[path + (key.value,) + ("__key__",)] = key.start_mark.line + 1
            _lines(value, path + (key.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, path + (i,), out)


def _dotted(path: Path_) -> str:
    out = ""
    for p in path:
        if p == "__key__":
            continue
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(document)"


class _Checker:
    def __init__(self, file: Path, lines: Dict[Path_, int]):
        self.file = file
        self.lines = lines
        self.errors: List[str] = []

    def where(self, path: Path_) -> str:
        try:
            shown = self.file.relative_to(ROOT)
        except ValueError:
            shown = self.file
        p = path
        while p and p not in self.lines:
            p = p[:-1]
        return f"{shown}:{self.lines.get(p, 1)}"

    def error(self, path: Path_, message: str) -> None:
        self.errors.append(f"{self.where(path)}: {_dotted(path)}: {message}")

    def text(self, value: Any, path: Path_, min_len: int = 1) -> bool:
        if not isinstance(value, str) or len(value.strip()) < min_len:
            self.error(path, "expected a non-empty text")
            return False
        return True

    def texts(self, value: Any, path: Path_, minimum: int = 1) -> bool:
        if not isinstance(value, list):
            self.error(path, "expected a list of texts")
            return False
        ok = all([self.text(v, path + (i,)) for i, v in enumerate(value)])
        if len(value) < minimum:
            self.error(path, f"needs at least {minimum} entries, has {len(value)}")
            ok = False
        return ok

    def mapping(self, value: Any, path: Path_) -> bool:
        if not isinstance(value, dict):
            self.error(path, "expected a mapping (key: value)")
            return False
        return True

    def fraction(self, value: Any, path: Path_) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
            self.error(path, f"expected a number from 0 to 1, got {value!r}")
            return False
        return True


def _validate(data: Any, file: Path, lines: Dict[Path_, int]) -> Persona:
    c = _Checker(file, lines)
    if not c.mapping(data, ()):
        raise PersonaError("\n".join(c.errors))
    for key in data:
        if key not in REQUIRED and key not in OPTIONAL:
            c.error((key, "__key__"), f"unknown field {key!r} (allowed: {', '.join(REQUIRED + OPTIONAL)})")
    for key in REQUIRED:
        if key not in data:
            c.error((), f"missing required field {key!r}")
    if c.errors:
        raise PersonaError("\n".join(c.errors))

    for key in ("id", "name", "client_type", "target_behaviour", "summary"):
        c.text(data[key], (key,))
    if isinstance(data["id"], str) and data["id"] != file.stem:
        c.error(("id",), f"id {data['id']!r} must equal the file name {file.stem!r}")
    if not isinstance(data["age"], int) or isinstance(data["age"], bool) or not 16 <= data["age"] <= 80:
        c.error(("age",), f"expected an age from 16 to 80, got {data['age']!r}")
    if data["stage"] not in STAGES:
        c.error(("stage",), f"unknown stage {data['stage']!r} (choose from {', '.join(STAGES)})")
    for key in ("background", "cares_about", "resists_when", "moved_by"):
        c.texts(data[key], (key,))
    c.texts(data["openings"], ("openings",), minimum=2)

    if c.mapping(data["tpb"], ("tpb",)):
        for construct in TPB_CONSTRUCTS:
            if construct not in data["tpb"]:
                c.error(("tpb",), f"missing TPB construct {construct!r}")
        for construct, value in data["tpb"].items():
            path = ("tpb", construct)
            if construct not in TPB_CONSTRUCTS:
                c.error(
                    path + ("__key__",),
                    f"unknown TPB construct {construct!r} (choose from {', '.join(TPB_CONSTRUCTS)})",
                )
            elif c.mapping(value, path):
                if value.get("level") not in TPB_LEVELS:
                    c.error(
                        path + ("level",) if "level" in value else path,
                        f"level must be one of {', '.join(TPB_LEVELS)}, got {value.get('level')!r}",
                    )
                c.text(value.get("note"), path + ("note",) if "note" in value else path)

    start = data.get("start") or {}
    if c.mapping(start, ("start",)):
        for key, value in start.items():
            if key not in ("engagement", "resistance", "readiness"):
                c.error(("start", key, "__key__"), f"unknown start value {key!r}")
            else:
                c.fraction(value, ("start", key))
    sensitivity = data.get("sensitivity") or {}
    if c.mapping(sensitivity, ("sensitivity",)):
        for code, value in sensitivity.items():
            if code not in CODES:
                c.error(("sensitivity", code, "__key__"), f"unknown MITI code {code!r}")
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 3:
                c.error(("sensitivity", code), f"expected a multiplier from 0 to 3, got {value!r}")

    if c.mapping(data["reflections"], ("reflections",)):
        for key, value in data["reflections"].items():
            if key not in REFLECTION_KEYS:
                c.error(
                    ("reflections", key, "__key__"),
                    f"unknown reflection key {key!r} (choose from {', '.join(REFLECTION_KEYS)})",
                )
            else:
                c.text(value, ("reflections", key))
        for key in REFLECTION_KEYS:
            if key not in data["reflections"]:
                c.error(("reflections",), f"missing reflection for {key!r}")

    replies: Dict[str, List[ReplyOption]] = {}
    seen: Dict[str, Path_] = {}
    if c.mapping(data["replies"], ("replies",)):
        for situation in data["replies"]:
            if situation not in SITUATIONS:
                c.error(
                    ("replies", situation, "__key__"),
                    f"unknown situation {situation!r} (choose from {', '.join(SITUATIONS)})",
                )
        for situation in SITUATIONS:
            path = ("replies", situation)
            items = data["replies"].get(situation)
            if items is None:
                c.error(("replies",), f"missing replies for situation {situation!r}")
                continue
            if not isinstance(items, list):
                c.error(path, "expected a list of replies")
                continue
            if len(items) < MIN_REPLIES[situation]:
                c.error(path, f"needs at least {MIN_REPLIES[situation]} replies, has {len(items)}")
            options = []
            for i, item in enumerate(items):
                ipath = path + (i,)
                topic = reflect = None
                if isinstance(item, dict):
                    for key in item:
                        if key not in ("text", "topic", "reflect"):
                            c.error(ipath + (key, "__key__"), f"unknown reply field {key!r} (text, topic, reflect)")
                    text, topic, reflect = item.get("text"), item.get("topic"), item.get("reflect")
                    if topic is not None and topic not in TOPICS:
                        c.error(ipath + ("topic",), f"unknown topic {topic!r} (choose from {', '.join(TOPICS)})")
                    if reflect is not None:
                        c.text(reflect, ipath + ("reflect",))
                    tpath = ipath + ("text",) if "text" in item else ipath
                else:
                    text, tpath = item, ipath
                if not c.text(text, tpath):
                    continue
                key = " ".join(text.lower().split())
                if key in seen:
                    c.error(tpath, f"duplicate reply (also at line {c.where(seen[key]).rsplit(':', 1)[1]})")
                seen[key] = tpath
                options.append(ReplyOption(f"{situation}:{i}", situation, text.strip(), topic, reflect))
            replies[situation] = options
    if c.errors:
        raise PersonaError("\n".join(c.errors))
    return Persona(
        id=data["id"],
        name=data["name"],
        age=data["age"],
        client_type=data["client_type"],
        stage=data["stage"],
        target_behaviour=data["target_behaviour"],
        summary=data["summary"].strip(),
        background=list(data["background"]),
        cares_about=list(data["cares_about"]),
        resists_when=list(data["resists_when"]),
        moved_by=list(data["moved_by"]),
        tpb=data["tpb"],
        openings=[o.strip() for o in data["openings"]],
        reflections=dict(data["reflections"]),
        replies=replies,
        start=dict(start),
        sensitivity={k: float(v) for k, v in sensitivity.items()},
        gender=str(data.get("gender", "m")),
        path=file,
    )


def load_persona_file(path: Path) -> Persona:
    """Load and validate one persona file; raises PersonaError naming file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PersonaError(f"{path}: cannot read: {exc}") from exc
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise PersonaError(f"{path}:{line}: invalid YAML: {exc.problem or exc}") from exc
    lines: Dict[Path_, int] = {}
    if node is not None:
        _lines(node, (), lines)
    return _validate(data, path, lines)


@functools.lru_cache(maxsize=4)
def _load_all(directory: str) -> Dict[str, Persona]:
    personas = {}
    for file in sorted(Path(directory).glob("*.yml")):
        persona = load_persona_file(file)
        personas[persona.id] = persona
    return personas


def load_personas(directory: Optional[Path] = None) -> Dict[str, Persona]:
    """All personas by id, validated (cached per directory)."""
    return _load_all(str(directory or PERSONA_DIR))


def get_persona(persona_id: str, directory: Optional[Path] = None) -> Persona:
    personas = load_personas(directory)
    if persona_id not in personas:
        raise KeyError(f"onbekende persona {persona_id!r}; kies uit: {', '.join(personas)}")
    return personas[persona_id]
