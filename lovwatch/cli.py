"""The `lovwatch` command line: the front door. It holds the options every command shares and
the list of commands; each command's module is imported only when that command runs or its
help is shown (`lovwatch.cli_lazy`), so `lovwatch --help` starts in a fraction of a second.

A new command: write it in its package (lovwatch/commands/ or the package it belongs to) and
add one row to `COMMANDS` with the first sentence of its docstring.
"""

from __future__ import annotations

import os
import sys

import click

from lovwatch import __version__
from lovwatch.cli_common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_STORE,
    EXIT_USAGE,
    State,
    check_clock,
    check_store_option,
)
from lovwatch.cli_lazy import LazyGroup, lazy
from lovwatch.config import hide_credentials
from lovwatch.output import terminal_safe

#: (name, "module:attribute", the first sentence of the command's docstring).
COMMANDS = lazy(
    [
        (
            "authorities",
            "lovwatch.commands.browse:authorities",
            "List buyers as named in adverts, with kind, kommunkod and länskod.",
        ),
        (
            "categories",
            "lovwatch.commands.browse:categories",
            "List the service-category taxonomy with the number of active adverts in each.",
        ),
        (
            "compare",
            "lovwatch.analysis.commands:compare_",
            "Benchmark a municipality against its peers: per category, whether it runs LOV "
            "(since when) and the share of peers that do.",
        ),
        (
            "crawl",
            "lovwatch.commands.crawl:crawl_command",
            "Crawl the national database into the store and detect new, changed and ended adverts.",
        ),
        ("db", "lovwatch.commands.db:db", "Manage the store."),
        (
            "demo",
            "lovwatch.demo:demo",
            "Start a local replica of the national database on 127.0.0.1, crawl it twice (day "
            "one and the next day) into a temporary store, and show what lovwatch found.",
        ),
        (
            "doctor",
            "lovwatch.commands.doctor:doctor_command",
            "Check the installation: the age of each source's last complete crawl, failed, "
            "partial or degraded runs in a row, held endings, unknown page labels and listing "
            "keys, unmatched authorities, unmapped areas, failing notification targets, the "
            "store's size.",
        ),
        (
            "events",
            "lovwatch.commands.browse:events",
            "List detected events, newest first: national (new, changed, ended, reappeared) "
            "and, with --source, municipal-site ones (provider_added, provider_removed, "
            "lov_introduced, lov_ended).",
        ),
        (
            "export",
            "lovwatch.analysis.commands:export",
            "Export adverts, events, history (one row per active interval) or stats (counts "
            "per category) with stable column names; see the README's export columns.",
        ),
        (
            "extract",
            "lovwatch.commands.extract:extract_command",
            "Show what lovwatch reads on municipal pages: LOV statements, approved providers, "
            "counts and links.",
        ),
        (
            "feed",
            "lovwatch.web.cli:feed",
            "Write an Atom feed of events (new, changed, ended, reappeared) for a filter, for "
            "static hosting.",
        ),
        (
            "gaps",
            "lovwatch.commands.municipal:gaps",
            "Gaps between municipal sites and the national database: a site describes an "
            "active valfrihetssystem with no national advert (site_only), or the reverse "
            "(national_only).",
        ),
        ("list", "lovwatch.commands.browse:list_", "List adverts."),
        (
            "municipality",
            "lovwatch.commands.municipal:municipality",
            "Profile of one municipality: reference facts, national adverts, what its own site "
            "says about LOV (with evidence: URL, quote, date), approved providers by category, "
            "and gaps.",
        ),
        (
            "notify",
            "lovwatch.notify.cli:notify",
            "Send subscribers what they are owed: one message per target per run (instant) or "
            "per period (daily/weekly digest).",
        ),
        (
            "providers",
            "lovwatch.commands.municipal:providers",
            "List approved providers (godkända utförare) found on municipal sites.",
        ),
        (
            "report",
            "lovwatch.analysis.commands:report",
            "Write one self-contained HTML report (no network needed to open it): national "
            "overview, counts per category, trend charts, per-county table, recent new and "
            "ended adverts and, with --municipality, the benchmark against its peers.",
        ),
        (
            "run",
            "lovwatch.commands.crawl:run_command",
            "Crawl (same options as `crawl`), then notify: the one command for cron.",
        ),
        (
            "runs",
            "lovwatch.commands.browse:runs",
            "List crawl runs, newest first, with whether each was complete and why not (`runs "
            "release N` ends what run N's mass-end breaker held back).",
        ),
        (
            "serve",
            "lovwatch.web.cli:serve",
            "Serve the read-only web site: adverts with filters, each advert's history, "
            "municipalities benchmarked against their peers, national counts and trends, Atom "
            "feeds (/feed.atom) and the JSON API (/api/..., described at /openapi.json).",
        ),
        (
            "show",
            "lovwatch.commands.browse:show",
            "Show one advert (ID is <buyer>/<system>, as in `lovwatch list`) with its history.",
        ),
        (
            "stats",
            "lovwatch.analysis.commands:stats",
            "Count municipalities, regions and state agencies running LOV, per category (or "
            "per county / kommungrupp), on a day, with national totals.",
        ),
        (
            "subscribe",
            "lovwatch.notify.cli:subscribe",
            "Manage subscriptions: who is told about which events, and where (Apprise URLs).",
        ),
        (
            "trends",
            "lovwatch.analysis.commands:trends",
            "Time series of municipalities, regions and adverts per category from the stored "
            "history.",
        ),
        (
            "worker",
            "lovwatch.commands.worker:worker_command",
            "Crawl municipal sites for a distributed run (`lovwatch crawl --source municipal "
            "--workers N`) from the shared queue in Redis, until the run ends; then exit 0 (1 "
            "if the run was stopped before its end).",
        ),
    ]
)


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    envvar="LOVWATCH_DB",
    metavar="URL|FILE",
    callback=check_store_option,
    help="Store: a SQLAlchemy URL or a SQLite file path (env LOVWATCH_DB; default: "
    "lovwatch.sqlite in the user data directory).",
)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    envvar="LOVWATCH_LOG_FORMAT",
    default="text",
    show_default=True,
    help="Logs on stderr: text, or one JSON object a line with the run id (for log "
    "collectors; env LOVWATCH_LOG_FORMAT).",
)
@click.version_option(__version__, prog_name="lovwatch")
@click.pass_context
def cli(ctx: click.Context, db: str | None, log_format: str) -> None:
    """Watch Sweden's LOV market: valfrihetssystem in Hitta LOV-uppdrag.

    \b
    Examples:
      lovwatch crawl                       # refresh from the national database
      lovwatch list --county 01 --category hemtjanst
      lovwatch events --since 2026-11-01 --format json
    """
    check_clock()
    if log_format == "json":
        from lovwatch.logs import install as install_json_logs

        os.environ["LOVWATCH_LOG_FORMAT"] = "json"  # read by the crawl's Scrapy settings
        install_json_logs(verbose="-v" in sys.argv or "--verbose" in sys.argv)
    ctx.obj = State(db)


def main() -> None:
    """The console script: every failure is one line on stderr, never a traceback (set
    LOVWATCH_DEBUG=1 to see one). Bad input exits 2 with a line naming the option."""
    try:
        code = cli.main(prog_name="lovwatch", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.format_message(), err=True)
        sys.exit(EXIT_USAGE)
    except click.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        click.echo(f"error: {terminal_safe(exc.format_message())}{hint}", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        click.echo(f"error: {terminal_safe(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)
    except click.Abort:  # Ctrl-C outside a crawl (a crawl stops itself and reports partial)
        click.echo(
            "error: interrupted; what was being sent is never resent "
            "(`lovwatch subscribe show` lists it), the rest is done by the next run",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader (`| head`) went away: nothing left to say, and nothing to say it to.
        sys.stdout = None  # type: ignore[assignment]
        sys.exit(EXIT_FAILED)
    except Exception as exc:  # a bug or an unforeseen input: still one actionable line
        if os.environ.get("LOVWATCH_DEBUG"):
            raise
        from lovwatch.models.store import store_fault

        fault = store_fault(exc)
        if fault is not None:  # locked, full or read-only in the middle of a command
            click.echo(f"error: {fault}", err=True)
            sys.exit(EXIT_STORE)
        message = terminal_safe(hide_credentials(f"{exc.__class__.__name__}: {exc}"))
        click.echo(
            f"error: {message[:300]} (unexpected; rerun with LOVWATCH_DEBUG=1 for details "
            "and report it)",
            err=True,
        )
        sys.exit(EXIT_FAILED)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
