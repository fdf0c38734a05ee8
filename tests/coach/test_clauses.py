"""Clauses of a client's message and their 'u' form (bot/coach/clauses.py)."""

import pytest

from bot.coach.clauses import shift, split


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ik vind het vrijwilligerswerk bij de manege heerlijk",
            "u vindt het vrijwilligerswerk bij de manege heerlijk",
        ),
        ("mijn rug doet te veel pijn", "uw rug doet te veel pijn"),
        ("nu ben ik al drie jaar thuis", "nu bent u al drie jaar thuis"),
        ("Ik heb vorige week drie sollicitaties verstuurd.", "u hebt vorige week drie sollicitaties verstuurd"),
        ("Eigenlijk wil ik wel weer iets doen", "eigenlijk wilt u wel weer iets doen"),
        ("het maakt me moe", "het maakt u moe"),
        ("ik ben bang dat ik mijn uitkering kwijtraak", "u bent bang dat u uw uitkering kwijtraakt"),
        ("ik werk twee dagen in de kringloop", "u werkt twee dagen in de kringloop"),
        ("ik voel me nutteloos sinds ik thuis zit", "u voelt zich nutteloos sinds u thuis zit"),
        ("ik zit thuis en doe een beetje vrijwilligerswerk", "u zit thuis en doet een beetje vrijwilligerswerk"),
        ("als ik ga werken ben ik bang dat het mis gaat", "als u gaat werken bent u bang dat het mis gaat"),
        ("me dochter vind dat ik moet gaan werken", "uw dochter vindt dat u moet gaan werken"),
        ("ik heb me aangemeld bij een uitzendbureau", "u hebt zich aangemeld bij een uitzendbureau"),
        ("ik hoop dat ik binnenkort een stage kan doen", "u hoopt dat u binnenkort een stage kunt doen"),
        ("vorige week ik heb een fiets gemaakt", "vorige week hebt u een fiets gemaakt"),  # NT2 word order
        ("als ik BBL doe, ik krijg salaris", "als u BBL doet, krijgt u salaris"),
        ("ik werk twee dagen, ik vind het leuk", "u werkt twee dagen, u vindt het leuk"),
        # a word after an article is a noun, not the verb of the clause
        ("mijn vrouw zegt dat ik het moet proberen bij de zorg", "uw vrouw zegt dat u het moet proberen bij de zorg"),
        ("ik denk dat ik in de zorg werk", "u denkt dat u in de zorg werkt"),
    ],
)
def test_shift(text, expected):
    assert shift(text) == expected


@pytest.mark.parametrize(
    "text", ["ja", "", "ik en jij gaan", "wij hebben schulden", "de gemeente doet moeilijk", "betaald werk op mijn 61e"]
)
def test_no_shift_when_unsafe_or_nothing_to_shift(text):
    assert shift(text) is None


def test_split_finds_subject_connector_and_question():
    clauses = split("Mijn klantmanager wil dat ik solliciteer, maar ik durf niet. Wat moet ik doen?")
    assert [c.subject for c in clauses] == ["other", "client", "client"]
    assert clauses[0].who.lower() == "mijn klantmanager"
    assert clauses[1].connector == "maar" and clauses[1].negated
    assert clauses[2].question and clauses[2].shifted is None


def test_interjections_and_fronted_verbs():
    [clause] = split("Eerlijk gezegd zie ik het niet zitten om weer te solliciteren")
    assert clause.shifted == "u ziet het niet zitten om weer te solliciteren"
    [clause] = split("Het liefst weer gewoon werken, een uur of 20 in de week")
    assert clause.shifted == "u wilt het liefst weer gewoon werken, een uur of 20 in de week"


def test_an_answer_to_why_is_said_back_as_a_main_clause():
    assert shift("omdat ik op school zie dat ik het kan met kinderen") == "u ziet op school dat u het kunt met kinderen"


def test_a_worry_put_as_a_question_is_no_request_for_information():
    from bot.coach.clauses import asks_for_information

    assert asks_for_information("wat is een proefplaatsing?")
    assert asks_for_information("mag ik stoppen met deze chat?")
    assert not asks_for_information("maar als ik werk, wie haalt de kinderen om 3 uur?")


@pytest.mark.parametrize(
    "text", ["ik snap dat papier nie", "mijn buurvrouw helpt met de brieve", "mijn klantmanager zij ik moet dit doen"]
)
def test_a_typo_is_never_said_back(text):
    assert shift(text) is None


def test_an_inflected_adjective_is_no_typo():
    assert shift("ik vind het een mooie baan") == "u vindt het een mooie baan"


def test_separable_past_tense_and_maar_as_an_adverb():
    assert shift("toen ik uitviel kon ik drie maanden niks") == "toen u uitviel kon u drie maanden niks"
    assert [c.connector for c in split("ik wil wel, maar ik durf niet goed")] == ["", "maar"]
    assert len(split("laat ik maar meteen zeggen dat ik niet blij ben")) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        # a mark before a trailing tag or a comma: the echo gets one stop, the template's own
        ("ik heb drie dagen per week vrij! haha", "u hebt drie dagen per week vrij"),
        ("ik loop elke ochtend een uur!!, echt waar", "u loopt elke ochtend een uur, echt waar"),
        # a coordinated clause with its own subject keeps its verb: "gaat mis", not "gaat mist"
        (
            "als ik verhuis en het loopt mis met de huur zit ik op straat",
            "als u verhuist en het loopt mis met de huur zit u op straat",
        ),
    ],
)
def test_shift_punctuation_and_coordinated_clauses(text, expected):
    assert split(text)[0].shifted == expected


def test_subordinate_order_refuses_a_particle_before_a_phrase():
    from bot.coach.clauses import subordinate_order

    assert subordinate_order("u bent helemaal op na een lange dag") is None  # not "u helemaal op na ... bent"
    assert subordinate_order("u kijkt uit naar het voorjaar") is None
    assert subordinate_order("u bent trots op uw dochter") == "u trots op uw dochter bent"


def test_a_teaser_before_the_story_is_no_question_to_the_coach():
    from bot.coach.clauses import questions_to_coach

    assert questions_to_coach("En raad eens wie ik tegenkwam? Mijn oude baas, bij de bakker.") == []
    assert questions_to_coach("Weet je wat het gekke is? Ik mis het gewoon.") == []
    # a question about a word or a fact still is one, also with more text after it
    assert questions_to_coach("Weet je wat een werkervaringsplaats is? Ik hoorde het gisteren.") != []
    assert questions_to_coach("Weet je wat het gekke is?") != []  # nothing follows: the client asks


def test_chat_statement_without_ik_is_no_question_and_tags_and_separable_verbs():
    from bot.coach.clauses import questions_to_coach

    # "ben het zat ..." leaves out "ik": a statement; "ben ik ...", "heb ik ..." are questions
    assert questions_to_coach("werken lijkt me fijn. heb het gehad met dat gedoe van de toeslagen") == []
    assert questions_to_coach("krijg ik dan minder geld als ik ga werken") != []
    # a trailing "dus" is no part of the echo ("Dus u wilt ... dus.")
    assert split("ik begin in januari aan de opleiding dus")[0].shifted == "u begint in januari aan de opleiding"
    assert split("ik begin in januari aan de opleiding dus ja")[0].shifted == "u begint in januari aan de opleiding"
    # a separable verb left in the first person is refused, not said back as "u ... nooit opbel"
    assert split("omdat ik elke week naar de club ga en nooit opgeef")[0].shifted is None
