"""Benchmarks for Escape Routes (not tests): run ``python bench/run.py``; figures go to RESULTS.md."""
