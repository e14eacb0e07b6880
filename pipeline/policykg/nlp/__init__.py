"""nlp layer: from a decoded document to its entities and relations (the runtime path).

``extract`` is the one stage list: candidates (``rules``, ``terms``, ``statistical.ner``) →
decide (``statistical.decide``) → merge → propagate → relations → amounts (``resolve``) → IR
(``results``) → resolve across documents (``resolve.entities``). ``pipeline`` builds the spaCy
pipeline from ``config.cfg``; ``candidates`` names every proposer with its merge rank. Evaluation,
gold handling and training are ``policykg.gold``, above this layer.
"""
