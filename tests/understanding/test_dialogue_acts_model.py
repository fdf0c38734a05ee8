"""Messages new users sent that the model misread (issue: understanding the client), through
the real trained model: the dialogue act and the stage come out right."""

import pytest

from bot.understanding.nlu_result import classification

pytestmark = pytest.mark.model


def parse(agent, loop, text):
    return classification(loop.run_until_complete(agent.parse_message(text)))


@pytest.mark.parametrize(
    "text, wrong_acts",
    [
        ("Ik doe vrijwilligerswerk bij de bibliotheek", {"goodbye"}),
        ("Ik werk sinds kort bij een supermarkt", {"bot_challenge", "ask_question", "goodbye"}),
        ("Ik heb zin om weer te beginnen", {"crisis", "goodbye"}),
        ("ja, dat wil ik volgende week doen", {"goodbye", "crisis"}),
        ("morgen ga ik naar het station voor mijn proefdag", {"goodbye", "crisis"}),
        ("waarom vraagt u dat", {"affirm", "deny"}),
        ("ik ben op", {"goodbye"}),
        ("dank je, tot ziens", {"nlu_fallback"}),
    ],
)
def test_misread_messages_are_read_right(agent, loop, text, wrong_acts):
    result = parse(agent, loop, text)
    assert result["intent"] not in wrong_acts, result
    assert result["input_problem"] is None, result


@pytest.mark.parametrize(
    "text, stages",
    [
        ("Ik werk sinds kort bij een supermarkt", {"action", "maintenance"}),
        ("Ik heb vorige week drie sollicitatiebrieven verstuurd", {"action"}),
        ("Betaald werk hoeft voor mij niet, ik ben tevreden bij de kringloop", {"precontemplation"}),
        ("hallo", {"none"}),
        ("een 7", {"none"}),
    ],
)
def test_the_stage_head_reads_the_situation(agent, loop, text, stages):
    assert parse(agent, loop, text)["stage"] in stages


def test_a_goodbye_still_is_one(agent, loop):
    for text in ("doei", "ik moet gaan, tot de volgende keer", "bedankt, fijne dag nog"):
        assert parse(agent, loop, text)["intent"] in ("goodbye", "thanks"), text


@pytest.mark.parametrize(
    "text",
    [
        "Zo, ik heb weer genoeg gepraat, mijn koffie is koud. Ik ga stoppen. Dank je wel en tot ziens.",
        "ik moet er nu echt vandoor, morgen vroeg op voor mijn dienst. dank je wel, tot ziens",
        "Ik moet ophouden, mijn man heeft gekookt. Bedankt voor het gesprek. Tot ziens.",
    ],
)
def test_a_long_goodbye_is_a_goodbye_and_no_crisis(agent, loop, text):
    result = parse(agent, loop, text)
    assert result["intent"] == "goodbye", result
    assert not result["crisis"], result


def test_being_ready_is_no_goodbye(agent, loop):
    assert parse(agent, loop, "ik werk nu drie dagen. ik ben er klaar voor")["intent"] != "goodbye"
