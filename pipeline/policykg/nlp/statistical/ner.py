"""The statistical NER component: a small CNN tok2vec + transition-based NER trained by us.

``policykg train`` writes minimal pipelines (blank ``zh`` tokenizer + ``ner``) under
``nlp/model/ner-<fold>/``; :func:`add_trained_ner` sources that ``ner`` component into a rule
pipeline. Labels are :class:`policykg.ir.EntityType` values ("Enterprise", "Project",
"GovernmentBody", "Park"). When no trained model is shipped, nothing is added and the function
says so by returning ``False``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language

from policykg.errors import PolicyKGError
from policykg.nlp.statistical.ner_gate import GATE_PIPE

logger = logging.getLogger(__name__)

MODEL_ROOT = Path(__file__).resolve().parents[1] / "model"
FOLDS = ("xinjiang", "jiangxian", "all")
DEFAULT_FOLD = "all"
NER_PIPE = "ner"


class ModelError(PolicyKGError):
    """A trained NER model folder exists but cannot be loaded."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def model_dir(fold: str = DEFAULT_FOLD) -> Path:
    """Where the model trained on ``fold`` lives (whether or not it exists yet)."""
    if fold not in FOLDS:
        raise PolicyKGError(f"unknown fold {fold!r}: choose one of {', '.join(FOLDS)}")
    return MODEL_ROOT / f"ner-{fold}"


def has_model(path: Path) -> bool:
    """True when ``path`` holds a saved spaCy pipeline with an ``ner`` component."""
    return (path / "meta.json").is_file() and (path / NER_PIPE).is_dir()


def load_model(path: Path) -> Language:
    """Load a saved minimal NER pipeline, turning spaCy's errors into a :class:`ModelError`."""
    try:
        source = spacy.load(path)
    except (OSError, ValueError) as exc:
        raise ModelError(path, f"cannot load the trained NER model ({exc})") from exc
    if NER_PIPE not in source.pipe_names:
        raise ModelError(path, "the saved pipeline has no 'ner' component")
    return source


def add_trained_ner(nlp: Language, path: Path | None = None) -> bool:
    """Add the trained ``ner`` to ``nlp`` (replacing one already there, at the same position),
    followed by the precision gate of :mod:`policykg.nlp.statistical.ner_gate`.

    ``path`` defaults to the model trained on all annotated documents. Returns ``False`` and
    leaves ``nlp`` untouched when no model is present at that path.
    """
    path = model_dir(DEFAULT_FOLD) if path is None else path
    if not has_model(path):
        logger.info("no trained NER model at %s: rules only", path)
        return False
    source = load_model(path)
    position: int | None = None
    if NER_PIPE in nlp.pipe_names:
        position = nlp.pipe_names.index(NER_PIPE)
        nlp.remove_pipe(NER_PIPE)
    if position is None:
        nlp.add_pipe(NER_PIPE, source=source)
    else:
        nlp.add_pipe(NER_PIPE, source=source, before=_name_at(nlp, position))
    if GATE_PIPE not in nlp.pipe_names:
        nlp.add_pipe(GATE_PIPE, after=NER_PIPE)
    logger.info("added trained NER from %s", path)
    return True


def _name_at(nlp: Language, position: int) -> str | None:
    """The pipe now at ``position`` (to insert before it), or None when that is the end."""
    names = nlp.pipe_names
    return names[position] if position < len(names) else None


def ner_labels(nlp: Language) -> tuple[str, ...]:
    """The labels the ``ner`` component of ``nlp`` predicts (empty when it has none)."""
    if NER_PIPE not in nlp.pipe_names:
        return ()
    pipe = nlp.get_pipe(NER_PIPE)
    return tuple(getattr(pipe, "labels", ()))
