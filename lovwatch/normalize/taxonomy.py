"""The service-category taxonomy: what kinds of valfrihetssystem exist, in six groups.

Built from the names national statistics use (SKR's counts 2018-2023, Valfrihetswebben's 2014
list, Upphandlingsmyndigheten's CPV-style names) and the regions' vårdval. Codes are stable
lower-case ASCII and are stored in the database: never rename one, add a new code instead.
Synonyms are written in their shortest (base) form; the matcher in `categories` accepts
inflected forms ("hemtjänsten", "dagliga verksamheter") and ignores case and diacritics.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryGroup:
    """A group of categories, e.g. code "aldreomsorg", label "Äldreomsorg"."""

    code: str
    label: str


@dataclass(frozen=True)
class Category:
    """A kind of service run as a valfrihetssystem, e.g. "hemtjanst" / "Hemtjänst"."""

    code: str
    label: str
    group: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class ContextRule:
    """A phrase that means `code` only when the same term also names one of `requires`
    and none of `vetoes`.

    For words whose meaning depends on who the service is for: "gruppboende" is LSS housing
    unless the term speaks of socialpsykiatri.
    """

    phrase: str
    code: str
    requires: tuple[str, ...]
    vetoes: tuple[str, ...] = ()


GROUPS: tuple[CategoryGroup, ...] = (
    CategoryGroup("aldreomsorg", "Äldreomsorg"),
    CategoryGroup("funktionsnedsattning", "Funktionsnedsättning (LSS)"),
    CategoryGroup("socialpsykiatri", "Socialpsykiatri"),
    CategoryGroup("individ_och_familjeomsorg", "Individ- och familjeomsorg"),
    CategoryGroup("arbetsmarknad", "Arbetsmarknad"),
    CategoryGroup("halso_och_sjukvard", "Hälso- och sjukvård (vårdval)"),
)


def _c(code: str, label: str, group: str, *synonyms: str) -> Category:
    return Category(code, label, group, synonyms)


# One category per line group; the table reads better unformatted.
# fmt: off
CATEGORIES: tuple[Category, ...] = (
    # Äldreomsorg. "Hemtjänst – service / – omvårdnad" are hemtjänst; "– hemsjukvård" is
    # hemtjänst plus the separate category hemsjukvård.
    _c("hemtjanst", "Hemtjänst", "aldreomsorg",
       "hemtjänst", "vård i hemmet", "hemtjänstinsats", "hemhjälp"),
    _c("sarskilt_boende_aldre", "Särskilt boende för äldre", "aldreomsorg",
       "särskilt boende för äldre", "särskilt boende", "särskilda boende", "säbo",
       "vård- och omsorgsboende", "vårdboende", "omsorgsboende", "äldreboende", "servicehus"),
    _c("korttidsboende_aldre", "Korttidsboende för äldre", "aldreomsorg",
       "korttidsboende för äldre", "korttidsboende", "korttidsplats", "korttidsvård",
       "växelvård", "växelboende"),
    _c("dagverksamhet_aldre", "Dagverksamhet för äldre", "aldreomsorg",
       "dagverksamhet för äldre", "dagverksamhet", "dagcenter", "tjänster för dagcenter"),
    _c("matdistribution", "Matdistribution", "aldreomsorg",
       "matdistribution", "matlåda", "matlådor", "matleverans", "hemleverans av mat"),
    # Catch-all for the CPV-style "äldreomsorg": dropped when a precise category is found.
    _c("aldreomsorg_ovrigt", "Övrig äldreomsorg", "aldreomsorg",
       "äldreomsorg", "omsorg om äldre"),
    # Funktionsnedsättning: insatser under LSS (lagen om stöd och service till vissa
    # funktionshindrade).
    _c("daglig_verksamhet_lss", "Daglig verksamhet enligt LSS", "funktionsnedsattning",
       "daglig verksamhet", "daglig verksamhet lss", "dagverksamhet lss",
       "dagverksamhet enligt lss", "dagcenter lss", "daglig sysselsättning lss",
       "daglig sysselsättning enligt lss"),
    _c("ledsagning", "Ledsagning", "funktionsnedsattning",
       # "ledsagar" alone is the first half of "Ledsagar- och avlösarservice".
       "ledsagning", "ledsagarservice", "ledsagare", "ledsagar"),
    _c("avlosning", "Avlösning", "funktionsnedsattning",
       "avlösning", "avlösarservice", "avlösare", "avlösar"),
    _c("personlig_assistans", "Personlig assistans", "funktionsnedsattning",
       # The municipality's own "icke-val" provider is what LOV adverts offer here.
       "personlig assistans", "personlig assistent", "ickeval", "icke val"),
    _c("bostad_lss", "Bostad med särskild service enligt LSS", "funktionsnedsattning",
       "bostad med särskild service", "gruppbostad", "gruppboende", "servicebostad",
       "gruppboende lss", "särskilt boende lss", "särskilt boende enligt lss", "boende lss",
       "boende enligt lss"),
    _c("korttidsvistelse_lss", "Korttidsvistelse enligt LSS", "funktionsnedsattning",
       "korttidsvistelse", "korttidshem", "korttidsboende lss", "korttidsboende enligt lss"),
    _c("korttidstillsyn_lss", "Korttidstillsyn enligt LSS", "funktionsnedsattning",
       "korttidstillsyn"),
    _c("kvalificerad_tillsyn", "Kvalificerad tillsyn vid livsuppehållande åtgärder",
       "funktionsnedsattning", "kvalificerad tillsyn", "livsuppehållande åtgärder"),
    # Socialpsykiatri: support under SoL for people with psychiatric disabilities.
    _c("boendestod", "Boendestöd", "socialpsykiatri", "boendestöd"),
    _c("sysselsattning_socialpsykiatri", "Sysselsättning inom socialpsykiatri",
       "socialpsykiatri",
       "sysselsättning", "daglig sysselsättning", "sysselsättning socialpsykiatri",
       "dagverksamhet socialpsykiatri"),
    _c("boende_socialpsykiatri", "Boende inom socialpsykiatri", "socialpsykiatri",
       "gruppboende socialpsykiatri", "boende socialpsykiatri", "gruppbostad socialpsykiatri"),
    # Individ- och familjeomsorg.
    _c("familjeradgivning", "Familjerådgivning", "individ_och_familjeomsorg",
       "familjerådgivning", "familjerådgivare", "parrådgivning"),
    _c("familjebehandling", "Familjebehandling", "individ_och_familjeomsorg",
       "familjebehandling", "familjebehandlare"),
    _c("hvb_barn", "HVB för barn och unga", "individ_och_familjeomsorg",
       "hvb för barn", "hvb barn", "hvb för ungdom", "hem för vård eller boende för barn",
       "hvb", "hem för vård eller boende"),
    _c("hvb_vuxna", "HVB för vuxna", "individ_och_familjeomsorg",
       "hvb för vuxna", "hvb vuxna", "hem för vård eller boende för vuxna",
       "hvb", "hem för vård eller boende"),
    _c("missbruk_oppenvard", "Öppenvård missbruk och beroende", "individ_och_familjeomsorg",
       "öppenvård missbruk", "missbruk", "missbrukare", "missbruksvård", "missbruksbehandling",
       "beroendevård", "beroendebehandling", "beroendeproblematik"),
    # Arbetsmarknad: municipal insatser and Arbetsförmedlingen's kundval.
    _c("arbetsmarknadsinsatser", "Arbetsmarknadsinsatser", "arbetsmarknad",
       "arbetsmarknadsinsats", "arbetsmarknadsåtgärd", "arbetsmarknadstjänst",
       "jobbsökningstjänst", "jobbsökning", "arbetsträning", "jobbcoachning"),
    _c("rusta_och_matcha", "Rusta och matcha", "arbetsmarknad",
       "rusta och matcha", "kundval rusta och matcha", "krom"),
    _c("stod_och_matchning", "Stöd och matchning", "arbetsmarknad",
       "stöd och matchning", "stom"),
    # Hälso- och sjukvård: mostly the regions' vårdval.
    _c("primarvard", "Primärvård (vårdcentral)", "halso_och_sjukvard",
       "primärvård", "vårdcentral", "hälsocentral", "husläkare", "husläkarmottagning",
       "allmänpraktiserande läkare", "allmänmedicin", "allmänläkare"),
    _c("tandvard", "Tandvård", "halso_och_sjukvard",
       "tandvård", "tandläkarvård", "tandläkare", "allmäntandvård", "barntandvård"),
    _c("medicinsk_fotvard", "Medicinsk fotvård", "halso_och_sjukvard",
       "medicinsk fotvård", "fotvård", "fotvård i säbo", "fotterapeut", "fotterapi"),
    _c("fysioterapi", "Fysioterapi", "halso_och_sjukvard",
       "fysioterapi", "fysioterapeut", "sjukgymnastik", "sjukgymnast"),
    _c("psykoterapi", "Psykoterapi", "halso_och_sjukvard",
       "psykoterapi", "öppenvård psykoterapi", "psykoterapeut", "psykoterapeutisk behandling",
       "psykologisk behandling"),
    _c("horsel", "Hörselvård", "halso_och_sjukvard",
       "hörsel", "hörselvård", "hörselrehabilitering", "hörapparat", "hörcentral", "audionom"),
    _c("ogonsjukvard", "Ögonsjukvård", "halso_och_sjukvard",
       "ögonsjukvård", "ögonsjukdom", "ögonläkare", "ögonmottagning", "gråstarr", "katarakt",
       "kataraktkirurgi"),
    _c("barnmorskemottagning", "Barnmorskemottagning", "halso_och_sjukvard",
       "barnmorskemottagning", "barnmorska", "mödrahälsovård", "mödravård",
       "mödravårdscentral"),
    _c("logopedi", "Logopedi", "halso_och_sjukvard", "logopedi", "logoped"),
    _c("specialiserad_oppenvard", "Specialiserad öppenvård", "halso_och_sjukvard",
       "specialiserad öppenvård", "öppen specialiserad vård", "öppen specialistvård",
       "specialistvård", "specialistläkare", "specialistmottagning"),
    _c("hemsjukvard", "Hemsjukvård", "halso_och_sjukvard",
       "hemsjukvård", "sjukvård i hemmet", "hälso- och sjukvård i hemmet"),
    _c("paramedicin", "Paramedicinska tjänster", "halso_och_sjukvard",
       "paramedicinska tjänster", "paramedicin", "arbetsterapi", "arbetsterapeut"),
)
# fmt: on

#: Catch-all categories, dropped when a precise category of the same group is found.
GENERIC_CODES: frozenset[str] = frozenset({"aldreomsorg_ovrigt"})

_FOR_CHILDREN = ("barn", "unga", "ungdom", "ensamkommande", "flicka", "flickor", "pojke", "pojkar")
_FOR_ADULTS = ("vuxna", "vuxen", "missbruk")
_LSS = ("lss", "funktionsnedsättning", "funktionshinder", "funktionshindrade")
_PSYCHIATRIC = ("socialpsykiatri", "psykiatri", "psykisk", "psykiska")

#: Words that, present anywhere in the same term, cancel a category's synonyms: all of them
#: (key: code) or one (key: (code, synonym)). They keep a word from answering for a
#: neighbouring service: "korttidsboende" for children is LSS, not äldreomsorg.
CATEGORY_VETOES: dict[str, tuple[str, ...]] = {
    # An HVB for people with addiction is residential care, not öppenvård.
    "missbruk_oppenvard": ("hvb", "hem för vård eller boende"),
}
SYNONYM_VETOES: dict[tuple[str, str], tuple[str, ...]] = {
    **{
        ("sarskilt_boende_aldre", s): _LSS + _PSYCHIATRIC
        for s in ("särskilt boende", "särskilda boende")
    },
    **{
        ("korttidsboende_aldre", s): _LSS + _FOR_CHILDREN
        for s in ("korttidsboende", "korttidsplats")
    },
    **{("dagverksamhet_aldre", s): _LSS + _PSYCHIATRIC for s in ("dagverksamhet", "dagcenter")},
    **{
        ("bostad_lss", s): _PSYCHIATRIC
        for s in ("bostad med särskild service", "gruppbostad", "gruppboende")
    },
    **{
        ("sysselsattning_socialpsykiatri", s): ("lss",)
        for s in ("sysselsättning", "daglig sysselsättning")
    },
    ("daglig_verksamhet_lss", "daglig verksamhet"): _PSYCHIATRIC,
    # In hemtjänst, "ickeval" is the municipality's own provider, not personlig assistans.
    **{("personlig_assistans", s): ("hemtjänst",) for s in ("ickeval", "icke val")},
    **{("hvb_barn", s): _FOR_ADULTS for s in ("hvb", "hem för vård eller boende")},
    **{("hvb_vuxna", s): _FOR_CHILDREN for s in ("hvb", "hem för vård eller boende")},
}

#: Phrases whose category depends on the rest of the term.
CONTEXT_RULES: tuple[ContextRule, ...] = (
    ContextRule("korttidsboende", "korttidsvistelse_lss", _LSS + _FOR_CHILDREN),
    ContextRule("daglig sysselsättning", "daglig_verksamhet_lss", ("lss",)),
    ContextRule("särskilt boende", "bostad_lss", _LSS, vetoes=_PSYCHIATRIC),
    *(
        ContextRule(phrase, "boende_socialpsykiatri", _PSYCHIATRIC)
        for phrase in (
            "gruppboende",
            "gruppbostad",
            "bostad med särskild service",
            "särskilt boende",
            "boende",
        )
    ),
    ContextRule("daglig verksamhet", "sysselsattning_socialpsykiatri", _PSYCHIATRIC),
    ContextRule("dagverksamhet", "sysselsattning_socialpsykiatri", _PSYCHIATRIC),
)
