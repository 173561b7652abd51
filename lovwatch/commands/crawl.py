"""`lovwatch crawl` and `lovwatch run`: the crawl service behind options, and one renderer for
its report whatever the source."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import click

from lovwatch import config
from lovwatch.cli_common import (
    EXIT_FAILED,
    EXIT_USAGE,
    ROW_ID,
    FiniteFloatRange,
    State,
    count,
    pass_state,
)
from lovwatch.commands.worker import REDIS_URL_HELP, check_redis_url
from lovwatch.config import Politeness
from lovwatch.constants import MUNICIPAL_EVENT_KINDS, CrawlSource, EventKind
from lovwatch.crawl import CrawlReport, CrawlRequest, MunicipalOptions, crawl
from lovwatch.distributed.keys import RunLost, WorkerError, redis_url, require_packages
from lovwatch.models.history import RunSummary, release_held
from lovwatch.models.municipal_history import MunicipalSummary
from lovwatch.municipal.sites import SiteError, select_sites
from lovwatch.notify.cli import NOTIFY_OPTIONS, notify_and_report
from lovwatch.notify.operator import alert_operator
from lovwatch.notify.targets import check_url_option
from lovwatch.output import cell, format_option, render_json, terminal_safe
from lovwatch.pipelines.scout import ScoutSummary
from lovwatch.spiders.municipal import (
    DEFAULT_CONCURRENCY,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_PAGES,
    DEFAULT_PER_SITE_CONCURRENCY,
)
from lovwatch.spiders.outcome import ProgressCallback

F = TypeVar("F", bound=Callable[..., Any])

_CRAWL_OPTIONS = [
    click.option(
        "--source",
        type=click.Choice(["national", "municipal", "all"]),
        default="national",
        show_default=True,
        help="What to crawl: the national database, municipal websites, or both.",
    ),
    click.option(
        "--site",
        "site_options",
        multiple=True,
        metavar="CODE=URL",
        help="Municipal: crawl this site (kommunkod or name = start URL; append ';render' "
        "to render its LOV pages in the browser); repeatable. Default: every "
        "municipality's website from the reference data.",
    ),
    click.option(
        "--sites",
        "sites_file",
        type=click.Path(exists=True, dir_okay=False),
        metavar="FILE.csv",
        help="Municipal: sites from a CSV (municipality_code,url[,render]).",
    ),
    click.option(
        "--max-pages",
        type=count(1),
        default=DEFAULT_MAX_PAGES,
        show_default=True,
        metavar="N",
        help="Municipal: at most N pages per site.",
    ),
    click.option(
        "--max-depth",
        type=count(0),
        default=DEFAULT_MAX_DEPTH,
        show_default=True,
        metavar="N",
        help="Municipal: follow links at most N steps from the start page.",
    ),
    click.option(
        "--base-url",
        envvar="LOVWATCH_BASE_URL",
        metavar="URL",
        help="National database base URL (env LOVWATCH_BASE_URL; default "
        f"{config.DEFAULT_BASE_URL}).",
    ),
    click.option(
        "--delay",
        type=FiniteFloatRange(min=0),
        metavar="SECONDS",
        help="Seconds between requests to one host (default 1, with AutoThrottle).",
    ),
    click.option(
        "--concurrency",
        type=count(1, 32),
        metavar="N",
        help="Parallel requests overall (default 2 for the national site, one host; "
        f"{DEFAULT_CONCURRENCY} for municipal sites, that many sites at once).",
    ),
    click.option(
        "--per-site-concurrency",
        type=click.IntRange(min=1, max=32),
        metavar="N",
        help="Parallel requests to one host (default: --concurrency for the national site, "
        f"{DEFAULT_PER_SITE_CONCURRENCY} for each municipal site).",
    ),
    click.option(
        "--timeout",
        type=FiniteFloatRange(min=0.1),
        metavar="SECONDS",
        help="Per-request timeout (default 30).",
    ),
    click.option(
        "--retries",
        type=count(0, 10),
        metavar="N",
        help="Retries per request on 5xx/429/timeouts, with backoff (default 3).",
    ),
    click.option(
        "--backoff",
        type=FiniteFloatRange(min=0),
        metavar="SECONDS",
        help="First retry's wait when the server sends no Retry-After (default 2; doubles).",
    ),
    click.option(
        "--end-after",
        type=count(1),
        default=config.DEFAULT_END_AFTER,
        show_default=True,
        metavar="RUNS",
        help="End an advert whose page still answers after it was missing from this many "
        "consecutive complete listings (a 404/410 ends it at once).",
    ),
    click.option(
        "--scout",
        is_flag=True,
        help="Read the listing and a sample of advert pages, print what a crawl would change "
        "and how well the pages read; write nothing (the store stays byte for byte).",
    ),
    click.option(
        "--sample",
        type=count(0),
        default=10,
        show_default=True,
        metavar="N",
        help="With --scout: read at most N advert pages.",
    ),
    click.option(
        "--wait",
        is_flag=True,
        help="If a crawl of the same source is running on this store, wait for it to finish "
        "instead of exiting.",
    ),
    click.option(
        "--operator-notify",
        multiple=True,
        envvar="LOVWATCH_OPERATOR_NOTIFY",
        metavar="URL",
        callback=check_url_option,
        help="Apprise URL for the operator (never subscribers): told when a run is partial or "
        "degraded, holds endings back, or meets unknown labels; repeatable "
        "(env LOVWATCH_OPERATOR_NOTIFY, space-separated).",
    ),
    click.option(
        "--ignore-robots", is_flag=True, help="Do not obey robots.txt (local tests only)."
    ),
    click.option(
        "--workers",
        type=click.IntRange(min=1, max=64),
        metavar="N",
        help="Municipal: spread the sites over N worker processes sharing one frontier in "
        "Redis (more can join from other hosts with `lovwatch worker`).",
    ),
    click.option(
        "--redis-url",
        metavar="URL",
        callback=check_redis_url,
        help="With --workers: " + REDIS_URL_HELP,
    ),
    click.option("-v", "--verbose", is_flag=True, help="Log Scrapy's progress."),
]


def crawl_options(func: F) -> F:
    """Every option of `lovwatch crawl`, shared with `lovwatch run`."""
    for option in reversed(_CRAWL_OPTIONS):
        func = option(func)
    return func


def _progress_printer() -> ProgressCallback | None:
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int | None) -> None:
        of = f"/{total}" if total is not None else ""
        click.echo(f"\r{stage}: {done}{of}   ", err=True, nl=False)

    return show


def crawl_request(
    source: str,
    site_options: tuple[str, ...],
    sites_file: str | None,
    max_pages: int,
    max_depth: int,
    base_url: str | None,
    delay: float | None,
    concurrency: int | None,
    per_site_concurrency: int | None,
    timeout: float | None,
    retries: int | None,
    backoff: float | None,
    end_after: int,
    wait: bool,
    ignore_robots: bool,
    verbose: bool,
    scout: bool = False,
    sample: int = 10,
) -> CrawlRequest:
    """The crawl the options ask for; bad input exits 2 with one sentence."""
    try:
        checked_base_url = config.check_base_url(config.base_url(base_url))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base-url") from exc
    if scout and source != "national":
        click.echo("error: --scout reads the national database only; drop --source", err=True)
        raise SystemExit(EXIT_USAGE)
    sources = (
        (CrawlSource.NATIONAL, CrawlSource.MUNICIPAL) if source == "all" else (CrawlSource(source),)
    )
    municipal = None
    if CrawlSource.MUNICIPAL in sources:
        try:
            sites = select_sites(site_options, Path(sites_file) if sites_file else None)
        except SiteError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(EXIT_USAGE) from exc
        municipal = MunicipalOptions(tuple(sites), max_pages, max_depth)
    return CrawlRequest(
        sources=sources,
        base_url=checked_base_url,
        politeness=Politeness(
            delay,
            concurrency,
            timeout,
            retries,
            backoff,
            not ignore_robots,
            per_site_concurrency,
        ),
        end_after=end_after,
        municipal=municipal,
        wait=wait,
        verbose=verbose,
        progress=_progress_printer(),
        scout=scout,
        sample=sample,
    )


def run_row(summary: RunSummary | MunicipalSummary) -> dict[str, Any]:
    """One run as the JSON contract has it."""
    if isinstance(summary, RunSummary):
        return {
            "source": "national",
            "run_id": summary.run_id,
            "status": summary.status,
            "baseline": summary.baseline,
            # Every count, zero included, whatever the run's status.
            **{kind.value: summary.counts.get(kind.value, 0) for kind in EventKind},
            "reason": summary.reason,
            "unmatched_authorities": summary.unmatched_authorities,
            "unmapped_areas": summary.unmapped_areas,
            "held_endings": summary.held_endings,
            "coverage": summary.coverage,
            "unknown_labels": summary.unknown_labels,
            "unknown_listing_keys": summary.unknown_keys,
        }
    return {
        "source": "municipal",
        "run_id": summary.run_id,
        "status": summary.status,
        "pages": summary.pages,
        **{kind: summary.counts.get(kind, 0) for kind in MUNICIPAL_EVENT_KINDS},
        "rendered": summary.rendered,
        "unrendered": summary.unrendered,
        "failed_pages": [
            {"url": url, "error": error} for url, error in summary.failed_pages.items()
        ],
        "lists_without_providers": summary.lists_without_providers,
        "reason": summary.reason,
    }


def report_json(report: CrawlReport) -> dict[str, Any]:
    """The crawl's JSON, the same shape for every --source: the single run's keys at the top
    (the national run's with --source all), the overall `status`, and `runs`, one object per
    source run; `busy` names sources whose crawl was already running."""
    runs = [run_row(summary) for summary in report.summaries]
    top = next((run for run in runs if run["source"] == "national"), runs[0] if runs else {})
    top = {key: value for key, value in top.items() if key != "source"}
    return {
        **top,
        "status": report.status,
        "runs": runs,
        "busy": list(report.busy.values()),
    }


def print_report(report: CrawlReport, fmt: str, out: Callable[[str], None]) -> None:
    """The report as JSON, or one line per run (errors to stderr)."""
    for message in report.busy.values():
        click.echo(f"error: {message}; nothing was crawled (--wait waits for it)", err=True)
    for source, message in report.refused.items():
        click.echo(f"error: the {source} crawl: {message}", err=True)
    for source in report.missing:
        click.echo(f"error: the {source} crawl stopped before it could record a run", err=True)
    if fmt == "json":
        out(render_json(report_json(report)))
        return
    if fmt == "csv":
        out(_csv(report))
        return
    several = len(report.summaries) > 1
    for summary in report.summaries:
        lines = _lines(summary, prefix=several or isinstance(summary, MunicipalSummary))
        for line in map(_safe, lines):
            if summary.ok:
                out(line)
            else:
                click.echo(line, err=True)


def _safe(line: str) -> str:
    """A line of what the sites said, fit for a terminal: no control characters, no
    credentials of any URL in it."""
    return terminal_safe(config.hide_credentials(line))


def _lines(summary: RunSummary | MunicipalSummary, prefix: bool) -> list[str]:
    row = run_row(summary)
    name = f"{row['source']} run" if prefix else "run"
    if not summary.ok:
        return [f"{name} {row['run_id']} {row['status']}: {row['reason']}"]
    label = " (baseline)" if row.get("baseline") else ""
    note = f"; note: {row['reason']}" if row.get("reason") else ""
    if isinstance(summary, RunSummary):
        counts = ", ".join(f"{count} {kind}" for kind, count in summary.counts.items())
        lines = [f"{name} {row['run_id']} complete{label}: {counts}{note}"]
        if summary.unmatched_authorities:
            lines.append("unmatched authorities: " + "; ".join(summary.unmatched_authorities))
        if summary.unmapped_areas:
            lines.append("unmapped service areas: " + "; ".join(summary.unmapped_areas))
        return lines
    skip = {"source", "run_id", "status", "reason", "failed_pages", "lists_without_providers"}
    details = ", ".join(
        f"{key} {cell(value)}"
        for key, value in row.items()
        if key not in skip and value not in (None, [], "")
    )
    lines = [f"{name} {row['run_id']} complete: {details}{note}"]
    if failed := row.get("failed_pages"):
        lines.append("pages not read: " + "; ".join(f"{p['url']} ({p['error']})" for p in failed))
    if empty := row.get("lists_without_providers"):
        lines.append("provider lists where no provider was read: " + "; ".join(empty))
    return lines


def print_scout(scout: ScoutSummary, fmt: str) -> None:
    """What a crawl would find, as JSON or a few lines."""
    if fmt == "json":
        click.echo(render_json(asdict(scout)))
        return
    click.echo(
        f"scout {scout.status}: {scout.listed} listed (numberOfHits {scout.number_of_hits}); "
        f"would be new {len(scout.new)}, vanished {len(scout.vanished)}, "
        f"updated {len(scout.updated)}"
    )
    shares = ", ".join(f"{name} {share:.0%}" for name, share in scout.coverage.items())
    click.echo(f"{scout.pages_sampled} pages sampled: {shares or 'no page read'}")
    for label, values in (
        ("new", scout.new),
        ("vanished", scout.vanished),
        ("unknown labels", scout.unknown_labels),
        ("unknown listing keys", scout.unknown_keys),
    ):
        if values:
            click.echo(f"{label}: " + ", ".join(values))
    for line in filter(None, (scout.reason, scout.note)):
        click.echo(f"note: {line}", err=True)


def _csv(report: CrawlReport) -> str:
    from lovwatch.output import render_csv

    columns = ("source", "run_id", "status", "baseline", "new", "changed", "ended", "reason")
    rows = [run_row(summary) for summary in report.summaries]
    return render_csv(rows, columns).rstrip("\n")


@click.command(name="crawl")
@crawl_options
@format_option
@pass_state
def crawl_command(state: State, fmt: str, **options: Any) -> None:
    """Crawl the national database into the store and detect new, changed and ended adverts.

    A run counts as complete only if every listing page was read and the unique adverts equal
    numberOfHits; only a complete run can end an advert. A partial run (a failed listing, or a
    crawl stopped by Ctrl-C or SIGTERM) changes nothing and exits with status 1 and a one-line
    reason. The first crawl into an empty store records a baseline: its events are marked as
    such and notify no one. One crawl of each source runs at a time per store: a second one
    exits 1 saying which run holds it (or waits, with --wait).

    \b
    Examples:
      lovwatch crawl
      lovwatch crawl --base-url http://127.0.0.1:8080 --delay 0 --concurrency 8
      lovwatch crawl --source municipal --site 2309=https://www.krokom.se
    """
    report = _crawl(state, options)
    if report.scout is not None:
        print_scout(report.scout, fmt)
    else:
        print_report(report, fmt, click.echo)
    if not report.ok:
        raise SystemExit(EXIT_FAILED)


@click.command(name="run")
@crawl_options
@NOTIFY_OPTIONS[0]
@NOTIFY_OPTIONS[1]
@format_option
@pass_state
def run_command(state: State, dry_run: bool, flag_after: int, fmt: str, **options: Any) -> None:
    """Crawl (same options as `crawl`), then notify: the one command for cron. The crawl's
    summary goes to stderr, the notification report to stdout. A partial crawl records no
    events, so it alerts no one; the run still sends pending retries and exits 1.

    \b
    Example (crontab, every morning at 06:15):
      15 6 * * *  lovwatch run >> ~/lovwatch.log 2>&1
    """
    if options.get("scout"):
        click.echo("error: `lovwatch run` cannot scout; use `lovwatch crawl --scout`", err=True)
        raise SystemExit(EXIT_USAGE)
    report = _crawl(state, options)
    print_report(report, "table", lambda line: click.echo(line, err=True))
    sent_ok = notify_and_report(state, dry_run, flag_after, fmt)
    if not (report.ok and sent_ok):
        raise SystemExit(EXIT_FAILED)


def _crawl(state: State, options: dict[str, Any]) -> CrawlReport:
    operator_urls = options.pop("operator_notify")
    workers, redis = options.pop("workers"), options.pop("redis_url")
    request = crawl_request(**options)
    if workers and (request.sources != (CrawlSource.MUNICIPAL,) or request.scout):
        click.echo(
            "error: --workers spreads the municipal crawl only; add --source municipal", err=True
        )
        raise SystemExit(EXIT_USAGE)
    if not request.scout:
        state.write_engine  # noqa: B018  (creates or migrates the store; exits 3 if it cannot)
    report = _distributed(state, request, workers, redis) if workers else crawl(state.db, request)
    if request.progress is not None:
        click.echo("", err=True)
    lines = operator_lines(report)
    if operator_urls and lines:
        for problem in alert_operator(operator_urls, lines):
            click.echo(f"warning: {problem}", err=True)
    return report


def _distributed(
    state: State, request: CrawlRequest, workers: int, redis: str | None
) -> CrawlReport:
    try:
        require_packages()  # an optional extra: imported only when asked for
        from lovwatch.distributed.coordinator import crawl_with_workers

        return crawl_with_workers(state.db, request, workers, redis_url(redis))
    except RunLost as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_FAILED) from exc
    except WorkerError as exc:
        click.echo(f"error: {exc}; nothing was crawled", err=True)
        raise SystemExit(EXIT_USAGE) from exc


def operator_lines(report: CrawlReport) -> list[str]:
    """What the operator should hear of this crawl (nothing when all went well)."""
    lines = [f"Körningen startade inte: {message}" for message in report.busy.values()]
    lines += [f"Körningen ({source}) avbröts innan den registrerades" for source in report.missing]
    for summary in report.summaries:
        row = run_row(summary)
        what = f"{row['source']} körning {row['run_id']} ({row['status']})"
        if not summary.ok:
            lines.append(f"{what}: {row['reason']}")
        elif isinstance(summary, RunSummary):
            lines += [f"{what}: {note}" for note in summary.attention]
    return lines


@click.command(name="release")
@click.argument("run_id", type=ROW_ID, metavar="RUN")
@pass_state
def release_command(state: State, run_id: int) -> None:
    """End the adverts that run RUN's mass-end breaker held back, once you have checked that
    they really are gone (an advert listed again since stays active). Subscribers hear of
    each ending as usual.

    \b
    Example:
      lovwatch runs release 42
    """
    released = release_held(state.write_engine, run_id)
    if not released:
        click.echo(f"run {run_id} holds no endings; nothing to release", err=True)
        raise SystemExit(EXIT_USAGE)
    click.echo(f"released {len(released)} endings held by run {run_id}")
