"""The store's tables for municipal websites: pages read, LOV statements and approved
providers. The events they give rise to are `Event` rows with `source = "municipal"`
(`lovwatch.models.tables`).

Every timestamp is a naive datetime in UTC (`lovwatch.clock.now()`), declared `NaiveDatetime`
as in `lovwatch.models.tables`. History grows with changes: a `PageSnapshot` is written only
when a page's main text changes; statements and provider listings keep `first_seen` /
`last_seen`, and a provider that a re-read page no longer lists gets `removed_at` (never
because a page failed to load).
"""

from __future__ import annotations

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from lovwatch.clock import now


class MunicipalPage(SQLModel, table=True):
    """A page of a municipality's website that speaks of LOV, as last read."""

    id: int | None = Field(default=None, primary_key=True)
    municipality_code: str = Field(index=True)
    url: str = Field(unique=True)
    title: str = ""
    content_hash: str = ""
    #: Whether the last read went through the browser (content injected by script).
    rendered: bool = False
    #: Hitta LOV-uppdrag adverts and förfrågningsunderlag the page links to:
    #: [{"kind": "advert"|"underlag", "url": ..., "text": ...}].
    links: list[dict[str, str]] = Field(default_factory=list, sa_column=Column(JSON))
    first_seen: NaiveDatetime = Field(default_factory=now)
    last_seen: NaiveDatetime = Field(default_factory=now)


class PageSnapshot(SQLModel, table=True):
    """A page's main text as it was from `fetched_at` until the next snapshot."""

    id: int | None = Field(default=None, primary_key=True)
    page_id: int = Field(foreign_key="municipalpage.id", index=True)
    run_id: int | None = Field(default=None, foreign_key="crawlrun.id")
    fetched_at: NaiveDatetime = Field(default_factory=now)
    content_hash: str
    text: str = Field(default="", sa_column=Column(Text))


class LovStatement(SQLModel, table=True):
    """What a municipality's site says about its valfrihetssystem, with the evidence.

    `kind` is a `StatementKind`; `category_code` is None when the statement names no
    category of the taxonomy (LOV in general).
    """

    __table_args__ = (
        UniqueConstraint(
            "municipality_code",
            "url",
            "kind",
            "category_code",
            "quote",
            name="uq_lovstatement_evidence",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    municipality_code: str = Field(index=True)
    kind: str = Field(index=True)
    #: Whose system the claim is about (`own`, `other`, `law`, `general`) and how firm it is
    #: (`decided`, `planned`, `proposed`, `demanded`, `rejected`): only own decisions count.
    subject: str = "own"
    modality: str = "decided"
    confidence: float = 1.0
    category_code: str | None = Field(default=None, index=True)
    #: The date the statement is about (since / from / decided), as precise as the text.
    statement_date: date | None = None
    date_text: str | None = None
    url: str
    quote: str = Field(sa_column=Column(Text))
    first_seen: NaiveDatetime = Field(default_factory=now)
    last_seen: NaiveDatetime = Field(default_factory=now)


class ProviderListing(SQLModel, table=True):
    """One approved provider (godkänd utförare) of a municipality in one category."""

    __table_args__ = (
        UniqueConstraint(
            "municipality_code", "category_code", "provider_key", name="uq_providerlisting"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    municipality_code: str = Field(index=True)
    #: "" when the list names no category of the taxonomy.
    category_code: str = Field(default="", index=True)
    #: Organisation number when shown, else the folded name: what identifies the provider.
    provider_key: str
    name: str
    org_number: str | None = None
    #: The municipality's own unit (egen regi), listed among the choices.
    own_unit: bool = False
    url: str
    first_seen: NaiveDatetime = Field(default_factory=now)
    last_seen: NaiveDatetime = Field(default_factory=now)
    removed_at: NaiveDatetime | None = None


class ProviderCount(SQLModel, table=True):
    """How many providers a municipality has in a category, as counted or as stated."""

    id: int | None = Field(default=None, primary_key=True)
    municipality_code: str = Field(index=True)
    category_code: str = ""
    run_id: int | None = Field(default=None, foreign_key="crawlrun.id")
    observed_at: NaiveDatetime = Field(default_factory=now)
    #: "listed" (providers counted on a list) or "stated" ("fyra aktiva leverantörer").
    source: str = "listed"
    private: int = 0
    own_units: int = 0
    url: str = ""
    quote: str | None = Field(default=None, sa_column=Column(Text))
