"""Analysis of the stored history: counts, trends, peer benchmarks, exports and the report.

Everything here reads the store and never writes it. The counting rules live in `timeline`;
every other module builds on its `AdvertSpan`s, so the CLI, exports and report agree.
"""
