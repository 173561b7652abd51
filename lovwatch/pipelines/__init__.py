"""Item pipelines: they collect what a spider saw and apply it to the store as one run.

`ITEM_PIPELINES` in `lovwatch.settings` enables both; each serves its own spider and is
`NotConfigured` for the other. They take the store from the LOVWATCH_DB setting (else the
environment, else the default SQLite file), so `scrapy crawl hitta_lov` is the whole job.
"""

#: Sent by a run pipeline once its run is recorded, with `summary` (RunSummary or
#: MunicipalSummary). The crawl service listens to collect the report.
run_finished = object()

#: Sent by a run pipeline when the store refused the run (locked, full, read-only), with
#: `source` and `message` (one sentence saying what to fix). Nothing was applied.
run_failed = object()
