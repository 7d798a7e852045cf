"""Off-the-job training log page."""
