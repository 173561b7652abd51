"""Scrapy settings: polite defaults for the real national site, and lovwatch's own.

`lovwatch crawl` overrides the delay, concurrency and timeout from its options; everything
else stays as set here. Under a bare `scrapy crawl`, `-s NAME=VALUE` overrides any of them.
"""

import os

from lovwatch.config import DEFAULT_END_AFTER, USER_AGENT

BOT_NAME = "lovwatch"
SPIDER_MODULES = ["lovwatch.spiders"]
NEWSPIDER_MODULE = "lovwatch.spiders"

USER_AGENT = USER_AGENT
ROBOTSTXT_OBEY = True

# One national site with a few hundred adverts: go slowly.
CONCURRENT_REQUESTS = 2
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# Advert pages and municipal pages are small: a huge answer (or a compression bomb, which
# Scrapy measures decompressed) is cut off rather than read into memory.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# A callback yields one item or a few requests, and the pipelines only collect: Scrapy's
# default of 100 starts 100 asyncio tasks per response to process them in parallel, which cost
# a tenth of a first crawl's time for nothing.
CONCURRENT_ITEMS = 1

# Scrapy's downloader with each host held to its concurrency also when DOWNLOAD_DELAY is 0.
DOWNLOADER = "lovwatch.spiders.downloader.PerHostDownloader"

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "lovwatch.spiders.middlewares.BackoffRetryMiddleware": 550,
}
#: Seconds before the first retry; doubled on each further one.
LOVWATCH_BACKOFF_BASE = 2.0
#: Never wait longer than this for one retry, whatever Retry-After says.
LOVWATCH_BACKOFF_MAX = 120.0

# 404/410 answers are data here (an ended advert), not errors.
HTTPERROR_ALLOWED_CODES = [404, 410]

REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

# The spiders yield items; these pipelines apply each run to the store when its spider closes.
ITEM_PIPELINES = {
    "lovwatch.pipelines.national.NationalRunPipeline": 800,
    "lovwatch.pipelines.municipal.MunicipalRunPipeline": 800,
    # Only with LOVWATCH_SCOUT (then LOVWATCH_STORE_ENABLED is off): compare, write nothing.
    "lovwatch.pipelines.scout.ScoutPipeline": 800,
}
LOVWATCH_SCOUT = False

# lovwatch's settings (environment variables of the same name are the defaults).
#: The store: any SQLAlchemy URL or a SQLite file path; None means the default SQLite file.
LOVWATCH_DB = os.environ.get("LOVWATCH_DB")
#: The national database; None means the real site.
LOVWATCH_BASE_URL = os.environ.get("LOVWATCH_BASE_URL")
#: False: the spiders run and yield items, and nothing is written (feeds only).
LOVWATCH_STORE_ENABLED = True
#: Complete runs an advert may be missing from (its page still answering) before it ends.
LOVWATCH_END_AFTER = DEFAULT_END_AFTER
#: Worker processes that parse advert pages beside the crawl once it has many (see
#: lovwatch.spiders.page_parser); None: one when the machine has a second core, 0: none.
LOVWATCH_PARSE_PROCESSES = os.environ.get("LOVWATCH_PARSE_PROCESSES")
#: The browser for script-built municipal pages; None: Debian's Chromium when present.
LOVWATCH_CHROMIUM = os.environ.get("LOVWATCH_CHROMIUM")
#: The guards (see lovwatch.models.guards): the share of active adverts one run may end, the
#: fewest endings ever held, how far numberOfHits and a page field's coverage may fall.
LOVWATCH_MAX_END_SHARE = float(os.environ.get("LOVWATCH_MAX_END_SHARE", "0.10"))
LOVWATCH_MIN_ENDINGS_HELD = int(os.environ.get("LOVWATCH_MIN_ENDINGS_HELD", "5"))
LOVWATCH_MAX_HITS_DROP = float(os.environ.get("LOVWATCH_MAX_HITS_DROP", "0.20"))
LOVWATCH_MAX_COVERAGE_DROP = float(os.environ.get("LOVWATCH_MAX_COVERAGE_DROP", "0.30"))
