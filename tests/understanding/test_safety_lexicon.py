"""The safety lexicon and detector without the trained classifier (that one is measured on
held-out data in tests/understanding/test_heldout.py)."""

import pytest

from bot.understanding.safety import Detector
from bot.understanding.safety.normalize import canonical

LEXICON = Detector(classifier=None)


@pytest.mark.parametrize(
    "text, level, category",
    [
        ("ik wil niet meer leven", "possible", "passive_death_wish"),
        ("soms hoop ik dat ik gewoon niet meer wakker word", "possible", "passive_death_wish"),
        ("het hoeft voor mij allemaal niet meer", "possible", "passive_death_wish"),
        ("k wil nie meer wakke worde", "possible", "passive_death_wish"),  # chat spelling
        ("ik denk aan zelfmoord", "possible", "active_thoughts"),
        ("ik heb zelfmoordgedachtes sinds ik ontslagen ben", "possible", "active_thoughts"),
        ("ik denk erover om uit het leven te stappen", "possible", "active_thoughts"),
        ("ik ga vannacht naar het spoor", "acute", "plan_means"),
        ("ik heb opgezocht hoeveel pillen je nodig hebt", "acute", "plan_means"),
        ("als die brief komt stap ik eruit", "acute", "plan_means"),
        ("ik heb een afscheidsbrief geschreven", "acute", "preparation_farewell"),
        ("ik kras mezelf weer om de spanning kwijt te raken", "acute", "self_harm"),
        ("iedereen is beter af zonder mij", "possible", "burden_hopeless"),
        ("mijn vrouw verdient beter dan mij", "possible", "burden_hopeless"),
        ("mijn man slaat me en ik durf niet naar huis", "acute", "danger_other"),
        ("ik ben dronken en de pillen liggen naast me", "acute", "intoxication_means"),
        (
            "Ik ben best tevreden met het project. Maar ik wil er gewoon niet meer zijn.",
            "possible",
            "passive_death_wish",
        ),  # the signal inside a longer message
        # long-message wordings (the third pass of the lexicon), in words of their own
        ("Het is druk met de kinderen. Soms denk ik, beter ik was er niet meer.", "possible", "passive_death_wish"),
        ("ik zeg tegen God dat hij mij mag komen halen", "possible", "passive_death_wish"),
        ("niet meer wakker worden lijkt me eigenlijk wel fijn", "possible", "passive_death_wish"),
        ("als mijn hart ermee ophoudt vind ik dat prima", "possible", "passive_death_wish"),
        ("ik denk dat het leven niet meer de moeite waard is", "possible", "passive_death_wish"),
        ("ik lig wakker en denk hoe ik ertussenuit kan knijpen, voorgoed", "possible", "active_thoughts"),
        ("als ze me weer korten loop ik de rivier in, dat weet ik al", "acute", "plan_means"),
        ("ik weet hoeveel tabletten genoeg zijn", "acute", "plan_means"),
        ("ik heb mijn broer een envelop gegeven die hij pas zondag mag openmaken", "acute", "preparation_farewell"),
        ("mijn benen zitten vol met krassen, dat doe ik zelf", "acute", "self_harm"),
        ("zonder mij hebben ze niet zoveel zorgen", "possible", "burden_hopeless"),
        ("voor mij is er geen plek op deze wereld", "possible", "burden_hopeless"),
    ],
)
def test_crisis_wording_is_recognised(text, level, category):
    signal = LEXICON.assess(text)
    assert signal.level == level and category in signal.categories


@pytest.mark.parametrize(
    "text",
    [
        "ik wil niet meer thuis zitten",
        "ik wil niet meer afhankelijk zijn van de gemeente",
        "ik ga dood van de stress haha",
        "dat project is dodelijk saai",
        "ik schrok me dood",
        "ik ben doodmoe",
        "ik zie het niet zitten om te solliciteren",
        "ik heb zin om weer te beginnen",
        "ja, dat wil ik volgende week doen",
        "ik maak een eind aan dat vrijwilligerswerk",
        "vannacht draai ik een nachtdienst",
        "morgen ga ik naar het station voor mijn proefplaatsing",
        "ik slik pijnstillers voor mijn rug",
        "ik heb me gesneden aan een blikje",
        "ik werk bij een uitvaartcentrum",
        "dat formulier maakt me gek",
        "mijn laptop heeft zelfmoord gepleegd, al mijn bestanden weg",
        "ik wil niet dood, ik wil gewoon werk",
        # ordinary long-message wordings that carried a crisis word
        "Sinds ik bij de bakker werk, staat mijn leven weer op de rails.",
        "Mijn oom is vorig jaar overleden aan een overdosis, dat was heel verdrietig.",
        "Oma heeft haar eigen uitvaart geregeld, tot en met de muziek.",
        "We zijn met de bloemen naar het graf van opa gegaan.",
        "Ik schreef een afscheidsbrief aan de collega's van de kringloop, want ik heb een baan.",
        "Zou het erg zijn als ik er niet meer was op vrijdag bij de les?",
    ],
)
def test_near_misses_are_no_signal(text):
    assert not LEXICON.assess(text).flagged


def test_negation_turns_a_signal_into_a_weak_one():
    assert LEXICON.assess("ik denk niet aan zelfmoord, maar ik ben wel moe").level == "weak"


def test_two_kinds_of_weak_signal_in_one_message_make_the_coach_ask():
    assert LEXICON.assess("ik kan niet meer").level == "weak"
    assert LEXICON.assess("ik ben op. het wordt toch nooit meer wat").level == "possible"


def test_normalisation_resolves_chat_spelling_accents_and_emoji():
    assert canonical("K wil NIE mèèèr!!! 💊") == "ik wil niet meer | pillen"
    assert canonical("suïcide") == "suicide"


def test_signal_round_trips_without_text():
    signal = LEXICON.assess("ik wil dood")
    data = signal.as_dict()
    assert "ik wil dood" not in str(data) and data["flag"] is True
    assert type(signal).from_dict(data).level == signal.level


@pytest.mark.parametrize(
    "text",
    [
        "rayan is wakker ik moet gaan doei",
        "kan ik ook gewoon stoppen met deze chat als ik wil?",
        "ik moet nu gaan, de kinderen halen",
        "Fijn, dan weet mijn jobcoach wat ik bedoel als ze dit leest.",  # the professional reading along
    ],
)
def test_leaving_the_chat_is_a_near_miss(text):
    from bot.understanding.safety.near_miss import near_miss

    assert near_miss(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik stop ermee, dit is mijn laatste bericht",
        "ik moet gaan. voor altijd.",
        "als ik er niet meer ben",
        "als jullie dit lezen ben ik al weg",
    ],
)
def test_a_farewell_is_not_a_near_miss(text):
    from bot.understanding.safety.near_miss import near_miss

    assert not near_miss(text)
