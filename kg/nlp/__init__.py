"""The spaCy pipeline and kg's domain components (gazetteer, entities, coreference, dates)."""

from kg.nlp.pipeline import annotate, load_pipeline

__all__ = ["annotate", "load_pipeline"]
