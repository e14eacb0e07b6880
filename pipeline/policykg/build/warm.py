"""Imported once by the fork server that the build's worker processes are forked from
(``build.pool``): the NLP pipeline is built there, so each worker starts with it loaded (shared,
copy on write) instead of importing spaCy and building its own.

If it cannot be built here, nothing is lost: each worker then builds its own on its first
document and reports the failure there, naming the document.
"""

from __future__ import annotations

import logging

from policykg.nlp.entry import make_nlp

logger = logging.getLogger(__name__)

try:
    make_nlp()
except Exception as exc:  # pragma: no cover - each worker builds and reports it again
    logger.debug("the fork server could not build the NLP pipeline: %s", exc)
