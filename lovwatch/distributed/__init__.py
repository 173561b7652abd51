"""The municipal crawl spread over worker processes that share one frontier in Redis.

`lovwatch crawl --source municipal --workers N` runs the coordinator (`coordinator.py`): it
takes the store's municipal lock, records the run, seeds the sites' start requests into Redis
under a key prefix of its own (`keys.py`), starts N `lovwatch worker` processes and watches
them. Each worker (`worker.py`) runs the municipal spider (`spider.py`) on scrapy-redis's
scheduler: one shared request queue and duplicate filter (`frontier.py`), and pushes its items
back to Redis. When every worker is idle and the queue is empty, the coordinator applies the
items exactly as the single-process crawl does, in one transaction, and deletes the run's keys.
"""
