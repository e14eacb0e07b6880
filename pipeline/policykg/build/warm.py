"""Imported once by the fork server that the build's worker processes are forked from
(``build.pool``): the NLP pipeline is built there, so each worker starts with it in memory
(shared, copy on write) instead of importing spaCy and building its own.

The data the pipeline loads on its first document (lexicon, decision model) is left to the
workers: loading it here too delayed every worker by as much as it saved them (measured on the
corpus, `--jobs 2`: 10.7 s without, 11.0 s with).

If the pipeline cannot be built here, nothing is lost: each worker then builds its own on its
first document and reports any failure there, naming the document.
"""

from __future__ import annotations

import logging

from policykg.build.collector import built_to_last
from policykg.nlp.entry import make_nlp

logger = logging.getLogger(__name__)

try:
    built_to_last(make_nlp)  # frozen: the workers forked from here never walk it
except Exception as exc:  # pragma: no cover - each worker builds and reports it again
    logger.debug("the fork server could not build the NLP pipeline: %s", exc)
