"""Dutch crisis-signal patterns, per category of suicide-prevention practice.

The patterns run on the canonical text of `normalize` (lower case, no accents, chat spelling
resolved), clause by clause, so they survive inflection, typos, NT2 spelling, emoji and word
order. Each pattern has a strength:

* `acute`    - an explicit plan, means at hand, self-harm, danger from another person:
               the coach gives crisis support at once;
* `possible` - a death wish, suicidal thoughts in other words, burden, farewell signs:
               the coach asks directly;
* `weak`     - exhaustion, hopelessness, isolation, worthlessness: two of them within a few
               turns (or two kinds in one message) make the coach ask.

Scope and negation: "niet meer" patterns require that nothing but a life-word follows
("ik wil niet meer" / "... niet meer leven" is a signal, "ik wil niet meer thuis zitten" is
not); a negator before a positive pattern ("ik denk niet aan zelfmoord") turns the match
into a weak signal instead of dropping it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Tuple

from bot.understanding.safety.normalize import normalise

CATEGORIES = (
    "passive_death_wish",
    "active_thoughts",
    "plan_means",
    "preparation_farewell",
    "self_harm",
    "burden_hopeless",
    "danger_other",
    "intoxication_means",
)
WEAK_KINDS = ("exhaustion", "hopelessness", "isolation", "worthlessness")

# -- building blocks (canonical text: lower case, single spaces) -------------------------
SELF = r"(?:mezelf|me|mij|mn eigen|mijn eigen)"
IK = r"(?:ik|ikzelf)"
END = r"(?:(?: (?:meer|echt|gewoon|hoor|nou|nu|ook|allemaal|sorry|alsjeblieft|eerlijk gezegd|eigenlijk|voor mij|zo))*$)"
LIFE = (
    r"(?:(?:leven|leve|bestaan|verder|verder leven|doorgaan|ademen|zijn|er zijn|wakker worden|hier zijn)"
    r"(?! (?:van|op|zonder|met|in|bij|als|voor) )(?!.*\b(?:werk|werken|baan|uitkering|gemeente|thuis)\b))"
)
WANT = r"(?:wil|wilde|wou|willen|zou willen|zou ik willen|wens|hoop|wilt)"
NOT_MORE = r"(?:niet|nooit) meer"
PILLS = (
    r"(?:pillen|pil|tabletten|tablet|medicijnen|medicatie|slaappillen|slaapmiddel|slaapmiddelen|"
    r"oxazepam|temazepam|diazepam|lorazepam|paracetamol|paracetamols|oxycodon|oxycontin|tramadol|lithium|"
    r"morfine|antidepressiva|insuline|strip|strips|doosje|doosjes|potje)"
)
HIGH_PLACE = (
    r"(?:spoor|overweg|spoorwegovergang|rails|spoorweg|spoorlijn|trein|brug|dak|flat|balkon|viaduct|torenflat|galerij|"
    r"parkeergarage|klif|rand|raam|hoogte|water|gracht|kanaal|rivier|zee|snelweg)"
)
KIN = (
    r"(?:man|vrouw|vriend|vriendin|ex|partner|vader|moeder|zoon|broer|schoonvader|stiefvader|"
    r"buurman|vent|echtgenoot|echtgenote|huisgenoot)"
)
_AS_PRESCRIBED = r"(?!.*\b(?:zoals afgesproken|voorgeschreven|op tijd|zoals altijd|gewoon genomen|bij het eten)\b)"
TIME = r"(?:vannacht|vanavond|vandaag|morgen|straks|dit weekend|zondag|zaterdag|vrijdag|nu meteen|zometeen)"


@dataclass(frozen=True)
class Pattern:
    category: str  # one of CATEGORIES, or a WEAK_KINDS kind for weak patterns
    strength: str  # acute / possible / weak
    regexes: Tuple["re.Pattern[str]", ...]
    negatable: bool = True


def _p(category: str, strength: str, *alternatives: str, negatable: bool = True) -> Pattern:
    return Pattern(category, strength, tuple(re.compile(a) for a in alternatives), negatable)


PATTERNS: Tuple[Pattern, ...] = (
    # --- passive death wish --------------------------------------------------------------
    _p(
        "passive_death_wish",
        "possible",
        rf"\b{IK} {WANT} (?:\w+ )?{NOT_MORE}{END}",
        rf"\b{WANT} (?:\w+ ){{0,2}}{NOT_MORE} {LIFE}\b",
        rf"\b(?:hoef|hoeft) (?:\w+ ){{0,2}}{NOT_MORE} (?:te )?{LIFE}\b",
        rf"\b(?:het|alles|het allemaal|dit|dat allemaal) (?:hoeft|hoef) (?:voor mij |van mij |voor mijn part )?(?:\w+ )?{NOT_MORE}{END}",
        rf"(?:^|\b(?:het|alles|ik) )hoeft? (?:het )?(?:voor mij |allemaal |echt |gewoon )*(?:niet|nooit) meer(?: voor mij)?{END}",
        rf"\b{NOT_MORE} (?:wakker|wakke) (?:te )?(?:worden|word|wordt|zou worden|werd)\b",
        r"\b(?:niet|nooit) (?:meer )?(?:wakker|wakke) (?:hoeven|hoef|te) (?:worden|word)\b",
        r"\bniet meer (?:zou|zal) (?:wakker|opstaan|ontwaken)\b",
        r"\b(?:slapen|inslapen|gaan slapen) en (?:nooit|niet) meer\b",
        rf"\b(?:{IK} {WANT}|{WANT} {IK}) (?:(?!niet |nooit |geen )\w+ ){{0,3}}dood\b(?! (?:van|door|moe|saai|op))",
        r"\b(?:was|ware|wou|wilde) (?:ik|ikzelf) (?:maar|gewoon|liever)? ?dood\b",
        r"\bwou dat ik (?:dood|er niet|nooit geboren)\b",
        r"\b(?:liever|beter) dood (?:dan|zijn|als)\b|\bben (?:ik )?liever dood\b|\bliever dood\b",
        r"\bdood (?:willen|wil) (?:zijn|gaan)?\b|\bdood wil\b",
        r"\bniet (?:meer )?geboren (?:zijn|was|te zijn)\b|\bnooit geboren\b",
        rf"\b{WANT} (?:\w+ ){{0,2}}er (?:gewoon |echt |liefst )?{NOT_MORE} (?:zijn|te zijn|was)\b",
        r"\ber (?:gewoon |echt |liever |maar )?(?:niet|nooit) meer (?:zijn|te zijn|ben|zou zijn)\b",
        r"\bals ik er (?:straks |morgen |binnenkort )?(?:niet|nooit) meer (?:ben|zou zijn|zal zijn)\b",
        r"\b(?:zou|maakt) (?:het )?(?:me|mij) (?:niet|niks|niets|weinig) (?:meer )?(?:uit|kunnen schelen|schelen)"
        r"(?:\w+ ){0,4}(?:dood|doodga|dood ga|verongeluk|overreden|aangereden|ongeluk|niet meer wakker|er niet meer)",
        r"\b(?:hoop|hoopte|wens) (?:\w+ ){0,4}(?:verongeluk|overreden|aangereden|ongeluk krijg|dood ga|doodga|"
        r"niet meer wakker (?!lig)|sterf|sterven|kanker krijg|ziek word en)",
        r"\b(?:eeuwige|voorgoed) (?:rust|slapen|slaap)\b|\bvoor altijd (?:rust|slapen|weg)\b|\bvoorgoed weg\b",
        rf"\bwil (?:dat )?(?:het|alles) (?:allemaal )?(?:ophoudt|stopt|over is|voorbij is){END}",
        r"\b(?:geen|zonder) (?:zin|reden) (?:meer )?(?:in|om te|in het|in mijn) ?(?:leven|te leven|door te gaan)\b",
        r"\b(?:leven|bestaan) (?:heeft|is) (?:voor mij )?(?:geen zin|zinloos|niks waard|niets waard)\b",
        r"\b(?:waarom|wat) (?:zou ik nog|heeft (?:mijn|het) leven)\b.*\b(?:leven|zin)\b",
        r"\bmoe van het leven\b|\blevensmoe\b|\bklaar met (?:het|mijn|dit) leven\b(?! (?:als|van|in|op|met) )|\bhet leven (?:moe|zat)\b",
        r"\bweg (?:uit|van) (?:dit|het) leven\b|\bvan deze (?:wereld|aarde) (?:af|weg|verdwijnen)\b",
        r"\b(?:verdwijnen|oplossen) (?:voor altijd|voorgoed|en nooit)\b|\bgewoon verdwijnen\b",
        r"\b(?:doodgaan|dood gaan|sterven) (?:lijkt|is|klinkt) (?:me|mij)? ?(?:een )?(?:opluchting|fijn|rust|verlossing|beter)\b",
        r"\bverlossing\b.*\b(?:dood|sterven|er niet|einde)\b|\b(?:dood|sterven)\b.*\bverlossing\b",
        r"\bgod (?:\w+ ){0,3}(?:neemt|haalt|haal|neem|laat) (?:me|mij) (?:\w+ ){0,2}(?:gaan|weg|halen|nemen|sterven)?\b",
        r"\b(?:laat|neem|haal) (?:me|mij) (?:maar )?(?:gaan|halen)\b(?=.*\b(?:god|allah|heer|hemel)\b)",
        r"\b(?:dood|dood zijn|sterven|er niet zijn|niet bestaan) (?:\w+ ){0,2}(?:lijkt|lijken|klinkt|voelt) (?:me|mij)? ?(?:\w+ )?(?:rustig|fijn|"
        r"beter|prettig|een opluchting|heerlijk|mooi)\b",
        r"\b(?:onder een|door een) (?:auto|trein|bus|vrachtwagen) (?:kom|komen|loop|raak)\b(?=.*\b(?:goed|uit|erg|fijn|best)\b)",
        r"\b(?:valt|neerstort|neerstorten|crasht|verongelukt|ongeluk) (?:\w+ ){0,5}(?:niet erg|niet zo erg|prima|goed|klaar voor mij|"
        r"maakt me niet)\b",
        r"\b(?:kanker|ziekte|hartaanval) (?:\w+ ){0,6}(?:dan is het|dan ben ik|eindelijk) (?:\w+ )?(?:klaar|over|voorbij|rust|weg)\b",
        r"\bbeter (?:ik ben|ben ik|dat ik|als ik) (?:\w+ )?(?:dood|weg|er niet|niet meer)\b",
        r"\b(?:wil|wou|wens) (?:\w+ ){0,2}(?:weg zijn|niet bestaan|niet meer bestaan|verdwijnen)\b(?!.*\b(?:hier|daar|project|traject|gemeente|werk)\b)|"
        r"^(?:gewoon )?(?:niet|nie) (?:meer )?bestaan$",
        r"\b(?:weg zijn|niet bestaan|niet meer bestaan|er niet zijn)\b(?=.*\b(?:wil|wou|wens|liefst|gewoon|voorgoed|altijd)\b)",
        r"(?<!naar het )(?<!bij het )(?<!op het )(?<!aan het )\b(?:graf|doodskist)\b(?! van )(?!.*\b(?:bloemen|tulpen|rozen|bezoek|bezocht|overleden|begraven)\b)"
        r"(?=.*\b(?:wil|wou|liever|liggen|lag|daar)\b)",
        r"\b(?:wil|wou|liever|lig|liggen)\b (?:\w+ ){0,3}in (?:het|mijn|een|m'n) (?:graf|doodskist)\b",
        r"\bwou dat ik (?:kon )?(?:verdwijnen|weg kon|niet meer|er niet)\b|\bnooit meer terug (?:hoef|hoeven|te komen)\b",
        r"\bwas ik er (?:maar |gewoon )?(?:niet|nie|nooit) (?:meer|geweest)\b",
        negatable=False,
    ),
    # --- active suicidal thoughts --------------------------------------------------------
    _p(
        "active_thoughts",
        "possible",
        r"\b(?:zelfmoord|zelfdoding|suicide|suicidaal|suicidale|zelfmoordgedachten|zelfmoordpoging|"
        r"levenseinde|euthanasie)(?!missie|actie|commando|aanslag|terroris|vest|squad|preventie|training|module)\w*",
        r"\buit het leven (?:te )?(?:stappen|stap|stapte|gaan|gestapt|treden)\b",
        # afraid of what one might do to oneself: a counsellor asks
        r"\b(?:bang|angstig) (?:\w+ ){0,2}voor (?:mezelf|mijzelf|wat ik (?:mezelf |mijzelf )?(?:zou )?(?:aandoe|aan doe|doe))\b"
        r"(?! (?:dat|om) ik (?:\w+ ){0,3}(?:te hard|te veel|teveel|weer|niet)\b)",
        r"\b(?:stap|stappen|stapte) (?:ik |je |hij |zij )?(?:er )?uit het leven\b",
        r"\ber (?:zelf )?(?:een )?(?:eind|punt|streep) (?:aan|achter) (?:te )?(?:maken|maak|maakt|zetten|zet|gemaakt)\b"
        r"(?! (?:met|aan|van|achter) (?:dat|die|het|de|mijn|dit|deze|een) )",
        r"\b(?:maak|maakt|maken|zet) (?:ik |het )?er (?:gewoon |zelf |maar )?(?:een )?(?:eind|punt) (?:aan|achter)\b"
        r"(?! (?:met|aan|van|achter) (?:dat|die|het|de|mijn|dit|deze|een) )(?! (?:met|van) )(?! (?:dat|die|de) (?:project|traject|cursus|werk|vrijwilligerswerk|baan))",
        r"\b(?:eind|punt|streep) (?:aan|achter) (?:mijn|het|m'n|dit) (?:leven|bestaan)\b",
        r"\b(?:eind|punt) (?:aan|achter) alles\b|\ber een eind aan maken\b(?! (?:met|aan|van|achter) (?:dat|die|het|de|mijn|dit|deze|een) )",
        rf"\b{SELF} (?:iets |wat )?(?:aan te doen|aandoen|aan doen|aandoe|aan doe|aangedaan)\b",
        rf"\b{SELF} (?:van kant|om het leven|het leven) (?:te )?(?:maken|brengen|ontnemen|nemen)\b",
        r"\b(?:mezelf|me) (?:op te hangen|ophangen|ophang|verhangen|verhang|te verdrinken|verdrinken)\b",
        r"\bmezelf (?:\w+ )?(?:doden|dood te maken|doodmaken|vermoorden|te vermoorden|van het leven beroven)\b",
        r"\b(?:denk|dacht|denken|gedachten|fantaseer|fantasie|droom|pieker|piekeren) (?:\w+ ){0,5}(?:doodgaan|dood gaan|"
        r"sterven|de dood|dood zijn|er niet meer zijn|niet meer te zijn|niet meer leven|mijn dood|doodgaan)\b",
        r"\b(?:denk|dacht|gedachten) (?:\w+ ){0,4}(?:hoe ik|manieren om|op welke manier) (?:\w+ ){0,3}"
        r"(?:dood|eruit|einde|eind|weg|kan sterven|het doe)\b",
        r"\b(?:ermee|er mee) (?:op te houden|ophouden|stoppen|te stoppen|kappen) (?:met )?(?:alles|met leven|met het leven)\b",
        r"\b(?:stoppen|ophouden|kappen) met (?:leven|het leven|alles en iedereen)\b(?! van )|\bstoppen met ademen\b",
        r"\bniet (?:langer|meer) (?:wil )?(?:leven|bestaan)\b(?! (?:van|op|zonder|met|in) )(?!.*\b(?:werk|werken|baan|uitkering)\b)",
        r"\b(?:leven|bestaan) (?:beeindigen|te beeindigen|stoppen|afsluiten|nemen|beeindig)\b",
        r"\bbeeindig(?:en)? (?:mijn|het) (?:leven|bestaan)\b",
        r"\b(?:stap|stapte|stappen) (?:ik|we) eruit\b(?! (?:bij|uit|met|van) )(?!.*\b(?:project|traject|cursus|groep|app)\b)",
        r"\b(?:ik )?(?:er )?uit (?:stappen|te stappen)\b(?!.*\b(?:project|traject|cursus|groep|app|bus|auto)\b)"
        r"(?=.*\b(?:leven|alles|dood|weg|klaar|voorgoed|definitief)\b)",
        r"\biets (?:doms|stoms|ergs|onherroepelijks) (?:ga |zal |kan )?(?:doen|doe)\b.*\b(?:mezelf|me|bang)\b|"
        r"\bbang dat ik iets (?:doms|stoms|ergs) (?:ga )?(?:doe|doen)\b|\bbang dat ik (?:mezelf|me) iets\b",
        r"\b(?:vertrouw|vertrouwde) (?:mezelf|me) (?:niet|nie) (?:meer )?(?:vannacht|vanavond|alleen|straks|nu|meer)\b",
        r"\b(?:gedachten|gedachte|denk|dacht|gedacht) (?:\w+ ){0,5}(?:uit (?:het )?leven|mezelf (?:\w+ )?dood|"
        r"einde (?:\w+ ){0,2}(?:aan|maken aan) mezelf|stop(?:pen)? met leven|het op te geven|op te geven)\b",
        r"\b(?:eind|einde) (?:te )?maken aan mezelf\b|\bmezelf (?:\w+ )?dood (?:te )?maken\b|\bstop(?:pen)? met leven\b(?! van )",
        r"\b(?:ertussenuit|er tussenuit|eruit) (?:te )?(?:stappen|knijpen|gaan)\b(?=.*\b(?:voor altijd|voorgoed|definitief|"
        r"leven|niet meer terug)\b)",
        r"\b(?:op te geven|opgeven|opgegeven)\b(?=.*\b(?:leven|mijn leven bedoel|alles bedoel)\b)",
        r"\b(?:praat|praten|zegt|schrijft|heeft het) (?:\w+ ){0,3}(?:over|dat (?:hij|zij|ze)) (?:\w+ ){0,3}"
        r"(?:dood gaan|doodgaan|dood wil|niet meer wil leven|het gaat doen|zichzelf|er een eind aan)\b",
        r"\b(?:zichzelf|zich) (?:\w+ ){0,2}(?:iets aan (?:te )?doen|van kant|van het leven|op te hangen|ophangen|doden)\b",
        r"\bproberen (?:op te hangen|te verdrinken|te springen)\b|\b(?:poging|pogingen) (?:gedaan|gedaan om)\b",
    ),
    # --- plan, method, means, time, place ----------------------------------------------
    _p(
        "plan_means",
        "acute",
        r"\b(?:voor|onder) (?:de|een) (?:trein|metro|tram|vrachtwagen|bus|auto) (?:te )?(?:springen|spring|sprong|gaan liggen|"
        r"lopen|gooien|gooi|stappen|stap|zetten|duiken)\b",
        r"(?<!weer )\b(?:naar|op) (?:het|de) (?:spoor|rails|spoorweg|spoorlijn)\b(?! ?2)"
        r"(?! (?:staat|staan|stond|zetten|zet|gezet|krijgen|krijg|gekregen|houden|hou|te zetten|te krijgen|te houden)\b)(?!.*\b(?:werk|dienst|"
        r"sollicit|stage|baan|proefplaats|proefdag|spoorbouw|vrijwilligerswerk|ns|conducteur|machinist)\w*)",
        rf"\b(?:van|vanaf|uit|over) (?:het|de|een|mijn) {HIGH_PLACE} (?:af )?(?:te )?(?:springen|spring|sprong|springt|"
        r"gooien|gooi|vallen|laten vallen|stappen|stap)\b",
        rf"\b(?:springen|spring|sprong) (?:ik |je )?(?:\w+ )?(?:van|vanaf|uit|in|af) (?:het|de|een|mijn) {HIGH_PLACE}\b",
        rf"\b(?:het|de|een) {HIGH_PLACE} (?:op|af|in|over) (?:te )?(?:springen|lopen|stappen|gaan)\b(?=.*\b(?:en|niet|nooit|meer|weg|klaar|terug|dood)\b)",
        rf"\b(?:{PILLS}) (?:\w+ ){{0,4}}(?:gespaard|gespaart|opgespaard|spaar|sparen|verzameld|verzamel|verzamelen|"
        r"bewaard|klaar|klaargelegd|klaar liggen|liggen klaar|ligt klaar|liggen hier|naast me|ingeslagen|gehamsterd|"
        r"opgepot)\b",
        rf"\b(?:spaar|spaart|sparen|verzamel|verzamelt|bewaar|hamster|gespaard|opgespaard|verzameld|bewaard|"
        rf"opgepot) (?:\w+ ){{0,4}}(?:{PILLS})\b",
        rf"\bhoeveel (?:\w+ ){{0,3}}(?:{PILLS}) (?:\w+ ){{0,5}}(?:nodig|dodelijk|genoeg|teveel|te veel|fataal|doodgaat|dood)\b",
        rf"\b(?:{PILLS}) (?:\w+ ){{0,4}}(?:dodelijk|fataal|overdosis|om niet meer wakker|om dood)\b",
        r"\b(?:dodelijke|letale|fatale) (?:dosis|hoeveelheid)\b|(?<!overleden aan een )(?<!gestorven aan een )(?<!stierf aan een )"
        r"(?<!haar )(?<!zijn )(?<!hun )\boverdosis\b(?! (?:aan )?(?:koffie|thee|netflix|suiker|"
        r"chocola|informatie|werk|stress|energie|zon|tv|series|formulieren|vergaderingen|liefde)\b)",
        r"\b(?:opgezocht|gegoogled|gegoogeld|googelen|googlen|gezocht|zoek|zocht|lees|gelezen) (?:\w+ ){0,5}"
        r"(?:hoe (?:je|ik|men) (?:\w+ ){0,3}(?:dood|sterft|sterven|ophangt|eruit|pijnloos)|pijnloos (?:dood|sterven)|"
        r"manier(?:en)? om (?:\w+ ){0,2}(?:dood|te sterven|eruit))",
        r"\b(?:touw|strop|riem|kabel|verlengsnoer) (?:\w+ ){0,4}(?:gekocht|klaar|opgehangen|ophangen|vastgemaakt|"
        r"aan de balk|aan het plafond|om mijn nek|om m'n nek|stevig genoeg)\b(?!.*\b(?:was|waslijn|tent|boot|klimmen|sport)\w*)",
        r"\b(?:balk|haak|plafond) (?:\w+ ){0,4}(?:stevig|sterk) genoeg\b|\bom (?:mijn|m'n) nek\b",
        r"\b(?:pols|polsen|aders) (?:\w+ ){0,3}(?:doorsnijden|doorsnijd|doorgesneden|open|opensnijden)\b",
        r"\b(?:gas|gaskraan) (?:\w+ ){0,2}(?:open|aan|opendraaien|opengedraaid|openzetten)\b(?=.*\b(?:ik|mezelf|slapen|raam|dicht)\b)",
        r"\b(?:tegen een|tegen de) (?:boom|muur|pijler|vrachtwagen|brugpijler) (?:aan )?(?:te )?(?:rijden|rij|knallen|crashen|sturen)\b",
        r"\b(?:de|het) (?:zee|water|meer|kanaal|rivier|gracht) in (?:te )?(?:lopen|loop|gaan|wandelen)\b(?=.*\b(?:niet|nooit|terug|meer|weg|klaar|voorgoed|dood)\b)",
        r"\b(?:springen|spring) (?:vannacht|vanavond|morgen|straks)\b(?!.*\b(?:binnen|langs|even aan|bij de|in de auto|op de fiets)\b)",
        rf"\b{TIME} (?:\w+ ){{0,4}}(?:naar het spoor|van de flat|voor de trein|het water in|eruit stappen|"
        r"stap ik eruit|maak ik er een eind|is het voorbij|ben ik er niet meer)\b"
        r"(?!.*\b(?:proefdag|werk|stage|sollicit|dienst|baan|spoorbouw|cursus)\w*)",
        r"\b(?:als|zodra|wanneer|mocht) (?:\w+ ){1,8}(?:dan )?(?:stap ik eruit|stap ik uit het leven|maak ik er een (?:eind|einde|punt) aan|"
        r"ben ik er niet meer|is het klaar met mij|hang ik mezelf|spring ik(?! (?:een gat|een gaatje|op|in de lucht|blij|bij))|doe ik het|ga ik eraan|"
        r"maak ik het af|hou ik ermee op|stop ik ermee)\b(?!.*\b(?:project|traject|cursus|werk|vrijwilligerswerk|baan|gemeente|bijstand|uitkering|wajong|ww|groep)\b)",
        r"\b(?:plan|plannen|datum|dag) (?:\w+ ){0,4}(?:om |voor )?(?:mezelf|het te doen|er een eind|eruit te stappen|"
        r"uit het leven|te sterven|dood te gaan|zelfmoord|mijn einde)\b",
        r"\b(?:ik weet|weet ik) (?:al )?(?:precies |ook )?(?:hoe|wanneer|waar) (?:ik het|het) (?:ga|zal|wil) (?:doen)\b",
        r"\b(?:mes|scheermes|mesje|mesjes) (?:\w+ ){0,5}(?:klaar|klaargelegd|naast me|naast mijn bed|naast m\'n bed|onder mijn kussen|in mijn hand|op tafel|pols|polsen)\b",
        r"\b(?:pistool|wapen|geweer) (?:\w+ ){0,4}(?:mezelf|me|mijn hoofd|klaar|geladen)\b",
        r"\btouw (?:\w+ ){0,3}(?:ligt|hangt|heb) (?:\w+ ){0,3}(?:klaar|al|kelder|zolder|schuur)\b(?!.*\b(?:was|waslijn|tent|boot)\w*)",
        r"\b(?:sta|stond|zit|zat) (?:\w+ ){0,3}(?:op|aan) (?:het |de |een )?(?:balkon|dak|rand|brug|spoor|perron)\b"
        r"(?=.*\b(?:springen|spring|denk|naar beneden|eraf|vallen)\b)",
        r"\b(?:plek|plekje|plaats) (?:\w+ ){0,3}(?:bij|op|aan|onder) (?:de|het) (?:brug|spoor|water|flat|dak)\b"
        r"(?=.*\b(?:niemand|ga ik heen|heen gaan|alleen|straks|vannacht)\b)",
        rf"\b(?:{PILLS}) (?:\w+ ){{0,6}}(?:voor als (?:het|t) nodig|genoeg|meegenomen|gepakt|gestolen)\b(?=.*\b(?:als|nodig|genoeg|dan)\b)",
        r"\b(?:rij|rijden|rijd) (?:\w+ ){0,4}(?:tegen (?:een |de )?(?:boom|muur|pijler|vrachtwagen)|tot (?:het|t) klaar is|de sloot in|"
        r"het water in)\b",
        r"\b(?:welke|wanneer de|hoe laat de) (?:trein|treinen) (?:\w+ ){0,3}(?:niet stopt|stoppen|doorrijdt|langskomt|hard)\b",
        r"\bopgezocht (?:\w+ ){0,3}hoe (?:\w+ ){0,4}(?:gas|pillen|ophangen|snijden|springen|doodgaan|dood)\b|"
        r"\b(?:opgezocht|gezocht|gegoogeld|gegoogled|googelen) (?:\w+ ){0,6}(?:gas|pillen|touw|dodelijk|springen|pijnloos)\b(?!.*\b(?:tent|kamperen|scouting|zeilen|boot|was|knopen|knoop)\w*)",
        r"\b(?:ga|loop|stap|spring) (?:ik )?(?:\w+ ){0,2}(?:in|het) (?:het )?(?:water|zee|gracht|kanaal|rivier)\b"
        r"(?=.*\b(?:zwemmen|niet meer|nooit|klaar|als|dan)\b)",
        r"\b(?:mezelf|me) (?:proberen |geprobeerd |willen )?(?:op te hangen|te verdrinken|te vergiftigen|vergiftigen)\b",
        r"\bspringen\b(?=.*\b(?:verdieping|balkon|dak|flat|brug|hoog)\b)|\b(?:verdieping|balkon|dak|flat|brug)\b"
        r"(?=.*\b(?:springen|spring|naar beneden)\b)",
    ),
    # --- preparations and farewell ------------------------------------------------------
    _p(
        "preparation_farewell",
        "acute",
        r"\b(?:afscheidsbrie|afscheidsbericht)\w*\b(?! (?:\w+ ){0,2}(?:aan|voor) (?:de|mijn|het|onze|alle) (?:clienten|collega|team|klas|"
        r"vrijwilligers|bewoners|deelnemers|leerlingen|groep|afdeling|werk|kinderen van de)\w*)|\bafscheidsvideo\b|\blaatste brief\b",
        r"\b(?:brief|brieven|briefje|briefjes|berichtje|bericht|videootje|video) (?:\w+ ){0,5}(?:voor als ik|na mijn dood|"
        r"als ik er niet|om afscheid|voor na|achtergelaten|voor mijn kinderen geschreven)\b",
        r"\bafscheid (?:\w+ ){0,3}(?:genomen|nemen|neem|te nemen)\b(?!.*\b(?:collega|project|afdeling|baan|werk|stage|"
        r"vrijwilligers|locatie|groep|klas|cursus|oma|opa|vader|moeder|overleden|begrafenis|crematie|uitvaart)\w*)",
        r"\b(?:dit is|dat was|is dit) (?:mijn|het) laatste (?:bericht|berichtje|keer|gesprek|woord)\b",
        r"\b(?:jullie|je|u|niemand) (?:hoort|horen|zal|zult|gaat|gaan) (?:\w+ ){0,2}(?:niets|niks|nooit) meer van (?:me|mij)\b",
        r"\blaatste keer dat (?:je|jullie|u|iemand|ik) (?:\w+ ){0,3}(?:van me|hoort|spreek|iets)\b",
        r"\b(?:vaarwel|tot nooit|adieu)\b",
        r"\b(?:zorg|zorgen|past|pas|passen) (?:\w+ ){0,3}(?:goed )?(?:voor|op) (?:mijn|m'n|de) (?:kinderen|kat|katten|hond|honden|"
        r"dieren|vrouw|man|moeder)\b(?=.*\b(?:als ik (?:er niet|weg|dood|niet meer)|na mij|niet meer ben|weg ben|afscheid|sorry)\b)",
        r"\b(?:wie|iemand) (?:\w+ ){0,3}(?:zorgt|zorgen|zal zorgen|moet zorgen|neemt|krijgt) (?:\w+ ){0,3}(?:kat|katten|hond|honden|"
        r"dieren|kinderen|spullen) (?:\w+ ){0,3}(?:als ik|na mij|wanneer ik|straks)\b",
        r"\b(?:alles|alle papieren|mijn zaken|mijn spullen|mijn begrafenis|mijn uitvaart|mijn testament|de papieren) "
        r"(?:\w+ ){0,3}(?:geregeld|regelen|op orde|opgeruimd|klaar|gemaakt|opgesteld|uitgezocht)\b"
        r"(?=.*\b(?:als ik (?:er niet|weg|dood|niet meer)|voor als (?:ik|het (?:echt )?(?:niet meer|misgaat|mis gaat))|na mij|er niet meer|niet meer ben|mijn dood|straks|nodig is|afscheid|niemand)\b)",
        r"^(?!.*\b(?:vader|moeder|oma|opa|tante|oom|broer|zus|schoonmoeder|schoonvader|overleden|vorig)\b.*"
        r"\b(?:testament|uitvaartwensen|begrafenis|uitvaart|crematie)\b).*"
        r"(?<!haar )(?<!zijn )(?<!hun )\b(?:testament|uitvaartwensen|begrafenis|uitvaart|crematie) (?:\w+ ){0,4}(?:geregeld|regelen|opgesteld|gemaakt|"
        r"geschreven|uitgezocht|betaald|vastgelegd)\b(?!.*\b(?:vader|moeder|oma|opa|tante|oom|broer|zus|schoonmoeder|"
        r"schoonvader|overleden|vorig)\b)",
        r"\b(?:spullen|kleren|sieraden|boeken|platen|spaargeld|mijn (?:kat|hond|katten|honden)) (?:\w+ ){0,4}(?:weggegeven|weggeven|weg gegeven|"
        r"weg te geven|verdeeld|verdelen|uitgedeeld)\b(?=.*\b(?:heb ik toch|niet meer nodig|als ik|na mij|afscheid|straks|"
        r"allemaal|alles|laatste)\b)",
        r"\bniet (?:meer )?nodig (?:waar ik heen ga|als ik er niet|straks|na vandaag)\b|\bwaar ik heen ga\b",
        r"\b(?:sorry|vergeef|vergeeft) (?:\w+ ){0,3}(?:voor alles|me alles|wat ik ga doen|wat ik (?:jullie )?aandoe)\b",
        r"\b(?:bedankt|dank) voor alles\b(?=.*\b(?:nooit|niks meer|niets meer|vaarwel|laatste|afscheid|sorry|"
        r"er niet meer|ga nu|ben weg)\b)",
        r"\b(?:heb|had) (?:\w+ ){0,3}(?:rust|vrede) (?:gevonden|genomen) (?:met|in) (?:mijn besluit|het besluit|de beslissing)\b|"
        r"\bbesluit (?:genomen|is genomen)\b(?=.*\b(?:leven|rust|voorgoed|klaar|afscheid|niet meer)\b)",
        r"\b(?:kat|hond|katten|honden|kinderen|dieren) (?:\w+ ){0,4}(?:niet meer nodig|straks niet meer|nemen als|"
        r"naar (?:mijn |m'n )?ex gebracht|weggebracht|onderdak)\b(?=.*\b(?:straks|niet meer|beter zo|nodig|als ik)\b)",
        r"\b(?:ik kom|kom ik) (?:niet|nooit) meer\b(?=.*\b(?:hou van|houd van|zeg|dank|bedankt|afscheid|vaarwel|tegen)\b)|"
        r"\b(?:zeg|zeggen) (?:\w+ ){0,4}dat ik (?:van ze|van hen|van jullie|van haar|van hem) hou\b",
        r"\b(?:gedag|dag) (?:te )?(?:zeggen|gezegd)\b(?=.*\b(?:echt|voor altijd|laatste|voorgoed)\b)|\becht gedag\b",
        r"\b(?:na mij|na mijn dood|als ik dood ben|als ik er niet meer ben|als ik weg ben)\b",
        r"\bdit is (?:mijn |het )?afscheid\b(?! van )|\bik neem afscheid\b(?! van )|\bnu is het tijd\b(?=.*\b(?:berichtje|afscheid|iedereen|weg)\b)",
        r"\bniet (?:haar|zijn|jullie|jouw|hun) schuld\b(?=.*\b(?:zeggen|zeg|niet meer|kan het zelf)\b)",
        r"\blaatste keer dat ik (?:\w+ ){0,2}(?:schrijf|hier ben|praat|iets zeg)\b",
        r"\b(?:wachtwoorden|pincode|sleutels|papieren) (?:\w+ ){0,4}(?:opgeschreven|gegeven|klaargelegd|neergelegd)\b"
        r"(?=.*\b(?:beter zo|als ik|na mij|niet meer|voor als)\b)",
        r"\b(?:extra lang|nog een keer|een laatste keer) (?:\w+ ){0,2}(?:geknuffeld|gezien|vastgehouden|gebeld)\b"
        r"(?=.*\b(?:beter|vanaf morgen|niet meer|laatste|afscheid)\b)",
        r"\b(?:spullen|bezittingen|sieraden|ketting|alles) (?:\w+ ){0,3}(?:weggegeven|weg gegeven|verdeeld)\b"
        r"(?!.*\b(?:kringloop|verhuis|verhuizen|opruimen|te klein|marktplaats)\w*)",
    ),
    # --- self-harm ----------------------------------------------------------------------
    _p(
        "self_harm",
        "acute",
        rf"\b(?:snijd|snij|sneed|sneden|gesneden|snijden|kras|krassen|kraste|gekrast|brand|brandde|verbrand|verbranden|"
        rf"bewerk|beschadig|beschadigde|beschadigen|verwond|verwondde|verwonden|pijnig|pijnigen|sla|sloeg|slaan|bijt|beet|"
        rf"krab|krabde|krabben|prik|prikte|prikken|geslagen|gebeten|opengekrabd) (?:\w+ ){{0,3}}{SELF}\b"
        r"(?! (?:niet|nooit))(?!.*\b(?:per ongeluk|bij het koken|in mijn vinger bij|aan het mes bij)\b)",
        rf"\b{SELF} (?:\w+ ){{0,3}}(?:snijden|snijd|gesneden|sneed|krassen|gekrast|kraste|branden|gebrand|verbrand|"
        r"verwonden|verwond|beschadigen|beschadig|beschadigd|pijn doen|pijn gedaan|pijn doe|pijnigen|slaan|sla|geslagen|"
        r"straffen|straf|gestraft|krabben|bijten|open krabben|kapot maken|kapotmaken|iets aan doen)\b",
        r"\b(?:snijd|snij|sneed|gesneden|kras|krassen|gekrast|brand|brandde|verbrand) (?:\w+ ){0,3}(?:in|op) "
        r"(?:mijn|m'n|de) (?:arm|armen|pols|polsen|been|benen|dijen|dij|buik|huid|handen|hand)\b",
        r"\b(?:hoofd|kop) (?:\w+ ){0,3}(?:tegen de muur|tegen de deur|tegen de kast|tegen de tafel)\b"
        r"(?=.*\b(?:sla|sloeg|slaan|bonk|bonken|bonkte|beuk|rammen|ram)\w*)",
        r"\b(?:sla|sloeg|slaan|bonk|bonkte|bonken|beuk|beukte) (?:\w+ ){0,3}(?:mijn |m'n )?(?:hoofd|kop|vuisten) "
        r"(?:\w+ ){0,2}tegen\b",
        r"\bzelfbeschadig\w*|\bautomutil\w*|\bzelfverwond\w*",
        r"\b(?:sigaret|sigaretten|aansteker|strijkijzer) (?:\w+ ){0,4}(?:op mijn|op m'n|uitgedrukt op|tegen mijn) "
        r"(?:arm|huid|hand|been)\b",
        r"\b(?:eet|at|eten) (?:\w+ ){0,3}(?:niet|niks|niets) (?:\w+ ){0,3}om (?:mezelf|me) (?:te )?(?:straffen|pijn)\b",
        r"\b(?:mesje|mesjes|scheermesje|scheermesjes|glas|scherven) (?:\w+ ){0,5}(?:arm|armen|pols|polsen|benen|huid|"
        r"in mijn|mezelf)\b",
        r"\bbloed (?:\w+ ){0,4}(?:rustig|opluchting|beter|voelen|weer voelen)\b|\b(?:opluchting|rust) (?:\w+ ){0,4}bloed\b",
        r"\b(?:littekens|wondjes|sneden|snijwonden|brandplekken) (?:\w+ ){0,4}(?:mijn|m'n) (?:arm|armen|pols|polsen|benen)\b"
        r"(?=.*\b(?:zelf|mezelf|weer|verbergen|lange mouwen|niemand)\b)",
        r"\bpijn (?:\w+ ){0,3}(?:om de pijn|om iets te voelen|om de spanning)\b|\bom (?:iets|weer iets) te voelen\b"
        r"(?=.*\b(?:pijn|snij|kras|brand|bloed|sla)\w*)",
        r"\b(?:arm|armen|pols|polsen|been|benen|huid|hand) (?:\w+ ){0,3}(?:opengekrast|opengehaald|gesneden|gekrast|gebrand|"
        r"vol sneetjes|vol sneden|vol krassen|vol littekens)\b",
        r"\b(?:sneetjes|krassen|sneden|snijwondjes)\b(?=.*\b(?:arm|armen|benen|been|pols|huid|niemand|lange mouwen|lange broek)\b)",
        r"\b(?:expres|met opzet|bewust|opzettelijk|expresselijk) (?:\w+ ){0,4}(?:niks|niets|niet) (?:\w+ ){0,2}(?:eten|gegeten|eet)\b|"
        r"\b(?:eet|at) (?:\w+ ){0,4}expres (?:niks|niets|niet)\b|\bverdien (?:\w+ ){0,2}(?:geen )?eten\b",
        r"\b(?:expres|met opzet|bewust|opzettelijk) (?:\w+ ){0,5}(?:geslagen|tegen de (?:deur|muur)|gebrand|gekrast|"
        r"gesneden|gekrabd|tot (?:het|t) bloedt|pijn|bloed)\b|\b(?:krab|kras|sla|bijt) (?:\w+ ){0,3}tot (?:het|t) bloedt\b",
        r"\b(?:beetje|wat|soms) (?:\w+ )?(?:snijden|krassen|branden)\b|\b(?:mes|mesje|scheermesje) op (?:mijn|m'n) (?:arm|been|huid)\b",
        r"\b(?:deed|doe|gedaan) (?:ik )?(?:mezelf|me) pijn\b|\b(?:mezelf|me) pijn (?:\w+ ){0,3}(?:met|door)\b",
        r"\b(?:been|arm|hand|huid) (?:\w+ ){0,2}(?:gebrand|verbrand) (?:\w+ ){0,3}(?:expres|strijkijzer|sigaret|aansteker)\b|"
        r"\b(?:strijkijzer|sigaret|aansteker) (?:\w+ ){0,4}(?:been|arm|hand|huid) (?:\w+ ){0,2}(?:gebrand|verbrand)\b",
        r"\bmes op (?:mijn|m'n) arm\b|\bmes (?:\w+ ){0,2}(?:arm|pols|been)\b(?=.*\b(?:helpt|gisteren|weer|beetje)\b)",
        r"\bweer (?:wil|willen|ga|doe) (?:\w+ ){0,2}(?:snijden|krassen|pijn doen)\b|\bmerk dat ik het weer wil\b",
    ),
    # --- burden, hopelessness, entrapment ---------------------------------------------
    _p(
        "burden_hopeless",
        "possible",
        r"\b(?:beter|makkelijker|gelukkiger|rustiger|lichter) (?:\w+ ){0,2}(?:af|uit) (?:\w+ ){0,2}(?:zonder|als ik er niet)"
        r" (?:mij|me|ik|er niet)\b|\bbeter af zonder (?:mij|me)\b",
        r"\bzonder (?:mij|me) (?:\w+ ){0,4}(?:beter|makkelijker|gelukkiger|rustiger|lichter|goedkoper|minder zorgen)\b",
        r"\b(?:ben|blijf|voel me|wordt|word) (?:(?!geen |niet )\w+ ){0,3}(?:een )?(?:last|blok aan het been|sta (?:ze|hen|haar|hem) in de weg|"
        r"molensteen)\b(?! (?:van|door|met) (?:de|het|die|mijn) (?:rug|knie|schouder|pijn))",
        r"(?<!geen )(?<!niet )\b(?:last|blok aan (?:het|hun|haar|zijn) been|molensteen|sta (?:\w+ )?in de weg) (?:\w+ ){0,2}voor "
        r"(?:iedereen|mijn|m'n|hen|ze|haar|hem|de kinderen|mijn familie|mijn gezin|mijn man|mijn vrouw)\b",
        rf"\b(?:mijn |m'n )?{KIN} (?:\w+ ){{0,3}}(?:verdient|heeft) (?:\w+ ){{0,2}}(?:beter dan (?:mij|me|zo'n|zo een|dit)|"
        r"iemand (?:anders|beters) dan mij|een beter leven zonder)\b",
        r"\b(?:verdient|verdienen) (?:\w+ ){0,3}beter dan (?:mij|me|zo'n|iemand als ik|een man als ik|een vrouw als ik)\b",
        r"\b(?:niemand|geen mens|geen hond|geen kip) (?:\w+ ){0,3}(?:zou|zal|gaat) (?:me|mij|het) (?:\w+ ){0,2}(?:missen|merken)\b"
        r"|\bniemand mist (?:me|mij)\b|\bmist me toch niemand\b",
        r"\bgeen (?:enkele )?uitweg\b(?! uit )|\b(?:zie|zag|weet) geen (?!uitweg uit )(?:uitweg|oplossing meer|"
        r"toekomst meer|toekomst|uitzicht meer|licht meer)\b(?! (?:in|op|voor|met) (?:werk|een baan|dat|die|het project))",
        r"\b(?:zit|zat|voel me|sta|ben) (?:\w+ ){0,3}(?:gevangen|klem|vast|in een val|ingesloten|in de val)\b(?! in (?:de|het|dit|mijn|die) (?:bijstand|uitkering|traject|baan|werk|file|verkeer|systeem))"
        r"(?=.*\b(?:nooit|altijd|geen|niet meer|uitweg|einde|eruit)\b)",
        r"\b(?:kom|komen|kan) (?:er |hier )?(?:nooit|niet) meer uit\b(?=.*\b(?:leven|alles|nooit|val|put|gat)\b)",
        r"\bhet (?:heeft|hoeft) (?:allemaal |voor mij )?geen zin meer\b(?=.*\b(?:leven|verder|niet meer|alles|op|dood)\b)",
        r"\b(?:iedereen|ze|mijn familie|mijn kinderen|mijn gezin) (?:\w+ ){0,3}(?:beter af|opgelucht|blij) "
        r"(?:\w+ ){0,3}(?:als ik (?:er niet|weg|dood|niet meer|verdwijn)|zonder mij|wanneer ik (?:er niet|weg|dood))\b",
        r"\bbeter (?:voor iedereen|voor hen|voor haar|voor hem|voor de kinderen) (?:als|dat) ik (?:\w+ ){0,3}(?:weg|er niet|"
        r"dood|verdwijn|niet meer)\b",
        r"\b(?:ik )?(?:kost|kosten) (?:\w+ ){0,3}(?:alleen maar )?(?:geld|moeite) (?:\w+ ){0,3}(?:iedereen|de maatschappij)\b"
        r"(?=.*\b(?:weg|er niet|beter|zonder)\b)",
        r"\b(?:als ik weg ben|zonder mij) (?:\w+ ){0,4}(?:rust|beter|gelukkig|meer hulp|makkelijker|vrij)\b",
        r"\b(?:geen|nergens) toekomst\b(?! (?:meer )?(?:in|als|bij|op|voor) (?:de|het|een|dit|dat|die|mijn) )(?=.*\b(?:nooit|nergens|voor mij|meer|niks|alles kwijt)\b)|\bvoor mij is er geen toekomst\b",
        r"\b(?:kom|komen) (?:hier|er|daar)? ?(?:nooit|niet) (?:meer )?uit\b(?=.*\b(?:gevangenis|put|gat|val|zonder deur|nooit|dieper)\b)",
        r"\bgevangenis zonder (?:deur|uitweg)\b|\bput (?:\w+ ){0,4}(?:dieper|nooit)\b",
        r"\b(?:gelukkig|beter af|beter leven) (?:\w+ ){0,2}zonder (?:mij|me)\b|\bbeter (?:\w+ )?een andere (?:man|vrouw)\b",
        r"\b(?:door mij|vanwege mij|mijn schuld) (?:\w+ ){0,6}(?:armoede|huilt|lijden|ellende|ongelukkig|kapot)\b"
        r"(?=.*\b(?:zonder mij|beter|weg)\b)",
        r"\bgeen uitweg\b(?! uit )",
        negatable=False,
    ),
    # --- acute danger from another person --------------------------------------------
    _p(
        "danger_other",
        "acute",
        rf"\b(?:mijn |m'n |die |de )?{KIN} (?:\w+ ){{0,3}}(?:slaat|sloeg|schopt|schopte|mishandelt|mishandelde|bedreigt|bedreigde|"
        r"wurgt|wurgde|duwt|duwde|knijpt|dreigt|dreigde) (?:me|mij|ons|de kinderen|mijn \w+|dat hij|dat ze)\b|(?:heeft (?:me|mij) (?:\w+ )?(?:geslagen|geschopt|gewurgd|bedreigd|"
        r"mishandeld|opgesloten|verkracht))\b",
        rf"\b(?:slaat|sloeg|schopt|schopte|mishandelt|bedreigt|bedreigde|wurgt|wurgde|verkracht|verkrachtte|achtervolgt|"
        rf"stalkt|sluit) (?:hij|zij|ze|mijn {KIN}|m'n {KIN}|die) ?(?:\w+ )?(?:me|mij)\b",
        r"\b(?:hij|zij|ze) (?:\w+ ){0,2}(?:slaat|sloeg|schopt|schopte|mishandelt|bedreigt|bedreigde|wurgt|wurgde|duwt|knijpt) "
        r"(?:me|mij)\b",
        r"\b(?:heeft|hebben) (?:me|mij) (?:\w+ ){0,3}(?:geslagen|geschopt|gewurgd|bedreigd|mishandeld|verkracht|opgesloten|"
        r"in elkaar geslagen|met een mes bedreigd)\b",
        r"\b(?:word|werd|ben) (?:\w+ ){0,2}(?:geslagen|mishandeld|bedreigd|gewurgd|verkracht|opgesloten|gestalkt|achtervolgd)\b"
        r"(?! (?:door de|van de) (?:gemeente|uwv|klantmanager|instanties|regels))",
        r"\b(?:niet|nie) (?:meer )?veilig (?:thuis|in huis|bij (?:hem|haar|mijn|m'n)|in mijn (?:eigen )?huis|hier)\b|"
        r"\bthuis (?:\w+ ){0,2}niet (?:meer )?veilig\b",
        rf"\bbang (?:\w+ ){{0,2}}(?:voor|van) (?:mijn|m'n|die|de) {KIN}\b(?=.*\b(?:slaat|sloeg|dreig|bedreig|mes|doodmaken|"
        r"vermoord|pijn|boos|drinkt|dronken|thuis|woedend|agressief|klappen|geweld|iets aandoen)\w*)",
        rf"\bbang (?:\w+ ){{0,2}}(?:voor|van) (?:mijn|m'n|die|de) {KIN}\b",
        r"\b(?:durf|durfde) (?:\w+ ){0,2}niet (?:meer )?(?:naar huis|thuis te komen|terug naar huis|naar binnen)\b",
        r"\b(?:staat|stond|staan) (?:\w+ ){0,4}voor (?:de|mijn) deur\b(?=.*\b(?:bedreig|dreig|bang|schreeuw|slaan|bonkt|"
        r"ex|mes|politie|help|binnen)\w*)",
        r"\b(?:mes|pistool|wapen|hamer|schaar) (?:\w+ ){0,3}(?:gepakt|getrokken|gericht|in zijn hand|in haar hand|"
        r"op mij|op me|tegen mijn keel)\b",
        r"\b(?:gaat|zal|wil|dreigt|dreigde) (?:\w+ ){0,2}(?:me|mij) (?:\w+ ){0,2}(?:vermoorden|doodmaken|dood maken|"
        r"kapot maken|iets aandoen|afmaken|in elkaar slaan)\b(?!.*\b(?:gezeur|gezanik|examen|rijexamen|cijfer|rapport|huiswerk|haha)\w*)",
        r"\bhuiselijk geweld\b|\bveilig thuis\b",
        r"\b(?:bang|vrees) dat ik (?:\w+ ){0,3}(?:iemand|hem|haar|mijn kind|mijn kinderen|de kinderen) (?:\w+ ){0,2}"
        r"(?:iets aandoe|iets aan doe|pijn doe|sla|vermoord|wat aandoe)\b",
        r"\b(?:ik )?(?:ga|zal|wil) (?:hem|haar|die klantmanager|iemand) (?:\w+ ){0,2}(?:vermoorden|doodmaken|neersteken|"
        r"neerschieten|afmaken)\b(?!.*\b(?:haha|grapje|grap|lol|figuurlijk)\b)",
        r"\b(?:vermoordt|vermoord|vermoorden) (?:me|mij)\b(?!.*\b(?:haha|grapje|te laat)\b)|(?<!dat )(?<!het )(?<!dit )\b(?:maakt|maken) (?:\w+ ){0,2}(?:me|mij)(?: en (?:\w+ ){0,2})? af\b",
        r"\b(?:mijn|m'n) leven (?:is )?klaar\b(?=.*\b(?:zegt|dreigt|meent|als ik)\b)",
        r"\b(?:knijpt|knijpen|kneep|wurgt) (?:\w+ ){0,2}(?:mijn|m'n) (?:nek|keel)\b",
        r"\b(?:sluit|sluiten|sloot) (?:\w+ ){0,2}(?:me|mij) (?:\w+ ){0,3}op\b|\bopgesloten\b(?=.*\b(?:hij|zij|man|vriend|thuis|huis)\b)",
        r"\b(?:telefoon|paspoort|geld|pas) (?:\w+ ){0,2}(?:afgepakt|afgenomen)\b(?=.*\b(?:mag|niet naar|stiekem|bang)\b)",
        r"\bblauwe plekken\b(?=.*\b(?:gevallen|hij|zij|man|vriend|zeg|niemand)\b)|\b(?:oog|lip|neus) (?:\w+ ){0,2}"
        r"(?:dicht ?geslagen|kapot ?geslagen|gebroken)\b",
        rf"\b(?:{KIN}|vader|hij|zij) (?:\w+ ){{0,4}}(?:heeft|hebben) (?:mijn|m'n) (?:zoon|dochter|kind|kinderen) (?:\w+ )?(?:geslagen|"
        r"geschopt|pijn gedaan|bedreigd)\b|\bgooit met (?:dingen|spullen|borden)\b",
        r"\b(?:als ik|als we) (?:\w+ ){0,4}(?:politie|gemeente|hulp) (?:\w+ ){0,3}(?:dan|wordt|is het) (?:\w+ ){0,2}(?:erger|dood)\b|"
        r"\b(?:volgt|achtervolgt) (?:me|mij)\b(?=.*\b(?:bang|elke dag|iets doen)\b)|\bweten (?:\w+ ){0,4}(?:welke|op welke) school\b",
        r"\b(?:thuis|bij hem|bij haar) (?:\w+ )?(?:is )?(?:niet|nie) (?:meer )?veilig\b",
        r"\bdurf niet naar huis\b|\bheeft gezegd als ik\b(?=.*\b(?:dan|praat)\b)",
        negatable=False,
    ),
    # --- intoxication with means at hand ---------------------------------------------
    _p(
        "intoxication_means",
        "acute",
        rf"\b(?:dronken|bezopen|zat|lazarus|stomdronken|high|stoned|onder invloed|gedronken|gezopen|drank op|fles op|"
        rf"wodka|whisky|wijn op|jenever|coke|speed|xtc|ghb|drugs) (?:\w+ ){{0,8}}(?:{PILLS}|mes|touw|brug|auto|spoor|"
        r"scheermes|gas|balkon|dak)\b" + _AS_PRESCRIBED,
        rf"\b(?:{PILLS}|mes|touw|scheermes) (?:\w+ ){{0,8}}(?:dronken|bezopen|gedronken|gezopen|drank|wodka|whisky|wijn|"
        r"jenever|high|stoned|coke|onder invloed)\b" + _AS_PRESCRIBED,
        rf"\b(?:hele|halve|een hele|alle|alles|de hele|een volle) (?:\w+ ){{0,2}}(?:{PILLS}|pot|potje|doos) (?:\w+ ){{0,3}}"
        r"(?:ingenomen|genomen|geslikt|op|leeg|naar binnen|opgegeten)\b",
        rf"\b(?:te veel|teveel|veel te veel|een hoop|een handvol|handvol|allemaal) (?:\w+ ){{0,2}}(?:{PILLS}) "
        r"(?:\w+ ){0,3}(?:ingenomen|genomen|geslikt|naar binnen|tegelijk|in een keer|achter elkaar)\b",
        rf"\b(?:ingenomen|genomen|geslikt) (?:\w+ ){{0,3}}(?:alle|hele|te veel|teveel|een handvol|veel te veel) (?:\w+ ){{0,2}}(?:{PILLS})\b",
        rf"\b(?:alles|alle {PILLS}) (?:\w+ ){{0,3}}(?:ingenomen|geslikt|naar binnen gewerkt)\b",
        r"\b(?:drink|drinken|dronk|zuip|zuipen) (?:\w+ ){0,3}(?:tot ik|om) (?:\w+ ){0,3}(?:niet meer wakker|dood|er niet meer|"
        r"niks meer voel)\b",
        rf"\b(?:[1-9]\d+|tien|twintig|dertig|veertig|vijftig|hand|handvol|hele hand) (?:\w+ ){{0,2}}(?:{PILLS}|pijnstillers|slaaptabletten) "
        r"(?:\w+ ){0,4}(?:genomen|ingenomen|geslikt)\b",
        r"\b(?:alle|al mijn|alle mijn) (?:\w+ ){0,4}(?:slaaptabletten|pijnstillers|medicijnen|pillen|tabletten) (?:\w+ ){0,6}"
        r"(?:genomen|ingenomen|geslikt)\b|\bin (?:1|een) keer (?:genomen|ingenomen|geslikt)\b",
        r"\b(?:expres|met opzet) (?:\w+ ){0,3}(?:te veel|teveel) (?:\w+ ){0,2}(?:genomen|ingenomen|geslikt|gedronken)\b|"
        r"\b(?:te veel|teveel) (?:pijnstillers|slaaptabletten|medicijnen|pillen) (?:\w+ )?(?:genomen|ingenomen)\b",
        r"\b(?:gesnoven|gedronken|gebruikt|drank|drugs|xtc|coke) (?:\w+ ){0,6}(?:tot (?:het|t|ik) (?:klaar|weg|dood)|rijden tot)\b",
        r"\b(?:drink|zuip|gebruik) (?:al )?(?:sinds|de hele)\b(?=.*\b(?:pillen|mes|touw|kast|gepakt)\b)",
    ),
    # "als ..., dan ben ik weg" may mean leaving life or leaving a course: the coach asks
    # ("possible") rather than giving crisis support at once
    _p(
        "plan_means",
        "possible",
        r"\b(?:als|zodra|wanneer|mocht) (?:(?!(?:school|opleiding|diploma|cursus|les|stage|baan|werk|project|klas|"
        r"leraar|docent|traject)\b)\w+ ){1,8}(?:dan )?ben ik weg\b"
        r"(?!.*\b(?:project|traject|cursus|werk|vrijwilligerswerk|baan|gemeente|groep|school|opleiding|les|stage)\b)",
    ),
    # --- weak signals -------------------------------------------------------------------
    _p(
        "exhaustion",
        "weak",
        r"\bik (?:kan|trek|hou|houd) (?:het |dit |dit allemaal |het allemaal )?(?:echt |gewoon |bijna )?(?:niet|nie) meer"
        r"(?: aan| vol| op| uit)?(?: hoor| echt| allemaal| zo)?$",
        r"\b(?:trek|trekt|houd|hou) (?:het|dit) (?:\w+ )?niet (?:meer|langer)(?: vol)?\b(?! (?:om|met|op|bij))",
        r"\bik ben (?:helemaal |echt |compleet |totaal )?(?:op|kapot|leeg|uitgeput|opgebrand|gesloopt|doodop)$",
        r"\bben ik (?:\w+ )?(?:helemaal |echt |compleet |totaal )?(?:op|kapot|leeg|uitgeput|opgebrand|gesloopt|doodop)$",
        r"\b(?:alles|het) (?:is|wordt|werd) (?:me |mij )?(?:\w+ )?(?:te veel|teveel)\b(?! (?:werk|uren|dagen|tegelijk))",
        r"\b(?:zo|heel|erg|doodmoe|moe) moe van alles\b|\bmoe van alles\b|\bop van alles\b",
        r"\b(?:uitgeput|opgebrand|leeggezogen)\b(?!.*\b(?:na|door|van) (?:het|de|dat|die|mijn) (?:werk|dienst|training|dag|week)\b)",
        r"\bkan niet meer(?: hoor| echt| zo)?$",
        negatable=False,
    ),
    _p(
        "hopelessness",
        "weak",
        r"\b(?:wordt|komt|gaat) (?:toch |het |allemaal )*nooit (?:meer )?(?:goed|wat|beter|iets)\b",
        r"\b(?:wat|welke) (?:heeft|zin heeft) (?:het|dit|alles) (?:allemaal |nog |eigenlijk )*(?:voor )?zin\b",
        r"\bheeft (?:het |dit |alles )?(?:allemaal |toch |eigenlijk )*(?:geen|weinig) zin (?:meer)?\b"
        r"(?!.*\b(?:project|traject|cursus|sollicit|gemeente|klantmanager|baan|werk|gesprek|vragen|app|chat)\w*)",
        r"\b(?:hopeloos|uitzichtloos|zinloos|doelloos)\b(?!.*\b(?:project|traject|cursus|sollicit|gemeente|klantmanager|"
        r"baan|werk|gesprek|regels|systeem|beleid)\w*)",
        r"\bgeen (?:hoop|toekomst|perspectief) meer\b(?! (?:in|als|bij|op|voor) (?:de|het|een|dit|dat|die|mijn) )|\balle hoop (?:opgegeven|verloren)\b|\bhoop opgegeven\b",
        r"\b(?:zwart|donker) (?:gat|put)\b|\bin een (?:diep |zwart )?(?:gat|put)\b",
        r"\b(?:zie|weet) (?:ik )?(?:\w+ )?(?:niet|nie) hoe (?:dit|het|dat|alles) (?:\w+ ){0,2}(?:goed|beter) "
        r"(?:moet|kan|zal) (?:komen|worden|gaan)\b",
    ),
    _p(
        "isolation",
        "weak",
        r"\bniemand (?:die )?(?:\w+ ){0,2}(?:vraagt|ziet|merkt|belt|luistert|geeft om|snapt|begrijpt|helpt|weet) "
        r"(?:\w+ ){0,5}(?:me|mij|hoe het met (?:me|mij))\b",
        r"\b(?:ik ben|voel me|ik voel me) (?:\w+ ){0,2}(?:zo |heel |erg |helemaal |ontzettend )?(?:alleen|eenzaam)\b"
        r"(?! (?:thuis|met de kinderen|op de|in de|bij))",
        r"\bniemand meer\b(?=.*\b(?:heb|over|alleen|eenzaam|vrienden|familie)\b)",
    ),
    _p(
        "worthlessness",
        "weak",
        r"\bik ben (?:\w+ ){0,2}(?:niks|niets|geen cent|geen knip voor de neus) waard\b|\bwaardeloos\b(?=.*\b(?:ik|mezelf|me)\b)",
        r"\b(?:ik haat|haat ik) (?:mezelf|mijzelf|mijn leven)\b|\bik ben (?:een )?(?:mislukkeling|mislukt|loser|nul)\b",
        r"\b(?:slaap|eet|sliep|at) (?:al )?(?:\w+ )?(?:dagen|weken|nachten|week|maand) (?:niet|nauwelijks|amper|bijna niet)\b",
        r"\b(?:schaam|schaamde) (?:me|mij) (?:\w+ ){0,3}dood\b|\bmislukt als (?:moeder|vader|mens|man|vrouw)\b",
    ),
)

# Clause contexts that cancel a category's hits: an accident is not self-harm, a goodbye
# because of a new job or a holiday is not a farewell.
UNLESS = {
    "self_harm": re.compile(
        r"\b(?:per ongeluk|perongeluk|dom van me|bij het koken|aan (?:een|de|het) (?:blikje|oven|pan|"
        r"kachel|mes|glas|papier|strijkijzer|fornuis|plaat|bak)|in de keuken|tijdens het werk|"
        r"bij het (?:\w+ )?(?:snijden|koken|schillen)|uien|groente|pleister erop|voor (?:mijn|m'n|de) (?:kop|hoofd)|"
        r"achter (?:de|mijn|m'n) oren|aan een stuk|niks ernstigs|niets ernstigs|bij het \w+en|"
        r"bij (?:het|de) (?:sport|training|voetbal|tennis|fitness|werk|kringloop)|van de (?:kat|hond|poes|struik|"
        r"doornen|rozen)|niks bijzonders|niets bijzonders)\b"
    ),
    "burden_hopeless": re.compile(
        r"\b(?:hond|kat|katten|honden|planten|vissen|konijn|cavia|vogel) (?:is|zijn) beter af\b"
    ),
    # An object with a "suicide" of its own ("mijn laptop heeft zelfmoord gepleegd").
    "active_thoughts": re.compile(
        r"\b(?:laptop|telefoon|computer|pc|auto|fiets|plant|printer|wasmachine|mobiel|"
        r"batterij|accu|router|tv|koelkast|scooter) (?:\w+ ){0,3}(?:zelfmoord|suicide)"
    ),
    # Hyperbole with a laugh: "mijn vader vermoordt me als ik zak haha".
    "preparation_farewell": re.compile(
        r"\b(?:baan|vaste baan|werk|vakantie|verhuis|verhuizen|verhuizing|tot (?:maandag|"
        r"volgende|straks|ziens|morgen)|spreek ik (?:u|je|jullie) weer|volgende week|"
        r"marktplaats|nieuwe stage|ga werken|ben aangenomen|voor vandaag|ik moet naar|voetbal|"
        r"training|school|toch|alvast bedank|geholpen|voor de (?:arbeidsdeskundige|klantmanager|jobcoach))\w*"
    ),
}

# Second pass: kinds of wording found missing in error analysis on the development set
# (data/understanding/safety/dev_*.yml), written as general patterns, not as the sentences.
PATTERNS += (
    _p(
        "passive_death_wish",
        "possible",
        r"\b(?:raakt|aanrijdt|overrijdt|schept|rijdt) (?:\w+ ){0,3}(?:nu )?(?:prima|best|goed|fijn|mag het)\b",
        r"\b(?:wens|hoop|wou|zou willen)\b.*\b(?:in slaap|slapen|inslapen)\b.*\b(?:voor altijd|nooit meer|stil blijft|niet meer)\b",
        r"\bhoop (?:\w+ ){0,4}(?:iets ergs|iets ernstigs|ernstig|kanker|ongeneeslijk|terminaal)\b",
        r"\b(?:mag|kan) ik (?:ook |dan |niet )?(?:gewoon |gelijk |meteen )?dood\b(?! van)",
        r"\b(?:wilde|wou) ik (?:\w+ ){0,3}dood\b|\bdood willen\b",
        r"\b(?:kom|ga|hoef) (?:ik )?(?:\w+ ){0,2}nergens meer(?: heen| naartoe)?(?!\w)(?! (?:heen|naartoe|voor|op|bij|van)\b)"
        r"(?!.*\b(?:vakantie|feest|gemeente|bijstand|baan|werk|sollicit|begin|zoek)\w*)",
        r"\bwas (?:leuk|mooi|fijn|goed) zolang het duurde\b|\bhet was mooi geweest\b(?! (?:daar|bij|in|op|met|hier) )(?!.*\b(?:baan|werk|contract|vrijwilligerswerk)\w*)|\bdoei allemaal\b|\bdag allemaal\b"
        r"(?=.*\b(?:was|voorbij|mooi|leuk|laatste)\b)",
        negatable=False,
    ),
    _p(
        "plan_means",
        "acute",
        rf"\b(?:{PILLS}) (?:\w+ ){{0,4}}(?:klaarstaan|klaar staan|klaarstaat|klaarliggen|klaar liggen|klaargezet|klaargelegd)\b",
        r"\b(?:gaskraan|gas) (?:\w+ ){0,3}(?:opengedraaid|opengezet|open gezet|open gedraaid|open laten|opendraaien)\b",
        r"\b(?:plek|plekje|plaats|brug|flat|gebouw|dak) (?:\w+ ){0,6}(?:uitgezocht|gevonden|gekozen|bekeken)\b"
        r"(?=.*\b(?:spoor|brug|flat|dak|hoog|water|camera|niemand|springen|trein|overweg)\w*)",
        r"\bhoe hoog\b(?=.*\b(?:dak|flat|brug|parkeergarage|gebouw|balkon|galerij)\b)|"
        r"\b(?:dak|flat|brug|parkeergarage|gebouw|balkon)\b.*\bhoe hoog\b",
        r"\b(?:het dak op|op het dak) (?:\w+ ){0,3}(?:kan|kon|kunnen|gaan|gegaan|geklommen)\b",
        r"\b(?:reling|leuning|dakrand|brugleuning) (?:\w+ ){0,5}(?:geklommen|klim|klimmen|gestaan|gezeten|over)\b|"
        r"\b(?:geklommen|klom) (?:\w+ ){0,4}(?:reling|leuning|dakrand)\b",
        r"\b(?:spoor|overweg|rails|spoorwegovergang) (?:\w+ ){0,8}(?:blijven staan|blijf staan|gaan staan|gaan liggen|"
        r"blijven liggen|wachten op de trein)\b",
        r"\b(?:alles|allemaal|alle) (?:\w+ ){0,2}(?:tegelijk|in een keer|ineens) (?:\w+ ){0,2}(?:nemen|innemen|slikken|neem)\b",
        r"\bvolgende keer (?:niet|wel)\b(?=.*\b(?:gas|pillen|touw|mes|springen|dicht|terug)\b)",
    ),
    _p(
        "preparation_farewell",
        "acute",
        r"\b(?:sleutels|sleutel) (?:\w+ ){0,4}(?:bij de buren|bij de buurvrouw|bij de buurman|neergelegd|afgegeven)\b"
        r"(?=.*\b(?:brief|briefje|afscheid|zorg goed|niet meer|laatste)\b)",
        r"\b(?:brief|briefje) (?:\w+ ){0,2}(?:op tafel|neergelegd|klaargelegd|achtergelaten)\b(?!.*\b(?:gemeente|uwv|belasting|"
        r"klantmanager|werkgever|sollicit)\w*)",
    ),
    _p(
        "burden_hopeless",
        "possible",
        r"\b(?:wat|waarom) (?:\w+ ){0,5}(?:op deze wereld|op aarde|hier nog|nog hier) (?:te zoeken|te doen)\b",
        r"\bals ik (?:wegval|weg ben|er niet meer ben|dood ben|er niet ben) (?:\w+ ){0,4}(?:besparen|bespaart|scheelt|beter|rust|"
        r"opgelucht|makkelijker|gelukkiger)\b",
        r"\b(?:met|bij) iemand anders (?:\w+ ){0,3}(?:gelukkiger|beter af|beter)\b|\b(?:hou|houd) (?:haar|hem|ze|hen) "
        r"(?:alleen maar )?tegen\b",
        r"\bbeter af zonder (?:een|zo'n|zo een) (?:moeder|vader|man|vrouw|vriend|vriendin|partner|zoon|dochter)\b",
        negatable=False,
    ),
    _p("self_harm", "possible", r"\bsnijwond\w*\b(?=.*\b(?:durf|niemand|vest|mouwen|verberg|verstop|onder|zelf)\b)"),
    _p(
        "danger_other",
        "acute",
        r"\b(?:gat in de (?:deur|muur)|tegen de muur|met (?:dingen|spullen)) (?:\w+ ){0,4}(?:geslagen|gegooid|gesmeten|geduwd)\b"
        r"(?=.*\b(?:hoofd|mij|me|naast|bang)\b)|\bnaast (?:mijn|m'n) hoofd\b",
        negatable=False,
    ),
    _p(
        "hopelessness",
        "weak",
        r"\b(?:er )?verandert (?:\w+ ){0,2}nooit (?:meer )?iets\b|\bvoor altijd dit\b|\bblijft altijd zo\b",
    ),
    _p("worthlessness", "weak", r"\b(?:mislukking|nietsnut|waardeloos mens)\b"),
)

# Third pass: wordings missed in long messages (data/understanding/safety/dev_writer21.yml,
# a development set of long narrative messages), written as general patterns.
PATTERNS += (
    _p(
        "passive_death_wish",
        "possible",
        r"\b(?:beter|liever) (?:\w+ ){0,2}(?:ik was|was ik|ik ben|ben ik) er (?:\w+ )?(?:niet|nooit) meer\b",
        r"\bhoop (?:\w+ ){0,6}(?:iets ergs|iets ernstigs|ongeneeslijk|terminaal)\b(?=.*\b(?:klaar|over|voorbij|weg|rust)\b)",
        r"\bhet (?:leven )?(?:voor mij |van mij )(?:\w+ ){0,2}(?:niet|nooit) meer (?:hoeft|hoef)\b|"
        r"\bhet leven (?:\w+ ){0,3}(?:niet|nooit) meer (?:hoeft|hoef)\b",
        r"\b(?:niet|nooit) (?:meer )?wakker (?:te )?(?:worden|word)\b (?:\w+ ){0,3}(?:lijkt|is|klinkt|zou|vind)\b"
        r"(?:\w+ ){0,3}(?:prima|fijn|goed|best|heerlijk|mooi|rustig|niet erg)\b",
        r"\b(?:god|de here|de heer|here|allah|hij daarboven) (?:\w+ ){0,3}(?:me|mij) (?:\w+ ){0,2}(?:komen halen|halen|"
        r"wegnemen|tot zich nemen|bij zich roepen|komen nemen)\b",
        r"\bals ik (?:\w+ ){0,2}(?:niet|nooit) meer (?:besta|zou bestaan|bestond)\b",
        r"\b(?:onder een|door een) (?:auto|trein|bus|vrachtwagen|tram) (?:kwam|kwamen|zou komen|terechtkwam|terecht zou komen)\b",
        r"\b(?:niet erg|prima|fijn|best|geen probleem|niks uitmaken|niets uitmaken)\b.*\bonder een (?:auto|trein|bus|vrachtwagen|tram)\b",
        r"\b(?:hart|lichaam) (?:\w+ ){0,3}(?:ermee ophoudt|er mee ophoudt|mee ophoudt|stopt|stil staat|stilstaat)\b"
        r"(?=.*\b(?:prima|fijn|best|niet erg|mooi|rust|opgelost|klaar)\b)",
        r"\b(?:leven|bestaan) (?:\w+ ){0,3}(?:niet|nooit) (?:meer )?(?:de moeite waard|waard om te leven)\b",
        r"\bals ik er (?:\w+ )?(?:niet|nooit) meer (?:was|zou zijn)\b(?! (?:op|bij|in|naar|om|tijdens|voor|op de|met) )",
        negatable=False,
    ),
    _p(
        "active_thoughts",
        "possible",
        r"\bdefinitieve (?:uitweg|oplossing voor mezelf)\b|\b(?:makkelijkste|snelste) uitweg\b(?=.*\b(?:definitief|voorgoed|leven|zeg maar)\b)",
        r"\b(?:ertussenuit|er tussenuit|eruit) (?:kan |kon |wil |zou )?(?:stappen|knijpen)\b(?=.*\b(?:voor altijd|voorgoed|"
        r"definitief|echt voorgoed)\b)",
        r"\bmanier(?:en)? om (?:\w+ ){0,2}(?:te stoppen|ermee te stoppen|er een eind|eruit te stappen)\b"
        r"(?=.*\b(?:alles|leven|voorgoed|definitief)\b)",
    ),
    _p(
        "plan_means",
        "acute",
        r"\b(?:rij|rijden|rijd) (?:\w+ ){0,6}tegen (?:een |de )?(?:boom|muur|pijler|vrachtwagen|brugpijler)\b",
        r"\b(?:trein|spoor|overweg|rails)\b (?:\w+ ){0,8}(?:ik )?(?:stap|spring|loop) (?:ik )?(?:gewoon|ervoor|erop|eronder)\b",
        r"\bhoeveel (?:\w+ ){0,2}(?:eenheden|tabletten|pillen|strips|milligram|mg|insuline) (?:\w+ ){0,3}"
        r"(?:te veel|teveel|dodelijk|genoeg|fataal)\b",
        r"\b(?:loop|wandel|ga|rij) (?:ik )?(?:\w+ )?(?:de|het) (?:zee|water|meer|kanaal|rivier|gracht) in\b"
        r"(?=.*\b(?:niet|nooit|terug|klaar|voorgoed|dood|als|dan|gezegd)\b)",
        r"\b(?:als|zodra|wanneer|mocht)\b.*\b(?:loop|wandel|rij) (?:ik )?(?:\w+ )?(?:de|het) (?:zee|water|meer|kanaal|rivier|gracht) in\b",
        r"\bhelium\b(?!.*\bballon)(?=.*\b(?:fles|kopen|gekocht|zak|doen|hoe|forum|gelezen)\b)",
        r"\bover de (?:rand|reling|leuning|balustrade) (?:te )?(?:gaan|springen|stappen|vallen|klimmen|te klimmen)\b",
        rf"\b(?:{PILLS}) (?:\w+ ){{0,6}}voor als (?:het|t|ik) (?:\w+ ){{0,2}}(?:niet meer|nodig|mis)\b",
    ),
    # looking down from a high place with no word for jumping: the coach asks
    _p(
        "plan_means",
        "possible",
        r"\b(?:parkeergarage|flat|dak|brug|balkon|galerij|torenflat|viaduct)\b.*\bnaar beneden (?:kijken|kijk|keek|staren|gestaard)\b"
        r"(?=.*\b(?:wat|hoe|denk|laat maar|alleen|vanavond|vannacht)\b)",
    ),
    _p(
        "preparation_farewell",
        "acute",
        r"\b(?:brief|briefje|envelop|bericht) (?:\w+ ){0,4}(?:die|dat) (?:\w+ ){0,3}pas (?:\w+ ){0,3}(?:mag|moet|mogen|moeten) "
        r"(?:openmaken|open maken|openen|lezen)\b",
        r"\b(?:playstation|spellen|gereedschap|gereedschapskist|verzameling|computer|laptop|kleding|kleren|spullen) "
        r"(?:\w+ ){0,4}(?:weggegeven|weg gegeven|gegeven aan|naar de kringloop)\b(?=.*\b(?:klaar|niet meer nodig|niet meer kom|"
        r"afscheid|laatste|hoeft (?:\w+ )?niet meer)\b)",
    ),
    _p(
        "self_harm",
        "acute",
        r"\b(?:arm|armen|pols|polsen|been|benen|huid|dij|dijen) (?:\w+ ){0,3}vol (?:met )?(?:sneetjes|sneden|krassen|littekens|wondjes)\b",
        r"\b(?:hoofd|kop) (?:\w+ ){0,3}tegen (?:de|een) \w*(?:muur|deur|kast) (?:\w+ ){0,3}(?:slaan|geslagen|gebonkt|bonken|gebeukt)\b",
        r"\b(?:eet|at|eten) (?:\w+ ){0,3}(?:niks|niets|niet) (?:meer )?(?:\w+ )?expres\b",
        r"\b(?:snij|snijd|kras|brand) (?:ik )?(?:mezelf|mijn|m'n) (?:\w+ )?(?:arm|armen|hand|handen|pols|polsen|been|benen|huid|dij|"
        r"dijen|buik)\b(?=.*\b(?:dan|rustig|rust|pijn|om|weer|niemand|weet niet)\b)",
    ),
    _p(
        "burden_hopeless",
        "possible",
        r"\bzonder (?:mij|me) (?:\w+ ){0,4}(?:niet|geen) (?:zoveel |zo veel |meer )?(?:gedoe|zorgen|last|problemen|ellende)\b",
        r"\bgeen plek (?:meer )?(?:voor mij )?(?:in|op) (?:deze|de) wereld\b|\bvoor mij (?:is )?(?:er )?geen plek (?:\w+ ){0,2}wereld\b",
        r"\b(?:nooit|geen) (?:een )?uitweg (?:komt|is|meer)\b",
        r"\bniemand (?:\w+ ){0,3}(?:opvallen|opvalt|merken|merkt)\b(?=.*\b(?:als ik|er niet|niet meer|weg)\b)|"
        r"\bals ik er (?:\w+ )?(?:niet|nooit) meer (?:was|ben)\b(?! (?:op|bij|in|naar|om|tijdens|voor|met) ).*\bniemand\b",
        negatable=False,
    ),
    _p(
        "danger_other",
        "acute",
        r"\bweet (?:\w+ ){0,2}waar (?:mijn|m'n|de|onze) (?:kinderen|kind|zoon|dochter) (?:\w+ ){0,3}(?:school|wonen|zijn)\b"
        r"(?=.*\b(?:bang|dreig|bedreig|stond|voor mijn)\w*)|\bstond (?:hij|zij|ze) (?:\w+ ){0,2}voor (?:mijn|m'n|ons) (?:huis|deur)\b"
        r"(?=.*\b(?:bang|dreig|bedreig|weet waar)\w*)",
        negatable=False,
    ),
)

NEGATORS = {"niet", "nooit", "geen", "nee", "nie", "nergens"}
# Negators that are part of the signal itself ("niet meer leven") or of a contrast.
_NEGATION_WINDOW = 5


@dataclass(frozen=True)
class Hit:
    category: str
    strength: str
    clause: int
    negated: bool
    matched: str = ""

    @property
    def effective_strength(self) -> str:
        """A negated positive pattern ("ik denk niet aan zelfmoord") counts as weak."""
        return "weak" if self.negated and self.strength != "weak" else self.strength


def _negated(clause: str, start: int, end: int) -> bool:
    before = clause[:start].split()[-_NEGATION_WINDOW:]
    matched: list = []  # a pattern carries its own negation ("niet meer"): only what comes before counts
    words = before + matched
    for i, word in enumerate(words):
        if word in NEGATORS:
            following = words[i + 1] if i + 1 < len(words) else ""
            if following in ("meer", "langer") or (word == "niet" and following in ("dat",)):
                continue
            # "niet" as part of the signal ("ik wil niet meer") was handled by the patterns
            return True
    return False


def _clause_hits(clause: str, index: int) -> Iterable[Hit]:
    for pattern in PATTERNS:
        unless = UNLESS.get(pattern.category)
        if unless is not None and unless.search(clause):
            continue
        for regex in pattern.regexes:
            match = regex.search(clause)
            if match:
                negated = pattern.negatable and _negated(clause, match.start(), match.end())
                yield Hit(pattern.category, pattern.strength, index, negated, match.group(0))
                break


def _join_continuations(clauses: Tuple[str, ...]) -> Tuple[str, ...]:
    """ "Ik wil niet meer! Niet meer elke maand ..." names its object in the next clause."""
    joined: List[str] = []
    for clause in clauses:
        if (
            joined
            and re.match(r"(?:niet|nooit|geen) (?:meer )?\w", clause)
            and re.search(r"\b(?:niet|nooit) meer$", joined[-1])
        ):
            joined[-1] = f"{joined[-1]} {clause}"
        else:
            joined.append(clause)
    return tuple(joined)


def scan(text: str) -> List[Hit]:
    """Every pattern hit of the message, at most one per pattern and clause."""
    clauses = _join_continuations(normalise(text))
    hits: List[Hit] = []
    for index, clause in enumerate(clauses):
        hits.extend(_clause_hits(clause, index))
    # patterns that span a clause boundary ("als die brief komt. dan stap ik eruit")
    if len(clauses) > 1:
        joined = " ".join(clauses)
        seen = {(h.category, h.strength) for h in hits}
        for hit in _clause_hits(joined, -1):
            if (hit.category, hit.strength) not in seen:
                hits.append(hit)
    return hits
