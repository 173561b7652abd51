"""Retries with exponential backoff that honour the server's Retry-After."""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message
from twisted.internet.error import DNSLookupError

from lovwatch.clock import now


def retry_after_seconds(value: str | bytes | None) -> float | None:
    """Seconds that a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment.replace(tzinfo=None) - now()).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, but waiting before each retry: Retry-After when the server sends one,
    otherwise `LOVWATCH_BACKOFF_BASE` seconds doubled per earlier retry, capped at
    `LOVWATCH_BACKOFF_MAX`.
    """

    def __init__(self, settings) -> None:  # type: ignore[no-untyped-def]
        super().__init__(settings)
        self.backoff_base = settings.getfloat("LOVWATCH_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("LOVWATCH_BACKOFF_MAX", 120.0)

    def _delay(self, request: Request, response: Response | None) -> float:
        asked = None
        if response is not None:
            asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is None:
            asked = self.backoff_base * 2 ** request.meta.get("retry_times", 0)
        return min(asked, self.backoff_max)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: object = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await sleep(self._delay(request, response))
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: object = None
    ) -> Request | Response | None:
        if (
            not isinstance(exception, self.exceptions_to_retry)
            or request.meta.get("dont_retry", False)
            # A name that does not resolve will not resolve in a few seconds either, and
            # robots.txt that cannot be fetched means "allowed": neither is worth a retry.
            or isinstance(exception, DNSLookupError)
            or urlsplit(request.url).path == "/robots.txt"
        ):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await sleep(self._delay(request, None))
        return retry
