"""The text of a PDF a municipal site links to: most often its list of approved providers.

Read with pypdf in its layout mode, which keeps a table's columns apart: a gap of three
spaces or more between two runs of text becomes a tab, so a row "Jämtvård Omsorg AB
063-12 34 56 Hela kommunen" reads as cells, and the provider column is picked by its header
as on an HTML page. Only the first pages are read; a PDF that cannot be read gives None.
"""

from __future__ import annotations

import logging
import re
import threading
from io import BytesIO

from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError

#: Pages read from one document: a list of providers is short, a förfrågningsunderlag is not
#: what is wanted from it.
MAX_PAGES = 30
#: The largest document fetched (bytes).
MAX_BYTES = 10 * 1024 * 1024

_COLUMN_GAP = re.compile(r" {3,}")


class _QuietPdf:
    """Mutes pypdf's warnings while lovwatch reads a document, and only then: pypdf reports
    each odd font or broken object it works around, and a crawl needs one line per document
    that cannot be read, not those. Reads may overlap (each runs in a thread); the level is
    restored when the last one ends, so a program that imports lovwatch keeps pypdf's own."""

    def __init__(self) -> None:
        self.logger = logging.getLogger("pypdf")
        self.lock = threading.Lock()
        self.readers = 0
        self.level = logging.NOTSET

    def __enter__(self) -> None:
        with self.lock:
            if self.readers == 0:
                self.level = self.logger.level
                self.logger.setLevel(logging.ERROR)
            self.readers += 1

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            self.readers -= 1
            if self.readers == 0:
                self.logger.setLevel(self.level)


_quiet = _QuietPdf()


def looks_like_pdf(body: bytes) -> bool:
    return body.lstrip()[:5] == b"%PDF-"


def pdf_text(body: bytes, max_pages: int = MAX_PAGES) -> str | None:
    """The text of the PDF in `body`, its table cells separated by tabs; None when `body` is
    no PDF, is encrypted, or cannot be read."""
    if not looks_like_pdf(body):
        return None
    try:
        with _quiet:
            reader = PdfReader(BytesIO(body))
            if reader.is_encrypted and not reader.decrypt(""):
                return None
            pages = [_page_text(page) for page in reader.pages[:max_pages]]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError):
        # pypdf raises more than its own errors on a damaged file.
        return None
    lines = (_COLUMN_GAP.sub("\t", line.strip()) for page in pages for line in page.splitlines())
    text = "\n".join(lines).strip()
    return text or None


def _page_text(page: PageObject) -> str:
    try:
        return page.extract_text(extraction_mode="layout")
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, ZeroDivisionError):
        # The layout mode needs font metrics some documents lack; the plain mode does not.
        return page.extract_text()
