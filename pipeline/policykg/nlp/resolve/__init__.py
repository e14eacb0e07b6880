"""After the decision: merge by rule rank, propagate names within a document, relations and
amounts (one document); then entities, aliases and links across documents (``entities``,
``links``), the cross-document phrase filter (``phrases``) and the kinds that several places
name (``kinds``).
"""
