"""The SQL store: tables, opening and migrating it, and applying crawl results."""

import lovwatch.models.municipal  # noqa: F401  (registers the municipal-site tables)
import lovwatch.models.subscriptions  # noqa: F401  (registers the subscription tables)
from lovwatch.models.tables import (
    Advert,
    AdvertCategory,
    AdvertVersion,
    Authority,
    CrawlRun,
    Event,
    ServiceCategory,
)

__all__ = [
    "Advert",
    "AdvertCategory",
    "AdvertVersion",
    "Authority",
    "CrawlRun",
    "Event",
    "ServiceCategory",
]
