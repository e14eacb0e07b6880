"""sparql layer."""
