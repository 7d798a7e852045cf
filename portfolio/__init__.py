"""Portfolio: an offline e-portfolio builder for NVQ / RQF vocational learners."""

__version__ = "0.1.0"
