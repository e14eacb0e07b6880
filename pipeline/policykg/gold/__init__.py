"""The annotated corpus and its measurement: sampling, annotation files, folds, scores, audits.

Nothing here is on the runtime path (extract, build, serve): the import contract keeps it above
``policykg.nlp`` and below the CLI.
"""
