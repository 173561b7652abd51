"""The browser for pages whose content is injected by script: Debian's Chromium through
scrapy-playwright, used only for requests that ask for it (`meta={"playwright": True}`).

The browser is found from the Scrapy setting or environment variable LOVWATCH_CHROMIUM, else
the usual Debian paths. `playwright install` is not needed (nor wanted: it downloads a browser).
"""

from __future__ import annotations

import os
import shutil
from importlib.util import find_spec
from pathlib import Path
from typing import Any

CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
#: Flags for a headless browser in a container or CI job (no sandbox, no background traffic).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
MISSING = (
    "no Chromium found for pages that build their content with JavaScript: install it "
    "(Debian: apt-get install -y chromium) or set LOVWATCH_CHROMIUM to its path; "
    "those pages were read without rendering"
)


def find_chromium(configured: str | None = None) -> str | None:
    """The Chromium executable to use, or None (then script-built pages are not rendered)."""
    explicit = configured or os.environ.get("LOVWATCH_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for candidate in CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


def playwright_available() -> bool:
    return find_spec("scrapy_playwright") is not None


def browser_settings(executable: str) -> dict[str, Any]:
    """Scrapy settings that route requests marked `playwright` through Chromium; every other
    request stays plain HTTP."""
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    return {
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": executable,
            "headless": True,
            "args": ARGS,
        },
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 4,
    }
