"""Words municipal sites use for LOV, and the categories and dates inside a sentence.

Everything here works on *folded* text (`lovwatch.normalize.text.words`: lower case, no
diacritics, single spaces), so "Välj utförare" and "valj utforare" are the same phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from lovwatch.municipal.numbers import ORDINAL_WORDS, ordinal_value
from lovwatch.normalize.categories import CATEGORIES, map_term
from lovwatch.normalize.dates import MONTHS
from lovwatch.normalize.taxonomy import GENERIC_CODES, WEAK_SYNONYMS
from lovwatch.normalize.text import words

#: Being listed where one wants ("kan också lista sig där de vill"): a choice of vårdcentral.
LIST_WHERE_ONE_WANTS = (
    r"(lista|listar|listas) (dig|sig|er) (\w+ ){0,2}(dar|var) (du|de|ni|man) vill"
)
#: The municipality's own care as one side of a choice: "kommunens egen hemtjänst",
#: "kommunens dagliga verksamhet" (not "kommunens simhallar").
_OWN_CARE = (
    r"kommunens( egen| egna)?( \w+)? (?!(forskol|skol|grundskol|gymnasi|fritids|pedagogisk))"
    r"(\w*tjanst|\w*verksamhet|\w*omsorg|\w*boende|\w*vard|regi|"
    r"\w*utforare|enhet|personal)\w*"
)
#: The bodies that decide on a system, as a sentence's subject (folded): "Kommunen säger nej
#: till LOV", "Fullmäktige sa ja", "Socialnämnden godkände Hemtjänst Plus AB".
DECIDING_BODY = (
    r"(kommunen|regionen|landstinget|staden|\w*fullmaktige|\w*namnden|\w*styrelsen|"
    r"politikerna)"
)
#: A choice with the municipality's own provider as one side: "välja mellan kommunen och
#: Omsorgshuset", "välja att få hjälp av kommunens hemtjänst eller av något av de företag".
OWN_AS_ONE_SIDE = (
    rf"valja (\w+ ){{0,3}}mellan (kommunen( \w+){{0,3}}|{_OWN_CARE}) (och|eller)\b|"
    rf"valja (\w+ ){{0,8}}{_OWN_CARE} eller (\w+ ){{0,6}}(privata?|foretag\w*|\w*utforare\w*)\b"
)
#: A text that speaks of a valfrihetssystem (for discovery and for statement context).
LOV_TERMS = re.compile(
    # not the idiom "fick lov att" (was allowed to)
    r"\b(lov(?! att\b)(?! och (?:studiedag|helg|ferie))|valfrihet\w*|kundval\w*|fritt val|"
    r"(?<!gjort ett )(?<!gora ett )(?<!gor ett )(?<!ditt )eget val|vardval\w*|halsoval\w*|"
    r"hemtjanstval\w*|"
    r"tandvardsval\w*|fritt tandlakarval|valj utforare|bli utforare|aldrepeng\w*|"
    r"hemtjanstpeng\w*|omsorgspeng\w*|"
    r"forfragningsunderlag\w*|lagen om valfrihetssystem|godkanda utforare|"
    r"valbara (foretag|utforare|kliniker|tandvardskliniker|mottagningar|vardcentraler|"
    r"halsocentraler)|hitta lov uppdrag|valfrihetswebben|auktorisation\w*|auktoriserad\w*|"
    r"ickevalsalternativ\w*|"
    # "rätt att välja vem som ska utföra omsorgen": the choice itself, unnamed
    r"(ratt|mojlighet|mojligt) (\w+ ){0,6}?att (sjalv |sjalva )?valja (vem|utforare|"
    r"foretag\w*|om|mellan)\b|(nytt val|omval) av utforare|"
    # "Du kan välja mellan kommunala och privata dagverksamheter"
    r"valja (\w+ ){0,6}(kommunala?|privata?) (och|eller) (kommunala?|privata?) "
    r"(?!(forskol|skol|grundskol|gymnasi|fritids|pedagogisk)\w*)|"
    r"valja (\w+ ){0,6}(privata?|kommunala?) (klinik|vardcentral|halsocentral|mottagning)\w*|"
    # "Välja utförare av hemtjänst", "Du väljer själv utföraren", "innan de väljer anordnare",
    # "de gamla som har valt andra utförare än kommunen", "väljer du själv vilken
    # hemtjänstutförare": the choice, unnamed
    r"(valja|valjer|valt|valde)( \w+){0,3} \w*(utforare|anordnare)\w*|"
    # "Det spelar ingen roll vilken utförare du har valt": the choice, told after its object
    r"\b(utforare|utforaren|anordnare) (du|ni) (har valt|valjer|valt)\b|"
    # "I Flens kommun finns endast den kommunala hemtjänsten": no choice, which is news too
    r"(finns|har vi|erbjuds) (det )?(endast|bara|enbart) (den )?"
    r"(kommunala|kommunens( egen| egna)?) hemtjanst\w*|(enda|ende) (utforaren|leverantoren|"
    r"anordnaren)|"
    # "16 privata hemtjänstföretag är godkända i Umeå kommun"
    r"\w*(foretag|foretagen|utforare|utforarna) (ar|har blivit|har) godkan\w*|"
    # "Nu har Attendo Care och Vardaga godkänts som utförare i hemtjänsten"
    r"godkan\w* som (ny |nya )?(utforare|leverantor\w*|anordnare)\b|"
    r"godkand (utforare|leverantor|anordnare)\b|"
    # "ytterligare en utförare att välja", "fem privata utförare och kommunens egen hemtjänst
    # att välja mellan"
    r"\w*(utforare|foretag|leverantorer|anordnare|vardgivare)( \w+){0,4} att valja\b|"
    # "kan du välja mellan kommunen och Omsorgshuset", "välja mellan kommunens dagliga
    # verksamhet och privata alternativ": the municipality as one side of the choice
    rf"{OWN_AS_ONE_SIDE}|"
    # "Kommunen öppnar för privata utförare i hemtjänsten", "få välja vem som ska utföra"
    r"(oppnar|oppnade|oppna|slapper|slappte|slappa) (upp )?(for|in) (\w+ )?privata? "
    r"(utforare|foretag|aktorer|hemtjanstforetag|alternativ)|valja vem som (ska )?utfora|"
    # "Här hittar du de utförare som du kan välja mellan inom hemtjänsten"
    r"(utforare|utforarna|foretag|foretagen|leverantorer|leverantorerna|anordnare|anordnarna) "
    r"som (du|ni|man) (sjalv )?(kan|far) valja\b|"
    # "Du kan välja vilket företag som ska ge dig hemtjänst", "kan du som vårdnadshavare välja
    # vilken folktandvårdsklinik", "Du väljer själv vem som ska hjälpa dig", "byta utförare"
    r"(valja|valjer) (sjalv |sjalva )?((vilket|vilken|vilka|en|ny) )?(\w+ ){0,2}(foretag\w*|"
    r"utforare\w*|folktandvard\w*|tandlakare|tandvardsklinik\w*|tandvardsmottagning\w*|"
    r"vardcentral\w*|halsocentral\w*|\w*mottagning\w*|vardgivare\w*|bvc|mvc|"
    # (not a physiotherapist alone: the national tariff's physiotherapists are chosen too)
    r"barnavardscentral\w*|familjeradgivare\w*|psykoterapeut\w*|fotterapeut\w*|logoped\w*|"
    r"audionom\w*)|"
    # "kan de som har hemtjänst själva välja vem som utför", "möjlighet att välja ... hemtjänst"
    r"(valja|valjer) (\w+ ){0,10}(privata?|kommunala?) (utforar|vardgivar|foretag|tandlakar)"
    r"\w*|"
    r"(sjalv|sjalva) valja vem som|"
    # "kan barn och unga välja var de ska få sin tandvård", "välja var du vill lista dig"
    r"valja var (du|de|man|ni) (vill|ska) (fa|ga|lista)\b|"
    r"(ratt|mojlighet) att valja (\w+ ){0,5}(hemtjanst|ledsagning|"
    r"avlosning|daglig verksamhet)|"
    r"(du|ni) valjer (sjalv |sjalva )?vem som ska|valjer (sjalv|sjalva) vem som (ska )?utfor\w*|"
    # "Det finns tre olika alternativ att välja mellan: två olika hemtjänstföretag ..."
    r"(alternativ|utforare|foretag|leverantorer|anordnare) att valja (mellan|bland)|"
    # (not "risken för att hemtjänsttagarna ska tvingas byta utförare" when a tender ends)
    r"(?<!tvingas )(?<!tvingades )(byta|byter|bytt|byte av) (\w+ ){0,2}\w*utforare|"
    # "Du kan byta vårdcentral så ofta du vill", "väljer bland alla valbara vårdcentraler",
    # "vilka utförare som är godkända av kommunen", "välja vilken hemtjänstaktör"
    r"(byta|byter) (\w+ ){0,2}(vardcentral|halsocentral)\w*|bland (\w+ ){0,2}valbara \w+|"
    r"(utforare|foretag|leverantorer)\w* som (ar|har blivit) godkand\w* av|"
    r"(valja|valjer) (vilken|vilket|vilka) \w*aktor\w*|"
    # "för att få din nya hemtjänstutförare": a provider the resident changed to
    r"(din|er) nya \w*utforare|"
    # "kan också lista sig där de vill", "lista dig på valfri vårdcentral": a free choice
    r"valfri (vardcentral|halsocentral|vardgivare|tandvardsklinik|mottagning)|"
    rf"{LIST_WHERE_ONE_WANTS})\b"
)
#: What a link's text or URL says when it leads to LOV pages.
LINK_TERMS = re.compile(
    r"\b(lov|valfrihet\w*|kundval\w*|fritt val|valj utforare|bli utforare|utforare\w*|"
    r"forfragningsunderlag\w*|leverantor\w*|valbara|kundvallov|hitta lov uppdrag|"
    # The regions' choice systems and their provider pages ("Vårdval", "Hälsoval",
    # "För vårdgivare", "Välj vårdcentral").
    r"vardval\w*|halsoval\w*|tandvardsval\w*|vardgivar\w*|"
    r"(valj|valja|byt|byta) (vardcentral|halsocentral)\w*)\b"
)
#: Buying by tender (LOU), which a valfrihetssystem is not: "upphandling", "anbud", "LOU".
PROCUREMENT = re.compile(r"\b(upphandl\w*|anbud\w*|lou)\b")
#: A procurement's award, which a choice system never makes: "togs tilldelningsbeslutet",
#: "Följande leverantörer tilldelas avtal:" (the companies won a contract under LOU).
AWARD = re.compile(
    r"\b(tilldelningsbeslut\w*|tilldela\w*|vunnit upphandling\w*|vann upphandling\w*)\b"
)

#: Categories that name a whole area ("äldreomsorgen") rather than one service in it: the
#: taxonomy's catch-alls ("Övrig äldreomsorg", "Övrigt stöd till personer med ...").
UMBRELLA_CATEGORIES = GENERIC_CODES


def fold_words(text: str) -> str:
    """The folded word string of `text`."""
    return words(text)


def speaks_of_lov(text: str) -> bool:
    """Whether `text` mentions LOV, valfrihet, kundval or their usual companions."""
    return bool(LOV_TERMS.search(fold_words(text)))


def link_speaks_of_lov(url: str, text: str) -> bool:
    """Whether a link's visible text or its URL path suggests a LOV page."""
    return bool(LINK_TERMS.search(fold_words(text)) or LINK_TERMS.search(fold_words(url)))


@cache
def _compound_heads() -> tuple[tuple[str, str], ...]:
    """Single-word synonyms long enough to start a compound ("hemtjänstföretag")."""
    heads = []
    for category in CATEGORIES:
        for synonym in (category.label, *category.synonyms):
            folded = fold_words(synonym)
            if " " not in folded and len(folded) >= 8:
                heads.append((folded, synonym))
    return tuple(sorted(heads, key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=4096)
def categories_in(text: str) -> tuple[str, ...]:
    """Category codes (shared taxonomy) that `text` names, including as the first or last part
    of a compound word: "hemtjänstföretag" → hemtjanst, "missbruksproblematik" → missbruk,
    "ungdomstandvård" → tandvard. Beside a service it names, "äldre och personer med
    funktionsnedsättning" is whom it is for and "omsorg, stöd och service" what it gives, not
    LSS."""
    if _NOT_A_SERVICE.search(text) and (served := categories_in(_NOT_A_SERVICE.sub(" ", text))):
        return served
    codes = list(map_term(text))
    weak = _weak_default(text, codes)
    for token in fold_words(text).split():
        primary_rehab = _PRIMARY_CARE_REHAB.fullmatch(token) and "rehabilitering" in codes
        if primary_rehab or (_REHAB.fullmatch(token) and not map_term(token)):
            # Rehabilitation choice (Vårdval Rehab, primärvårdsrehabilitering, a rehabenhet)
            # is fysioterapeut, arbetsterapeut and dietist: fysioterapi and paramedicin, as
            # the national database lists Vårdval Rehab; not the taxonomy's hospital
            # rehabilitation, nor the care a compound's first part names.
            codes = [code for code in codes if code != "rehabilitering"]
            codes += [code for code in ("fysioterapi", "paramedicin") if code not in codes]
            continue
        for head, synonym in _compound_heads():
            if token.startswith(head) and len(token) > len(head) + 2:
                codes += [code for code in map_term(synonym) if code not in codes]
                break
        # The last part of a Swedish compound names what it is: "ungdomstandvård" is
        # tandvård, "kvällshemtjänst" hemtjänst; the longest part is the one, so
        # "hörselrehabilitering", a synonym itself, is not also "rehabilitering".
        for tail, synonym in _compound_heads():
            if token.endswith(tail):
                if len(token) > len(tail) + 3:
                    codes += [code for code in map_term(synonym) if code not in codes]
                break
    with_diacritics = words(text, keep_diacritics=True)
    if _LSS_HOUSING.search(with_diacritics):
        codes.append("bostad_lss")
        if "sysselsättning" not in with_diacritics:
            # the taxonomy reads "särskild service" alone as sysselsättning
            codes = [code for code in codes if code != "sysselsattning_socialpsykiatri"]
    if _HOME_CARE_PARTS.search(with_diacritics) and not set(codes) & _HOUSING:
        codes.append("hemtjanst")
    if _FOR_DISABLED.search(with_diacritics) and set(codes) - UMBRELLA_CATEGORIES:
        # "kundvalet boendestöd för personer med funktionsnedsättning": whom the service is
        # for, not a second, unnamed service for them.
        codes = [code for code in codes if code != "funktionsnedsattning_ovrigt"]
    if weak and len(codes) > 1:
        # "fritt vårdval för höft- och knäplastikoperationer": the compound names the service
        codes.remove(weak)
    return tuple(category.code for category in CATEGORIES if category.code in codes)


#: The words a weak default stands on: a bare "vårdval" or "hälsoval" is primary care only when
#: nothing more precise is named.
_WEAK_WORDS = re.compile(r"\b(" + "|".join(fold_words(w) for w in WEAK_SYNONYMS) + r")\w*")


def _weak_default(text: str, codes: list[str]) -> str | None:
    """The one code `map_term` gave for a bare "vårdval" or "hälsoval" alone, if that is all it
    gave."""
    if len(codes) != 1 or codes[0] not in WEAK_SYNONYMS.values():
        return None
    return None if map_term(_WEAK_WORDS.sub(" ", fold_words(text))) else codes[0]


#: Rehabilitation as a service: "rehab", "rehabilitering", "primärvårdsrehabilitering".
_REHAB = re.compile(r"\w*(rehab|rehabilitering)")
#: Rehabilitation as primary care gives it, the service of the regions' Vårdval Rehab:
#: "rehab", "rehabiliteringen", "primärvårdsrehabilitering", "rehabenheter".
_PRIMARY_CARE_REHAB = re.compile(r"(primarvards)?rehab(ilitering)?(en|ens|s)?|rehab\w*enhet\w*")
#: Whom care is for ("för äldre och personer med funktionsnedsättning", "till äldre och
#: funktionshindrade kommunmedborgare", "nämnden för äldre och funktionshindrade"), and what
#: it gives ("omsorg, stöd och service som du kan få hemma"; LSS is "stöd och service till
#: vissa funktionshindrade").
_NOT_A_SERVICE = re.compile(
    r"\bäldre( personer| människor)? och (för |till )?(personer med |människor med )?(en )?"
    r"(funktionsnedsättning\w*|funktionshind\w*|funktionsnedsatta)\b|"
    r"\bstöd och service\b(?! (till|för|enligt|inom) )",
    re.IGNORECASE,
)
#: The parts of hemtjänst that LOV pages list instead of the word ("service och omvårdnad",
#: "städ, tvätt och inköp"); diacritics kept, so "städ" is not "stad" (a city).
_HOME_CARE_PARTS = re.compile(
    r"\b(serviceinsats\w*|omvårdnadsinsats\w*|personlig omvårdnad|service (och )?omvårdnad|"
    r"städ|städning|tvätt|inköp)\b"
)
#: Whom a service is for: "för personer med funktionsnedsättning".
_FOR_DISABLED = re.compile(
    r"\b(för|till) (personer|människor|barn|unga|vuxna|dem|de|den) (\w+ )?med (en )?"
    r"(\w+ )?(funktionsnedsättning\w*|funktionshinder)\b"
)
#: Housing with special service under LSS, which the taxonomy may read as sysselsättning.
_LSS_HOUSING = re.compile(
    r"\b(bostad|boende) med särskild service\b|\b(gruppbostad|servicebostad)\w*"
)
_HOUSING = frozenset({"sarskilt_boende_aldre", "korttidsboende_aldre", "bostad_lss"})


@dataclass(frozen=True)
class FoundDate:
    """A date in a sentence, where it stands (folded text offsets) and how it was written."""

    value: date
    text: str
    start: int


_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "maj"), key=len, reverse=True))
_SEASONS = {
    "varen": 3,
    "sommaren": 6,
    "hosten": 9,
    "vintern": 12,
    "borjan av": 1,
    "mitten av": 7,
    "slutet av": 12,
}
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(\d{4}) (\d{1,2}) (\d{1,2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2}) (\d{1,2}) (\d{4})\b"), "dmy"),
    (
        re.compile(rf"\b(?:(borjan|mitten|slutet) av )?(\d{{1,2}} )?({_MONTH}) (\d{{4}})\b"),
        "spelled",
    ),
    (
        re.compile(rf"\b(?:den )?(\d{{1,2}}|{ORDINAL_WORDS})(?: [ae])? ({_MONTH})\b(?! \d)"),
        "day_month",
    ),
    (
        re.compile(r"\b(varen|sommaren|hosten|vintern|borjan av|mitten av|slutet av) (\d{4})\b"),
        "season",
    ),
    (re.compile(r"\b(?:sedan|fran|ar|infordes|inforde|under|start|starten) (\d{4})\b"), "year"),
)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _spelled(match: re.Match[str]) -> date | None:
    part, day, month, year = match.groups()
    number = MONTHS[month]
    if day:
        return _safe(int(year), number, int(day))
    return _safe(int(year), number, {"mitten": 15, "slutet": 28}.get(part or "", 1))


#: A year said relative to the page's date, right after a day and month or on its own.
_RELATIVE_YEAR = re.compile(r"^ ?(i ar|detta ar|nasta ar|kommande ar|forra aret|i fjol)\b")
_YEAR_SHIFT = {"i ar": 0, "detta ar": 0, "nasta ar": 1, "kommande ar": 1, "forra aret": -1}
#: "från nästa år", "vid årsskiftet", "vid halvårsskiftet", "till hösten": the page's date
#: gives the year.
_RELATIVE_ALONE = re.compile(
    r"\b(?:fran|med start|fr o m|fran och med) (nasta ar|arsskiftet|halvarsskiftet)\b|"
    r"\b(?:vid|efter|till|fran) (arsskiftet|halvarsskiftet)\b|"
    r"\b(?:till|under|fran|i) (varen|sommaren|hosten)(?! \d)\b"
)


def _day_month(match: re.Match[str], year: int) -> date | None:
    token = match.group(1)
    day = int(token) if token.isdigit() else ordinal_value(token)
    return _safe(year, MONTHS[match.group(2)], day) if day else None


#: "Kommunfullmäktige beslutade i går att ...": the day before the page's date.
_YESTERDAY = re.compile(r"\b(i gar|igar)\b")


def _relative(folded: str, today: date) -> list[FoundDate]:
    found = [
        FoundDate(today - timedelta(days=1), match.group(0), match.start())
        for match in _YESTERDAY.finditer(folded)
    ]
    for match in _RELATIVE_ALONE.finditer(folded):
        word = next(group for group in match.groups() if group)
        if word in _SEASONS or word == "halvarsskiftet":
            month = _SEASONS.get(word, 7)  # the turn of the half year is 1 July
            value = _safe(today.year, month, 1)
            if value is not None and value < today:
                value = _safe(today.year + 1, month, 1)
        else:
            value = _safe(today.year + 1, 1, 1)
        if value is not None:
            found.append(FoundDate(value, match.group(0), match.start()))
    return found


def find_dates(folded: str, today: date | None = None) -> list[FoundDate]:
    """Dates in a folded sentence: ISO, d/m/yyyy, "16 maj 2017", "maj 2017", "hösten 2010",
    "sedan 2009", and "den 16 maj" / "den första mars" (the year from "i år" / "nästa år" after
    it or another date in the sentence, else from `today`, the page's own date).

    With `today`, also "från nästa år", "vid årsskiftet" and "till hösten" resolve.
    """
    found: list[FoundDate] = []
    taken: set[int] = set()
    pending: list[re.Match[str]] = []
    for pattern, kind in _DATE_PATTERNS:
        for match in pattern.finditer(folded):
            if match.start() in taken or any(
                f.start <= match.start() < f.start + len(f.text) for f in found
            ):
                continue
            value: date | None
            if kind == "iso":
                value = _safe(*(int(g) for g in match.groups()))
            elif kind == "dmy":
                day, month, year = (int(g) for g in match.groups())
                value = _safe(year, month, day)
            elif kind == "spelled":
                value = _spelled(match)
            elif kind == "season":
                value = _safe(int(match.group(2)), _SEASONS[match.group(1)], 1)
            elif kind == "year":
                value = _safe(int(match.group(1)), 1, 1)
            else:
                pending.append(match)
                continue
            if value is not None and 1990 <= value.year <= 2100:
                found.append(FoundDate(value, match.group(0), match.start()))
                taken.add(match.start())
    for match in pending:
        relative = _RELATIVE_YEAR.match(folded[match.end() :])
        if relative and today is not None:
            year = today.year + _YEAR_SHIFT.get(relative.group(1), -1)
            text = match.group(0) + " " + relative.group(1)
        elif found or today is not None:
            year, text = (found[0].value.year if found else today.year), match.group(0)  # type: ignore[union-attr]
        else:
            continue
        if (value := _day_month(match, year)) is not None:
            found.append(FoundDate(value, text, match.start()))
    if today is not None:
        found += [f for f in _relative(folded, today) if not any(g.start == f.start for g in found)]
    return sorted(found, key=lambda f: f.start)
