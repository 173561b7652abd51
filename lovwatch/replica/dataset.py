"""The replica's adverts: a hand-made national register ("day 0"), its next day, and large
synthetic sets for benchmarks (the trend tests' multi-day scenarios build on these).

Everything here is deterministic: the same call gives the same adverts, so tests can compare
a crawl against the data that was served. Document links point either at the replica itself
(site-relative paths) or at hosts under the reserved ``.example`` domain, so that no crawler
following them can reach a real site.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from importlib import resources

#: The date the day-0 state was "crawled"; day n of a multi-day scenario is this plus n days.
DAY0 = date(2025, 3, 3)
LAYOUTS = ("dl", "spans", "table")


@dataclass
class ReplicaAdvert:
    """One advert of the national database, with what the search endpoint and its page show."""

    buyer_slug: str
    system_slug: str
    heading: str
    authority: str
    region_name: str
    business_areas: list[str] | None
    excerpt: str
    updated: str
    published: str
    contact: str
    documents: list[tuple[str, str]]  # (label, absolute or relative URL)
    description: str
    layout: str = "dl"
    page_status: int = 200  # 404/410 = page gone; 200 while delisted = page alive
    listed: bool = True  # False = missing from the search results

    @property
    def key(self) -> str:
        return f"{self.buyer_slug}/{self.system_slug}"


def slugify(text: str) -> str:
    """Lower-case, ASCII-folded (å, ä → a, ö → o), hyphenated: how the site builds URL slugs."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


Areas = list[str] | None
Buyer = tuple[str, str, str, str]
System = tuple[str, str, Areas]
# (authority, buyer slug, regionName as the site shows it, mail domain, [(system slug, heading,
# businessAreas)]). regionName deliberately mixes county, county without "län" and buyer name.
_REGISTER: list[tuple[str, str, str, str, list[System]]] = [
    (
        "Salems kommun",
        "salems-kommun",
        "Stockholms län",
        "salem.se",
        [
            ("hemtjanst", "Valfrihetssystem inom hemtjänst", ["Hemtjänst"]),
            ("daglig-verksamhet", "Daglig verksamhet enligt LSS", ["Daglig verksamhet enligt LSS"]),
            (
                "ledsagning-och-avlosning",
                "Ledsagar- och avlösarservice enligt LSS",
                ["Ledsagarservice", "Avlösarservice"],
            ),
        ],
    ),
    (
        "Göteborgs Stad",
        "goteborgs-stad",
        "Västra Götalands län",
        "goteborg.se",
        [
            ("hemtjanst", "Hemtjänst enligt 3 kap. 6 § SoL", ["Vård i hemmet (hemtjänst)"]),
            ("daglig-verksamhet-lss", "Daglig verksamhet LSS", ["Tjänster för dagcenter"]),
            ("boendestod", "Boendestöd", None),
        ],
    ),
    (
        "Sociala resursnämnden, Göteborgs Stad",
        "sociala-resursnamnden-goteborgs-stad",
        "Göteborgs Stad",
        "goteborg.se",
        [
            ("familjeradgivning", "Valfrihetssystem för familjerådgivning", ["Familjerådgivning"]),
            ("oppenvard-missbruk", "Öppenvård för vuxna med missbruk", []),
            ("hvb-vuxna", "HVB för vuxna", ["HVB för vuxna"]),
        ],
    ),
    (
        "Falu kommun",
        "falu-kommun",
        "Dalarna",
        "falun.se",
        [
            (
                "hemtjanst",
                "Kundval inom hemtjänsten",
                ["Hemtjänst – service", "Hemtjänst – omvårdnad"],
            ),
            ("ledsagning", "Ledsagning enligt SoL och LSS", ["Ledsagning"]),
        ],
    ),
    (
        "Borås Stad",
        "boras-stad",
        "Västra Götaland",
        "boras.se",
        [
            (
                "hemtjanst",
                "Förfrågningsunderlag valfrihetssystem inom hemtjänst service",
                ["Hemtjänst – service"],
            ),
            ("daglig-verksamhet", "Daglig verksamhet enligt LSS", ["Daglig verksamhet"]),
            (
                "personlig-assistans",
                "Personlig assistans – ickevalsalternativ",
                ["Personlig assistans"],
            ),
        ],
    ),
    (
        "Stockholms stad, Äldreförvaltningen",
        "stockholms-stad",
        "Stockholms län",
        "stockholm.se",
        [
            ("hemtjanst", "Hemtjänst i Stockholms stad", ["Hemtjänst", "Äldreomsorg"]),
            (
                "sarskilt-boende",
                "Särskilt boende för äldre (vård- och omsorgsboende)",
                ["Särskilt boende", "Äldreomsorg"],
            ),
            ("dagverksamhet-for-aldre", "Dagverksamhet för äldre", ["Dagverksamhet"]),
            ("matdistribution", "Matdistribution", None),
        ],
    ),
    (
        "Stadsdelsförvaltning Hässelby-Vällingby, Stockholms stad",
        "stadsdelsforvaltning-hasselby-vallingby",
        "Stockholm",
        "stockholm.se",
        [
            ("daglig-verksamhet", "Daglig verksamhet enligt LSS", ["Daglig verksamhet"]),
            ("sysselsattning-socialpsykiatri", "Sysselsättning inom socialpsykiatri", None),
        ],
    ),
    (
        "Upplands-Bro kommun",
        "upplands-bro-kommun",
        "Stockholms län",
        "upplands-bro.se",
        [
            ("hemtjanst", "Valfrihetssystem inom hemtjänst", ["Hemtjänst"]),
            ("korttidstillsyn", "Korttidstillsyn enligt LSS", ["Korttidstillsyn"]),
        ],
    ),
    (
        "Upplands Väsby kommun",
        "upplands-vasby-kommun",
        "Stockholm",
        "upplandsvasby.se",
        [
            (
                "hemtjanst",
                "Hemtjänst med service och omsorg",
                ["Hemtjänst – service", "Hemtjänst – omvårdnad"],
            ),
            ("boendestod", "Boendestöd enligt SoL", ["Boendestöd"]),
        ],
    ),
    (
        "Malung-Sälens kommun",
        "malung-salens-kommun",
        "Dalarnas län",
        "malung-salen.se",
        [("hemtjanst", "Valfrihetssystem inom hemtjänst", [])],
    ),
    (
        "Lilla Edets kommun",
        "lilla-edets-kommun",
        "Lilla Edets kommun",
        "lillaedet.se",
        [
            ("hemtjanst", "Hemtjänst enligt LOV", ["Hemtjänst"]),
            ("avlosning", "Avlösarservice i hemmet", ["Avlösarservice"]),
        ],
    ),
    # Håbo and Habo fold to the same slug: the site tells them apart with a suffix.
    (
        "Håbo kommun",
        "habo-kommun",
        "Uppsala län",
        "habo.se",
        [
            ("hemtjanst", "Valfrihetssystem inom hemtjänst", ["Hemtjänst"]),
            ("daglig-verksamhet", "Daglig verksamhet enligt LSS", ["Daglig verksamhet"]),
        ],
    ),
    (
        "Habo kommun",
        "habo-kommun-1",
        "Jönköpings län",
        "habokommun.se",
        [("hemtjanst", "Valfrihet inom hemtjänsten", ["Hemtjänst"])],
    ),
    (
        "Nacka kommun",
        "nacka-kommun",
        "Stockholms län",
        "nacka.se",
        [
            ("hemtjanst", "Kundval hemtjänst", ["Hemtjänst"]),
            ("familjeradgivning", "Kundval familjerådgivning", ["Familjerådgivning"]),
            ("korttidsvistelse", "Korttidsvistelse enligt LSS", ["Korttidsvistelse"]),
            (
                "gruppbostad-lss",
                "Bostad med särskild service för vuxna (gruppbostad) LSS",
                ["Särskilt boende / gruppbostad LSS"],
            ),
        ],
    ),
    (
        "Sundbybergs stad",
        "sundbybergs-stad",
        "Sundbybergs stad",
        "sundbyberg.se",
        [("hemtjanst", "Hemtjänst i Sundbybergs stad", ["Hemtjänst"])],
    ),
    (
        "Skurups kommun",
        "skurups-kommun",
        "Skåne län",
        "skurup.se",
        [("familjeradgivning", "Familjerådgivning enligt LOV", ["Familjerådgivning"])],
    ),
    (
        "Krokoms kommun",
        "krokoms-kommun",
        "Jämtland",
        "krokom.se",
        [("hemtjanst", "Valfrihet i hemtjänsten", None)],
    ),
    (
        "Uppsala kommun",
        "uppsala-kommun",
        "Uppsala län",
        "uppsala.se",
        [
            ("hemtjanst", "Hemtjänst inklusive hemsjukvård", ["Hemtjänst", "Hemsjukvård"]),
            ("ledsagarservice", "Ledsagarservice enligt LSS", ["Ledsagarservice"]),
        ],
    ),
    (
        "Västerås stad",
        "vasteras-stad",
        "Västmanlands län",
        "vasteras.se",
        [
            ("hemtjanst", "Hemtjänst i Västerås stad", ["Vård i hemmet (hemtjänst)"]),
            ("daglig-verksamhet", "Daglig verksamhet", ["Tjänster för dagcenter"]),
        ],
    ),
    (
        "Linköpings kommun",
        "linkopings-kommun",
        "Östergötland",
        "linkoping.se",
        [
            ("hemtjanst", "Valfrihetssystem inom hemtjänst", ["Hemtjänst"]),
            ("kvalificerad-tillsyn", "Kvalificerad tillsyn vid livsuppehållande åtgärder", None),
        ],
    ),
    (
        "Örebro kommun",
        "orebro-kommun",
        "Örebro län",
        "orebro.se",
        [
            ("hemtjanst", "Hemtjänst i Örebro kommun", ["Hemtjänst"]),
            ("korttidstillsyn", "Korttidstillsyn för skolungdom över 12 år", ["Korttidstillsyn"]),
        ],
    ),
    (
        "Täby kommun",
        "taby-kommun",
        "Stockholms län",
        "taby.se",
        [
            ("kundval-hemtjanst", "Kundval hemtjänst", ["Hemtjänst"]),
            ("kundval-daglig-verksamhet", "Kundval daglig verksamhet", ["Daglig verksamhet"]),
            ("familjebehandling", "Kundval familjebehandling", []),
        ],
    ),
    (
        "Jönköpings kommun",
        "jonkopings-kommun",
        "Jönköpings län",
        "jonkoping.se",
        [
            (
                "personlig-assistans",
                "Personlig assistans enligt LSS – icke-val",
                ["Personlig assistans"],
            )
        ],
    ),
    (
        "Region Skåne",
        "region-skane",
        "Skåne län",
        "skane.se",
        [
            (
                "vardval-primarvard",
                "Hälsoval Skåne – vårdval primärvård",
                ["Allmänpraktiserande läkare"],
            ),
            ("vardval-medicinsk-fotvard", "Vårdval medicinsk fotvård", ["Paramedicinska tjänster"]),
            ("vardval-fysioterapi", "Vårdval fysioterapi", ["Fysioterapi"]),
            ("vardval-ogonsjukvard", "Vårdval ögonsjukvård", None),
        ],
    ),
    (
        "Region Stockholm",
        "region-stockholm",
        "Stockholms län",
        "regionstockholm.se",
        [
            (
                "vardval-huslakarverksamhet",
                "Vårdval husläkarverksamhet med basal hemsjukvård",
                ["Allmänpraktiserande läkare"],
            ),
            ("vardval-psykoterapi", "Vårdval psykoterapi", ["Psykoterapi"]),
            ("vardval-horsel", "Vårdval hörsel", ["Hörselvård"]),
            ("vardval-barnmorskemottagning", "Vårdval barnmorskemottagning", None),
            ("vardval-logopedi", "Vårdval logopedi", ["Paramedicinska tjänster"]),
        ],
    ),
    (
        "Västra Götalandsregionen",
        "vastra-gotalandsregionen",
        "Västra Götaland",
        "vgregion.se",
        [
            (
                "vardval-vardcentral",
                "Krav- och kvalitetsbok Vårdval Vårdcentral",
                ["Allmänpraktiserande läkare"],
            ),
            ("vardval-tandvard", "Vårdval allmäntandvård för vuxna", ["Tandläkarvård"]),
            ("vardval-rehab", "Vårdval Rehab", ["Fysioterapi", "Arbetsterapi"]),
        ],
    ),
    (
        "Region Jämtland Härjedalen",
        "region-jamtland-harjedalen",
        "Jämtlands län",
        "regionjh.se",
        [
            ("halsoval", "Hälsoval Region Jämtland Härjedalen", ["Primärvård"]),
            ("vardval-tandvard", "Vårdval tandvård", ["Tandvård"]),
        ],
    ),
    (
        "Region Sörmland",
        "region-sormland",
        "Södermanland",
        "regionsormland.se",
        [
            ("vardval-primarvard", "Vårdval Sörmland primärvård", ["Primärvård"]),
            ("vardval-medicinsk-fotvard", "Vårdval medicinsk fotvård", ["Medicinsk fotvård"]),
        ],
    ),
    (
        "Region Gotland",
        "region-gotland",
        "Region Gotland",
        "gotland.se",
        [
            ("hemtjanst", "Valfrihetssystem inom hemtjänst", ["Hemtjänst"]),
            ("vardval-primarvard", "Vårdval primärvård Gotland", ["Allmänpraktiserande läkare"]),
        ],
    ),
    (
        "Arbetsförmedlingen",
        "arbetsformedlingen",
        "Arbetsförmedlingen",
        "arbetsformedlingen.se",
        [
            ("rusta-och-matcha", "Rusta och matcha", ["Jobbsökningstjänster"]),
            (
                "rusta-och-matcha-malmo",
                "Rusta och matcha – leveransområde Malmö",
                ["Jobbsökningstjänster"],
            ),
            (
                "rusta-och-matcha-umea",
                "Rusta och matcha – leveransområde Umeå",
                ["Arbetsmarknadsinsatser"],
            ),
            ("stod-och-matchning", "Kundval Stöd och matchning", None),
        ],
    ),
]

_PEOPLE = (
    "Anna Lindqvist",
    "Erik Johansson",
    "Maria Karlsson",
    "Lars Nilsson",
    "Karin Andersson",
    "Johan Eriksson",
    "Sara Öberg",
    "Mikael Åström",
    "Eva Bergström",
    "Per Holm",
)
_OPENINGS = (
    "{authority} annonserar valfrihetssystemet ”{heading}” enligt lagen (2008:962) om "
    "valfrihetssystem (LOV).",
    "Välkommen att ansöka om att bli utförare inom ”{heading}” hos {authority}.",
    "{authority} tillämpar LOV för ”{heading}”; utförare som uppfyller kraven godkänns.",
)
_TERMS = (
    "Ersättningen är fastställd i förväg och lika för alla utförare; konkurrensen sker med "
    "kvalitet.",
    "Utförare som uppfyller kraven godkänns och tecknar kontrakt. Den enskilde väljer utförare.",
    "Ickevalsalternativet utförs i egen regi; den som inte väljer tilldelas enligt turordning.",
)


def _contact(rng: random.Random, domain: str) -> str:
    """'Name, e-mail, phone' as the page shows the Kontaktperson."""
    name = rng.choice(_PEOPLE)
    mail = slugify(name).replace("-", ".")
    area_code = rng.choice(("08", "031", "018", "023", "033", "040", "063", "0498"))
    phone = f"{area_code}-{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return f"{name}, {mail}@{domain}, {phone}"


def _documents(index: int, key: str) -> list[tuple[str, str]]:
    """Förfrågningsunderlag and application form: on the replica, or on an e-tendering tool."""
    base = f"/globalassets/lov/{key}"
    form = ("Ansökningsformulär" if index % 2 else "Ansökan", f"{base}/ansokningsformular.docx")
    if index % 4 == 3:
        return [("Förfrågningsunderlag", f"https://e-avrop.example/annons/{slugify(key)}"), form]
    return [("Förfrågningsunderlag", f"{base}/forfragningsunderlag.pdf"), form]


def _advert(
    rng: random.Random, index: int, buyer: Buyer, system: System, newest: date
) -> ReplicaAdvert:
    """One advert with dated, worded content drawn from `rng` (published ≤ updated ≤ newest)."""
    authority, buyer_slug, region, domain = buyer
    system_slug, heading, areas = system
    published = newest - timedelta(days=rng.randint(200, 5000))
    updated = newest - timedelta(days=rng.randint(0, (newest - published).days))
    opening = rng.choice(_OPENINGS).format(authority=authority, heading=heading)
    description = "\n\n".join(
        [
            f"{opening} Ansökan kan lämnas in löpande så länge valfrihetssystemet gäller.",
            rng.choice(_TERMS),
            f"Handläggningstiden är normalt {rng.randint(4, 12)} veckor från komplett ansökan. "
            "Frågor om förfrågningsunderlaget ställs till kontaktpersonen.",
        ]
    )
    key = f"{buyer_slug}/{system_slug}"
    return ReplicaAdvert(
        buyer_slug=buyer_slug,
        system_slug=system_slug,
        heading=heading,
        authority=authority,
        region_name=region,
        business_areas=None if areas is None else list(areas),
        excerpt=opening,
        updated=updated.isoformat(),
        published=published.isoformat(),
        contact=_contact(rng, domain),
        documents=_documents(index, key),
        description=description,
        layout=LAYOUTS[index % len(LAYOUTS)],
    )


def _build(entries: list[tuple[Buyer, System]], seed: int, newest: date) -> list[ReplicaAdvert]:
    rng = random.Random(seed)
    return [_advert(rng, i, buyer, system, newest) for i, (buyer, system) in enumerate(entries)]


def initial_adverts() -> list[ReplicaAdvert]:
    """The "day 0" state: about 70 hand-made adverts, all listed, all pages alive."""
    entries = [(row[:4], system) for row in _REGISTER for system in row[4]]
    return _build(entries, seed=2025, newest=DAY0)


_NEW_ON_DAY1 = [
    (
        ("Sundbybergs stad", "sundbybergs-stad", "Stockholms län", "sundbyberg.se"),
        (
            "ledsagning-och-avlosning",
            "Ledsagning och avlösning enligt LSS",
            ["Ledsagarservice", "Avlösarservice"],
        ),
    ),
    (
        ("Habo kommun", "habo-kommun-1", "Jönköpings län", "habokommun.se"),
        ("daglig-verksamhet", "Daglig verksamhet enligt LSS", None),
    ),
    (
        ("Region Sörmland", "region-sormland", "Sörmland", "regionsormland.se"),
        ("vardval-psykoterapi", "Vårdval psykoterapi <KBT & PDT>", ["Psykoterapi"]),
    ),
]

#: What `next_day_adverts()` changes relative to `initial_adverts()`, by advert key.
NEXT_DAY_CHANGES: dict[str, list[str]] = {
    "new": [f"{buyer[1]}/{system[0]}" for buyer, system in _NEW_ON_DAY1],
    "changed": ["goteborgs-stad/boendestod", "region-skane/vardval-fysioterapi"],
    "touched": ["nacka-kommun/hemtjanst"],
    "gone_404": ["krokoms-kommun/hemtjanst"],
    "gone_410": ["region-stockholm/vardval-logopedi"],
    "delisted_alive": ["upplands-bro-kommun/korttidstillsyn"],
}


def next_day_adverts() -> list[ReplicaAdvert]:
    """Day 1: `initial_adverts()` with exactly the differences listed in NEXT_DAY_CHANGES.

    New adverts come first, as a "latest first" listing would put them, so that offsets of
    every older advert shift.
    """
    day1 = (DAY0 + timedelta(days=1)).isoformat()
    new = _build(_NEW_ON_DAY1, seed=2026, newest=DAY0 + timedelta(days=1))
    for advert in new:
        advert.published = advert.updated = day1
    by_key = {advert.key: replace(advert) for advert in initial_adverts()}
    heading_change, content_change = NEXT_DAY_CHANGES["changed"]
    by_key[heading_change].heading = "Boendestöd enligt SoL för vuxna med psykisk ohälsa"
    changed = by_key[content_change]
    changed.business_areas = ["Fysioterapi", "Paramedicinska tjänster"]
    changed.description += "\n\nFrån och med i år ingår även digitala besök i uppdraget."
    for key in NEXT_DAY_CHANGES["changed"] + NEXT_DAY_CHANGES["touched"]:
        by_key[key].updated = day1
    for change, status in (("gone_404", 404), ("gone_410", 410), ("delisted_alive", 200)):
        for key in NEXT_DAY_CHANGES[change]:
            by_key[key].page_status, by_key[key].listed = status, False
    return new + list(by_key.values())


def _genitive(name: str) -> str:
    """'Salem' → 'Salems kommun', 'Nacka' → 'Nacka kommun' (close to the official forms)."""
    if name == "Falun":
        return "Falu kommun"
    return f"{name} kommun" if name[-1] in "aeiouyåäösxz" else f"{name}s kommun"


_MUNICIPAL_SYSTEMS: list[System] = [
    ("hemtjanst", "Valfrihetssystem inom hemtjänst", ["Hemtjänst"]),
    ("hemtjanst-service", "Hemtjänst – serviceinsatser", ["Hemtjänst – service"]),
    ("daglig-verksamhet", "Daglig verksamhet enligt LSS", ["Daglig verksamhet"]),
    ("ledsagning", "Ledsagarservice enligt LSS", ["Ledsagarservice"]),
    ("avlosning", "Avlösarservice enligt LSS", ["Avlösarservice"]),
    ("familjeradgivning", "Familjerådgivning", ["Familjerådgivning"]),
    ("boendestod", "Boendestöd", None),
    ("sarskilt-boende", "Särskilt boende för äldre", ["Särskilt boende"]),
    ("personlig-assistans", "Personlig assistans – ickeval", ["Personlig assistans"]),
    ("korttidsvistelse", "Korttidsvistelse enligt LSS", []),
    ("matdistribution", "Matdistribution", ["Matdistribution"]),
    ("dagverksamhet", "Dagverksamhet för äldre", ["Dagverksamhet"]),
]
_REGIONAL_SYSTEMS: list[System] = [
    ("vardval-primarvard", "Vårdval primärvård", ["Allmänpraktiserande läkare"]),
    ("vardval-tandvard", "Vårdval tandvård", ["Tandläkarvård"]),
    ("vardval-medicinsk-fotvard", "Vårdval medicinsk fotvård", ["Medicinsk fotvård"]),
    ("vardval-fysioterapi", "Vårdval fysioterapi", ["Fysioterapi"]),
    ("vardval-psykoterapi", "Vårdval psykoterapi", ["Psykoterapi"]),
    ("vardval-horsel", "Vårdval hörsel", None),
    ("vardval-ogonsjukvard", "Vårdval ögonsjukvård", ["Paramedicinska tjänster"]),
]


def _buyers() -> tuple[list[Buyer], list[Buyer]]:
    """(municipalities, regions) as (authority, unique buyer slug, regionName, domain)."""
    text = resources.files("lovwatch").joinpath("data/municipalities.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    used: set[str] = set()

    def unique(slug: str) -> str:
        # The site appends -1, -2 ... when a slug is taken (Håbo / Habo).
        candidate, n = slug, 0
        while candidate in used:
            n += 1
            candidate = f"{slug}-{n}"
        used.add(candidate)
        return candidate

    municipalities = []
    for row in rows:
        name = _genitive(row["municipality_name"])
        municipalities.append((name, unique(slugify(name)), row["county_name"], row["website"]))
    counties = sorted({row["county_name"] for row in rows})
    regions = []
    for county in counties:
        name = "Region " + county.removesuffix(" län").removesuffix("s")
        regions.append((name, unique(slugify(name)), county, slugify(name) + ".se"))
    return municipalities, regions


def generated_adverts(count: int, seed: int = 1) -> list[ReplicaAdvert]:
    """`count` synthetic adverts over all 290 municipalities and 21 regions (benchmarks).

    Keys are unique; when `count` exceeds the buyer × service combinations, system slugs get
    a numeric suffix, as a second advert for the same service would.
    """
    municipalities, regions = _buyers()
    combos = [(b, s) for b in municipalities for s in _MUNICIPAL_SYSTEMS]
    combos += [(b, s) for b in regions for s in _REGIONAL_SYSTEMS]
    random.Random(seed).shuffle(combos)
    entries = []
    for i in range(count):
        buyer, (slug, heading, areas) = combos[i % len(combos)]
        round_ = i // len(combos)
        if round_:
            slug, heading = f"{slug}-{round_ + 1}", f"{heading} ({round_ + 1})"
        entries.append((buyer, (slug, heading, areas)))
    return _build(entries, seed=seed, newest=DAY0)
