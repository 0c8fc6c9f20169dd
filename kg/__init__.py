"""kg: a knowledge graph of French tech news, built with spaCy and stored in RDF."""

__version__ = "0.1.0"
