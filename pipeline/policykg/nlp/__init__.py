"""nlp layer."""
