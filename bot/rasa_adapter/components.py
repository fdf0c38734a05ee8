"""Custom Rasa NLU components (adapters from Rasa to bot.* domain modules).

* `InputGuard`: empty, over-long, non-Dutch or nonsense input becomes `nlu_fallback`
  with an `input_problem` reason, so the coach can answer it kindly.
* `StageClassifier`: the stage of change as its own head (bot.understanding.stage).
* `TalkTypeCrisisClassifier`: the talk-type head (change / sustain / neutral) and the
  safety detector of bot.understanding.safety (Dutch lexicon + a trained crisis
  classifier), both trained with the model. A crisis signal overrides the intent with
  `crisis`; the intent classifier's own `crisis` reading never counts by itself.
* `DialogueActInContext`: the dialogue act checked against the content
  (bot.understanding.dialogue_act), never over a crisis signal.

The heads share one trainer and one encoder (bot.understanding.text_head, .encoder). All add
their results to the parse data (`input_problem`, `stage`, `talk_type`, `crisis`), so the
tracker, the actions and `overstap classify` all see the same values.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.understanding import dialogue_act, input_guard, stage, talk_type, text_head
from bot.understanding.safety import Detector, Thresholds, normalize
from bot.understanding.safety import classifier as safety_classifier
from bot.understanding.safety.data import TRAIN_DIR

logger = logging.getLogger(__name__)

CRISIS_INTENT = "crisis"
FALLBACK_INTENT = "nlu_fallback"


def _set_intent(message: Message, name: str, confidence: float) -> None:
    message.set(INTENT, {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}, add_to_output=True)


def _top_ranked(message: Message) -> Optional[str]:
    ranking = message.get("intent_ranking") or []
    return ranking[0].get(INTENT_NAME_KEY) if ranking else None


def _best_other_intent(message: Message, excluded: str, minimum: float = 0.3) -> Tuple[str, float]:
    """The best reading other than `excluded`, its probability renormalised without that
    share (so "Ik heb zin om weer te beginnen" is not sent to the fallback)."""
    # crisis is never a second choice: only the safety detector sets it
    ranking = [
        r
        for r in message.get("intent_ranking") or []
        if r.get(INTENT_NAME_KEY) not in (excluded, FALLBACK_INTENT, CRISIS_INTENT)
    ]
    rest = sum(float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0) for r in ranking)
    if ranking and rest > 0:
        best = float(ranking[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0) / rest
        if best >= minimum:
            return ranking[0][INTENT_NAME_KEY], round(best, 4)
    intent = message.get(INTENT) or {}
    return FALLBACK_INTENT, float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0)


def _digest(paths: List[Path]) -> str:
    """Data and code a trained head depends on, plus the encoder: retrain when any changes."""
    from bot.understanding.encoder import shared_encoder

    digest = hashlib.sha256(shared_encoder().fingerprint.encode())
    for path in [*paths, Path(text_head.__file__), Path(normalize.__file__)]:
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


class StatelessComponent(GraphComponent):
    """A component with nothing to train or store, created without arguments. (Whether it
    also takes part in the training graph stays each component's own choice: only the
    ones that define `process_training_data` do.)"""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "StatelessComponent":
        return cls()


EMPTY_PLACEHOLDER = "…"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class EmptyTextPlaceholder(StatelessComponent):
    """First in the pipeline: a message without any word gets a placeholder text for the
    featurizers (Rasa's sparse features lose columns on token-less text and the intent
    classifier then fails). The client's original text is what is stored; InputGuard,
    at the end, still recognises the problem."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not any(ch.isalnum() for ch in text):
                message.set("original_text", text, add_to_output=False)
                message.set(TEXT, EMPTY_PLACEHOLDER)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class InputGuard(StatelessComponent):
    """Marks input the coach cannot interpret; runs after the intent classifiers."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            original = message.get("original_text")
            problem = input_guard.input_problem(original if original is not None else message.get(TEXT))
            message.set("input_problem", problem, add_to_output=True)
            if problem:
                _set_intent(message, FALLBACK_INTENT, 1.0)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TalkTypeCrisisClassifier(GraphComponent):
    """Talk type and crisis signals, trained with the Rasa model."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "talk_type_data": "data/classifiers/talk_type.yml",
            "crisis_intent": CRISIS_INTENT,
            # The crisis classifier's thresholds, chosen by leave-one-writer-out
            # cross-validation on the safety training data (README, "Safety"):
            "possible_threshold": 0.75,  # the classifier alone makes the coach ask
            "weak_threshold": 0.5,  # a weak signal: two within a few turns make the coach ask
            "random_seed": 42,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        talk_type_nlp: Any = None,
        crisis_classifier: Any = None,
    ) -> None:
        self.config = config
        self._model_storage = model_storage
        self._resource = resource
        self.talk_type_nlp = talk_type_nlp
        self.detector = Detector(
            crisis_classifier, Thresholds(possible=config["possible_threshold"], weak=config["weak_threshold"])
        )

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TalkTypeCrisisClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        # Talk-type and safety data live outside Rasa's NLU data: retrain when they change.
        path = Path(config.get("talk_type_data", cls.get_default_config()["talk_type_data"]))
        return _digest(
            [
                *talk_type.files(path),
                *sorted(TRAIN_DIR.glob("train_*.yml")),
                Path(safety_classifier.__file__),
                Path(talk_type.__file__),
            ]
        )

    # -- training ---------------------------------------------------------------
    def train(self, training_data: TrainingData) -> Resource:
        seed = self.config["random_seed"]
        self.talk_type_nlp = talk_type.fit(path=Path(self.config["talk_type_data"]), seed=seed)
        train = safety_classifier.training_set()
        crisis_classifier = safety_classifier.fit(train["texts"], train["labels"], seed=seed, writers=train["writers"])
        self.detector.classifier = crisis_classifier
        with self._model_storage.write_to(self._resource) as directory:
            self.talk_type_nlp.save(Path(directory) / "talk_type.pkl")
            crisis_classifier.save(Path(directory) / "crisis.pkl")
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "TalkTypeCrisisClassifier":
        with model_storage.read_from(resource) as directory:
            talk_type_nlp = text_head.TextHead.load(Path(directory) / "talk_type.pkl")
            crisis_classifier = safety_classifier.CrisisClassifier.load(Path(directory) / "crisis.pkl")
        return cls(config, model_storage, resource, talk_type_nlp, crisis_classifier)

    # -- inference --------------------------------------------------------------
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            talk, talk_conf = talk_type.predict(self.talk_type_nlp, text)
            message.set("talk_type", {"name": talk, "confidence": round(talk_conf, 4)}, add_to_output=True)

            signal = self.detector.assess(text)
            message.set("crisis", signal.as_dict(), add_to_output=True)
            if signal.flagged:
                _set_intent(message, self.config["crisis_intent"], max(signal.probability, 0.9))
            elif _top_ranked(message) == self.config["crisis_intent"] and not message.get("input_problem"):
                # the intent classifier leans to crisis but the safety detector does not:
                # take the intent classifier's best other reading
                _set_intent(message, *_best_other_intent(message, self.config["crisis_intent"]))
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class StageClassifier(GraphComponent):
    """The stage of change as its own head (bot.understanding.stage), added to the parse
    as `stage` = {name, confidence, ranking}; the intent stays the dialogue act."""

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, head: Any = None):
        self.config = config
        self._model_storage = model_storage
        self._resource = resource
        self.head = head

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"random_seed": 42}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "StageClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        return _digest([*stage.writer_files(), Path(stage.__file__)])

    def train(self, training_data: TrainingData) -> Resource:
        self.head = stage.fit(seed=self.config["random_seed"])
        with self._model_storage.write_to(self._resource) as directory:
            self.head.save(Path(directory) / "stage.pkl")
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "StageClassifier":
        with model_storage.read_from(resource) as directory:
            head = text_head.TextHead.load(Path(directory) / "stage.pkl")
        return cls(config, model_storage, resource, head)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if message.get("input_problem"):
                reading = {"name": stage.NO_STAGE, "confidence": 1.0, "ranking": []}
            else:
                reading = stage.reading(self.head, message.get(TEXT) or "")
            message.set("stage", reading, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DialogueActInContext(StatelessComponent):
    """Last, after the safety detector (and never over its crisis reading): the dialogue act
    checked against what the message says
    (bot.understanding.dialogue_act). A goodbye needs a word of leave-taking; a question is
    no yes or no; clear content about the client's situation is no greeting or goodbye."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if message.get("input_problem") or (message.get("crisis") or {}).get("flag"):
                continue  # unusable input, or a crisis signal: that overrides every reading
            text = message.get(TEXT) or ""
            act = (message.get(INTENT) or {}).get(INTENT_NAME_KEY) or ""
            if dialogue_act.ends_with_leave_taking(text) or (
                act == dialogue_act.GOODBYE and dialogue_act.is_leave_taking(text)
            ):
                # a message that ends by taking leave is a goodbye, whatever it said before
                # (content about the client's situation does not outrank it)
                if act != dialogue_act.GOODBYE:
                    confidence = float((message.get(INTENT) or {}).get("confidence") or 0)
                    _set_intent(message, dialogue_act.GOODBYE, confidence)
                continue
            if act == dialogue_act.GOODBYE and not dialogue_act.is_leave_taking(text):
                _set_intent(message, *_best_other_intent(message, dialogue_act.GOODBYE))
            elif act == dialogue_act.THANKS and dialogue_act.is_leave_taking(text):
                _set_intent(message, dialogue_act.GOODBYE, float((message.get(INTENT) or {}).get("confidence") or 0))
            elif act == dialogue_act.QUESTION_ACT and not dialogue_act.looks_like_question(text):
                # a statement without any form of a question is no question ("ja precies, het is twee kanten")
                _set_intent(message, *_best_other_intent(message, dialogue_act.QUESTION_ACT))
            elif act in dialogue_act.ANSWER_ACTS and dialogue_act.looks_like_question(text):
                _set_intent(
                    message, dialogue_act.QUESTION_ACT, float((message.get(INTENT) or {}).get("confidence") or 0)
                )
            act = (message.get(INTENT) or {}).get(INTENT_NAME_KEY) or ""
            content_intent = dialogue_act.content_outranks_act(text, act, message.get("stage") or {})
            if content_intent:
                _set_intent(message, content_intent, float((message.get("stage") or {}).get("confidence") or 0))
        return messages
