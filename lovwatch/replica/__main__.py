"""Run the replica in the foreground for manual use.

Example: ``python -m lovwatch.replica --port 8080 --state next-day`` then point lovwatch at it
with ``LOVWATCH_BASE_URL=http://127.0.0.1:8080``. The first line printed is the base URL
(useful with ``--port 0``); Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import threading

from lovwatch.replica.dataset import generated_adverts, initial_adverts, next_day_adverts
from lovwatch.replica.server import ReplicaServer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m lovwatch.replica", description="Serve a local replica of Hitta LOV-uppdrag."
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument("--port", type=int, default=8080, help="port (0 = any free port)")
    parser.add_argument(
        "--state",
        choices=("initial", "next-day"),
        default="initial",
        help="which day of the hand-made dataset to serve",
    )
    parser.add_argument(
        "--count",
        type=int,
        default=None,
        help="serve N synthetic adverts instead (e.g. 450 or 2000)",
    )
    args = parser.parse_args(argv)
    if args.count is not None:
        adverts = generated_adverts(args.count)
    elif args.state == "next-day":
        adverts = next_day_adverts()
    else:
        adverts = initial_adverts()
    with ReplicaServer(adverts, host=args.host, port=args.port) as server:
        print(server.base_url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
