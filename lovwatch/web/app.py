"""The web application: read-only pages, Atom feeds and the JSON API over one store.

`create_app(engine)` takes an engine opened with `open_store(url, write=False)`: nothing
here writes, migrates or creates anything, on SQLite or PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from lovwatch import __version__
from lovwatch.web import labels
from lovwatch.web.filters import FilterError

#: No scripts at all, styles and icons from this site only, nothing framed or posted elsewhere.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def templates() -> Jinja2Templates:
    directory = str(resources.files("lovwatch.web") / "templates")
    found = Jinja2Templates(directory=directory)
    found.env.trim_blocks = True
    found.env.lstrip_blocks = True
    found.env.globals.update(labels.GLOBALS)
    found.env.filters.update(labels.FILTERS)
    return found


class Web:
    """What every route needs: the store and the templates."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.templates = templates()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    def page(
        self, request: Request, name: str, context: dict[str, Any], status_code: int = 200
    ) -> Response:
        return self.templates.TemplateResponse(
            request, name, {"request": request, **context}, status_code=status_code
        )


def create_app(engine: Engine) -> FastAPI:
    from lovwatch.web import api, pages

    app = FastAPI(
        title="lovwatch API",
        version=__version__,
        description=(
            "Read-only access to lovwatch's store of valfrihetssystem (LOV) adverts from "
            "Hitta LOV-uppdrag. Every response has the same shape as the CLI's "
            "`--format json` output for the same filters (see the README's JSON contracts). "
            "Filters repeat (`?county=01&county=03`) or take comma-separated values, and accept "
            "codes or names like the CLI."
        ),
        docs_url=None,
        redoc_url=None,
    )
    web = Web(engine)
    app.state.web = web
    app.include_router(api.router)
    app.include_router(pages.router)
    static = str(resources.files("lovwatch.web") / "static")
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.exception_handler(FilterError)
    async def bad_filter(request: Request, exc: FilterError) -> Response:
        if request.url.path.startswith("/api/") or request.url.path.endswith(".atom"):
            return JSONResponse({"error": str(exc)}, status_code=400)
        return web.page(request, "error.html.j2", {"message": str(exc)}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)
        message = "Sidan finns inte." if exc.status_code == 404 else str(exc.detail)
        return web.page(request, "error.html.j2", {"message": message}, status_code=exc.status_code)

    return app
