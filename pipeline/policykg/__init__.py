"""policykg: a knowledge graph of what Chinese local-government documents talk about."""

__version__ = "0.1.0"
