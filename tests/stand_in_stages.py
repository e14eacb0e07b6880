"""Stand-in build stages for tests that run a build in another process: no NLP, one empty
result per document, its name as its extraction line. Tests copy this file as ``stand_in.py``
next to the script they run (``from stand_in import STAGES``); it is not a test module."""

from __future__ import annotations

import json
from typing import Any

from policykg.build.run import Stages
from policykg.ir import DocResult, Extraction, SourceDoc


def make_nlp() -> None:
    return None


def extract_doc(doc: SourceDoc, nlp: Any) -> DocResult:
    return DocResult(doc, (), ())


def resolve(results: Any) -> tuple[tuple[()], tuple[()]]:
    return (), ()


def dump(extraction: Extraction) -> list[str]:
    return [json.dumps({"doc": d.name}) for d in extraction.docs]


STAGES = Stages(make_nlp, extract_doc, resolve, dump)
