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
    """A kind of service run as a valfrihetssystem, e.g. "hemtjanst" / "Hemtjänst".

    `published` is the name national statistics or a region's list of vårdval print for it
    (SKR's service list, Upphandlingsmyndigheten's CPV-style names, Vårdval Stockholm's
    list), and `source` says which: a key of `SOURCES`.
    """

    code: str
    label: str
    group: str
    synonyms: tuple[str, ...]
    published: str = ""
    source: str = ""


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


#: Where the published names come from.
SOURCES: dict[str, str] = {
    "skr_2023": "SKR, Tjänsteområden med LOV (maj 2023), https://skr.se/ (valfrihetssystem i "
    "kommuner, beslutsläget 2023)",
    "skl_2018": "SKL, Valfrihetssystem i kommuner 2018 – beslutsläget, https://skl.se/",
    "vfw_2014": "Valfrihetswebben, nationell lista över tjänsteområden (oktober 2014)",
    "uhm_2024": "Upphandlingsmyndigheten, Flest valfrihetssystem i kommunerna (14 juni 2024), "
    "https://www.upphandlingsmyndigheten.se/nyheter/2024/flest-valfrihetssystem-i-kommunerna/",
    "uhm_2023": "Upphandlingsmyndigheten, Ny statistik om valfrihetssystem (28 juni 2023), "
    "https://www.upphandlingsmyndigheten.se/nyheter/2023/ny-statistik-om-valfrihetssystem/",
    "cpv": "CPV names as Upphandlingsmyndigheten lists them (LOU bilaga 2 a, Förteckning över "
    "välfärdstjänster), https://www.upphandlingsmyndigheten.se/regler-och-lagstiftning/",
    "sll": "Vårdval Stockholm, list of vårdval (Stockholms läns landsting), http://sll.se/",
    "skr_regioner": "SKR, Valfrihetssystem i regioner (beslutsläge 2019-2024), https://skr.se/",
    "vgr": "Västra Götalandsregionen, Vårdval Rehab, https://www.vgregion.se/",
    "af": "Arbetsförmedlingen's valfrihetssystem (Kundval), https://arbetsformedlingen.se/",
}


def _c(
    code: str,
    label: str,
    group: str,
    *synonyms: str,
    published: str = "",
    source: str = "",
) -> Category:
    return Category(code, label, group, synonyms, published or label, source)


# One category per line group; the table reads better unformatted.
# fmt: off
CATEGORIES: tuple[Category, ...] = (
    # Äldreomsorg. "Hemtjänst – service / – omvårdnad" are hemtjänst; "– hemsjukvård" is
    # hemtjänst plus the separate category hemsjukvård.
    _c("hemtjanst", "Hemtjänst", "aldreomsorg",
       "hemtjänst", "vård i hemmet", "hjälp i hemmet", "hemtjänstinsats", "hemhjälp",
       "hemtjänstpersonal", "hemvård",
       "serviceinsats", "servicetjänst", "hemservice",
       published="Vård i hemmet (hemtjänst)", source="uhm_2024"),
    _c("sarskilt_boende_aldre", "Särskilt boende för äldre", "aldreomsorg",
       "särskilt boende för äldre", "särskilt boende", "särskilda boende", "säbo",
       "vård- och omsorgsboende", "vårdboende", "omsorgsboende", "äldreboende", "servicehus",
       "demensboende",
       published="Särskilt boende SoL", source="skr_2023"),
    _c("korttidsboende_aldre", "Korttidsboende för äldre", "aldreomsorg",
       "korttidsboende för äldre", "korttidsboende", "korttidsplats", "korttidsvård",
       "växelvård", "växelboende",
       published="Korttidsboende för äldre utomlands", source="skl_2018"),
    _c("dagverksamhet_aldre", "Dagverksamhet för äldre", "aldreomsorg",
       "dagverksamhet för äldre", "dagverksamhet", "dagcenter", "tjänster för dagcenter",
       published="Dagverksamhet äldre", source="skr_2023"),
    _c("matdistribution", "Matdistribution", "aldreomsorg",
       "matdistribution", "matlåda", "matlådor", "matleverans", "hemleverans av mat",
       "matportion", "hemkörning av mat", "hemkörd mat",
       published="Matdistribution", source="skr_2023"),
    # Catch-all for the CPV-style "äldreomsorg": dropped when a precise category is found.
    _c("aldreomsorg_ovrigt", "Övrig äldreomsorg", "aldreomsorg",
       "äldreomsorg", "omsorg om äldre", "social omsorg för äldre",
       published="Äldreomsorg", source="uhm_2024"),
    # Funktionsnedsättning: insatser under LSS (lagen om stöd och service till vissa
    # funktionshindrade).
    _c("daglig_verksamhet_lss", "Daglig verksamhet enligt LSS", "funktionsnedsattning",
       "daglig verksamhet", "daglig verksamhet lss", "dagverksamhet lss",
       "dagverksamhet enligt lss", "dagcenter lss", "daglig sysselsättning lss",
       "daglig sysselsättning enligt lss",
       published="Daglig verksamhet LSS", source="skr_2023"),
    _c("ledsagning", "Ledsagning", "funktionsnedsattning",
       # "ledsagar" alone is the first half of "Ledsagar- och avlösarservice".
       "ledsagning", "ledsagarservice", "ledsagare", "ledsagar",
       published="Ledsagning LSS", source="skr_2023"),
    _c("avlosning", "Avlösning", "funktionsnedsattning",
       "avlösning", "avlösarservice", "avlösare", "avlösar",
       published="Avlösarservice LSS", source="skr_2023"),
    _c("personlig_assistans", "Personlig assistans", "funktionsnedsattning",
       # The municipality's own "icke-val" provider is what LOV adverts offer here.
       "personlig assistans", "personlig assistent", "ickeval", "icke val",
       published="Personlig assistans, inklusive icke-val", source="skr_2023"),
    _c("bostad_lss", "Bostad med särskild service enligt LSS", "funktionsnedsattning",
       "bostad med särskild service", "gruppbostad", "gruppboende", "servicebostad",
       "gruppboende lss", "särskilt boende lss", "särskilt boende enligt lss", "boende lss",
       "boende enligt lss", "lss boende", "lss bostad", "bostad enligt lss",
       published="Särskilt boende LSS", source="skr_2023"),
    _c("korttidsvistelse_lss", "Korttidsvistelse enligt LSS", "funktionsnedsattning",
       "korttidsvistelse", "korttidshem", "korttidsboende lss", "korttidsboende enligt lss",
       published="Korttidsvistelse LSS", source="skr_2023"),
    _c("korttidstillsyn_lss", "Korttidstillsyn enligt LSS", "funktionsnedsattning",
       "korttidstillsyn",
       published="Korttidstillsyn LSS", source="skr_2023"),
    _c("kvalificerad_tillsyn", "Kvalificerad tillsyn vid livsuppehållande åtgärder",
       "funktionsnedsattning", "kvalificerad tillsyn", "livsuppehållande åtgärder",
       published="Kvalificerad tillsyn för livsuppehållande åtgärder", source="skr_2023"),
    # Catch-all for LSS and the CPV-style "social omsorg för personer med funktionsnedsättning":
    # dropped when a precise LSS category is found.
    _c("funktionsnedsattning_ovrigt", "Övrigt stöd till personer med funktionsnedsättning",
       "funktionsnedsattning",
       "social omsorg för personer med funktionsnedsättning",
       "social omsorg för funktionshindrade", "omsorg om personer med funktionsnedsättning",
       "funktionsnedsättning", "funktionsnedsättningar", "funktionshinder", "funktionshindrade",
       "lss", "insatser enligt lss", "stöd och service", "funktionsstöd",
       published="Social omsorg för personer med funktionsnedsättning", source="uhm_2024"),
    # Socialpsykiatri: support under SoL for people with psychiatric disabilities.
    _c("boendestod", "Boendestöd", "socialpsykiatri", "boendestöd", "stöd i boendet",
       published="Boendestöd", source="skr_2023"),
    _c("sysselsattning_socialpsykiatri", "Sysselsättning inom socialpsykiatri",
       "socialpsykiatri",
       "sysselsättning", "daglig sysselsättning", "sysselsättning socialpsykiatri",
       "dagverksamhet socialpsykiatri",
       published="Sysselsättning psykiatri", source="skr_2023"),
    _c("boende_socialpsykiatri", "Boende inom socialpsykiatri", "socialpsykiatri",
       "gruppboende socialpsykiatri", "boende socialpsykiatri", "gruppbostad socialpsykiatri",
       published="Gruppboende socialpsykiatri", source="skr_2023"),
    _c("socialpsykiatri_ovrigt", "Övrig socialpsykiatri", "socialpsykiatri",
       "socialpsykiatri", "socialpsykiatriskt stöd", "psykisk funktionsnedsättning",
       "psykiska funktionsnedsättningar", "psykiatrisk funktionsnedsättning",
       published="Socialpsykiatri", source="skr_2023"),
    # Individ- och familjeomsorg.
    _c("familjeradgivning", "Familjerådgivning", "individ_och_familjeomsorg",
       "familjerådgivning", "familjerådgivare", "parrådgivning",
       published="Familjerådgivning", source="skr_2023"),
    _c("familjebehandling", "Familjebehandling", "individ_och_familjeomsorg",
       "familjebehandling", "familjebehandlare",
       published="Familjebehandling", source="skr_2023"),
    _c("hvb_barn", "HVB för barn och unga", "individ_och_familjeomsorg",
       "hvb för barn", "hvb barn", "hvb för ungdom", "hem för vård eller boende för barn",
       "hvb", "hem för vård eller boende",
       published="HVB för barn", source="skr_2023"),
    _c("hvb_vuxna", "HVB för vuxna", "individ_och_familjeomsorg",
       "hvb för vuxna", "hvb vuxna", "hem för vård eller boende för vuxna",
       "hvb", "hem för vård eller boende",
       published="HVB vuxna", source="skr_2023"),
    _c("missbruk_oppenvard", "Öppenvård missbruk och beroende", "individ_och_familjeomsorg",
       "öppenvård missbruk", "missbruk", "missbrukare", "missbruksvård", "missbruksbehandling",
       "beroendevård", "beroendebehandling", "beroendeproblematik",
       # a region's vårdval in läkemedelsassisterad behandling vid opioidberoende
       "LARO", "läkemedelsassisterad behandling",
       published="Öppenvård missbruk", source="skr_2023"),
    _c("individ_och_familjeomsorg_ovrigt", "Övrig individ- och familjeomsorg",
       "individ_och_familjeomsorg",
       "individ- och familjeomsorg", "social omsorg för barn och ungdomar",
       "social omsorg för barn och unga",
       published="Social omsorg för barn och ungdomar", source="cpv"),
    # Arbetsmarknad: municipal insatser and Arbetsförmedlingen's kundval.
    _c("arbetsmarknadsinsatser", "Arbetsmarknadsinsatser", "arbetsmarknad",
       "arbetsmarknadsinsats", "arbetsmarknadsåtgärd", "arbetsmarknadstjänst",
       "jobbsökningstjänst", "jobbsökning", "arbetsträning", "jobbcoachning", "jobbcoach",
       "etableringslots", "lotstjänst", "yrkesinriktad rehabilitering",
       "arbetslivsinriktad rehabilitering", "kompletterande aktör", "matchningstjänst",
       published="Jobbsökningstjänster", source="uhm_2024"),
    _c("rusta_och_matcha", "Rusta och matcha", "arbetsmarknad",
       "rusta och matcha", "kundval rusta och matcha", "krom", "rustande",
       published="Kundval Rusta och matcha", source="af"),
    _c("stod_och_matchning", "Stöd och matchning", "arbetsmarknad",
       "stöd och matchning", "stom",
       published="Stöd och matchning", source="af"),
    # Hälso- och sjukvård: mostly the regions' vårdval.
    _c("primarvard", "Primärvård (vårdcentral)", "halso_och_sjukvard",
       "primärvård", "vårdcentral", "hälsocentral", "husläkare", "husläkarmottagning",
       "allmänpraktiserande läkare", "allmänmedicin", "allmänläkare", "husläkarverksamhet",
       "närsjukvård", "läkarinsats", "läkarinsatser", "läkarmedverkan",
       # what Västmanland's vårdval called its vårdcentraler ("familjeläkarsystem")
       "familjeläkare", "familjeläkarenhet", "familjeläkarmottagning", "familjeläkarverksamhet",
       published="Tjänster utförda av allmänpraktiserande läkare", source="uhm_2024"),
    _c("tandvard", "Tandvård", "halso_och_sjukvard",
       "tandvård", "tandläkarvård", "tandläkare", "allmäntandvård", "barntandvård",
       "tandreglering", "tandregleringsvård",
       published="Tandläkarvård", source="uhm_2023"),
    _c("medicinsk_fotvard", "Medicinsk fotvård", "halso_och_sjukvard",
       "medicinsk fotvård", "fotvård", "fotvård i säbo", "fotterapeut", "fotterapi",
       "fotsjukvård",
       published="Fotvård", source="skr_2023"),
    _c("fysioterapi", "Fysioterapi", "halso_och_sjukvard",
       "fysioterapi", "fysioterapeut", "sjukgymnastik", "sjukgymnast",
       published="Sjukgymnastik – specialiserad", source="sll"),
    _c("psykoterapi", "Psykoterapi", "halso_och_sjukvard",
       "psykoterapi", "öppenvård psykoterapi", "psykoterapeut", "psykoterapeutisk behandling",
       "psykologisk behandling", "kbt", "kognitiv beteendeterapi",
       published="Öppenvård psykoterapi", source="skr_2023"),
    _c("horsel", "Hörselvård", "halso_och_sjukvard",
       "hörsel", "hörselvård", "hörselrehabilitering", "hörapparat", "hörcentral", "audionom",
       "hörselmottagning", "hörselklinik", "hörselhjälpmedel",
       published="Primär hörselrehabilitering", source="sll"),
    _c("ogonsjukvard", "Ögonsjukvård", "halso_och_sjukvard",
       "ögonsjukvård", "ögonsjukdom", "ögonläkare", "ögonmottagning", "ögonklinik", "gråstarr",
       "katarakt", "kataraktkirurgi", "kataraktoperation", "ögonbottenfotografering",
       "vårdval ögon",
       published="Ögonsjukvård", source="uhm_2023"),
    _c("barnmorskemottagning", "Barnmorskemottagning", "halso_och_sjukvard",
       "barnmorskemottagning", "barnmorska", "mödrahälsovård", "mödravård",
       "mödravårdscentral", "barnmorsketjänst", "mvc",
       published="Barnmorsketjänster", source="uhm_2024"),
    _c("logopedi", "Logopedi", "halso_och_sjukvard", "logopedi", "logoped",
       "logopedverksamhet",
       published="Logopedverksamhet", source="sll"),
    _c("specialiserad_oppenvard", "Specialiserad öppenvård", "halso_och_sjukvard",
       "specialiserad öppenvård", "öppen specialiserad vård", "öppen specialistvård",
       "specialistvård", "specialistsjukvård", "specialistläkare", "specialistmottagning",
       "specialiserad vård",
       "allergologi", "kardiologi", "urologi", "neurologi", "reumatologi", "endokrinologi",
       "gastroenterologi", "lungmedicin", "njurmedicin", "internmedicin", "onkologi",
       "barnmedicin", "barn och ungdomsmedicin", "ungdomsmedicinsk", "uroterapi",
       "uroterapeutisk", "sexuell hälsa", "smärtbehandling", "smärtmottagning",
       published="Tjänster utförda av specialistläkare", source="cpv"),
    _c("hemsjukvard", "Hemsjukvård", "halso_och_sjukvard",
       "hemsjukvård", "sjukvård i hemmet", "hälso- och sjukvård i hemmet",
       published="Hemtjänst – hemsjukvård", source="vfw_2014"),
    _c("paramedicin", "Paramedicinska tjänster", "halso_och_sjukvard",
       "paramedicinska tjänster", "paramedicin", "arbetsterapi", "arbetsterapeut",
       published="Paramedicinska tjänster", source="uhm_2023"),
    _c("psykiatri", "Psykiatri", "halso_och_sjukvard",
       "psykiatri", "psykiatrisk vård", "psykiatrisk öppenvård", "mentalvård",
       "mentalvård på sjukhus", "bup", "psykiatriska tjänster", "psykiatrisk",
       published="Mentalvård på sjukhus", source="uhm_2024"),
    _c("rehabilitering", "Rehabilitering", "halso_och_sjukvard",
       "rehabilitering", "rehab", "sjukhusrehabilitering", "rehabiliteringstjänst",
       "rehabiliteringsinsats", "rehabiliteringsenhet", "rehabenhet",
       # "Vårdval intensivträning för personer med rörelsenedsättning"
       "intensivträning",
       published="Sjukhusrehabilitering", source="cpv"),
    _c("gynekologi", "Gynekologi", "halso_och_sjukvard",
       "gynekologi", "gynekologisk", "gynekologisk sjukhusvård", "gynekolog",
       "provrörsbefruktning", "assisterad befruktning", "ivf", "insemination", "fertilitet",
       "abort",
       published="Gynekologisk sjukhusvård", source="cpv"),
    _c("forlossningsvard", "Förlossningsvård och obstetrik", "halso_och_sjukvard",
       "förlossningsvård", "förlossning", "förlossningsenhet", "obstetrik", "obstetrisk",
       published="Förlossningsvård", source="cpv"),
    _c("hudsjukvard", "Hudsjukvård", "halso_och_sjukvard",
       "hudsjukvård", "hudsjukdom", "hudmottagning", "dermatologi", "dermatolog",
       "hud- och könssjukvård", "vårdval hud",
       published="Hudsjukvård i öppenvård – specialiserad", source="sll"),
    _c("oron_nasa_hals", "Öron-, näs- och halssjukvård", "halso_och_sjukvard",
       "öron näs", "öron näsa", "önh", "öronsjukvård", "öronmottagning",
       published="Öron-, näs- och halssjukvård i öppenvård – specialiserad", source="sll"),
    _c("ortopedi", "Ortopedi och handkirurgi", "halso_och_sjukvard",
       "ortopedi", "ortopedisk", "handkirurgi", "ryggkirurgi", "höft- och knäprotesoperation",
       "protesoperation", "ortoped", "höftprotes", "knäprotes", "höftplastik", "knäplastik",
       "ledplastik",
       published="Ortopedi och handkirurgi", source="sll"),
    _c("geriatrik", "Geriatrik", "halso_och_sjukvard",
       "geriatrik", "geriatrisk",
       published="Geriatrisk öppen- och slutenvård", source="skr_regioner"),
    _c("palliativ_vard", "Palliativ vård och avancerad sjukvård i hemmet", "halso_och_sjukvard",
       "palliativ", "palliativ vård", "palliativ slutenvård", "avancerad sjukvård i hemmet",
       "asih", "hospice",
       published="Palliativ slutenvård – specialiserad", source="sll"),
    _c("barnhalsovard", "Barnhälsovård (BVC)", "halso_och_sjukvard",
       "barnhälsovård", "barnavårdscentral", "bvc",
       published="Barnavårdscentral", source="sll"),
    _c("vaccination", "Vaccination", "halso_och_sjukvard",
       "vaccination", "vaccinatör", "vaccinering",
       published="Vårdval vaccinationer", source="skr_regioner"),
    # Catch-all for CPV-style "hälsovårdstjänster" / "sjukhustjänster": dropped when a precise
    # health category is found.
    _c("halso_och_sjukvard_ovrigt", "Övrig hälso- och sjukvård", "halso_och_sjukvard",
       "hälsovårdstjänst", "sjukhustjänst", "läkarvård på sjukhus", "sjukhusvård",
       "läkartjänst", "naprapati", "naprapat", "kiropraktik", "kiropraktor",
       published="Hälsovårdstjänster", source="cpv"),
)
# fmt: on

#: Catch-all categories, dropped when a precise category of the same group is found.
GENERIC_CODES: frozenset[str] = frozenset(
    {
        "aldreomsorg_ovrigt",
        "funktionsnedsattning_ovrigt",
        "socialpsykiatri_ovrigt",
        "individ_och_familjeomsorg_ovrigt",
        "halso_och_sjukvard_ovrigt",
    }
)

_FOR_CHILDREN = ("barn", "unga", "ungdom", "ensamkommande", "flicka", "flickor", "pojke", "pojkar")
_FOR_ADULTS = ("vuxna", "vuxen", "missbruk")
_LSS = ("lss", "funktionsnedsättning", "funktionshinder", "funktionshindrade")
_PSYCHIATRIC = (
    "socialpsykiatri",
    "socialpsykiatrisk",
    "psykiatri",
    "psykiatrisk",
    "psykisk",
    "psykiska",
)

#: Words that, present anywhere in the same term, cancel a category's synonyms: all of them
#: (key: code) or one (key: (code, synonym)). They keep a word from answering for a
#: neighbouring service: "korttidsboende" for children is LSS, not äldreomsorg.
CATEGORY_VETOES: dict[str, tuple[str, ...]] = {
    # An HVB for people with addiction is residential care, not öppenvård.
    "missbruk_oppenvard": ("hvb", "hem för vård eller boende"),
    # Municipal support for people with psychiatric disabilities is socialpsykiatri, not the
    # regions' psychiatric care ("Sysselsättning psykiatri", "Boende psykiatri").
    "psykiatri": (
        "socialpsykiatri",
        "funktionsnedsättning",
        "funktionshinder",
        "boende",
        "boendestöd",
        "sysselsättning",
        "gruppboende",
        "gruppbostad",
        "daglig verksamhet",
        "dagverksamhet",
        "stödboende",
        "bostad",
        "hemtjänst",
    ),
    # A physician's work in nursing homes is primary care, not the nursing home itself.
    "sarskilt_boende_aldre": ("läkarinsats", "läkarinsatser", "läkarmedverkan"),
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
    **{
        ("funktionsnedsattning_ovrigt", s): _PSYCHIATRIC
        for s in (
            "funktionsnedsättning",
            "funktionsnedsättningar",
            "funktionshinder",
            "funktionshindrade",
        )
    },
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


@dataclass(frozen=True)
class CompoundHead:
    """A word that names `code` also as the last part of a Swedish compound:
    "tandvård" in "ungdomstandvård", "psykiatri" in "vuxenpsykiatri" — unless the compound
    starts with one of `not_after` ("socialpsykiatri" is not psychiatric care)."""

    word: str
    code: str
    not_after: tuple[str, ...] = ()


#: Compounds are open-ended in Swedish; these heads are safe to accept after any prefix.
#: A synonym matching the whole word always wins over a compound head.
COMPOUND_HEADS: tuple[CompoundHead, ...] = (
    CompoundHead("tandvård", "tandvard"),
    CompoundHead("psykiatri", "psykiatri", ("social",)),
    CompoundHead("psykiatrisk", "psykiatri", ("social",)),
    CompoundHead("rehabilitering", "rehabilitering", ("hörsel", "arbetslivs", "yrkes")),
    CompoundHead("vaccination", "vaccination"),
    CompoundHead("fysioterapi", "fysioterapi"),
    CompoundHead("psykoterapi", "psykoterapi"),
    CompoundHead("hemtjänst", "hemtjanst"),
    CompoundHead("ögonsjukvård", "ogonsjukvard"),
    CompoundHead("gynekologi", "gynekologi"),
    # "diabetesfotvård", "sjukfotvård"
    CompoundHead("fotvård", "medicinsk_fotvard"),
)

#: Names that mean a category only when nothing more precise is said: a region's "Hälsoval"
#: or "Vårdval Västernorrland" is its primary care, "Hälsoval tandvård" is tandvård.
WEAK_SYNONYMS: dict[str, str] = {
    "hälsoval": "primarvard",
    "vårdval": "primarvard",
}

#: CPV codes (CPV 2008, the vocabulary of LOV 1 kap. 1 §: 79611000 and 85000000-85323000)
#: → categories, with the name Upphandlingsmyndigheten's list of välfärdstjänster prints
#: (lower-case names are descriptions of codes below the list's level, not quotations).
#: A code not listed takes its nearest listed parent (85121281 → 85121280 → 85121200 ...).
#: An empty tuple means "too broad to say": nothing is guessed.
CPV_CATEGORIES: dict[str, tuple[tuple[str, ...], str]] = {
    "75200000": ((), "Samhällstjänster"),
    "79611000": (("arbetsmarknadsinsatser",), "Jobbsökningstjänster"),
    "79622000": (("hemtjanst",), "Tillhandahållande av hemtjänstpersonal"),
    "79624000": ((), "Förmedling av vårdpersonal"),
    "79625000": ((), "Förmedling av läkare"),
    "85000000": ((), "Hälso- och sjukvård samt socialvård"),
    "85100000": (("halso_och_sjukvard_ovrigt",), "Hälsovårdstjänster"),
    "85110000": (("halso_och_sjukvard_ovrigt",), "Sjukhustjänster och tillhörande tjänster"),
    "85111000": (("halso_och_sjukvard_ovrigt",), "Sjukhustjänster"),
    "85111100": (("halso_och_sjukvard_ovrigt",), "Kirurgisk sjukhusvård"),
    "85111200": (("specialiserad_oppenvard",), "Läkarvård på sjukhus"),
    "85111300": (("gynekologi",), "Gynekologisk sjukhusvård"),
    "85111310": (("gynekologi",), "Provrörsbefruktning"),
    "85111320": (("forlossningsvard",), "Förlossningsvård"),
    "85111400": (("rehabilitering",), "Sjukhusrehabilitering"),
    "85111500": (("psykiatri",), "Mentalvård på sjukhus"),
    "85111600": (("ortopedi",), "Ortopediska tjänster"),
    "85111700": ((), "Syrgasbehandling"),
    "85111800": ((), "Patologiska tjänster"),
    "85120000": (("halso_och_sjukvard_ovrigt",), "Läkartjänster"),
    "85121100": (("primarvard",), "Tjänster utförda av allmänpraktiserande läkare"),
    "85121200": (("specialiserad_oppenvard",), "Tjänster utförda av specialistläkare"),
    "85121210": (("gynekologi",), "gynekologer och obstetriker"),
    "85121240": (("oron_nasa_hals",), "öron-, näs- och halsläkare, audiologer"),
    "85121252": (("geriatrik",), "geriatriker"),
    "85121270": (("psykiatri",), "psykiatriker och psykologer"),
    "85121271": (("boende_socialpsykiatri",), "hem för personer med psykiska problem"),
    "85121281": (("ogonsjukvard",), "ögonläkare"),
    "85121282": (("hudsjukvard",), "dermatologer"),
    "85121283": (("ortopedi",), "ortopeder"),
    "85130000": (("tandvard",), "Tandläkarvård och liknande tjänster"),
    "85140000": (("halso_och_sjukvard_ovrigt",), "Diverse hälsovårdstjänster"),
    "85141100": (("barnmorskemottagning",), "Barnmorsketjänster"),
    "85141210": (("hemsjukvard",), "medicinsk behandling i hemmet"),
    "85142000": (("paramedicin",), "Paramedicinska tjänster"),
    "85142100": (("fysioterapi",), "Sjukgymnastik"),
    "85142200": ((), "Homeopati"),
    "85142300": ((), "Hygientjänster"),
    "85142400": ((), "Hemleverans av inkontinensartiklar"),
    "85143000": ((), "Ambulanstjänster"),
    "85144000": (("sarskilt_boende_aldre",), "Vårdhem"),
    "85145000": ((), "Medicinska laboratorietjänster"),
    "85150000": ((), "Medicinsk bildbehandling"),
    "85160000": ((), "Optikertjänster"),
    "85170000": ((), "Akupunktur och kiropraktik"),
    "85300000": ((), "Socialtjänst och närbesläktade tjänster"),
    "85310000": ((), "Socialtjänst"),
    "85311000": ((), "Socialtjänst med inkvartering"),
    "85311100": (("aldreomsorg_ovrigt",), "Social omsorg för äldre"),
    "85311200": (
        ("funktionsnedsattning_ovrigt",),
        "Social omsorg för personer med funktionsnedsättning",
    ),
    "85311300": (("individ_och_familjeomsorg_ovrigt",), "Social omsorg för barn och ungdomar"),
    "85312000": ((), "Socialtjänst utan inkvartering"),
    "85312100": (("dagverksamhet_aldre",), "Tjänster för dagcenter"),
    "85312110": ((), "Daghem för barn"),
    "85312120": (("funktionsnedsattning_ovrigt",), "Dagvård för funktionshindrade barn och unga"),
    "85312200": (("matdistribution",), "Hemleverans av förnödenheter"),
    "85312300": (("individ_och_familjeomsorg_ovrigt",), "Vägledning och rådgivning"),
    "85312400": ((), "Välfärdstjänster utanför institution"),
    "85312500": (("rehabilitering",), "Rehabiliteringstjänster"),
    "85312510": (("arbetsmarknadsinsatser",), "Yrkesinriktad rehabilitering"),
    "85320000": ((), "Socialtjänster"),
    "85323000": (("halso_och_sjukvard_ovrigt",), "Hälsovård i samhället"),
}

#: Statistics-style (CPV) names too broad to name the service on their own, and the
#: categories they give way to when the heading, the other areas or the description name
#: one: "Tjänster för dagcenter" beside "Daglig verksamhet enligt LSS" is daglig verksamhet.
#: Keys are folded word strings (`text.words`); values are group codes or category codes.
_DAY_CENTRES = ("dagverksamhet_aldre", "daglig_verksamhet_lss", "sysselsattning_socialpsykiatri")
BROAD_REFINEMENTS: dict[str, frozenset[str]] = {
    term: frozenset(refined)
    for term, refined in {
        "tjanster for dagcenter": _DAY_CENTRES,
        "dagcenter": _DAY_CENTRES,
        "aldreomsorg": ("aldreomsorg",),
        "omsorg om aldre": ("aldreomsorg",),
        "social omsorg for aldre": ("aldreomsorg",),
        "social omsorg for personer med funktionsnedsattning": (
            "funktionsnedsattning",
            "socialpsykiatri",
        ),
        "social omsorg for funktionshindrade": ("funktionsnedsattning", "socialpsykiatri"),
        "paramedicinska tjanster": (
            "fysioterapi",
            "logopedi",
            "medicinsk_fotvard",
            "rehabilitering",
            "psykoterapi",
        ),
        "jobbsokningstjanster": ("arbetsmarknad",),
        "vard i hemmet": ("hemtjanst", "hemsjukvard", "palliativ_vard"),
        "mentalvard pa sjukhus": ("psykiatri", "psykoterapi"),
        "halsovardstjanster": ("halso_och_sjukvard",),
        "sjukhustjanster": ("halso_och_sjukvard",),
        "lakarvard pa sjukhus": ("halso_och_sjukvard",),
        "tjanster utforda av specialistlakare": ("halso_och_sjukvard",),
        "rehabiliteringstjanster": ("halso_och_sjukvard",),
    }.items()
}
