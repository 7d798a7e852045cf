"""Progress over time."""
