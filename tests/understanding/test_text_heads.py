"""The shared understanding layer: encoder, one trainer for heads, the stage head, dialogue
acts in context. No Rasa here."""

import numpy as np
import pytest

from bot.core.stages import STAGES
from bot.understanding import stage
from bot.understanding.dialogue_act import content_outranks_act
from bot.understanding.encoder import SentenceEncoder
from bot.understanding.text_head import TextHead, fit_head, out_of_group_probabilities


@pytest.fixture(scope="module")
def encoder():
    return SentenceEncoder()


def test_the_encoder_gives_unit_vectors_and_similar_texts_are_closer(encoder):
    v = encoder.encode(
        [
            "Ik wil graag weer aan het werk.",
            "Ik zou best weer willen werken.",
            "Mijn kat heet Minoes.",
            "",
        ]
    )
    assert v.shape == (4, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2]


def test_client_messages_are_never_written_to_the_disk_cache(encoder, tmp_path, monkeypatch):
    from bot.understanding import encoder as module

    monkeypatch.setattr(module, "CACHE_DIR", tmp_path)
    encoder.encode(["een bericht van een cliënt"])
    assert list(tmp_path.iterdir()) == []
    encoder.encode(["trainingsvoorbeeld"], persist=True)
    assert len(list(tmp_path.iterdir())) == 1
    # the cached vector is the same as a fresh one
    fresh = SentenceEncoder().encode(["trainingsvoorbeeld"])
    assert np.allclose(encoder.encode(["trainingsvoorbeeld"], persist=True), fresh, atol=1e-5)


def test_a_head_learns_separable_classes_and_survives_save_and_load(tmp_path):
    work = ["ik wil werken", "ik zoek een baan", "graag weer aan het werk", "solliciteren wil ik wel"] * 3
    pets = ["mijn hond is lief", "de kat slaapt", "ik heb twee konijnen", "onze cavia eet sla"] * 3
    head = fit_head(work + pets, ["work"] * len(work) + ["pets"] * len(pets))
    assert head.predict("ik wil een baan")[0] == "work"
    assert head.predict("mijn kat is ziek")[0] == "pets"
    head.save(tmp_path / "h.pkl")
    again = TextHead.load(tmp_path / "h.pkl")
    assert np.allclose(again.probabilities(["ik wil een baan"]), head.probabilities(["ik wil een baan"]))


def test_a_replaced_shared_encoder_feeds_the_trainer_only_within_its_block(tmp_path, monkeypatch):
    from bot.understanding import encoder as module

    monkeypatch.setattr(module, "CACHE_DIR", tmp_path)

    class Fake(SentenceEncoder):
        dims = 3
        calls = 0

        @property
        def fingerprint(self):
            return "fake"

        def _embed(self, texts):
            Fake.calls += len(texts)
            return np.tile(np.array([1.0, 0.0, 0.0], dtype=np.float32), (len(texts), 1))

    before = module.shared_encoder()
    texts = ["ik wil werken", "mijn hond is lief"] * 3
    with module.shared_encoder_replaced(Fake(memory_items=0)) as fake:
        assert module.shared_encoder() is fake
        head = fit_head(texts, ["work", "pets"] * 3)
        assert head.model.coef_.shape[1] == head.vectorizer.transform(["x"]).shape[1] + 3
    assert Fake.calls >= len(texts)
    assert module.shared_encoder() is before


def test_out_of_group_scores_never_see_their_own_group():
    texts = ["appel", "peer", "banaan", "kiwi"]
    labels, probs = out_of_group_probabilities(texts * 2, ["a", "b"] * 4, ["g1"] * 4 + ["g2"] * 4, dense_scale=0)
    assert labels == ("a", "b") and probs.shape == (8, 2)
    assert np.allclose(probs.sum(axis=1), 1.0)


def test_the_stage_training_set_has_every_stage_and_no_crisis_examples():
    examples = stage.training_set()
    labels = {e.stage for e in examples}
    assert set(STAGES) | {"none"} <= labels
    from bot.understanding.training_data import nlu_examples_by_intent

    crisis = set(nlu_examples_by_intent()["crisis"])
    assert not crisis & {e.text for e in examples}


@pytest.mark.parametrize(
    "text, act, expected",
    [
        ("Ik doe vrijwilligerswerk bij de bibliotheek", "goodbye", "stage_precontemplation"),
        ("Ik werk sinds kort bij een supermarkt", "bot_challenge", "stage_action"),
        ("doei, ik ga nu solliciteren", "goodbye", None),  # a goodbye word: the act stands
        ("ben jij een robot die mijn sollicitaties leest?", "bot_challenge", None),  # a question
        ("tot ziens", "goodbye", None),
        ("Ik werk sinds kort bij een supermarkt", "explain_situation", None),  # not an overridable act
    ],
)
def test_content_outranks_a_dialogue_act_only_when_clear(text, act, expected):
    stage_name = (expected or "stage_action").replace("stage_", "")
    assert content_outranks_act(text, act, {"name": stage_name, "confidence": 0.8}) == expected


def test_an_unsure_stage_reading_never_overrides_an_act():
    assert (
        content_outranks_act(
            "Ik doe vrijwilligerswerk bij de bibliotheek", "goodbye", {"name": "action", "confidence": 0.4}
        )
        is None
    )
    assert (
        content_outranks_act(
            "Ik doe vrijwilligerswerk bij de bibliotheek", "goodbye", {"name": "none", "confidence": 0.9}
        )
        is None
    )


def test_every_goodbye_example_has_leave_taking_and_plans_do_not():
    from bot.understanding.dialogue_act import is_leave_taking
    from bot.understanding.training_data import nlu_examples_by_intent

    goodbyes = nlu_examples_by_intent()["goodbye"]
    assert goodbyes and all(is_leave_taking(t) for t in goodbyes), [t for t in goodbyes if not is_leave_taking(t)]
    for text in (
        "ja, dat wil ik volgende week doen",
        "morgen ga ik naar het station voor mijn proefdag",
        "Ik doe vrijwilligerswerk bij de bibliotheek",
        "ik ben op",
    ):
        assert not is_leave_taking(text), text


def test_questions_are_told_from_answers():
    from bot.understanding.dialogue_act import looks_like_question

    assert looks_like_question("waarom vraagt u dat")
    assert looks_like_question("Mag ik dat later nog veranderen?")
    assert not looks_like_question("ja hoor")
    assert not looks_like_question("nee, nu even niet")


def test_the_calibration_error_is_the_weighted_gap_between_confidence_and_accuracy():
    from bot.understanding.evaluation import calibration

    perfect = calibration(["a", "b"], ["a", "b"], [1.0, 1.0])
    assert perfect.ece == 0.0
    c = calibration(["a", "a", "b", "b"], ["a", "b", "b", "b"], [0.95, 0.55, 0.85, 0.65])
    assert abs(c.ece - 0.275) < 1e-9 and [b["n"] for b in c.bins] == [1, 1, 1, 1]


# -- calibration ---------------------------------------------------------------------------
def test_a_temperature_keeps_the_ranking_and_is_recovered_from_overconfident_scores():
    from bot.understanding.text_head import fit_temperature, with_temperature

    rng = np.random.default_rng(0)
    logits = rng.normal(size=(4000, 3)) * 2
    truth = [int(rng.choice(3, p=np.exp(row) / np.exp(row).sum())) for row in logits]
    calibrated = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    overconfident = with_temperature(calibrated, 0.5)  # logits doubled
    assert (overconfident.argmax(axis=1) == calibrated.argmax(axis=1)).all()
    assert np.allclose(overconfident.sum(axis=1), 1.0)
    assert abs(fit_temperature(overconfident, truth) - 2.0) < 0.2
    assert abs(fit_temperature(calibrated, truth) - 1.0) < 0.1
    assert with_temperature(calibrated, 1.0) is calibrated


def test_a_calibrated_head_stores_its_temperature_and_applies_it(tmp_path):
    work = ["ik wil werken", "ik zoek een baan", "graag weer aan het werk", "solliciteren wil ik wel"] * 3
    pets = ["mijn hond is lief", "de kat slaapt", "ik heb twee konijnen", "onze cavia eet sla"] * 3
    groups = ["w1", "w2", "w3"] * 8
    head = fit_head(work + pets, ["work"] * 12 + ["pets"] * 12, dense_scale=0, calibrate_groups=groups)
    assert head.temperature != 1.0
    head.save(tmp_path / "h.pkl")
    again = TextHead.load(tmp_path / "h.pkl")
    assert again.temperature == head.temperature
    raw, scaled = again.raw_probabilities(["ik wil een baan"]), again.probabilities(["ik wil een baan"])
    assert not np.allclose(raw, scaled) and raw.argmax() == scaled.argmax()
    # a head pickled before calibration existed has no temperature attribute: it reads 1
    del again.__dict__["temperature"]
    assert again.temperature == 1.0 and np.allclose(again.probabilities(["ik wil een baan"]), raw)


def test_writer_folds_never_split_a_writer():
    from bot.understanding.text_head import writer_folds

    groups = [f"w{i % 7}" for i in range(70)]
    folds = writer_folds(groups, 3)
    assert len(set(folds)) == 3
    for writer in set(groups):
        assert len({f for g, f in zip(groups, folds) if g == writer}) == 1


def test_the_crisis_classifier_is_a_binary_head_of_the_shared_trainer(tmp_path):
    from bot.understanding.safety.classifier import CrisisClassifier, fit, scores_out_of_writer

    crisis = ["ik wil niet meer leven", "ik wil dood", "ik maak er een eind aan", "ik wil er niet meer zijn"] * 3
    ok = ["ik wil niet meer thuis zitten", "dodelijk saai", "ik ga solliciteren", "mijn kat slaapt"] * 3
    writers = ["a", "b", "c"] * 8
    labels = [1] * 12 + [0] * 12
    classifier = fit(crisis + ok, labels, dense_scale=0, writers=writers)
    assert isinstance(classifier.head, TextHead) and classifier.head.labels == ("0", "1")
    assert classifier.probability("ik wil dood") > classifier.probability("mijn kat slaapt")
    # the detector's probability is the uncalibrated one (its thresholds were chosen on it)
    raw = classifier.head.raw_probabilities(["ik wil dood"])[0, 1]
    assert classifier.probability("ik wil dood") == raw
    assert (
        classifier.calibrated_probabilities(["ik wil dood"])[0] == classifier.head.probabilities(["ik wil dood"])[0, 1]
    )
    classifier.save(tmp_path / "crisis.pkl")
    assert CrisisClassifier.load(tmp_path / "crisis.pkl").probability("ik wil dood") == classifier.probability(
        "ik wil dood"
    )
    scores = scores_out_of_writer(crisis + ok, labels, writers, dense_scale=0)
    assert scores.shape == (24,) and ((scores >= 0) & (scores <= 1)).all()
