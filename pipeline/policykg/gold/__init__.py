"""The annotated corpus and its measurement: sampling, annotation files, folds, scores, audits;
the gold files and scoring of ``policykg eval`` (``files``, ``evaluate``, ``eval_run``,
``eval_report``, ``ner_eval``, ``run``, ``report``), and the training of the models the runtime
loads (``train_decider``, ``decider_models``; ``train_ner`` with ``ner_augment``,
``ner_sentences`` and ``ner_config.cfg``).

Nothing here is on the runtime path (extract, build, serve): the import contract keeps it above
``policykg.nlp`` and below the CLI, and a ``forbidden`` contract names it (and scikit-learn) as
what the runtime packages never import.
"""
