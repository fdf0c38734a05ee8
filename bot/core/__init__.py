"""Shared basics with no domain of their own: stages of change, runtime settings, line
input, and Dutch wording kept in YAML files."""
