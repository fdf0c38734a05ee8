"""Database layer: models, engine and the functions that store conversations."""
