"""Rule proposers: typed candidate spans found by structure (legal suffixes, list items, 专栏
columns, project heads, the place gazetteer), the spaCy components that run them, and their
vocabulary. Rules propose; they do not decide, merge or resolve (``policykg.nlp.statistical``,
``policykg.nlp.resolve``), and the import contract keeps them from importing either.
"""
