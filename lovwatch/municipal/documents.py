"""What kind of document a page is, and how its parts govern the sentences under them.

A motion, an interpellation or a request for återremiss wants things; what it says should
happen is not what was decided. In decisions and motions alike, "att"-items ("att
kommunstyrelsen får i uppdrag att ...") take their modality from the lead-in line above them
("Därför yrkar vi på:", "Kommunfullmäktige beslutar:").
"""

from __future__ import annotations

import re

from lovwatch.municipal.blocks import HEADING, ITEM, Block, Page
from lovwatch.municipal.modality import Modality, modality_cue, modality_of
from lovwatch.municipal.vocabulary import fold_words

#: A party's or a councillor's document: its own introductions and endings are demands.
_PETITION = re.compile(
    r"^(motion|interpellation|medborgarforslag|aterremiss|begaran om aterremiss|reservation|"
    r"yrkande|skrivelse fran)\b"
)
#: An "att"-clause item of a motion or decision ("att kommunstyrelsen får i uppdrag att ..."),
#: or an item that opens with the bare infinitive of an introduction or an end, as a
#: programme's list after "Därför vill vi:" does ("Införa kundval inom kulturskolan").
ATT_ITEM = re.compile(r"^(att|infora|avskaffa|avveckla|skrota|upphora med) ")
#: The label of an opinion piece, on a line of its own: "INSÄNDARE", "Debatt", "Replik".
_OPINION = re.compile(
    r"(insandare|debatt|debattartikel|debattinlagg|replik|slutreplik|kronika|ledare)"
)


def is_petition(page: Page) -> bool:
    """Whether the page is a motion, interpellation or request (by its title or first
    heading): what it wants is not what was decided."""
    first = next((b.text for b in page.blocks if b.kind == HEADING), "")
    return any(_PETITION.search(fold_words(text)) for text in (page.title, first) if text)


#: The matter still goes to a higher body: "Slutligt beslut i frågan tas i kommunfullmäktige",
#: "ska behandlas av kommunstyrelsen i december", "skickas vidare till kommunstyrelsen".
_PENDING = re.compile(
    r"\b(slutligt|slutgiltigt) beslut\b|"
    r"\b(ska|skall|kommer att) (sedan |nu )?(behandlas|beslutas|avgoras|tas upp) (av|i) "
    r"(kommunstyrelsen|kommunfullmaktige|fullmaktige|regionstyrelsen|regionfullmaktige)\b|"
    r"\b(skickas|gar) (sedan )?vidare till (kommunstyrelsen|kommunfullmaktige|fullmaktige|"
    r"regionstyrelsen|regionfullmaktige)\b"
)
#: A body below the council deciding: "Socialnämnden har beslutat", "arbetsutskottet beslöt",
#: "kommunstyrelsen beslutade"; the council itself ("kommunfullmäktige") decides for good.
BOARD_DECIDES = re.compile(r"\b(\w*namnden|\w*utskottet|kommunstyrelsen|regionstyrelsen)\b")
COUNCIL = re.compile(r"\b\w*fullmaktige\b")


def awaits_final_decision(page: Page) -> bool:
    """Whether the page says the matter still goes on to the board or the council: a
    nämnd's decision on it is then a step, not the decision."""
    return bool(_PENDING.search(fold_words(page.text)))


def is_opinion(page: Page) -> bool:
    """Whether the page is an opinion piece (a letter, a debate article, a reply), by a label
    on a line of its own among its first lines: what its authors say they will do is a
    promise, not a decision."""
    return any(_OPINION.fullmatch(fold_words(block.text)) for block in page.blocks[:4])


def lead_in_modality(block: Block) -> Modality | None:
    """The modality a lead-in gives the "att"-items after it: a line ending in a colon
    ("Därför yrkar vi på:" a demand, "Kommunfullmäktige beslutar:" a decision), or a heading
    or unfinished line with a cue ("Förslag till beslut" a proposal, "Vi föreslår
    kommunfullmäktige besluta" a proposal, "Beslut" a decision); None otherwise."""
    folded = fold_words(block.text)
    text = block.text.rstrip()
    if block.kind == ITEM:
        return None
    if text.endswith(":"):
        return modality_of(folded, len(folded))
    if block.kind == HEADING or not text.endswith((".", "!", "?")):
        # "Förslag till beslut" as a heading, "Vi föreslår fullmäktige besluta" as a line
        return modality_cue(folded)
    return None
