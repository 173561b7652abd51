"""`lovwatch extract`: what municipal extraction reads from a saved page or one URL."""

from __future__ import annotations

import urllib.error
import urllib.request
import urllib.robotparser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from lovwatch.cli_common import EXIT_USAGE
from lovwatch.config import USER_AGENT
from lovwatch.municipal.findings import PageFindings, findings_from_html, findings_from_text
from lovwatch.municipal.pdf import MAX_BYTES, looks_like_pdf, pdf_text
from lovwatch.output import cell, emit, format_option, render_json

#: A saved page starts with "# source: URL" (the evaluation sets' convention).
SOURCE_PREFIX = "# source:"
FETCH_TIMEOUT = 30


def findings_of_file(path: Path) -> PageFindings:
    """Findings of a saved page: a PDF, HTML when it looks like markup, else plain text."""
    body = path.read_bytes()
    if looks_like_pdf(body):
        return findings_of_pdf(body, path.resolve().as_uri(), str(path))
    text = body.decode("utf-8", errors="replace")
    lines = text.splitlines()
    url = ""
    if lines and lines[0].startswith(SOURCE_PREFIX):
        url = lines[0].removeprefix(SOURCE_PREFIX).strip()
        text = "\n".join(line for line in lines if not line.startswith("# "))
    if text.lstrip()[:1] == "<":
        return findings_from_html(text, url or path.resolve().as_uri())
    return findings_from_text(text, url)


def findings_of_url(url: str) -> PageFindings:
    """Fetch one page politely (robots.txt, an honest User-Agent) and read it."""
    parts = urlsplit(url)
    robots = urllib.robotparser.RobotFileParser(f"{parts.scheme}://{parts.netloc}/robots.txt")
    try:
        robots.read()
    except (OSError, urllib.error.URLError):
        pass  # no robots.txt to be had: nothing forbids the page
    if robots.mtime() and not robots.can_fetch(USER_AGENT, url):
        raise click.ClickException(f"{url} is disallowed by the site's robots.txt")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            charset = response.headers.get_content_charset() or "utf-8"
            body = response.read(MAX_BYTES + 1)
            final_url = response.geturl()
    except (OSError, urllib.error.URLError) as exc:
        raise click.ClickException(f"cannot fetch {url}: {exc}") from exc
    if looks_like_pdf(body):
        return findings_of_pdf(body, final_url, url)
    return findings_from_html(body.decode(charset, errors="replace"), final_url)


def findings_of_pdf(body: bytes, url: str, source: str) -> PageFindings:
    """Findings of a PDF (a list of providers, a decision): its text, read as saved text."""
    if len(body) > MAX_BYTES or (text := pdf_text(body)) is None:
        raise click.ClickException(
            f"{source} is a PDF that cannot be read (damaged, encrypted or over "
            f"{MAX_BYTES // (1024 * 1024)} MB); save its text and give that file instead"
        )
    return findings_from_text(text, url)


@click.command(name="extract")
@click.argument("sources", nargs=-1, required=True, metavar="FILE|URL...")
@click.option(
    "--all-claims",
    is_flag=True,
    help="Also list claims that are no decision of the page's own authority (other "
    "municipalities, the law, proposals, demands).",
)
@format_option
def extract_command(sources: tuple[str, ...], all_claims: bool, fmt: str) -> None:
    """Show what lovwatch reads on municipal pages: LOV statements, approved providers, counts
    and links. FILE is a saved page (HTML, a PDF, or text, optionally starting with "# source:
    URL"); URL is fetched once. Nothing is stored.

    \b
    Examples:
      lovwatch extract saved-page.html --format json
      lovwatch extract https://www.krokom.se/omsorg/hemtjanst/valj-utforare.html
    """
    pages: list[dict[str, Any]] = []
    for source in sources:
        if source.startswith(("http://", "https://")):
            findings = findings_of_url(source)
        else:
            path = Path(source)
            if not path.is_file():
                click.echo(
                    f"error: no file {source}; give a saved page or an http(s) URL", err=True
                )
                raise SystemExit(EXIT_USAGE)
            findings = findings_of_file(path)
        pages.append({"source": source, **findings.to_dict(all_claims=all_claims)})
    if fmt == "json":
        click.echo(render_json(pages[0] if len(pages) == 1 else pages))
        return
    rows = [
        {"source": page["source"], "what": what, "item": _describe(what, item)}
        for page in pages
        for what in ("statements", "providers", "counts", "links")
        for item in page[what]
    ]
    emit(rows, fmt, ("source", "what", "item"))


def _describe(what: str, item: dict[str, Any]) -> str:
    if what == "statements":
        categories = ", ".join(item.get("categories") or ["LOV"])
        return f"{item['kind']} ({item.get('modality')}, {categories}): {item['quote'][:80]}"
    if what == "providers":
        return f"{item['name']}" + (f" ({item['org_number']})" if item.get("org_number") else "")
    return ", ".join(f"{key} {cell(value)}" for key, value in item.items() if value)
