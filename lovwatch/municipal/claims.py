"""What one sentence claims about a valfrihetssystem: kind, whose system, and how sure.

A sentence is read as a claim in three steps, all on folded words:

1. *kind*: the verb that says what happens to the system (införa, avveckla/avskaffa/upphöra,
   förnya; or that it is in use: "har LOV", "du kan välja utförare", "I länet finns vårdval
   inom primärvård"). Only true verb forms count: "informera", "information" are not forms of
   "införa", a sentence-initial "Inför" is the preposition, and "införandet av LOV" as a noun
   is a topic unless a cue governs it. An introduction told in the past ("har infört",
   "infördes") says the system is in use (`Claim.introduced_earlier`); `statements` decides
   from the page's date whether it is also news.
2. *polarity*: a negation in the verb's clause ("inte", "ej", "nej till", "i stället för att",
   "avstå från att") turns an introduction into `not_introduce` and an ending into `active`;
   "inga ... avvecklats" ends nothing.
3. *modality* and *subject*: the nearest cue before the verb says whether it is decided,
   planned ("planerar", "förbereda", "avser"), proposed ("föreslår", "utreda", "återremiss",
   "Förslag till beslut"), demanded ("motion", "kräver", "yrkar", a party's "anser") or
   rejected (a proposal "avslogs", "röstade emot"); `subjects.subject_of` says whose system it
   is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from lovwatch.municipal.modality import (
    DECISION_CUE,
    MOVES_REJECTION,
    Modality,
    modality_cue,
    modality_of,
    proposal_carried,
)
from lovwatch.municipal.subjects import (
    OWN_SUBJECT,
    SYSTEM,
    SYSTEM_IN_FORCE,
    Subject,
    is_place,
    own_names,
    subject_of,
)
from lovwatch.municipal.vocabulary import (
    DECIDING_BODY,
    LIST_WHERE_ONE_WANTS,
    OWN_AS_ONE_SIDE,
    PROCUREMENT,
    fold_words,
)

__all__ = [
    "SYSTEM",
    "Claim",
    "Modality",
    "StatementKind",
    "Subject",
    "modality_cue",
    "modality_of",
    "own_names",
    "read_claim",
    "subject_of",
]


class StatementKind(StrEnum):
    ACTIVE = "active"
    INTRODUCE = "introduce"
    NOT_INTRODUCE = "not_introduce"
    END = "end"
    RENEWED = "renewed"


@dataclass(frozen=True)
class Claim:
    """The reading of one sentence; `verb_at` is where its kind's verb stands (folded text)."""

    kind: StatementKind
    subject: Subject
    modality: Modality
    confidence: float
    verb_at: int
    #: An introduction told in the past ("har infört", "infördes"), read as `active`.
    introduced_earlier: bool = False


# Verb forms only: "införa" and its inflections, never "informera"/"information".
_INTRODUCE_VERB = r"infor(a|as|s|t|ts|de|des|andet?|andes)?"
#: When a start is: "i höst", "den 1 mars", "från och med", "vid årsskiftet", "2027".
_START_TIME = (
    r"(i (host|var|sommar|vinter|\w+ar)\b|den \d|\d|fran\b|vid (arsskiftet|halvarsskiftet)\b|"
    r"efter (arsskiftet|sommaren)\b|nasta ar\b|under (\w+ )?(\d|host|var)|"
    r"(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b)"
)
#: What a system is extended with, when it is a service: not more units, money or time.
_A_SERVICE = (
    r"(?! (fler|flera|nya|ny|nytt|ytterligare|ersattning\w*|pengar|miljoner|kronor|\d+|"
    r"mottagningar|vardcentraler|enheter|ar|manader)\b)\b"
)
#: Taking part in a system, or staying out of it: a provider's choice, the system runs.
_JOINS = (
    # (a provider leaving, "Solrosen lämnar valfrihetssystemet", is read here only once the
    # ending has been ruled out: see `_providers_leave`)
    r"((ga|gar|gatt|gick) med|(sta|star|stod|statt) utanfor|(ingar|ingick)( inte)?|"
    r"(lamnar|lamnade|lamnat)|"
    # "kan inte bli utförare i kommunens valfrihetssystem": who may take part
    r"bli (\w+ )?(utforare|leverantor\w*|anordnare) (i|inom)( kommunens| regionens)?|"
    r"anslut\w*( sig)? till|"
    # "kan när som helst anmäla sig till Hälsoval Västerbotten", "medverka i hälsovalet", "kan
    # inte bedriva någon verksamhet inom ramen för Hälsoval Västerbotten": a provider's terms
    r"anmal\w* sig till|medverka\w* (i|inom)|"
    r"(bedriva|bedriver|driva|driver) (\w+ ){0,2}verksamhet (inom ramen for|inom|i)) (i )?"
)
#: A region's rulebook for its vårdval: "Krav- och kvalitetsbok" (Västra Götaland, Örebro),
#: "Regelbok för Hälsoval" (Skåne).
_RULEBOOK = r"(krav och kvalitetsbok\w*|regelbok\w*)"
#: A proposal as a noun: "förslaget", "motionen", "medborgarförslaget".
_PROPOSAL_NOUN = r"(forslag|forslaget|motion|motionen|medborgarforslag|medborgarforslaget)"
_END_VERB = (
    r"(avveckla\w*|avsluta\w*|avskaffa\w*|upphor\w*|upphora|slopa\w*|skrota\w*|avbryt\w*|avbrot|"
    r"sag\w* upp|sade upp|tog bort|ta bort|tar bort|tas bort|togs bort|tagits bort|"
    # "Kommunen drar tillbaka LOV inom boendestöd"
    r"drar tillbaka|drog tillbaka|dra tillbaka|dragit tillbaka|"
    r"lagg\w* (ner|ned)|lades (ner|ned)|lagt (ner|ned))"
)
_END_PASSIVE = (
    r"(upphor|upphorde|upphort|avvecklas|avvecklades|avvecklats|avslutas|avslutades|avslutats|"
    r"avskaffas|avskaffades|avskaffats|slopas|slopades|skrotas|skrotades|skrotats|tas bort|"
    r"togs bort|lags ned|lades ned|dras tillbaka|drogs tillbaka|"
    r"lags ner|laggs ner|laggs ned|lades ner|laggas ner|laggas ned|ska avvecklas|ska avskaffas|"
    r"ska upphora)"
)
#: A date between a verb and the system: "införde den 1 november 2009 LOV", "avvecklar från och
#: med den 1 januari 2015 valfrihetssystemet", "upphör den 31 december med kundvalet".
_DATE_GAP = r"( ((fran och med|fr o m|fran|per) )?(den )?\d{1,2} \w+( \d{4})?)?"
#: What a resident chooses under a choice system: a provider, a clinic, a health centre.
_CHOSEN = (
    # (not a choice between courses of action: "kan tvingas välja mellan att hålla hög men dyr
    # kvalitet eller att sänka kvaliteten"; but "välja mellan att få dina insatser utförda av
    # kommunen eller privat utförare" is one of providers)
    r"(utforare\w*|vem som|mellan(?! att (?!(fa|ha|anlita)\b))|leverantor\w*|foretag\w*|"
    r"anordnare|vardgivare\w*|"
    r"vardcentral\w*|halsocentral\w*|tandlakare\w*|folktandvard\w*|tandvards\w*|"
    r"mottagning\w*|klinik\w*|familjeradgivare\w*|nagon av|(vilken|vilket|vilka) av|"
    r"rehabenhet\w*|vardenhet\w*|"
    # "välja vilken hemtjänstaktör du vill anlita"
    r"(vilken|vilket|vilka) \w*aktor\w*|"
    # the profession one chooses in a specialist vårdval: "välja fysioterapeut"
    r"fysioterapeut\w*|sjukgymnast\w*|psykoterapeut\w*|logoped\w*|fotterapeut\w*|"
    r"audionom\w*|barnmorsk\w*|tandklinik\w*|ogonklinik\w*|hudklinik\w*|"
    # "kan barn och unga välja var de ska få sin tandvård"
    r"var (du|de|man|ni) (vill|ska) (fa|ga|lista) |"
    # "Du kan välja vilken BVC du vill gå till"
    r"bvc|mvc|barnavardscentral\w*|\w*mottagning\w*)"
)
#: The subject after the verb, in a main clause after a fronted phrase: "tillämpar vi", "har
#: Vårgårda kommun kundval".
_INVERTED = r"((vi|kommunen|regionen|landstinget|man|\w+ (kommun|stad)|region \w+) )?"
#: Not a school: school choice is the Education Act's, not LOV.
_NOT_SCHOOL = r"(?!(forskol|skol|grundskol|gymnasi|fritids|pedagogisk)\w*)"
#: One side of the choice named: "en privat utförare", "kommunal eller privat utförare".
_PRIVATE_OR_OWN = (
    r"((privata?|kommunala?) (utforare|alternativ|foretag|leverantor|vardgivare|tandlakare|"
    r"klinik|vardcentral|halsocentral|mottagning)\w*|"
    # "mellan kommunala och privata dagverksamheter": both sides of any service
    rf"(kommunala?|privata?) (och|eller) (kommunala?|privata?) {_NOT_SCHOOL}\w+)"
)
# Checked in this order; a sentence takes the first kind whose pattern matches, and the
# match's start is the verb the negation and modality cues are measured from.
_KINDS: tuple[tuple[StatementKind, re.Pattern[str]], ...] = (
    (
        # A plan dropped: "Regionen skrotar planen på vårdval inom öron-näsa-hals".
        StatementKind.NOT_INTRODUCE,
        re.compile(
            r"\b(skrota\w*|slopa\w*|avbryt\w*|stoppa\w*|lagg\w* ner|lade ner|"
            r"(drar|drog|dra|dras|drogs|dragit) tillbaka) (\w+ )?"
            rf"(planen|planerna|forslaget|arbetet|inforandet) (pa|om|med|for|av|att)"
            rf"( att infora)?( \w+){{0,2}} {SYSTEM}|"
            # "Regionen har beslutat att inte gå vidare med vårdval inom ortopedi"
            rf"\b(inte|ej) (\w+ )?(ga|gar|gick) vidare med( \w+){{0,2}} {SYSTEM}|"
            # "Kommunen säger nej till LOV" (but a party's "Vi säger nej till LOV" is its stance)
            rf"\b{DECIDING_BODY} (\w+ ){{0,2}}(sager|sa|sade|sagt|tackar|tackade) nej till"
            rf"( att infora| inforande av)? {SYSTEM}"
        ),
    ),
    (
        StatementKind.END,
        re.compile(
            # Not "säga upp det nuvarande LOV-avtalet", "avslutar sitt avtal inom hälsovalet": an
            # agreement ends, the system goes on.
            rf"\b{_END_VERB}{_DATE_GAP}(?!( \w+){{0,2}} (avtal|kontrakt|samarbete)\w*)"
            rf"( \w+){{0,3}} {SYSTEM}(?! avtal)|"
            # "beslutade att avveckla tillämpningen av lagen om valfrihet inom hemtjänsten"
            rf"\b{_END_VERB} (tillampningen|anvandningen) (av|om)( \w+){{0,2}} {SYSTEM}|"
            # "beslutade att lämna LOV för att gå över till LOU"
            rf"\b(lamna|lamnar|lamnade|lamnat|lamnas) {SYSTEM}|"
            # "Umeå kommun vill ersätta LOV med LOU inom hemtjänsten"
            rf"\b(ersatta|ersatter|ersattes|ersatts) {SYSTEM} med (lou|upphandling\w*)\b|"
            # "Det nya avtalet kommer att ersätta vårdvalet": a contract takes its place
            rf"\bavtal\w* (\w+ ){{0,3}}(ersatta|ersatter|ersatt) (\w+ )?{SYSTEM}|"
            rf"\b{SYSTEM}( \w+){{0,5}} {_END_PASSIVE}\b|\b(avveckling|avskaffande) av {SYSTEM}|"
            rf"\bupphora med( \w+){{0,3}} {SYSTEM}|"
            # "Kommunen slutar med LOV", "LOV i hemtjänsten försvinner", "är historia"
            rf"\b(slutar|slutade|sluta) med( \w+){{0,2}} {SYSTEM}|"
            rf"\b{SYSTEM}( \w+){{0,4}} (forsvinner|forsvann|ska forsvinna|ar historia)\b|"
            # "beslut att avveckla möjligheten att tillämpa Lagen om valfrihet"
            rf"\b{_END_VERB} (mojligheten|mojligheterna|ratten) (att|till)( \w+){{0,4}} {SYSTEM}|"
            # "Kommunen tar bort möjligheten att välja utförare i hemtjänsten"
            rf"\b{_END_VERB} (mojligheten|ratten) att (sjalv )?valja( \w+){{0,3}} {_CHOSEN}|"
            # "Sedan 2019 finns inte längre kundval inom städ"
            rf"\b(inte|ej) langre( \w+){{0,3}} {SYSTEM}|\b{SYSTEM}( \w+){{0,4}} (inte|ej) langre\b|"
            # "tidigare beslut om LOV ... hävs" (a repealed decision).
            rf"\bbeslut\w* om( \w+){{0,3}} {SYSTEM}.*\b(havs|upphavs|upphavdes|havdes)\b"
        ),
    ),
    (
        StatementKind.INTRODUCE,
        re.compile(
            rf"\b({_INTRODUCE_VERB}|inforande av|inforandet av){_DATE_GAP}( \w+){{0,3}} {SYSTEM}|"
            # "Förslaget om vårdval i BUP antogs", "biföll motionen om LOV i hemtjänsten": the
            # system proposed (read as decided only when the proposal was carried)
            rf"\b{_PROPOSAL_NOUN} (om|till) (att (infora|inratta) )?(ett |en )?(nytt |ny )?"
            rf"{SYSTEM}(?!( \w+)? (avtal|forfragningsunderlag|ersattning|regler|villkor)\w*)|"
            # "Regionfullmäktige antog i februari LOV även för barntandvården": the system adopted
            rf"\b(antog|antagit|antogs) (i \w+ )?{SYSTEM}"
            r"(?!( \w+)? (avtal|forfragningsunderlag|ersattning|regler|villkor)\w*)|"
            # "Socialnämnden har fattat beslut om att privata företag får ansöka om att få
            # bedriva hemtjänst": the market opened to companies
            r"\bbeslut\w*( \w+){0,3} att (privata? )?(foretag|utforare|aktorer|leverantorer)"
            r"( \w+){0,2} (far|ska fa|ska kunna|kan) (ansoka|etablera|bedriva)\b|"
            # "Omvårdnadsnämnden har beslutat att upphandla ledsagarservice enligt LOV"
            rf"\bbeslut\w* (om )?att upphandla( \w+){{1,6}} enligt {SYSTEM}|"
            # "kommer den framöver att upphandlas enligt LOV": a service about to come under it
            rf"\b(ska|skall|kommer( \w+){{0,2}} att) upphandlas enligt( \w+){{0,2}} {SYSTEM}|"
            # "Regionen har tagit beslut om vårdval för barn- och ungdomspsykiatri", "tog beslut
            # om så kallat kundval"
            r"\b(tagit|tog|fattat|fattade) (ett )?beslut om (att infora )?(ett |en )?(nytt |ny )?"
            r"(sa kallat |sa kallade )?(vardval|halsoval|kundval|lov|valfrihetssystem)\b"
            # (for a service, not for whom: "beslut om kundval för nya brukare"; the system, not
            # its inquiry or its terms)
            r"(?!( (inom|for|i))? (nya|alla|de|den|dig|er|hela|brukar\w*|kunder\w*|patient\w*|"
            r"personer|invanare\w*|kommunen|regionen|utredning\w*|forfragningsunderlag\w*|"
            r"ersattning\w*|avtal\w*|upphandling\w*|regler\w*|villkor\w*)\b)|"
            # "Vårdvalet utökas till att omfatta även psykoterapi", "utökar vårdvalet med"
            # (but not with more units or money: "utökar vårdvalet med fler mottagningar")
            rf"\b{SYSTEM}( \w+){{0,3}} (utokas|utvidgas|breddas) (till|med){_A_SERVICE}|"
            rf"\b(utokar|utvidgar|utokade|utvidgade|breddar) {SYSTEM} (med|till){_A_SERVICE}|"
            # "beslöts om att föreslå Vårdval BUP i Region Kronoberg": a system proposed
            rf"\b(foresla|foreslar|foreslog|foreslagit) (ett |en )?(nytt |ny )?{SYSTEM}"
            r"(?!( \w+){0,3} (inte|ej|avskaffas|avvecklas|upphor|tas bort))|"
            # "Fullmäktige sa ja till LOV", "LOV blir verklighet", "går över till LOV", "Nu blir
            # det LOV i hemtjänsten"
            rf"\b{DECIDING_BODY} (\w+ ){{0,2}}(sager|sa|sade|sagt) ja till"
            rf"( att infora| inforande av)? {SYSTEM}|"
            rf"\b{SYSTEM}( \w+){{0,4}} (blir|har blivit) verklighet\b|"
            rf"\b(ga|gar|gick|gatt) over till {SYSTEM}|"
            rf"\b(nu|snart) blir det {SYSTEM}(?! (upphandling|avtal|forfragningsunderlag))|"
            # "Kommunen öppnar för privata utförare i hemtjänsten", "Bergsjö släpper in privata
            # företag" (but "Det här öppnar upp för fler privata aktörer" is a consequence)
            rf"(\b{DECIDING_BODY} (\w+ ){{0,2}}|^\w+ )(oppnar|oppnade|slapper|slappte) (upp )?"
            r"(for|in) privata? (utforare|foretag|aktorer|hemtjanstforetag|alternativ)\b|"
            # "ta beslut om att permanenta försöket med eget val": a trial made the rule
            rf"\bpermanent(a|as|ade|at|ats) (\w+ ){{0,3}}{SYSTEM}|"
            # "sedan Hälsoval Skåne trädde i kraft den 1 maj": a named system's start (the law's
            # own start, "LOV trädde i kraft", is the law's: see `subjects`)
            rf"\b{SYSTEM_IN_FORCE}|"
            # "Vid årskiftet får vi ett nytt familjeläkarsystem, Vårdval Västmanland"
            rf"\b(far|infor) (vi|man|regionen|kommunen|landstinget|lanet|invanarna) (ett |en )?"
            rf"(nytt|ny|nya)( \w+){{0,3}} {SYSTEM}|"
            # "Landstingsfullmäktige klubbade igenom det som ska kallas Hälsoval"
            rf"\bklubba\w*( igenom)?( det som (ska|skall) kallas| (ett|en)( nytt| fritt)?)? "
            rf"{SYSTEM}|"
            # "Nu öppnar vi upp för vårdval inom ögonsjukvården", "beslutet som öppnar den
            # psykiatriska vården av barn och unga för privata vårdval"
            rf"\boppna\w*( (vi|man|nu|regionen|kommunen))* (upp )?for {SYSTEM}|"
            rf"\boppna\w*( \w+){{1,8}} for (privata? |fria? ){SYSTEM}|"
            rf"\b{SYSTEM}( \w+){{0,5}} (ska |kommer att |skulle )?(inte |ej )?{_INTRODUCE_VERB}\b|"
            # "det beslut om ”Vårdval Gotland” som sjukvårdspolitikerna beslutade på måndagen",
            # "Beslutet om vårdval i BUP fattades i går": the decision on the system itself
            rf"\bbeslut(et)? om (ett |en )?(nytt |ny )?{SYSTEM}( \w+){{0,4}} som( \w+){{1,3}} "
            r"(beslutade|klubbade|fattade|tog)\b|"
            rf"\bbeslutet om (ett |en )?(nytt |ny )?{SYSTEM}( \w+){{0,4}} "
            r"(fattades|togs|klubbades)\b|"
            # "Nu får Skåne ytterligare fyra områden med vårdval"
            rf"\bfar( \w+){{0,2}} (ytterligare|fler|nya)( \w+){{0,2}} (omraden|specialiteter) "
            rf"med {SYSTEM}|"
            # "ett uppdrag till direktören att inrätta ett vårdval"
            rf"\binratta\w*( \w+){{0,3}} {SYSTEM}|"
            # "Ett valfrihetssystem för ledsagning startar i höst": a start ahead, by its time
            rf"\b{SYSTEM}( \w+){{0,4}} (startar|borjar galla|drar igang) {_START_TIME}|"
            # "Vallöftet Eget val i hemtjänsten har sjösatts": launched
            rf"\b{SYSTEM}( \w+){{0,4}} (har |hade |ska |skall )?(sjosatts|sjosattes|sjosattas)\b|"
            rf"\bsjosatt(e|er|s|es)?( \w+){{0,3}} {SYSTEM}|"
            # "Vårdvalet ska börja gälla tidigast från 1 september" (not "ett nytt LOV-avtal som
            # ska börja gälla": an agreement)
            rf"\b{SYSTEM}(?! (avtal|forfragningsunderlag)\w*)( \w+){{0,3}} (ska|skall|kommer att) "
            r"(borja galla|starta)\b|"
            # "Hälsovalet som startar 1 maj", "Hälsovalet som börjar gälla i Skåne 1 maj"
            rf"\b{SYSTEM} som (startar|borjar galla|trader i kraft)\b|"
            r"\b(borjar|oppnar|startar) (registrering|ansokan|annonsering)|"
            rf"\bbeslut\w*( \w+){{0,4}} (om )?att det (ska|skall) (finnas|inforas) {SYSTEM}|"
            # "beslutade den 17 februari 2009 att kommunen ska tillämpa LOV"
            rf"\bbeslut\w*( \w+){{0,8}} att( \w+){{0,3}} ska (tillampa|anvanda|ha) {SYSTEM}|"
            # "Nu ska de som har hemtjänst få välja vem som ska städa": a choice that starts
            rf"\b(nu|snart) ska( \w+){{0,6}} (fa|kunna) valja( \w+){{0,3}} {_CHOSEN}|"
            # "beslutar ... att Lagen om valfrihet (LOV) skall omfatta hemtjänst med service"
            rf"\bbeslut\w*( \w+){{0,12}} att( \w+){{0,3}} {SYSTEM}( \w+){{0,2}} (ska|skall) "
            r"(omfatta|galla)\b"
        ),
    ),
    (
        StatementKind.RENEWED,
        re.compile(
            rf"\b(fornya\w*|forlang\w*|reviderat?|omarbetat?) (\w+ ){{0,2}}("
            # (an agenda's "Förlängning av avtal avseende kostentreprenad" is a procured
            # contract's, unless a system is named after it: LOV agreements run on)
            rf"avtal\w*(?=.*\b{SYSTEM})|(?<!forlangning av )(?<!forlangning )avtal\w*|"
            rf"forfragningsunderlag\w*|valfrihetssystem\w*|{_RULEBOOK})|"
            # "Revidering av Krav- och kvalitetsboken inför 2025", "en ny regelbok för
            # Hälsoval": a region's rulebook for its vårdval, revised (not "fastställa Regelbok
            # 2019 för Vårdval Kronoberg inom BUP": the first rulebook of a new system)
            rf"\b(revidering\w*|ny|nya|nytt) (av |en |den )?{_RULEBOOK}|"
            # "Förfrågningsunderlaget för hemtjänst enligt LOV har reviderats"
            rf"\b(forfragningsunderlag\w*|valfrihetssystem\w*|{_RULEBOOK})( \w+){{0,6}} "
            r"(har |ska |kommer att )?"
            r"(reviderats|revideras|omarbetats|omarbetas|fornyats|fornyas|uppdaterats)\b|"
            # (not one provider's agreement: "det nya LOV-avtalet mellan landstinget och Carema")
            r"\b(nytt|nya) (\w+ )?(avtal|avtalet|forfragningsunderlag\w*)\b"
            r"(?!( \w+){0,3} (mellan|med) )"
        ),
    ),
    (
        StatementKind.ACTIVE,
        re.compile(
            rf"\bsedan\b.*{SYSTEM}|{SYSTEM}.*\bsedan\b|\binfordes\b|"
            # "Efter införandet av vårdval på Gotland har 13 000 bytt vårdcentral": since then
            rf"^efter (inforandet|starten) av (\w+ ){{0,2}}{SYSTEM}\b( \w+){{0,4}} (har|hade)\b|"
            # "Hälsoval fungerar väl med kontinuerlig uppföljning", "Kundvalet har fungerat bra":
            # a system that works is in use
            rf"^{SYSTEM}( \w+){{0,3}} (fungerar|har fungerat)\b(?! (inte|ej|daligt|samre)\b)|"
            # "Vårdvalet inom primärvården innebär att ...": the definite form is this
            # authority's system, explained ("Kundval innebär" explains the idea: general)
            r"^(vardvalet|halsovalet|kundvalet|tandvardsvalet|hemtjanstvalet|valfrihetssystemet|"
            r"lov systemet)( \w+){0,4} (innebar|betyder|bygger pa)\b|"
            r"\b(du|ni)( sjalv)? (kan|far) (sjalv )?valja\b|\bkan (du|ni) (sjalv )?valja\b|"
            # "kan du som har hemtjänst välja mellan ...", "I Järfälla får brukaren själv välja
            # utförare av:", "barn och unga fritt kan välja vårdgivare"
            rf"\b(kan|far|kunnat|fatt)( \w+){{0,10}} valja( \w+){{0,3}} {_CHOSEN}\b|"
            rf"\b(ar|blir) det mojligt( \w+){{0,10}} att valja( \w+){{0,3}} {_CHOSEN}\b|"
            # "Det går att välja utförare" (and, read below as no system, "går inte att")
            rf"\bdet gar (\w+ ){{0,2}}att valja( \w+){{0,3}} {_CHOSEN}\b|"
            # "kan välja att få insatser utförda av kommunen eller av privat utförare"
            rf"\b(kan|far)( \w+){{0,6}} valja( \w+){{0,10}} {_PRIVATE_OR_OWN}\b|"
            # "... väljer du själv vilken hemtjänstutförare du vill få ditt stöd av"
            rf"\bvaljer (du|ni) (sjalv |sjalva )?(vilken|vilket|vilka) (\w+ )?\w*{_CHOSEN}|"
            # "Du väljer själv om du vill ha kommunens hemtjänst eller ett privat företag"
            rf"\b(du|ni|man) valjer (sjalv |sjalva )?(om|mellan)( \w+){{0,10}} {_PRIVATE_OR_OWN}\b|"
            # "Om du beviljas hemtjänst väljer du om du vill anlita den kommunala hemtjänsten
            # eller ett privat företag": the verb before its subject
            rf"\bvaljer (du|ni|man) (sjalv |sjalva )?(om|mellan)( \w+){{0,10}} {_PRIVATE_OR_OWN}\b|"
            # "vilken utförare du har valt (kommunens hemtjänst eller ett privat företag)"
            r"\b(utforare|utforaren) (du|ni) (har valt|valjer) (kommunens|den kommunala)"
            rf"( \w+){{1,3}} eller (\w+ )?{_PRIVATE_OR_OWN}\b|"
            # "Här finns alla valbara kliniker i varje kommun": the units one may choose, there
            r"\b(finns|har) (\w+ ){0,3}valbara (kliniker|tandvardskliniker|mottagningar|"
            r"vardcentraler|halsocentraler|utforare|foretag|leverantorer|anordnare|vardgivare)\b|"
            rf"\bratt att (sjalv |sjalva )?valja( \w+){{0,3}} {_CHOSEN}\b|"
            # "Om brukaren väljer privat utförare görs beställningen direkt till vald utförare"
            r"\b(du|ni|brukaren|brukarna|kunden|den enskilde) (valjer|har valt) (en |ett )?"
            r"(privata?|annan|annat) (utforare|foretag|leverantor)\w*|"
            # "De som bor utanför tätorten är endast hänvisade till att välja någon av de privata
            # utförarna"
            rf"\b(hanvisade?|tvungna|tvingas|maste) (till )?(att )?valja( \w+){{0,3}} {_CHOSEN}\b|"
            # "finns också möjlighet enligt lagen om valfrihetssystem (LOV) att välja företagen"
            rf"\b(finns|har|ges|far) (\w+ ){{0,2}}(mojlighet|mojligheten|ratt|ratten) "
            rf"(\w+ ){{0,8}}?att (sjalv |sjalva )?valja( \w+){{0,3}} {_CHOSEN}\b|"
            # "Ickevalsalternativet ska ske enligt fastställd turordning": the provider of those
            # who do not choose exists only where there is a choice
            r"\bickevalsalternativ\w* (ar|blir|ska|galler|utses|roterar)\b|"
            # "övriga delar av kommunen har åtta-tio anordnare att välja bland", "finns fem
            # privata utförare och kommunens egen hemtjänst att välja mellan", "finns ytterligare
            # en utförare att välja inom hemtjänsten"
            r"\b(har|finns)( \w+){0,4} \w*(utforare|anordnare|foretag|leverantorer|vardgivare)"
            r"( \w+){0,4} att valja\b|"
            # "kan du välja mellan kommunen och Omsorgshuset i Norr"
            rf"\b(kan|far|kunnat|fatt)( \w+){{0,10}} ({OWN_AS_ONE_SIDE})|"
            # "LOV inom personlig assistans finns inte": the system named first (negated, none);
            # not where it is found ("finns bland annat i Landstinget Värmland"), nor what it has
            # not ("Inom vårdvalet finns inte något volymtak")
            rf"\b{SYSTEM}( (inom|for|av|enligt)( \w+){{1,3}})? (finns|tillampas|anvands)\b"
            r"(?! (bland annat |till exempel |aven |ocksa )?(i|hos|pa) (?!dag\b|dagslaget\b))"
            r"(?! (inte|ej) (nagot|nagon|nagra|ett|en)\b)|"
            # "lyckades vi rädda LOV", "så kunde valfriheten räddas": kept, so in use
            rf"\b(radda|raddade|raddat) {SYSTEM}|"
            rf"\b{SYSTEM}( \w+){{0,3}} (raddas|raddades|raddats)\b|"
            # "de privata vårdcentralerna har valt att inte gå med i hälsovalet": providers in or
            # out of a system that runs
            rf"\b{_JOINS}{SYSTEM}|"
            # "I dag finns 16 LOV-företag i Södertälje": companies in a system that runs
            r"\b(finns|har) (det )?(\w+ ){0,2}lov (foretag|utforare|aktorer|leverantorer)\b|"
            # "granskade ett tiotal av de LOV-företag som de hade avtal med"
            r"\blov (foretag|utforare|aktorer|leverantorer)\w* som (\w+ ){0,2}(har|hade) avtal\b|"
            # "Ranagårds äldreboende ska drivas av en privat LOV-entreprenör": a home run in it
            r"\b(drivs|drivas|drivits) (av|som) (en |ett )?(privata? )?lov (entreprenor\w*|"
            r"foretag\w*|utforare\w*|aktor\w*|leverantor\w*|boende\w*)\b|"
            # "I Kävlinge kommun finns Lag om valfrihetssystem (LOV) kopplat till val av
            # särskilt boende"
            rf"\bfinns (det )?((inte|ej|sedan \w+|redan|numera|aven|ett|en) )?((lag|lagen) om )?"
            rf"{SYSTEM}( (inom|i|for)\b|( \w+)? (kopplat|kopplad|knutet|knuten) till\b|$)|"
            rf"\b{SYSTEM}( [a-z]+)? (omfattar|galler for|galler inom|ska galla (for|inom|i))\b|"
            # "I Eskilstuna kan du inte välja hemtjänst enligt LOV" (read as no system below)
            rf"\b(kan|far) (du|man|ni) inte valja( \w+){{0,6}} {SYSTEM}|"
            # "Idag gäller valfrihet för barn och ungdomar", "inom ramen för eget val"
            rf"\b(idag|nu|numera) galler {SYSTEM}|\binom ramen for {SYSTEM}|"
            # "Du väljer själv vilken vårdcentral", "lista dig på valfri hälsocentral"
            rf"\b(du|ni|man) valjer( \w+){{0,3}} {_CHOSEN}\b|"
            # "Du som har rätt till hemtjänst väljer själv utförare bland de godkända företagen"
            rf"\bvaljer (sjalv|sjalva) (\w+ ){{0,2}}{_CHOSEN}\b|"
            r"\bvalfri (vardcentral|halsocentral|vardgivare|tandvardsklinik|mottagning|utforare)\b|"
            # "kan också lista sig där de vill": a free choice of where to be listed
            rf"\b{LIST_WHERE_ONE_WANTS}\b|"
            # ("Tidigare har bara barn ingått i vårdvalet": who has been part of it)
            rf"\b(omfattas av|ingar i|inga i|ingatt i|anslut\w* till|verksamma? inom) {SYSTEM}|"
            # "Från 1 juli ingår även ögonsjukvården i vårdvalet", "Hälsovalet har funnits i tio år"
            rf"\b(ingar|omfattas) (aven|ocksa|numera)( \w+){{1,3}} (i|av) {SYSTEM}|"
            rf"\b{SYSTEM}( \w+){{0,2}} (har|hade) (nu |redan )?funnits\b|"
            # "välja en av de befintliga utförare som redan finns inom LOV"
            rf"\b(utforare|utforarna|leverantorer|anordnare|vardgivare) som (redan )?finns "
            rf"(inom|i) {SYSTEM}|"
            # "krav som gäller för vårdgivare inom vårdvalet": the page's own system, in use
            r"\b(vardgivare|vardgivarna|utforare|utforarna|leverantorer|leverantorerna|anordnare|"
            r"anordnarna) (inom|i) (vardvalet|halsovalet|kundvalet|valfrihetssystemet)\b|"
            # "Omsorg i Norr AB har avtal med Bergsjö kommun enligt LOV": an agreement under it
            rf"\bavtal\w* (med )?(\w+ ){{0,3}}(enligt|inom) {SYSTEM}|"
            # "Vårdval Gävleborg är en succé": a region's named system spoken of as it is
            r"^(vardval|halsoval) [a-z]+ (ar|har) (?!(inte|ej|annu)\b)|"
            # "Verksamheten regleras genom hälsovalssystemet"
            rf"\b(regleras|styrs|drivs) (genom|av|enligt|inom) {SYSTEM}|"
            # "Vårdcentralen överlåts till Capio inom lagen om valfrihetssystem (LOV)"
            r"\binom (ramen for )?(lagen om valfrihet\w*|lov)\b|"
            # "Uppdragsbeskrivning och regelbok för Hälsoval Blekinge 2015": its rules, so in use
            rf"\b(regelbok\w*|uppdragsbeskrivning\w*) (for|inom) {SYSTEM}|"
            rf"\b(behalla|behaller|behalls|beholls|fortsatta med|fortsatter med)( \w+){{0,2}} "
            rf"{SYSTEM}|"
            # "Vårdvalet kommer finnas kvar": it stays
            rf"\b{SYSTEM}( \w+){{0,3}} (finns|finnas|blir|bli) kvar\b|"
            # "I Falkenbergs kommun arbetar vi utifrån ett så kallat LOV-system"
            rf"\b(arbetar|jobbar) (vi |kommunen |regionen )?(utifran|enligt|med)( \w+){{0,3}} "
            rf"{SYSTEM}|"
            # "detta vårdval", "kommunens valfrihetssystem": the system exists
            r"\b(detta|vart|vara|kommunens|regionens|stadens) (vardval|halsoval|kundval|"
            r"valfrihetssystem)\w*|"
            r"\bvalj utforare\b|(?<!ansokt om att )\bbli utforare\b|"
            # "vilka utförare som är godkända av Linköpings kommun"
            r"\b(utforare|foretag|leverantorer)\w* som (ar|har blivit) godkand\w* av "
            r"(kommunen|regionen|landstinget|\w+ (kommun|stad)|region \w+)\b|"
            # "Du kan byta vårdcentral så ofta du vill", "tills de själva aktivt väljer
            # vårdcentral", "väljer bland alla valbara vårdcentraler"
            r"\b((kan|far) (du|ni|man)|(du|ni|man) (kan|far)) (\w+ )?byta (vardcentral|"
            r"halsocentral)\b|"
            r"\b(sjalva |sjalv )?aktivt (valjer|valt|valja) (en )?(vardcentral|halsocentral)\b|"
            r"\bbland (\w+ ){0,2}valbara (vardcentraler|halsocentraler|mottagningar|kliniker|"
            r"utforare|foretag)\b|"
            # "Det råder fritt vårdval för ögonsjukdomar"
            rf"\brader (ett )?{SYSTEM}|"
            # "kunderna måste göra ett nytt val av utförare": the choice exists
            r"\b(gora|gor|gjort) (ett )?(nytt val|omval) av utforare\b|"
            # "Ersättningen till LOV-utförarna har setts över": providers in a system that runs
            r"\blov (utforare|utforarna|utforaren|foretagen|aktorerna|leverantorerna)\b|"
            # "kan ställa sig i kö för att byta utförare": there is a choice to change
            r"\b(?<!tvingas )(?<!tvingades )(byta|byter|bytt|byte av) (\w+ ){0,2}\w*utforare\b|"
            # "för att få din nya hemtjänstutförare": a provider the resident changed to
            r"\bfa (din|er) nya \w*utforare\b|"
            r"\blopande annonsering\b|"
            # "information via brev från hälsovalskontoret": the office that runs the system
            r"\b(halsovals|vardvals|tandvardsvals)(kontoret|enheten|kansliet|avdelningen)\b|"
            # "Annonsering sker löpande på ... valfrihetswebben": the system takes applications
            r"\bannonsering(en)?( \w+){0,2} sker (lopande|fortlopande|kontinuerligt)\b|"
            r"\bgodkanda? (utforare|foretag|leverantorer|leverantor|anordnare)\b|"
            # "Regionen annonserar enligt Lagen om valfrihet (LOV) på Valfrihetswebben"
            rf"\bannonser(ar|as) (lopande )?(enligt|i|pa|via)( \w+){{0,2}} {SYSTEM}|"
            # "Samtliga finansieras med en ersättning från regionen via hälsovalssystemet"
            rf"\b(finansieras|ersatts|ersattning)( \w+){{0,6}} (via|genom|inom) {SYSTEM}|"
            # "vårdområden som är upphandlade enligt lagen om valfrihetssystem"
            rf"\b(upphandlade|upphandlat|upphandlas) enligt( \w+){{0,2}} {SYSTEM}|"
            rf"\b(godkand\w*|auktoriserad\w*) (inom|i|enligt) {SYSTEM}|"
            # "Nu har Attendo och Vardaga godkänts som utförare i hemtjänsten"
            # (but "kan ansöka om att bli godkänd som utförare" is a call, not an approval)
            r"(?<!bli )\b(godkants|godkandes|godkand|godkanda) som (ny |nya )?(utforare|"
            r"leverantor\w*|anordnare)\b|"
            # "Följande företag är godkända att utföra hemtjänst i Bergsjö kommun:"
            r"\b(foretag|foretagen|utforare|utforarna|leverantorer|anordnare) (\w+ )?"
            r"(ar|har blivit|har) (godkanda|godkants) (att utfora|att bedriva|som|inom|for)\b|"
            r"\bauktoriserade? (anordnare|utforare)\b|"
            # (the subject may follow the verb: "Istället för att upphandla tjänster tillämpar
            # vi lagen om valfrihet")
            rf"\b(har|tillampar|tillampa|tillampas|anvander|anvanda|blir det|blir) {_INVERTED}"
            r"((for narvarande|i dag|idag|i dagslaget|just nu|annu|heller|dock) )?"
            rf"(inte |ej |inget |ingen )?{SYSTEM}|"
            # "I dagsläget tillämpas lagen om valfrihet (LOV)"
            rf"\b(tillampar|tillampa|tillampas|anvander|anvands) {_INVERTED}(inte |ej )?"
            rf"lagen om {SYSTEM}|"
            # "Ale kommun följer Lagen om valfrihetssystem (LOV)"
            rf"\bfoljer (lagen om {SYSTEM}|lov\b)|"
            # "har du möjlighet att välja förskola, grundskola och hemtjänst"
            r"\b(ratt|mojlighet) att valja (\w+ ){0,5}(hemtjanst|ledsagning|avlosning|"
            r"daglig verksamhet)\b"
        ),
    ),
)
#: Where, inside a kind's match, its verb stands (negation and modality are measured from it).
_VERBS: dict[StatementKind, re.Pattern[str]] = {
    StatementKind.END: re.compile(
        # "Vårdvalen skulle därmed inte längre finnas": the cue before "inte längre" governs it
        rf"\b({_END_VERB}|{_END_PASSIVE}|avveckling|avskaffande|havs|lamna|lamnar|lamnade|"
        r"lamnat|lamnas|(inte|ej) langre)\b"
    ),
    StatementKind.INTRODUCE: re.compile(
        rf"\b({_INTRODUCE_VERB}|inforande\w*|borjar|borja|oppna\w*|startar|starta|utokas|"
        r"utvidgas|breddas|utokar|utvidgar|utokade|utvidgade|breddar|"
        r"foresla|foreslar|foreslog|foreslagit|beslut\w*|"
        r"klubba\w*|far|tradde|trader|tratt)\b"
    ),
    StatementKind.ACTIVE: re.compile(
        r"\b(finns|har|tillampar|tillampa|tillampas|anvander|anvanda|kan|far|kunnat|fatt|valj|"
        r"bli|ar|blir|"
        r"ratt|arbetar|jobbar|galler|ska|godkand\w*|godkants|auktoriserad\w*|detta|vart|vara|"
        r"valjer|"
        r"valfri|omfattas|ingar|inga|anslut\w*|verksamma|verksam|omfattar|gora|gor|gjort|"
        r"upphandla\w*|annonser\w*|byta|byter|bytt|byte|finansieras|ersatts|ersattning|"
        r"foljer|finnas|ges|fa|drivs|drivas|drivits|lista|listar|listas|omval|funnits)\b"
    ),
}
#: A time chosen, not a provider: "Du kan välja tid på mottagningen".
_TIME_CHOSEN = re.compile(r"\bvalja (en |ny |annan )?(tid|tider|dag|datum|klockslag|besokstid)\b")
_SYSTEM_NAMED = re.compile(rf"\b{SYSTEM}")
#: The verbs of a resident's choice ("kan", "får", "väljer"), as opposed to an authority's.
_CHOOSING = re.compile(r"^(kan|far|valj|valjer)$")
#: "kan du välja": the choice is the verb, not an earlier "har" ("Om du har hemtjänst ...").
_CHOICE = re.compile(r"\b((kan|far) (du|ni|man)|(du|ni|man) (sjalv )?(kan|far))(?= (\w+ )?valja)")
_NEGATION = re.compile(
    r"\b(inte|ej|aldrig|icke|inget|ingen|inga|nej till|i stallet for att|istallet for att|"
    r"snarare an att|avsta\w* fran att|avstod fran att|utan att|mot att|emot att|ointresse)\b"
)
#: "i stället för att": negates the verb right after it.
_INSTEAD = re.compile(r"(i stallet|istallet) for att")
# A clause boundary ends the negation's reach ("..., men inte ...", "inte X utan Y").
_CLAUSE = re.compile(r"\b(men|utan|eftersom|dar|nar|medan|sa att)\b")
#: The purpose or goal of an introduction, the means to one or what it needs, is a topic:
#: "Syftet med att införa valfrihet är:", "det vi har velat åstadkomma genom att införa
#: vårdvalet", "saknar förutsättningar för att införa LOV".
_PURPOSE = re.compile(
    # (the means may name its system first: "genom att ett valfrihetssystem införs")
    r"\b((syftet|syfte|malet|skalet|skalen|motivet) (med|till) (att )?|genom att (\w+ ){0,2}|"
    r"forutsattning\w* (for )?att )$"
)
#: How things stood at a past moment: "LOV hade ännu inte införts i Vindeln när ...".
_NOT_YET_THEN = re.compile(r"\bhade (annu |anda )?(inte|ej) (annu )?inforts\b")
#: A choice residents may get, told as news ("Hemtjänstklienter kan få välja vårdgivare", "I
#: framtiden kan även barn och unga få välja tandläkare"): a possibility, not a system in use;
#: "du kan få välja" speaks to a resident and stays one.
_MAY_GET = re.compile(r"^kan (?!du |ni |man )(\w+ ){0,5}fa valja\b")
_ADDRESSED = re.compile(r"\b(du|ni|man)\s*$")
#: ... unless it is a choice among providers already approved ("Enligt LOV kan hemtjänstkunder
#: få välja leverantör av de leverantörer socialnämnden godkänt").
_APPROVED_AMONG = re.compile(r"\b(godkan\w*|tecknat avtal|enligt (lov|lagen))\b")
#: An introduction or an end as the subject of an argument: "Att införa lagen om
#: valfrihetssystem är viktigt för att öka valfriheten" (but an "att"-item of a decision, "att
#: införa LOV i hemtjänsten från den 1 januari", has no verb of its own after it).
_ARGUED = re.compile(
    rf"^att ({_INTRODUCE_VERB}|{_END_VERB})( [\w-]+){{0,6}} (ar|vore|blir|innebar|kraver|"
    r"skulle|kan|maste)\b|"
    # "Att som minister säga att Alliansen inför vårdval till vilket pris som helst är lögn":
    # what someone says, told to be judged
    r"^att( [\w-]+){0,6} (saga|pasta|havda|skriva) att\b"
)
#: "Inför" opening a sentence is the preposition ("Inför kundvalet får alla ett brev").
_PREPOSITION = re.compile(r"^infor$")
#: So is "inför" whose noun is followed by the clause's verb and its subject in inverted order:
#: "I Region Norrvik inför vårdval kommer det ändå att vara ..." (ahead of the choice).
_INVERTED_AFTER = re.compile(
    r"^( [\w-]+){1,3} (kommer|ska|skall|har|maste|behover|far|blir|ar|galler|kan) "
    r"(det|vi|man|de|ni|du|alla|regionen|kommunen)\b"
)
#: "inför det vårdval inom mödrahälsovården som politiker vill införa": ahead of a system
#: the relative clause tells of, a preposition.
_AHEAD_OF = re.compile(rf"^ (det|den|de) (\w+ ){{0,2}}{SYSTEM}( \w+){{0,3}} som\b")
#: A subject right before "inför" makes it the verb: "Om kommunen inför LOV kan du välja ...".
_SUBJECT_BEFORE = re.compile(
    r"\b(kommunen|regionen|staden|landstinget|namnden|fullmaktige|vi|man|de|som|den)\s*$"
)
#: Providers, by what they are or by their company form.
_PROVIDERS = re.compile(
    r"\b(\w*utforar\w*|\w*foretag\w*|leverantor\w*|anordnar\w*|aktor\w*|bolag\w*|"
    r"vardgivar\w*|vardcentral\w*|halsocentral\w*|mottagning\w*|klinik\w*|ab|hb|kb)\b"
)
#: An authority deciding: then the one who leaves is the authority.
_AUTHORITY_DECIDES = re.compile(
    r"\b(beslut\w*|majoritet\w*|fullmaktige|\w*namnd\w*|\w*styrelse\w*)\b"
)


def _providers_leave(folded: str, verb_at: int) -> bool:
    """Whether providers are the ones who leave the system: named right before the verb ("Två
    privata utförare lämnade LOV"), or opening the sentence with no authority deciding before
    the verb ("Hemtjänst Norr AB har sagt upp sitt avtal med kommunen och lämnar
    valfrihetssystemet"); not "... hos ett hemtjänstföretag svängde majoriteten och beslutade
    att lämna LOV"."""
    before = folded[:verb_at].split()
    return bool(_PROVIDERS.search(" ".join(before[-5:]))) or bool(
        _PROVIDERS.search(" ".join(before[:6])) and not _AUTHORITY_DECIDES.search(" ".join(before))
    )


#: Something else introduced for the system: "inför nya rutiner för kundvalet", "inför krav
#: på kollektivavtal inom LOV" (but "inför ett nytt system med kundval" is the system).
_OTHER_OBJECT = re.compile(
    rf"^{_INTRODUCE_VERB} (?!(ett |en )?(nytt |ny |fritt |eget )?(system|modell|mojlighet|ratt|"
    r"valfrihet|kundval|lov|vardval|halsoval|fritt|eget))(\w+ ){1,3}(for|kring|pa|inom) "
    rf"(det |den )?{SYSTEM}"
)
#: A rule or payment of the system as the subject: "Den nya ersättningsmodellen inom vårdvalet
#: införs".
_RULE_WITHIN = re.compile(
    r"\w*(modell\w*|ersattning\w*|regler|reglerna|regelverk\w*|tak|taket|krav|kraven|rutiner|"
    r"rutinerna|taxa|taxan|avgift\w*|organisation\w*|uppfoljning\w*|listningsregler\w*) "
    r"(inom|for|i) $"
)
#: An ending for one person: "avslutas för dig som flyttar till särskilt boende".
_FOR_A_PERSON = re.compile(
    r"^(\w+ ){0,2}(for|nar) (dig|du|den|de|er|ni|brukaren|brukare|kunden|kunder|personer|"
    r"person)\b"
)
#: ... or one that ends it: "Den som väljer att avsluta sitt kundval".
_A_PERSON = re.compile(r"\b(den som|de som|du|brukaren|kunden)\b")
#: A name opening the sentence that leaves: "Attendo lämnar kundvalet i hemtjänsten".
_NAME_LEAVES = re.compile(
    r"^(?P<name>[A-ZÅÄÖ][\w&.-]*(?: [A-ZÅÄÖ][\w&.-]*){0,3}) (?:har |hade )?"
    r"(?:nu |också |även )?(?:lämnar|lämnade|lämnat)\b"
)
#: ... that is an authority or a party to a decision, not a provider.
_DECIDER = re.compile(
    r"\b(kommun\w*|region\w*|stad\w*|landsting\w*|\w*namnd\w*|\w*styrelse\w*|\w*fullmaktige|"
    r"politiker\w*|majoritet\w*|vi|de|nu|aven|ocksa)\b"
)


def _company_leaves(sentence: str) -> bool:
    """Whether the sentence opens with a company that leaves the system ("Attendo lämnar
    kundvalet i hemtjänsten"), not a municipality or region ("Norrvik lämnar LOV")."""
    match = _NAME_LEAVES.match(sentence.strip())
    if match is None:
        return False
    name = match.group("name")
    return not is_place(name) and not _DECIDER.search(fold_words(name))


#: Nothing was ended: "inga vårdval har avvecklats" claims no ending (nor that one runs).
_NONE_ENDED = re.compile(r"\b(inga|inget|ingen)( \w+){0,2}$")
#: "införandet av LOV" as a noun: a topic ("kostnader för införandet av ...", an återremiss
#: in the matter "Införandet av LOV"), a claim only when a decision governs it or it happens.
_NOMINAL = re.compile(r"^inforande")
_DECISION = re.compile(
    r"\b(beslut|beslutet|beslutade|beslutat|beslutats|beslutades|besluta|beslutar|"
    r"fattat beslut|fattade beslut)\b"
)
_HAPPENS = re.compile(
    r"^(\w+ ){0,9}(sker|skedde|genomfors|genomfordes|paborjas|startar|borjar|lanseras|inleds)\b"
)
#: An inquiry into what an introduction needs is an inquiry into introducing: "utreda
#: förutsättningarna för att införa LOV".
_INQUIRY_INTO = re.compile(r"\b(utreda|utreder|utreds|undersoka|undersoker|se over|ser over)\s*$")
#: An introduction told in the past ("har infört", "infördes"): the system is in use.
#: An inquiry into a system broken off: "avbryta den pågående utredningen om att införa".
_INQUIRY_STOPPED = re.compile(
    r"\b(avbryta|avbryter|avbrot|avbrutit|avsluta|avslutar|avslutade|stoppa|stoppar|stoppade) "
    r"(\w+ ){0,2}(utredning|utredningen|utredningsarbetet)\b"
)
_PAST_INTRODUCTION = re.compile(r"^(infordes|infort|inforts|inforde)$")
#: The same sentence telling when it was introduced: "..., infördes februari 2018".
_INTRODUCED_IN = re.compile(r"\b(infordes|inforts) (i |den |under )?(\w+ )?(19|20)\d\d\b")
#: A decision to apply LOV, dated, is its introduction; undated it is the standing rule.
_DECIDED_TO_APPLY = re.compile(
    rf"\b(ska|skall) (tillampa|anvanda|ha) {SYSTEM}|"
    # but not an extension to a service more ("ska gälla även för hemsjukvård")
    rf"{SYSTEM}( \w+){{0,2}} (ska|skall) (omfatta|galla)\b(?! (aven|ocksa)\b)"
)
#: Systems picked out by a relative clause that starts or ends them: "de vårdval som försvinner".
_DESCRIBED_BY = re.compile(
    rf"\b(de|dessa|alla|det|den) (\w+ )?{SYSTEM}\w* som (\w+ )?(forsvinner|avskaffas|avvecklas|"
    r"upphor|tas bort|skrotas|slopas|lags ner|infors|tillkommer|startar)\b"
)
#: "Kommunen har valt att införa LOV", "Regionen har utmärkt sig med att införa vårdval på alla
#: områden": undated, the choice made is the standing rule.
_CHOSE_TO = re.compile(r"\b(valt|utmarkt sig (med|genom)|varit (forst|tidig\w*) med) att $")
#: A year, but not that of a statute's number ("socialtjänstlagen (2001:453)" folds to
#: "2001 453"; an ISO date "2012 12 31" stays a year).
_YEAR = re.compile(r"\b(19|20)\d\d\b(?! \d{1,4}\b(?! \d))")


#: A negation right after the verb, or after a word of time: "har för närvarande inget".
_NEGATED_AFTER = re.compile(
    r"^ ((vi|kommunen|regionen|landstinget|man) )?"
    r"((for narvarande|i dag|idag|i dagslaget|just nu|annu|heller|dock|alltsa|darfor) )?"
    r"(inte|ej|inget|ingen|aldrig)\b"
)


def _negated(folded: str, verb_at: int, verb_end: int) -> bool:
    """A negation in the verb's clause: up to six words before it, or right after it."""
    before = folded[:verb_at].split()[-6:]
    window = " ".join(before)
    if (clause := list(_CLAUSE.finditer(window))) != []:
        window = window[clause[-1].end() :]
    negations = [
        match
        for match in _NEGATION.finditer(window)
        # "i stället för att" negates only the verb right after it ("i stället för att införa
        # LOV"), not the main clause after its own verb ("I stället för att upphandla tjänster
        # tillämpar vi LOV")
        if not (_INSTEAD.fullmatch(match.group(0)) and window[match.end() :].strip())
    ]
    return bool(negations or _NEGATED_AFTER.match(folded[verb_end:]))


def read_claim(sentence: str, folded: str, names: frozenset[str] = frozenset()) -> Claim | None:
    """The claim a sentence makes about a valfrihetssystem, or None when it makes none."""
    if sentence.rstrip().endswith("?"):
        return None  # a question ("Vad är LOV?") asks, it does not state
    if _COOKIES.search(folded):
        return None  # "kan du välja att blockera kakor": the site's cookie notice
    for kind, pattern in _KINDS:
        match = pattern.search(folded)
        if match is None:
            continue
        verb_at, verb_end = match.start(), match.end()
        choice = _CHOICE.search(folded, *match.span()) if kind is StatementKind.ACTIVE else None
        locator = _VERBS.get(kind)
        if verb := choice or (locator.search(folded, *match.span()) if locator else None):
            verb_at, verb_end = verb.start(), verb.end()
        word = folded[verb_at:verb_end]
        if (
            kind is StatementKind.INTRODUCE
            and _NOMINAL.match(word)
            and not _DECISION.search(folded[:verb_at])
            and modality_of(folded, verb_at) is Modality.DECIDED
            and not _HAPPENS.match(folded[verb_end:].strip())
        ):
            continue  # "införandet av LOV" as a topic, not a claim that it happens
        if (
            kind is StatementKind.INTRODUCE
            and _PREPOSITION.match(word)
            and (
                verb_at == 0
                or (_INVERTED_AFTER.match(folded[verb_end:]) or _AHEAD_OF.match(folded[verb_end:]))
                and not _SUBJECT_BEFORE.search(folded[:verb_at])
            )
        ):
            continue
        if (
            kind is StatementKind.INTRODUCE
            and (purpose := _PURPOSE.search(folded[:verb_at]))
            and not (
                purpose.group(0).startswith("genom att ") and _DECISION.search(folded[:verb_at])
            )
            and not _INQUIRY_INTO.search(folded[: purpose.start()])
        ):
            # "Syftet med att införa valfrihet är:": why, not that it happens; but "beslutade
            # att låta de äldre bestämma genom att införa LOV" is the decision's means
            continue
        if kind is StatementKind.INTRODUCE and (
            _OTHER_OBJECT.match(folded[verb_at:]) or _RULE_WITHIN.search(folded[: match.start()])
        ):
            # "Kommunen inför nya rutiner för kundvalet", "Den nya ersättningsmodellen inom
            # vårdvalet införs": something for the system, not the system
            continue
        if kind is StatementKind.END and (
            _FOR_A_PERSON.match(folded[verb_end:].strip())
            or _A_PERSON.search(" ".join(folded[:verb_at].split()[-6:]))
        ):
            # "Kundvalet avslutas för dig som flyttar", "Den som väljer att avsluta sitt
            # kundval": one person's choice ends
            continue
        if kind is StatementKind.INTRODUCE and _NOT_YET_THEN.search(folded):
            continue  # "LOV hade ännu inte införts när ... upphandlades": how it stood then
        if kind in (StatementKind.INTRODUCE, StatementKind.END) and _ARGUED.match(folded):
            continue  # "Att införa LOV är viktigt för ...": an argument, not that it happens
        if kind is StatementKind.END and _only_the_means(folded, verb_at):
            continue  # "köerna kan avskaffas genom vårdval BUP": the queues end, by the system
        if kind is StatementKind.END and _NONE_ENDED.search(folded[:verb_at].rstrip()):
            continue
        if (
            kind is StatementKind.END
            and word.startswith("lamna")
            and (_providers_leave(folded, verb_at) or _company_leaves(sentence))
        ):
            continue  # "Två privata utförare lämnade LOV under året": providers leave, not it
        if (
            kind is StatementKind.ACTIVE
            and _TIME_CHOSEN.search(folded)
            and not _SYSTEM_NAMED.search(folded)
        ):
            continue  # "Du kan välja tid på mottagningen": a time, not a provider
        modality = modality_of(folded, verb_at)
        if kind is StatementKind.INTRODUCE and word.startswith("foresl"):
            modality = Modality.PROPOSED  # "beslöts om att föreslå Vårdval BUP": proposed
        if (
            kind is StatementKind.INTRODUCE
            and re.match(_PROPOSAL_NOUN, word)
            and modality is Modality.DECIDED
            and not proposal_carried(folded)
        ):
            modality = Modality.PROPOSED  # "Förslaget om vårdval i BUP" and nothing carried it
        negated = _negated(folded, verb_at, verb_end) or (
            bool(re.search(r"\bnej till\b", folded)) and kind is StatementKind.INTRODUCE
        )
        past = False
        if kind is StatementKind.INTRODUCE and MOVES_REJECTION.search(folded):
            kind = StatementKind.NOT_INTRODUCE  # moved, not decided: the modality says so
        elif kind is StatementKind.INTRODUCE and _INQUIRY_STOPPED.search(folded[:verb_at]):
            # "beslut om att avbryta den pågående utredningen om att införa ett vårdval"
            kind, modality = StatementKind.NOT_INTRODUCE, Modality.DECIDED
        elif kind is StatementKind.INTRODUCE and _REVOKED.search(folded):
            # "Beslutet att införa LOV rivs upp": the introduction will not come.
            kind, modality = StatementKind.NOT_INTRODUCE, Modality.DECIDED
        elif kind is StatementKind.END and not _REPEALED.match(word) and _REVOKED.search(folded):
            # "Förvaltningsrätten upphävde beslutet att avveckla LOV": it stays.
            kind = StatementKind.ACTIVE
        elif kind is StatementKind.INTRODUCE and (negated or modality is Modality.REJECTED):
            # Saying no to an introduction, or voting down a proposal of one, is a decision
            # not to introduce; a party's intent to vote no ("SD tänker rösta nej till vårt
            # förslag om vårdval") is still a plan.
            kind = StatementKind.NOT_INTRODUCE
            if modality in (Modality.DECIDED, Modality.REJECTED):
                modality = Modality.DECIDED
        elif (
            kind is StatementKind.INTRODUCE
            and modality is Modality.DECIDED
            and (
                _PAST_INTRODUCTION.match(word)
                # "Att kommunen inför Eget val beslutades 2016, infördes februari 2018"
                or _INTRODUCED_IN.search(folded[verb_at:])
                # "Hälsoval Skåne trädde i kraft den 1 maj 2009" is history; without a year,
                # "sedan Hälsoval Skåne trädde i kraft den 1 maj" is news of the start
                or (word in ("tradde", "tratt") and _YEAR.search(folded))
                or (_DECIDED_TO_APPLY.search(folded) and not _YEAR.search(folded))
                or (_CHOSE_TO.search(folded[:verb_at]) and not _YEAR.search(folded))
            )
        ):
            # "Kommunen har infört LOV", "LOV infördes 2011": it is in use now; whether the
            # page announces that start is for the page's date to say (`statements`).
            kind, past = StatementKind.ACTIVE, True
        elif (
            kind is StatementKind.ACTIVE
            and _MAY_GET.match(folded[verb_at:])
            and not _ADDRESSED.search(folded[:verb_at])
            and not _APPROVED_AMONG.search(folded)
        ):
            kind, modality = StatementKind.INTRODUCE, Modality.PLANNED
        elif kind is StatementKind.END and negated:
            kind = StatementKind.ACTIVE  # "LOV ska inte avvecklas": it stays
        elif kind is StatementKind.RENEWED and negated:
            continue  # "kan därför inte ingå ett nytt avtal med dem": nothing renewed
        elif kind is StatementKind.RENEWED and _OWN_AGREEMENTS.search(folded):
            # "Alla befintliga utförare har valt att förlänga sina avtal": the providers'
            # agreements go on, the system is not renewed
            continue
        elif kind in (StatementKind.ACTIVE, StatementKind.NOT_INTRODUCE) and _INSTEAD_OF.search(
            folded
        ):
            # "I stället för att tillämpa lagen om valfrihet övergår kommunen till att upphandla
            # hemtjänstföretag enligt LOU": the system is left for another
            kind = StatementKind.END
        elif (
            kind is StatementKind.RENEWED
            and PROCUREMENT.search(folded)
            and not re.search(SYSTEM, folded)
        ):
            # "ompröva beslutet att upphandla vårdcentralerna och förlängningen av avtalet med
            # Carema": a contract won by tender, not a valfrihetssystem's
            continue
        elif kind is StatementKind.ACTIVE and _CANNOT_CHOOSE.search(folded):
            # "I Eskilstuna kan du inte välja hemtjänst enligt LOV": no system to choose in.
            kind = StatementKind.NOT_INTRODUCE
        elif kind is StatementKind.ACTIVE and _NO_LONGER_CHOOSE.search(folded):
            # "beslutet, som innebär att invånarna inte längre kan välja vem som utför deras
            # hemtjänst": the choice ends.
            kind = StatementKind.END
        elif kind is StatementKind.ACTIVE and negated and _CHOOSING.match(word):
            # "Den som inte kan eller vill välja utförare får ickevalsalternativet": a person
            # who does not choose, not an authority without a system.
            continue
        elif kind is StatementKind.ACTIVE and negated and _NO_PROVIDER.search(folded):
            # "har inte haft någon aktiv LOV-aktör": no provider in a system, which is a
            # count (`counts`), not a municipality without a system.
            continue
        elif (
            kind is StatementKind.ACTIVE
            and negated
            and re.search(SYSTEM, folded)
            and not _PART_ONLY.search(folded)
            and not re.search(rf"\b{_JOINS}{SYSTEM}", folded)
        ):
            kind = StatementKind.NOT_INTRODUCE  # "Kommunen har inte LOV"
        subject = subject_of(sentence, folded, verb_at, names)
        if kind in (StatementKind.INTRODUCE, StatementKind.END) and _MAY.search(folded[:verb_at]):
            # "Kommunen kan när som helst besluta att avsluta valfrihetssystemet": a term of
            # the system (a förfrågningsunderlag's), what may be done, not what is done.
            subject = Subject.GENERAL
        if (
            kind in (StatementKind.INTRODUCE, StatementKind.END)
            and modality is Modality.DECIDED
            and any(m.start() <= verb_at < m.end() for m in _DESCRIBED_BY.finditer(folded))
            and not DECISION_CUE.search(folded)
        ):
            # "Vården i de vårdval som försvinner kan övergå i regionens regi": the end is
            # what the systems are picked out by, not what the sentence says is decided.
            modality = Modality.PLANNED
        confidence = _confidence(folded, verb_at, modality)
        return Claim(kind, subject, modality, confidence, verb_at, past)
    if (inside := _in_named_system(sentence, folded)) is not None:
        # "ett ägarbyte inom Vårdval Kronoberg kräver landstingets godkännande": something done
        # inside a region's named system, which is therefore in place (whatever is planned
        # for it: "planerar att ändra ersättningen inom Hälsoval Skåne")
        subject = subject_of(sentence, folded, inside, names)
        confidence = _confidence(folded, inside, Modality.DECIDED)
        return Claim(StatementKind.ACTIVE, subject, Modality.DECIDED, confidence, inside)
    return None


#: A site's cookie notice: "Genom att göra inställningar i din webbläsare kan du välja att
#: blockera kakor".
_COOKIES = re.compile(r"\b(kakor|kakorna|cookies?)\b")
#: A region's system named by its place: "inom Vårdval Kronoberg", "i Hälsoval Skåne" (not
#: "Klart för Vårdval Gotland": one still to come).
_NAMED_SYSTEM = re.compile(
    # (and "inom patientvalsystemet Vårdval Stockholm")
    r"\b(?:[Ii]nom|[Ii]|[Ee]nligt) (?:\w+systemet )?(?:Vårdval|Hälsoval) (?P<place>[A-ZÅÄÖ][\w-]+)"
)


def _in_named_system(sentence: str, folded: str) -> int | None:
    """Where the folded sentence speaks of something inside a region's named system, or None
    when it names none."""
    match = _NAMED_SYSTEM.search(sentence)
    if match is None or not is_place(match.group("place")):
        return None
    at = re.search(
        rf"\b(inom|i|enligt) (\w+systemet )?(vardval|halsoval) {fold_words(match.group('place'))}",
        folded,
    )
    return at.start() if at else None


#: What the authority may do, right before the verb: "kan (när som helst) (besluta att)",
#: "får besluta att", "har rätt att", "förbehåller sig rätten att", "vid ett eventuellt
#: avslutande" (but "kan komma att" and "för att eventuellt införa" are plans, and "får i
#: uppdrag att avveckla LOV" a task given).
_MAY = re.compile(
    r"\b((kan|far|ma)(?! komma)(?!( \w+){0,2} uppdrag)( \w+){0,3}( besluta| bestamma)? att|"
    r"(kan|far|ma)( nar som helst| aven| ocksa)?|"
    r"(har|ges|med) (ratt|ratten|mojlighet|mojligheten) att|"
    r"forbehaller sig (ratten|mojligheten) att|(ett|en) eventuell\w*)\s*$"
)


#: The system as the means of what the verb does: "genom vårdval BUP", "tack vare LOV".
_BY_MEANS_OF = re.compile(rf"\b(genom|via|tack vare|med hjalp av) (ett |en )?{SYSTEM}")


def _only_the_means(folded: str, verb_at: int) -> bool:
    """Whether the sentence names the system only after its verb, as the means of it."""
    after = folded[verb_at:]
    return (
        re.search(SYSTEM, folded[:verb_at]) is None
        and _BY_MEANS_OF.search(after) is not None
        and len(re.findall(SYSTEM, after)) == len(_BY_MEANS_OF.findall(after))
    )


#: A decision revoked or annulled: "Beslutet att införa LOV rivs upp", "Förvaltningsrätten
#: upphävde beslutet att avveckla LOV" (but "tidigare beslut om LOV hävs" repeals the system's
#: own decision: an end, read by the END pattern itself).
_REVOKED = re.compile(
    r"\b(upphav(er|de|t|s|des|ts)|undanrojer|undanrojde|undanrojt|river upp|rev upp|rivit upp) "
    r"(det |hela |sitt |tidigare )?beslut(et)?\b|"
    r"\bbeslut(et)? (om |att |om att )(\w+ ){0,8}?(rivs upp|revs upp|rivits upp|upphavs|upphavdes|"
    r"upphavts|undanrojs|undanrojdes)\b"
)
_REPEALED = re.compile(r"(havs|upphavs|upphavdes|havdes)$")
#: The choice taken away: "invånarna inte längre kan välja", "kan brukarna inte längre välja".
_NO_LONGER_CHOOSE = re.compile(
    r"\b(inte|ej) langre (kan|far|kommer att kunna)( \w+){0,3} valja|"
    # "Efter ett nytt beslut får du inte längre välja vilken hemtjänstaktör du vill anlita"
    r"\b(far|kan) (du|ni|man) (inte|ej) langre valja\b|"
    r"\b(kan|far) (\w+ ){0,3}(inte|ej) langre valja"
)
#: Providers' own agreements: "har valt att förlänga sina avtal".
_OWN_AGREEMENTS = re.compile(
    r"\b(sina|sitt) (\w+ )?(avtal|kontrakt)\w*|"
    # one provider's agreement: "fick förnyat avtal med Borås stad", "drivs av Stockholms
    # sjukhem och får förlängt avtal"
    r"\b(far|fick|fatt|ges|gavs) (ett )?(fornyat|forlangt|nytt) (avtal|kontrakt)\b"
)
#: The system given up for another way: "I stället för att tillämpa lagen om valfrihet ...".
_INSTEAD_OF = re.compile(
    rf"\b{_INSTEAD.pattern} (tillampa|anvanda|ha|behalla|fortsatta med) (lagen om )?{SYSTEM}"
)
#: A negation of providers in a system, not of the system: "inte någon aktiv LOV-aktör".
_NO_PROVIDER = re.compile(
    r"\b(?:inte|ej) (?:\w+ ){0,2}(?:nagon|nagot|nagra) (?:\w+ ){0,2}"
    r"(?:aktor|utforare|foretag|leverantor|anordnare)\w*"
)
#: Choosing under a system said to be impossible: "kan du inte välja hemtjänst enligt LOV",
#: "Du kan alltså inte välja utförare".
_CANNOT_CHOOSE = re.compile(
    r"\b((kan|far) (du|man|ni)( alltsa| darfor| dock)? inte|"
    r"(du|man|ni) (kan|far)( alltsa| darfor| dock)? inte|"
    # "Det går inte att välja utförare", "I kommunen finns ingen möjlighet att välja utförare"
    r"det gar( alltsa| darfor| dock)? inte att|"
    r"(finns|ges|har|far) (det |du |ni |man )?(ingen|inte nagon|inte) (mojlighet|ratt) att) valja"
    # Said of the service as a whole, not of a part ("... för nattpatrullen" names one), up to
    # the end or a reason ("..., eftersom kommunen är ensam utförare", "..., kommunen är ensam
    # utförare").
    # ("man kan alltså inte välja privata företag som utförare av hemtjänst")
    rf"(( \w+){{0,6}} {SYSTEM}| (\w+ )?(utforare|leverantor|(privata? )?(foretag|aktorer)"
    r"( som utforare)?)( (av|inom|i) \w+){0,2}"
    r"( (eftersom|da|utan|kommunen ar|kommunen star for|(du|ni|man) far kommunens)\b.*)?$|"
    # "Du kan inte välja vilket företag som utför din hemtjänst"
    r" (vem|vilket foretag|vilken utforare|vilka foretag) som (ska )?utfor)"
)
#: "omfattar inte alla former": a system limited in scope, still a system.
_PART_ONLY = re.compile(r"\binte (?:alla|allt|hela)\b")


def _confidence(folded: str, verb_at: int, modality: Modality) -> float:
    """How sure the reading is: a named own subject and a decision verb raise it; a future
    without a decision, or a cue only after the verb, lower it."""
    score = 0.6
    if OWN_SUBJECT.search(folded[:verb_at]):
        score += 0.15
    if modality is Modality.DECIDED and DECISION_CUE.search(folded):
        score += 0.15
    if re.search(r"\b(ska|kommer att|skulle)\b", folded[:verb_at]) and modality is (
        Modality.DECIDED
    ):
        score -= 0.1
    if re.search(r"\b(\d{4}|i ar|nasta ar)\b", folded):
        score += 0.05
    return round(min(max(score, 0.1), 0.95), 2)
