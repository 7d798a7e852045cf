"""The built-in guide (F1) and the first-run tour."""
