"""Which services a LOV statement is about, when its sentence does not say it alone.

Categories come from the sentence (brackets only explain: what they name counts only when the
sentence names nothing else), else from the list or table after a sentence that introduces one
("LOV införs inom följande områden:"), else from an earlier sentence of the same paragraph,
else from the nearest heading, else from the page title, else from the page's address.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lovwatch.municipal.blocks import HEADING, ITEM, ROW, Block
from lovwatch.municipal.vocabulary import categories_in

_BRACKETS = re.compile(r"\([^()]*\)")
#: Whom a service goes to: "matdistribution till hemtjänstmottagare" is matdistribution.
_RECIPIENTS = re.compile(r"\b\w+(?:mottagare|tagare)(?:n|na)?\b", re.IGNORECASE)
#: Staff named by profession: "saknar legitimerad personal som sjuksköterskor, fysioterapeuter
#: och arbetsterapeuter" names who works, not a service of the system.
_STAFF = re.compile(
    r"\b(legitimerad|legitimerade)? ?personal (som|såsom|t ex|t\.ex\.|till exempel)\b[^.;]*|"
    # a team's professions: "Andra yrkesgrupper som ingår är sjuksköterska, sjukgymnast ...",
    # "Den kan bestå av läkare, sjuksköterska, sjukgymnast, arbetsterapeut och kurator"
    r"\byrkesgrupp\w*\b[^.;]*|"
    r"\b(består|bestå|bestod) av (en |ett )?(läkare|sjukskötersk\w*|underskötersk\w*|"
    r"fysioterapeut\w*|sjukgymnast\w*|arbetsterapeut\w*|kurator\w*|dietist\w*|psykolog\w*)\b"
    r"[^.;]*",
    re.IGNORECASE,
)


#: What the service is compared with: "ska ersättas av ett system med upphandling, på samma sätt
#: som man idag har för vård- och omsorgsboenden".
_COMPARED = re.compile(
    r"\b(på samma sätt|precis|liksom) som (man |vi )?(idag |i dag |redan )?"
    r"(har|gör|gjort|finns)\b[^.;]*",
    re.IGNORECASE,
)


#: Services a sentence leaves out: "Vårdcentralen Grums, exklusive familjecentral med
#: barnavårdscentral (BVC), mödrahälsovård (MHV) och ungdomsmottagning, ska ...", "Ögonsjukvård
#: ingår inte i vårdvalet".
_EXCLUDED = re.compile(
    r"\b(exklusive|med undantag (för|av)|undantaget)\s(?!moms\b)[^.;:]*?\boch\b[^,.;:]*|"
    r"\b(exklusive|med undantag (för|av)|undantaget)\s(?!moms\b)[^,.;:]*|"
    # "Ögonsjukvård ingår inte i vårdvalet"
    r"^[^,.;:]*\b(ingår|ingick|omfattas|omfattades) (inte|ej) (i|av)\b",
    re.IGNORECASE,
)
#: Psychiatry as the setting of a psychotherapy choice, not a second service: "Om
#: allmänpsykiatrin bedömer att du är lämplig för psykoterapi", "en psykiatrijournal".
_PSYCHIATRY_SETTING = re.compile(r"\w*psykiatri(n|journal\w*)\b", re.IGNORECASE)
_PSYCHIATRY = re.compile(r"\w*psykiatri\w*", re.IGNORECASE)
#: Rehabilitation words, and hearing rehabilitation ("hörselrehabilitering"), which is the
#: hearing care choice, not a second service.
_REHABILITATION = re.compile(r"\w*rehab\w*", re.IGNORECASE)
_HEARING = re.compile(r"hörsel", re.IGNORECASE)
#: Psychotherapy named as such, not only as a method ("KBT", "psykologisk behandling").
_PSYCHOTHERAPY = re.compile(r"psykoterap", re.IGNORECASE)
#: Specialties of specialised care: beside one of them, "specialistvård" is the kind of care
#: it is ("ögonsjukvård ... inom den specialiserade vården"), not a second service.
SPECIALTIES = frozenset(
    {
        "ogonsjukvard",
        "hudsjukvard",
        "oron_nasa_hals",
        "gynekologi",
        "ortopedi",
        "geriatrik",
        "psykiatri",
        "psykoterapi",
        "forlossningsvard",
        "horsel",
    }
)


def sentence_categories(sentence: str) -> tuple[str, ...]:
    """The categories a sentence names; what it names only inside brackets explains a word
    ("delegerad hemsjukvård (utförs efter delegering från arbetsterapeut)"), and a service
    that names its recipients ("hemtjänstmottagare") is not theirs; either counts only when the
    sentence names nothing else. What it leaves out ("exklusive BVC") is not named, nor are
    the professions of its staff ("personal som sjuksköterskor, fysioterapeuter", "teamet
    består av läkare, sjuksköterska och sjukgymnast"), nor what it is compared with ("på samma
    sätt som man idag har för vård- och omsorgsboenden")."""
    sentence = _COMPARED.sub(" ", _STAFF.sub(" ", _EXCLUDED.sub(" ", sentence)))
    plain = _BRACKETS.sub(" ", sentence)
    found = (
        categories_in(_RECIPIENTS.sub(" ", plain))
        or categories_in(plain)
        or categories_in(sentence)
    )
    return _one_service(found, sentence)


def _one_service(codes: tuple[str, ...], sentence: str) -> tuple[str, ...]:
    """`codes` less what only frames the other service the sentence names: psychiatry as the
    place a psychotherapy choice belongs to, a therapy method ("KBT") that primary care offers,
    the rehabilitation in "hörselrehabilitering", and specialised care beside its
    specialty."""
    dropped: set[str] = set()
    if "specialiserad_oppenvard" in codes and SPECIALTIES.intersection(codes):
        dropped.add("specialiserad_oppenvard")
    if "psykoterapi" in codes and "psykiatri" in codes:
        settings = len(_PSYCHIATRY_SETTING.findall(sentence))
        if settings and settings == len(_PSYCHIATRY.findall(sentence)):
            dropped.add("psykiatri")
    if "psykoterapi" in codes and "primarvard" in codes and not _PSYCHOTHERAPY.search(sentence):
        dropped.add("psykoterapi")
    rehab = _REHABILITATION.findall(sentence)
    if "horsel" in codes and rehab and all(_HEARING.match(word) for word in rehab):
        dropped.add("rehabilitering")  # "grundläggande hörselrehabilitering" is hearing care
    return tuple(code for code in codes if code not in dropped)


def earlier_categories(earlier: list[str]) -> tuple[str, ...]:
    """The categories of the nearest earlier sentence of the same paragraph that names any:
    "LOV infördes inom hemtjänsten 2010. Valfrihetssystemet har blivit en succé." A category
    the whole paragraph rules out stays out: "ickeval" after a sentence about hemtjänst is
    hemtjänst's own provider, not personlig assistans."""
    paragraph = set(categories_in(" ".join(earlier)))
    for sentence in reversed(earlier):
        if found := tuple(code for code in sentence_categories(sentence) if code in paragraph):
            return found
    return ()


def following_categories(blocks: list[Block], index: int) -> tuple[str, ...]:
    """Categories named by the list items or table rows right after block `index`."""
    codes: list[str] = []
    for block in blocks[index + 1 :]:
        if block.kind not in (ITEM, ROW):
            break
        codes += [code for code in categories_in(block.text.split("\t")[0]) if code not in codes]
    return tuple(codes)


def context_categories(
    blocks: list[Block], index: int, title: str, url: str = ""
) -> tuple[tuple[str, ...], str]:
    """Categories of the nearest preceding heading that names one, else of the title, else of
    the page address's path (".../vardval/primarvardsrehabilitering/"): sites file a page
    under its service."""
    for block in reversed(blocks[:index]):
        if block.kind == HEADING and (found := categories_in(block.text)):
            return found, "heading"
    if found := categories_in(title):
        return found, "title"
    path = urlsplit(url).path
    if found := categories_in(" ".join(re.findall(r"[^\W\d_]+", path))):
        return found, "address"
    # A page about one service throughout: "Attendo säger upp avtal" about hemtjänst.
    whole = categories_in(" ".join(block.text for block in blocks))
    return (whole, "page") if len(whole) == 1 else ((), "address")
