"""The cache: a layer the pipeline consults, so that a run redoes only what its inputs changed."""
