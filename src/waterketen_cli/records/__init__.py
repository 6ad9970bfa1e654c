"""Reading and writing record files: the only place that touches YAML on disk."""
