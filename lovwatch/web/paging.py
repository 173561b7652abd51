"""Pages of a long list: which slice of the rows a page shows, and the links to its
neighbours. The page is part of the address (`?page=3`), beside the filter, so a shared link
opens the same page of the same list; the slices are cut from the one list `lovwatch list`
prints, so read page by page they hold exactly its rows, in its order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from lovwatch.output import to_jsonable
from lovwatch.web.filters import FilterError

#: Rows a page shows unless the address asks for another size.
PAGE_SIZE = 50
#: More than this per page is no longer a page; the JSON API is there for everything at once.
MAX_PAGE_SIZE = 500


def _positive(value: str | None, name: str, default: int, highest: int | None = None) -> int:
    if value is None or not value.strip():
        return default
    text = value.strip()
    if not text.isdigit() or int(text) < 1:
        raise FilterError(f"”{value}” i {name} är inget sidnummer: skriv ett heltal från 1")
    number = int(text)
    if highest is not None and number > highest:
        raise FilterError(f"{name}={number} är för många: högst {highest} per sida")
    return number


@dataclass(frozen=True)
class Page:
    """One page of `total` rows: `rows` are those from `start` (0-based) on."""

    number: int
    size: int
    total: int | None
    rows: Sequence[dict[str, Any]]
    has_next: bool

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size

    @property
    def pages(self) -> int | None:
        """How many pages there are, when the total is known."""
        if self.total is None:
            return None
        return max(1, -(-self.total // self.size))

    def query(self, base: str, number: int) -> str:
        """The address's query for page `number` of the same list (the filter kept)."""
        parts = [base] if base else []
        if self.size != PAGE_SIZE:
            parts.append(f"per_page={self.size}")
        if number > 1:
            parts.append(f"page={number}")
        return "&".join(parts)


def requested(params: dict[str, list[str]]) -> tuple[int, int]:
    """(page number, page size) from the address; bad values are a `FilterError`."""
    page = _positive(_last(params.get("page")), "page", 1)
    size = _positive(_last(params.get("per_page")), "per_page", PAGE_SIZE, MAX_PAGE_SIZE)
    return page, size


def _last(values: list[str] | None) -> str | None:
    return values[-1] if values else None


def cut(rows: Sequence[dict[str, Any]], number: int, size: int) -> Page:
    """Page `number` of a list whose rows are all at hand (so its total is known); a page
    past the last is a `FilterError` that names the last one."""
    page = Page(number, size, len(rows), (), False)
    if number > (page.pages or 1):
        last = page.pages or 1
        raise FilterError(
            f"Sidan {number} finns inte: urvalet har {last} {'sida' if last == 1 else 'sidor'}"
        )
    end = page.start + size
    return Page(number, size, len(rows), rows[page.start : end], end < len(rows))


def cut_open(rows: Sequence[dict[str, Any]], number: int, size: int) -> Page:
    """Page `number` of a list read only up to one row past the page (`rows` holds at most
    `number * size + 1` of them): whether a next page exists, not how many there are."""
    start = (number - 1) * size
    if number > 1 and len(rows) <= start:
        raise FilterError(f"Sidan {number} finns inte: urvalet tar slut tidigare")
    return Page(number, size, None, rows[start : start + size], len(rows) > start + size)


#: The JSON API's paging parameters (`/api/adverts`, `/api/events`).
LIMIT = Query(
    default=None,
    ge=1,
    description="At most this many rows (all when left out); the `Link` header names the next page",
)
OFFSET = Query(default=0, ge=0, description="Skip this many rows of the full, ordered answer")
#: The paging headers, as the OpenAPI description states them.
PAGED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The rows (all of them without `limit`)",
        "headers": {
            "Link": {
                "description": 'With `limit`, while rows remain: `<URL>; rel="next"` '
                "(RFC 8288), the same query at the next offset",
                "schema": {"type": "string"},
            },
            "X-Total-Count": {
                "description": "Rows in the whole answer (`/api/adverts` only)",
                "schema": {"type": "integer"},
            },
        },
    }
}


def paged_json(
    request: Request,
    rest: list[dict[str, Any]],
    offset: int,
    limit: int | None,
    total: int | None = None,
) -> JSONResponse:
    """`rest` (the answer from `offset` on) cut to `limit`, the body unchanged in shape: a
    `Link: <...>; rel="next"` header (RFC 8288) while rows remain, and `X-Total-Count` when
    the total is known. Paging through by these links gives the whole answer once, in order."""
    shown = rest if limit is None else rest[:limit]
    response = JSONResponse(to_jsonable(shown))
    if total is not None:
        response.headers["X-Total-Count"] = str(total)
    if limit is not None and len(rest) > limit:
        following = request.url.include_query_params(offset=offset + limit, limit=limit)
        response.headers["Link"] = f'<{following}>; rel="next"'
    return response
