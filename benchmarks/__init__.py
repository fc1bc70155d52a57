"""Benchmarks: measurements that print figures (``make bench``), never timed tests."""
