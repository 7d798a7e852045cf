"""Reviewing a learner's portfolio: evidence fingerprints, merging reviewed copies, group scans."""
