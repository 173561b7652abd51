"""A readable diff of an advert's versions: word by word, for a person, not a patch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from lovwatch.web.labels import FIELDS, text_value

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    #: "same", "removed" or "added"
    op: str
    text: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    segments: tuple[Segment, ...]
    before: str
    after: str


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """Segments that read as the new text with removed words struck out and added ones
    marked; whitespace stays with its neighbours."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    found: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            found.append(Segment("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            found.append(Segment("removed", "".join(old[i1:i2])))
        if j2 > j1:
            found.append(Segment("added", "".join(new[j1:j2])))
    return tuple(found)


def changes(details: dict[str, Any]) -> list[FieldChange]:
    """The fields a `changed` event names, each with its before and after as a word diff."""
    before = details.get("before") or {}
    after = details.get("after") or {}
    found = []
    for name in details.get("fields") or []:
        old, new = text_value(before.get(name)), text_value(after.get(name))
        found.append(FieldChange(name, FIELDS.get(name, name), word_diff(old, new), old, new))
    return found
