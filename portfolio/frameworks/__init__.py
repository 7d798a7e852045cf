"""Qualification frameworks: the file format, its validation, and the bundled catalogue."""
