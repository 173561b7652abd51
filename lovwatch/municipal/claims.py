"""What one sentence claims about a valfrihetssystem: kind, whose system, and how sure.

A sentence is read as a claim in three steps, all on folded words:

1. *kind*: the verb that says what happens to the system (införa, avveckla/avskaffa/upphöra,
   förnya; or that it is in use: "har LOV", "du kan välja utförare"). Only true verb forms
   count: "informera", "information" are not forms of "införa".
2. *polarity*: a negation in the verb's clause ("inte", "ej", "nej till", "i stället för att",
   "avstå från att") turns an introduction into `not_introduce` and an ending into `active`.
3. *modality* and *subject*: the nearest cue before the verb says whether it is decided,
   planned ("planerar", "förbereda", "avser"), proposed ("föreslår", "utreda"), demanded
   ("motion", "kräver", "yrkar") or rejected (a proposal "avslogs"); the sentence's subject says
   whose system it is: this municipality's, other municipalities' ("flera kommuner", "Xs
   kommun" not named in the page's address or title), the law's ("lagen trädde i kraft"), or
   a general explanation ("LOV innebär att ...", "om kommunen inför ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from lovwatch.normalize.text import fold


class StatementKind(StrEnum):
    ACTIVE = "active"
    INTRODUCE = "introduce"
    NOT_INTRODUCE = "not_introduce"
    END = "end"
    RENEWED = "renewed"


class Subject(StrEnum):
    """Whose valfrihetssystem a claim is about."""

    OWN = "own"
    OTHER = "other"
    LAW = "law"
    GENERAL = "general"


class Modality(StrEnum):
    """How far the claim has come: a decision (or fact), a plan, a proposal, a demand, or a
    proposal that was voted down."""

    DECIDED = "decided"
    PLANNED = "planned"
    PROPOSED = "proposed"
    DEMANDED = "demanded"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Claim:
    """The reading of one sentence; `verb_at` is where its kind's verb stands (folded text)."""

    kind: StatementKind
    subject: Subject
    modality: Modality
    confidence: float
    verb_at: int


# Whole words only: "lovade", "klover" do not name LOV.
SYSTEM = r"(?:\b(?:lov|valfrihet\w*|kundval\w*|lagen om valfrihetssystem|fritt val|eget val)\b)"
# Verb forms only: "införa" and its inflections, never "informera"/"information".
_INTRODUCE_VERB = r"infor(a|as|s|t|ts|de|des|andet?|andes)?"
_END_VERB = (
    r"(avveckla\w*|avsluta\w*|avskaffa\w*|upphor\w*|upphora|slopa\w*|avbryt\w*|avbrot|"
    r"sag\w* upp|sade upp|tog bort|ta bort|tas bort|togs bort|tagits bort|"
    r"lagg\w* (ner|ned)|lades (ner|ned)|lagt (ner|ned))"
)
_END_PASSIVE = (
    r"(upphor|upphorde|upphort|avvecklas|avvecklades|avvecklats|avslutas|avslutades|avslutats|"
    r"avskaffas|avskaffades|avskaffats|slopas|slopades|tas bort|togs bort|lags ned|lades ned|"
    r"lags ner|lades ner|ska avvecklas|ska avskaffas|ska upphora)"
)
# Checked in this order; a sentence takes the first kind whose pattern matches, and the
# match's start is the verb the negation and modality cues are measured from.
_KINDS: tuple[tuple[StatementKind, re.Pattern[str]], ...] = (
    (
        StatementKind.END,
        re.compile(
            rf"\b{_END_VERB}( \w+){{0,3}} {SYSTEM}|"
            rf"\b{SYSTEM}( \w+){{0,5}} {_END_PASSIVE}\b|\b(avveckling|avskaffande) av {SYSTEM}|"
            rf"\bupphora med( \w+){{0,3}} {SYSTEM}|"
            # "Sedan 2019 finns inte längre kundval inom städ"
            rf"\b(inte|ej) langre( \w+){{0,3}} {SYSTEM}|\b{SYSTEM}( \w+){{0,4}} (inte|ej) langre\b|"
            # "tidigare beslut om LOV ... hävs" (a repealed decision).
            rf"\bbeslut\w* om( \w+){{0,3}} {SYSTEM}.*\b(havs|upphavs|upphavdes|havdes)\b"
        ),
    ),
    (
        StatementKind.INTRODUCE,
        re.compile(
            rf"\b({_INTRODUCE_VERB}|inforande av|inforandet av)( \w+){{0,3}} {SYSTEM}|"
            rf"\b{SYSTEM}( \w+){{0,5}} (ska |kommer att |skulle )?(inte |ej )?{_INTRODUCE_VERB}\b|"
            r"\b(borjar|oppnar|startar) (registrering|ansokan|annonsering)|"
            rf"\bbeslut\w* (om )?att det ska (finnas|inforas) {SYSTEM}"
        ),
    ),
    (
        StatementKind.RENEWED,
        re.compile(
            r"\b(fornya\w*|forlang\w*|reviderat?|omarbetat?) (\w+ ){0,2}(avtal\w*|"
            r"forfragningsunderlag\w*|valfrihetssystem\w*)|"
            r"\b(nytt|nya) (\w+ )?(avtal|avtalet|forfragningsunderlag\w*)\b"
        ),
    ),
    (
        StatementKind.ACTIVE,
        re.compile(
            rf"\bsedan\b.*{SYSTEM}|{SYSTEM}.*\bsedan\b|\binfordes\b|"
            r"\b(du|ni)( sjalv)? (kan|far) (sjalv )?valja\b|\bkan (du|ni) (sjalv )?valja\b|"
            # "kan du som har hemtjänst välja mellan ...", "Den som ... kan välja utförare"
            r"\b((kan|far) (du|ni)|(du|ni)|som)( \w+){0,6} (kan |far )?valja "
            r"(\w+ ){0,2}(utforare|vem som|mellan|leverantor\w*|foretag|anordnare)\b|"
            rf"\bfinns (det )?((inte|ej|sedan \w+|redan|numera|aven) )?{SYSTEM}( (inom|i|for)\b|$)|"
            rf"\b{SYSTEM} (omfattar|galler for|galler inom)\b|"
            rf"\b(behalla|behaller|behalls|beholls|fortsatta med|fortsatter med)( \w+){{0,2}} "
            rf"{SYSTEM}|"
            r"\bvalj utforare\b|(?<!ansokt om att )\bbli utforare\b|"
            r"\blopande annonsering\b|\bgodkanda (utforare|foretag|leverantorer|anordnare)\b|"
            rf"\b(har|tillampar|tillampa|tillampas|anvander|anvanda) (inte |ej |inget |ingen )?"
            rf"{SYSTEM}"
        ),
    ),
)
#: Where, inside a kind's match, its verb stands (negation and modality are measured from it).
_VERBS: dict[StatementKind, re.Pattern[str]] = {
    StatementKind.END: re.compile(rf"\b({_END_VERB}|{_END_PASSIVE}|avveckling|avskaffande|havs)\b"),
    StatementKind.INTRODUCE: re.compile(
        rf"\b({_INTRODUCE_VERB}|inforande\w*|borjar|oppnar|startar|beslut\w*)\b"
    ),
    StatementKind.ACTIVE: re.compile(
        r"\b(finns|har|tillampar|tillampa|tillampas|anvander|anvanda|kan|far|valj|bli)\b"
    ),
}
#: "kan du välja": the choice is the verb, not an earlier "har" ("Om du har hemtjänst ...").
_CHOICE = re.compile(r"\b((kan|far) (du|ni|man)|(du|ni|man) (sjalv )?(kan|far))(?= (\w+ )?valja)")
_NEGATION = re.compile(
    r"\b(inte|ej|aldrig|icke|inget|ingen|nej till|i stallet for att|istallet for att|"
    r"snarare an att|avsta\w* fran att|avstod fran att|utan att)\b"
)
# A clause boundary ends the negation's reach ("..., men inte ...", "inte X utan Y").
_CLAUSE = re.compile(r"\b(men|utan|eftersom|dar|nar|medan|sa att)\b")
_PROPOSAL = r"(motion\w*|forslag\w*|yrkande\w*|krav\w*|medborgarforslag\w*)"
_REJECTED = re.compile(
    rf"\b(avslog|avslogs|avslas|avslagen|avslaget|avslag|rostade ned|rostade ner|rostades ned|"
    rf"rostades ner|rostade nej|foll|fick inte (majoritet|stod|gehor))\b.*{_PROPOSAL}|"
    rf"\b{_PROPOSAL}.*\b(avslogs|avslas|avslogs|rostades (ned|ner)|foll|avslag|avslagen|"
    r"fick inte (majoritet|stod|gehor))\b"
)
#: Modality cues; the one nearest before the verb governs it.
_MODALITY_CUES: tuple[tuple[Modality, re.Pattern[str]], ...] = (
    (
        Modality.DECIDED,
        re.compile(
            r"\b(beslut\w*|fattade beslut|faststallt?e?|antog|antagit|godkande|klubbade|"
            r"har bestamt|bestamde)\b"
        ),
    ),
    (
        Modality.PLANNED,
        re.compile(
            r"\b(planer\w*|plan(en)? ar|avser|avsikt\w*|siktar|siktet|malet ar|forbered\w*|"
            r"arbetar (med|for) att|pa sikt|vill|onskar|ambition\w*|kan komma att|tanken ar|"
            # "Det är ännu inte bestämt när ...": undecided, so at most a plan
            r"(inte|ej) (\w+ )?(bestamt|klart|beslutat|avgjort))\b"
        ),
    ),
    (
        Modality.PROPOSED,
        re.compile(
            r"\b(foresla\w*|foreslog|forslag\w*|utred\w*|undersoka\w*|undersoker|se over|"
            r"oversyn|remiss\w*|overvag\w*|diskuter\w*|ta stallning|fragan om|tas upp)\b"
        ),
    ),
    (
        Modality.DEMANDED,
        re.compile(r"\b(krav\w*|kraver|kravde|begar\w*|yrka\w*|motion\w*|uppmana\w*|vill att)\b"),
    ),
)
_PASSIVE_CUE = re.compile(r"\b(foreslas|utreds|planeras|diskuteras|overvags|kravs)\b")
_PASSIVE_MODALITY = {
    "foreslas": Modality.PROPOSED,
    "utreds": Modality.PROPOSED,
    "diskuteras": Modality.PROPOSED,
    "overvags": Modality.PROPOSED,
    "planeras": Modality.PLANNED,
    "kravs": Modality.DEMANDED,
}
#: A party or the opposition as the one who wants something: a demand, not a plan.
_PARTY = re.compile(
    r"\b(\w*partiet|\w*demokraterna|moderaterna|liberalerna|centern|oppositionen|"
    r"s|m|v|sd|c|l|kd|mp)\b(?= (\w+ ){0,3}(vill|kraver|anser))"
)
_OWN_SUBJECT = re.compile(
    r"\b(vi|kommunen|kommunens|kommunfullmaktige|kommunstyrelsen|\w*namnden|regionen|"
    r"regionfullmaktige|staden|stadens|politikerna|fullmaktige)\b"
)
_OTHER_SUBJECT = re.compile(
    r"\b((flera|manga|andra|ovriga|vissa|nagra|alla|\d+|ett antal|ett fatal|de flesta|hundra"
    r"\w*|halften|tva tredjedelar|majoriteten) (av )?(landets |sveriges |svenska |andra )*"
    r"(kommuner|regioner|kommunerna|regionerna)|"
    r"(andra|ovriga|vissa|manga|flera) kommuner|kommuner som|grannkommun\w*|"
    r"i (hela )?(landet|sverige)|"
    r"(foretaget|utforaren|foretagen|leverantoren)|\w+ (ab|hb|kb))\b"
)
_LAW_SUBJECT = re.compile(
    r"\b(i kraft|borjade galla|riksdagen|regeringen|lagstift\w*|lagandring\w*|"
    r"ar en (lag|frivillig)|lagen (om valfrihetssystem )?(lov )?(ar|ger|reglerar|innebar|trad\w*|"
    r"infordes|borjade|kom|gor)|lov (ar en lag|reglerar|ger kommuner))\b"
)
_CONDITION = re.compile(r"^(om|ifall|nar|i fall) ")
#: The inverted main clause after a condition: "Om du har hemtjänst, kan du välja ...".
_MAIN_CLAUSE = re.compile(r"^(kan|far|ska|maste|bor|har|finns) (du|ni|vi|man|det)\b")
#: Municipalities and regions in general, as the law's addressees ("för kommunerna").
_ANY_MUNICIPALITY = re.compile(r"\b(kommuner|kommunerna|regioner|regionerna|landsting\w*)\b")
_GENERAL_SUBJECT = re.compile(
    rf"^{SYSTEM} (innebar|betyder|bygger pa|syftar|handlar om)\b|"
    r"\bett valfrihetssystem (ar|innebar)\b|\bkommuner och regioner (kan|far)\b"
)
#: "Svalövs kommun", "Göteborgs Stad", "Region Skåne": a named public body (original case).
_NAMED_BODY = re.compile(r"\b([A-ZÅÄÖ][\w-]+?)s? (?:[Kk]ommuns?|[Ss]tads?)\b")
_NOT_NAMES = frozenset(
    {"varje", "en", "var", "denna", "den", "samma", "annan", "er", "din", "hela"}
)


def own_names(url: str, title: str, text: str = "") -> frozenset[str]:
    """Folded words naming the page's own municipality: the words of its address and title,
    and the public body the page names most often ("Krokoms kommun" on Krokom's news)."""
    found = {w for w in re.findall(r"[a-z0-9]+", fold(url)) if len(w) >= 3}
    found |= {w for w in re.findall(r"\w+", fold(title)) if len(w) >= 3}
    named: dict[str, int] = {}
    for match in _NAMED_BODY.finditer(text):
        stem = fold(match.group(1))
        if stem not in _NOT_NAMES and len(stem) >= 3:
            named[stem] = named.get(stem, 0) + 1
    if named:
        found.add(max(named, key=lambda stem: named[stem]))
    return frozenset(found - {"www", "http", "https", "kommun", "html", "aspx", "php"})


def _names_other(sentence: str, names: frozenset[str]) -> bool:
    """Whether the sentence names a municipality that is not the page's own."""
    if not names:
        return False
    for match in _NAMED_BODY.finditer(sentence):
        stem = fold(match.group(1))
        if stem in _NOT_NAMES or len(stem) < 3:
            continue
        if not any(name.startswith(stem) or stem.startswith(name[:5]) for name in names):
            # Named, and neither in the page's address, its title, nor its most named body.
            return True
    return False


def subject_of(sentence: str, folded: str, verb_at: int, names: frozenset[str]) -> Subject:
    """Whose system the claim is about; an own subject before the verb wins over others."""
    before = folded[:verb_at]
    # The subject stands before the verb, or right after it in inverted order ("Sedan 2010
    # har Krokoms kommun haft ...").
    near = " ".join(folded[:verb_at].split() + folded[verb_at:].split()[:4])
    if _GENERAL_SUBJECT.search(folded):
        return Subject.GENERAL
    if _CONDITION.search(folded) and not _MAIN_CLAUSE.search(folded[verb_at:]):
        return Subject.GENERAL  # "Om kommunen inför LOV ...": a condition, not a fact
    if _LAW_SUBJECT.search(folded) and not _OWN_SUBJECT.search(before):
        return Subject.LAW
    other = _OTHER_SUBJECT.search(near)
    own = _OWN_SUBJECT.search(before)
    if other and not (own and own.start() > other.start()):
        return Subject.OTHER
    if _names_other(sentence, names) and not own:
        return Subject.OTHER
    if _ANY_MUNICIPALITY.search(near) and not own:
        return Subject.GENERAL
    return Subject.OWN


def _negated(folded: str, verb_at: int, verb_end: int) -> bool:
    """A negation in the verb's clause: up to six words before it, or right after it."""
    before = folded[:verb_at].split()[-6:]
    window = " ".join(before)
    if (clause := list(_CLAUSE.finditer(window))) != []:
        window = window[clause[-1].end() :]
    after = folded[verb_end:].split()[:1]
    return bool(_NEGATION.search(window)) or bool(
        after and after[0] in ("inte", "ej", "inget", "ingen", "aldrig")
    )


def modality_of(folded: str, verb_at: int) -> Modality:
    """The modality cue nearest before the verb (else anywhere after it), else decided."""
    if _REJECTED.search(folded):
        return Modality.REJECTED
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
    if best[1] is Modality.PLANNED and _PARTY.search(folded[: best[0] + 8]):
        # What a party wants is its demand, not the municipality's plan.
        return Modality.DEMANDED
    return best[1]


def read_claim(sentence: str, folded: str, names: frozenset[str] = frozenset()) -> Claim | None:
    """The claim a sentence makes about a valfrihetssystem, or None when it makes none."""
    if sentence.rstrip().endswith("?"):
        return None  # a question ("Vad är LOV?") asks, it does not state
    for kind, pattern in _KINDS:
        match = pattern.search(folded)
        if match is None:
            continue
        verb_at, verb_end = match.start(), match.end()
        choice = _CHOICE.search(folded, *match.span()) if kind is StatementKind.ACTIVE else None
        locator = _VERBS.get(kind)
        if verb := choice or (locator.search(folded, *match.span()) if locator else None):
            verb_at, verb_end = verb.start(), verb.end()
        modality = modality_of(folded, verb_at)
        negated = _negated(folded, verb_at, verb_end) or (
            bool(re.search(r"\bnej till\b", folded)) and kind is StatementKind.INTRODUCE
        )
        if kind is StatementKind.INTRODUCE and (negated or modality is Modality.REJECTED):
            # Saying no to an introduction, or voting down a proposal of one, is a decision
            # not to introduce.
            kind, modality = StatementKind.NOT_INTRODUCE, Modality.DECIDED
        elif kind is StatementKind.END and negated:
            kind = StatementKind.ACTIVE  # "LOV ska inte avvecklas": it stays
        elif kind is StatementKind.ACTIVE and negated and re.search(SYSTEM, folded):
            kind = StatementKind.NOT_INTRODUCE  # "Kommunen har inte LOV"
        subject = subject_of(sentence, folded, verb_at, names)
        return Claim(kind, subject, modality, _confidence(folded, verb_at, modality), verb_at)
    return None


def _confidence(folded: str, verb_at: int, modality: Modality) -> float:
    """How sure the reading is: a named own subject and a decision verb raise it; a future
    without a decision, or a cue only after the verb, lower it."""
    score = 0.6
    if _OWN_SUBJECT.search(folded[:verb_at]):
        score += 0.15
    if modality is Modality.DECIDED and _MODALITY_CUES[0][1].search(folded):
        score += 0.15
    if re.search(r"\b(ska|kommer att|skulle)\b", folded[:verb_at]) and modality is (
        Modality.DECIDED
    ):
        score -= 0.1
    if re.search(r"\b(\d{4}|i ar|nasta ar)\b", folded):
        score += 0.05
    return round(min(max(score, 0.1), 0.95), 2)
