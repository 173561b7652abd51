"""Subscriptions as a TOML or YAML file, and the one place that turns what a person typed
(on the command line or in such a file) into a checked `SubscriptionSpec`.

File shape (TOML; YAML has the same keys under `subscriptions:`), keys named like the options
of `lovwatch subscribe add`:

    [[subscriptions]]
    name = "huddinge-hemtjanst"
    notify = ["mailto://user:password@example.org"]
    county = ["Stockholms län"]
    category = ["Hemtjänst"]
    events = ["new", "ended"]
    mode = "instant"
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
import jinja2
import tomli_w
import yaml

from lovwatch.cli_common import resolve_categories, resolve_counties, resolve_municipalities
from lovwatch.models.subscriptions import Mode
from lovwatch.notify.filters import Filters, find_kommungrupp, kommungrupp_choices
from lovwatch.notify.messages import check_template
from lovwatch.notify.subscriptions import (
    DEFAULT_EVENTS,
    EVENT_GROUPS,
    SubscriptionError,
    SubscriptionSpec,
)
from lovwatch.notify.targets import TargetError, validate

_KEYS = {
    "name",
    "notify",
    "category",
    "county",
    "municipality",
    "kommungrupp",
    "keyword",
    "events",
    "mode",
    "paused",
    "template",
}


def _split(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in str(value).split(",") if part.strip()]


def resolve_kommungrupper(values: Iterable[str]) -> list[str]:
    values = [str(value) for value in values]
    if any(not value.strip(" ,") for value in values):
        raise SubscriptionError(f"--kommungrupp is empty; give one of: {kommungrupp_choices()}")
    codes = []
    for value in _split(values):
        code = find_kommungrupp(value)
        if code is None:
            raise SubscriptionError(
                f"unknown kommungrupp {value!r}; one of: {kommungrupp_choices()}"
            )
        codes.append(code)
    return codes


def resolve_events(values: Iterable[str]) -> list[str]:
    """Event kinds from what a person typed: kinds, or the groups national, municipal, all;
    nothing given is the default (new, ended). A blank value (`--events ""`) is an error: it
    would otherwise quietly mean the default."""
    known = ", ".join([*EVENT_GROUPS["all"], *EVENT_GROUPS])
    values = [str(value) for value in values]
    if any(not value.strip(" ,") for value in values):
        raise SubscriptionError(f"--events is empty; give one or more of {known}")
    given = [kind.lower() for kind in _split(values)]
    kinds: list[str] = []
    for kind in given or list(DEFAULT_EVENTS):
        if kind in EVENT_GROUPS:
            kinds.extend(EVENT_GROUPS[kind])
        elif kind in EVENT_GROUPS["all"]:
            kinds.append(kind)
        else:
            raise SubscriptionError(f"unknown event kind {kind!r}; use {known}")
    return list(dict.fromkeys(kinds))


#: Longer names are a mistake (a pasted URL or text), and clutter every table.
MAX_NAME = 100


def check_name(name: str) -> str:
    """A subscription's name as given, trimmed; SubscriptionError if it is empty, too long or
    holds line breaks or control characters (it is shown in tables and message titles)."""
    text = str(name).strip()
    if not text:
        raise SubscriptionError("a subscription needs a name, e.g. stockholm-hemtjanst")
    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 or ch in "\u2028\u2029" for ch in text):
        raise SubscriptionError(
            f"the subscription name {text.encode('unicode_escape').decode()!r} holds a line "
            "break or control character; give one line of letters, digits, - or _"
        )
    if len(text) > MAX_NAME:
        raise SubscriptionError(f"a subscription name has at most {MAX_NAME} characters")
    return " ".join(text.split())


def build_spec(
    name: str,
    urls: Iterable[str],
    *,
    category: Iterable[str] = (),
    county: Iterable[str] = (),
    municipality: Iterable[str] = (),
    kommungrupp: Iterable[str] = (),
    keyword: Iterable[str] = (),
    events: Iterable[str] = (),
    mode: str = Mode.INSTANT.value,
    paused: bool = False,
    template: str | None = None,
) -> SubscriptionSpec:
    """Check everything a person gave and resolve names to codes; SubscriptionError (or
    TargetError, whose message is redacted) says what is wrong."""
    name = check_name(name)
    keyword = [str(word) for word in keyword]
    if any(not word.strip(" ,") for word in keyword):
        raise SubscriptionError("--keyword is empty; give a word to look for, e.g. hemtjänst")
    checked = [validate(str(url)) for url in urls]
    if not checked:
        raise SubscriptionError(f"subscription {name!r} needs at least one --notify URL")
    if mode not in [m.value for m in Mode]:
        raise SubscriptionError(f"unknown mode {mode!r}; use instant, daily or weekly")
    if template is not None:
        try:
            check_template(template)
        except jinja2.TemplateError as exc:
            raise SubscriptionError(f"template does not work: {exc}") from exc
    try:
        filters = Filters(
            categories=tuple(resolve_categories(category)),
            counties=tuple(resolve_counties(county)),
            municipalities=tuple(resolve_municipalities(municipality)),
            kommungrupper=tuple(resolve_kommungrupper(kommungrupp)),
            keywords=tuple(_split(keyword)),
        )
    except click.BadParameter as exc:
        raise SubscriptionError(exc.format_message()) from exc
    return SubscriptionSpec(
        name=name,
        urls=checked,
        filters=filters,
        events=resolve_events(events),
        mode=mode,
        paused=paused,
        template=template,
    )


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _events_of(entry: dict[str, Any]) -> list[str]:
    """The file's `events`; present but empty is a mistake, not the default."""
    if "events" not in entry:
        return []
    events = _as_list(entry["events"])
    if not events:
        raise SubscriptionError("--events (`events`) is empty; leave it out for new, ended")
    return events


def _flag(value: Any, key: str) -> bool:
    """A true/false setting; "no" (a string) must not quietly read as true."""
    if not isinstance(value, bool):
        raise SubscriptionError(f"`{key}` must be true or false, not {value!r}")
    return value


def _text_or_none(value: Any, key: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise SubscriptionError(f"`{key}` must be text, not {value!r}")
    return value


def read_specs(path: Path) -> list[SubscriptionSpec]:
    """Every subscription in a TOML (.toml) or YAML (.yaml, .yml) file, all checked; the first
    problem raises SubscriptionError naming the entry."""
    text = path.read_text("utf-8")
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise SubscriptionError(
            f"{path.name} is not valid {path.suffix.lstrip('.')}: {exc}"
        ) from exc
    entries = (data or {}).get("subscriptions") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SubscriptionError(f"{path.name} has no `subscriptions` list")
    specs, names = [], set()
    for index, entry in enumerate(entries, start=1):
        label = f"{path.name}, subscription {index}"
        if not isinstance(entry, dict):
            raise SubscriptionError(f"{label}: expected a table of settings")
        label += f" ({entry.get('name')!r})" if entry.get("name") else ""
        unknown = set(entry) - _KEYS
        if unknown:
            raise SubscriptionError(
                f"{label}: unknown keys {sorted(unknown)}; known: {sorted(_KEYS)}"
            )
        try:
            spec = build_spec(
                str(entry.get("name") or ""),
                _as_list(entry.get("notify")),
                **{
                    key: _as_list(entry.get(key))
                    for key in ("category", "county", "municipality", "kommungrupp", "keyword")
                },
                events=_events_of(entry),
                mode=str(entry.get("mode") or Mode.INSTANT.value),
                paused=_flag(entry.get("paused", False), "paused"),
                template=_text_or_none(entry.get("template"), "template"),
            )
        except (SubscriptionError, TargetError) as exc:
            raise SubscriptionError(f"{label}: {exc}") from exc
        if spec.name in names:
            raise SubscriptionError(f"{label}: the name appears twice in the file")
        names.add(spec.name)
        specs.append(spec)
    return specs


def spec_entry(spec: SubscriptionSpec, redact_url: Any = None) -> dict[str, Any]:
    """A spec as a file entry; `redact_url` (a function) hides URLs for printing."""
    filters = spec.filters
    entry: dict[str, Any] = {
        "name": spec.name,
        "notify": [redact_url(url) if redact_url else url for url in spec.urls],
        "category": list(filters.categories),
        "county": list(filters.counties),
        "municipality": list(filters.municipalities),
        "kommungrupp": list(filters.kommungrupper),
        "keyword": list(filters.keywords),
        "events": list(spec.events),
        "mode": spec.mode,
        "paused": spec.paused,
    }
    if spec.template is not None:
        entry["template"] = spec.template
    return entry


def dump_specs(entries: list[dict[str, Any]], fmt: str) -> str:
    """The file text for `entries` in "toml" or "yaml"."""
    if fmt == "toml":
        return tomli_w.dumps({"subscriptions": entries})
    return yaml.safe_dump({"subscriptions": entries}, allow_unicode=True, sort_keys=False)


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (it holds notification secrets)."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
