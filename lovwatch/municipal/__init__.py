"""Municipal websites: which sites, finding their LOV pages, what the pages say (LOV status,
approved providers), storing it with history, and comparing it with the national database."""
