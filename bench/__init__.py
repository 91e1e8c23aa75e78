"""Benchmarks for Escape Routes (not tests): ``python bench/run.py`` writes bench/RESULTS.md."""
