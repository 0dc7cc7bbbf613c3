"""Stage 6, the MkDocs integration: the plan and stream of cases into MkDocs (stream), the plugin, a
thin adapter (plugin, with its settings and pages in mkdocsparts, its frozen inputs and result in
buildio), which pages on disk are still right (reuse), what `mkdocs serve` keeps between rebuilds
(serving), the build cache (cache), shards joined into one cache (shards), the site folder's guard
(sitedir), the whole build as the CLI runs it (site) and the folder MkDocs and Zensical build (docsdir)."""
