"""A local replica of the national LOV database (Hitta LOV-uppdrag) for tests, demos and
benchmarks: `ReplicaServer` serves `ReplicaAdvert`s over real HTTP on a loopback address."""

from lovwatch.replica.dataset import (
    NEXT_DAY_CHANGES,
    ReplicaAdvert,
    generated_adverts,
    initial_adverts,
    next_day_adverts,
)
from lovwatch.replica.server import ReplicaServer

__all__ = [
    "NEXT_DAY_CHANGES",
    "ReplicaAdvert",
    "ReplicaServer",
    "generated_adverts",
    "initial_adverts",
    "next_day_adverts",
]
