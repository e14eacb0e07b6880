"""Imported once by the fork server that the build's worker processes are forked from
(``build.pool``): the NLP pipeline is built there and run once on a short text of the genre,
so each worker starts with the pipeline and the data it loads on first use (lexicon, gazetteer,
decision model) in memory (shared, copy on write) instead of loading its own.

If it cannot be done here, nothing is lost: each worker then builds its own pipeline on its
first document and reports any failure there, naming the document.
"""

from __future__ import annotations

import logging

from policykg.ir import DocMeta, SourceDoc
from policykg.nlp.entry import extract_document, make_nlp

logger = logging.getLogger(__name__)

# Made up for the warm-up (never in any output): a firm, a project, a slogan, a glossary entry.
_TEXT = (
    "各位代表：\n过去一年，某某新材料有限公司实施年产5万吨新材料项目，总投资3亿元。"
    "坚持“绿色发展、创新发展”，落实“六稳”工作。\n名词解释：\n1.“六稳”：稳就业、稳金融。\n"
)


def warm_up() -> None:
    """Build the pipeline and extract one short document with it."""
    meta = DocMeta(name="warm-up.txt")
    doc = SourceDoc("warm-up.txt", "warm-up.txt", _TEXT, "utf-8", "", meta)
    extract_document(doc, make_nlp())


try:
    warm_up()
except Exception as exc:  # pragma: no cover - each worker builds and reports it again
    logger.debug("the fork server could not warm up the NLP pipeline: %s", exc)
