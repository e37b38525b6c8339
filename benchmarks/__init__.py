"""Benchmarks: `python -m benchmarks` prints every figure the README's targets refer to."""
