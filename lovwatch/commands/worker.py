"""`lovwatch worker`: one more process for a distributed municipal crawl, on this host or
another one that reaches the same Redis (see lovwatch.distributed)."""

from __future__ import annotations

from typing import Any

import click

from lovwatch.cli_common import EXIT_FAILED, EXIT_USAGE, FiniteFloatRange
from lovwatch.distributed.keys import WorkerError, redis_url, require_packages

REDIS_URL_HELP = (
    "Redis that holds the shared frontier (env LOVWATCH_REDIS_URL; default "
    "redis://127.0.0.1:6379/0)."
)

_SCHEMES = ("redis://", "rediss://", "unix://")


def check_redis_url(_ctx: click.Context, _param: click.Parameter, value: Any) -> str | None:
    """A --redis-url callback: a Redis URL, or nothing (the environment's or the default)."""
    if value is not None and not str(value).startswith(_SCHEMES):
        raise click.BadParameter(f"{value!r} is not a Redis URL; give e.g. redis://HOST:6379/0")
    return value


def _check_run(_ctx: click.Context, _param: click.Parameter, value: Any) -> str | None:
    if value is not None and not str(value).startswith("lovwatch:run:"):
        raise click.BadParameter(f"{value!r} is not a run's key prefix (lovwatch:run:...)")
    return value


@click.command(name="worker")
@click.option("--redis-url", "redis", metavar="URL", callback=check_redis_url, help=REDIS_URL_HELP)
@click.option(
    "--run",
    "run_prefix",
    metavar="KEY",
    callback=_check_run,
    help="Join this run (its Redis key prefix, lovwatch:run:...); default: a run the "
    "coordinator announced.",
)
@click.option(
    "--wait",
    type=FiniteFloatRange(min=0),
    default=0,
    show_default=True,
    metavar="SECONDS",
    help="Wait up to SECONDS for a run to be announced.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log Scrapy's progress.")
def worker_command(redis: str | None, run_prefix: str | None, wait: float, verbose: bool) -> None:
    """Crawl municipal sites for a distributed run (`lovwatch crawl --source municipal
    --workers N`) from the shared queue in Redis, until the run ends; then exit 0 (1 if the
    run was stopped before its end). A worker never opens the store: the crawl's
    coordinator applies what the workers saw. Start it again for the next run (a loop, or
    systemd's Restart=always).

    \b
    Examples:
      lovwatch worker --redis-url redis://crawl-redis.internal:6379/0 --wait 3600
      LOVWATCH_REDIS_URL=redis://10.0.0.5:6379/0 lovwatch worker --wait 600
    """
    try:
        require_packages()
        from lovwatch.distributed.worker import run_worker

        ok = run_worker(redis_url(redis), run_prefix, wait, verbose)
    except WorkerError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    if not ok:
        raise SystemExit(EXIT_FAILED)
