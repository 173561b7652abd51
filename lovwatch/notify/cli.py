"""`lovwatch subscribe ...`, `lovwatch notify` and `lovwatch run` (crawl, then notify)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlmodel import Session

from lovwatch.cli_common import (
    COUNT,
    EXIT_FAILED,
    EXIT_USAGE,
    OUTPUT_FILE,
    State,
    filter_options,
    pass_state,
)
from lovwatch.clock import now
from lovwatch.constants import EventKind
from lovwatch.models.locks import JobLock, LockBusy
from lovwatch.models.store import session_scope
from lovwatch.models.subscriptions import Mode
from lovwatch.notify import subscriptions as subs
from lovwatch.notify.delivery import DEFAULT_FLAG_AFTER, NotifyReport
from lovwatch.notify.delivery import notify as run_notify
from lovwatch.notify.files import (
    build_spec,
    dump_specs,
    read_specs,
    spec_entry,
    write_private,
)
from lovwatch.notify.messages import Notice, render
from lovwatch.notify.subscriptions import SubscriptionError
from lovwatch.notify.targets import TargetError, body_format, is_redacted, redact, send
from lovwatch.output import emit, format_option, render_json, render_record, terminal_safe

LIST_COLUMNS = ("name", "mode", "events", "filter_summary", "notify", "paused", "health")
REPORT_COLUMNS = ("subscription", "target", "events", "status", "title", "error")


def _refuse(exc: Exception) -> None:
    """Bad input: say what is wrong (messages are already redacted) and exit 2."""
    click.echo(f"error: {terminal_safe(str(exc))}", err=True)
    raise SystemExit(EXIT_USAGE)


@click.group()
def subscribe() -> None:
    """Manage subscriptions: who is told about which events, and where (Apprise URLs).

    \b
    Examples:
      lovwatch subscribe add huddinge --notify "mailto://me:app-password@gmail.com" \\
          --municipality Huddinge --category Hemtjänst --events new,ended
      lovwatch subscribe list
    """


@subscribe.command(name="add")
@click.argument("name")
@click.option(
    "--notify",
    "urls",
    multiple=True,
    required=True,
    metavar="URL",
    help="Apprise URL (mailto://, tgram://, slack://, json://, ...); repeatable.",
)
@filter_options
@click.option(
    "--kommungrupp",
    multiple=True,
    metavar="CODE|NAME",
    help='SKR kommungrupp ("A1", "Storstäder"); repeatable.',
)
@click.option(
    "--keyword",
    multiple=True,
    metavar="WORD",
    help="Word in title, buyer, service areas or categories; repeatable.",
)
@click.option(
    "--events",
    "events",
    multiple=True,
    metavar="KINDS",
    help="Event kinds, comma-separated: new,changed,ended,reappeared (national adverts), "
    "provider_added,provider_removed,lov_introduced,lov_ended (municipal websites), or the "
    "groups national, municipal, all (default: new,ended).",
)
@click.option(
    "--mode",
    type=click.Choice([m.value for m in Mode]),
    default=Mode.INSTANT.value,
    show_default=True,
    help="Message after every run, or a daily/weekly digest (UTC calendar periods).",
)
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Jinja2 body template replacing the built-in one (see docs).",
)
@click.option("--paused", is_flag=True, help="Create it paused.")
@pass_state
def add(
    state: State,
    name: str,
    urls: tuple[str, ...],
    category: tuple[str, ...],
    county: tuple[str, ...],
    municipality: tuple[str, ...],
    kommungrupp: tuple[str, ...],
    keyword: tuple[str, ...],
    events: tuple[str, ...],
    mode: str,
    template: Path | None,
    paused: bool,
) -> None:
    """Add a subscription. Filters combine with AND across kinds, OR within one kind. It
    receives events detected from now on; the first crawl's baseline notifies no one.

    \b
    Examples:
      lovwatch subscribe add stockholm-hemtjanst --notify "tgram://BOT_TOKEN/CHAT_ID" \\
          --county "Stockholms län" --category Hemtjänst
      lovwatch subscribe add avslut --notify "json://127.0.0.1:8000/hook" --events ended
      lovwatch subscribe add krokom --notify "json://127.0.0.1:8000/hook" \\
          --municipality Krokom --events provider_added,provider_removed,new,ended
    """
    try:
        spec = build_spec(
            name,
            urls,
            category=category,
            county=county,
            municipality=municipality,
            kommungrupp=kommungrupp,
            keyword=keyword,
            events=events,
            mode=mode,
            paused=paused,
            template=_read_template(template) if template else None,
        )
        with session_scope(state.write_engine) as session:
            subs.save(session, spec)
    except TargetError as exc:
        _refuse(TargetError(f"--notify: {exc}"))
    except SubscriptionError as exc:
        _refuse(exc)
    click.echo(
        terminal_safe(
            f"subscription {spec.name!r} added: {spec.filters.describe()}; events "
            f"{','.join(spec.events)}; {spec.mode}; to {', '.join(map(redact, spec.urls))}"
        )
    )


def _read_template(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        raise SubscriptionError(f"--template {path.name} is not UTF-8 text") from None
    except OSError as exc:
        raise SubscriptionError(f"cannot read --template {path.name}: {exc.strerror}") from exc


@subscribe.command(name="list")
@format_option
@pass_state
def list_(state: State, fmt: str) -> None:
    """List subscriptions with redacted URLs and their health (FAILING = flagged after
    repeated failures).

    \b
    Example:
      lovwatch subscribe list --format json
    """
    with Session(state.engine) as session:
        rows = subs.describe_all(session)
    emit(rows, fmt, LIST_COLUMNS)


@subscribe.command()
@click.argument("name")
@format_option
@pass_state
def show(state: State, name: str, fmt: str) -> None:
    """Show one subscription: filters, targets (redacted), health and delivery counts.

    \b
    Example:
      lovwatch subscribe show huddinge
    """
    try:
        with Session(state.engine) as session:
            data = subs.describe(session, subs.find(session, name))
    except SubscriptionError as exc:
        _refuse(exc)
    if fmt != "table":
        emit([data], fmt, LIST_COLUMNS, json_rows=data)
        return
    click.echo(render_record(_readable(data)))


def _when(moment: Any) -> str:
    """A stored timestamp for people: minutes, UTC."""
    return f"{moment:%Y-%m-%d %H:%M} UTC" if moment else "never"


def _readable(data: dict[str, Any]) -> dict[str, Any]:
    """`subscribe show` for people: words, not Python lists, booleans or raw timestamps."""
    deliveries = data["deliveries"]
    return {
        "name": data["name"],
        "mode": data["mode"],
        "events": ", ".join(data["events"]),
        "filters": data["filter_summary"],
        "paused": "yes" if data["paused"] else "no",
        "created": _when(data["created_at"]),
        "receives since": _when(data["receives_since"]),
        "template": "custom" if data["custom_template"] else "built-in",
        "health": data["health"],
        "deliveries": ", ".join(f"{count} {status}" for status, count in deliveries.items())
        or "none yet",
        "targets": [
            {
                "url": target["url"],
                "failures": target["consecutive_failures"],
                "last success": _when(target["last_success_at"]),
                "last error": target["last_error"],
                "flagged": _when(target["flagged_at"]) if target["flagged_at"] else None,
            }
            for target in data["targets"]
        ],
    }


@subscribe.command()
@click.argument("name")
@pass_state
def remove(state: State, name: str) -> None:
    """Remove a subscription and its delivery history.

    \b
    Example:
      lovwatch subscribe remove huddinge
    """
    try:
        with session_scope(state.write_engine) as session:
            subs.remove(session, name)
    except SubscriptionError as exc:
        _refuse(exc)
    click.echo(f"subscription {name!r} removed")


def _set_paused(state: State, name: str, paused: bool) -> None:
    try:
        with session_scope(state.write_engine) as session:
            changed = subs.set_paused(session, name, paused)
    except SubscriptionError as exc:
        _refuse(exc)
    word = "paused" if paused else "resumed"
    click.echo(
        f"subscription {name!r} {word}" if changed else f"subscription {name!r} was already {word}"
    )


@subscribe.command()
@click.argument("name")
@pass_state
def pause(state: State, name: str) -> None:
    """Stop notifying a subscription; events detected while paused are never sent.

    \b
    Example:
      lovwatch subscribe pause huddinge
    """
    _set_paused(state, name, True)


@subscribe.command()
@click.argument("name")
@pass_state
def resume(state: State, name: str) -> None:
    """Notify a paused subscription again, about events detected from now on.

    \b
    Example:
      lovwatch subscribe resume huddinge
    """
    _set_paused(state, name, False)


@subscribe.command()
@click.argument("name")
@pass_state
def test(state: State, name: str) -> None:
    """Send a test message to every target of a subscription now (records nothing).

    \b
    Example:
      lovwatch subscribe test huddinge
    """
    try:
        with Session(state.engine) as session:
            spec = subs.spec_of(session, subs.find(session, name))
        redacted = [url for url in spec.urls if is_redacted(url)]
        if redacted:
            raise SubscriptionError(
                f"subscription {spec.name!r} has a redacted target ({redact(redacted[0])}), "
                "imported from a printed export; nothing can be sent to it. Import it again "
                "from a file written by `lovwatch subscribe export FILE.toml`, or remove and "
                "add it with the full URL"
            )
    except SubscriptionError as exc:
        _refuse(exc)
    sample = Notice(
        kind=EventKind.NEW,
        title="Testmeddelande från lovwatch",
        authority="lovwatch",
        municipality="",
        county="",
        categories=[],
        url=None,
        detected_at=now(),
    )
    failed = False
    for url in spec.urls:
        message = render([sample], body_format(url), spec.name, template=spec.template)
        result = send(url, "lovwatch: test av " + spec.name, message.body, message.fmt)
        failed |= not result.ok
        click.echo(
            terminal_safe(f"{redact(url)}: " + ("sent" if result.ok else f"FAILED: {result.error}"))
        )
    if failed:
        raise SystemExit(EXIT_FAILED)


@subscribe.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_state
def import_(state: State, file: Path) -> None:
    """Add or update subscriptions from a TOML or YAML file (all or nothing). Same keys as the
    options of `subscribe add`; see `lovwatch subscribe export`.

    \b
    Example:
      lovwatch subscribe import subscriptions.toml
    """
    try:
        specs = read_specs(file)
        with session_scope(state.write_engine) as session:
            created = sum(subs.save(session, spec, update=True) for spec in specs)
    except (SubscriptionError, OSError) as exc:
        _refuse(exc)
    except UnicodeDecodeError:
        _refuse(SubscriptionError(f"{file.name} is not UTF-8 text; save it as UTF-8"))
    click.echo(
        f"imported {len(specs)} subscriptions: {created} added, {len(specs) - created} updated"
    )


@subscribe.command()
@click.argument("file", required=False, type=OUTPUT_FILE)
@click.option(
    "--as",
    "kind",
    type=click.Choice(["toml", "yaml"]),
    help="File format (default: from FILE's extension, else toml).",
)
@pass_state
def export(state: State, file: Path | None, kind: str | None) -> None:
    """Write every subscription to FILE (private, 0600, with full URLs, for `import`), or print
    them with URLs redacted when FILE is not given.

    \b
    Examples:
      lovwatch subscribe export subscriptions.yaml
      lovwatch subscribe export --as yaml
    """
    if kind is None:
        kind = "yaml" if file is not None and file.suffix.lower() in (".yaml", ".yml") else "toml"
    with Session(state.engine) as session:
        specs = subs.all_specs(session)
    if file is None:
        click.echo(dump_specs([spec_entry(spec, redact) for spec in specs], kind), nl=False)
        return
    try:
        write_private(file, dump_specs([spec_entry(spec) for spec in specs], kind))
    except OSError as exc:
        _refuse(OSError(f"cannot write {file}: {exc.strerror}"))
    click.echo(f"wrote {len(specs)} subscriptions to {file} (mode 0600)", err=True)


def _report(report: NotifyReport, fmt: str, dry_run: bool) -> None:
    rows: list[dict[str, Any]] = [
        {
            "subscription": o.subscription,
            "target": o.target,
            "events": o.events,
            "status": o.status,
            "title": o.title,
            "error": o.error,
            **({"format": o.message.fmt, "body": o.message.body} if dry_run and o.message else {}),
        }
        for o in report.outcomes
    ]
    if fmt == "json":
        click.echo(
            render_json(
                {
                    "recorded": report.recorded,
                    "uncertain": report.uncertain,
                    "dry_run": dry_run,
                    "messages": rows,
                }
            )
        )
        return
    if dry_run and fmt == "table":
        for row in rows:
            if "body" in row:
                click.echo(
                    terminal_safe(
                        f"--- to {row['subscription']} via {row['target']} ({row['format']}): "
                        f"{row['title']}"
                    )
                )
                # The body's values are already one-line and control-free (messages.escape_for).
                click.echo(row["body"])
    emit(rows, fmt, REPORT_COLUMNS)
    if report.uncertain:
        click.echo(
            f"warning: {report.uncertain} deliveries were being sent when an earlier run "
            "died; they are not resent (see `lovwatch subscribe show`)",
            err=True,
        )


def notify_and_report(state: State, dry_run: bool, flag_after: int, fmt: str) -> bool:
    """Send what is owed (under the store's notify lock) and print the report; False if a
    send failed or another notification run holds the lock."""
    engine = state.engine if dry_run else state.write_engine
    lock = JobLock(engine, "notify")
    if not dry_run:
        try:
            lock.acquire()
        except LockBusy as exc:
            click.echo(f"error: {exc}; try again when it has finished", err=True)
            return False
    try:
        report = run_notify(engine, dry_run=dry_run, flag_after=flag_after)
    finally:
        if not dry_run:
            lock.release()
    _report(report, fmt, dry_run)
    return not report.failed


NOTIFY_OPTIONS = [
    click.option(
        "--dry-run",
        is_flag=True,
        help="Print what would be sent and to whom; send and record nothing.",
    ),
    click.option(
        "--flag-after",
        type=COUNT,
        default=DEFAULT_FLAG_AFTER,
        show_default=True,
        metavar="N",
        help="Flag a target in `subscribe list` after N consecutive failures.",
    ),
]


@click.command(name="notify")
@NOTIFY_OPTIONS[0]
@NOTIFY_OPTIONS[1]
@format_option
@pass_state
def notify(state: State, dry_run: bool, flag_after: int, fmt: str) -> None:
    """Send subscribers what they are owed: one message per target per run (instant) or per
    period (daily/weekly digest). An event never reaches a target twice; failed sends are
    retried on later runs with backoff. Exits 1 if any send failed.

    \b
    Examples:
      lovwatch notify --dry-run
      lovwatch notify --format json
    """
    if not notify_and_report(state, dry_run, flag_after, fmt):
        raise SystemExit(EXIT_FAILED)
