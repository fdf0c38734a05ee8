"""The knowledge base answers the client's own questions - and says so when it cannot. The
questions here are worded differently from knowledge.yml (its training data)."""

import pytest

from bot.coach import knowledge


@pytest.mark.parametrize(
    "question, entry",
    [
        ("Wat als ik ga werken, wat doet dat met mijn bijstand?", "income_and_benefit"),
        ("mag ik meer verdienen naast mijn bijstand?", "income_and_benefit"),
        ("wie krijgt dit allemaal te lezen?", "what_is_stored"),
        ("wordt dit doorgegeven aan de gemeente?", "what_is_stored"),
        ("leest mijn leidinggevende hier ook in mee?", "what_is_stored"),
        ("wat gebeurt hierna?", "what_happens_next"),
        ("mag ik gewoon vrijwilliger blijven in de bijstand?", "volunteering_and_benefit"),
        ("wat is instanties?", "word_instanties"),
        ("wat betekent re-integratie eigenlijk", "word_reintegratie"),
    ],
)
def test_a_question_in_other_words_finds_its_answer(question, entry):
    found, probability = knowledge.best_match(question)
    assert found is not None and found.id == entry and probability >= knowledge.MIN_PROBABILITY, (found, probability)
    assert knowledge.answer(question) == found.answer


@pytest.mark.parametrize(
    "question",
    [
        "hoe laat is het?",
        "hoe oud ben jij?",
        "welke opleiding past bij mij?",
        "waar vind ik vacatures voor schoonmaakwerk?",
        "hoe heet mijn klantmanager?",
        "waarom moet ik van de gemeente solliciteren?",
        "kan ik een afspraak verzetten?",
    ],
)
def test_a_question_the_base_cannot_answer_gets_no_answer(question):
    assert knowledge.answer(question) is None


def test_every_answer_about_money_or_rules_says_who_decides():
    entries, _ = knowledge.load()
    for entry in entries:
        if entry.id in ("income_and_benefit", "volunteering_and_benefit"):
            assert "klantmanager" in entry.answer and "arbeidsdeskundige" in entry.answer


def test_an_answer_that_says_a_professional_reads_has_an_open_chat_variant_that_says_nobody_does():
    entries, _ = knowledge.load()
    says_who_reads = [e for e in entries if "leest" in e.answer and "professional" in e.answer]
    assert {"what_is_stored", "what_happens_next"} <= {e.id for e in says_who_reads}
    for entry in says_who_reads:
        assert entry.answer_open and "niemand" in entry.answer_open, entry.id
        assert entry.answer_for(open_chat=True) == entry.answer_open and entry.answer_for(False) == entry.answer
