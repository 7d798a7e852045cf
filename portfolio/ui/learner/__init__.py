"""The learner's details form."""
