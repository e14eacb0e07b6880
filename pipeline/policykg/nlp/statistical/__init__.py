"""The learned parts at run time: the statistical NER (a proposer, off by default) and the decision
model that keeps or drops each candidate. Only their runtime side lives here; training them is
``policykg.gold`` (``train_ner``, ``train_decider``). Weights ship under ``nlp/model/``.
"""
