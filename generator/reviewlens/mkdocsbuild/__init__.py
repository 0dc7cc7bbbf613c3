"""Stage 6: the site build around the analysis: the plan and stream of cases
into MkDocs (stream), the MkDocs plugin (plugin), the build cache (cache),
shards joined into one cache (shards), the site folder's guard (sitedir)
and the whole build as the CLI runs it (site)."""
