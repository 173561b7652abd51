"""Providers named outside lists: in running text, in their own presentations, and in the
link labels of a provider list ("Länk till sida med presentation av Främja").

Running text names a provider by its company form ("Omsorgshuset i Norr AB"), as one of an
enumeration ("X AB, Y HB samt Z AB"), or as the party of an agreement the authority made
("Socialnämnden har beslutat att teckna avtal med Hallands carecenter"), which needs no
company form. Companies that leave, are refused or are gone are not approved providers.
"""

from __future__ import annotations

import re

from lovwatch.municipal.blocks import HEADING, ITEM, PARA, ROW, Page
from lovwatch.municipal.companies import (
    NOT_NAME_START,
    chosen_names,
    company_form,
    counted_names,
    enumerated_names,
    is_own_unit,
    named_after_count,
    names_in_text,
    role_names,
)
from lovwatch.municipal.numbers import org_number_in
from lovwatch.municipal.provider_items import Provider, provider_from_item
from lovwatch.municipal.statements import sentences
from lovwatch.municipal.subjects import SYSTEM, is_place
from lovwatch.municipal.vocabulary import AWARD, LOV_TERMS, PROCUREMENT, categories_in, fold_words

_NEWS_CUE = re.compile(
    r"\b(nya? \w*(foretag|utforare|leverantorer?|anordnare)|"
    r"(har|blivit|blev) godkan\w*|(foretag\w*|utforare) som (har )?godkan\w*|foretaget)\b"
)
#: A sentence about providers: who runs the service, who is approved.
_PROVIDER_CONTEXT = re.compile(
    # "240 brukare har valt HS Städservice AB": a company the users choose
    r"\b(godkan\w*|auktoriser\w*|valbar\w*|tecknat avtal|avtal med|(har|hade) valt(?! att)|"
    # "Nu har det första privata boendet etablerat sig här, Frösunda Omsorg"
    r"etablerat sig|etablerade sig|"
    r"(privat|privata|extern|externa|ny|nya|annan|andra|enda) \w*(utforare|foretag|leverantor\w*|"
    r"anordnare|aktor\w*|bolag\w*|vardcentral\w*|halsocentral\w*)|"
    r"kvar|tar over|tog over|tagit over|overlat\w* till|overlamnas till|"
    # "Privata Norrköpings Ögonklinik AB svarar för en tredjedel av ögonsjukvården"
    r"^(den |det )?privata?|"
    # "Vårdcentralen, som i dag drivs av Hälsopraktiken AB, tas över av Capio"
    r"(drivs|drevs)( \w+){0,3} av|(tas|togs) over av|"
    # "där både kommunen och Attendo är verksamma väljer du själv vilken hemtjänstutförare"
    r"valjer (du|ni) (sjalv |sjalva )?(\w+ ){0,2}\w*(utforare|leverantor|anordnare)\w*)\b"
)
#: A company running a service: a provider on a page that speaks of a choice, a contractor on
#: one that never does ("Bräcke diakoni driver daglig verksamhet i Lerum"); "I Kronoberg äger
#: Carema vårdcentralen Hovshaga i Växjö".
_RUNS_SERVICE = re.compile(
    r"\b(driver|bedriver|utfor|ager|agde) (\w+ ){0,3}"
    r"(hemtjanst|verksamhet\w*|ledsagning|avlosning|boende\w*|daglig|vardcentral\w*|"
    r"halsocentral\w*)\b"
)
#: A sentence about how to apply or where to read: tools and vendors, not providers.
_PROCESS = re.compile(
    r"\b(via|verktyg\w*|(?<!lov )system\w*|plattform\w*|annonsdatabas\w*|ansok\w*|registrer\w*|"
    r"programvara|e tjanst\w*|upphandlingsverktyg\w*|tillhandahall\w*)\b"
)
#: A company struck off, or whose agreement is ended or its approval withdrawn.
_REMOVED = (
    r"strukn\w*|struken|strukits|strukit|stangts av|stangs av|stangdes av|avstang\w*|"
    r"hav(a|de|des|er|s|t|ts) (\w+ ){0,3}(avtal\w*|godkannande\w*)|aterkall\w*|"
    # "Medihead AB fick avtalet hävt", "beslutade att avbryta samarbetet med företaget"
    r"(avtal\w*|godkannande\w*) (\w+ ){0,2}hav(a|de|des|er|s|t|ts)|"
    r"avbryt\w* (\w+ ){0,2}samarbete\w*|"
    r"uteslut\w*|uppsagning\w*|"
    # "Regionen säger upp avtalen", "X AB, Y och Z AB förlorar sina avtal"
    r"sag(a|er|s|ts|t) upp (\w+ ){0,2}avtal\w*|forlor\w* (\w+ ){0,2}(avtal\w*|godkannande\w*)"
)
#: A company that leaves, is refused or is gone is not an approved provider.
_NOT_APPROVED = re.compile(
    r"\b((inte|ej) (har |blivit |blir |fatt )?(godkan\w*|auktoriser\w*)|avslag\w*|avslog\w*|"
    r"(inte|ej) (langre )?(ett |en )?valbar\w*|"
    r"nekats|nekades|sagt upp|sade upp|lamna\w*|lamnat|konkurs|upphor\w*|avslutat|slutat|"
    # "Vårdcentralen Kvarnen, som drivs av Praktikertjänst, stänger den 31 mars"
    r"stang(er|s|de|des|t|ts|a)|"
    # "Avtalet mellan kommunen och Attendo ... ska brytas", "lägga ner hemtjänsten"
    r"bryt\w*|brot|brots|lagg\w* ner|lade ner|"
    # "har ansökt om att bli godkända inom LOV": applied, not approved yet
    r"(ansokt|ansoker|sokt|soker) om att (bli|fa)|"
    rf"inte langre|tidigare utforare|{_REMOVED})\b"
)
#: An approval still to come: "Landstinget ska nu titta på om Capio lever upp till kraven",
#: "går över till Capio, om Konkurrensverket godkänner köpet".
_PENDING = re.compile(
    r"\b(om|huruvida) (\w+ ){0,3}(lever upp till|uppfyller|klarar) (\w+ ){0,2}(krav|villkor)\w*|"
    r"\bom (\w+ ){0,2}(godkanner|godkanns|godkants|godtar|sager ja till)\b"
)
#: The authority's own choice ("När ett avtal löper ut kan kommunen välja mellan att lägga ut
#: verksamheten på ny upphandling eller ..."), no choice of residents.
_AUTHORITY_CHOOSES = re.compile(
    r"\b(kan|ska|far|maste) (kommunen|regionen|namnden)( \w+)? valja\b|"
    r"\b(kommunen|regionen|namnden|socialnamnden)( \w+){0,2} (valja|valjer|valt|valde)\b"
)
#: A page about companies being removed: the companies its running text names are those.
_REMOVAL_LEAD = re.compile(rf"\b({_REMOVED})\b")
#: Choosing or approving providers; a page about a procurement that never speaks of it names
#: contractors (LOU), not providers one can choose.
_CHOICE = re.compile(r"\b(godkan\w*|valbar\w*|valja|valjer|valt|valde|auktoriser\w*)\b")
_SELF_PRESENTATION = re.compile(r"^vi (ar|har blivit) godkanda\b")
#: A site's own headings above its presentation ("Om oss", "Välkommen till oss"): no name.
_SITE_HEADING = re.compile(
    r"^(om (oss|foretaget|mottagningen|kliniken|verksamheten)|valkommen( till oss)?|"
    r"vilka ar vi|var verksamhet|verksamheten|kontakt\w*( oss)?|startsida|hem|information)$"
)
_CLAUSES = re.compile(r"\s+(?:och|men|medan|eftersom|samtidigt som)\s+|;\s*")


def _leaves(sentence: str, name: str) -> bool:
    """Whether the sentence says the company leaves, is refused or is gone: in the clause that
    names it or after it ("X AB har ansökt men inte godkänts"), not in an earlier clause
    about other companies ("Två företag har lämnat och nu finns bara X AB kvar")."""
    at = sentence.find(name)
    start = 0
    for boundary in _CLAUSES.finditer(sentence[: max(at, 0)]):
        start = boundary.end()
    return bool(_NOT_APPROVED.search(fold_words(sentence[start:])))


def _heading_categories(page: Page, index: int) -> tuple[str, ...]:
    for block in reversed(page.blocks[:index]):
        if block.kind == HEADING and (found := categories_in(block.text)):
            return found
    return categories_in(page.title)


def _sentence_categories(page: Page, index: int, sentence: str) -> tuple[str, ...]:
    """The categories of a sentence naming a provider: its own, its paragraph's, else the
    nearest heading's or the title's."""
    return (
        categories_in(sentence)
        or categories_in(page.blocks[index].text)
        or _heading_categories(page, index)
    )


def in_text(page: Page) -> list[Provider]:
    """Companies named in running text: an enumeration after a news cue (or of two or more),
    or a company-form name in a sentence about providers. None on a page about a procurement
    that never speaks of LOV nor of choosing or approving providers (or that tells of its
    award, whatever it says of choosing), nor on one whose lead is about companies being
    struck off."""
    text = fold_words(page.text)
    residents_choose = _CHOICE.search(_AUTHORITY_CHOOSES.sub(" ", text))
    about_choice = bool(LOV_TERMS.search(text))
    if (
        PROCUREMENT.search(text)
        and not about_choice
        and not (residents_choose and not AWARD.search(text))
    ):
        return []
    lead = next((block for block in page.blocks if block.kind == PARA), None)
    if lead is not None and _REMOVAL_LEAD.search(fold_words(lead.text)):
        return []
    found = []
    for index, block in enumerate(page.blocks):
        if block.kind == ROW:
            continue
        previous = previous_folded = ""
        for sentence in sentences(block.text):
            folded_before, folded = previous_folded, fold_words(sentence)
            # The reading that finds the most names: a list whose last name has no company
            # form ("Attendo, Vardaga och Hemtjänst Norr") is whole only to some of them.
            names = max(
                (
                    enumerated_names(sentence),
                    counted_names(sentence),
                    role_names(sentence),
                    chosen_names(sentence),
                    named_after_count(previous, sentence),
                ),
                key=len,
            )
            if len(names) == 1:
                names = [(_whole_name(names[0][0], sentence), names[0][1])]
            previous, previous_folded = sentence, folded
            if _PENDING.search(folded):
                continue  # named while its approval is still to come
            if _NOT_APPROVED.search(folded):
                names = []  # an enumeration of companies that leave or were refused
            if (
                names
                and (_NEWS_CUE.search(folded) or len(names) >= 2)
                and not _VENDOR.search(folded)
            ):
                categories = _sentence_categories(page, index, sentence)
                found += [_named(name, piece, categories) for name, piece in names]
                continue
            agreed = (
                _agreed_with(sentence)
                or _approved_subject(sentence)
                or _approved_object(sentence)
                or (_opening_unit(sentence) if about_choice else None)
                or (_running_unit(sentence) if about_choice else None)
                or _private_unit(sentence, about_choice)
                or (_among_providers(sentence) if about_choice else None)
                or _introduced_company(sentence, _with_previous(page, index))
                or _approved_application(sentence)
                or _named_after_approval(folded_before, sentence)
            )
            if agreed and not _leaves(sentence, agreed) and not _VENDOR.search(folded):
                categories = _sentence_categories(page, index, sentence)
                found += [
                    Provider(name, None, False, categories, None, "text")
                    for name in _each_name(agreed)
                ]
                continue
            context = _PROVIDER_CONTEXT.search(folded) or (
                (about_choice or residents_choose) and _RUNS_SERVICE.search(folded)
            )
            if block.kind in (PARA, ITEM) and context and not _PROCESS.search(folded):
                for name, form in names_in_text(sentence):
                    if not _leaves(sentence, name):
                        categories = _sentence_categories(page, index, sentence)
                        found.append(Provider(name, None, False, categories, form, "text"))
    leaving = _leaving_companies(page)
    return [
        provider
        for provider in found
        if not _procured(page, provider.name)
        and fold_words(provider.name).split()[0] not in leaving
    ]


#: A company that opens a sentence (or its "Att ..." clause) and leaves in it: "Attendo Sverige
#: AB slutar som utförare i Hallstavik", "Att Attendo nu lämnar en zon".
_OPENING_COMPANY = re.compile(r"^[-–— ]*(?:Att |Nu )?(?P<name>[A-ZÅÄÖ][\w&-]+)")
_STOPS_AS = re.compile(r"\bslutar (som|att vara) (utforare|leverantor|vardgivare|anordnare)\b")
#: Leaving, but not handing something in ("lämnar in en ansökan") or over.
_LEAVING_VERB = re.compile(r"\b(lamnar|lamnade)\b(?! (in|over|ut)\b)")


#: The authority taking over a company's business: "Kommunen tar över Humana", "Laholms kommun
#: tar över driften från Humana".
_TAKES_OVER_FROM = re.compile(
    r"\b(?:[Kk]ommunen|[Rr]egionen|[Ss]taden|\w+ kommun|Region \w+) (?:har )?(?:också )?"
    r"(?:tar|tog|tagit) (?:över|tillbaka) (?:\w+ )?(?:från |efter (?:att )?)?"
    r"(?P<name>[A-ZÅÄÖ][\w&-]+)"
)


#: A company that would not go on: "efter att Attendo inte ville fortsätta".
_WILL_NOT_GO_ON = re.compile(
    r"\b(?P<name>[A-ZÅÄÖ][\w&-]+) (?:inte ville|inte vill|valde att inte|har valt att inte) "
    r"(?:fortsätta|förlänga)\b"
)


def _leaving_companies(page: Page) -> set[str]:
    """The first words (folded) of companies the page says leave: named later on the same page
    ("Attendo kommer att ha kvar sitt kontor i andra zoner"), they are not approved ones."""
    leaving = set()
    lines = [page.title, *(block.text for block in page.blocks)]
    for sentence in (sentence for line in lines for sentence in sentences(line)):
        folded = fold_words(sentence)
        opening = _OPENING_COMPANY.match(sentence)
        if opening and (_STOPS_AS.search(folded) or _LEAVING_VERB.search(folded)):
            word = fold_words(opening.group("name"))
            if word not in NOT_NAME_START and not _NOT_A_NAME.fullmatch(word):
                leaving.add(word)
        for gone in (_TAKES_OVER_FROM.search(sentence), _WILL_NOT_GO_ON.search(sentence)):
            if gone is not None:
                leaving.add(fold_words(gone.group("name")).split()[0])
    return leaving


def _whole_name(name: str, sentence: str) -> str:
    """The company name a lone piece of an enumeration belongs to: split at "och", "Svea Vård
    och Omsorg AB" left only "Omsorg AB" (capitalised words before the "och", nothing else)."""
    for whole, _ in names_in_text(sentence):
        head = whole.removesuffix(f" {name}").split()
        if head and head[-1] in ("och", "&") and all(word[0].isupper() for word in head[:-1]):
            return whole
    return name


def _procured(page: Page, name: str) -> bool:
    """Whether the page names the company as a contractor of a procurement (LOU): "den
    upphandlade privata aktören Eveo AB", "Eveo AB som vunnit upphandlingen". A sentence that
    also speaks of LOV may be about both, so it does not count."""
    form = company_form(name)
    base = name[: -len(form)].strip() if form and name.endswith(form) else name
    named = re.compile(rf"(?<!\w){re.escape(base)}(?!\w)")
    return any(
        named.search(sentence)
        and PROCUREMENT.search(folded := fold_words(sentence))
        and not LOV_TERMS.search(folded)
        for sentence in sentences(page.text)
    )


def _named(name: str, piece: str, categories: tuple[str, ...]) -> Provider:
    """A provider an enumeration names, with the org number its piece shows."""
    org = org_number_in(piece)
    return Provider(name, org, is_own_unit(name, org), categories, company_form(name), "text")


def presenting_themselves(page: Page) -> list[Provider]:
    """A heading followed by "Vi är godkända av ... kommun att utföra hemtjänst": the heading
    names a provider presenting itself (company presentations on a kundval page)."""
    found = []
    for heading, following in zip(page.blocks, page.blocks[1:], strict=False):
        folded = fold_words(following.text)
        if (
            heading.kind == HEADING
            and _SELF_PRESENTATION.search(folded)
            and not _SITE_HEADING.match(fold_words(heading.text))
        ):
            provider = provider_from_item(
                heading.text, categories_in(following.text), source="presentation"
            )
            if provider is not None and not provider.own_unit:
                found.append(provider)
    return found


#: The authority's agreement with a provider: "teckna avtal med", "har tecknat avtal med".
_AGREEMENT = re.compile(
    r"\b(?:tecknat|teckna|tecknar|tecknade|ingått|ingå|slutit|sluta) (?:ett )?(?:nytt )?"
    r"(?:avtal|kontrakt) med ([A-ZÅÄÖ][\w&-]*(?: (?:[A-ZÅÄÖ][\w&-]*|[a-zåäö][\w-]*)){0,4})"
)
#: A public body, not a provider (folded): "Region Halland", "kommunen", "Socialnämnden som
#: godkände ansökan ...".
_PUBLIC_BODY = re.compile(
    r"\b(kommun\w*|region\w*|stad\w*|landsting\w*|\w*namnd\w*|\w*styrelse\w*|"
    # "Västra Götalandsregionen"
    r"\w*forvaltning\w*|\w+regionen)\b"
)
#: "En av de nya aktörerna är X", "Den nya utföraren heter X": a new provider, by name.
_ONE_OF_THE_NEW = re.compile(
    r"\b(?:[Ee](?:n|tt) av de (?:nya|nytillkomna|godkända) (?:privata )?"
    r"(?:aktörerna|företagen|utförarna|leverantörerna|vårdgivarna|bolagen) (?:är|blir)|"
    r"[Dd](?:en|et) nya (?:privata )?(?:utföraren|företaget|leverantören|aktören|vårdgivaren) "
    r"(?:heter|är)) "
    r"([A-ZÅÄÖ][\w&-]*(?: (?:[A-ZÅÄÖ][\w&-]*|[a-zåäö][\w-]*)){0,4})"
)
#: An agreement about tools, systems or premises is with a vendor, not a provider.
_VENDOR = re.compile(
    r"\b(via|verktyg\w*|journalsystem\w*|verksamhetssystem\w*|it system\w*|plattform\w*|"
    r"programvar\w*|licens\w*|lokal|lokaler|lokalen|lokalerna|hyra\w*|konsult\w*|leverans av|"
    # "har socialförvaltningen samarbetat med företaget 2Learn AB": a consultant
    r"samarbeta\w*|"
    r"inkop av|"
    r"upphandlingsverktyg\w*|\w*informationsstod\w*|\w*informationssystem\w*)\b"
)
#: Words that end a name read forwards: the sentence goes on.
_AFTER_NAME = frozenset(
    "som om och för från till att i på med inom under enligt har är kommer ska kan vilket".split()
)


def _agreed_with(sentence: str) -> str | None:
    """The provider an agreement is made with, read forwards from "avtal med": capitalised
    start, up to five words, ending before the sentence goes on ("som", "från", ...); a
    public body ("Region Halland", "kommunen") is not a provider. So is the one a sentence
    says is one of the new providers ("En av de nya aktörerna är Premicare Primärvård och
    ...")."""
    match = _AGREEMENT.search(sentence) or _ONE_OF_THE_NEW.search(sentence)
    return None if match is None else _name_forward(match.group(1))


def _name_forward(text: str) -> str | None:
    """The name `text` opens with, read forwards: up to five words, ending before the sentence
    goes on ("som", "från", ...) or at punctuation; a public body ("Region Halland",
    "kommunen") or a sentence word ("Nya ...") is no provider's name."""
    words: list[str] = []
    for word in text.split():
        if word.lower() in _AFTER_NAME:
            break
        words.append(word.strip(",.;:"))
        if word.endswith((",", ".", ";", ":")):
            break
    name = " ".join(words)
    if not name or _PUBLIC_BODY.search(fold_words(name)) or words[0].lower() in NOT_NAME_START:
        return None
    return name


#: A provider list's link label: "Länk till sida med presentation av Främja".
_PRESENTATION_LINK = re.compile(
    r"^(?:Länk till (?:sida|webbplats) (?:med|om) )?[Pp]resentation av (?P<name>[A-ZÅÄÖ0-9].*)$"
)


def presentation_links(page: Page, after: int) -> list[Provider]:
    """Providers named by the link labels of their presentations, below a provider cue at
    block `after`; the short descriptions between them do not end the list."""
    found = []
    for index in range(after + 1, len(page.blocks)):
        block = page.blocks[index]
        match = _PRESENTATION_LINK.match(block.text.strip())
        if match is None:
            continue
        categories = _heading_categories(page, index)
        name = " ".join(match.group("name").split()).rstrip(".")
        if provider := provider_from_item(name, categories, source="presentation"):
            if not provider.own_unit:
                found.append(provider)
    return found


#: A provider approved, as the sentence's subject: "Fjällsippans omsorg har godkänts som
#: utförare inom hemtjänsten", "Norrviks Vård AB godkändes av regionen i september" (read up
#: to the verb).
_APPROVED_SUBJECT = re.compile(
    r"^(?P<name>[A-ZÅÄÖ][\w&-]*(?: (?!har\b|nu\b|blivit\b|är\b)[\w&-]+){0,4}) "
    r"(?:har |är )?(?:nu )?(?:sedan \d{4} )?(?:blivit )?"
    # "Hemtjänst Norr är sedan 2012 godkänd utförare inom kundvalet", "Ögonkliniken Syn &
    # Hälsa är auktoriserad inom Vårdval Stockholm"
    r"(?:(?:godkänts|godkänd|godkända|godkändes|auktoriserad|auktoriserade|auktoriserats) "
    r"(?P<by>som|att|för|inom|av|i)\b|"
    # (the role after "är", not the attribute of a plural: "Endast godkända utförare får")
    r"(?:(?<=är )|(?<=\d{4} ))(?:godkänd|auktoriserad) (?:utförare|leverantör|vårdgivare|"
    r"anordnare)\b|"
    # "Memira Ögonklinik vid Globen arbetar på uppdrag av Stockholms läns landsting"
    r"(?:arbetar|verkar) på uppdrag av (?:[Rr]egion\w*|[Ll]andsting\w*|\w+ läns landsting)|"
    # "Lunda Fysio är ansluten till Vårdval Norrvik"
    r"(?:ansluten|anslutna) till (?:LOV|[Vv]årdval|[Hh]älsoval|[Kk]undval|valfrihetssystem)|"
    # "Omsorgsgruppen Norr har fått sin ansökan godkänd", "Vardaga har beviljats ansökan om
    # att bli utförare"
    r"(?:fått|fick) (?:sin |sina )?ansökan (?:om \w+ )?(?:godkänd|beviljad)\b|"
    # "Humanresurs AB har fått godkänt på sin ansökan att driva vårdcentral"
    r"(?:fått|fick) godkänt "
    r"(?:(?:på|för) (?:sin |sina )?ansökan|att (?:driva|starta|bedriva|bli))\b|"
    r"(?:beviljats|beviljades) (?:sin )?ansökan om att bli (?:\w+ )?(?:utförare|leverantör)\b)"
)
#: Words that make the subject something else than a provider's name.
_NOT_A_NAME = re.compile(
    r"\b(foretaget|foretagen|foretag|utforaren|utforarna|utforare|foljande|leverantor\w*|"
    r"anordnare\w*|kommun\w*|"
    r"region\w*|ansokan|ni|du|vi|de|alla|som|ett|en|nya?|tva|tre|fyra|fem|for|att|bli|om|"
    r"nar|innan|efter|det|den|dessa|denna|sa|kan|ska|maste|vill|hur|vem|vilka)\b"
)


#: A company introduced by its kind: "företaget PHC Resurs", "Ytterligare en privat
#: hälsocentral, Offerdals Hälsocentral i Änge, har fått godkänt" (where it stands is not part
#: of the name there), "finns ytterligare en utförare inom hemtjänsten, Omsorgsgruppen".
_INTRODUCED_COMPANY = re.compile(
    # "företaget PHC Resurs", "Bolaget Hemomsorg Norr", "omsorgsföretaget Trygga Händer" (but
    # "Omsorgsbolaget Norr AB" is a name)
    r"\b(?:[Ff]öretaget|[Bb]olaget|[Ff]irman|[a-zåäö]+(?:företaget|bolaget)) "
    r"(?P<name>[A-ZÅÄÖ][\w-]*(?: (?:[A-ZÅÄÖ][\w-]*|i|och|&))*)|"
    # "Det innebar att företagen Alminia och Inspirera kunde slå sig in på marknaden"
    r"\b[Ff]öretagen (?P<plural>[A-ZÅÄÖ][\w-]*(?: [A-ZÅÄÖ][\w-]*)*(?:(?:, | och )[A-ZÅÄÖ][\w-]*"
    r"(?: [A-ZÅÄÖ][\w-]*)*)+)|"
    r"\bprivat (?:hälsocentral|vårdcentral|utförare|aktör|vårdgivare)\w*, "
    r"(?P<apposed>[A-ZÅÄÖ][\w-]*(?: (?:[A-ZÅÄÖ][\w-]*|och|&))*)|"
    # a provider by its role needs no word of approval around it
    r"\b(?:ytterligare en|en ny) (?:privat )?(?:utförare|vårdgivare)(?: (?:inom|i) [\w-]+)?, "
    r"(?P<role>[A-ZÅÄÖ][\w-]*(?: (?:[A-ZÅÄÖ][\w-]*|i|och|&))*)"
)
#: ... named where the paragraph says it was approved: "godkänt en ansökan", "klartecken", or
#: where its sentence says it runs a service under the system.
_APPROVAL = re.compile(r"\b(godkan\w*|klartecken|auktoris\w*)\b")
_RUNS = re.compile(
    r"\b(bedriva|bedriver|driva|driver|utfora|utfor|startar|starta|erbjuda|erbjuder|tillstand)\b"
)


def _with_previous(page: Page, index: int) -> str:
    """Block `index`'s text with the block before it (a news item's lead, then its detail)."""
    return " ".join(block.text for block in page.blocks[max(index - 1, 0) : index + 1])


def _introduced_company(sentence: str, paragraph: str) -> str | None:
    """A company the sentence introduces by its kind, where the text around it speaks of its
    approval."""
    match = _INTRODUCED_COMPANY.search(sentence)
    if match is None:
        return None
    folded = fold_words(paragraph)
    in_sentence = fold_words(sentence)
    if not (
        match.group("role")
        or _APPROVAL.search(folded)
        or (match.group("plural") and LOV_TERMS.search(folded))
        # "Bolaget X har fått tillstånd att bedriva hemtjänst enligt LOV"
        or (match.group("name") and LOV_TERMS.search(in_sentence) and _RUNS.search(in_sentence))
    ):
        return None
    name = re.sub(
        r" (i|och|&)$",
        "",
        match.group("name")
        or match.group("plural")
        or match.group("apposed")
        or match.group("role"),
    )
    if _PUBLIC_BODY.search(fold_words(name)) or name.split()[0].lower() in NOT_NAME_START:
        return None
    return name


#: "En tredje privat aktör inom hemtjänsten har godkänts av socialnämnden.": a provider
#: announced, to be named in the next sentence.
_APPROVED_UNNAMED = re.compile(
    r"\b(en|ett) (\w+ ){0,3}(aktor|utforare|foretag|leverantor|anordnare)\w*( \w+){0,4} "
    r"(har )?(godkants|blivit godkand|godkandes)\b"
)
#: The name opening the sentence after it: "ASF Hemtjänst & hemservice som utgår från Borås".
_NAME_OPENING = re.compile(
    r"(?P<name>[A-ZÅÄÖ0-9][\w&.'-]*(?: [\w&.'-]+){0,5}?) (?:som|har|är|kommer|startar|börjar)\b"
)


def _named_after_approval(folded_previous: str, sentence: str) -> str | None:
    """The provider a sentence names first, right after one that says an unnamed provider was
    approved (`folded_previous`, folded): "En tredje privat aktör har godkänts av
    socialnämnden. ASF Hemtjänst & hemservice som utgår från Borås kommer att kunna ta uppdrag
    ..."."""
    if not _APPROVED_UNNAMED.search(folded_previous):
        return None
    match = _NAME_OPENING.match(sentence.strip())
    if match is None or match.group("name").split()[0].lower() in NOT_NAME_START:
        return None
    name = match.group("name")
    return None if _PUBLIC_BODY.search(fold_words(name)) else name


#: A provider the sentence's subject approves, or one may choose: "Kommunen har godkänt
#: Stjärnsund Omsorg som ny utförare av hemtjänst", "kan du även välja Hemtjänst i Väst som
#: utförare".
_APPROVED_OBJECT = re.compile(
    r"\b(?:godk(?:änt|ände|änner)|välja) (?P<name>[A-ZÅÄÖ0-9][\w&.'-]*(?: [\w&.'-]+){0,5}?) som "
    r"(?:\w+ ){0,2}(?:\w*utförare|leverantör|\w*vårdgivare|anordnare|aktör)\b"
)


def _approved_object(sentence: str) -> str | None:
    """The provider a sentence says someone approved or one may choose, by name."""
    match = _APPROVED_OBJECT.search(sentence)
    if match is None:
        return None
    name = match.group("name")
    folded = fold_words(name)
    if _PUBLIC_BODY.search(folded) or (_NOT_A_NAME.search(folded) and not company_form(name)):
        return None  # "godkänt ansökan som ...", "godkände kommunen som utförare"
    if is_own_unit(name, None) or PROCUREMENT.search(fold_words(sentence)):
        return None  # "välja Egen regi som utförare"; a contractor chosen by tender (LOU)
    return name


#: A company that opens a unit, on a page about a choice system: "I Lund startar Hälsoringen en
#: ny vårdcentral som ingår i Hälsovalet", "i Halmstad startar Capio från den 1 oktober",
#: "Praktikertjänst öppnar en ny hälsocentral".
_UNIT = r"(?:vårdcentral|hälsocentral|mottagning|barnavårdscentral|rehabmottagning|klinik)"
_OPENS_UNIT = re.compile(
    rf"\b(?:startar|öppnar|startade|öppnade) (?P<after>[A-ZÅÄÖ][\w&-]*(?: [A-ZÅÄÖ][\w&-]*)?) "
    rf"(?:en |sin |sitt |ytterligare )?(?:ny |nya |egen |fysisk )?(?:{_UNIT}|från|den|i|på)\b|"
    rf"(?:^|, |\. )(?P<before>[A-ZÅÄÖ][\w&-]*(?: [A-ZÅÄÖ][\w&-]*)?) (?:startar|öppnar|startade|"
    rf"öppnade) (?:en |sin |sitt |ytterligare en )?(?:ny |nya |egen |fysisk )?{_UNIT}|"
    # "Det är Capio som har aviserat att de vill öppna en vårdcentral i Hallstahammar"
    rf"\b[Dd]et är (?P<cleft>[A-ZÅÄÖ][\w&-]*(?:\.se)?(?: [A-ZÅÄÖ][\w&-]*)?) som (?:\w+ ){{0,5}}?"
    rf"(?:starta|öppna)r? (?:en |sin |sitt |ytterligare en )?(?:ny |nya |egen )?{_UNIT}"
)


#: A unit run by a named company: "Vårdcentralen drivs sedan 2015 av Nordic Medical Group",
#: "vårdboendet ska drivas av Vardaga"; not one run under a contract ("drivs på entreprenad
#: av").
_RUN_BY = re.compile(
    rf"\b(?i:{_UNIT}|\w*boende|hemtjänst|daglig verksamhet)\w*"
    r"(?: [A-ZÅÄÖ][\w-]*){0,3}(?:,? som)? "
    r"(?:i dag |idag |nu |sedan \d{4} )?(?:drivs|drevs|ska drivas|kommer att drivas) "
    r"(?:i dag |idag |nu |sedan \d{4} )?av "
    r"([A-ZÅÄÖ][\w&.-]*(?: (?:[A-ZÅÄÖ][\w&-]*|[a-zåäö][\w-]*)){0,4})"
)


def _running_unit(sentence: str) -> str | None:
    """The company a sentence says runs a care unit (on a page about a choice system)."""
    match = _RUN_BY.search(sentence)
    return None if match is None else _name_forward(match.group(1))


#: A unit called private, by its name: "den privata vårdcentralen Norrahamn i Luleå",
#: "privata Sidsjö vårdcentral".
_PRIVATE_UNIT = re.compile(
    r"\b(?:[Dd]en |[Ee]n )?privata (?P<unit>vårdcentralen|hälsocentralen|husläkarmottagningen|"
    r"familjeläkarmottagningen),? (?P<name>[A-ZÅÄÖ][\w&-]*(?: [A-ZÅÄÖ][\w&-]*){0,3})|"
    r"\b[Pp]rivata (?P<named>[A-ZÅÄÖ][\w&-]*(?: [A-ZÅÄÖ][\w&-]*)? (?:vårdcentral|"
    r"hälsocentral))\b"
)


def _private_unit(sentence: str, about_choice: bool) -> str | None:
    """The care unit a sentence calls private by its name, on a page about a choice system;
    a private vårdcentral or hälsocentral on any page, as every one is in its region's
    vårdval."""
    match = _PRIVATE_UNIT.search(sentence)
    if match is None:
        return None
    if match.group("named"):
        return match.group("named")  # "privata Sidsjö vårdcentral"
    if is_place(match.group("name")):
        return None
    if not (about_choice or match.group("unit").endswith("centralen")):
        return None
    return match.group("name")


def _opening_unit(sentence: str) -> str | None:
    """The company a sentence says opens or starts a unit (on a page about a choice system)."""
    match = _OPENS_UNIT.search(sentence.strip())
    if match is None:
        return None
    name = match.group("after") or match.group("before") or match.group("cleft")
    folded = fold_words(name)
    if (
        name.split()[0].lower() in NOT_NAME_START
        or _PUBLIC_BODY.search(folded)
        or _NOT_A_NAME.search(folded)
        or re.search(SYSTEM, folded)
        or is_own_unit(name, None)
    ):
        return None  # "Regionen öppnar en ny vårdcentral", "Nu startar Hälsovalet"
    return name


_NAME = r"[A-ZÅÄÖ][\w&-]*(?:\.se)?(?: (?:[A-ZÅÄÖ][\w&-]*|i|och|&))*"
#: A company among the system's providers, or becoming one: "Sedan i höstas är Nordic Care ett
#: av de företag som utför hemtjänst inom kundvalet", "Familjeläkarna i Norrvik AB blir ny
#: vårdgivare i vårdvalet", "Vårdcentralen Capio Norrvik ingår sedan i våras i hälsovalet".
_AMONG_PROVIDERS = re.compile(
    # "Legevisitten, ett av de privata vårdföretagen, stämde landstinget"
    rf"(?:^|\b(?:är|blir) )(?P<one>{_NAME}),? (?:är |blir )?(?:nu )?(?:ett|en) av (?:de |dem )?"
    r"(?:\w+ )?(?:\w*företag|\w*företagen|utförare|utförarna|vårdgivare|vårdgivarna|aktörer|"
    r"aktörerna)\b|"
    rf"^(?P<becomes>{_NAME}) (?:blir|har blivit) (?:en )?(?:ny|ytterligare en) (?:privat )?"
    r"(?:utförare|vårdgivare|leverantör|aktör|"
    # "Läkarhuset i Byholm blir ny vårdcentral inom vårdvalet"
    rf"{_UNIT} (?:inom|i) (?:\w+ )?(?:vårdvalet|hälsovalet|vårdval|hälsoval|LOV))\b|"
    rf"\b(?:[Vv]årdcentralen|[Hh]älsocentralen|[Mm]ottagningen|[Kk]liniken) (?P<unit>{_NAME}) "
    r"(?:\w+ ){0,4}?(?:ingår|har anslutit sig|ansluter sig|anslöt sig|har godkänts|godkändes)\b"
)


def _among_providers(sentence: str) -> str | None:
    """The company a sentence says is one of the system's providers, becomes one, or the care
    unit it says joins the system (on a page about one)."""
    match = _AMONG_PROVIDERS.search(sentence.strip())
    if match is None or re.search(r"\b(inte|ej|aldrig)\b", fold_words(sentence)):
        return None  # "Vårdcentralen Centrum ingår inte i vårdvalet längre"
    name = re.sub(
        r" (i|och|&)$", "", match.group("one") or match.group("becomes") or match.group("unit")
    )
    folded = fold_words(name)
    if (
        name.split()[0].lower() in NOT_NAME_START
        or _PUBLIC_BODY.search(folded)
        or (_NOT_A_NAME.search(folded) and not company_form(name))
        or re.search(SYSTEM, folded)
        or is_own_unit(name, None)
    ):
        return None
    return name


#: Two providers named as one subject: "Capio och Aleris har godkänts".
_TWO_NAMES = re.compile(r"^(?P<first>[A-ZÅÄÖ0-9][^,]*?)(?:, | och )(?P<rest>[A-ZÅÄÖ0-9].*)$")


def _each_name(name: str) -> list[str]:
    """The providers a name found as one sentence part holds: two capitalised names joined by
    "och" or a comma are two, unless a company form closes only the last ("Vård och Omsorg
    AB" is one company)."""
    match = _TWO_NAMES.match(name)
    if match is None or (company_form(name) and not company_form(match.group("first"))):
        return [name]
    return [match.group("first"), *_each_name(match.group("rest"))]


#: A provider presenting itself: "Vi på Hemtjänst Norr är godkända av Bergsjö kommun".
_WE_AT = re.compile(r"^[Vv]i (?:här )?på (?=[A-ZÅÄÖ])")


#: An application approved, by its applicant: "beslutade att godkänna Psykiatripartners i
#: Östergötlands ansökan om att bedriva ...".
_APPROVED_APPLICATION = re.compile(
    r"\bgodkän(?:na|ner|de|t|ts|des) "
    r"(?P<name>[A-ZÅÄÖ][\w&-]*(?: (?:[A-ZÅÄÖ][\w&-]*|i|och|&)){0,4}?):?s ansökan\b"
)


def _approved_application(sentence: str) -> str | None:
    """The applicant whose application a sentence says was approved (a company, not a public
    body)."""
    match = _APPROVED_APPLICATION.search(sentence)
    if match is None or _PUBLIC_BODY.search(fold_words(match.group("name"))):
        return None
    return match.group("name")


def _approved_subject(sentence: str) -> str | None:
    """The provider a sentence says has been approved, when it opens the sentence (or follows
    "Vi på", a provider speaking of itself)."""
    itself = _WE_AT.match(sentence.strip())
    match = _APPROVED_SUBJECT.match(sentence.strip()[itself.end() if itself else 0 :])
    if match is None:
        return None
    tokens = match.group("name").split()
    while len(tokens) > 1 and tokens[0].lower() in NOT_NAME_START and tokens[1][:1].isupper():
        # "Även Attendo har godkänts": the name starts after "Även"; but "Nya närvården AB"
        # starts with "Nya".
        tokens.pop(0)
    name = " ".join(tokens)
    if not name[:1].isupper():
        return None
    if _NOT_A_NAME.search(fold_words(name)) and not company_form(name):
        return None  # "Nya utförare har godkänts", but "Nya närvården AB godkändes av ..."
    if match.group("by") == "av" and not (company_form(name) or itself):
        return None  # "Förslaget godkändes av nämnden": approved by, but not as a provider
    return name
