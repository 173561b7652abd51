"""lovwatch on the web: a read-only site (adverts, advert history, municipalities with their
peer benchmark, national counts and trends), Atom feeds of events and a JSON API with the
CLI's contracts. `lovwatch serve` runs it; `lovwatch feed` writes a feed for static hosting."""
