"""Scrapy's filesystem HTTP cache, safe for several processes that share one directory.

The distributed crawl's workers share the cache directory, and every worker reads each host's
robots.txt for itself, so two processes can store and read the same entry at once. Scrapy's
`FilesystemCacheStorage` writes an entry's files one after the other, in place: a reader can
find the metadata of an entry whose body is still empty, and an empty robots.txt allows
everything. Here each file is written under a temporary name and moved into place, the
metadata (which marks an entry as present) last, so a reader sees a whole entry or none; an
entry that cannot be read is a miss, never an error.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from time import time
from typing import TYPE_CHECKING
from uuid import uuid4

from scrapy.extensions.httpcache import FilesystemCacheStorage
from scrapy.utils.python import to_bytes
from w3lib.http import headers_dict_to_raw

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Request, Response


class AtomicFilesystemCacheStorage(FilesystemCacheStorage):
    """`FilesystemCacheStorage` whose entries appear whole or not at all."""

    def retrieve_response(self, spider: Spider, request: Request) -> Response | None:
        try:
            return super().retrieve_response(spider, request)
        except (OSError, EOFError, ValueError, KeyError, pickle.UnpicklingError):
            return None  # replaced while read, or damaged: fetch it again

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        path = Path(self._get_request_path(spider, request))
        path.mkdir(parents=True, exist_ok=True)
        metadata = {
            "url": request.url,
            "method": request.method,
            "status": response.status,
            "response_url": response.url,
            "timestamp": time(),
        }
        data = {
            key: value
            for key, value in response.to_dict().items()
            if key not in {"url", "status", "headers", "body"}
        }
        files = {
            "meta": to_bytes(repr(metadata)),
            "response_headers": headers_dict_to_raw(response.headers) or b"",
            "response_body": response.body,
            "response_data": pickle.dumps(data, protocol=4),
            "request_headers": headers_dict_to_raw(request.headers) or b"",
            "request_body": request.body,
            # Last: a reader takes an entry as present once this file is there.
            "pickled_meta": pickle.dumps(metadata, protocol=4),
        }
        for name, content in files.items():
            self._replace(path / name, content)

    def _replace(self, path: Path, content: bytes) -> None:
        """Write `content` under a temporary name, then move it to `path` in one step."""
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid4().hex}")
        try:
            with self._open(temporary, "wb") as file:
                file.write(content)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
