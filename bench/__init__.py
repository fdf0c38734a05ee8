"""Benchmarks: figures are printed and written to bench/results/ (not asserted)."""
