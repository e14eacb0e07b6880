"""The build: orchestration of ``policykg build`` and ``policykg extract --jobs``, apart from the
RDF mapping and validation (``policykg.graph``) that it calls.

- ``run``: read -> extract (or reuse the cache) -> resolve -> RDF parts -> SHACL -> write
- ``plan`` (+ ``pool``, ``dask_extract``, ``stages``): where documents are extracted, here, on
  worker processes or on Dask, one failure kept as a value
- ``cache``: per-document results under ``OUT/cache/``
- ``progress``: the progress display and the time of each stage
- ``report`` (+ ``publish``): ``build.json``, and the outputs committed together or not at all
"""
