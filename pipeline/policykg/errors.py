"""The project's exceptions. The CLI turns these into one-line messages and a non-zero exit."""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base class of every error the user can act on."""


class InputError(PolicyKGError):
    """A source document cannot be read: names the file and the reason."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class ManifestError(PolicyKGError):
    """The seeds manifest is malformed."""


class NotYetAvailableError(PolicyKGError):
    """A command whose feature has not landed yet."""


class OntologyError(PolicyKGError):
    """The graph does not conform to the SHACL shapes."""


class QueryError(PolicyKGError):
    """A SPARQL query is malformed or refused."""
