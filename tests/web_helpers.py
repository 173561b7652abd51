"""The web site as a user runs it: `python -m lovwatch.web serve` (the same command as
`lovwatch serve`) in a subprocess on 127.0.0.1, over a store built by crawling the replica."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from analysis_helpers import clock


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


class WebServer:
    """`serve` running against `db` with a frozen clock; `get(path)` asks it over HTTP."""

    def __init__(self, db: str, day: date, log: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        env = {
            k: v for k, v in os.environ.items() if k not in ("LOVWATCH_BASE_URL", "LOVWATCH_NOW")
        }
        env.update({"LOVWATCH_DB": db, **clock(day)})
        self.log = log
        self._log_file = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lovwatch.web", "serve", "--port", str(self.port)],
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited {self.process.returncode}:\n{self.logged()}")
            try:
                if self.get("/openapi.json").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"serve did not answer within {timeout} s:\n{self.logged()}")

    def logged(self) -> str:
        self._log_file.flush()
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        # What a person types in the address bar: the browser encodes non-ASCII characters.
        request = urllib.request.Request(
            self.base_url + quote(path, safe="/?&=%,:;+"), headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
                return Answer(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()


def keep_artifact(source: Path, name: str) -> None:
    """Copy a screenshot to LOVWATCH_ARTIFACTS (when set) for people to look at."""
    target = os.environ.get("LOVWATCH_ARTIFACTS")
    if target:
        folder = Path(target)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / name)
