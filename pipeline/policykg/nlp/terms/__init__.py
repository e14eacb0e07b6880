"""Policy terms (Abbreviation, Slogan): quoted and enumerated terms in running text
(``finder``: the ``policykg_terms`` component) and the report's own glossary (``glossary``).
"""
