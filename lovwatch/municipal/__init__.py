"""Reading municipalities' own websites: which sites (`sites`), the browser for script-built
pages (`browser`), and the pure extraction of what a page says (`findings` and the modules it
uses: claims, providers, counts, dates). The spider is `lovwatch.spiders.municipal`; storing
and querying what was read is `lovwatch.models.municipal_history` / `municipal_queries`."""
