"""The report's glossary of its abbreviations: entries (``parse.parse_glossary``), their
definitions and parts."""
