"""``build_nlp()``: the default spaCy pipeline, loaded from ``config.cfg`` with spaCy's config system."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

# Imported for their registrations (factories and misc functions named in config.cfg).
import policykg.nlp.char_tokenizer as _char_tokenizer
import policykg.nlp.rules.components as _components
import policykg.nlp.rules.places as _places
import policykg.nlp.rules.vocabulary as _rules_data
import policykg.nlp.terms.finder as _terms
from policykg.nlp.rule_data import register_with_spacy
from policykg.nlp.statistical.ner import add_trained_ner

logger = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).with_name("config.cfg")
REGISTERED = (_char_tokenizer, _components, _places, _rules_data, _terms)


@lru_cache(maxsize=1)
def default_config() -> Config:
    """The pipeline config shipped with the package."""
    return Config().from_disk(CONFIG_PATH)


def build_nlp(*, with_ner: bool = False) -> Language:
    """The default pipeline: blank ``zh`` (char segmenter) and the rule components.

    ``with_ner`` adds the shipped statistical NER (``model/ner-all``). It is off by default: on
    the place-held-out corpus folds it costs Enterprise F1 instead of adding any (EVAL.md)."""
    register_with_spacy()  # the rule data that config.cfg names
    nlp = spacy.util.load_model_from_config(default_config(), auto_fill=True, validate=True)
    if with_ner:
        added = add_trained_ner(nlp)
        logger.debug("trained NER %s", "added" if added else "not available")
    return nlp
