"""Stage 6: the build around the analysis: workers, the stream of cases into MkDocs, the cache, shards and the site folder."""
