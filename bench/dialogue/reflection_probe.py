"""Client lines the scripted clients do not have, to see whether the reflections generalise.

    python -m bench.dialogue.reflection_probe        (each line and the coach's reflection)

Written for this purpose (long, indirect, NT2, typos, sarcasm, anger at the gemeente), not taken
from bench/dialogue/clients/. The verdicts on the output are in reflection_review/probe_*.yml.
"""

from __future__ import annotations

import random
import sys

from bot.coach.content import load_content
from bot.coach.reflection import compose

LINES = [
    # (talk type, confidence, line)
    (
        "sustain",
        0.8,
        "Ik heb 26 jaar in de thuiszorg gewerkt en nu zegt de gemeente dat ik maar moet gaan schoonmaken. Alsof ik niks kan.",
    ),
    ("neutral", 0.4, "mijn man vind dat ik thuis moet blijven voor de kinderen"),
    ("change", 0.7, "Ik zou best weer iets willen, maar ik weet niet wat. Het is zo lang geleden."),
    ("sustain", 0.9, "ja hoor, weer een gesprek. de vorige drie hebben ook zoveel opgeleverd"),
    ("neutral", 0.3, "ik ben Sanne en ik heb twee kinderen van 3 en 5"),
    ("sustain", 0.7, "ik kan nie lang staan door mijn heup en de dokter zegt ik moet rustig aan doen"),
    ("change", 0.8, "Wat ik eigenlijk het liefst zou doen is iets met dieren. Bij een dierenasiel of zo."),
    ("neutral", 0.5, "Eerlijk gezegd weet ik niet zo goed waarom ik hier zit."),
    ("sustain", 0.8, "Omdat ik al twee jaar niks hoor op mijn brieven. Je wordt er moedeloos van."),
    ("change", 0.9, "Ik heb me vorige week ingeschreven bij een uitzendbureau en morgen heb ik een gesprek."),
    ("sustain", 0.6, "Het is niet dat ik niet wil. Het gaat gewoon niet met mijn energie."),
    ("neutral", 0.4, "Mijn moeder is vorig jaar overleden en sindsdien is alles anders."),
    ("change", 0.6, "Ik mis het om ergens bij te horen, collega's, een praatje bij de koffieautomaat."),
    ("sustain", 0.7, "Die klantmanager van mij heeft nooit tijd en belt nooit terug. Ik ben er klaar mee."),
    ("neutral", 0.5, "Dat is een goede vraag. Daar heb ik nooit over nagedacht."),
    ("change", 0.7, "Vroeger was ik kok in een restaurant, dat vond ik het mooiste werk dat er is."),
    ("sustain", 0.8, "Met mijn reuma kan ik sommige dagen niet eens een pot openmaken, dus werken zit er niet in."),
    ("neutral", 0.4, "Ik woon sinds 2015 in Nederland. Ik heb in Syrie als leraar gewerkt."),
    ("change", 0.8, "Als ik een diploma had, dan zou ik meteen in de kinderopvang willen werken."),
    ("sustain", 0.6, "Ik ben bang dat ze me dan korten op mijn uitkering als het misgaat."),
    ("neutral", 0.3, "Goh. Tja. Lastig om te zeggen eigenlijk."),
    ("change", 0.7, "Mijn zus werkt bij de Albert Heijn en zij zegt dat ze daar mensen zoeken."),
    (
        "sustain",
        0.8,
        "Ik vind het vernederend dat ik elke maand formulieren moet invullen om te bewijzen dat ik niks verdien.",
    ),
    ("neutral", 0.5, "Ik zorg voor mijn vader die dementie heeft, dat kost veel tijd."),
    ("change", 0.6, "Sinds ik bij de voedselbank help, voel ik me weer nuttig."),
    ("sustain", 0.7, "Nou, eerlijk, ik heb helemaal geen zin in dit gedoe. Laat me gewoon met rust."),
    ("neutral", 0.4, "Ik heb een rijbewijs maar geen auto, en de bus rijdt hier maar een keer per uur."),
    ("change", 0.8, "Ik wil mijn kinderen laten zien dat je kunt werken, ook als het moeilijk is."),
    ("sustain", 0.5, "Ik snap niet waarom ik moet solliciteren als ik toch ziek ben"),
    ("neutral", 0.3, "haha ja dat klopt wel denk ik"),
    ("change", 0.7, "ik werk nu 8 uur bij een bakkerij op proef. het gaat goed maar ik ben wel moe"),
    ("sustain", 0.6, "Ik heb het al zo vaak geprobeerd en telkens ging het mis na een paar weken."),
    ("neutral", 0.5, "De arbeidsdeskundige zei dat ik 20 uur per week kan werken, maar dat geloof ik niet."),
    ("change", 0.7, "Het zou fijn zijn om weer een eigen inkomen te hebben en niet steeds te moeten rekenen."),
    ("sustain", 0.7, "Werk? Ik ben 63. Wie wil mij nog hebben."),
    (
        "neutral",
        0.4,
        "Ik doe drie dagen per week vrijwilligerswerk in de bibliotheek, daar help ik mensen met formulieren.",
    ),
]


def _say(key, fill):
    return random.Random(key).choice(load_content().texts(key)).format(**fill)


def main() -> None:
    for talk, confidence, line in LINES:
        reply = compose(line, talk, confidence, _say)
        out = f"[{reply.kind}] {reply.text}" if reply else "[none]"
        print(f"- {line}\n  -> {out}", file=sys.stdout)


if __name__ == "__main__":
    main()
