"""How far a LOV claim has come: decided, planned, proposed, demanded or rejected.

The cue nearest before the claim's verb governs it ("beslutade", "planerar", "föreslår",
"motion", "kräver"); a proposal voted down is rejected, one carried is decided; a party's or
the opposition's wish is its demand; a draft decision ("Förslag till beslut", "föreslår
fullmäktige besluta") is a proposal; after the verb only a passive cue counts ("Ett införande
av LOV utreds").
"""

from __future__ import annotations

import re
from enum import StrEnum


class Modality(StrEnum):
    """How far the claim has come: a decision (or fact), a plan, a proposal, a demand, or a
    proposal that was voted down."""

    DECIDED = "decided"
    PLANNED = "planned"
    PROPOSED = "proposed"
    DEMANDED = "demanded"
    REJECTED = "rejected"


_PROPOSAL = r"(motion\w*|forslag\w*|yrkande\w*|krav\w*|medborgarforslag\w*)"
_REJECTED = re.compile(
    rf"\b(avslog|avslogs|avslas|avslagen|avslaget|avslag|beslut\w* att avsla|rostade ned|"
    rf"rostade ner|rostades ned|"
    rf"rostades ner|rostade nej|rostade emot|foll|fick inte (majoritet|stod|gehor))\b.*{_PROPOSAL}|"
    rf"\b{_PROPOSAL}.*\b(avslogs|avslas|avslogs|rostades (ned|ner)|foll|avslag|avslagen|"
    r"fick inte (majoritet|stod|gehor))\b|"
    # "X vill införa LOV men majoriteten röstade emot": a proposal voted down in one sentence
    r"\b(men|och)( \w+){0,6} (rostade|rostades) (emot|ned|ner|nej)\b"
)
#: Modality cues; the one nearest before the verb governs it.
_MODALITY_CUES: tuple[tuple[Modality, re.Pattern[str]], ...] = (
    (
        Modality.DECIDED,
        re.compile(
            # not "beslutsunderlag": what a decision will rest on
            r"\b(beslut(?!slag|sunderlag)\w*|fattade beslut|faststallt?e?|antog|antagit|godkande|"
            r"klubbade|har bestamt|bestamde)\b"
        ),
    ),
    (
        Modality.PLANNED,
        re.compile(
            r"\b(planer\w*|plan(en)? ar|avser|avsikt\w*|siktar|siktet|malet ar|forbered\w*|"
            # "kommer förvaltning och politiker att jobba fram det som ska omfattas av LOV" (but
            # "har fått i uppdrag att arbeta fram ett nytt LOV-avtal" is decided)
            r"kommer (\w+ ){0,4}att (jobba|arbeta) fram|"
            # not the reader's own wish: "välja den vårdgivare du önskar"
            r"arbetar (med|for) att|pa sikt|(?<!som )ville?|(?<!du )(?<!ni )onskar|"
            # "berätta om kommunens arbete med att införa LOV": under way, not decided
            r"arbete(t)? med att|"
            # "Vi anser det angeläget att man själv får välja utförare": a view
            r"anser (det (\w+ )?)?att|tycker (det (\w+ )?)?att|menar att|"
            # "Centerpartiets övertygelse är att människor måste få ... sitt eget val"
            r"overtygelse\w* (ar )?att|overtygad\w* om att|"
            r"ansag att|tyckte att|menade att|"
            # "ta fram ett bra beslutsunderlag nu när det fria vårdvalet ska införas": the
            # basis of a decision still to be taken
            r"beslutsunderlag\w*|"
            # "Gävle kommun tänker införa LOV": an intention
            r"tanker|tankte|"
            # "avvaktar med att införa LOV", "beslutade att skjuta upp beslutet om att införa
            # LOV": put off, not taken
            r"avvakta\w*|skjuta upp|skjuter upp|skot upp|skjutit upp|uppskjut\w*|"
            r"ambition\w*|kan komma att|tanken ar|skulle( \w+){0,2} kunna|eventuellt|"
            # "Risken är att valfriheten försvinner om ...": a fear, not a fact
            r"risken ar att|riskerar att|farhagan|oro for att|"
            # "Nästa år ska kommunfullmäktige bestämma om LOV ska permanentas eller avskaffas":
            # a question still to be decided
            r"(ska|skall|kommer att) (\w+ ){0,2}(bestamma|besluta|ta stallning till) om|"
            # "Det kommer leda till att fler unga får vård i tid": a consequence foreseen
            r"kommer (att )?(leda till|medfora|innebara)|"
            # "Under förutsättning att styrelsen godkänner förfrågningsunderlaget kommer
            # vårdvalet att införas": a condition still to be met
            r"under forutsattning att|forutsatt att|"
            # "Den nya majoriteten har träffat överenskommelse om att avskaffa ...": agreed
            # among parties, not yet decided
            r"overenskommelse\w*|kommit overens|"
            # "För Centerpartiet är det av yttersta vikt att ...": an opinion
            r"av (yttersta|stor|storsta|avgorande|central) vikt|"
            # "om vi skulle införa LOV": a condition, not a decision
            r"om (\w+ ){1,2}skulle|"
            # "Det är ännu inte bestämt när ...": undecided, so at most a plan
            r"(inte|ej) (\w+ )?(bestamt|klart|beslutat|avgjort))\b"
        ),
    ),
    (
        Modality.PROPOSED,
        re.compile(
            # "nämndförslag om att LOV ska skrotas", "budgetförslaget": a proposal
            r"\b(foresla\w*|foreslog|\w*forslag\w*|utred\w*|undersoka\w*|undersoker|se over|"
            r"oversyn|remiss\w*|aterremi\w*|bordla\w*|overvag\w*|diskuter\w*|diskussion\w*|"
            r"ta stallning|"
            r"fragan om|tas upp|uppdrag att (utreda|gora|ta fram|genomfora|analysera)|"
            # "Därför frågar jag ordföranden om meningen är att vårdvalen ska avvecklas": a
            # question whether, not that it is so (but "handläggaren frågar dig om vilken
            # utförare du vill ha" asks the resident to choose)
            r"(fragar|fragade|undrar|undrade)(?! (dig|er|brukaren|kunden|patienten)\b)"
            r"( \w+){0,20} (om|huruvida)|"
            # "ett av ärendena som ska behandlas är ett inriktningsbeslut att införa LOV": on
            # a meeting's agenda, not yet decided
            r"(ska|skall|kommer att) behandlas|"
            r"skulle( \w+){0,2} (innebara|medfora|betyda)|"
            # "Det görs alltid en prövning av lämpligheten att en viss verksamhet ska införas
            # som vårdval": whether it should be, tried case by case
            r"provning\w*|"
            # "ta fram en tydlig modell för hur LOV ska kunna införas": a study, not a decision
            r"(modell|underlag|plan|forslag) for hur)\b"
        ),
    ),
    (
        Modality.DEMANDED,
        re.compile(
            # a demand, not requirements ("de krav som gäller för vårdgivare inom vårdvalet")
            r"\b(krav(et|en)? (pa|om) (att|ett|en|inforande\w*|avskaffande\w*|avveckling\w*)|"
            r"kravde|kraver|kravt|kravts|kravs|begar\w*|yrka\w*|motion\w*|uppmana\w*|vill att|"
            # "Därför är det dags att införa vårdval", "Kommunen borde avskaffa LOV": an
            # opinion of what should be done ("borde ha infört" looks back, no demand)
            r"dags att|hog tid att|borde(?! ha\b)|"
            # "Så långt det är möjligt är det viktigt att brukaren själv får välja": a value
            r"(det ar|ar det) (\w+ )?(viktigt|angelaget|sjalvklart|avgorande) att|"
            # "Samtliga borgerliga partier gick till val på att införa LOV": a campaign promise
            r"(gick|gar|gatt) till val pa|"
            # "Strängnäspartiet stödjer inte avskaffandet av LOV": a stance
            r"stodjer|stoder|stottar|motsatter sig|tar avstand fran|"
            # "Socialnämnden ställer sig positiv till att införa LOV": a stance, no decision
            r"positiva? till att|positivt (pa|till) att|"
            # "S och V har drivit linjen att skrota systemet": a party's line
            r"(driver|drivit|drev|drivs) (\w+ )?linjen|"
            # "M och KD reserverade sig till förmån för att införa vårdval", "har argumenterat
            # för att införa": a minority's dissent, an argument
            r"reserver\w* sig|reservation\w*|till forman for att|argumenter\w* for|"
            # "Under lång tid förespråkade vi ett vårdval inom ögonvården"
            r"forespra\w*)\b|"
            # "Kommunen bör införa LOV", "regionen behöver införa vårdval" (but "du som bor i
            # Bergsjö", "du som behöver hjälp" are no cue: only right before the verb)
            r"\b(bor|behover)( (nu|snarast|ocksa|aven|darfor|alltsa))? $"
        ),
    ),
)
_PASSIVE_CUE = re.compile(
    r"\b(foreslas|utreds|planeras|diskuteras|overvags|kravs|bordlades|bordlaggs|"
    r"aterremitterades|aterremitteras)\b"
)
_PASSIVE_MODALITY = {
    "foreslas": Modality.PROPOSED,
    "utreds": Modality.PROPOSED,
    "diskuteras": Modality.PROPOSED,
    "overvags": Modality.PROPOSED,
    "planeras": Modality.PLANNED,
    "kravs": Modality.DEMANDED,
    "bordlades": Modality.PROPOSED,
    "bordlaggs": Modality.PROPOSED,
    "aterremitterades": Modality.PROPOSED,
    "aterremitteras": Modality.PROPOSED,
}
#: Moving that a proposal be rejected: "yrkar avslag på förslaget om att införa LOV".
MOVES_REJECTION = re.compile(r"\b(yrka\w*|foreslar|foreslog) (\w+ )?avslag\b")
#: A proposal or motion that was carried is a decision: "Fullmäktige biföll motionen om ...".
_CARRIED = re.compile(
    rf"\b(bifoll|bifolls|bifallit|bifallits|bifalla|bifaller) (\w+ )?{_PROPOSAL}|"
    # "röstade kommunfullmäktige ja till socialnämndens förslag om att införa LOV", "antog
    # förslaget", "klubbade igenom förslaget"
    rf"\b(rostade (\w+ ){{0,2}}ja|sa ja|sade ja) till (\w+ ){{0,3}}{_PROPOSAL}|"
    rf"\b(antog|antogs|klubbade( igenom)?|klubbades( igenom)?) (\w+ ){{0,2}}{_PROPOSAL}|"
    # "Kristdemokraterna i Skövde har fått igenom sitt förslag om valfrihet"
    rf"\b(fatt|fick|far) igenom (\w+ ){{0,2}}{_PROPOSAL}|"
    # "Kommunfullmäktige beslutade enligt kommunstyrelsens förslag att avveckla LOV"
    rf"\bbeslut\w* (enligt|i enlighet med) (\w+ ){{0,3}}{_PROPOSAL}"
)
#: Proposing that a proposal be carried: "röstat för att föreslå kommunfullmäktige att
#: bifalla en motion om att utreda LOV".
_PROPOSES_CARRYING = re.compile(
    r"\b(foresla|foreslar|foreslog|foreslagit|foreslas)( \w+){0,3} att (bifalla|anta|godkanna)\b"
)
#: A proposal carried, said after it: "Förslaget om vårdval i BUP antogs av fullmäktige",
#: "Socialnämndens förslag om att införa LOV godkändes av kommunfullmäktige".
_CARRIED_AFTER = re.compile(
    rf"\b{_PROPOSAL}\b.*\b(antogs|bifolls|godkandes|klubbades|gick igenom)\b(?! (inte|ej)\b)|"
    # "Efter en debatt segrade förslaget om LOV"
    rf"\b(segrade|vann) {_PROPOSAL}"
)


def proposal_carried(folded: str) -> bool:
    """Whether the sentence says a proposal or motion in it was carried ("antog förslaget",
    "motionen bifölls"), so what it proposed is decided."""
    return bool(_CARRIED.search(folded) or _CARRIED_AFTER.search(folded))


#: The chair's finding in a protocol: "... och finner att fullmäktige bifaller det".
_FOUND_CARRIED = re.compile(r"\bfinner att (\w+ ){0,2}(bifaller|beslutar|beslutat|antar)\b")
#: A party or the opposition as the one who wants something: a demand, not a plan.
_PARTY = re.compile(
    r"\b(\w*partiet|\w*demokraterna|moderaterna|liberalerna|centern|oppositionen|"
    # party members: "två moderater som ansåg att"
    r"moderater|socialdemokrater|sverigedemokrater|kristdemokrater|liberaler|centerpartister|"
    r"vansterpartister|miljopartister|"
    r"s|m|v|sd|c|l|kd|mp)\b(?= (\w+ ){0,3}(ville?|kraver|anser|ansag|tycker|tyckte|menar|"
    r"menade|ar det))"
)
# A draft decision: "Förslag till beslut", "föreslår kommunfullmäktige besluta att ...".
_DRAFT = re.compile(
    r"\b(forslag|forslaget) till beslut\b|"
    r"\b(foreslar|foreslas|foreslog|foresla)( \w+){0,4} (besluta|beslutar)\b"
)
#: A decision still ahead: "En regelbok ska tas fram inför det formella beslutet att införa
#: vårdval", "innan beslut fattas om att införa LOV", "Idag kommer KF att ta beslut om att".
_DECISION_AHEAD = re.compile(
    r"\b(infor|fore|innan) (det |ett |den |nagot )?(\w+ )?beslut(et)?( fattas)? (om|att)\b|"
    # "innan de bestämmer sig för att eventuellt släppa in privata aktörer"
    r"\binnan (\w+ ){0,2}(bestammer|beslutar|tar stallning)\b|"
    # "Idag kommer KF att ta beslut om att ...", "nämnden ska fatta beslut om ..."
    # ("måste kommunfullmäktige ta ett beslut om att avveckla LOV")
    r"\b(kommer (\w+ ){0,3}att|ska|skall|maste( \w+){0,2}) (ta|fatta) (ett |sitt )?beslut\b|"
    # "Under våren kommer kommunfullmäktige att besluta ifall LOV ska avvecklas"
    r"\b(kommer (\w+ ){0,3}att|ska|skall) (\w+ ){0,2}(besluta|bestamma) (om|ifall|huruvida)\b"
)
#: An attempt, whatever it tried to have decided: "trots att S och V försökte få
#: kommunfullmäktige att ta beslut om att upphöra med LOV", "S och V försöker avskaffa LOV".
_ATTEMPT = re.compile(r"\b(forsokte|forsoker|forsokt)\b")
#: A decision put off: "beslutade att skjuta upp beslutet om att införa LOV".
_PUT_OFF = re.compile(r"\b(skjuta|skjuter|skot|skjutit) upp (\w+ ){0,2}beslut")
#: A decision still to be taken, told after the claim: "Beslut om att införa vårdval för
#: psykoterapi fattas i regionfullmäktige i juni" (but "fattades i juni" is taken).
_DECISION_NAMED = re.compile(r"\bbeslut(et)? (om|att)\b")
_TAKEN_LATER = re.compile(r"\b(fattas|tas) (i|pa|vid|under|av|nasta|senare|efter|innan|forst)\b")
#: Moving a decision: "yrkar att fullmäktige beslutar att ...".
_MOVED = re.compile(r"\b(yrka\w*|hemstalla\w*|hemstaller)( \w+){0,4} (besluta|beslutar)\b")
#: The cues of a decision (they raise a claim's confidence).
DECISION_CUE = _MODALITY_CUES[0][1]


def modality_of(folded: str, verb_at: int) -> Modality:
    """The modality cue nearest before the verb (else anywhere after it), else decided."""
    if MOVES_REJECTION.search(folded):
        return Modality.DEMANDED  # "X (S) yrkar avslag på förslaget": a motion, not a vote
    if _REJECTED.search(folded):
        return Modality.REJECTED
    if _DRAFT.search(folded[:verb_at]):
        return Modality.PROPOSED  # "Förslag till beslut: Nämnden beslutar att införa ..."
    if _MOVED.search(folded[:verb_at]):
        return Modality.DEMANDED
    if _PROPOSES_CARRYING.search(folded[:verb_at]):
        return Modality.PROPOSED  # "röstat för att föreslå fullmäktige att bifalla en motion"
    if (
        _CARRIED.search(folded[:verb_at])
        or _FOUND_CARRIED.search(folded[verb_at:])
        or _CARRIED_AFTER.search(folded)
    ):
        return Modality.DECIDED
    if _ATTEMPT.search(folded[:verb_at]):
        return Modality.DEMANDED
    if (
        _DECISION_AHEAD.search(folded[:verb_at])
        or _PUT_OFF.search(folded[:verb_at])
        or (_DECISION_NAMED.search(folded[:verb_at]) and _TAKEN_LATER.search(folded[verb_at:]))
    ):
        return Modality.PLANNED
    best: tuple[int, Modality] | None = None
    for modality, pattern in _MODALITY_CUES:
        for match in pattern.finditer(folded[:verb_at]):
            if best is None or match.start() >= best[0]:
                best = (match.start(), modality)
    if best is None:
        # After the verb only a passive cue governs it: "Ett införande av LOV utreds".
        after = " ".join(folded[verb_at:].split()[:8])
        if passive := _PASSIVE_CUE.search(after):
            return _PASSIVE_MODALITY[passive.group(1)]
        return Modality.DECIDED
    if best[1] is Modality.PLANNED and _PARTY.search(folded[: best[0] + 12]):
        # What a party wants is its demand, not the municipality's plan.
        return Modality.DEMANDED
    return best[1]


def modality_cue(folded: str) -> Modality | None:
    """The modality a line states by a cue word ("Beslut", "Förslag till beslut", "Yrkande"),
    or None when it has none (a line without a cue says nothing of modality)."""
    if not (
        _DRAFT.search(folded)
        or _MOVED.search(folded)
        or _REJECTED.search(folded)
        or any(pattern.search(folded) for _modality, pattern in _MODALITY_CUES)
    ):
        return None
    return modality_of(folded, len(folded))
