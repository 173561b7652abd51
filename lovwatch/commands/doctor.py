"""`lovwatch doctor`: the installation's health, for an operator or a monitoring job."""

from __future__ import annotations

import click

from lovwatch.cli_common import EXIT_FAILED, State, count, pass_state
from lovwatch.models.health import health
from lovwatch.notify.delivery import DEFAULT_FLAG_AFTER
from lovwatch.notify.operator import alert_operator
from lovwatch.notify.targets import check_url_option
from lovwatch.output import emit, format_option


@click.command(name="doctor")
@click.option(
    "--operator-notify",
    multiple=True,
    envvar="LOVWATCH_OPERATOR_NOTIFY",
    metavar="URL",
    callback=check_url_option,
    help="Apprise URL told when something needs attention (never subscribers); repeatable.",
)
@click.option(
    "--flag-after",
    type=count(1),
    default=DEFAULT_FLAG_AFTER,
    show_default=True,
    metavar="N",
    help="A notification target failing N times in a row needs attention.",
)
@format_option
@pass_state
def doctor_command(
    state: State, operator_notify: tuple[str, ...], flag_after: int, fmt: str
) -> None:
    """Check the installation: the age of each source's last complete crawl, failed, partial
    or degraded runs in a row, held endings, unknown page labels and listing keys, unmatched
    authorities, unmapped areas, failing notification targets, the store's size. Exits 0
    when healthy, 1 when something needs attention. Changes nothing.

    \b
    Examples:
      lovwatch doctor
      lovwatch doctor --operator-notify "mailto://ops:PASSWORD@example.se" --format json
    """
    checks = health(state.engine, flag_after)
    emit([check.row() for check in checks], fmt, ("check", "status", "message"))
    attention = [check for check in checks if not check.ok]
    if not attention:
        return
    if operator_notify:
        lines = [f"{check.name}: {check.message}" for check in attention]
        for problem in alert_operator(operator_notify, lines):
            click.echo(f"warning: {problem}", err=True)
    raise SystemExit(EXIT_FAILED)
