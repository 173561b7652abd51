"""The store's tables for the national database: what was seen, when, and what changed.

Every timestamp is a naive datetime in UTC (`lovwatch.clock.now()`), declared `NaiveDatetime`
so that SQLModel stores it as such on every database.

History grows with changes, not with crawls: an `AdvertVersion` row is written only when an
advert's content fingerprint changes, and `Event` rows record what the change means.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import JSON, CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from lovwatch.clock import now
from lovwatch.constants import MUNICIPAL_EVENT_KINDS, NATIONAL_EVENT_KINDS, EventSource, in_list


class Authority(SQLModel, table=True):
    """A buyer as named in adverts, with what normalisation made of the name."""

    id: int | None = Field(default=None, primary_key=True)
    #: Not unique: a committee name shared by several municipalities is one row for each.
    name: str = Field(index=True)
    kind: str = Field(index=True)
    municipality_code: str | None = Field(default=None, index=True)
    county_code: str | None = Field(default=None, index=True)
    matched: bool = True


class ServiceCategory(SQLModel, table=True):
    """A canonical service category of lovwatch's taxonomy (kept in step with the code)."""

    code: str = Field(primary_key=True)
    label: str
    group_code: str = Field(index=True)
    group_label: str
    position: int = 0


class Advert(SQLModel, table=True):
    """One valfrihetssystem advert, keyed by the `<buyer-slug>/<system-slug>` of its URL."""

    id: str = Field(primary_key=True)
    url: str
    title: str = ""
    authority_id: int | None = Field(default=None, foreign_key="authority.id", index=True)
    region_name: str | None = None
    #: Service areas as the listing's `businessAreas` gave them.
    listing_areas: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    #: Listing areas and the advert page's "Tjänsteområde" values together, de-duplicated.
    service_areas: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    excerpt: str = Field(default="", sa_column=Column(Text))
    updated_raw: str | None = None
    updated: date | None = None
    published: date | None = None
    contact: str | None = Field(default=None, sa_column=Column(Text))
    documents: list[dict[str, str]] = Field(default_factory=list, sa_column=Column(JSON))
    description: str = Field(default="", sa_column=Column(Text))
    page_text: str = Field(default="", sa_column=Column(Text))
    raw_item: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    #: The listing's `updated` value when the advert page was last read successfully;
    #: None until a page read succeeds, so a failed read is retried next run.
    page_updated_raw: str | None = None
    page_fetched_at: NaiveDatetime | None = None
    listing_fingerprint: str = ""
    content_fingerprint: str = ""
    status: str = Field(default="active", index=True)
    first_seen: NaiveDatetime = Field(default_factory=now)
    last_seen: NaiveDatetime = Field(default_factory=now)
    ended_at: NaiveDatetime | None = None
    #: Consecutive complete listings this advert was missing from.
    missing_runs: int = 0


class AdvertCategory(SQLModel, table=True):
    """Which canonical categories an advert carries (derived from its areas, heading, text)."""

    advert_id: str = Field(foreign_key="advert.id", primary_key=True)
    category_code: str = Field(foreign_key="servicecategory.code", primary_key=True)


class CrawlRun(SQLModel, table=True):
    """One crawl: whether it was complete decides whether it may end anything."""

    id: int | None = Field(default=None, primary_key=True)
    source: str = "national"
    started_at: NaiveDatetime = Field(default_factory=now)
    finished_at: NaiveDatetime | None = None
    status: str = Field(default="running", index=True)
    reason: str | None = Field(default=None, sa_column=Column(Text))
    base_url: str = ""
    number_of_hits: int | None = None
    unique_adverts: int = 0
    listing_pages: int = 0
    page_requests: int = 0
    requests: int = 0
    baseline: bool = False
    new: int = 0
    changed: int = 0
    ended: int = 0
    reappeared: int = 0
    #: Share of the advert pages read that yielded each field (national runs).
    coverage: dict[str, float] | None = Field(default=None, sa_column=Column(JSON))
    #: Page labels and listing keys that lovwatch has no meaning for (a layout drifting).
    unknown_labels: list[str] | None = Field(default=None, sa_column=Column(JSON))
    unknown_keys: list[str] | None = Field(default=None, sa_column=Column(JSON))
    #: Adverts the mass-end breaker kept from ending; empty once released.
    held_endings: list[str] | None = Field(default=None, sa_column=Column(JSON))
    released_at: NaiveDatetime | None = None


class AdvertVersion(SQLModel, table=True):
    """An advert's content as it was from `recorded_at` until the next version."""

    id: int | None = Field(default=None, primary_key=True)
    advert_id: str = Field(foreign_key="advert.id", index=True)
    run_id: int | None = Field(default=None, foreign_key="crawlrun.id")
    recorded_at: NaiveDatetime = Field(default_factory=now)
    fingerprint: str
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    changed_fields: list[str] = Field(default_factory=list, sa_column=Column(JSON))


#: The subject each source names: an advert (national), or a municipality (municipal).
EVENT_SUBJECT = (
    "(source = 'national' AND advert_id IS NOT NULL AND municipality_code IS NULL "
    "AND category_code IS NULL) OR "
    "(source = 'municipal' AND advert_id IS NULL AND municipality_code IS NOT NULL)"
)
#: Each source has its own kinds.
EVENT_KIND = (
    f"(source = 'national' AND {in_list('kind', NATIONAL_EVENT_KINDS)}) OR "
    f"(source = 'municipal' AND {in_list('kind', MUNICIPAL_EVENT_KINDS)})"
)


class Event(SQLModel, table=True):
    """Something a person may want to hear about, national or municipal (`source`).

    National: an advert new, changed, ended or back (`advert_id`). Municipal: what a
    municipality's own site said (`municipality_code`, `category_code` or NULL for LOV in
    general; `details` holds "provider", "org_number", "url", "quote", "date" as apply). Both
    share one id sequence, so a delivery names an event by its id alone.
    """

    __table_args__ = (
        UniqueConstraint("kind", "advert_id", "run_id", name="uq_event_once"),
        CheckConstraint(in_list("source", [s.value for s in EventSource]), name="ck_event_source"),
        CheckConstraint(EVENT_KIND, name="ck_event_kind"),
        CheckConstraint(EVENT_SUBJECT, name="ck_event_subject"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = EventSource.NATIONAL.value
    kind: str = Field(index=True)
    advert_id: str | None = Field(default=None, foreign_key="advert.id", index=True)
    municipality_code: str | None = None
    category_code: str | None = None
    run_id: int = Field(foreign_key="crawlrun.id", index=True)
    detected_at: NaiveDatetime = Field(default_factory=now, index=True)
    #: Events of the first crawl into an empty store: history, not news. Notify no one.
    baseline: bool = False
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    #: A municipal event's id in the separate table it had before migration 0006, kept so its
    #: feed entry keeps the id a reader already has (`…:municipal-event/<id>`).
    former_municipal_id: int | None = None
