"""Whose valfrihetssystem a sentence is about: the page's own authority, others, the law, or
nobody in particular.

Read on folded words around the claim's verb (`claims.read_claim` finds the verb):

- the *law*: the law itself starts or rules ("lagen trädde i kraft", "Den 1 januari 2009
  infördes lag om valfrihetssystem", "När LOV infördes 2009", "vårdvalsreformen");
- *other* authorities: "flera kommuner", "Skurup och Sigtuna", a named municipality that is
  not the page's own ("Varbergs kommun" on Falkenberg's page), companies;
- *general*: an explanation ("LOV innebär att ...", "Om kommunen inför ...", "kommuner kan");
- else the page's *own* authority ("vi", "kommunen", its name, or no subject at all).

An explanation that points at the page's own authority in the definite form ("... de
leverantörer som kommunen godkänt", "invånare i Sotenäs kommun") is about its own system.
"""

from __future__ import annotations

import re
from collections import Counter
from enum import StrEnum
from functools import cache
from urllib.parse import urlsplit

from lovwatch.normalize.authorities import counties, municipalities, name_words
from lovwatch.normalize.text import fold, words

# Whole words only: "lovade", "klover" do not name LOV. Regional choice systems (vårdval,
# hälsoval, tandvårdsval) and compounds such as "hemtjänstval" or "LOV-system" are the same
# kind of system under another name, and so is a voucher that follows the user ("äldrepeng").
SYSTEM = (
    # not the idiom "fick lov att" (was allowed to), nor "LOV-liknande regler", nor the school
    # holidays ("korttidstillsyn under lov och studiedagar")
    r"(?:\b(?:lov(?! att\b)(?! liknande\b)(?! och (?:studiedag|helg|ferie))|lov system\w*|"
    r"valfrihet\w*|kundval\w*|"
    r"lagen om valfrihetssystem|fritt val|"
    # (not one person's choice: "om du inte har gjort ett eget val av annan hälsocentral")
    r"(?<!gjort ett )(?<!gora ett )(?<!gor ett )(?<!ditt )eget val|vardval\w*|halsoval\w*|"
    r"hemtjanstval\w*|tandvardsval\w*|fritt tandlakarval|"
    r"fria vardval\w*|aldrepeng\w*|hemtjanstpeng\w*|omsorgspeng\w*)\b)"
)


class Subject(StrEnum):
    """Whose valfrihetssystem a claim is about."""

    OWN = "own"
    OTHER = "other"
    LAW = "law"
    GENERAL = "general"


OWN_SUBJECT = re.compile(
    r"\b(vi|kommunen|kommunens|kommunfullmaktige|kommunstyrelsen|\w*namnden|regionen|"
    r"regionfullmaktige|regionstyrelsen|staden|stadens|politikerna|fullmaktige|landstinget|"
    r"landstingets|landstingsfullmaktige|landstingsstyrelsen)\b"
)
_OTHER_SUBJECT = re.compile(
    r"\b((flera|manga|andra|ovriga|vissa|nagra|alla|\d+( procent)?|ett antal|ett fatal|"
    r"de flesta|hundra\w*|halften|tva tredjedelar|majoriteten|tva|tre|fyra|fem|sex|sju|atta|"
    r"nio|tio) (av )?(landets |sveriges |svenska |andra |stora |sma )*(kommuner|regioner|"
    r"kommunerna|regionerna|landsting|landstingen)|"
    r"(andra|ovriga|vissa|manga|flera) kommuner|kommuner som|grannkommun\w*|"
    # "Mer än varannan svensk kommun tillämpar LOV"
    r"(varannan|var tredje|var fjarde) (svensk )?(kommun|region)|"
    # "en kommun som avskaffat LOV": some municipality, not this one
    r"(en|ett) (kommun|region|landsting) (som|med|dar)|"
    # the state's employment service and its choice systems (Stöd och matchning, Rusta och
    # matcha), not the municipality's
    r"arbetsformedlingen\w*|"
    r"i (hela )?(landet|sverige))\b"
)
#: Where a system is used, after the verb: "Valfrihetssystem tillämpas sedan länge ute i ett
#: antal kommuner", "LOV har sedan 2009 införts i ett hundratal kommuner" (theirs, not this
#: authority's).
_IN_MUNICIPALITIES = re.compile(
    r"\b(i|inom|hos) (\w+ ){0,2}(kommuner|regioner|landsting)(?! och regioner (kan|far))\b"
)
#: How things usually are, not how they are here: "Ofta kan du välja mellan kommunal
#: hemtjänst och de företag som kommunen har avtal med".
_USUALLY = re.compile(r"\b(ofta|oftast|vanligtvis|vanligen|i regel|i de flesta fall)\b")
#: A company as the subject ("Företaget har avtal enligt LOV"); only before the verb, since
#: after it the company is the object ("Du väljer själv utföraren").
_COMPANY_SUBJECT = re.compile(r"\b(foretaget|utforaren|foretagen|leverantoren|\w+ (ab|hb|kb))\b")
#: ... unless it is said to be approved or to have an agreement, which tells of the
#: authority's system: "Omsorgshuset AB har fått godkänt att bli utförare inom LOV", "Trygga
#: Händer AB har avtal med kommunen enligt LOV".
_APPROVED_COMPANY = re.compile(
    r"\b(har godkants|godkandes|ar godkand\w*|(fatt|fick) godkant|blivit godkand\w*|"
    r"(har|ar|blivit) auktoriser\w*|"
    r"(har|fatt|fick) avtal med (kommunen|regionen|staden|landstinget|\w+ (kommun|stad)|"
    r"region \w+))\b"
)
_ANOTHER = re.compile(r"\b(en|ett) (annan|annat) (kommun|region|landsting|lan)\b")
_LAW_SUBJECT = re.compile(
    r"\b(i kraft|borjade galla|riksdagen|regeringens?|lagstift\w*|lagandring\w*|"
    r"ar en (lag|frivillig)|lagen (om valfrihetssystem )?(lov )?(ar|ger|reglerar|innebar|trad\w*|"
    r"galler|infordes|borjade|kom|gor)|lov (ar en lag|reglerar|ger kommuner)|vardvalsreform\w*|"
    r"patientlag\w*|lagen kan tillampas\b|"
    # "lagen om valfrihetssystem (LOV) som är frivillig för kommunerna att tillämpa"
    r"\bsom ar frivillig\w* for (kommunerna|kommuner|regionerna|regioner|landstingen)\b|"
    # patientlagen's free choice of care anywhere: "Det fria vårdvalet i öppen vård omfattar
    # alla vårdnivåer"
    r"fria? vardval\w* (i|inom) (den )?oppen ?vard\w*|"
    # "Vårdval är lag inom primärvården": the law's requirement, not this region's choice
    r"(vardval|valfrihet|valfrihetssystem|lov) (ar|blev) (lag|lagstadgat|obligatoriskt)|"
    # "vårdval, som sedan 1 januari 2010 är obligatoriskt enligt hälso- och sjukvårdslagen"
    r"(ar|blev|blivit) obligatoriskt enligt\b|"
    # "LOV gäller sedan 2010 obligatoriskt även för Arbetsförmedlingens valfrihetssystem"
    r"galler( \w+){0,3} obligatoriskt\b|"
    # the nationwide right to choose: "alla Sveriges invånare kan välja vårdcentral i landet"
    r"(samtliga|alla) sveriges|i hela (landet|sverige)|valfri vardcentral i (landet|sverige))\b"
)
#: A named choice system entering into force: "Hälsoval Skåne trädde i kraft den 1 maj", "det
#: nya systemet VG Primärvård, och träder i kraft den förste oktober" (a region's start, not
#: the law's).
SYSTEM_IN_FORCE = (
    r"((vardval|halsoval|kundval|tandvardsval|valfrihetssystemet)\w*|det nya systemet)"
    r"( \w+){0,3} (och |som )?(tradde|trader|har tratt|hade tratt) i kraft\b"
)
#: The law's own start: "Den 1 januari 2009 infördes lag om valfrihetssystem", "När LOV
#: infördes 2009" (LOV came into force on 1 January 2009, before any own system under it).
_LAW_START = re.compile(
    r"\binfordes (en )?lag(en)?\b|"
    # not "... lagen om valfrihetssystem, LOV, och infördes i Örebro under 2014" (a year
    # after the law's names its own system)
    r"\blag(en)? om valfrihetssystem( \w+){0,3} infordes\b(?!( \w+){0,4} 20[1-9]\d\b)|"
    r"\b(lov|lagen om valfrihetssystem)( \w+){0,2} (infordes|kom)( \w+){0,3} 2009\b|"
    r"\b2009( \w+){0,3} (infordes|kom) (lov|lag\w*)\b"
)
# A subordinate clause opening the sentence: a condition or a generalisation ("Där
# valfrihetssystem införs sker det vanligtvis inom hemtjänsten"); "När det gäller" is "as for".
_CONDITION = re.compile(
    r"^((men|och|for) )?(om|ifall|nar(?! det galler)|i fall|dar|"
    # the verb first, as a condition: "Införs vårdval kommer de nya mottagningarna att ..."
    r"infors|avskaffas|avvecklas|slopas|skrotas) "
)
#: A time in the past, not a condition: "När vårdvalsreformen infördes för fyra år sedan",
#: "När Hälsoval Värmland, det nya vårdvalsystemet, drog i gång".
_WHEN_IT_WAS = re.compile(
    r"^((men|och) )?nar( \w+){1,6} (infordes|inforde|startade|startades|borjade|kom|sjosattes|"
    r"tradde i kraft|drog i ?gang|drogs i ?gang|inleddes)\b"
)
#: A condition on the resident's own choice presupposes the choice: "Om brukaren väljer privat
#: utförare görs beställningen direkt till vald utförare" (but "Om kommunen inför LOV" does not).
_RESIDENT_CHOOSES = re.compile(
    r"^(om|nar) (du|ni|brukaren|kunden|den enskilde|patienten) (valjer|har valt|vill byta)"
    r"( en| ett)? (privat|annan|ny|en) \w*(utforare|leverantor|vardcentral|mottagning)"
)
#: The inverted main clause after a condition: "Om du har hemtjänst, kan du välja ...".
_MAIN_CLAUSE = re.compile(r"^(kan|far|ska|maste|bor|har|finns|valjer) (du|ni|vi|man|det)\b")
#: Municipalities and regions in general, as the law's addressees ("för kommunerna").
_ANY_MUNICIPALITY = re.compile(
    # not "landstinget" nor "landstingsfullmäktige": this one's, as "kommunen" is
    r"\b(kommuner|kommunerna|regioner|regionerna|"
    r"landsting(?!et\b|ets\b|sfullmaktige|sstyrelsen)\w*|"
    r"(varje|var och en|alla) (kommun|region))\b"
)
# An explanation of the concept: "Kundval innebär ..." (the definite "Kundvalet innebär ..."
# is this authority's system).
#: A system named in the indefinite ("Valfrihet", "Fritt val hemtjänst"), not the definite
#: form that means this authority's ("Kundvalet", "Valfriheten").
_INDEFINITE = r"(?!(?!valfrihet )\w+(et|en) )"
#: The patient's right to choose care in the whole country (patientlagen), no region's system:
#: "Du kan välja att lista dig på en vårdcentral var som helst i Sverige", "välja vilken
#: vårdmottagning du vill gå till när du behöver öppenvård".
NATIONAL_RIGHT = (
    r"\b(var som helst|var du vill|overallt) i (sverige|landet)\b|\bnar du behover oppen ?vard\b"
)
_GENERAL_SUBJECT = re.compile(
    # ("Fritt val hemtjänst innebär att du ...": the service may follow the system's name)
    rf"^{_INDEFINITE}{SYSTEM}( [a-z]+| (inom|i) [a-z]+)? (innebar|betyder|bygger pa|syftar|"
    r"handlar om)\b|"
    # "LOV gör att den som har fått hemtjänst kan välja": what such a system does
    rf"^{_INDEFINITE}{SYSTEM} (gor (det mojligt|att)|mojliggor)\b|"
    # "Valfrihet inom hemtjänst har visat sig leda till fusk": a verdict on such systems
    rf"^{_INDEFINITE}{SYSTEM}( (inom|i) [a-z]+)? har (visat sig|inneburit)\b|"
    # "2009 infördes Lagen om valfrihet, LOV. Den innebär att du har rätt att själv välja": what
    # the system or law just named means
    r"^(den|lagen|reformen) (innebar|betyder)\b|"
    # "LOV, eller lagen om valfrihetssystem, innebär att kunden fritt får välja": the law named
    # twice, then what it means
    rf"^{SYSTEM},? eller( \w+){{1,4}},? (innebar|betyder)\b|"
    # "Tanken med att införa kundval är att du själv får välja": why one has a system
    r"^(tanken|syftet|meningen|malet|avsikten|iden) (med|bakom) (att infora|inforandet av)\b|"
    # "Med LOV kan brukarna välja utförare": what the law makes possible, not what is
    rf"^(med|genom) {SYSTEM} (kan|far|ges|blir)\b|"
    r"\bett valfrihetssystem (ar|innebar)\b|\bkommuner och regioner (kan|far)\b|"
    # "Fritt val införs med stöd av lag om valfrihetssystem (LOV)": the legal basis of such a
    # system, in the present, is no dated introduction
    r"\binfors med stod av (lag|lagen|lov)\b|"
    # "det är fullmäktige som beslutar om införande av LOV": who decides, a rule
    r"\bdet ar (\w+ )?(\w*fullmaktige|\w*namnden|kommunen|regionen) som (beslutar|bestammer)\b|"
    # "Kommunernas valfrihetssystem – med fokus på hemtjänst": the systems of all of them
    rf"\b(kommunernas|regionernas|landstingens) {SYSTEM}|"
    # "En valfrihetslösning innebär att ...": what such a solution means, not what is
    r"^(en|ett) \w*(valfrihet|kundval|vardval|halsoval)\w* (innebar|betyder)\b|"
    # "Olika regler för hälsovalet finns, beroende på var du bor i landet": across the country
    r"\bberoende pa (var|i vilken (kommun|region)) (du|man|patienten|brukaren) bor\b|"
    # "För myndigheter som har valfrihetssystem är det obligatoriskt att annonsera", "för den
    # som vill införa en LOV-modell": any authority's, not this one's
    r"\bmyndigheter som\b|\b(den|de) som vill (infora|tillampa|anvanda|starta)\b|"
    # "en undersökning om hur LOV tillämpas": what a study is about
    r"\b(undersokning|studie|kartlaggning|enkat)\w* (om|av|kring) hur\b|"
    # the patient's right in the whole country
    rf"{NATIONAL_RIGHT}|"
    # "en privat vårdcentral som har avtal med din region eller landsting": the reader's
    # authority, whichever it is (a national guide's, a company's page)
    # (not "din kommun": a municipality's own page may address its residents so)
    r"\b(din|ditt) (region|landsting)( eller (ditt |din )?(region|landsting))?\b(?! (dar|som) )"
)
#: The page's own authority in the definite form, inside an explanation.
_DEFINITE_OWN = re.compile(r"\b(kommunen|kommunens|regionen|regionens|staden|stadens)\b")
#: "Svalövs kommun", "Göteborgs Stad", "Region Skåne": a named public body (original case).
_NAMED_BODY = re.compile(
    r"\b([A-ZÅÄÖ][\w-]+?)s? (?:[Kk]ommuns?|[Ss]tads?|läns landsting|[Ll]än)\b|"
    r"\b(?:Region|Landstinget i) ([A-ZÅÄÖ][\w-]+)"
)
#: The municipality a page names most often is its own ("Krokoms kommun" on Krokom's news);
#: regions are not counted so (an overview of regions names one region most).
_NAMED_MUNICIPALITY = re.compile(r"\b([A-ZÅÄÖ][\w-]+?)s? (?:[Kk]ommuns?|[Ss]tads?)\b")
_NOT_NAMES = frozenset(
    {"varje", "en", "var", "denna", "den", "samma", "annan", "er", "din", "hela"}
)
_PARENTHESIS = re.compile(r"\([^()]*\)")
#: In `own_names`: the page names two or more regions, so a region it names is not
#: necessarily its own (an overview); a region page names only its own, under any address.
MANY_REGIONS = "\x00regions"
#: A marker among a page's own names: the page is a national body's, with no own authority.
NATIONAL_BODY = "\x00national"
#: A marker among a page's own names: the page is on a municipality's own site, where a region
#: acting is another authority ("Regionen har beslutat att införa vårdval ..." on a
#: municipality's news is the region's decision, not the municipality's).
MUNICIPAL_HOST = "\x00municipal"
#: A region or county council as the one acting: "Regionen", "Landstinget", "Region Skåne".
_REGION_ACTS = re.compile(
    r"\b(regionen|regionens|regionfullmaktige|regionstyrelsen|landstinget|landstingets|"
    r"landstingsfullmaktige|landstingsstyrelsen|region \w+|landstinget i \w+|\w+ lans landsting)\b"
)
_MUNICIPALITY_ACTS = re.compile(
    r"\b(vi|kommunen|kommunens|kommunfullmaktige|kommunstyrelsen|\w*namnden|staden|stadens|"
    r"\w+ (kommun|kommuns|stad|stads))\b"
)
#: A place and a relative clause about it: "utvecklingen i Göteborg, där LOV avvecklas".
#: A sentence that opens where it happens: "I Täby ...", "Både i Täby och i Nacka ...".
_IN_A_PLACE_FIRST = re.compile(r"^((bade|aven|liksom|men|och) )?i [a-z]")
_WHERE_CLAUSE = re.compile(r"\bi (?P<place>\w+( \w+)?) dar (?!(vi|kommunen|kommunens)\b)")


#: Municipality names that are also everyday words ("mark", "vara", "boden"): never read bare.
_WORDLIKE_NAMES = frozenset({"Ale", "Boden", "Mark", "Mora", "Orsa", "Sala", "Vara"})


@cache
def _bare_place() -> re.Pattern[str]:
    """A municipality or region named bare, capitalised: "Växjö och Halmstad har LOV",
    "Halmstads", "Skåne skrotar planen"."""
    regions = {
        re.sub(r"^Region |s? län$|sregionen$", "", c.region_name).split(" Härjedalen")[0]
        for c in counties()
    }
    places = {m.name for m in municipalities()} | regions
    names = sorted(places - _WORDLIKE_NAMES, key=len, reverse=True)
    # Not a region's name: "Region Stockholm", "Landstinget i Uppsala", "Uppsala län".
    return re.compile(
        r"(?<![\w-])(?<!Region )(?<!Landstinget i )("
        + "|".join(map(re.escape, names))
        + r")s?(?![\w-])(?! län)"
    )


def is_place(name: str) -> bool:
    """Whether `name` is a municipality's or region's name, bare ("Växjö", "Halmstads")."""
    return _bare_place().fullmatch(name) is not None


def _is_own(stem: str, names: frozenset[str]) -> bool:
    """Whether a named body's folded stem is one of the page's own names ("upplands vasby"
    is the "vasby" of the page's address)."""
    last = stem.rsplit(" ", 1)[-1]
    return any(
        name.startswith(stem)
        or stem.startswith(name[:5])
        or (len(stem) >= 4 and stem in name)
        or (last != stem and last == name)
        for name in names
    )


#: National bodies' sites (and their subdomains, "webbutik.skr.se"): what they say of a
#: municipality or region is another's.
_NATIONAL_HOSTS = frozenset(
    {
        "skr.se",
        "skl.se",
        "regeringen.se",
        "riksdagen.se",
        "upphandlingsmyndigheten.se",
        "konkurrensverket.se",
        "socialstyrelsen.se",
        "ivo.se",
    }
)


#: The path of a notice in the national database, with the advertising authority's slug.
_NOTICE_PATH = re.compile(r"/hitta-lov-uppdrag/annonser/([^/]+)/")


def own_names(url: str, title: str, text: str = "") -> frozenset[str]:
    """Folded words naming the page's own municipality. On an authority's own site
    ("falkoping.se", "regionhalland.se") the words of its host; elsewhere the words of the
    address and title, the municipality the page names most often ("Krokoms kommun" on
    Krokom's news), the region or county it names most often, if twice or more ("Jönköpings
    län"), and, when none of these names an authority, the place it names bare, or names bare
    twice as often as any other ("Sollentuna har använt LOV"). A national body's page (SKR,
    the government) has none: only the `NATIONAL_BODY` marker."""
    host = urlsplit(url).netloc.lower()
    if notice := _NOTICE_PATH.search(urlsplit(url).path.lower()):
        # A notice in Hitta LOV-uppdrag is the advertising authority's own, named in its path
        # ("/hitta-lov-uppdrag/annonser/jonkopings-kommun/...").
        return _without_noise(_address_words(notice.group(1)))
    if any(host == site or host.endswith("." + site) for site in _NATIONAL_HOSTS):
        # A national body's page names municipalities and regions, and is none of them.
        return frozenset({NATIONAL_BODY})
    regions = _named_counts(_NAMED_BODY, text)
    many_regions = {MANY_REGIONS} if len(regions) >= 2 else set()
    if _host_names_authority(url):
        # A news item there that names only another municipality, in its address, title or
        # text ("Borås stad har infört LOV ..." on Falköping's site), is about that other one.
        municipal = {MUNICIPAL_HOST} if _host_names_municipality(url) else set()
        return _without_noise(_address_words(host) | many_regions | municipal)
    found = _address_words(url) | {w for w in re.findall(r"\w+", fold(title)) if len(w) >= 3}
    found |= many_regions
    if named := _named_counts(_NAMED_MUNICIPALITY, text):
        found.add(max(named, key=lambda stem: named[stem]))
    ranked = regions.most_common()
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        # A region named more often than any other, twice or more, is the page's own; an
        # overview naming several regions once each has none.
        found.add(ranked[0][0])
    bare = Counter(fold(match.group(1)) for match in _bare_place().finditer(text)).most_common()
    if bare and not found & name_words():
        # A local paper names its municipality bare ("Sollentuna har använt LOV ..."): when
        # nothing else names an authority, the one it names, or names twice as often as any
        # other; a round-up of several municipalities has none of its own.
        (top, times), *rest = bare
        if not rest or times >= 2 * rest[0][1]:
            found.add(top)
    return _without_noise(found)


def _named_counts(pattern: re.Pattern[str], text: str) -> Counter[str]:
    """How often the text names each public body `pattern` finds, by folded stem."""
    stems = (fold(next(filter(None, match.groups()))) for match in pattern.finditer(text))
    return Counter(stem for stem in stems if stem not in _NOT_NAMES and len(stem) >= 3)


def _address_words(address: str) -> set[str]:
    """The folded words of an address; "regionuppsala.se", "regionhalland.se" also give the
    region's name after the prefix."""
    found = {w for w in re.findall(r"[a-z0-9]+", fold(address)) if len(w) >= 3}
    return found | {w[len("region") :] for w in found if w.startswith("region") and len(w) >= 10}


def _without_noise(words: set[str]) -> frozenset[str]:
    return frozenset(words - {"www", "http", "https", "kommun", "html", "aspx", "php"})


def _host_names_authority(url: str) -> bool:
    """Whether the address's host is a municipality's or region's own ("falkoping.se",
    "habokommun.se", "kommun.jonkoping.se", "regionhalland.se")."""
    places = _counties_of_places()
    for label in urlsplit(url).netloc.lower().split("."):
        name = fold(label.replace("-", " "))
        # "karlstad" is a name; "habokommun", "goteborgsstad" and "regionhalland" hold one
        bare = re.sub(r"^(region|landstinget)|(s?kommun|s?stad)$", "", name)
        if len(bare) >= 3 and (name in places or bare in places):
            return True
    return False


@cache
def _municipality_only_names() -> frozenset[str]:
    """Folded names of municipalities that are no region's short name (not "gotland",
    "uppsala" or "jonkoping", whose sites may be the region's)."""
    regions = {fold(re.sub(r"^Region |s? län$|sregionen$", "", c.region_name)) for c in counties()}
    return frozenset(fold(m.name) for m in municipalities()) - regions


def _host_names_municipality(url: str) -> bool:
    """Whether the address's host is a municipality's own ("falkoping.se", "habokommun.se"),
    and not a region's."""
    for label in urlsplit(url).netloc.lower().split("."):
        name = fold(label.replace("-", " "))
        if name.startswith(("region", "landsting")):
            return False
        bare = re.sub(r"(s?kommun|s?stad)$", "", name)
        if name in _municipality_only_names() or bare in _municipality_only_names():
            return True
    return False


def other_place_first(sentence: str, folded_before: str, names: frozenset[str]) -> bool:
    """Whether the first municipality or region named bare before the verb is another than
    the page's own ("Växjö och Halmstad har LOV inom äldreomsorgen" on Laholm's page). In a
    region's choice system, a municipality of the page's own county is where a unit stands,
    not another authority ("vårdcentralerna i Säffle ... när vårdvalet infördes" on a
    Värmland paper's page)."""
    if (match := _bare_place().search(sentence)) is None:
        return False
    stem = fold(match.group(1))
    named_before = re.search(rf"\b{re.escape(stem)}", folded_before) is not None
    if not named_before or _is_own(stem, names):
        return False
    regional = _REGIONAL_SYSTEM.search(fold(sentence)) or names & _region_hosts()
    return not (regional and _in_own_county(stem, names))


#: The regions' choice systems, which cover the whole county.
_REGIONAL_SYSTEM = re.compile(
    r"\b(vardval\w*|halsoval\w*|tandvardsval\w*|fritt tandlakarval|fria vardval\w*)\b"
)


@cache
def _region_hosts() -> frozenset[str]:
    """The words of the regions' own addresses ("regionvarmland"): on a region's site a
    municipality of its county named bare is where a unit stands ("Vårdcentralen Grums ...
    överlåts till Capio inom LOV" on Region Värmland's site)."""
    return frozenset(
        prefix + fold(re.sub(r"^Region |s? län$|sregionen$", "", c.region_name)).replace(" ", "")
        for c in counties()
        for prefix in ("region", "landstinget")
    )


@cache
def _counties_of_places() -> dict[str, str]:
    """Folded municipality names, and regions' short names, to their county's code."""
    places = {
        fold(re.sub(r"^Region |s? län$|sregionen$", "", c.region_name)): c.code for c in counties()
    }
    places.update({fold(m.name): m.county_code for m in municipalities()})
    return places


def _in_own_county(stem: str, names: frozenset[str]) -> bool:
    """Whether the place `stem` lies in the county of the page's own municipality or region."""
    places = _counties_of_places()
    county = places.get(stem)
    return county is not None and any(
        code == county and _is_own(place, names) for place, code in places.items()
    )


#: Other authorities, named by what they are: "i grannkommunen", "andra kommuner".
_OTHERS = re.compile(
    r"\b(grannkommun\w*|grannregion\w*|(andra|ovriga|flera|manga|vissa) (kommuner|regioner)|"
    # "Ytterligare 37 kommuner har infört LOV men har inga privata utförare"
    r"((ytterligare|ungefar|cirka|drygt) )?\d+ (kommuner|regioner)|"
    r"(en|ett) (annan|annat) (kommun|region|landsting))\b"
)


def names_others(folded: str) -> bool:
    """Whether a folded sentence is about other authorities and not this one ("I
    grannkommunen finns sex privata utförare", "Flera kommuner har ...")."""
    return bool(_OTHERS.search(folded)) and not OWN_SUBJECT.search(folded)


def named_bodies(sentence: str, names: frozenset[str]) -> tuple[bool, bool]:
    """(names the page's own body, names another body) among the public bodies a sentence
    names by "X kommun" / "X stad"."""
    own = other = False
    for match in _NAMED_BODY.finditer(sentence):
        stem = fold(match.group(1) or match.group(2))
        if stem in _NOT_NAMES or len(stem) < 3:
            continue
        municipal = bool(_NAMED_MUNICIPALITY.fullmatch(match.group(0)))
        if not municipal and MANY_REGIONS not in names:
            own = own or any(stem in name or name.startswith(stem) for name in names)
            continue  # one region named on a region's page: its own, whatever the address
        if _is_own(stem, names):
            own = True
        else:
            other = True
    return own, other


def subject_of(sentence: str, folded: str, verb_at: int, names: frozenset[str]) -> Subject:
    """Whose system the claim is about; an own subject before the verb wins over others."""
    before = folded[:verb_at]
    # The subject stands before the verb, or right after it in inverted order ("Sedan 2010
    # har Krokoms kommun haft ...").
    near = " ".join(folded[:verb_at].split() + folded[verb_at:].split()[:4])
    # "LOV (lagen om valfrihetssystem) innebär att ...": the expansion in brackets is not
    # the law acting.
    plain = words(_PARENTHESIS.sub(" ", sentence))
    names_own, names_other = named_bodies(sentence, names) if names else (False, False)
    if _GENERAL_SUBJECT.search(plain):
        # An explanation, unless it points at the page's own authority ("de leverantörer som
        # kommunen godkänt", "invånare i Sotenäs kommun").
        if not (names_own or _DEFINITE_OWN.search(folded)) or _ANY_MUNICIPALITY.search(folded):
            return Subject.GENERAL
    if _LAW_START.search(folded) and not OWN_SUBJECT.search(before):
        return Subject.LAW
    in_force = re.search(SYSTEM_IN_FORCE, folded) and not re.search(r"\b(lov|lagen)\b", folded)
    if (
        _CONDITION.search(folded)
        and not _MAIN_CLAUSE.search(folded[verb_at:])
        and not _WHEN_IT_WAS.search(folded)
        and not _RESIDENT_CHOOSES.match(folded)
    ):
        return Subject.GENERAL  # "Om kommunen inför LOV ...": a condition, not a fact
    if _ANOTHER.search(folded) and not OWN_SUBJECT.search(before):
        return Subject.OTHER  # "Du kan också välja en vårdcentral i en annan region"
    if _LAW_SUBJECT.search(plain) and not OWN_SUBJECT.search(before) and not in_force:
        return Subject.LAW
    if NATIONAL_BODY in names:
        # A national body has no choice system of its own: what it names is another's.
        named = _NAMED_BODY.search(sentence) or _bare_place().search(sentence)
        return Subject.OTHER if named else Subject.GENERAL
    if MUNICIPAL_HOST in names and _REGION_ACTS.search(before):
        if not _MUNICIPALITY_ACTS.search(before):
            return Subject.OTHER  # the region acting, on a municipality's own site
    if (where := _WHERE_CLAUSE.search(before)) and not _is_own(where.group("place"), names):
        if where.group("place") in _counties_of_places():
            return Subject.OTHER  # "... i Göteborg, där LOV avvecklas"
    company = None if _APPROVED_COMPANY.search(folded) else _COMPANY_SUBJECT.search(before)
    other = _OTHER_SUBJECT.search(near) or company
    own = OWN_SUBJECT.search(before)
    if not (other or own) and _IN_MUNICIPALITIES.search(folded[verb_at:]):
        return Subject.OTHER
    if not (other or own or names_own) and _USUALLY.search(before):
        return Subject.GENERAL  # "Ofta kan du välja mellan ...": how it usually is
    if other and not (own and own.start() > other.start()):
        return Subject.OTHER
    if (
        own
        and own.group(0) in ("kommunen", "kommunens")
        and not names_own
        and _IN_A_PLACE_FIRST.match(folded)
        and other_place_first(sentence, folded[: own.start()], names)
    ):
        return Subject.OTHER  # "Både i Täby och i Nacka blir företag godkända av kommunen"
    if names_other and not own and not names_own:
        return Subject.OTHER
    if names and not own and not names_own and other_place_first(sentence, before, names):
        return Subject.OTHER
    if _ANY_MUNICIPALITY.search(near) and not own and not names_own:
        return Subject.GENERAL
    return Subject.OWN
