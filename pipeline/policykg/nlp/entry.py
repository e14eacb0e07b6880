"""The NLP functions a build calls, importable without spaCy.

A ``--jobs N`` build's parent process reads, resolves and writes: it never runs the pipeline, so
these wrappers import spaCy (``pipeline``, ``extract``) only when a process first extracts. They
are module-level functions, so they pickle by name for the worker processes.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from policykg.ir import DocResult, SourceDoc

if TYPE_CHECKING:
    from spacy.language import Language


@cache
def make_nlp() -> Language:
    """The default spaCy pipeline (``pipeline.build_nlp``), built once per process."""
    from policykg.nlp.pipeline import build_nlp

    return build_nlp()


def extract_document(doc: SourceDoc, nlp: Language) -> DocResult:
    """One document's extraction with the shipped decision model (``extract.extract_doc``)."""
    from policykg.nlp.extract import extract_doc

    return extract_doc(doc, nlp)
