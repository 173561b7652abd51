"""A webhook that receives the message but answers after the timeout: the message may well
have arrived, so it is `uncertain`, never sent again, and the run says it needs a look."""

from __future__ import annotations

from conftest import Lovwatch
from notify_helpers import Receiver

from lovwatch.replica.dataset import initial_adverts, next_day_adverts
from lovwatch.replica.server import ReplicaServer


def test_a_webhook_slower_than_its_timeout_is_never_sent_twice(lovwatch: Lovwatch) -> None:
    with ReplicaServer(initial_adverts()) as server, Receiver() as hook:
        assert lovwatch.crawl(server.base_url).code == 0  # the baseline
        target = hook.url() + "?rto=1&cto=1"  # Apprise waits one second for the answer
        lovwatch("subscribe", "add", "slow", "--notify", target, check=True)
        server.set_adverts(next_day_adverts())
        assert lovwatch.crawl(server.base_url).code == 0
        hook.release.clear()  # the hook takes the message and answers late
        first = lovwatch("notify", "--format", "json")
        hook.release.set()
        assert first.code == 1
        assert [m["status"] for m in first.json()["messages"]] == ["uncertain"]
        again = lovwatch("notify", "--format", "json", check=True)
        assert again.json()["messages"] == []
    shown = lovwatch("subscribe", "show", "slow", "--format", "json", check=True).json()
    assert set(shown["deliveries"]) == {"uncertain"}
    assert len(hook.received) == 1  # it arrived once, and only once
