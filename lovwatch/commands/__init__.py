"""Command modules of the CLI, grouped by what they work on; `lovwatch.cli` registers them."""
